CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"login" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"language" text DEFAULT 'de' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"password_hash" text,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp (3) with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"last_login_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_language_check" CHECK ("users"."language" in ('de', 'en')),
	CONSTRAINT "users_failed_attempts_check" CHECK ("users"."failed_attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_login" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "portal_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"track" text DEFAULT 'silent' NOT NULL,
	"environment" text DEFAULT 'prod' NOT NULL,
	"time_zone" text DEFAULT 'Europe/Berlin' NOT NULL,
	"support_package" text DEFAULT 'starter' NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "portal_settings_singleton" CHECK ("portal_settings"."id" = 1),
	CONSTRAINT "portal_settings_track_check" CHECK ("portal_settings"."track" in ('silent', 'steady')),
	CONSTRAINT "portal_settings_environment_check" CHECK ("portal_settings"."environment" in ('prod', 'test', 'dev')),
	CONSTRAINT "portal_settings_support_package_check" CHECK ("portal_settings"."support_package" in ('starter', 'advanced', 'professional', 'premium'))
);
--> statement-breakpoint
CREATE TABLE "security_policy" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"document" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "security_policy_singleton" CHECK ("security_policy"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "principal_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"container_id" uuid NOT NULL,
	"member_user_id" uuid,
	"member_principal_id" uuid,
	CONSTRAINT "principal_members_exactly_one_member" CHECK (("principal_members"."member_user_id" is null) <> ("principal_members"."member_principal_id" is null)),
	CONSTRAINT "principal_members_not_self" CHECK ("principal_members"."member_principal_id" is distinct from "principal_members"."container_id")
);
--> statement-breakpoint
CREATE TABLE "principals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "principals_kind_check" CHECK ("principals"."kind" in ('group', 'role', 'distribution_list'))
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principal_members" ADD CONSTRAINT "principal_members_container_id_principals_id_fk" FOREIGN KEY ("container_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principal_members" ADD CONSTRAINT "principal_members_member_user_id_users_id_fk" FOREIGN KEY ("member_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principal_members" ADD CONSTRAINT "principal_members_member_principal_id_principals_id_fk" FOREIGN KEY ("member_principal_id") REFERENCES "public"."principals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_lower_unique" ON "users" USING btree (lower("login"));--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_log_at_id_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "principal_members_user_unique" ON "principal_members" USING btree ("container_id","member_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "principal_members_principal_unique" ON "principal_members" USING btree ("container_id","member_principal_id");--> statement-breakpoint
CREATE INDEX "principal_members_user_idx" ON "principal_members" USING btree ("member_user_id");--> statement-breakpoint
CREATE INDEX "principal_members_principal_idx" ON "principal_members" USING btree ("member_principal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "principals_kind_name_unique" ON "principals" USING btree ("kind",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "applications_name_unique" ON "applications" USING btree (lower("name"));