/**
 * Extracts what the detectors need from the DOM (links and images) and runs the pure
 * detectors of lib/detect over it. No network, no state beyond a per-run cache.
 */
import type { Candidate } from '../../lib/detect/candidate';
import { classifyImage, isCredentialSectionHeading } from '../../lib/detect/classify-image';
import { classifyLink, classifyUnlistedCredentialLink, credentialLinkNeedles, isCredentialButtonText, mayBeCredentialLink } from '../../lib/detect/classify-link';
import { classifyJsonText, classifyJwsInText } from '../../lib/detect/classify-embedded';
import { SCAN_LIMITS } from '../../lib/scan/collect';
import { urlsInText } from '../../lib/scan/scan-text';

export interface Found {
  candidate: Candidate;
  element: Element;
}

/** Words of a link text too generic to name the credential ("Show credential"). */
const GENERIC_TEXT = /^(?:show|view|see|verify|open)?\s*(?:credential|badge|certificate|link|more)?s?$/i;

const sectionCache = new WeakMap<Element, boolean>();

/** `scheme://host` at the start of an href attribute (userinfo skipped). */
const ABSOLUTE = /^\s*https?:\/\/(?:[^@/?#]*@)?([^/?#:]+)[^?#]*/i;

/**
 * The pre-check on the href attribute as written: reading `a.hostname` makes Blink parse
 * the URL, which is most of the cost on a large page. Relative and unusual hrefs fall
 * back to the parsed properties.
 */
function mayBeLink(a: HTMLAnchorElement, raw = a.getAttribute('href') ?? ''): boolean {
  const m = ABSOLUTE.exec(raw);
  if (m !== null) return mayBeCredentialLink((m[1] ?? '').toLowerCase(), m[0]);
  return mayBeCredentialLink(a.hostname, a.pathname);
}

let needles: RegExp | undefined;

/**
 * True when mayBeLink would surely say no, decided with one test: the href is written as
 * a plain `http(s)://host…` (so mayBeLink reads its host and path as written) and names
 * none of the pre-check's hosts, suffixes or file endings anywhere. Anything else (relative,
 * upper-case scheme, leading space, no host) is left to mayBeLink.
 */
function surelyNotCredential(raw: string): boolean {
  const n = raw.startsWith('https://') ? 8 : raw.startsWith('http://') ? 7 : 0;
  if (n === 0 || n >= raw.length) return false;
  const c = raw[n];
  if (c === '/' || c === '?' || c === '#' || c === ':') return false;
  needles ??= new RegExp(
    credentialLinkNeedles()
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/k/g, '[k\\u212a]'))
      .join('|'),
    'i',
  );
  return !needles.test(raw);
}

/** The page marks the link as an Open Badges document. */
function isExplicit(a: HTMLAnchorElement): boolean {
  return (
    (a.rel !== '' && a.rel.toLowerCase().split(/\s+/).includes('openbadges')) ||
    a.type.toLowerCase() === 'application/ld+json'
  );
}

