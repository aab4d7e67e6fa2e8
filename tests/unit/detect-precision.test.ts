/**
 * Precision of what CredLens counts as a credential on a page (a recruiter's report):
 * 1. an issuer logo whose alt text says "Badge" is no credential; an image counts only once its
 *    baked data is read;
 * 2. a credential the page shows several times is listed and counted once (each place marked);
 * 3. an EDC `.xml` link on a host no rule knows is fetched, as a `.jsonld` one is;
 * 4. links are labelled by what they are (EDC, Open Badge, or "credential link").
 * Real parts: the real classifiers, scanner, router and report cache, and the real verifier
 * unbaking real PNG images served by an in-memory web (tests/support/vector-web.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScanText, scanInput } from '../../cli/scan';
import { platformName } from '../../components/row-facts';
import { classifyImage } from '../../lib/detect/classify-image';
import { classifyLink } from '../../lib/detect/classify-link';
import { classifySighting } from '../../lib/detect/classify-sighting';
import { linkPicker } from '../../lib/detect/link-pick';
import { createReportCache } from '../../lib/extension/report-cache';
import { createRouter } from '../../lib/extension/router';
import { createMemoryArea } from '../../lib/extension/storage-area';
import type { VerifyEnv } from '../../lib/model/env';
import type { CredentialInput } from '../../lib/model/input';
import type { MarksUpdateMessage, TabView } from '../../lib/protocol/messages';
import { scanHtml } from '../../lib/scan/scan-html';
import { verifyCredential } from '../../lib/verify';
import { createVectorFetch, type ExtraRoute } from '../support/vector-web';
import { readVector } from '../support/vectors';

const PAGE = 'https://www.linkedin.com/in/jane/';
const CONTENT = { id: 'ext', url: PAGE, tab: { id: 5 }, frameId: 0 };
const POPUP = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const BAKED = new Uint8Array(
  readFileSync(join(import.meta.dirname, '../fixture-web/generated/baked-valid.png')),
);
const UNBAKED = readVector('mozilla-openbadges-bakery/unbaked.png');
const LOGO = 'https://cdn.example.net/logos/northwind-badge-academy.png';
const BADGE = 'https://cdn.example.net/uploads/data-analysis.png';
const COURSERA = 'https://www.coursera.org/account/accomplishments/verify/FX7K2M9Q4TZL';
const EDC_XML = 'https://diplomas.example.edu/edc/jane-doe-bachelor.xml';
const EDC_JSONLD = 'https://diplomas.example.edu/edc/jane-doe-bachelor.jsonld';
const ELM_XML = 'ec-european-learning-model/Credentials/XML Examples (ELM v2)/EDC_DiplomaSupplement_AA.xml';

/** The images (and documents) the in-memory web serves. */
const WEB: Record<string, ExtraRoute> = {
  [LOGO]: { body: UNBAKED, contentType: 'image/png' },
  [BADGE]: { body: BAKED, contentType: 'image/png' },
  [EDC_XML]: { file: ELM_XML, contentType: 'application/xml' },
};

function env(): VerifyEnv {
  return {
    fetch: createVectorFetch(WEB),
    now: () => new Date('2026-01-01T00:00:00Z'),
    trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
  } as VerifyEnv;
}

