/**
 * Extracts what may be a credential from the DOM: links the page-side pre-check takes
 * (lib/detect/link-pick.ts), links the page marks as Open Badges, "Show credential" links in
 * credentials sections, images that may carry a baked badge (PNG/SVG files in credentials
 * sections, platforms' badge images: never by their alt text), JSON-LD scripts and compact JWS in the text. It classifies nothing: the background
 * applies the platform rules to these sightings (lib/detect/classify-sighting.ts), so the
 * page never compiles them. No network, no state beyond a per-section cache.
 */
import { linkPicker, matchesNeedles, type PickLink } from '../../lib/detect/link-pick';
import { SIGHTING_LIMITS, type Sighting } from '../../lib/detect/sighting';
import { cleanLabel } from '../../lib/detect/url';
import {
  BADGE_IMAGE_SRC,
  BAKEABLE_SRC,
  GENERIC_LINK_TEXT,
  findJws,
  NOT_BAKEABLE_SRC,
  TEXT_URL_LIMITS,
  isCredentialButtonText,
  isCredentialSectionHeading,
  urlsInText,
} from '../../lib/detect/signals';

export interface Seen {
  sighting: Sighting;
  element: Element;
}

type LinkSighting = Extract<Sighting, { kind: 'link' }>;

/** The links one scan reports, by element, and the link texts it has read. */
interface LinkScan {
  bySighting: Map<Element, LinkSighting>;
  ownText: Map<Element, string>;
  out: Seen[];
}

const sectionCache = new WeakMap<Element, boolean>();
/** SECURITY: the part of one text node read for JWS (a JWS sighting is at most 64 KB anyway). */
const MAX_NODE_TEXT = 256 * 1024;
/** SECURITY: credential addresses written as text, looked for per scan. */
const MAX_TEXT_URLS_PER_SCAN = 50;
/** The link picker for the page's base address: re-scans of added subtrees (many small calls) share it. */
let picker: { base: string; pick: PickLink } | undefined;

function pickerFor(base: string): PickLink {
  if (picker?.base !== base) picker = { base, pick: linkPicker(base) };
  return picker.pick;
}

/**
 * Links the page marks as an Open Badges document: verified whatever their address
 * (classifyLink's `explicit`). One selector, as below.
 */
const EXPLICIT_LINKS = 'a[href]:is([rel~="openbadges" i], [type="application/ld+json" i])';

/**
 * `img` elements whose `src` does not end in an image type that cannot be baked (srcset ones
 * stay). One selector, not a list: the browser matches each element against each selector of a list.
 */
const BAKEABLE_IMAGES = `img:is([srcset], :not(${['.jpg', '.jpeg', '.gif', '.webp', '.avif', '.bmp', '.ico'].map((e) => `[src$="${e}" i]`).join(', ')}))`;

/** Script types that carry JSON-LD (credentials embedded in the page). */
const JSON_TYPES = new Set(['application/ld+json', 'application/vc+ld+json']);
/**
 * A JSON text can only be a credential (isCredentialJson) if it names one of these types or a
 * `vc`/`vp` claim; pages carry much schema.org JSON-LD that does not. Escaped text is sent as is.
 */
const CREDENTIAL_JSON_WORDS = /Credential|Presentation|Assertion|"v[cp]"|\\u/;

/**
 * What may be a credential in `root` (an element and its subtree). Cheap: native lookups,
 * one regular expression per link, one textContent read, a text walk only when the text
 * holds `eyJ` (every JWS) or a URL. On a fresh page every DOM access costs (the browser makes
 * each element's JS object on first touch), so each link is touched once unless it is picked.
 */
