import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built extension (`npm run build:ext` first) in Debian Chromium.
// No browser download: tests/e2e/fixtures.ts launches CHROMIUM_PATH ?? /usr/bin/chromium.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: 0,
  // The JSON report feeds the closing "N passed, N failed" line of `npm test` (scripts/test-summary.mjs).
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e',
  use: { trace: 'retain-on-failure' },
});
