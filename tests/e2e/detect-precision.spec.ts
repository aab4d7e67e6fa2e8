/**
 * What the content script counts and marks on a page (a recruiter's report): an issuer logo whose
 * alt text says "Badge" is no credential, a baked badge image is one once its baked data is read;
 * one credential shown four times (header, list, dialog, text) is one row and one count, marked
 * in every place; EDC files on a host no rule knows (`.xml` as `.jsonld`) are fetched, and labelled
 * as European Digital Credentials.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCREENSHOTS, expect, test } from './fixtures';
import { PopupPage, ProfilePage, type WorkerGlobals } from './pages';

const VECTORS = process.env['CREDLENS_VECTORS'] ?? resolve('../shared/vectors');
const PAGE = 'https://jobs.example.net/applications/4714/precision';
const COURSERA = 'https://www.coursera.org/account/accomplishments/verify/FX7K2M9Q4TZL';
const LOGO = 'https://www.example.org/logos/northwind-badge-academy.png';
const BADGE = 'https://www.example.org/badges/northwind-data-analysis.png';
const EDC_XML = 'https://credentials.example.edu/diplomas/edc/jane-doe-bachelor.xml';
const EDC_JSONLD = 'https://credentials.example.edu/diplomas/edc/jane-doe-bachelor.jsonld';

test('one credential shown four times counts once; a logo saying "Badge" is no credential; EDC .xml and .jsonld links are fetched', async ({
  context,
  serviceWorker,
  extensionId,
  web,
}) => {
  web.serve(LOGO, readFileSync(join(VECTORS, 'mozilla-openbadges-bakery/unbaked.png')), 'image/png');
  web.serve(
    EDC_XML,
    readFileSync(
      join(
        VECTORS,
        'ec-european-learning-model/Credentials/XML Examples (ELM v2)/EDC_DiplomaSupplement_AA.xml',
      ),
    ),
    'application/xml',
  );
  web.serve(
    EDC_JSONLD,
    readFileSync(
      join(
        VECTORS,
        'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)/Sample-MC-Annex1-signed.jsonld',
      ),
    ),
    'application/ld+json',
  );
  web.serve(
    PAGE,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Application (fixture)</title></head><body>
<header><a href="${COURSERA}">Google Data Analytics (Coursera)</a></header>
<main>
<section><h2>Licenses &amp; certifications</h2><ul>
  <li><img src="${LOGO}" alt="Northwind Badge Academy" width="24" height="24"><h3>Google Data Analytics</h3>
    <a href="${COURSERA}/">Show credential</a></li>
  <li><img src="${BADGE}" alt="Data Analysis Foundations" width="24" height="24"> Data Analysis Foundations</li>
  <li><h3>Bachelor in Applied Statistics</h3><a href="${EDC_XML}">Diploma (XML)</a> · <a href="${EDC_JSONLD}">Diploma (JSON-LD)</a></li>
</ul></section>
<p data-testid="text">I completed ${COURSERA}/ in 2024.</p>
<dialog open><h2>All certifications</h2><a href="${COURSERA}#all">Google Data Analytics</a></dialog>
</main></body></html>`,
    'text/html; charset=utf-8',
  );
  const tab = await context.newPage();
  await tab.goto(PAGE);
  const page = new ProfilePage(tab);
  // Coursera at its three links (its address in the text is a link's too: marked at the links), the
  // baked badge, the two EDC links: 6 marks; the logo none.
  await expect(page.marks()).toHaveCount(6);
  await expect(tab.locator(`img[src="${BADGE}"] + credlens-mark`)).toHaveCount(1);
  await expect(tab.locator(`img[src="${LOGO}"] + credlens-mark`)).toHaveCount(0);
  await expect(
    tab.locator('header a + credlens-mark, dialog a + credlens-mark, li a + credlens-mark'),
  ).toHaveCount(5);

  // Four credentials: four rows and a toolbar count of 4.
  const tabId = await page.tabId(serviceWorker);
  await expect
    .poll(() =>
      serviceWorker.evaluate(
        (id) => (globalThis as unknown as WorkerGlobals).chrome.action.getBadgeText({ tabId: id }),
        tabId,
      ),
    )
    .toBe('4');
  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.rows()).toHaveCount(4);
  await popup.waitUntilChecked();
  await expect(popup.row(COURSERA)).toHaveAttribute('data-platform', 'coursera');
  await expect(popup.row(BADGE)).toHaveAttribute('data-platform', 'baked-image');
  await expect(popup.page.locator(`[data-testid="credential-row"][data-url="${LOGO}"]`)).toHaveCount(0);
  for (const url of [EDC_XML, EDC_JSONLD]) {
    await expect(popup.row(url)).toHaveAttribute('data-platform', 'edc-link');
    await expect(popup.row(url).getByTestId('row-platform')).toHaveText(
      'Link to a European Digital Credential',
    );
  }
  // Both EDC files were fetched; the Coursera page (a human page) was not.
  const fetched = (u: string) => web.requests.some((r) => `https://${r.host}${r.path}` === u);
  expect(fetched(EDC_XML)).toBe(true);
  expect(fetched(EDC_JSONLD)).toBe(true);
  expect(web.requests.filter((r) => r.host === 'www.coursera.org')).toEqual([]);
  await tab.screenshot({ path: join(SCREENSHOTS, 'detect-precision.png'), fullPage: true });
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'detect-precision-popup.png') });
});
