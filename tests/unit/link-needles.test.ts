/**
 * The content script's link pre-check (lib/detect/link-pick.ts, with the needles of
 * lib/detect/link-needles.ts generated from the rules) must let through every link classifyLink
 * accepts: a link it drops is a credential the page shows and CredLens never sees. Tested over
 * every URL the tests and the fixture web use, and over rewritten forms of each (case, port,
 * wrapper, escapes, relative writings).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLink, literalPathPrefix } from '../../lib/detect/classify-link';
import { linkPicker } from '../../lib/detect/link-pick';
import { linkNeedlesModule } from '../../lib/detect/link-needles-source';

/**
 * What the content script does with an href as written on the page at `base`
 * (entrypoints/content/scan.ts): the address it reports, or null (skipped). In the page,
 * `a.href` is the URL parser's writing of the href; here the same parser (WHATWG URL) gives it.
 * `parsed` counts the hrefs that needed it.
 */
let parsed = 0;
function contentScriptPicks(raw: string, base = 'https://jobs.example.net/applications/4711'): string | null {
  return linkPicker(base)(raw, () => {
    parsed++;
    try {
      return new URL(raw, base).href;
    } catch {
      return null;
    }
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(?:ts|mjs|html|json)$/.test(f) ? [p] : [];
  });
}

