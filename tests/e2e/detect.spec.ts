/**
 * Finding credentials where recruiters look (issue 6): a job-board application, a
 * LinkedIn-style "Show all" sub-page loaded lazily by a single-page app, a Europass-style
 * CV, and a CV PDF read by pdf.js in the offscreen document. Expectations come from
 * tests/fixture-web/generated/detect-expected.json.
 */
import type { Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_URL } from '../fixture-web/server.mjs';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { PopupPage, ProfilePage, type WorkerGlobals } from './pages';

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
  /** Given only as text on the page (no link). */
  textOnly?: Record<string, Exp>;
}
const expected = JSON.parse(readFileSync(join(GENERATED, 'detect-expected.json'), 'utf8')) as Record<
  'job' | 'cv' | 'linkedinAll' | 'pdf',
  Surface
>;

/** Rows of the popup, by candidate URL, or by platform for embedded ones (their URL is a content hash). */
async function checkRows(popup: PopupPage, surface: Surface): Promise<void> {
  await expect(popup.rows()).toHaveCount(Object.keys(surface.candidates).length);
  await popup.waitUntilChecked();
  for (const [key, exp] of Object.entries(surface.candidates)) {
    const row = key.startsWith('https://')
      ? popup.row(key)
      : popup.page.locator(`[data-testid="credential-row"][data-platform="${exp.platform}"]`);
    await expect(row, key).toHaveCount(1);
    await expect(row).toHaveAttribute('data-platform', exp.platform);
    if (exp.verdict !== undefined)
      await expect.soft(row.getByTestId('verdict'), key).toHaveAttribute('data-verdict', exp.verdict);
  }
}

async function badgeText(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate(
    (id) => (globalThis as unknown as WorkerGlobals).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
}

test('job application: links, baked image, JSON-LD and JWT credentials; Coursera found, not verifiable', async ({
  context,
  serviceWorker,
  extensionId,
  web,
}) => {
  const page = await context.newPage();
  await page.goto(expected.job.url);
  const view = new ProfilePage(page);
  const n = Object.keys(expected.job.candidates).length;
  await expect(view.marks()).toHaveCount(n);
  const tabId = await view.tabId(serviceWorker);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe(String(n));
  const popup = await PopupPage.open(context, extensionId, tabId);
  await checkRows(popup, expected.job);
  await expect(popup.row(Object.keys(expected.job.candidates)[2] ?? '')).toContainText('coursera');
  // The Coursera page was never fetched: a human page is not evidence.
  expect(web.requests.filter((r) => r.host === 'www.coursera.org')).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, 'detect-job.png'), fullPage: true });
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'detect-job-popup.png') });
});

test('LinkedIn "Show all" sub-page: SPA navigation, lazily loaded entries, redirect-wrapped links', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(PROFILE_URL);
  const view = new ProfilePage(page);
  await expect(view.marks()).toHaveCount(5);
  await page.getByRole('link', { name: /Show all 8/ }).click();
  await expect(page).toHaveURL(expected.linkedinAll.url);
  const n = Object.keys(expected.linkedinAll.candidates).length;
  await expect(view.marks()).toHaveCount(n);
  const tabId = await view.tabId(serviceWorker);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe(String(n));
  const popup = await PopupPage.open(context, extensionId, tabId);
  await checkRows(popup, expected.linkedinAll);
  await page.screenshot({ path: join(SCREENSHOTS, 'detect-linkedin-all.png'), fullPage: true });
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'detect-linkedin-all-popup.png') });
});

test('Europass-style CV: EDC share link, edubadges, Accredible, Microsoft Learn, and a Badgr address in the text', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(expected.cv.url);
  const view = new ProfilePage(page);
  // Links, and the Badgr address the CV gives only as text (found as the CLI's scan finds it).
  const all: Surface = { ...expected.cv, candidates: { ...expected.cv.candidates, ...(expected.cv.textOnly ?? {}) } };
  await expect(view.marks()).toHaveCount(Object.keys(all.candidates).length);
  const popup = await PopupPage.open(context, extensionId, await view.tabId(serviceWorker));
  await checkRows(popup, all);
  await page.screenshot({ path: join(SCREENSHOTS, 'detect-europass-cv.png'), fullPage: true });
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'detect-europass-cv-popup.png') });
});

