-- Trigram matching for the users' search-as-you-type index (PGlite loads the extension in portal/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