export function scanSubtree(root: Element): Seen[] {
  const out: Seen[] = [];
  // Tag-name collections are the browser's cheapest lookups; the type is checked here.
  const scripts = root.localName === 'script' ? [root] : Array.from(root.getElementsByTagName('script'));
  for (const script of scripts) {
    if (!JSON_TYPES.has((script.getAttribute('type') ?? '').trim().toLowerCase())) continue;
    const text = (script.textContent ?? '').trim();
    if (text.length > 0 && text.length <= SIGHTING_LIMITS.maxTextLength && CREDENTIAL_JSON_WORDS.test(text))
      out.push({ sighting: { kind: 'json', text }, element: script });
  }
  if (root.localName === 'head') return out;
  const text = root.textContent ?? '';
  // Text in scripts and styles is not the page's: what only they hold needs no walk.
  let hidden: string | undefined;
  const hiddenOf = () => (hidden ??= hiddenText(root, scripts));
  if (text.includes('eyJ') && occurrences(text, 'eyJ') > occurrences(hiddenOf(), 'eyJ')) scanJwtText(root, out);

  const pick = pickerFor(root.ownerDocument.baseURI);
  const found: LinkScan = { bySighting: new Map(), ownText: new Map(), out };
  const links = root.getElementsByTagName('a');
  // A plain loop (this runs cold on every page): `root` itself first, then its links.
  for (let i = root.localName === 'a' ? -1 : 0; i < links.length; i++) {
    const a = i < 0 ? root : links[i]!;
    const raw = a.getAttribute('href');
    // Most links on a page are not credentials: one test on the href as written skips them.
    if (raw === null || !(a instanceof HTMLAnchorElement)) continue;
    const href = pick(raw, () => a.href);
    if (href === null || href.length > SIGHTING_LIMITS.maxUrlLength) continue;
    reportLink(a, { kind: 'link', href }, found);
  }
  scanExplicitLinks(root, found);
  scanListedLinks(root, found);

  // Images whose address ends like a JPEG, GIF, WebP... (and no srcset) cannot carry a baked badge:
  // the browser leaves them out natively; the loop below checks the rest (queries, srcset) again.
  const images = root.matches(BAKEABLE_IMAGES) ? [root] : [];
  images.push(...root.querySelectorAll(BAKEABLE_IMAGES));
  for (const img of images) {
    if (!(img instanceof HTMLImageElement)) continue;
    // JPEG, GIF, WebP... cannot carry a baked badge: skip before any other work (even resolving the URL).
    if (!img.hasAttribute('srcset') && NOT_BAKEABLE_SRC.test(img.getAttribute('src') ?? '')) continue;
    const src = img.currentSrc || img.src;
    if (!/^https?:/i.test(src) || NOT_BAKEABLE_SRC.test(src) || src.length > SIGHTING_LIMITS.maxUrlLength) continue;
    // Only real signals make an image worth unbaking (classifyImage): a platform's badge image, or
    // a PNG/SVG file in a credentials section or linked as a file of its own. Alt and title text
    // never do: logos say "badge" too. The background counts it only once it reads baked data in it.
    const known = BADGE_IMAGE_SRC.test(src);
    const bakeable = BAKEABLE_SRC.test(src);
    if (!known && !bakeable) continue;
    const link = img.closest('a[href]');
    // The link around: a credential link (the image is that link's; the background decides with
    // the rules), or a link to a PNG/SVG file (the image linked as a file of its own).
    const linkHref =
      link instanceof HTMLAnchorElement
        ? (pick(link.getAttribute('href') ?? '', () => link.href) ??
          (/^https?:/i.test(link.href) && BAKEABLE_SRC.test(link.href) ? link.href : ''))
        : '';
    const inLink = linkHref !== '' && linkHref.length <= SIGHTING_LIMITS.maxUrlLength;
    const inSection = !known && inCredentialSection(img);
    if (!known && !inSection && !(inLink && BAKEABLE_SRC.test(linkHref))) continue;
    const alt = cleanLabel(img.alt);
    const title = cleanLabel(img.title);
    const sighting: Extract<Sighting, { kind: 'image' }> = { kind: 'image', src };
    if (alt !== undefined) sighting.alt = alt;
    if (title !== undefined) sighting.title = title;
    if (inSection) sighting.inCredentialSection = true;
    if (inLink) sighting.linkHref = linkHref;
    out.push({ sighting, element: img });
  }
  // Credential addresses written as plain text (a CV pasted into a page), unless a link already
  // gave them: only when the text holds such an address are its text nodes walked for the mark.
  // (Pages often have addresses in their scripts only: then nothing more is read.)
  const first = text.indexOf('://');
  if (first >= 0 && occurrences(text, '://') > occurrences(hiddenOf(), '://')) scanTextUrls(root, text, first, hiddenOf, out);
  return out;
}

