/**
 * The recruiter's core flow in real Firefox (Debian firefox-esr, the `.output/firefox-mv3`
 * build): a profile from the fixture web gets its inline marks, the popup lists the credentials
 * with their verdicts, a credential's report opens from the popup, a CV PDF dropped on the report
 * page is read (pdf.js in a hidden frame of the background event page: Firefox has no offscreen
 * documents) and its credentials are found and verified, and the OB 3.0 / EDC signatures of the
 * mixed profile verify with Firefox's own WebCrypto.
 *
 * Expectations come from the same generated files as the Chromium tests (tests/e2e):
 * tests/fixture-web/generated/expected.json and detect-expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROFILE_URL } from '../fixture-web/server.mjs';
import {
  GENERATED,
  ORIGIN,
  attr,
  count,
  dropFile,
  markTexts,
  nextTab,
  openExtensionPage,
  openWebPage,
  startFirefox,
  text,
  until,
  type Firefox,
} from './firefox';

interface Scenario {
  url?: string;
  endpoint?: string;
  verdict: string;
  title?: string;
}
interface MixCredential {
  url: string;
  verdict: string;
  authenticity: string;
}
const expected = JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as Record<
  string,
  Scenario
> & {
  profileMix: { url: string; credentials: Record<string, MixCredential> };
};
const detect = JSON.parse(readFileSync(join(GENERATED, 'detect-expected.json'), 'utf8')) as {
  pdf: { file: string; candidates: Record<string, { platform: string; where?: string; verdict?: string }> };
};
const scenario = (name: string): Scenario => {
  const s = expected[name];
  if (s === undefined) throw new Error(`no scenario ${name}`);
  return s;
};
/** The machine-readable URL the extension verifies for each credential on the profile. */
const target = (name: string): string => scenario(name).endpoint ?? scenario(name).url ?? '';
const ON_PROFILE = ['credly-valid', 'credly-revoked', 'credly-tampered', 'badgr-valid', 'baked-valid'];
const FINAL = /^(verified|verified-untrusted|expired|revoked|invalid|unverifiable)$/;
const row = (url: string) => `[data-testid="credential-row"][data-url="${url}"]`;

let ff: Firefox;
let profile: Page;
/** The extension's tab id of the profile page. */
let profileTab: number;

/** The tab id the extension knows `url` by, asked from an extension page (tabs.query). */
async function tabIdOf(url: string): Promise<number> {
  const page = await openExtensionPage(ff, 'report.html');
  try {
    const tabs = await page.evaluate(async () => {
      const b = (
        globalThis as unknown as {
          browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        }
      ).browser;
      return (await b.tabs.query({})).map((t) => ({ id: t.id ?? -1, url: t.url ?? '' }));
    });
    const hit = tabs.find((t) => t.url === url);
    if (hit === undefined) throw new Error(`no tab for ${url} among ${tabs.map((t) => t.url).join(', ')}`);
    return hit.id;
  } finally {
    await page.close();
  }
}

/** The popup for a tab, once no row is pending. */
async function openPopup(tabId: number, rows: number): Promise<Page> {
  const popup = await openExtensionPage(ff, `popup.html?tab=${tabId}`);
  await until(`${rows} popup rows`, async () =>
    (await count(popup, '[data-testid="credential-row"]')) === rows ? true : undefined,
  );
  await until(
    'no pending verdict in the popup',
    async () =>
      (await count(popup, '[data-testid="verdict"][data-verdict="pending"]')) === 0 ? true : undefined,
    45_000,
  );
  return popup;
}

beforeAll(async () => {
  const t0 = Date.now();
  ff = await startFirefox();
  console.log(`Firefox under test: ${ff.version} (started with the extension in ${Date.now() - t0} ms)`);
  profile = await openWebPage(ff, PROFILE_URL);
  profileTab = await tabIdOf(PROFILE_URL);
}, 90_000);

afterAll(async () => {
  await ff?.close();
});

