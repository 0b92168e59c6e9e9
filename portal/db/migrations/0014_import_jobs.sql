CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"actor_id" uuid,
	"actor_login" text NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "import_jobs_state_check" CHECK ("import_jobs"."state" in ('running', 'done', 'failed', 'interrupted'))
);
--> statement-breakpoint
CREATE INDEX "import_jobs_started_idx" ON "import_jobs" USING btree ("started_at" DESC NULLS LAST);