CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"size_bytes" bigint,
	"file" text,
	"storage" text,
	"sha256" text,
	"error" text,
	"requested_by_id" uuid,
	"requested_by" text,
	"removed_at" timestamp (3) with time zone,
	CONSTRAINT "backups_status_check" CHECK ("backups"."status" in ('running', 'succeeded', 'failed')),
	CONSTRAINT "backups_trigger_check" CHECK ("backups"."trigger" in ('manual', 'scheduled'))
);
--> statement-breakpoint
CREATE INDEX "backups_started_idx" ON "backups" USING btree ("started_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "backups_one_running" ON "backups" USING btree ("status") WHERE "backups"."status" = 'running';