describe('recruiter flow in Firefox', () => {
  test('profile page: one inline mark per credential, each with its verdict word in a closed shadow root', async () => {
    await expect.poll(() => count(profile, 'credlens-mark'), { timeout: 20_000 }).toBe(ON_PROFILE.length);
    // Every mark has left "Checking…" and shows its verdict word.
    const settled = async () =>
      (await markTexts(ff, profile)).filter((t) => !/Checking|Not checked/.test(t)).length;
    await expect.poll(settled, { timeout: 45_000 }).toBe(ON_PROFILE.length);
    const texts = await markTexts(ff, profile);
    expect(texts).toHaveLength(ON_PROFILE.length);
    expect(
      texts.filter((t) => t.includes('Revoked')),
      texts.join(' | '),
    ).toHaveLength(1);
    expect(
      texts.some((t) => t.includes('Not genuine')),
      texts.join(' | '),
    ).toBe(true);
    // The page itself cannot read them.
    expect(
      await profile.evaluate(() =>
        [...document.getElementsByTagName('credlens-mark')].map((m) => m.shadowRoot),
      ),
    ).toEqual(ON_PROFILE.map(() => null));
  });

  test('toolbar badge counts the credentials on the tab', async () => {
    const page = await openExtensionPage(ff, 'report.html');
    const badgeText = () =>
      page.evaluate(
        (tabId) =>
          (
            globalThis as unknown as { browser: { action: { getBadgeText(d: object): Promise<string> } } }
          ).browser.action.getBadgeText({ tabId }),
        profileTab,
      );
    await expect.poll(badgeText, { timeout: 20_000 }).toBe(String(ON_PROFILE.length));
    await page.close();
  });

  test('popup: every credential with its verdict, title and issuer', async () => {
    const popup = await openPopup(profileTab, ON_PROFILE.length);
    for (const name of ON_PROFILE) {
      expect(await attr(popup, `${row(target(name))} [data-testid="verdict"]`, 'data-verdict'), name).toBe(
        scenario(name).verdict,
      );
    }
    const valid = await text(popup, row(target('credly-valid')));
    expect(valid).toContain(scenario('credly-valid').title);
    expect(valid).toContain('Northwind Academy');
    await popup.close();
  });

  test('report page opens from the popup for one credential', async () => {
    const popup = await openPopup(profileTab, ON_PROFILE.length);
    await popup.click(`${row(target('credly-valid'))} a`);
    const report = await nextTab(ff, `${ORIGIN}/report.html?id=`);
    await expect
      .poll(() => attr(report, '[data-testid="report-verdict"]', 'data-verdict'), { timeout: 20_000 })
      .toBe(scenario('credly-valid').verdict);
    expect(await text(report, 'h1')).toBe(scenario('credly-valid').title);
    for (const key of ['title', 'awardingBody', 'issuedOn']) {
      expect(await attr(report, `[data-testid="element-row"][data-key="${key}"]`, 'data-status'), key).toBe(
        'present',
      );
    }
    expect(await text(report, '[data-testid="element-row"][data-key="title"]')).toContain(
      'Data Analysis Foundations',
    );
    expect(await count(report, '[data-testid="check-row"]')).toBeGreaterThan(0);

    // The revoked one's report says so.
    await popup.click(`${row(target('credly-revoked'))} a`);
    const revoked = await nextTab(ff, `${ORIGIN}/report.html?id=`, [report]);
    await expect
      .poll(() => attr(revoked, '[data-testid="report-verdict"]', 'data-verdict'), { timeout: 20_000 })
      .toBe('revoked');
    expect(await count(revoked, '[data-testid="check-row"][data-status="failed"]')).toBeGreaterThan(0);
    await Promise.all([popup.close(), report.close(), revoked.close()]);
  });

  test('a CV PDF dropped on the report page: its credentials are found, with where, platform and verdict', async () => {
    const page = await openExtensionPage(ff, 'report.html');
    await expect.poll(() => count(page, '[data-testid="drop-zone"]')).toBe(1);
    await dropFile(
      page,
      readFileSync(join(GENERATED, detect.pdf.file)),
      'jane-doe-cv.pdf',
      'application/pdf',
    );
    await expect
      .poll(() => attr(page, '[data-testid="scan-results"]', 'data-type'), { timeout: 60_000 })
      .toBe('pdf');
    const entries = Object.entries(detect.pdf.candidates);
    expect(
      await count(page, '[data-testid="scan-item"]'),
      (await text(page, '[data-testid="scan-results"]')) ?? '',
    ).toBe(entries.length);
    for (const [key, exp] of entries) {
      const item = key.startsWith('https://')
        ? `[data-testid="scan-item"][data-url="${key}"]`
        : `[data-testid="scan-item"][data-where="${key}"]`;
      expect(await count(page, item), key).toBe(1);
      expect(await attr(page, item, 'data-platform'), key).toBe(exp.platform);
      expect(await attr(page, item, 'data-where'), key).toBe(exp.where ?? '');
      const verdict = `${item} [data-testid="verdict"]`;
      await expect.poll(() => attr(page, verdict, 'data-verdict'), { timeout: 45_000 }).toMatch(FINAL);
      if (exp.verdict !== undefined) expect(await attr(page, verdict, 'data-verdict'), key).toBe(exp.verdict);
    }
    // The QR code on page 2 was decoded (pdf.js images + jsqr), and the attached files were read.
    const qr = entries.find(([, e]) => e.where === 'PDF page 2, QR code')?.[0] ?? '';
    expect(
      await text(page, `[data-testid="scan-item"][data-url="${qr}"] [data-testid="scan-item-meta"]`),
    ).toContain('page 2, QR code');
    expect(
      await text(page, '[data-testid="scan-item"][data-where="attachment edc-diploma.jsonld"]'),
    ).toContain('File: edc-diploma.jsonld');
    await page.close();
  });

  test('mixed profile: OB 3.0 (eddsa-rdfc-2022) badges and the sealed EDC get their verdicts and levels', async () => {
    const mix = expected.profileMix;
    const creds = Object.entries(mix.credentials);
    const page = await openWebPage(ff, mix.url);
    await expect.poll(() => count(page, 'credlens-mark'), { timeout: 20_000 }).toBe(creds.length);
    const popup = await openPopup(await tabIdOf(mix.url), creds.length);
    for (const [name, c] of creds) {
      // The DCC registry is not loaded here, so the registry issuer's badge is judged unlisted.
      expect(await attr(popup, `${row(c.url)} [data-testid="verdict"]`, 'data-verdict'), name).toBe(
        c.verdict,
      );
      expect(await attr(popup, `${row(c.url)} [data-testid="row-levels"]`, 'data-authenticity'), name).toBe(
        c.authenticity,
      );
    }
    await Promise.all([popup.close(), page.close()]);
  });

  test('network guard: a public address that redirects into the local network is stopped at that hop', async () => {
    const start = 'https://example.org/firefox-ssrf/start';
    const local = 'http://127.0.0.1:8089/router/reboot?confirm=1';
    ff.web.redirect(start, local);
    const seen = ff.proxy.refused.length;
    const page = await openExtensionPage(ff, 'report.html');
    const reply = await page.evaluate(
      (u) =>
        (
          globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).browser.runtime.sendMessage({ type: 'credential/verify', input: { kind: 'url', url: u } }),
      start,
    );
    await page.close();
    const report = (
      reply as { value?: { report: { verdict: string; contacted: { url: string; error?: string }[] } } }
    ).value?.report;
    expect(report, JSON.stringify(reply)).toBeDefined();
    // The fixture host answered with the redirect; the browser's block rule stopped the next hop
    // before it was sent (every request goes through the proxy, so a sent hop would be listed there).
    expect(ff.web.requests.some((r) => r.host === 'example.org' && r.path === '/firefox-ssrf/start')).toBe(
      true,
    );
    expect(ff.proxy.refused.slice(seen).filter((r) => r.includes('127.0.0.1'))).toEqual([]);
    expect(report?.contacted.find((c) => c.url === start)?.error).toBe('ERR_NET_UNREACHABLE');
    expect(report?.verdict).toBe('unverifiable');
  });
});