/** The link's own text (its aria-label, else its text), read once per scan. */
function textOf(a: HTMLAnchorElement, ownText: Map<Element, string>): string {
  let text = ownText.get(a);
  if (text === undefined) ownText.set(a, (text = a.getAttribute('aria-label') ?? a.textContent ?? ''));
  return text;
}

function labelFor(a: HTMLAnchorElement, ownText: Map<Element, string>): string | undefined {
  const own = cleanLabel(textOf(a, ownText));
  if (own !== undefined && !GENERIC_LINK_TEXT.test(own)) return own;
  const entry = a.closest('li, article');
  const heading = entry?.querySelector('h3, h4, h5, strong, [data-credential-title]');
  return cleanLabel(heading?.textContent) ?? own;
}

/**
 * Links a credentials section ("Licenses & certifications") labels as the credential ("Show
 * credential"): reported as `listed`, so the background reports one no rule knows as found,
 * not verifiable (never fetched). Only sections are searched, so a page without one costs one query.
 */
function scanListedLinks(root: Element, found: LinkScan): void {
  const sections: Element[] = [];
  if (inCredentialSection(root)) sections.push(root);
  else {
    // Two native lookups (a tag name is the browser's fastest query) rather than one selector list.
    for (const section of root.getElementsByTagName('section')) if (inCredentialSection(section)) sections.push(section);
    for (const region of root.querySelectorAll('[role="region"]')) if (inCredentialSection(region)) sections.push(region);
  }
  for (const section of sections) {
    const links = section.localName === 'a' ? [section] : section.getElementsByTagName('a');
    // The innermost section decides (as for images): a nested section is judged on its own heading.
    const nested = section.querySelector('section, [role="region"]') !== null;
    for (const a of links) {
      if (!(a instanceof HTMLAnchorElement) || !a.hasAttribute('href')) continue;
      if (!isCredentialButtonText(textOf(a, found.ownText)) || (nested && !inCredentialSection(a))) continue;
      reportFlagged(a, 'listed', found); // nested credential sections list a link twice: one sighting
    }
  }
}

/**
 * Links the page marks as an Open Badges document (`rel="openbadges"`, `type="application/ld+json"`),
 * whatever their address: one native query, since such links are rare and any host may serve one.
 */
function scanExplicitLinks(root: Element, links: LinkScan): void {
  const marked = root.matches(EXPLICIT_LINKS) ? [root] : [];
  marked.push(...root.querySelectorAll(EXPLICIT_LINKS));
  for (const a of marked) if (a instanceof HTMLAnchorElement) reportFlagged(a, 'explicit', links);
}

/** Reports link `a` with `flag` set, or sets the flag on its sighting when the link is reported already. */
function reportFlagged(a: HTMLAnchorElement, flag: 'listed' | 'explicit', links: LinkScan): void {
  const known = links.bySighting.get(a);
  if (known !== undefined) {
    known[flag] = true;
    return;
  }
  const href = a.href;
  if (/^https?:/i.test(href) && href.length <= SIGHTING_LIMITS.maxUrlLength) reportLink(a, { kind: 'link', href, [flag]: true }, links);
}

/** Adds a link sighting, labelled as the page labels the link. */
function reportLink(a: HTMLAnchorElement, sighting: LinkSighting, links: LinkScan): void {
  const label = labelFor(a, links.ownText);
  if (label !== undefined) sighting.label = label;
  links.bySighting.set(a, sighting);
  links.out.push({ sighting, element: a });
}

