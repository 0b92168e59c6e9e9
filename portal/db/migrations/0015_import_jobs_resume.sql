ALTER TABLE "import_jobs" ADD COLUMN "planned" jsonb;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "planned_done" integer DEFAULT 0 NOT NULL;