/** The background as wired in the worker, with the real verifier behind it. */
function background() {
  const cache = createReportCache(createMemoryArea());
  const asked: string[] = [];
  const notes: MarksUpdateMessage[] = [];
  const badges: TabView[] = [];
  const router = createRouter({
    self: { id: 'ext', origin: 'chrome-extension://ext/' },
    cache,
    verify: (input: CredentialInput) => {
      if (input.kind === 'url') asked.push(input.url);
      return verifyCredential(input, env());
    },
    notifyTab: (_t, m) => notes.push(m),
    setBadge: (_t, v) => badges.push(v),
  });
  const report = (sightings: unknown[]) =>
    router.handle({ type: 'candidates/report', reset: false, sightings }, CONTENT) as Promise<{
      ok: true;
      value: {
        found: Array<{ i: number; url: string; probe?: true }>;
        marks: Array<{ url: string; state: string }>;
      };
    }>;
  const tab = async () =>
    ((await router.handle({ type: 'tab/get', tabId: 5 }, POPUP)) as { ok: true; value: TabView }).value;
  const settled = async () => {
    for (let n = 0; n < 200; n++) {
      const view = await tab();
      const probes = (await cache.getTab(5))?.probes ?? [];
      if (view.entries.every((e) => e.state === 'done') && probes.length === 0) return view;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the tab never settled');
  };
  return { router, report, tab, settled, asked, notes, badges };
}

describe('1. an image is a credential only when it carries baked data', () => {
  it('an issuer logo whose alt text says "Badge" is not taken for a credential by its words', () => {
    // Outside a credentials section: the alt text was the only "signal".
    expect(classifyImage({ src: LOGO, alt: 'Northwind Badge Academy' })).toBeNull();
    expect(classifyImage({ src: 'https://cdn.example.net/l', alt: 'Open Badge', title: 'Badge' })).toBeNull();
    // In a credentials section, a logo without a PNG/SVG name (a CDN address) is not fetched either.
    expect(
      classifyImage({
        src: 'https://media.example.net/dms/image/C4E0B/company-logo_100_100/0',
        alt: 'Badge',
        inCredentialSection: true,
      }),
    ).toBeNull();
    const html = `<main><p><img src="${LOGO}" alt="Northwind Badge Academy"> Northwind Badge Academy</p></main>`;
    expect(scanHtml(html, PAGE).candidates).toEqual([]);
  });

  it('the background unbakes candidate images, and lists, counts and marks only the one with badge data', async () => {
    const bg = background();
    const r = await bg.report([
      { kind: 'image', src: LOGO, alt: 'Northwind Badge Academy', inCredentialSection: true },
      { kind: 'image', src: BADGE, alt: 'Data Analysis Foundations', inCredentialSection: true },
    ]);
    // Both are worth unbaking; neither is a credential yet: no mark, no entry, no count.
    expect(r.value.found).toEqual([
      { i: 0, url: LOGO, probe: true },
      { i: 1, url: BADGE, probe: true },
    ]);
    expect(r.value.marks).toEqual([]);
    expect(bg.badges.at(-1)?.entries).toEqual([]);
    const view = await bg.settled();
    expect(bg.asked.sort()).toEqual([BADGE, LOGO].sort());
    expect(view.entries.map((e) => e.candidate.url)).toEqual([BADGE]);
    expect(bg.badges.at(-1)?.entries.map((e) => e.candidate.url)).toEqual([BADGE]);
    // The page is told to mark the badge image, never the logo.
    const marked = bg.notes.flatMap((m) => m.marks.map((x) => x.url));
    expect(marked).toContain(BADGE);
    expect(marked).not.toContain(LOGO);
    // Reported again later (the page re-renders): still one credential, the logo still none.
    const again = await bg.report([
      { kind: 'image', src: BADGE, inCredentialSection: true },
      { kind: 'image', src: LOGO, inCredentialSection: true },
    ]);
    expect(again.value.found[0]).toEqual({ i: 0, url: BADGE });
    expect((await bg.settled()).entries).toHaveLength(1);
  });
});

describe('2. a credential shown several times is counted once', () => {
  it('the background lists one entry for a link in the header, the list, a dialog and the text', async () => {
    const bg = background();
    const r = await bg.report([
      { kind: 'link', href: COURSERA, label: 'Google Data Analytics' },
      { kind: 'link', href: `${COURSERA}/`, label: 'Show credential', listed: true },
      { kind: 'link', href: `${COURSERA}#details` },
      { kind: 'link', href: `${COURSERA}/`, where: 'page text' },
    ]);
    // Every place is marked, under the one entry's URL.
    expect(r.value.found).toEqual([0, 1, 2, 3].map((i) => ({ i, url: COURSERA })));
    const view = await bg.settled();
    expect(view.entries).toHaveLength(1);
    expect(bg.badges.at(-1)?.entries).toHaveLength(1);
  });

  it('the same embedded credential, written twice, is one entry', async () => {
    const bg = background();
    const vc = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      badge: 'https://x.example/b',
      recipient: {},
    };
    await bg.report([
      { kind: 'json', text: JSON.stringify(vc) },
      { kind: 'json', text: JSON.stringify(vc, null, 2) },
      { kind: 'json', text: JSON.stringify({ '@context': 'https://schema.org', '@graph': [vc] }) },
    ]);
    expect((await bg.settled()).entries).toHaveLength(1);
  });

  it('a saved page: one candidate per credential', () => {
    const vc = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      badge: 'https://x.example/b',
      recipient: {},
    };
    const html = `<header><a href="${COURSERA}">Google Data Analytics</a></header>
      <section><h2>Licenses &amp; certifications</h2><ul><li><h3>Google Data Analytics</h3><a href="${COURSERA}/">Show credential</a></li></ul></section>
      <dialog open><a href="${COURSERA}#details">Google Data Analytics</a></dialog>
      <p>My certificate: ${COURSERA}/ (Coursera)</p>
      <script type="application/ld+json">${JSON.stringify(vc)}</script>
      <script type="application/ld+json">${JSON.stringify(vc, null, 1)}</script>`;
    const r = scanHtml(html, PAGE);
    expect(r.candidates.map((c) => c.platform).sort()).toEqual(['coursera', 'json-ld']);
  });
});

