CREATE TABLE "support_agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"login" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "support_agents_login_unique" ON "support_agents" USING btree (lower("login"));--> statement-breakpoint
CREATE TABLE "agent_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_sessions" ADD CONSTRAINT "agent_sessions_agent_id_support_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."support_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_sessions_agent_idx" ON "agent_sessions" USING btree ("agent_id");--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD COLUMN "author_kind" text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD COLUMN "kind" text DEFAULT 'message' NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD COLUMN "read_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "ticket_comments" SET "read_at" = "created_at";--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_kind_check" CHECK ("ticket_comments"."author_kind" in ('admin', 'agent'));--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_kind_check" CHECK ("ticket_comments"."kind" in ('message', 'info-request'));--> statement-breakpoint
CREATE INDEX "ticket_comments_unread_idx" ON "ticket_comments" USING btree ("ticket_id") WHERE "read_at" is null;--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_status_check";--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_status_check" CHECK ("tickets"."status" in ('open', 'in-progress', 'waiting-for-customer', 'solved', 'closed'));
