/**
 * What a recruiter does: open a profile, see the hints, open the popup, open a report,
 * check a file they were sent. Expected verdicts come from the generated fixtures.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_URL } from '../fixture-web/server.mjs';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { PopupPage, ProfilePage, ReportPage, type WorkerGlobals } from './pages';

interface Scenario {
  url?: string;
  endpoint?: string;
  file?: string;
  verdict: string;
  title?: string;
}
const expected = JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as Record<
  string,
  Scenario
> & {
  issuerId: string;
};
const scenario = (name: string): Scenario => {
  const s = expected[name];
  if (s === undefined || typeof s !== 'object') throw new Error(`no scenario ${name}`);
  return s;
};
/** The machine-readable URL the extension verifies for each scenario on the profile page. */
const target = (name: string): string => {
  const s = scenario(name);
  return s.endpoint ?? s.url ?? '';
};
const ON_PROFILE = ['credly-valid', 'credly-revoked', 'credly-tampered', 'badgr-valid', 'baked-valid'];

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('profile → inline marks → popup verdicts → report → drop a file', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  const pageRequests: string[] = [];
  page.on('request', (r) => pageRequests.push(r.url()));
  await page.goto(PROFILE_URL);
  const profile = new ProfilePage(page);

  // Inline hints: one per credential, including the entry the page adds later (incremental re-scan).
  await expect(profile.marks()).toHaveCount(ON_PROFILE.length);
  await expect
    .poll(async () => (await profile.markTexts()).filter((t) => t.includes('Checking')).length, {
      timeout: 45_000,
    })
    .toBe(0);
  const texts = await profile.markTexts();
  expect(texts.some((t) => t.includes('Revoked'))).toBe(true);
  // Soft: a wrong verdict for one scenario should not hide what the rest of the flow shows.
  expect
    .soft(
      texts.some((t) => t.includes('Not genuine')),
      `marks: ${texts.join(' | ')}`,
    )
    .toBe(true);
  await page.screenshot({ path: join(SCREENSHOTS, 'profile.png'), fullPage: true });

  // The content script fetched nothing: endpoints were contacted by the worker only.
  expect(pageRequests.filter((u) => /api\.credly\.com|api\.badgr\.io/.test(u))).toEqual([]);

  // Toolbar badge counts the credentials on the tab.
  const tabId = await profile.tabId(serviceWorker);
  const badge = await serviceWorker.evaluate(
    (id) => (globalThis as unknown as WorkerGlobals).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
  expect(badge).toBe(String(ON_PROFILE.length));

  // Popup: every credential with its verdict.
  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.rows()).toHaveCount(ON_PROFILE.length);
  await popup.waitUntilChecked();
  for (const name of ON_PROFILE) {
    await expect
      .soft(popup.row(target(name)).getByTestId('verdict'), name)
      .toHaveAttribute('data-verdict', scenario(name).verdict);
  }
  await expect(popup.row(target('credly-valid'))).toContainText(scenario('credly-valid').title ?? '');
  await expect(popup.row(target('credly-valid'))).toContainText('Northwind Academy');
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'popup.png') });

  // Click through to the full report of the valid Credly badge.
  const [reportTab] = await Promise.all([
    context.waitForEvent('page'),
    popup.row(target('credly-valid')).getByRole('link').click(),
  ]);
  const report = new ReportPage(reportTab);
  await expect(report.verdict()).toHaveAttribute('data-verdict', scenario('credly-valid').verdict);
  await expect(reportTab.getByRole('heading', { level: 1 })).toHaveText(scenario('credly-valid').title ?? '');
  await expect(reportTab.getByTestId('elements-table')).toBeVisible();
  for (const key of ['title', 'awardingBody', 'issuedOn']) {
    await expect(report.element(key), key).toHaveAttribute('data-status', 'present');
  }
  await expect(report.element('title')).toContainText('Data Analysis Foundations');
  await expect(reportTab.getByTestId('check-row').first()).toBeVisible();
  await reportTab.setViewportSize({ width: 1100, height: 900 });
  await reportTab.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });

  // The revoked one's report says so.
  const [revokedTab] = await Promise.all([
    context.waitForEvent('page'),
    popup.row(target('credly-revoked')).getByRole('link').click(),
  ]);
  await expect(new ReportPage(revokedTab).verdict()).toHaveAttribute('data-verdict', 'revoked');
  await expect(revokedTab.locator('[data-testid="check-row"][data-status="failed"]').first()).toBeVisible();
  await revokedTab.screenshot({ path: join(SCREENSHOTS, 'report-revoked.png'), fullPage: true });
});

test('check files the recruiter was sent: baked PNG, signed JWS, tampered JWS', async ({
  context,
  extensionId,
}) => {
  const report = await ReportPage.open(context, extensionId);
  await expect(report.page.getByTestId('drop-zone')).toBeVisible();
  await report.page.screenshot({ path: join(SCREENSHOTS, 'report-empty.png') });

  for (const name of ['baked-valid', 'signed-valid', 'signed-tampered']) {
    const s = scenario(name);
    await report.verifyFile(join(GENERATED, s.file ?? ''));
    await expect(report.verdict(), name).toHaveAttribute('data-verdict', s.verdict);
    if (s.title !== undefined)
      await expect(report.page.getByRole('heading', { level: 1 })).toHaveText(s.title);
    await report.page.screenshot({ path: join(SCREENSHOTS, `file-${name}.png`), fullPage: true });
  }
  // The last report survives a reload (stored in storage.session under ?id=).
  await report.page.reload();
  await expect(report.verdict()).toHaveAttribute('data-verdict', 'invalid');
});

test("with the organisation's allow-list, the valid badge is verified", async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await serviceWorker.evaluate(
    (issuerId) =>
      (globalThis as unknown as WorkerGlobals).chrome.storage.local.set({
        orgTrustList: { allow: [{ id: issuerId, name: 'Northwind Academy' }] },
      }),
    expected.issuerId,
  );
  const page = await context.newPage();
  await page.goto(PROFILE_URL);
  const profile = new ProfilePage(page);
  await expect(profile.marks()).toHaveCount(ON_PROFILE.length);
  const popup = await PopupPage.open(context, extensionId, await profile.tabId(serviceWorker));
  await popup.waitUntilChecked();
  await expect(popup.row(target('credly-valid')).getByTestId('verdict')).toHaveAttribute(
    'data-verdict',
    'verified',
  );
  await expect(popup.row(target('baked-valid')).getByTestId('verdict')).toHaveAttribute(
    'data-verdict',
    'verified',
  );
  await expect(popup.row(target('credly-revoked')).getByTestId('verdict')).toHaveAttribute(
    'data-verdict',
    'revoked',
  );
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'popup-allow-list.png') });
});
