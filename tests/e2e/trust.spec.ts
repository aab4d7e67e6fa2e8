/**
 * Trust and the recruiter's profile view: popup levels, report trust evidence and platform
 * attestation, profile summary counts, export record, options page (own allow list takes effect,
 * trust sources listed with status), screenshots of each surface.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PROFILE_URL } from '../fixture-web/server.mjs';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { expectCountsMatchRows, PopupPage, ProfilePage } from './pages';

const expected = JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as Record<string, { endpoint?: string; url?: string; verdict: string; title?: string }> & { issuerId: string };
const target = (name: string): string => expected[name]?.endpoint ?? expected[name]?.url ?? '';
const ON_PROFILE = ['credly-valid', 'credly-revoked', 'credly-tampered', 'badgr-valid', 'baked-valid'];

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

async function openProfile(page: Page): Promise<ProfilePage> {
  await page.goto(PROFILE_URL);
  const profile = new ProfilePage(page);
  await expect(profile.marks()).toHaveCount(ON_PROFILE.length);
  return profile;
}

test('popup levels, report evidence, profile summary, export record', async ({ context, serviceWorker, extensionId }) => {
  const profile = await openProfile(await context.newPage());
  const tabId = await profile.tabId(serviceWorker);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await popup.waitUntilChecked();
  const valid = popup.row(target('credly-valid'));
  await expect(valid.getByTestId('verdict')).toHaveAttribute('data-verdict', 'verified-untrusted');
  await expect(valid.getByTestId('row-levels')).toHaveAttribute('data-authenticity', /A[12]/);
  await expect(popup.row(target('credly-tampered')).getByTestId('row-levels')).toHaveAttribute('data-authenticity', 'A0');
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'trust-popup.png'), fullPage: true });

  // Report: the platform's word is labelled as such, trust data versions are listed.
  const [report] = await Promise.all([context.waitForEvent('page'), valid.getByRole('link').click()]);
  await report.waitForLoadState();
  await expect(report.getByTestId('platform-attestation')).toHaveAttribute('data-platform', 'credly');
  await expect(report.getByTestId('platform-attestation')).toContainText("platform's word, not a signature");
  await expect(report.getByTestId('trust-data')).toContainText('DEQAR');
  await expect(report.getByTestId('qa')).toHaveAttribute('data-level', /Q[0-3]/);
  const [download] = await Promise.all([report.waitForEvent('download'), report.getByTestId('export-json').click()]);
  const record = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as { format: string; createdAt: string; credentials: { verdict: string; trustData: unknown[] }[] };
  expect(record.format).toBe('credlens-verification-record/1');
  expect(record.credentials[0]?.verdict).toBe('verified-untrusted');
  expect(record.credentials[0]?.trustData.length).toBeGreaterThan(0);
  await report.screenshot({ path: join(SCREENSHOTS, 'trust-report.png'), fullPage: true });

  // Profile summary: counts by verdict, name hint, printable record.
  const summary = await context.newPage();
  await summary.goto(`chrome-extension://${extensionId}/summary.html?tab=${tabId}`);
  await expect(summary.getByTestId('summary-row')).toHaveCount(ON_PROFILE.length, { timeout: 30_000 });
  await expect(summary.getByTestId('summary-total')).toContainText(String(ON_PROFILE.length));
  await expect(summary.locator('[data-testid="summary-row"][data-verdict="revoked"]')).toHaveCount(1);
  await expect(summary.locator('[data-testid="summary-row"][data-verdict="invalid"]')).toHaveCount(1);
  await expect(summary.locator('[data-testid="summary-row"][data-verdict="verified-untrusted"]')).toHaveCount(3);
  const counts = await expectCountsMatchRows(summary);
  expect([counts.get('revoked'), counts.get('invalid')]).toEqual([1, 1]);
  await summary.getByTestId('profile-name').fill('Jane Doe');
  const [printable] = await Promise.all([context.waitForEvent('page'), summary.getByTestId('summary-export-print').click()]);
  await printable.waitForLoadState();
  await expect(printable.locator('section.cred')).toHaveCount(ON_PROFILE.length);
  await expect(printable.locator('h1')).toHaveText('CredLens verification record');
  await summary.screenshot({ path: join(SCREENSHOTS, 'trust-summary.png'), fullPage: true });
  await printable.screenshot({ path: join(SCREENSHOTS, 'trust-record.png'), fullPage: true });
});

test('options page: sources with status; an own allow-list entry makes the issuer trusted', async ({ context, serviceWorker, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('[data-testid="source-row"][data-source-id="deqar"]')).toHaveAttribute('data-status', /fresh|stale/);
  await expect(options.locator('[data-testid="source-row"][data-source-id="ebsi-tir"]')).toHaveAttribute('data-status', 'online');
  await expect(options.locator('[data-testid="source-row"]')).toHaveCount(6);
  await expect(options.locator('[data-testid="source-row"][data-source-id="eu-lotl"]')).toBeVisible();

  // A refresh that cannot reach the registry is recorded, not fatal.
  await options.locator('[data-testid="source-row"][data-source-id="dcc-member"] [data-testid="source-refresh"]').click();
  await expect(options.locator('[data-testid="source-row"][data-source-id="dcc-member"] [data-testid="source-error"]')).toBeVisible({ timeout: 30_000 });

  // Privacy toggle persists.
  await options.getByTestId('privacy-onlineRegistries').uncheck();
  await options.reload();
  await expect(options.getByTestId('privacy-onlineRegistries')).not.toBeChecked();

  // Own allow list: the Credly issuer of the fixtures.
  await options.getByTestId('own-add-id').fill(expected.issuerId);
  await options.getByTestId('own-add-name').fill('Northwind Academy');
  await options.getByTestId('own-add').click();
  await expect(options.locator(`[data-testid="own-entry"][data-entry-id="${expected.issuerId}"]`)).toBeVisible();
  await options.screenshot({ path: join(SCREENSHOTS, 'trust-options.png'), fullPage: true });

  const profile = await openProfile(await context.newPage());
  const tabId = await profile.tabId(serviceWorker);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await popup.waitUntilChecked();
  const valid = popup.row(target('credly-valid'));
  await expect(valid.getByTestId('verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(valid.getByTestId('row-levels')).toHaveAttribute('data-authenticity', 'A3');
  await expect(popup.row(target('credly-revoked')).getByTestId('verdict')).toHaveAttribute('data-verdict', 'revoked');
  const [report] = await Promise.all([context.waitForEvent('page'), valid.getByRole('link').click()]);
  await expect(report.locator('[data-testid="trust-hit"][data-list="allow"]')).toContainText('Northwind Academy');
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'trust-popup-allowed.png'), fullPage: true });
});
