import { CANDIDATE_LIMITS } from './candidate';

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
