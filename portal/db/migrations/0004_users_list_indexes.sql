CREATE INDEX "users_name_sort_idx" ON "users" USING btree (("display_name" collate "und-x-icu"),"id");--> statement-breakpoint
CREATE INDEX "users_email_sort_idx" ON "users" USING btree (("email" is null),(coalesce(lower("email"), '') collate "und-x-icu"),"id");--> statement-breakpoint
CREATE INDEX "users_last_login_sort_idx" ON "users" USING btree (coalesce("last_login_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "users_status_sort_idx" ON "users" USING btree ((case when not "enabled" then 2 when "locked_until" is not null then 1 else 0 end),("display_name" collate "und-x-icu"),"id");--> statement-breakpoint
CREATE INDEX "users_search_trgm_idx" ON "users" USING gin (lower("display_name" || ' ' || "login" || ' ' || coalesce("email", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_locked_until_idx" ON "users" USING btree ("locked_until") WHERE "users"."locked_until" is not null;