import type { Candidate } from './candidate';
import { PLATFORM_RULES } from './platforms/index';
import { edcFileRule } from './platforms/europass';
import { credentialLinkRule, obHostedRule } from './platforms/ob-hosted';
import { hostMatches, matchLinkRule, type LinkRule } from './rules';
import { escapeRegExp } from './signals';
import { REDIRECT_WRAPPERS, unwrapParsedRedirect } from './unwrap';
import { cleanLabel, credentialIdentity, parseHttpUrl } from './url';

/** All platform link rules, most specific first. */
export const LINK_RULES: readonly LinkRule[] = PLATFORM_RULES;

/*
 * The content script runs this code cold on every page load, so the paths a link takes are
 * plain loops: each callback is one more function for V8 to compile on first use.
 */

/** Rules by exact host, and the wildcard rules (`*.x`), built once: most links match no host. */
let index: { exact: Map<string, LinkRule[]>; wildcard: LinkRule[] } | null = null;
function rulesFor(host: string): readonly LinkRule[] {
  if (index === null) {
    const exact = new Map<string, LinkRule[]>();
    const wildcard: LinkRule[] = [];
    for (const rule of LINK_RULES) {
      let wild = false;
      for (const h of rule.hosts) {
        if (h.startsWith('*.')) wild = true;
        else exact.set(h, [...(exact.get(h) ?? []), rule]);
      }
      if (wild) wildcard.push(rule);
    }
    index = { exact, wildcard };
  }
  const h = host.toLowerCase();
  const hits = index.exact.get(h) ?? [];
  let wild: LinkRule[] | undefined;
  for (const r of index.wildcard) if (hostMatches(h, r.hosts) && !hits.includes(r)) (wild ??= []).push(r);
  if (wild === undefined) return hits;
  // Keep the rules' own order (most specific first).
  const extra = wild;
  return LINK_RULES.filter((r) => hits.includes(r) || extra.includes(r));
}

/** Path endings of credential files classifyLink accepts on any host (hosted assertions, JWS/VC files, EDC XML). */
const FILE_ENDING_WORDS = ['json', 'jsonld', 'jws', 'jwt', 'vc', 'xml'] as const;

/**
 * The literal start every path `path` matches must have: `^\/badges\/(?<id>…)` gives `/badges/`.
 * Conservative: '' when the pattern is not anchored or has a top-level alternative; the prefix
 * stops at the first group, class, escape other than a punctuation mark, or character a
 * quantifier makes optional. (Compared case-insensitively by its users.)
 */
export function literalPathPrefix(path: RegExp): string {
  const src = path.source;
  if (!src.startsWith('^')) return '';
  // A top-level `|` means another alternative may start differently.
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return '';
  }
  let out = '';
  for (let i = 1; i < src.length; i++) {
    let c = src[i]!;
    let width = 1;
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (!/^[/.\-_~]$/.test(next)) break;
      c = next;
      width = 2;
    } else if (!/^[A-Za-z0-9/_~-]$/.test(c)) break;
    const after = src[i + width] ?? '';
    if (after === '?' || after === '*' || after === '{') break;
    out += c;
    i += width - 1;
  }
  return out;
}

/** A string a credential link's parsed form contains: a host (or `.suffix`), then the literal start of a path. */
export interface LinkNeedle {
  host: string;
  /** '' when the path has no literal start longer than `/`. */
  path: string;
}

/**
 * What every http(s) URL classifyLink accepts contains, as the URL parser writes it: for each
 * rule and redirect wrapper, each host (a `*.` host as its `.suffix`) with the literal start of
 * its path (a path may instead end in one of FILE_ENDING_WORDS).
 */
export function linkNeedles(): LinkNeedle[] {
  const out: LinkNeedle[] = [];
  for (const { hosts, path } of [...LINK_RULES, ...REDIRECT_WRAPPERS]) {
    const prefix = literalPathPrefix(path);
    for (const h of hosts) {
      const needle = { host: h.startsWith('*.') ? h.slice(1) : h, path: prefix.length > 1 ? prefix : '' };
      if (!out.some((n) => n.host === needle.host && n.path === needle.path)) out.push(needle);
    }
  }
  // A needle another one is part of adds nothing: `credly.com` + `/badges/` covers `www.credly.com` + `/badges/`.
  const covers = (b: LinkNeedle, a: LinkNeedle) => a !== b && a.host.endsWith(b.host) && a.path.startsWith(b.path);
  return out.filter((a) => !out.some((b) => covers(b, a) && !(covers(a, b) && out.indexOf(a) < out.indexOf(b))));
}

/**
 * Source of one regular expression that every http(s) URL classifyLink accepts matches once
 * lower-cased and without its port, as the URL parser writes it (`a.href`): a needle's host
 * and its path start (no path start: `/`, `?`, `#` or the end), or a credential file ending
 * before the query. No port in the pattern: link-pick.ts removes it, and a smaller pattern
 * costs the page less to compile. The content script tests links with it and reports only those that
 * match; the background classifies them. scripts/gen-link-needles.mjs writes it into
 * lib/detect/link-needles.ts, and a test keeps the two equal.
 */
export function linkNeedleSource(): string {
  const parts = linkNeedles().map(
    // `credly.com` also covers `www.credly.com` (a superset is enough).
    (n) => `${escapeRegExp(n.host.toLowerCase())}${n.path === '' ? '(?:[/?#]|$)' : escapeRegExp(n.path.toLowerCase())}`,
  );
  parts.push(`\\.(?:${FILE_ENDING_WORDS.join('|')})(?:[?#]|$)`);
  return parts.join('|');
}

