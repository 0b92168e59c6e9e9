CREATE TABLE "maintenance_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"start" timestamp (3) with time zone NOT NULL,
	"end" timestamp (3) with time zone NOT NULL,
	"announced_at" timestamp (3) with time zone NOT NULL,
	"announced_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "maintenance_announcements_end_after_start" CHECK ("maintenance_announcements"."end" > "maintenance_announcements"."start")
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"released_at" timestamp (3) with time zone NOT NULL,
	"tracks" text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"affects_customisations" boolean DEFAULT false NOT NULL,
	CONSTRAINT "releases_kind_check" CHECK ("releases"."kind" in ('major', 'minor', 'security'))
);
--> statement-breakpoint
CREATE TABLE "update_deferrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"until" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "update_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid,
	"version" text NOT NULL,
	"kind" text NOT NULL,
	"from_version" text NOT NULL,
	"applied_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone NOT NULL,
	"window_id" text,
	"outcome" text DEFAULT 'succeeded' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "update_history_kind_check" CHECK ("update_history"."kind" in ('major', 'minor', 'security')),
	CONSTRAINT "update_history_outcome_check" CHECK ("update_history"."outcome" in ('succeeded', 'rolled_back'))
);
--> statement-breakpoint
ALTER TABLE "update_deferrals" ADD CONSTRAINT "update_deferrals_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_history" ADD CONSTRAINT "update_history_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_announcements_start_idx" ON "maintenance_announcements" USING btree ("start");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_version_unique" ON "releases" USING btree ("version");--> statement-breakpoint
CREATE INDEX "releases_released_at_idx" ON "releases" USING btree ("released_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "update_deferrals_release_unique" ON "update_deferrals" USING btree ("release_id");--> statement-breakpoint
CREATE INDEX "update_history_applied_at_idx" ON "update_history" USING btree ("applied_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "update_history_release_idx" ON "update_history" USING btree ("release_id");