/** Image URLs whose file type cannot hold a baked badge (same list as classifyImage). */
const NOT_BAKEABLE_SRC = /\.(?:jpe?g|gif|webp|avif|bmp|ico)(?:[?#]|$)/i;

/** Script types that carry JSON-LD (credentials embedded in the page). */
const JSON_SCRIPTS = 'script[type="application/ld+json"], script[type="application/vc+ld+json"]';

/**
 * Finds credential links, badge images, JSON-LD credentials and JWT credentials in
 * `root` (an element and its subtree). Cheap: native selectors, one textContent read,
 * a text walk only when the text holds `eyJ` (the start of every JWT).
 */
export function scanSubtree(root: Element): Found[] {
  const out: Found[] = [];
  const pageUrl = location.href;
  const scripts = root.matches(JSON_SCRIPTS) ? [root] : [];
  scripts.push(...root.querySelectorAll(JSON_SCRIPTS));
  for (const script of scripts) {
    for (const candidate of classifyJsonText(script.textContent ?? '', {
      pageUrl,
      where: 'JSON-LD script',
    })) {
      out.push({ candidate, element: script });
    }
  }
  if (root.localName === 'head') return out;
  const text = root.textContent ?? '';
  if (text.includes('eyJ')) scanJwtText(root, pageUrl, out);
  // Only links with a rel or type attribute can be explicit (found natively, usually none).
  const marked = root.querySelectorAll('a[href][rel], a[href][type]');
  const mayBeExplicit = new Set<Element>(marked);
  if (root.matches('a[href][rel], a[href][type]')) mayBeExplicit.add(root);
  const links = root.querySelectorAll('a[href]');
  // A plain loop (this runs cold on every page): `root` itself first, then its links.
  for (let i = root.matches('a[href]') ? -1 : 0; i < links.length; i++) {
    const a = i < 0 ? root : (links[i] as Element);
    const raw = a.getAttribute('href') ?? '';
    const marks = mayBeExplicit.size !== 0 && mayBeExplicit.has(a);
    // Most links on a page are not credentials: one test on the href skips them.
    if ((!marks && surelyNotCredential(raw)) || !(a instanceof HTMLAnchorElement)) continue;
    const explicit = marks && isExplicit(a);
    if (!explicit && !mayBeLink(a, raw)) continue;
    const candidate = classifyLink(a.href, { label: labelFor(a), explicit });
    if (candidate !== null) out.push({ candidate, element: a });
  }
  scanUnlistedLinks(root, out);
  const images = root.matches('img') ? [root] : [];
  images.push(...root.querySelectorAll('img'));
  for (const img of images) {
    if (!(img instanceof HTMLImageElement)) continue;
    const src = img.currentSrc || img.src;
    // JPEG, GIF, WebP... cannot carry a baked badge: skip before any other work.
    if (NOT_BAKEABLE_SRC.test(src)) continue;
    const link = img.closest('a[href]');
    const candidate = classifyImage({
      src,
      alt: img.alt,
      title: img.title,
      inCredentialSection: inCredentialSection(img),
      inCredentialLink:
        link instanceof HTMLAnchorElement && mayBeLink(link) && classifyLink(link.href) !== null,
    });
    if (candidate !== null) out.push({ candidate, element: img });
  }
  // Credential addresses written as plain text (a CV pasted into a page), unless a link already
  // gave them: only when the text holds such an address are its text nodes walked for the mark.
  const first = text.indexOf('://');
  if (first >= 0) scanTextUrls(root, text, first, out);
  return out;
}

function labelFor(a: HTMLAnchorElement): string | null {
  const own = (a.getAttribute('aria-label') ?? a.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (own !== '' && !GENERIC_TEXT.test(own)) return own;
  const entry = a.closest('li, article');
  const heading = entry?.querySelector('h3, h4, h5, strong, [data-credential-title]');
  return heading?.textContent ?? (own === '' ? null : own);
}

/**
 * Links a credentials section ("Licenses & certifications") labels as the credential ("Show
 * credential") that no platform rule knows: reported as found, not verifiable (never fetched).
 * Only sections are searched, so a page without one costs one query.
 */
function scanUnlistedLinks(root: Element, out: Found[]): void {
  const sections: Element[] = [];
  if (inCredentialSection(root)) sections.push(root);
  else
    for (const section of root.querySelectorAll('section, [role="region"]')) if (inCredentialSection(section)) sections.push(section);
  if (sections.length === 0) return;
  const seen = new Set<Element>();
  for (const f of out) seen.add(f.element);
  for (const section of sections) {
    const links = section.matches('a[href]') ? [section] : [...section.querySelectorAll('a[href]')];
    for (const a of links) {
      if (seen.has(a) || !(a instanceof HTMLAnchorElement)) continue;
      // The innermost section decides (as for images): a nested section is judged on its own heading.
      if (!isCredentialButtonText(a.getAttribute('aria-label') ?? a.textContent ?? '') || !inCredentialSection(a)) continue;
      seen.add(a); // nested credential sections are both in `sections`
      const candidate = classifyUnlistedCredentialLink(a.href, { label: labelFor(a), where: 'credentials section' });
      if (candidate !== null) out.push({ candidate, element: a });
    }
  }
}

/** True when the element is inside a section whose heading, label or id names credentials. */
function inCredentialSection(el: Element): boolean {
  const section = el.closest('section, [role="region"]');
  if (section === null) return false;
  const cached = sectionCache.get(section);
  if (cached !== undefined) return cached;
  const heading = section.querySelector('h1, h2, h3');
  const idHolder = section.id !== '' ? section : section.querySelector('[id]');
  const yes =
    isCredentialSectionHeading(heading?.textContent) ||
    isCredentialSectionHeading(section.getAttribute('aria-label')) ||
    isCredentialSectionHeading(idHolder?.id);
  sectionCache.set(section, yes);
  return yes;
}

/** Credential URLs written in the text of `root` (outside links); the mark goes after the text's element. */
function scanTextUrls(root: Element, text: string, first: number, out: Found[]): void {
  const known = new Set<string>();
  for (const f of out) known.add(f.candidate.url);
  const wanted = new Map<string, Candidate>();
  // Every URL urlsInText finds starts with `http://` or `https://` at most 5 characters before the
  // first `://`: the same URLs, without running the pattern over the text before it. The bound
  // on the text stays where urlsInText puts it.
  for (const u of urlsInText(text.slice(Math.max(0, first - 5), SCAN_LIMITS.maxTextChars))) {
    const candidate = classifyLink(u, { where: 'page text' });
    if (candidate !== null && !known.has(candidate.url) && !wanted.has(u)) wanted.set(u, candidate);
  }
  if (wanted.size === 0) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let visited = 0;
  for (let n = walker.nextNode(); n !== null && wanted.size > 0 && visited < 20_000; n = walker.nextNode(), visited++) {
    const data = (n as Text).data;
    const parent = n.parentElement;
    if (parent === null || !data.includes('://') || parent.closest('a[href], script, style, textarea') !== null) continue;
    for (const [u, candidate] of wanted) {
      if (!data.includes(u)) continue;
      out.push({ candidate, element: parent });
      wanted.delete(u);
    }
  }
}

/** Text nodes under `root` holding a JWT credential; the mark goes after the node's element. */
function scanJwtText(root: Element, pageUrl: string, out: Found[]): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let visited = 0;
  for (let n = walker.nextNode(); n !== null && visited < 20_000; n = walker.nextNode(), visited++) {
    const data = (n as Text).data;
    const parent = n.parentElement;
    if (parent === null || !data.includes('eyJ') || parent.closest('script, style') !== null) continue;
    for (const candidate of classifyJwsInText(data, { pageUrl, where: 'text' }, 5))
      out.push({ candidate, element: parent });
  }
}
