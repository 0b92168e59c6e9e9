import { defineConfig } from 'drizzle-kit';

// Migrations are generated from portal/db/schema (`npm run db:generate`) and applied by the portal at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './portal/db/schema/index.ts',
  out: './portal/db/migrations',
  strict: true,
  verbose: true,
});
