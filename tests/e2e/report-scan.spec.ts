/**
 * Issue 6 / issue 3 in the UI: a CV PDF dropped on the report page lists the credentials
 * found in it (link, text URLs, QR code, attached files) with their verdicts; with the
 * `autoVerify` setting off (options page), nothing is verified until the user clicks
 * "Verify" — in the popup for a page's candidates, on the report page for a file's.
 * Expectations come from tests/fixture-web/generated/detect-expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { PopupPage, ProfilePage, ReportPage } from './pages';

interface Exp {
  platform: string;
  verdict?: string;
  noVerifiableForm?: boolean;
  where?: string;
}
interface Surface {
  url: string;
  file?: string;
  candidates: Record<string, Exp>;
}
const expected = JSON.parse(readFileSync(join(GENERATED, 'detect-expected.json'), 'utf8')) as Record<
  'job' | 'pdf',
  Surface
>;
const PDF = join(GENERATED, expected.pdf.file ?? '');
/** Any final verdict (not `pending`). */
const FINAL = /^(verified|verified-untrusted|expired|revoked|invalid|unverifiable)$/;

/** The found item for an expectation key: a candidate URL, or (embedded) its where-found. */
function scanItem(page: Page, key: string): Locator {
  return key.startsWith('https://')
    ? page.locator(`[data-testid="scan-item"][data-url="${key}"]`)
    : page.locator(`[data-testid="scan-item"][data-where="${key}"]`);
}

async function setAutoVerify(page: Page, extensionId: string, on: boolean): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const box = page.getByTestId('privacy-autoVerify');
  await expect(box).toBeEnabled();
  if ((await box.isChecked()) !== on) await box.click();
  await expect(box).toBeChecked({ checked: on });
}

async function storedAutoVerify(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const g = globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
    const s = (await g.chrome.storage.local.get('settings'))['settings'] as { autoVerify?: unknown } | undefined;
    return s?.autoVerify;
  });
}

test('CV PDF dropped on the report page: found credentials with where, platform and verdict', async ({
  context,
  extensionId,
}) => {
  const report = await ReportPage.open(context, extensionId);
  await report.verifyFile(PDF);
  const list = report.page.getByTestId('scan-results');
  await expect(list).toHaveAttribute('data-type', 'pdf', { timeout: 60_000 });
  const keys = Object.keys(expected.pdf.candidates);
  await expect(report.page.getByTestId('scan-item')).toHaveCount(keys.length);
  for (const [key, exp] of Object.entries(expected.pdf.candidates)) {
    const item = scanItem(report.page, key);
    await expect(item, key).toHaveCount(1);
    await expect(item).toHaveAttribute('data-platform', exp.platform);
    await expect(item).toHaveAttribute('data-where', exp.where ?? '');
    // Every item gets a verdict (autoVerify is on by default): none is left pending.
    const verdict = item.getByTestId('verdict');
    await expect(verdict, key).toHaveAttribute('data-verdict', FINAL, { timeout: 45_000 });
    if (exp.verdict !== undefined) await expect.soft(verdict, key).toHaveAttribute('data-verdict', exp.verdict);
    await expect(item.getByTestId('verify-button')).toHaveCount(0);
  }
  // Where found and platform, for people.
  const qrKey = keys.find((k) => expected.pdf.candidates[k]?.where === 'PDF page 2, QR code') ?? '';
  await expect(scanItem(report.page, qrKey).getByTestId('scan-item-meta')).toContainText('page 2, QR code');
  await expect(scanItem(report.page, qrKey).getByTestId('scan-item-platform')).toHaveText('Credly');
  const linkKey = keys.find((k) => expected.pdf.candidates[k]?.where === 'PDF page 1, link') ?? '';
  await expect(scanItem(report.page, linkKey).getByTestId('scan-item-meta')).toContainText('page 1, link');
  await expect(scanItem(report.page, linkKey).getByTestId('scan-item-platform')).toHaveText('Canvas Credentials (Badgr)');
  const edc = scanItem(report.page, 'attachment edc-diploma.jsonld');
  await expect(edc).toContainText('attached file edc-diploma.jsonld');
  await expect(edc).toContainText('File: edc-diploma.jsonld');
  const coursera = report.page.locator('[data-testid="scan-item"][data-platform="coursera"]');
  await expect(coursera.getByTestId('not-verifiable')).toHaveText(
    'Found, not verifiable: Coursera publishes no verifiable form',
  );
  await report.page.screenshot({ path: join(SCREENSHOTS, 'report-scan-pdf.png'), fullPage: true });

  // An item opens its full report in a new tab, as the popup's rows do.
  const [opened] = await Promise.all([
    context.waitForEvent('page'),
    scanItem(report.page, qrKey).getByRole('link').click(),
  ]);
  await expect(opened.getByTestId('report-verdict')).toHaveAttribute('data-verdict', 'revoked');
});

