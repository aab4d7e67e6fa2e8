import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The Firefox end-to-end tests (tests/firefox): one headless firefox-esr for the file, tests in
// order. Builds nothing: `npm run build:ext` first (they use .output/firefox-mv3).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
