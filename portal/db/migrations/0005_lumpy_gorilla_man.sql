CREATE TABLE "ticket_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"redaction" jsonb NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by_login" text,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_attachments_kind_check" CHECK ("ticket_attachments"."kind" in ('server-log', 'console-log', 'diagnostics', 'file')),
	CONSTRAINT "ticket_attachments_size_check" CHECK ("ticket_attachments"."size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ticket_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"author_login" text,
	"author_name" text,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "tickets_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1001 CACHE 1),
	"subject" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"system" text NOT NULL,
	"severity" text NOT NULL,
	"proposed_severity" text NOT NULL,
	"severity_reason" text,
	"answers" jsonb NOT NULL,
	"area" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"contact" jsonb NOT NULL,
	"support_package" text NOT NULL,
	"first_response_due_at" timestamp (3) with time zone,
	"response_clock" text,
	"first_response_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"created_by_id" uuid,
	"created_by_login" text,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tickets_status_check" CHECK ("tickets"."status" in ('open', 'closed')),
	CONSTRAINT "tickets_system_check" CHECK ("tickets"."system" in ('production', 'test', 'dev')),
	CONSTRAINT "tickets_severity_check" CHECK ("tickets"."severity" in ('critical', 'major', 'other')),
	CONSTRAINT "tickets_proposed_severity_check" CHECK ("tickets"."proposed_severity" in ('critical', 'major', 'other')),
	CONSTRAINT "tickets_support_package_check" CHECK ("tickets"."support_package" in ('starter', 'advanced', 'professional', 'premium')),
	CONSTRAINT "tickets_critical_only_production" CHECK ("tickets"."severity" <> 'critical' or "tickets"."system" = 'production')
);
--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_attachments_ticket_idx" ON "ticket_attachments" USING btree ("ticket_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_attachments_idempotency_key_unique" ON "ticket_attachments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "ticket_comments_ticket_idx" ON "ticket_comments" USING btree ("ticket_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_comments_idempotency_key_unique" ON "ticket_comments" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_idempotency_key_unique" ON "tickets" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_unique" ON "tickets" USING btree ("number");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_status_created_idx" ON "tickets" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);