test('autoVerify off: a profile’s popup shows "Verify" buttons and verifies on click; so does a dropped CV', async ({
  context,
  serviceWorker,
  extensionId,
  web,
}) => {
  // The fixture web lives per worker: count only this test's requests.
  const seen = web.requests.length;
  const fetched = (host: string) => web.requests.slice(seen).filter((r) => r.host === host);
  const options = await context.newPage();
  await setAutoVerify(options, extensionId, false);
  await expect.poll(() => storedAutoVerify(options)).toBe(false);

  const page = await context.newPage();
  await page.goto(expected.job.url);
  const view = new ProfilePage(page);
  // A badge image counts once its baked data is read, which fetches it: with checks on request,
  // it is not listed (nor marked) until the recruiter asks to check everything.
  const all = Object.entries(expected.job.candidates);
  const candidates = all.filter(([, e]) => e.platform !== 'baked-image');
  await expect(view.marks()).toHaveCount(candidates.length);
  const tabId = await view.tabId(serviceWorker);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.rows()).toHaveCount(candidates.length);
  const verifiable = candidates.filter(([, e]) => e.noVerifiableForm !== true);
  await expect(popup.page.getByTestId('verify-button')).toHaveCount(verifiable.length);
  // Nothing was fetched for the waiting ones.
  const credly = candidates.find(([, e]) => e.platform === 'credly')?.[0] ?? '';
  expect(fetched('api.credly.com')).toEqual([]);
  // "Found, not verifiable" contacts nothing, so it is settled anyway.
  const coursera = popup.page.locator('[data-testid="credential-row"][data-platform="coursera"]');
  await expect(coursera.getByTestId('verdict')).toHaveAttribute('data-verdict', 'unverifiable');
  await expect(coursera.getByTestId('not-verifiable')).toContainText('Coursera publishes no verifiable form');
  // Platform names, not ids.
  await expect(popup.row(credly).getByTestId('row-platform')).toHaveText('Credly');
  const obf = candidates.find(([, e]) => e.platform === 'open-badge-factory')?.[0] ?? '';
  await expect(popup.row(obf).getByTestId('row-platform')).toHaveText('Open Badge Factory');
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'report-scan-popup-waiting.png') });

  await popup.row(credly).getByTestId('verify-button').click();
  await expect(popup.row(credly).getByTestId('verdict')).toHaveAttribute(
    'data-verdict',
    expected.job.candidates[credly]?.verdict ?? '',
    { timeout: 45_000 },
  );
  await expect(popup.row(credly).getByTestId('verify-button')).toHaveCount(0);
  await expect(popup.row(credly).getByTestId('row-levels')).toBeVisible();
  await expect(popup.page.getByTestId('verify-button')).toHaveCount(verifiable.length - 1);
  expect(fetched('api.credly.com').length).toBeGreaterThan(0);
  expect(fetched('openbadgefactory.com')).toEqual([]);
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'report-scan-popup-verified-one.png') });
  // "Verify all" also reads the badge image: it carries baked data, so it is listed and marked then.
  await popup.page.getByTestId('verify-all').click();
  await expect(popup.rows()).toHaveCount(all.length, { timeout: 45_000 });
  await expect(popup.page.locator('[data-testid="credential-row"][data-platform="baked-image"]')).toHaveCount(1);
  await expect(view.marks()).toHaveCount(all.length);

  // The same CV dropped on the report page: listed, verified only on "Verify".
  const report = await ReportPage.open(context, extensionId);
  await report.verifyFile(PDF);
  await expect(report.page.getByTestId('scan-results')).toBeVisible({ timeout: 60_000 });
  await expect(report.page.getByTestId('scan-auto-off')).toBeVisible();
  const qrKey =
    Object.keys(expected.pdf.candidates).find((k) => expected.pdf.candidates[k]?.where === 'PDF page 2, QR code') ?? '';
  const qr = scanItem(report.page, qrKey);
  await expect(qr.getByTestId('verdict')).toHaveCount(0);
  await expect(report.page.getByTestId('verify-button')).toHaveCount(
    Object.values(expected.pdf.candidates).filter((e) => e.noVerifiableForm !== true).length,
  );
  await qr.getByTestId('verify-button').click();
  await expect(qr.getByTestId('verdict')).toHaveAttribute('data-verdict', 'revoked', { timeout: 45_000 });
  const edc = scanItem(report.page, 'attachment edc-diploma.jsonld');
  await edc.getByTestId('verify-button').click();
  await expect(edc.getByTestId('verdict')).toHaveAttribute('data-verdict', FINAL, { timeout: 45_000 });
  await report.page.screenshot({ path: join(SCREENSHOTS, 'report-scan-pdf-auto-off.png'), fullPage: true });
});

test('a PDF open in the browser: the report page scans its address (the popup\'s "Scan this PDF")', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/report.html?scan=${encodeURIComponent(expected.pdf.url)}`);
  const list = page.getByTestId('scan-results');
  await expect(list).toHaveAttribute('data-type', 'pdf', { timeout: 60_000 });
  await expect(page.getByTestId('scan-item')).toHaveCount(Object.keys(expected.pdf.candidates).length);
  const qrKey = Object.keys(expected.pdf.candidates).find((k) => expected.pdf.candidates[k]?.where === 'PDF page 2, QR code') ?? '';
  await expect(scanItem(page, qrKey).getByTestId('verdict')).toHaveAttribute('data-verdict', 'revoked', { timeout: 45_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'report-scan-url.png'), fullPage: true });
});
