/**
 * A European Digital Credential under a QUALIFIED electronic seal, found on a Europass CV
 * (issue 4) among a mix of badges (issue 5), judged against EU trusted lists the extension fetched
 * and verified itself.
 *
 * The seal, its certificates, the RFC 3161 time-stamp, the OCSP response, a test List of Trusted
 * Lists and its ES trusted list (real XMLDSig) are made for this run by
 * tests/fixtures/edc/generate.mjs with `--now` (every date moved so the fixtures' "today" is the
 * real today: the lists are current and the certificates valid whatever day CI runs). The LOTL is
 * signed by a TEST key, so the test does what an administrator does when the Official Journal
 * announces new LOTL signers: it enters the LOTL address and its signing certificate on the
 * options page. The extension then fetches the LOTL and the ES list it points to, verifies both
 * signatures, and decides the seal: verified, A4 (qualified seal, CA/QC granted for seals in ES).
 *
 * The other credentials of the page are the mixed profile's (tests/fixture-web, expected.json
 * `profileMix`): an OB 3.0 badge of a did:web issuer no list names (the DCC registry is not
 * loaded here), an unlisted did:key badge, a revoked badge and a tampered one.
 * Screenshots: tests/e2e/screenshots/edc-qualified-*.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { expectCountsMatchRows, OptionsPage, PopupPage, ProfilePage } from './pages';

const LOTL = 'https://trust.credlens.test/eu-lotl.xml';
const ES_LIST = 'https://trust.credlens.test/ES/TSL_ES.xml';
const SHARE_ID = 'qualified0seal0fixture';
const SHARE = `https://europa.eu/europass/digital-credentials/viewer/#/shareview/${SHARE_ID}`;
const PRESENTATION = `https://europa.eu/europass/digital-credentials/viewer/api/v1/sharelinks/${SHARE_ID}/presentation`;
const CV = 'https://europa.eu/europass/eportfolio/screen/cv/ana-tester-fixture';

interface MixCredential {
  url: string;
  verdict: string;
  authenticity: string;
}
const mix = (
  JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as {
    profileMix: { credentials: Record<'registry' | 'didKey' | 'revoked' | 'tampered', MixCredential> };
  }
).profileMix.credentials;
/** The share link resolves to the shared presentation: the popup, summary and record name that. */
const QUALIFIED: MixCredential & { title: string } = {
  url: PRESENTATION,
  title: 'Research Data Stewardship',
  verdict: 'verified',
  authenticity: 'A4',
};
const ALL: MixCredential[] = [QUALIFIED, mix.registry, mix.didKey, mix.revoked, mix.tampered];

const cvPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ana Tester: Europass CV (fixture)</title></head>
<body><header>Europass · Curriculum vitae (fixture)</header><main>
<section><h2>Ana Tester</h2><p>Research data steward · Madrid, Spain</p></section>
<section><h2>Education and training</h2>
<h3>Research Data Stewardship (EQF 6)</h3>
<p>European Digital Credential: <a href="${SHARE}">view it in Europass</a></p></section>
<section><h2>Digital credentials</h2><ul>
<li><a href="${mix.registry.url}">Research Data Stewardship badge</a></li>
<li><a href="${mix.didKey.url}">Peer Mentor</a></li>
<li><a href="${mix.revoked.url}">Research Software Engineering</a></li>
<li><a href="${mix.tampered.url}">MLOps</a></li>
</ul></section>
</main></body></html>`;

let dir = '';
let signers: string[] = [];

test.beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'credlens-edc-'));
  const gen = spawnSync(
    process.execPath,
    [resolve('tests/fixtures/edc/generate.mjs'), '--now', new Date().toISOString(), '--out', dir],
    { encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`EDC fixture generator failed: ${gen.stderr}`);
  signers = (
    JSON.parse(readFileSync(join(dir, 'trust/lotl-signers.json'), 'utf8')) as { certificates: { der: string }[] }
  ).certificates.map((c) => c.der);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.beforeEach(({ web }) => {
  const tsl = 'application/vnd.etsi.tsl+xml';
  web.serve(LOTL, readFileSync(join(dir, 'trust/eu-lotl.xml')), tsl);
  web.serve(ES_LIST, readFileSync(join(dir, 'trust/TSL_ES.xml')), tsl);
  web.serve(PRESENTATION, readFileSync(join(dir, 'edc-jades-qualified.json')), 'application/json');
  web.serve(CV, cvPage, 'text/html; charset=utf-8');
});

/** Options page: the test LOTL's address and signer; saving fetches and verifies the EU lists. */
async function configureLotl(options: OptionsPage, certs: string[]): Promise<void> {
  const pem = certs
    .map((c) => `-----BEGIN CERTIFICATE-----\n${c.replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----`)
    .join('\n');
  await options.page.getByTestId('eu-lotl-url').fill(LOTL);
  await options.page.getByTestId('eu-lotl-signers').fill(pem);
  await options.page.getByTestId('eu-lotl-save').click();
}

test('Europass CV: a qualified-seal EDC is verified at A4 against the EU lists; popup, report, summary, export', async ({
  context,
  serviceWorker,
  extensionId,
  web,
}) => {
  test.setTimeout(150_000);
  const options = await OptionsPage.open(context, extensionId);
  // A fresh install starts from the bundled snapshot (real EU lists, older than a refresh).
  await expect(options.source('eu-lotl')).toContainText('bundled snapshot');
  await configureLotl(options, signers);
  const eu = options.source('eu-lotl');
  await expect(eu).toHaveAttribute('data-status', 'fresh', { timeout: 30_000 });
  await expect(eu.getByTestId('source-error')).toHaveCount(0);
  await expect(eu).not.toContainText('bundled snapshot');
  expect(web.requests.some((r) => r.host === 'trust.credlens.test' && r.path === '/ES/TSL_ES.xml')).toBe(true);
  await options.page.screenshot({ path: join(SCREENSHOTS, 'edc-qualified-options.png'), fullPage: true });

  const page = await context.newPage();
  await page.goto(CV);
  const profile = new ProfilePage(page);
  await expect(profile.marks()).toHaveCount(ALL.length);
  const tabId = await profile.tabId(serviceWorker);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await popup.waitUntilChecked();
  await expect(popup.rows()).toHaveCount(ALL.length);
  for (const c of ALL) {
    await expect(popup.row(c.url).getByTestId('verdict'), c.url).toHaveAttribute('data-verdict', c.verdict);
    await expect(popup.row(c.url).getByTestId('row-levels'), c.url).toHaveAttribute('data-authenticity', c.authenticity);
  }
  await expect(popup.row(QUALIFIED.url)).toContainText(QUALIFIED.title);
  await expect(popup.row(QUALIFIED.url)).toContainText('Europass');
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'edc-qualified-popup.png'), fullPage: true });

  // The report: the seal's checks, the level with its evidence, the ELM elements.
  const [report] = await Promise.all([context.waitForEvent('page'), popup.row(QUALIFIED.url).getByRole('link').click()]);
  await report.waitForLoadState();
  await expect(report.getByTestId('report-verdict')).toHaveAttribute('data-verdict', 'verified');
  await expect(report.getByTestId('authenticity')).toHaveAttribute('data-level', 'A4');
  for (const id of ['proof.signature', 'proof.timestamp', 'issuer.identity', 'status.revocation', 'issuer.qualification']) {
    await expect(report.locator(`[data-testid="check-row"][data-check-id="${id}"]`), id).toHaveAttribute('data-status', 'passed');
  }
  await expect(report.locator('[data-testid="check-row"][data-check-id="issuer.qualification"]')).toContainText(/qualified/i);
  await expect(report.getByTestId('trust-data')).toContainText('EU trusted lists');
  const el = (key: string) => report.locator(`[data-testid="element-row"][data-key="${key}"]`);
  await expect(el('title')).toContainText('Research Data Stewardship');
  await expect(el('learner')).toContainText('Ana');
  await expect(el('awardingBody')).toContainText('CredLens Test University');
  await expect(el('country')).toContainText(/Spain|ES/);
  await expect(el('level')).toContainText('6');
  await report.screenshot({ path: join(SCREENSHOTS, 'edc-qualified-report.png'), fullPage: true });

  // The profile summary and the export record.
  const summary = await context.newPage();
  await summary.goto(`chrome-extension://${extensionId}/summary.html?tab=${tabId}`);
  await expect(summary.getByTestId('summary-row')).toHaveCount(ALL.length, { timeout: 30_000 });
  for (const c of ALL)
    await expect(summary.locator(`[data-testid="summary-row"][data-url="${c.url}"]`)).toHaveAttribute('data-verdict', c.verdict);
  await expectCountsMatchRows(summary);
  await expect(summary.getByTestId('summary-eqf')).toContainText('EQF 6');
  await summary.screenshot({ path: join(SCREENSHOTS, 'edc-qualified-summary.png'), fullPage: true });
  const [download] = await Promise.all([summary.waitForEvent('download'), summary.getByTestId('summary-export-json').click()]);
  const record = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
    credentials: { source: string; verdict: string; authenticity: { level: string } }[];
    trustData?: unknown;
  };
  const got = record.credentials.find((r) => r.source === QUALIFIED.url);
  expect(got?.verdict).toBe('verified');
  expect(got?.authenticity.level).toBe('A4');
  expect(JSON.stringify(record)).toContain('EU trusted lists');
});

test('with the shipped LOTL signers, a LOTL signed by another key is refused and the seal is not called qualified', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const options = await OptionsPage.open(context, extensionId);
  await configureLotl(options, []); // the address only: the shipped signers stay
  const eu = options.source('eu-lotl');
  await expect(eu.getByTestId('source-error')).toContainText(/cannot be trusted/, { timeout: 30_000 });
  await expect(eu).toContainText('bundled snapshot');

  const page = await context.newPage();
  await page.goto(CV);
  await expect(new ProfilePage(page).marks()).toHaveCount(ALL.length);
  const popup = await PopupPage.open(context, extensionId, await new ProfilePage(page).tabId(serviceWorker));
  await popup.waitUntilChecked();
  const row = popup.row(QUALIFIED.url);
  await expect(row.getByTestId('verdict')).toHaveAttribute('data-verdict', /^(verified-untrusted|unverifiable)$/);
  await expect(row.getByTestId('row-levels')).not.toHaveAttribute('data-authenticity', /A[34]/);
});
