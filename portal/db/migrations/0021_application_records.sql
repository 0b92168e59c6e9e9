CREATE TABLE "application_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"data_group_id" text NOT NULL,
	"parent_record_id" uuid,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"changed_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_records" ADD CONSTRAINT "application_records_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "application_records" ADD CONSTRAINT "application_records_parent_record_id_fk" FOREIGN KEY ("parent_record_id") REFERENCES "public"."application_records"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "application_records_group_idx" ON "application_records" USING btree ("application_id","data_group_id","created_at","id");
--> statement-breakpoint
CREATE INDEX "application_records_parent_idx" ON "application_records" USING btree ("parent_record_id") WHERE "parent_record_id" is not null;