test('CV PDF scanned in the offscreen document: link, text URLs, QR code, attached files', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/report.html`);
  const base64 = readFileSync(join(GENERATED, expected.pdf.file ?? '')).toString('base64');
  const reply = (await page.evaluate(
    (b64) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        type: 'file/scan',
        input: { kind: 'bytes', base64: b64, name: 'jane-doe-cv.pdf', mediaType: 'application/pdf' },
      }),
    base64,
  )) as {
    ok: boolean;
    value: {
      type: string;
      items: Array<{
        candidate: { url: string; where?: string; platform: string };
        verdict?: string;
        reportId?: string;
      }>;
      notes: string[];
    };
  };
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  expect(reply.value.type).toBe('pdf');
  const byKey = (i: (typeof reply.value.items)[number]) =>
    i.candidate.url in expected.pdf.candidates ? i.candidate.url : (i.candidate.where ?? '');
  expect(reply.value.items.map(byKey).sort()).toEqual(Object.keys(expected.pdf.candidates).sort());
  for (const item of reply.value.items) {
    const exp = expected.pdf.candidates[byKey(item)];
    expect(item.candidate.where).toBe(exp?.where);
    if (exp?.verdict !== undefined) expect.soft(item.verdict, byKey(item)).toBe(exp.verdict);
  }
  // Each item's report opens on the report page.
  const qr = reply.value.items.find((i) => i.candidate.where === 'PDF page 2, QR code');
  await page.goto(
    `chrome-extension://${extensionId}/report.html?id=${encodeURIComponent(qr?.reportId ?? '')}`,
  );
  await expect(page.getByTestId('report-verdict')).toHaveAttribute('data-verdict', 'revoked');
  await page.screenshot({ path: join(SCREENSHOTS, 'detect-pdf-qr-report.png'), fullPage: true });
});

test('credential addresses written as plain text are found; one also given as a link is marked once', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const fixtures = JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as Record<string, { url?: string; endpoint?: string; verdict?: string }>;
  const credly = fixtures['credly-valid'];
  const badgr = fixtures['badgr-valid'];
  const url = 'https://jobs.example.net/applications/4712/cv-text';
  await context.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>CV (text)</title></head><body><main>
        <h1>Jane Doe</h1>
        <p>Badges: my data-literacy badge is at ${credly?.url ?? ''}. Ask me about it.</p>
        <p>Also on Badgr: ${badgr?.url ?? ''} (<a href="${badgr?.url ?? ''}">open</a>)</p>
        <pre>Not a credential: https://www.example.org/about</pre>
      </main></body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(url);
  const profile = new ProfilePage(page);
  await expect(profile.marks()).toHaveCount(2);
  const tabId = await profile.tabId(serviceWorker);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.rows()).toHaveCount(2);
  await popup.waitUntilChecked();
  const row = popup.page.locator('[data-testid="credential-row"][data-platform="credly"]');
  await expect(row.getByTestId('verdict')).toHaveAttribute('data-verdict', credly?.verdict ?? '');
  await page.screenshot({ path: join(SCREENSHOTS, 'detect-text-urls.png'), fullPage: true });
});

test('a "Show credential" link to a platform no rule knows (e.g. Velocert): found, not verifiable, never fetched', async ({
  context,
  serviceWorker,
  extensionId,
  web,
}) => {
  const page = 'https://www.linkedin.com/in/unlisted-platform-fixture/';
  const unknown = 'https://www.example.org/velocert-like/certificates/ABC-123';
  web.serve(
    page,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Profile (fixture)</title></head><body><main>
<section><h2>About</h2><p>Welder. <a href="https://www.example.org/velocert-like/about">About my work</a></p></section>
<section><h2>Licenses &amp; certifications</h2><ul>
<li><h3>Certified Welding Inspector</h3><p>Velocert-like Institute (fixture)</p><a href="${unknown}">Show credential</a></li>
<li><h3>Issuer website</h3><a href="https://www.example.org/velocert-like/">Velocert-like Institute</a></li>
</ul></section></main></body></html>`,
    'text/html; charset=utf-8',
  );
  const tab = await context.newPage();
  await tab.goto(page);
  const profile = new ProfilePage(tab);
  await expect(profile.marks()).toHaveCount(1);
  const popup = await PopupPage.open(context, extensionId, await profile.tabId(serviceWorker));
  await expect(popup.rows()).toHaveCount(1);
  await popup.waitUntilChecked();
  const row = popup.row(unknown);
  await expect(row).toHaveAttribute('data-platform', 'unlisted-platform');
  await expect(row.getByTestId('verdict')).toHaveAttribute('data-verdict', 'unverifiable');
  await expect(row).toContainText('Certified Welding Inspector');
  await expect(row).toContainText('not a credential platform CredLens knows');
  expect(web.requests.filter((r) => r.path.startsWith('/velocert-like/'))).toEqual([]);
});
