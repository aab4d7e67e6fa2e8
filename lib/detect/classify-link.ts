import type { Candidate } from './candidate';
import { PLATFORM_RULES } from './platforms/index';
import { hostMatches, matchLinkRule, type LinkRule } from './rules';
import { REDIRECT_WRAPPERS, unwrapParsedRedirect } from './unwrap';
import { cleanLabel, parseHttpUrl } from './url';
import { obHostedRule } from './platforms/ob-hosted';

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

/** Every host any rule or redirect wrapper names, and the `*.x` suffixes: for the cheap pre-check. */
let hostSets: { exact: Set<string>; suffixes: string[] } | null = null;
/** Path endings of credential files the pre-check lets through on any host. */
const FILE_ENDING_WORDS = ['json', 'jsonld', 'jws', 'jwt', 'vc'] as const;
const FILE_ENDINGS = new RegExp(`\\.(?:${FILE_ENDING_WORDS.join('|')})$`, 'i');

function precheckHosts(): { exact: Set<string>; suffixes: string[] } {
  if (hostSets === null) {
    const exact = new Set<string>();
    const suffixes: string[] = [];
    for (const list of [...LINK_RULES, ...REDIRECT_WRAPPERS])
      for (const h of list.hosts) {
        if (!h.startsWith('*.')) exact.add(h);
        else if (!suffixes.includes(h.slice(1))) suffixes.push(h.slice(1));
      }
    hostSets = { exact, suffixes };
  }
  return hostSets;
}

/**
 * Every string the pre-check accepts a link by, lower-case: each pre-check host and
 * `.suffix`, and each credential-file ending (`.json`...). An absolute `http(s)://` href
 * that contains none of them (ASCII case-insensitively; the host is lower-cased, so a `k`
 * may also be written U+212A KELVIN SIGN) fails mayBeCredentialLink: the content script
 * uses this to skip most of a page's links with one test.
 */
export function credentialLinkNeedles(): string[] {
  const { exact, suffixes } = precheckHosts();
  return [...exact, ...suffixes, ...FILE_ENDING_WORDS.map((w) => `.${w}`)];
}

/**
 * A cheap pre-check on a link's host and path (no URL parsing, no allocation for most
 * links): false when no rule could match, so the content script skips most of a page's
 * links without classifying them. (`explicit` links are classified regardless.)
 */
export function mayBeCredentialLink(host: string, pathname: string): boolean {
  const { exact, suffixes } = precheckHosts();
  if (exact.has(host)) return true;
  for (const suffix of suffixes) if (host.endsWith(suffix)) return true;
  return FILE_ENDINGS.test(pathname);
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
    // The human page is the candidate's identity; the fragment may carry the id (viewers).
    const c = base(
      rule.platform,
      rule.fragment === undefined ? url.href : `${url.href}#${hash}`,
      rule.fragment !== undefined,
    );
    c.noVerifiableForm = true;
    return c;
  }
  if (ctx.explicit === true || looksLikeHostedAssertion(url)) {
    return base(obHostedRule.platform, url.href);
  }
  if (looksLikeCredentialFile(url)) return base('credential-file', url.href);
  return null;
}

/** A link text that says "this is the credential": "Show credential", "View certificate", "Verify". */
const CREDENTIAL_BUTTON = /^(?:(?:show|view|see|open)\s+(?:credential|certificate|badge)s?|verify(?:\s+(?:credential|certificate|badge))?)$/i;

/** True when a link's text (whitespace-normalised) names the link as the credential itself. */
export function isCredentialButtonText(text: string): boolean {
  return CREDENTIAL_BUTTON.test(text.replace(/\s+/g, ' ').trim());
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
  const c: Candidate = { kind: 'link', url: inner.href, pageUrl: seen.href, platform: UNLISTED_PLATFORM, noVerifiableForm: true };
  const label = cleanLabel(ctx.label);
  if (label !== undefined) c.label = label;
  if (ctx.where !== undefined) c.where = ctx.where.slice(0, 120);
  return c;
}

function fragmentOf(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? '' : href.slice(i + 1, i + 1 + 2048);
}

function looksLikeHostedAssertion(url: URL): boolean {
  const path = url.pathname.toLowerCase();
  let suffix = false;
  for (const s of obHostedRule.pathSuffixes) suffix ||= path.endsWith(s);
  if (!suffix) return false;
  for (const w of obHostedRule.pathWords) if (path.includes(w)) return true;
  return false;
}

/** Credential files linked from CVs: compact JWS/JWT and VC files by their ending. */
const CREDENTIAL_FILE = /\.(?:jws|jwt|vc\.json|vp\.json|vc|jsonld)$/i;

function looksLikeCredentialFile(url: URL): boolean {
  return CREDENTIAL_FILE.test(url.pathname);
}
