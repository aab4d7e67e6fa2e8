/**
 * The content script's decision on one href as written: report it (and under which address)
 * or skip it. Every http(s) URL classifyLink accepts, in any writing the URL parser reads as
 * that URL, is reported; the background then classifies it. Pure, so the unit tests run the
 * very function the page runs (tests/unit/link-needles.test.ts).
 *
 * LINK_NEEDLES is tested on an address as the URL parser writes it, lower-cased and without
 * its port. The page gets there without parsing for almost every link:
 * - a relative href (`/path`, `?query`, `#fragment`) is the page's address plus the href;
 * - a plain absolute href (`http(s)://host` then `/`, `?`, `#` or the end) is as the parser
 *   writes it, up to case and the escaping of characters no needle names, and is reported as
 *   written;
 * - anything else (another scheme, `//host`, a path relative to the directory, a user name, a
 *   port) and anything the parser rewrites (backslashes, whitespace, control characters, dot
 *   segments) is parsed (`resolve`, in the page `a.href`).
 * This runs on every link of a page, mostly in code V8 has just compiled: two small regular
 * expressions and the needles, which carry no port and no look-ahead, since the size of the
 * pattern is what its first use costs.
 */
import { LINK_NEEDLES } from './link-needles';

/** `resolve()` gives the parser's writing of the href against the page (the page's `a.href`), or null. */
export type PickLink = (raw: string, resolve: () => string | null) => string | null;

/** What the URL parser rewrites in a lower-cased href: backslashes, whitespace and control characters, dot segments (also written %2e). */
// eslint-disable-next-line no-control-regex -- control characters are what the parser strips or escapes
const REWRITTEN = /[\\\s\x00-\x1f]|\/\.|%2e/;
/** A lower-cased href that is not plain: anything but `http(s)://host` then `/`, `?`, `#` or the end, or with something REWRITTEN. */
const NOT_PLAIN = new RegExp(`^(?!https?:\\/\\/[a-z0-9.-]+(?:[/?#]|$))|${REWRITTEN.source}`);
/** The port of a lower-cased absolute URL (after its host, before its path): removed before the needles are tested. */
const PORT = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*?):\d*(?=[/?#]|$)/;

let needles: RegExp | undefined;

/** `low` (lower-cased, without a port) matches LINK_NEEDLES. */
function hitsNeedles(low: string): boolean {
  return (needles ??= new RegExp(LINK_NEEDLES)).test(low);
}

/** True when a URL as the parser writes it (any case, any port) matches LINK_NEEDLES: worth reporting. */
export function matchesNeedles(url: string): boolean {
  return hitsNeedles(url.toLowerCase().replace(PORT, '$1'));
}

/** A picker for hrefs on the page whose base address is `baseUrl` (the content script passes the document's). */
export function linkPicker(baseUrl: string): PickLink {
  // What the parser puts before a relative href of each kind, lower-cased and without the port
  // ('' when the base is not http(s): relative hrefs are then parsed one by one).
  let origin = '';
  let path = '';
  let query = '';
  try {
    const base = new URL(baseUrl);
    if (base.protocol === 'https:' || base.protocol === 'http:') {
      origin = `${base.protocol}//${base.hostname}`.toLowerCase();
      path = `${origin}${base.pathname.toLowerCase()}`;
      query = `${path}${base.search.toLowerCase()}`;
    }
  } catch {
    // No usable base.
  }
  const resolved = (resolve: () => string | null): string | null => {
    const href = resolve();
    return href !== null && matchesNeedles(href) ? href : null;
  };
  return (raw, resolve) => {
    const low = raw.toLowerCase();
    const c0 = low.charCodeAt(0);
    const c1 = low.charCodeAt(1);
    const before =
      origin === ''
        ? undefined
        : c0 === 0x2f /* / */
          ? c1 === 0x2f || c1 === 0x5c /* //host, /\host */
            ? undefined
            : origin
          : c0 === 0x3f /* ? */
            ? path
            : c0 === 0x23 /* # */
              ? query
              : undefined;
    // The parsed href is `before + low` up to escaping, unless the parser rewrites part of the href.
    if (before !== undefined)
      return !REWRITTEN.test(low) && !hitsNeedles(before + low) ? null : resolved(resolve);
    if (NOT_PLAIN.test(low)) return resolved(resolve);
    // Plain: only a needle can match, and the href is reported as written.
    return hitsNeedles(low) ? raw : null;
  };
}