describe('3. an EDC .xml link on a host no rule knows is fetched, as a .jsonld one is', () => {
  it('the page-side pre-check reports both, the background takes both', () => {
    const pick = linkPicker(PAGE);
    for (const href of [EDC_XML, EDC_JSONLD]) {
      expect(
        pick(href, () => href),
        href,
      ).toBe(href);
      expect(classifySighting({ kind: 'link', href }, PAGE), href).toMatchObject([
        { url: href, platform: 'edc-link' },
      ]);
    }
    // A credential named in the path, kind unknown until fetched.
    expect(classifyLink('https://uni.example/diplomas/jane-doe.xml')?.platform).toBe('credential-link');
  });

  it('XML that names no credential (feeds, sitemaps) is not taken', () => {
    for (const href of [
      'https://diplomas.example.edu/sitemap.xml',
      'https://blog.example/feed.xml',
      'https://x.example/medcenter/a.xml',
    ])
      expect(classifyLink(href), href).toBeNull();
  });

  it('the background verifies the .xml link (and does not count it twice)', async () => {
    const bg = background();
    await bg.report([
      { kind: 'link', href: EDC_XML, label: 'Bachelor diploma' },
      { kind: 'link', href: EDC_XML, label: 'Download (XML)' },
    ]);
    const view = await bg.settled();
    expect(bg.asked).toEqual([EDC_XML]);
    expect(view.entries.map((e) => e.candidate.platform)).toEqual(['edc-link']);
  });
});

describe('4. links are labelled by what they are', () => {
  it('EDC, Open Badge, or credential link', () => {
    const label = (href: string) => {
      const c = classifyLink(href);
      return c === null ? null : platformName(c);
    };
    // A .jsonld under "/credentials/" named for EDC: an EDC, not an "Open Badges link".
    expect(classifyLink('https://uni.example/credentials/edc-diploma.jsonld')?.platform).toBe('edc-link');
    expect(label('https://uni.example/credentials/edc-diploma.jsonld')).toBe(
      'Link to a European Digital Credential',
    );
    expect(label(EDC_XML)).toBe('Link to a European Digital Credential');
    expect(label('https://badges.example.org/assertions/42.json')).toBe('Link to an Open Badge');
    expect(label('https://uni.example/credentials/42.json')).toBe('Credential link');
    expect(label('https://cv.example/files/diploma.jws')).toBe('Credential link');
    // Platform links keep the platform's name.
    expect(label(COURSERA)).toBe('Coursera');
  });
});

describe('credlens scan applies the same rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credlens-precision-'));
  const file = join(dir, 'profile.html');
  writeFileSync(
    file,
    `<!doctype html><html><head><base href="${PAGE}"></head><body>
    <header><a href="${COURSERA}">Google Data Analytics</a></header>
    <section><h2>Licenses &amp; certifications</h2><ul>
      <li><img src="${LOGO}" alt="Northwind Badge Academy"><h3>Google Data Analytics</h3><a href="${COURSERA}/">Show credential</a></li>
      <li><img src="${BADGE}" alt="Data Analysis Foundations"> Data Analysis Foundations</li>
      <li><h3>Bachelor in Applied Statistics</h3><a href="${EDC_XML}">Diploma (EDC)</a></li>
    </ul></section>
    <p>Also: ${COURSERA}</p></body></html>`,
  );
  const deps = (written: string[]) => ({
    env: env(),
    readFile: async (arg: string) => new Uint8Array(readFileSync(arg)),
    write: (t: string) => void written.push(t),
    colour: false,
  });

  it('without --verify: each credential once, the EDC link labelled as one, images not counted', async () => {
    const out = await scanInput(file, deps([]), false);
    expect(out.candidates.map((c) => c.platform).sort()).toEqual(['coursera', 'edc-link']);
    expect(out.notes.join(' ')).toMatch(/2 images could hold baked badges: run with --verify/);
    const text = formatScanText(out, false);
    expect(text).toContain('European Digital Credential link');
    expect(text).not.toContain('Open Badges link');
  });

  it('with --verify: the baked image counts, the logo does not', async () => {
    const out = await scanInput(file, deps([]), true);
    expect(out.candidates.map((c) => `${c.platform} ${c.url}`).sort()).toEqual(
      [`baked-image ${BADGE}`, `coursera ${COURSERA}`, `edc-link ${EDC_XML}`].sort(),
    );
    expect(out.notes.join(' ')).toMatch(/1 image carries no badge data/);
  });
});
