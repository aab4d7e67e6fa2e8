/**
 * Link rules as data: each platform module exports rules; one engine applies them.
 * A rule maps a human URL seen on a page to the platform's machine-readable endpoint, or
 * says the platform publishes none (`endpoint: null`: "found, not verifiable").
 * Correcting a platform is editing its data, not this engine.
 */
export interface LinkRule {
  /** Platform id reported in the candidate (`credly`, `coursera`...). */
  platform: string;
  /** Display name ("Credly", "Coursera"); defaults to the id. */
  name?: string;
  /** What the platform's page vouches for, in a recruiter's words. */
  vouches?: string;
  /** Exact host names, or `*.example.com` for any subdomain of example.com (not the apex). */
  hosts: readonly string[];
  /** Matched against the URL path; captures the credential id in a group named `id` (unless `fragment` does). */
  path: RegExp;
  /** Matched against the fragment (without `#`) for viewers that keep the id there; captures `id`. */
  fragment?: RegExp;
  /** Matched against the query string (without `?`); captures `id`. */
  query?: RegExp;
  /**
   * Endpoint template; `{id}` is replaced by the URL-encoded id, `{rawId}` by the id as
   * captured (only with `idIsUrl`). null: the platform publishes no verifiable form.
   */
  endpoint: string | null;
  /** The captured id is itself an absolute http(s) URL (e.g. VerifierPlus `#verify?vc=<url>`). */
  idIsUrl?: boolean;
  /** Normalise the captured id (e.g. lower-case a UUID). */
  normalizeId?: (id: string) => string;
  /** Only https links count (default true): an http page URL is not the platform's. */
  httpsOnly?: boolean;
  /** Where the rule comes from and how sure it is (shown to maintainers, not users). */
  source?: string;
}

/** What a rule made of a URL: the endpoint, or null when the platform publishes none. */
export interface RuleMatch {
  rule: LinkRule;
  id: string;
  endpoint: string | null;
}

/** True when `host` matches one of the rule's host patterns. */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase();
  // A loop, not .some(): this runs cold in the content script on every page.
  for (const p of patterns) {
    if (p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p) return true;
  }
  return false;
}

/** Applies one rule to a parsed URL (`hash` is the fragment the URL had, without `#`). */
export function matchLinkRule(rule: LinkRule, url: URL, hash = ''): RuleMatch | null {
  if ((rule.httpsOnly ?? true) && url.protocol !== 'https:') return null;
  if (!hostMatches(url.hostname, rule.hosts)) return null;
  const m = rule.path.exec(url.pathname);
  if (m === null) return null;
  let raw = m.groups?.['id'];
  if (rule.fragment !== undefined) raw = rule.fragment.exec(hash)?.groups?.['id'];
  if (rule.query !== undefined) raw = rule.query.exec(url.search.slice(1))?.groups?.['id'];
  if (raw === undefined || raw === '') return null;
  let id = raw;
  if (rule.idIsUrl === true) {
    try {
      id = decodeURIComponent(raw);
      const inner = new URL(id);
      if (inner.protocol !== 'https:' && inner.protocol !== 'http:') return null;
      if (inner.username !== '' || inner.password !== '') return null;
    } catch {
      return null;
    }
  }
  if (rule.normalizeId) id = rule.normalizeId(id);
  if (rule.endpoint === null) return { rule, id, endpoint: null };
  const endpoint = rule.endpoint.replace('{rawId}', id).replace('{id}', encodeURIComponent(id));
  return { rule, id, endpoint };
}

/** Applies one rule to a parsed URL; returns the endpoint or null (no match, or no verifiable form). */
export function applyLinkRule(rule: LinkRule, url: URL): string | null {
  return matchLinkRule(rule, url)?.endpoint ?? null;
}
