/**
 * The content script's decision on one href as written: report it (and under which address)
 * or skip it. Every http(s) URL classifyLink accepts, in any writing the URL parser reads as
 * that URL, is reported; the background then classifies it. Pure, so the unit tests run the
 * very function the page runs (tests/unit/link-needles.test.ts).
 *
 * One regular expression per href decides for almost every link on a page: LINK_NEEDLES on
 * the lower-cased href, or-ed with NOT_AS_PARSED (hrefs the URL parser would rewrite). A
 * plain absolute href that matches is a needle hit. A relative one (`/path`, `?query`,
 * `#fragment`) is tested as the page's address plus the href, which is what the parser makes
 * of it; anything else is parsed (`resolve`, in the page `a.href`). The address reported is
 * the href itself when it is written as the parser writes it (up to case), else the parsed one.
 */
import { LINK_NEEDLES } from './link-needles';
import { NOT_AS_PARSED, isRewritten, isWrittenAsParsed } from './signals';

/** `resolve()` gives the parser's writing of the href against the page (the page's `a.href`), or null. */
export type PickLink = (raw: string, resolve: () => string | null) => string | null;

let pick: RegExp | undefined;
let needle: RegExp | undefined;

/** True when a URL (any case) matches LINK_NEEDLES once lower-cased: worth reporting. */
export function matchesNeedles(url: string): boolean {
  return (needle ??= new RegExp(LINK_NEEDLES)).test(url.toLowerCase());
}

/** A picker for hrefs on the page whose base address is `baseUrl` (the content script passes the document's). */
export function linkPicker(baseUrl: string): PickLink {
  const first = (pick ??= new RegExp(`${LINK_NEEDLES}|${NOT_AS_PARSED}`));
  // What the parser puts before a relative href of each kind, lower-cased ('' when the base is not http(s)).
  let origin = '';
  let path = '';
  let query = '';
  try {
    const base = new URL(baseUrl);
    if (base.protocol === 'https:' || base.protocol === 'http:') {
      origin = base.origin.toLowerCase();
      path = `${base.origin}${base.pathname}`.toLowerCase();
      query = `${path}${base.search.toLowerCase()}`;
    }
  } catch {
    // No usable base: relative hrefs are parsed one by one.
  }
  const resolved = (resolve: () => string | null): string | null => {
    const href = resolve();
    return href !== null && matchesNeedles(href) ? href : null;
  };
  return (raw, resolve) => {
    const low = raw.toLowerCase();
    if (!first.test(low)) return null;
    // Plain and matching: only a needle can have matched.
    if (isWrittenAsParsed(raw)) return raw;
    if (origin === '' || isRewritten(raw)) return resolved(resolve);
    const c0 = raw.charCodeAt(0);
    const c1 = raw.charCodeAt(1);
    let written: string;
    if (c0 === 0x2f /* / */ && c1 !== 0x2f && c1 !== 0x5c /* \ */) written = origin + low;
    else if (c0 === 0x3f /* ? */) written = path + low;
    else if (c0 === 0x23 /* # */) written = query + low;
    else return resolved(resolve); // another scheme, `//host`, a path relative to the directory, an odd host
    // `written` is what the parser makes of the href, up to escaping: the first pattern matches
    // it by a needle, or because of the page's own address (an IPv6 host, a `/.` in its path),
    // and the parsed href settles which.
    return first.test(written) ? resolved(resolve) : null;
  };
}
