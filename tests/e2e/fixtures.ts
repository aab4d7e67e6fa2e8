/**
 * Playwright fixtures: the fixture web (one per worker) and, per test, a fresh Chromium
 * profile with the built extension loaded and every fixture host mapped to the server.
 * Builds nothing: run `npx wxt build` before the e2e tests.
 */
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServer, type FixtureWeb } from '../fixture-web/server.mjs';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const SCREENSHOTS = resolve('tests/e2e/screenshots');
export const GENERATED = resolve('tests/fixture-web/generated');

interface TestFixtures {
  /** The browser's UI language (`test.use({ uiLang: 'de' })`): the extension speaks it. */
  uiLang: string;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export const test = base.extend<TestFixtures, { web: FixtureWeb }>({
  web: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const web = await startFixtureServer();
      await use(web);
      await web.close();
    },
    { scope: 'worker' },
  ],

  uiLang: ['en', { option: true }],

  context: async ({ web, uiLang }, use) => {
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npx wxt build\` first.`);
    }
    const profile = mkdtempSync(join(tmpdir(), 'credlens-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1100, height: 900 },
      locale: uiLang,
      // Chromium on Linux takes its UI language (and so the extension's i18n) from these.
      env: { ...process.env, LANGUAGE: uiLang, LANG: `${uiLang}.UTF-8` },
      args: [
        `--lang=${uiLang}`,
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=${web.resolverRules}`,
        // Playwright's ignoreHTTPSErrors does not reach the extension's service worker.
        '--ignore-certificate-errors',
      ],
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },

  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },

  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;
