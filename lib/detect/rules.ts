/**
 * Link rules as data: each platform module exports rules; one engine applies them.
 * A rule maps a human URL seen on a page to the platform's machine-readable endpoint.
 * Correcting a platform is editing its data, not this engine.
 */
export interface LinkRule {
  /** Platform name reported in the candidate. */
  platform: string;
  /** Exact host names, or `*.example.com` for any subdomain of example.com (not the apex). */
  hosts: readonly string[];
  /** Matched against the URL path; must capture the credential id in a group named `id`. */
  path: RegExp;
  /** Endpoint template; `{id}` is replaced by the URL-encoded id. */
  endpoint: string;
  /** Normalise the captured id (e.g. lower-case a UUID). */
  normalizeId?: (id: string) => string;
  /** Only https links count (default true): an http page URL is not the platform's. */
  httpsOnly?: boolean;
}

/** True when `host` matches one of the rule's host patterns. */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase();
  return patterns.some((p) =>
    p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p,
  );
}

/** Applies one rule to a parsed URL; returns the endpoint or null. */
export function applyLinkRule(rule: LinkRule, url: URL): string | null {
  if ((rule.httpsOnly ?? true) && url.protocol !== 'https:') return null;
  if (!hostMatches(url.hostname, rule.hosts)) return null;
  const m = rule.path.exec(url.pathname);
  const raw = m?.groups?.['id'];
  if (raw === undefined || raw === '') return null;
  const id = rule.normalizeId ? rule.normalizeId(raw) : raw;
  return rule.endpoint.replace('{id}', encodeURIComponent(id));
}
