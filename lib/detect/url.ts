import { CANDIDATE_LIMITS, type Candidate } from './candidate';

/**
 * Parses an absolute http(s) URL a page supplied, or returns null.
 * SECURITY: rejects other schemes (javascript:, data:, file:, chrome-extension:),
 * embedded credentials and over-long URLs; drops the fragment, which never reaches a server.
 */
export function parseHttpUrl(href: string): URL | null {
  if (typeof href !== 'string' || href.length === 0 || href.length > CANDIDATE_LIMITS.maxUrlLength)
    return null;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '') return null;
  // Only an href with `#` can have a fragment; setting `hash` re-parses the URL, which is
  // most of this function's cost, so skip it for the rest.
  if (href.includes('#')) url.hash = '';
  return url;
}

/** Trims and collapses whitespace, bounded to the label limit; undefined when empty. */
export function cleanLabel(text: string | null | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  return clean.length > CANDIDATE_LIMITS.maxLabelLength
    ? `${clean.slice(0, CANDIDATE_LIMITS.maxLabelLength - 1)}…`
    : clean;
}

/**
 * The identity of a credential address, so that one credential is counted once however a page
 * writes it: scheme, host (lower case, default port dropped, as the URL parser writes them), path
 * and query; one trailing slash of a path other than `/` dropped (`/c/9/` is `/c/9`); the fragment
 * dropped unless `keepFragment` (viewers that keep the credential's id there). Null when `href`
 * is not an http(s) URL.
 */
export function credentialIdentity(href: string, keepFragment = false): string | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1);
  if (!keepFragment) url.hash = '';
  return url.href;
}

/**
 * What makes two candidates the same credential: the same embedded payload (its key hashes the
 * content), or the same address by credentialIdentity. A fragment the rules kept in the address
 * (a viewer's id) stays part of it.
 */
export function candidateIdentity(c: Candidate): string {
  if (c.kind === 'embedded') return c.url;
  return credentialIdentity(c.url, c.url.includes('#')) ?? c.url;
}
