CREATE FUNCTION "users_search_bigrams"("search_text" text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT coalesce(array_agg(DISTINCT substr("search_text", i, 2)), '{}') FROM generate_series(1, length("search_text") - 1) AS i $$;--> statement-breakpoint
CREATE INDEX "users_search_bigrams_idx" ON "users" USING gin ("users_search_bigrams"("search_text"));
