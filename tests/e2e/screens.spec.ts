/**
 * The screens a recruiter sees, in English and German, from the mixed profile (a registry-listed
 * issuer, a did:key badge, a revoked and a tampered badge, a sealed EDC): popup, three reports
 * and the profile summary. Each run keeps the pictures under tests/e2e/screenshots/screens-*.png
 * for a person to look at; the assertions check the screens speak the browser's language.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, GENERATED, SCREENSHOTS, test } from './fixtures';
import { OptionsPage, overflowing, PopupPage, ProfilePage } from './pages';

interface MixCredential {
  url: string;
  verdict: string;
}
interface ProfileMix {
  url: string;
  registry: { sourceId: string; gate: string };
  credentials: Record<'registry' | 'didKey' | 'revoked' | 'tampered' | 'edc', MixCredential>;
}
const mix = (JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as { profileMix: ProfileMix })
  .profileMix;
const creds = mix.credentials;

/** Words each language must show: the revoked headline and the third question. */
const WORDS: Record<string, { revoked: string; stillValid: string; summary: string }> = {
  en: { revoked: 'Revoked', stillValid: 'Still valid?', summary: 'Profile summary' },
  de: { revoked: 'Widerrufen', stillValid: 'Noch gültig?', summary: 'Profil' },
};

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));
test.beforeEach(({ web }) => web.setGate(mix.registry.gate, true));
test.afterEach(({ web }) => web.setGate(mix.registry.gate, false));

async function reportOf(context: BrowserContext, popup: PopupPage, url: string): Promise<Page> {
  const [page] = await Promise.all([context.waitForEvent('page'), popup.row(url).getByRole('link').click()]);
  await page.waitForLoadState();
  await expect(page.getByTestId('answers')).toBeVisible({ timeout: 30_000 });
  return page;
}

for (const lang of ['en', 'de'] as const) {
  test.describe(`screens in ${lang}`, () => {
    test.use({ uiLang: lang });

    test(`popup, reports and summary speak ${lang}`, async ({ context, serviceWorker, extensionId }) => {
      test.setTimeout(150_000);
      const words = WORDS[lang]!;
      const options = await OptionsPage.open(context, extensionId);
      await options.refreshSource(mix.registry.sourceId);
      await options.page.screenshot({
        path: join(SCREENSHOTS, `screens-${lang}-options.png`),
        fullPage: true,
      });

      const page = await context.newPage();
      await page.goto(mix.url);
      const profile = new ProfilePage(page);
      await expect(profile.marks()).toHaveCount(Object.keys(creds).length);
      const tabId = await profile.tabId(serviceWorker);
      const popup = await PopupPage.open(context, extensionId, tabId);
      await expect(popup.rows()).toHaveCount(Object.keys(creds).length);
      await popup.waitUntilChecked();
      await expect(popup.row(creds.revoked.url).getByTestId('verdict')).toContainText(words.revoked);
      await popup.page.screenshot({ path: join(SCREENSHOTS, `screens-${lang}-popup.png`), fullPage: true });

      for (const name of ['registry', 'didKey', 'revoked', 'edc'] as const) {
        const report = await reportOf(context, popup, creds[name].url);
        await expect(report.getByTestId('answers')).toContainText(words.stillValid);
        await expect(report.locator('html')).toHaveAttribute('lang', lang);
        await report.setViewportSize({ width: 1100, height: 900 });
        await report.screenshot({ path: join(SCREENSHOTS, `screens-${lang}-report-${name}.png`) });
        // Longer words (German) must still fit a narrow screen.
        await report.setViewportSize({ width: 360, height: 780 });
        expect(await overflowing(report), `${lang} ${name} at 360 px`).toEqual([]);
        await report.close();
      }

      const summary = await context.newPage();
      await summary.goto(`chrome-extension://${extensionId}/summary.html?tab=${tabId}`);
      await expect(summary.getByTestId('summary-row')).toHaveCount(Object.keys(creds).length, {
        timeout: 30_000,
      });
      await summary.screenshot({ path: join(SCREENSHOTS, `screens-${lang}-summary.png`), fullPage: true });
      await summary.setViewportSize({ width: 360, height: 780 });
      expect(await overflowing(summary), `${lang} summary at 360 px`).toEqual([]);
      await expect(popup.page.locator('html')).toHaveAttribute('lang', lang);
      expect(await overflowing(popup.page), `${lang} popup`).toEqual([]);
      await expect(summary.locator('h1')).toContainText(words.summary);
    });
  });
}
