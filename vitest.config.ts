import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['{common,portal,main,preload,renderer,bench,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules', 'out', 'dist', 'e2e'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['./vitest.setup.ts'],
    // A stray .only would quietly run a fraction of the suite: refused in CI.
    allowOnly: !process.env.CI,
  },
});
