ALTER TABLE "users" ADD COLUMN "activation_code_expires_at" timestamp (3) with time zone;--> statement-breakpoint
-- Codes issued before codes expired: from now on they have the usual 14 days.
UPDATE "users" SET "activation_code_expires_at" = now() + interval '14 days' WHERE "activation_code_hash" IS NOT NULL;