export interface LinkContext {
  /** Visible text of the link (or its list entry's title). */
  label?: string | null;
  /**
   * The page marks the link as an Open Badges document (`rel="openbadges"`,
   * `type="application/ld+json"`): verify the URL itself.
   */
  explicit?: boolean;
  /** Where the link was found (PDF page, QR code...), for display. */
  where?: string;
}

/**
 * Classifies one link's href (absolute) into a credential candidate, or null. Known
 * redirect wrappers (LinkedIn's /redir/redirect) are looked through; `pageUrl` keeps the
 * href as seen. A platform that publishes no verifiable form gives a candidate with
 * `noVerifiableForm` whose `url` is the human page (never fetched).
 */
export function classifyLink(href: string, ctx: LinkContext = {}): Candidate | null {
  const seen = parseHttpUrl(href);
  if (seen === null) return null;
  const innerHref = unwrapParsedRedirect(href.trim(), seen);
  const url = innerHref === href.trim() ? seen : parseHttpUrl(innerHref);
  if (url === null) return null;
  const hash = fragmentOf(innerHref);
  const label = cleanLabel(ctx.label);
  const base = (platform: string, target: string, keepHash = false): Candidate => {
    // A viewer whose id lives in the fragment keeps it in pageUrl, so the background can re-derive.
    const pageUrl = keepHash && innerHref === href.trim() && hash !== '' ? `${seen.href}#${hash}` : seen.href;
    const c: Candidate = { kind: 'link', url: target, pageUrl, platform };
    if (label !== undefined) c.label = label;
    if (ctx.where !== undefined) c.where = ctx.where.slice(0, 120);
    return c;
  };

  for (const rule of rulesFor(url.hostname)) {
    const m = matchLinkRule(rule, url, hash);
    if (m === null) continue;
    if (m.endpoint !== null) {
      const target = parseHttpUrl(m.endpoint);
      if (target === null) continue;
      return base(rule.platform, target.href, rule.fragment !== undefined);
    }
    // The human page is the candidate's identity (credentialIdentity: `/x/` is `/x`); the
    // fragment may carry the id (viewers).
    const page = credentialIdentity(url.href) ?? url.href;
    const c = base(rule.platform, rule.fragment === undefined ? page : `${page}#${hash}`, rule.fragment !== undefined);
    c.noVerifiableForm = true;
    return c;
  }
  const file = credentialFileLink(url, ctx.explicit === true);
  return file === null ? null : base(file, url.href);
}

/** Platform id of a credential link to a site no rule knows (found in a credentials section). */
export const UNLISTED_PLATFORM = 'unlisted-platform';

/**
 * A link a page lists as a credential ("Show credential" in "Licenses & certifications") to a
 * site no rule knows (e.g. a platform with no documented URL shape): found, and reported as
 * "found, not verifiable" without fetching it. CredLens does not guess how an unknown platform
 * publishes credentials. Null when a rule knows the link (use classifyLink) or it is not http(s).
 */
export function classifyUnlistedCredentialLink(href: string, ctx: LinkContext = {}): Candidate | null {
  if (classifyLink(href, ctx) !== null) return null;
  const seen = parseHttpUrl(href);
  if (seen === null) return null;
  const inner = parseHttpUrl(unwrapParsedRedirect(href.trim(), seen));
  if (inner === null) return null;
  const url = credentialIdentity(inner.href) ?? inner.href;
  const c: Candidate = { kind: 'link', url, pageUrl: seen.href, platform: UNLISTED_PLATFORM, noVerifiableForm: true };
  const label = cleanLabel(ctx.label);
  if (label !== undefined) c.label = label;
  if (ctx.where !== undefined) c.where = ctx.where.slice(0, 120);
  return c;
}

function fragmentOf(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? '' : href.slice(i + 1, i + 1 + 2048);
}

const endsWithOneOf = (path: string, suffixes: readonly string[]): boolean => {
  for (const s of suffixes) if (path.endsWith(s)) return true;
  return false;
};
const includesOneOf = (path: string, words: readonly string[]): boolean => {
  for (const w of words) if (path.includes(w)) return true;
  return false;
};

/**
 * A link to a credential document on a host no rule knows, by its address (or the page's
 * explicit mark), labelled by what it is: `edc-link` (an `.xml`/`.jsonld` file named for
 * Europass/EDC), `ob-hosted` (an Open Badges assertion: `.json`/`.jsonld` under an assertion or
 * badge path, or a link the page marks as Open Badges), or `credential-link` when the kind is not
 * known before the document is fetched. Null when the address is no such document.
 */
function credentialFileLink(url: URL, explicit: boolean): string | null {
  const path = url.pathname.toLowerCase();
  const edc = endsWithOneOf(path, edcFileRule.pathSuffixes) && edcFileRule.naming.test(path);
  if (edc) return edcFileRule.platform;
  const json = endsWithOneOf(path, obHostedRule.pathSuffixes);
  if (explicit || (json && includesOneOf(path, obHostedRule.pathWords))) return obHostedRule.platform;
  const r = credentialLinkRule;
  if (
    (json && includesOneOf(path, r.jsonPathWords)) ||
    r.fileEndings.test(path) ||
    (r.xmlEnding.test(path) && r.xmlPathWords.test(path))
  )
    return r.platform;
  return null;
}
