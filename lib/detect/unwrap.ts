/**
 * Redirect wrappers that sites put around outbound links (LinkedIn's "Show credential"
 * goes through /redir/redirect, mail scanners wrap every link): the credential URL is
 * inside. Rules as data; unwrapping is one level deep and bounded.
 */
import { hostMatches } from './rules';

export interface RedirectWrapper {
  hosts: readonly string[];
  path: RegExp;
  /** Query parameter that carries the target URL. */
  param: string;
}

export const REDIRECT_WRAPPERS: readonly RedirectWrapper[] = [
  { hosts: ['www.linkedin.com', 'linkedin.com'], path: /^\/redir\/redirect\/?$/, param: 'url' },
  { hosts: ['www.google.com', 'google.com'], path: /^\/url$/, param: 'q' },
  { hosts: ['*.safelinks.protection.outlook.com'], path: /^\/$/, param: 'url' },
];

/** The URL a known redirect wrapper points at, or the input unchanged. */
export function unwrapRedirect(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  return unwrapParsedRedirect(href, url);
}

/** unwrapRedirect for an href the caller already parsed (`url` = `new URL(href)`, fragment aside): one parse fewer. */
export function unwrapParsedRedirect(href: string, url: URL): string {
  const host = url.hostname;
  let w: RedirectWrapper | undefined;
  for (const r of REDIRECT_WRAPPERS) {
    if (hostMatches(host, r.hosts) && r.path.test(url.pathname)) {
      w = r;
      break;
    }
  }
  const inner = w === undefined ? null : url.searchParams.get(w.param);
  return inner !== null && /^https?:\/\//i.test(inner) ? inner : href;
}
