CREATE TABLE "application_access" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"default_level" text DEFAULT 'none' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "application_access_level_check" CHECK ("application_access"."default_level" in ('none', 'read', 'read_add', 'edit', 'manage'))
);
--> statement-breakpoint
CREATE TABLE "application_rights_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid,
	"principal_id" uuid,
	"level" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "application_rights_entries_one_principal" CHECK (("application_rights_entries"."user_id" is null) <> ("application_rights_entries"."principal_id" is null)),
	CONSTRAINT "application_rights_entries_level_check" CHECK ("application_rights_entries"."level" in ('none', 'read', 'read_add', 'edit', 'manage'))
);
--> statement-breakpoint
CREATE TABLE "function_permission_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"document" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "function_permission_settings_singleton" CHECK ("function_permission_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "org_unit_placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"user_id" uuid,
	"principal_id" uuid,
	CONSTRAINT "org_unit_placements_one_member" CHECK (("org_unit_placements"."user_id" is null) <> ("org_unit_placements"."principal_id" is null))
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "org_units_kind_check" CHECK ("org_units"."kind" in ('container', 'org_unit')),
	CONSTRAINT "org_units_not_own_parent" CHECK ("org_units"."parent_id" is distinct from "org_units"."id")
);
--> statement-breakpoint
ALTER TABLE "application_access" ADD CONSTRAINT "application_access_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_rights_entries" ADD CONSTRAINT "application_rights_entries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_rights_entries" ADD CONSTRAINT "application_rights_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_rights_entries" ADD CONSTRAINT "application_rights_entries_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_placements" ADD CONSTRAINT "org_unit_placements_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_placements" ADD CONSTRAINT "org_unit_placements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_placements" ADD CONSTRAINT "org_unit_placements_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "application_rights_entries_user_unique" ON "application_rights_entries" USING btree ("application_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "application_rights_entries_principal_unique" ON "application_rights_entries" USING btree ("application_id","principal_id");--> statement-breakpoint
CREATE INDEX "application_rights_entries_user_idx" ON "application_rights_entries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "application_rights_entries_principal_idx" ON "application_rights_entries" USING btree ("principal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_unit_placements_user_unique" ON "org_unit_placements" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_unit_placements_principal_unique" ON "org_unit_placements" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "org_unit_placements_unit_idx" ON "org_unit_placements" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_sibling_name_unique" ON "org_units" USING btree (coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name"));--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent_id");