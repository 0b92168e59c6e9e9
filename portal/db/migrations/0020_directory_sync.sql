CREATE TABLE "directory_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"config" jsonb NOT NULL,
	"bind_password" text,
	"version" integer DEFAULT 1 NOT NULL,
	"last_scheduled_at" timestamp (3) with time zone,
	CONSTRAINT "directory_settings_singleton" CHECK ("directory_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "directory_links" (
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"dn" text NOT NULL,
	"user_id" uuid,
	"principal_id" uuid,
	"org_unit_id" uuid,
	CONSTRAINT "directory_links_pk" PRIMARY KEY("kind","external_id"),
	CONSTRAINT "directory_links_kind_check" CHECK ("directory_links"."kind" in ('user', 'group', 'org_unit')),
	CONSTRAINT "directory_links_one_target" CHECK (num_nonnulls("directory_links"."user_id", "directory_links"."principal_id", "directory_links"."org_unit_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "directory_links" ADD CONSTRAINT "directory_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_links" ADD CONSTRAINT "directory_links_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_links" ADD CONSTRAINT "directory_links_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_links_user_unique" ON "directory_links" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_links_principal_unique" ON "directory_links" USING btree ("principal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_links_org_unit_unique" ON "directory_links" USING btree ("org_unit_id");--> statement-breakpoint
CREATE TABLE "directory_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"trigger" text NOT NULL,
	"state" text NOT NULL,
	"phase" text NOT NULL,
	"actor_id" uuid,
	"actor_login" text NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "directory_runs_kind_check" CHECK ("directory_runs"."kind" in ('dry_run', 'sync')),
	CONSTRAINT "directory_runs_trigger_check" CHECK ("directory_runs"."trigger" in ('manual', 'schedule')),
	CONSTRAINT "directory_runs_state_check" CHECK ("directory_runs"."state" in ('running', 'done', 'failed', 'needs_confirmation', 'interrupted'))
);
--> statement-breakpoint
CREATE INDEX "directory_runs_started_idx" ON "directory_runs" USING btree ("started_at" DESC NULLS LAST);
