/**
 * A profile with a mix of credentials (issue 5): an OB 3.0 badge from an issuer listed in a
 * DCC-format issuer registry, an unlisted did:key badge, a revoked and a tampered OB 3.0 badge,
 * and the real signed EDC sample from ../shared/vectors. Popup verdicts and A levels, the registry
 * trust hit in the report, the profile summary (counts, ECTS, EQF), the export record, and an
 * options-page switch that takes effect. Screenshots: tests/e2e/screenshots/profile-mix-*.png.
 *
 * The registry is served at the DCC Member Registry's own address by the fixture web, only while
 * the `dcc-registry` gate is open (other specs expect that registry to be unreachable).
 *
 * The EDC: its seal certificate expired on 2025-05-10 and its time-stamps come from a TSA that no
 * trusted list names, and the extension loads no EU trusted list by default, so today the honest
 * outcome is verified-untrusted at A1, not a qualified seal (see expected.json `profileMix.edc`).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { expectCountsMatchRows, OptionsPage, PopupPage, ProfilePage } from './pages';

interface MixCredential {
  url: string;
  title?: string;
  verdict: string;
  authenticity: string;
  listed?: { verdict: string; authenticity: string };
  ects?: number;
  eqf?: number;
}
interface ProfileMix {
  url: string;
  registry: { url: string; sourceId: string; gate: string; issuerId: string; issuerName: string };
  credentials: Record<'registry' | 'didKey' | 'revoked' | 'tampered' | 'edc', MixCredential>;
}

const mix = (JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as { profileMix: ProfileMix })
  .profileMix;
const creds = mix.credentials;
const ALL = Object.values(creds);

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));
test.beforeEach(({ web }) => web.setGate(mix.registry.gate, true));
test.afterEach(({ web }) => web.setGate(mix.registry.gate, false));

/** Options page: fetch the DCC Member Registry now (served by the fixture web while the gate is open). */
async function loadRegistry(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
  const options = await OptionsPage.open(context, extensionId);
  await options.refreshSource(mix.registry.sourceId);
  await expect(options.source(mix.registry.sourceId).getByTestId('source-error')).toHaveCount(0);
  return options;
}

async function openProfile(page: Page, worker: Worker): Promise<{ profile: ProfilePage; tabId: number }> {
  await page.goto(mix.url);
  const profile = new ProfilePage(page);
  await expect(profile.marks()).toHaveCount(ALL.length);
  return { profile, tabId: await profile.tabId(worker) };
}

