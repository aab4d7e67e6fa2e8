import type { Candidate } from './candidate';
import { PLATFORM_RULES } from './platforms/index';
import { hostMatches, matchLinkRule, type LinkRule } from './rules';
import { REDIRECT_WRAPPERS, unwrapRedirect } from './unwrap';
import { cleanLabel, parseHttpUrl } from './url';
import { obHostedRule } from './platforms/ob-hosted';

/** All platform link rules, most specific first. */
export const LINK_RULES: readonly LinkRule[] = PLATFORM_RULES;

/** Rules by exact host, and the wildcard rules (`*.x`), built once: most links match no host. */
let index: { exact: Map<string, LinkRule[]>; wildcard: LinkRule[] } | null = null;
function rulesFor(host: string): LinkRule[] {
  if (index === null) {
    const exact = new Map<string, LinkRule[]>();
    const wildcard: LinkRule[] = [];
    for (const rule of LINK_RULES) {
      if (rule.hosts.some((h) => h.startsWith('*.'))) wildcard.push(rule);
      for (const h of rule.hosts) if (!h.startsWith('*.')) exact.set(h, [...(exact.get(h) ?? []), rule]);
    }
    index = { exact, wildcard };
  }
  const h = host.toLowerCase();
  const hits = index.exact.get(h) ?? [];
  const wild = index.wildcard.filter((r) => hostMatches(h, r.hosts) && !hits.includes(r));
  if (wild.length === 0) return hits;
  // Keep the rules' own order (most specific first).
  return LINK_RULES.filter((r) => hits.includes(r) || wild.includes(r));
}

/** Every host any rule or redirect wrapper names, and the `*.x` suffixes: for the cheap pre-check. */
let hostSets: { exact: Set<string>; suffixes: string[] } | null = null;
const FILE_ENDINGS = /\.(?:json|jsonld|jws|jwt|vc)$/i;

/**
 * A cheap pre-check on a link's host and path (no URL parsing, no allocation for most
 * links): false when no rule could match, so the content script skips most of a page's
 * links without classifying them. (`explicit` links are classified regardless.)
 */
export function mayBeCredentialLink(host: string, pathname: string): boolean {
  if (hostSets === null) {
    const all = [...LINK_RULES.flatMap((r) => r.hosts), ...REDIRECT_WRAPPERS.flatMap((w) => w.hosts)];
    hostSets = {
      exact: new Set(all.filter((h) => !h.startsWith('*.'))),
      suffixes: all.filter((h) => h.startsWith('*.')).map((h) => h.slice(1)),
    };
  }
  if (hostSets.exact.has(host)) return true;
  for (const suffix of hostSets.suffixes) if (host.endsWith(suffix)) return true;
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
  const innerHref = unwrapRedirect(href.trim());
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

function fragmentOf(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? '' : href.slice(i + 1, i + 1 + 2048);
}

function looksLikeHostedAssertion(url: URL): boolean {
  const path = url.pathname.toLowerCase();
  return (
    obHostedRule.pathSuffixes.some((s) => path.endsWith(s)) &&
    obHostedRule.pathWords.some((w) => path.includes(w))
  );
}

/** Credential files linked from CVs: compact JWS/JWT and VC files by their ending. */
const CREDENTIAL_FILE = /\.(?:jws|jwt|vc\.json|vp\.json|vc|jsonld)$/i;

function looksLikeCredentialFile(url: URL): boolean {
  return CREDENTIAL_FILE.test(url.pathname);
}