/** True when the element is inside a section whose heading, label or id names credentials. */
function inCredentialSection(el: Element): boolean {
  const section = el.closest('section, [role="region"]');
  if (section === null) return false;
  const cached = sectionCache.get(section);
  if (cached !== undefined) return cached;
  const heading = section.querySelector('h1, h2, h3');
  // The section's own id, or its anchor's (LinkedIn puts `<div id="licenses_and_certifications">` first in it).
  let idHolder: Element | null = section.id !== '' ? section : null;
  for (let c = section.firstElementChild, n = 0; idHolder === null && c !== null && n < 8; c = c.nextElementSibling, n++)
    if (c.id !== '') idHolder = c;
  const yes =
    isCredentialSectionHeading(heading?.textContent) ||
    isCredentialSectionHeading(section.getAttribute('aria-label')) ||
    isCredentialSectionHeading(idHolder?.id);
  sectionCache.set(section, yes);
  return yes;
}

/** The text of the scripts and styles in `root` (and of `root` itself if it is one): never the page's words. */
function hiddenText(root: Element, scripts: Element[]): string {
  let out = root.localName === 'style' ? (root.textContent ?? '') : '';
  for (const el of scripts) out += `${el.textContent ?? ''}\n`;
  for (const el of root.getElementsByTagName('style')) out += `${el.textContent ?? ''}\n`;
  return out;
}

/** How many times `word` occurs in `text` (non-overlapping). */
function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** Credential-like URLs written in the text of `root` (outside links); the mark goes after the text's element. */
function scanTextUrls(root: Element, text: string, first: number, hidden: () => string, out: Seen[]): void {
  const known = new Set<string>();
  for (const f of out) if (f.sighting.kind === 'link') known.add(f.sighting.href);
  const wanted = new Set<string>();
  // Every URL urlsInText finds starts with `http://` or `https://` at most 5 characters before the
  // first `://`: the same URLs, without running the pattern over the text before it. The bound
  // on the text stays where urlsInText puts it.
  for (const u of urlsInText(text.slice(Math.max(0, first - 5), TEXT_URL_LIMITS.maxTextChars))) {
    if (known.has(u) || u.length > SIGHTING_LIMITS.maxUrlLength || !matchesNeedles(u)) continue;
    if (occurrences(text, u) > occurrences(hidden(), u)) wanted.add(u);
    // SECURITY: each wanted address costs a pass over the text and the walk: bounded per scan.
    if (wanted.size >= MAX_TEXT_URLS_PER_SCAN) break;
  }
  if (wanted.size === 0) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let visited = 0;
  for (let n = walker.nextNode(); n !== null && wanted.size > 0 && visited < 20_000; n = walker.nextNode(), visited++) {
    const data = (n as Text).data;
    const parent = n.parentElement;
    if (parent === null || !data.includes('://') || parent.closest('a[href], script, style, textarea') !== null) continue;
    for (const u of wanted) {
      if (!data.includes(u)) continue;
      out.push({ sighting: { kind: 'link', href: u, where: 'page text' }, element: parent });
      wanted.delete(u);
    }
  }
}

/** Compact JWS in text nodes under `root` (at most 5 per node); the mark goes after the node's element. */
function scanJwtText(root: Element, out: Seen[]): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let visited = 0;
  for (let n = walker.nextNode(); n !== null && visited < 20_000; n = walker.nextNode(), visited++) {
    const data = (n as Text).data;
    const parent = n.parentElement;
    if (parent === null || !data.includes('eyJ') || parent.closest('script, style') !== null) continue;
    let found = 0;
    // SECURITY: one text node is read up to a bound (linear finder, bounded input).
    for (const jws of findJws(data.length > MAX_NODE_TEXT ? data.slice(0, MAX_NODE_TEXT) : data, 10)) {
      if (jws.length > SIGHTING_LIMITS.maxTextLength) continue;
      out.push({ sighting: { kind: 'jwt', text: jws }, element: parent });
      if (++found >= 5) break;
    }
  }
}