test('mixed profile: popup verdicts and levels, registry hit in the report, summary, export', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(150_000);
  const options = await loadRegistry(context, extensionId);
  await options.page.screenshot({ path: join(SCREENSHOTS, 'profile-mix-options.png'), fullPage: true });

  const { tabId } = await openProfile(await context.newPage(), serviceWorker);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await popup.waitUntilChecked();
  await expect(popup.rows()).toHaveCount(ALL.length);
  for (const [name, c] of Object.entries(creds)) {
    const row = popup.row(c.url);
    const verdict = c.listed?.verdict ?? c.verdict;
    const level = c.listed?.authenticity ?? c.authenticity;
    await expect(row.getByTestId('verdict'), name).toHaveAttribute('data-verdict', verdict);
    await expect(row.getByTestId('row-levels'), name).toHaveAttribute('data-authenticity', level);
    await expect(row.getByTestId('row-levels'), name).toHaveAttribute('data-qa', /^Q[0-3]$/);
  }
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'profile-mix-popup.png'), fullPage: true });

  // Report of the registry issuer's badge: the registry hit is the trust evidence.
  const [report] = await Promise.all([
    context.waitForEvent('page'),
    popup.row(creds.registry.url).getByRole('link').click(),
  ]);
  await report.waitForLoadState();
  await expect(report.getByTestId('report-verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(report.getByTestId('authenticity')).toHaveAttribute('data-level', 'A3');
  const hit = report.locator('[data-testid="trust-hit"][data-list="allow"][data-kind="registry"]');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('DCC Member Registry');
  await expect(hit).toContainText(mix.registry.issuerName);
  await expect(report.getByTestId('trust-data')).toContainText('DCC Member Registry');
  await report.screenshot({ path: join(SCREENSHOTS, 'profile-mix-report.png'), fullPage: true });

  // Report of the EDC: the seal's result and level, the ELM elements, the claim tree, and the
  // issuer's own rendering shown apart from the verdict.
  const [edcReport] = await Promise.all([
    context.waitForEvent('page'),
    popup.row(creds.edc.url).getByRole('link').click(),
  ]);
  await edcReport.waitForLoadState();
  await expect(edcReport.getByTestId('report-verdict')).toHaveAttribute('data-verdict', creds.edc.verdict);
  await expect(edcReport.getByTestId('authenticity')).toHaveAttribute('data-level', creds.edc.authenticity);
  await expect(edcReport.getByTestId('part')).toContainText('Digital micro-credential creation');
  await expect(edcReport.getByTestId('part')).toContainText('EQF level 6');
  await expect(edcReport.getByTestId('issuer-rendering').locator('img')).toHaveCount(1);
  await expect(edcReport.getByTestId('issuer-rendering')).toContainText('not from this image');
  await edcReport.screenshot({ path: join(SCREENSHOTS, 'profile-mix-edc-report.png'), fullPage: true });

  // Profile summary: counts by verdict, ECTS and EQF (from the EDC), and the record of all five.
  const summary = await context.newPage();
  await summary.goto(`chrome-extension://${extensionId}/summary.html?tab=${tabId}`);
  await expect(summary.getByTestId('summary-row')).toHaveCount(ALL.length, { timeout: 30_000 });
  await expect(summary.getByTestId('summary-total')).toContainText(String(ALL.length));
  // Each row's verdict is the expected one; the cards count the rows by the headline they show.
  for (const c of ALL)
    await expect(summary.locator(`[data-testid="summary-row"][data-url="${c.url}"]`)).toHaveAttribute(
      'data-verdict',
      c.listed?.verdict ?? c.verdict,
    );
  await expectCountsMatchRows(summary);
  const ects = ALL.reduce((sum, c) => sum + (c.ects ?? 0), 0);
  await expect(summary.locator('[data-testid="summary-ects"] .card__num')).toHaveText(String(ects));
  await expect(summary.getByTestId('summary-eqf')).toHaveText(
    ALL.flatMap((c) => (c.eqf === undefined ? [] : [`EQF ${c.eqf}`])).join(', '),
  );
  for (const c of ALL) {
    await expect(summary.locator(`[data-testid="summary-row"][data-url="${c.url}"]`)).toHaveAttribute(
      'data-verdict',
      c.listed?.verdict ?? c.verdict,
    );
  }
  await summary.screenshot({ path: join(SCREENSHOTS, 'profile-mix-summary.png'), fullPage: true });

  const [download] = await Promise.all([
    summary.waitForEvent('download'),
    summary.getByTestId('summary-export-json').click(),
  ]);
  const record = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
    format: string;
    page?: string;
    credentials: {
      source: string;
      verdict: string;
      authenticity: { level: string };
      trust: { kind?: string; entryId: string }[];
    }[];
  };
  expect(record.format).toBe('credlens-verification-record/1');
  expect(record.page).toBe(mix.url);
  expect(record.credentials.map((c) => c.source).sort()).toEqual(ALL.map((c) => c.url).sort());
  for (const c of ALL) {
    const got = record.credentials.find((r) => r.source === c.url);
    expect(got?.verdict, c.url).toBe(c.listed?.verdict ?? c.verdict);
    expect(got?.authenticity.level, c.url).toBe(c.listed?.authenticity ?? c.authenticity);
  }
  expect(record.credentials.find((r) => r.source === creds.registry.url)?.trust).toContainEqual(
    expect.objectContaining({ kind: 'registry', entryId: mix.registry.issuerId }),
  );
});

