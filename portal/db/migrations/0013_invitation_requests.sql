CREATE TABLE "invitation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text,
	"message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"decided_at" timestamp (3) with time zone,
	"decided_by_login" text,
	"invitation_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitation_requests" ADD CONSTRAINT "invitation_requests_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitation_requests_waiting_email_unique" ON "invitation_requests" USING btree (lower("email")) WHERE "invitation_requests"."decision" is null;--> statement-breakpoint
CREATE INDEX "invitation_requests_created_id_idx" ON "invitation_requests" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- New function-permission defaults (the security sheet's screen: members may add, no guest box ticked). A portal that
-- already exists and never saved its matrix read the old defaults: it keeps them, as its own stored matrix. A fresh
-- database has no portal_settings row yet at this point (the portal creates it after migrating) and takes the new ones.
INSERT INTO "function_permission_settings" ("id", "document") SELECT 1, '[{"function":"news","members":"admins_only","guests":"read"},{"function":"calendar","members":"add","guests":"read"},{"function":"contacts","members":"admins_only","guests":"none"},{"function":"databases","members":"admins_only","guests":"none"},{"function":"discussions","members":"add","guests":"none"},{"function":"documents","members":"add","guests":"none"},{"function":"photos","members":"add","guests":"none"},{"function":"tasks","members":"add","guests":"none"},{"function":"links","members":"add","guests":"read"},{"function":"surveys","members":"add","guests":"none"}]'::jsonb WHERE EXISTS (SELECT 1 FROM "portal_settings") ON CONFLICT DO NOTHING;