const corpus = [
  ...filesUnder('tests/unit').filter((f) => f.includes('detect') || f.includes('scan')),
  'tests/e2e/pages.ts',
  ...filesUnder('tests/fixture-web').filter((f) => !f.includes('/certs/') && !f.includes('/keys/')),
].flatMap((f) => readFileSync(f, 'utf8').match(/https?:\/\/[^\s'"`<>)\]\\]+/g) ?? []);
const accepted = [...new Set(corpus)].filter((u) => classifyLink(u) !== null);

/** Forms of the same link the URL parser reads as the same address (or the wrapper around it). */
function variants(u: string): string[] {
  const url = new URL(u);
  const upperHost = u.replace(url.host, url.host.toUpperCase());
  const withPort = u.replace(url.host, `${url.host}:${url.protocol === 'https:' ? 443 : 80}`);
  const otherPort = u.replace(url.host, `${url.hostname}:8443`);
  const dotSegment = u.replace(url.pathname, `/x/..${url.pathname}`);
  return [
    u,
    upperHost,
    u.replace(/^https?/, (s) => s.toUpperCase()),
    withPort,
    otherPort,
    dotSegment,
    ` ${u} `,
    u.replace('://', '://\t'),
    u.replace(url.pathname, url.pathname.replace(/\//g, '\\')),
    `${u}#top`,
    `\u0001${u}\u001f`,
    `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(u)}&urlhash=x`,
    `https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(u)}&data=1`,
  ];
}

describe('link pre-check of the content script', () => {
  it('lib/detect/link-needles.ts is what the rules make (run node scripts/gen-link-needles.mjs)', () => {
    expect(readFileSync('lib/detect/link-needles.ts', 'utf8')).toBe(linkNeedlesModule());
  });

  it('lets through every link classifyLink accepts, written in any way the URL parser reads alike', () => {
    // The corpus covers every platform rule, or the test has lost its data.
    const platforms = new Set(accepted.map((u) => classifyLink(u)?.platform));
    expect(accepted.length).toBeGreaterThan(30);
    expect(platforms.size).toBeGreaterThan(12);
    let checked = 0;
    for (const u of accepted)
      for (const v of variants(u)) {
        if (classifyLink(v.trim().replace(/\t/g, '')) === null && classifyLink(v) === null) continue;
        expect(contentScriptPicks(v), v).not.toBeNull();
        checked++;
      }
    // Written relative to a page on the same host (from its root, its query or its fragment, or
    // from the directory), and with a host in full-width letters (IDNA maps them).
    for (const u of accepted) {
      const url = new URL(u);
      const page = `${url.origin}${url.pathname}${url.search}`;
      expect(contentScriptPicks(`${url.pathname}${url.search}${url.hash}`, url.origin), u).not.toBeNull();
      expect(contentScriptPicks(`/x/..${url.pathname}${url.search}${url.hash}`, url.origin), u).not.toBeNull();
      const ported = `${url.protocol}//${url.hostname}:8443`;
      if (classifyLink(`${ported}${url.pathname}${url.search}${url.hash}`) !== null)
        expect(contentScriptPicks(`${url.pathname}${url.search}${url.hash}`, `${ported}/p`), u).not.toBeNull();
      expect(contentScriptPicks(`${url.pathname.toUpperCase()}${url.search}${url.hash}`, `${url.origin}/x/y`), u).not.toBeNull();
      expect(contentScriptPicks(`${url.search || '?'}${url.hash}`, `${url.origin}${url.pathname}?old#old`), u).not.toBeNull();
      expect(contentScriptPicks(`#${url.hash.slice(1)}`, page), u).not.toBeNull();
      expect(contentScriptPicks(`./${url.pathname.split('/').pop()}${url.search}${url.hash}`, page), u).not.toBeNull();
      const wide = u.replace(url.hostname, url.hostname.replace(/[a-z]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)));
      expect(contentScriptPicks(wide), wide).not.toBeNull();
    }
    expect(checked).toBeGreaterThan(accepted.length * 8);
  });

  it('skips ordinary links, and links on a platform host that no rule takes', () => {
    for (const u of [
      'https://www.example.org/about',
      'https://news.example.com/2024/credly-raises-funding',
      'https://www.linkedin.com/in/jane-doe/',
      'https://www.linkedin.com/company/northwind/',
      'https://www.google.com/search?q=credly',
      'https://www.credly.com/users/jane-doe',
      'https://www.coursera.org/learn/machine-learning',
    ])
      expect(contentScriptPicks(u), u).toBeNull();
    // A profile's own relative links are decided without parsing them (the page's address plus the href).
    parsed = 0;
    for (const raw of ['/in/jane-doe/', '/feed/', '#experience', '?tab=skills', '/'])
      expect(contentScriptPicks(raw, 'https://www.linkedin.com/in/jane-doe/?x=1#top'), raw).toBeNull();
    expect(parsed).toBe(0);
    // ... and reported, as the parser writes them, when that address is one.
    expect(contentScriptPicks('/learning/certificates/abc?u=1', 'https://www.linkedin.com/in/jane-doe/')).toBe(
      'https://www.linkedin.com/learning/certificates/abc?u=1',
    );
    expect(contentScriptPicks('#/share/x', 'https://europa.eu/europass/digital-credentials/viewer/')).toBe(
      'https://europa.eu/europass/digital-credentials/viewer/#/share/x',
    );
    // A fragment keeps the page's query, a query replaces it: as the parser has it.
    const apply = 'https://jobs.example.net/apply?next=https://www.credly.com/badges/x';
    expect(contentScriptPicks('#top', apply)).toBe(`${apply}#top`);
    expect(contentScriptPicks('?step=2', apply)).toBeNull();
    // Unusual writings are parsed: another host from a relative href, a user name, a control character.
    expect(contentScriptPicks('//www.credly.com/badges/x')).toBe('https://www.credly.com/badges/x');
    expect(contentScriptPicks('/\\www.credly.com/badges/x')).toBe('https://www.credly.com/badges/x');
    expect(contentScriptPicks('https://user@www.credly.com/badges/x')).toBe('https://user@www.credly.com/badges/x');
    expect(contentScriptPicks('https://x.example/a.json\u0001')).toBe('https://x.example/a.json');
    // A plain href is reported as written (the background parses what it is sent).
    expect(contentScriptPicks('HTTPS://WWW.CREDLY.COM/badges/x')).toBe('HTTPS://WWW.CREDLY.COM/badges/x');
  });

  it('reads the literal start of a rule path conservatively', () => {
    expect(literalPathPrefix(/^\/badges\/(?<id>[0-9a-f-]{36})\/?$/)).toBe('/badges/');
    expect(literalPathPrefix(/^\/v1\/assertion\/(?<id>\w+)/)).toBe('/v1/assertion/');
    expect(literalPathPrefix(/^\/badges?\/(?<id>\w+)/)).toBe('/badge'); // `s?` is optional
    expect(literalPathPrefix(/^\/a\/x|^\/b\//)).toBe(''); // another alternative
    expect(literalPathPrefix(/\/badges\//)).toBe(''); // not anchored
    expect(literalPathPrefix(/^\/(?:a|b)\/x/)).toBe('/');
    expect(literalPathPrefix(/^\/url$/)).toBe('/url');
    expect(literalPathPrefix(/^[/]x/)).toBe('');
  });
});