test('options page: switching the DCC registry off makes its issuer unlisted again', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(150_000);
  const options = await loadRegistry(context, extensionId);
  const page = await context.newPage();
  const { tabId } = await openProfile(page, serviceWorker);
  let popup = await PopupPage.open(context, extensionId, tabId);
  await popup.waitUntilChecked();
  await expect(popup.row(creds.registry.url).getByTestId('verdict')).toHaveAttribute(
    'data-verdict',
    creds.registry.listed?.verdict ?? '',
  );
  await popup.page.close();

  const toggle = options.source(mix.registry.sourceId).getByTestId('source-toggle');
  await options.page.bringToFront();
  await toggle.uncheck();
  await options.page.reload();
  await expect(options.source(mix.registry.sourceId).getByTestId('source-toggle')).not.toBeChecked();

  await page.reload();
  await expect(new ProfilePage(page).marks()).toHaveCount(ALL.length);
  popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.rows()).toHaveCount(ALL.length);
  await popup.waitUntilChecked();
  const row = popup.row(creds.registry.url);
  await expect(row.getByTestId('verdict')).toHaveAttribute('data-verdict', creds.registry.verdict);
  await expect(row.getByTestId('row-levels')).toHaveAttribute(
    'data-authenticity',
    creds.registry.authenticity,
  );
  // The others do not depend on the registry.
  await expect(popup.row(creds.didKey.url).getByTestId('verdict')).toHaveAttribute(
    'data-verdict',
    creds.didKey.verdict,
  );
  await expect(popup.row(creds.revoked.url).getByTestId('verdict')).toHaveAttribute(
    'data-verdict',
    creds.revoked.verdict,
  );
  await popup.page.screenshot({
    path: join(SCREENSHOTS, 'profile-mix-popup-registry-off.png'),
    fullPage: true,
  });
  const [report] = await Promise.all([context.waitForEvent('page'), row.getByRole('link').click()]);
  await report.waitForLoadState();
  await expect(report.getByTestId('report-verdict')).toHaveAttribute('data-verdict', creds.registry.verdict);
  await expect(report.locator('[data-testid="trust-hit"][data-kind="registry"]')).toHaveCount(0);
});

test('inline marks tell the page nothing: one size whatever the verdict, and page CSS cannot hide, move or resize them', async ({
  context,
  serviceWorker,
}) => {
  const page = await context.newPage();
  const { profile } = await openProfile(page, serviceWorker);
  // Every mark shows its verdict (read through the DevTools protocol: the page cannot).
  await expect
    .poll(async () => (await profile.markTexts()).filter((t) => !/Checking|Not checked/.test(t)).length, {
      timeout: 30_000,
    })
    .toBe(ALL.length);
  expect(new Set(await profile.markTexts()).size).toBeGreaterThanOrEqual(3);
  // What the page can measure of its marks: the same box for every verdict.
  const measure = () =>
    page.evaluate(() =>
      [...document.getElementsByTagName('credlens-mark')].map((m) => {
        const r = m.getBoundingClientRect();
        const s = getComputedStyle(m);
        return `${r.width}x${r.height} ${s.display} ${s.visibility} ${s.opacity} ${m.shadowRoot === null}`;
      }),
    );
  expect(new Set(await measure())).toEqual(new Set(['18x18 inline-block visible 1 true']));
  await page.screenshot({
    path: join(SCREENSHOTS, 'profile-mix-marks.png'),
    clip: { x: 0, y: 0, width: 1100, height: 900 },
  });
  // Hostile page CSS, even !important, changes nothing.
  await page.addStyleTag({
    content:
      'credlens-mark { display: none !important; width: 300px !important; height: 1px !important; opacity: 0 !important; visibility: hidden !important; }',
  });
  expect(new Set(await measure())).toEqual(new Set(['18x18 inline-block visible 1 true']));

  // A click the page makes up opens nothing; the recruiter's click opens the report, in extension UI.
  await page.evaluate(() => (document.getElementsByTagName('credlens-mark')[0] as HTMLElement).click());
  const box = await profile.marks().first().boundingBox();
  expect(box).not.toBeNull();
  const [report] = await Promise.all([
    context.waitForEvent('page'),
    page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2),
  ]);
  await report.waitForLoadState();
  expect(report.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/report\.html\?id=/);
  await expect(report.getByTestId('report-verdict')).toHaveAttribute('data-verdict', /.+/);
  expect(context.pages().filter((p) => p.url().includes('/report.html'))).toHaveLength(1);
});
