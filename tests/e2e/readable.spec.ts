/**
 * Readable values and screens, in real Chromium: dates with month names, "2 ECTS credits", yes/no
 * facts as statements, the learner as a holder key, source paths folded under each value (keyboard
 * usable), nothing wider than the page at 360 px and 1280 px, the sealed EDC's header line, the
 * candidate's e-mail on the report page, the printable record, and the options page on a fresh
 * install. Screenshots: tests/e2e/screenshots/readable-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { OptionsPage, overflowing, ReportPage } from './pages';

const ELM = resolve('../shared/vectors/ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)');
const EDC_SAMPLE = join(ELM, 'Sample-MC-Annex1-signed.jsonld');
const OB3_DID_LEARNER = resolve('tests/fixtures/vc/ob3-di-didkey.json');
const OB2_HASHED_EMAIL = join(GENERATED, 'signed-valid.jws');
const MONTHS = /January|February|March|April|May|June|July|August|September|October|November|December/;

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

async function checkFile(report: ReportPage, file: string): Promise<void> {
  await report.verifyFile(file);
  await expect(report.verdict()).toHaveAttribute('data-verdict', /.+/, { timeout: 30_000 });
  await expect(
    report.page.getByTestId('elements-table').or(report.page.getByText('No standard elements')),
  ).toBeVisible();
}

test('EDC report: readable values, sealed-by / awarded-by, paths folded, no overflow at 1280 and 360 px', async ({
  context,
  extensionId,
}) => {
  const report = await ReportPage.open(context, extensionId);
  await report.page.setViewportSize({ width: 1280, height: 900 });
  await checkFile(report, EDC_SAMPLE);
  const page = report.page;

  await expect(page.getByTestId('report-issuer-line')).toContainText(
    'Sealed with a certificate naming “ORGANIZACION TEST” · names University of Zed as awarding body (neither confirmed)',
  );
  await expect(page.getByTestId('report-issued')).toHaveText(MONTHS);
  await expect(page.getByTestId('report-issued')).not.toContainText('T13:54');
  await expect(page.getByTestId('report-checked')).toHaveText(/\d{1,2}:\d\d/);
  await expect(page.getByTestId('report-checked')).toHaveText(MONTHS);
  await expect(report.element('workload')).toContainText('2 ECTS credits');
  await expect(report.element('workload')).not.toContainText('European Credit Transfer System');
  await expect(report.element('stackability')).toContainText('A full qualification in its own right');
  await expect(report.element('stackability')).not.toContainText(/\b(true|false)\b/);
  await expect(report.element('issuedOn')).toContainText(MONTHS);

  // No "Source field" column: the path is folded under the value, closed until asked for.
  await expect(page.locator('[data-testid="elements-table"] thead th')).toHaveCount(3);
  await expect(page.getByTestId('elements-table')).not.toContainText('Source field');
  const where = report.element('learningOutcomes').getByTestId('element-source');
  await expect(where.locator('code').first()).toBeHidden();
  await where.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(where.locator('code').first()).toBeVisible();
  await expect(where.locator('code').first()).toContainText('specifiedBy.learningOutcome');

  expect(await overflowing(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'readable-edc-1280.png'), fullPage: true });
  await page.locator('.report__head').screenshot({ path: join(SCREENSHOTS, 'readable-edc-header.png') });
  await page
    .getByTestId('elements-table')
    .screenshot({ path: join(SCREENSHOTS, 'readable-edc-elements.png') });

  await page.setViewportSize({ width: 360, height: 780 });
  expect(await overflowing(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'readable-edc-360.png'), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, 'readable-edc-360-top.png') });
  await page
    .getByTestId('elements-table')
    .screenshot({ path: join(SCREENSHOTS, 'readable-edc-360-elements.png') });
});

test('OB 3.0 with a DID learner: "holder key (DID)", the DID in a detail', async ({
  context,
  extensionId,
}) => {
  const report = await ReportPage.open(context, extensionId);
  await report.page.setViewportSize({ width: 1280, height: 900 });
  await checkFile(report, OB3_DID_LEARNER);
  const learner = report.page.getByTestId('report-learner');
  await expect(learner).toContainText('holder key (DID)');
  await expect(learner.locator('code')).toBeHidden();
  await learner.locator('summary').click();
  await expect(learner.locator('code')).toHaveText('did:example:learner-1');
  await expect(report.element('learner')).toContainText('holder key (DID)');
  expect(await overflowing(report.page)).toEqual([]);
  await report.page.screenshot({ path: join(SCREENSHOTS, 'readable-ob3-did.png'), fullPage: true });
});

test('report page: the candidate’s e-mail re-checks a hashed recipient; the record prints every part', async ({
  context,
  extensionId,
}) => {
  const report = await ReportPage.open(context, extensionId);
  await report.page.setViewportSize({ width: 1280, height: 900 });
  await checkFile(report, OB2_HASHED_EMAIL);
  const page = report.page;
  const recipient = page.locator('[data-testid="check-row"][data-check-id="recipient.match"]');
  await expect(page.getByTestId('report-learner')).toContainText('hashed e-mail');
  await expect(recipient).toHaveAttribute('data-status', 'skipped');

  await page.getByTestId('report-email').fill('not-an-address');
  await page.getByTestId('report-email-check').click();
  await expect(page.getByTestId('report-email-status')).toContainText('Enter an e-mail address');

  await page.getByTestId('report-email').fill('someone.else@example.com');
  await page.getByTestId('report-email-check').click();
  await expect(recipient).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('report-email-status')).toContainText('someone.else@example.com');

  await page.getByTestId('report-email').fill('Jane.Doe@example.com');
  await page.getByTestId('report-email-check').press('Enter');
  await expect(recipient).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  await expect(page.getByTestId('report-email-status')).toContainText('awarded to Jane.Doe@example.com');
  await page.screenshot({ path: join(SCREENSHOTS, 'readable-email-check.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  expect(await overflowing(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'readable-email-check-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  const [printable] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('export-print').click(),
  ]);
  await printable.waitForLoadState();
  const cred = printable.locator('section.cred');
  await expect(cred).toHaveCount(1);
  await expect(cred.locator('h2')).toHaveText('SQL Basics');
  await expect(cred.locator('p.verdict')).toContainText('Authentic, issuer not on your lists');
  const facts = cred.locator('table.facts');
  for (const label of [
    'Learner',
    'Issuer',
    'Issued',
    'Checked',
    'Who stands behind it',
    'Quality assurance',
    'Trust data used',
  ])
    await expect(facts.locator('th', { hasText: label }), label).toHaveCount(1);
  await expect(facts).toContainText('hashed e-mail');
  await expect(facts).toContainText(MONTHS);
  await expect(cred.locator('table.elements tbody tr')).toHaveCount(16);
  await expect(cred.locator('table.checks')).toContainText('awarded to Jane.Doe@example.com');
  await expect(cred).toContainText('Addresses contacted');
  await printable.screenshot({ path: join(SCREENSHOTS, 'readable-record.png'), fullPage: true });
  await printable.emulateMedia({ media: 'print' });
  await printable.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  expect(await overflowing(printable)).toEqual([]);
  await printable.screenshot({ path: join(SCREENSHOTS, 'readable-record-print.png'), fullPage: true });
});

test('options page on a fresh install: each source’s state in calm words', async ({
  context,
  extensionId,
}) => {
  const options = await OptionsPage.open(context, extensionId);
  await options.page.setViewportSize({ width: 1280, height: 900 });
  const calm =
    /^(Not fetched yet|Refreshing…|Up to date \(fetched .+\)|Stale since .+, used offline|Copy bundled with CredLens \(.+\), used until the first refresh|Failed: .+|Asked online)$/;
  const rows = options.page.getByTestId('source-row');
  await expect(rows).toHaveCount(6);
  for (const row of await rows.all()) {
    const state = row.locator('td').first().locator('.status');
    await expect(state).toHaveText(calm);
    await expect(state).not.toHaveText(/ERR_|undefined|NaN|Invalid Date/);
  }
  await expect(options.source('eu-lotl').locator('.status')).toHaveText(
    /Copy bundled with CredLens \(.*\d{4}\)/,
  );
  await expect(options.source('deqar').locator('.status')).toHaveText(/bundled|Up to date/);
  await expect(options.source('ebsi-tir').locator('.status')).toHaveText('Asked online');
  await options.page.screenshot({ path: join(SCREENSHOTS, 'readable-options-fresh.png'), fullPage: true });

  // A refresh that cannot reach its source says why in plain words (the recorded reason in a tooltip).
  await options.source('dcc-member').getByTestId('source-refresh').click();
  await expect(options.source('dcc-member').locator('.status')).toHaveText(/^Failed: (?!.*ERR_)/, {
    timeout: 30_000,
  });
  await options.page.screenshot({ path: join(SCREENSHOTS, 'readable-options-failed.png'), fullPage: true });
});
