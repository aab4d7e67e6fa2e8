/**
 * `--map-url <from-prefix>=<to-prefix>`: serve one URL space from another (a loopback fixture
 * server standing in for https://example.org/, a staging copy of an issuer...).
 * Requests are rewritten on the way out; final URLs and redirect hops are translated back.
 */

/** One rewrite rule; both sides are normalised absolute http(s) URL prefixes. */
export interface UrlMapEntry {
  from: string;
  to: string;
}

/** The parsed `--map-url` rules, in the order given. Plain data the caller owns. */
export interface UrlMap {
  entries: readonly UrlMapEntry[];
}

/** Result of parsing `--map-url` specs; never throws. */
export type UrlMapParseResult =
  { ok: true; map: UrlMap } | { ok: false; code: 'ERR_URLMAP_BAD_SPEC'; spec: string; error: string };

/** An empty map (no rewriting). */
export const EMPTY_URL_MAP: UrlMap = { entries: [] };

const SCHEME_AFTER = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Normalises an absolute http(s) URL (prefix), or returns undefined. */
function normalisePrefix(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

/** Parses `--map-url` specs (`<prefix>=<prefix>`), split at the first '=' that starts a URL. */
export function parseUrlMap(specs: readonly string[]): UrlMapParseResult {
  const entries: UrlMapEntry[] = [];
  for (const spec of specs) {
    let split = -1;
    for (let i = spec.indexOf('='); i !== -1; i = spec.indexOf('=', i + 1)) {
      if (SCHEME_AFTER.test(spec.slice(i + 1))) {
        split = i;
        break;
      }
    }
    if (split <= 0) {
      return bad(spec, 'expected <prefix>=<prefix>, e.g. https://example.org/=http://127.0.0.1:8080/');
    }
    const from = normalisePrefix(spec.slice(0, split));
    const to = normalisePrefix(spec.slice(split + 1));
    if (from === undefined) return bad(spec, `"${spec.slice(0, split)}" is not an absolute http(s) URL`);
    if (to === undefined) return bad(spec, `"${spec.slice(split + 1)}" is not an absolute http(s) URL`);
    entries.push({ from, to });
  }
  return { ok: true, map: { entries } };
}

function bad(spec: string, why: string): UrlMapParseResult {
  return { ok: false, code: 'ERR_URLMAP_BAD_SPEC', spec, error: `bad mapping "${spec}": ${why}` };
}

/** Longest-prefix rewrite between the two sides of the map; undefined when nothing matches. */
function rewrite(map: UrlMap, url: string, side: 'from' | 'to'): string | undefined {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return undefined;
  }
  let best: UrlMapEntry | undefined;
  for (const entry of map.entries) {
    const prefix = entry[side];
    // Ties keep the first rule given, so the user's order decides ambiguous reverse mappings.
    if (href.startsWith(prefix) && (best === undefined || prefix.length > best[side].length)) best = entry;
  }
  if (best === undefined) return undefined;
  const other = side === 'from' ? best.to : best.from;
  return other + href.slice(best[side].length);
}

/** Rewrites a URL by the longest matching `from` prefix; undefined when no rule applies. */
export function mapUrl(map: UrlMap | undefined, url: string): string | undefined {
  return map === undefined ? undefined : rewrite(map, url, 'from');
}

/** Translates a mapped URL (e.g. a redirect target on the mapped server) back to the original URL space. */
export function unmapUrl(map: UrlMap | undefined, url: string): string | undefined {
  return map === undefined ? undefined : rewrite(map, url, 'to');
}
