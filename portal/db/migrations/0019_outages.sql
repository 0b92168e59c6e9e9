CREATE TABLE "outages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"severity" text NOT NULL,
	"cause" text NOT NULL,
	"customer_component" boolean DEFAULT false NOT NULL,
	"recorded_by" text NOT NULL,
	"closed_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "outages_severity_check" CHECK ("outages"."severity" in ('critical', 'major', 'other')),
	CONSTRAINT "outages_end_after_start" CHECK ("outages"."ended_at" is null or "outages"."ended_at" > "outages"."started_at")
);
--> statement-breakpoint
CREATE INDEX "outages_started_idx" ON "outages" USING btree ("started_at" DESC NULLS LAST,"id" DESC NULLS LAST);
