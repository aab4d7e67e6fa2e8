/**
 * A saved HTML page → candidates, without a DOM (CLI, batch): links, badge images,
 * JSON-LD `<script>` credentials, and URLs / JWTs written in the text. A linear,
 * tolerant tag scan, bounded by SCAN_LIMITS; the content script uses the real DOM instead
 * and feeds the same classifiers.
 */
import { classifyImage, linksOwnFile } from '../detect/classify-image';
import { classifyJsonText } from '../detect/classify-embedded';
import { classifyLink, classifyUnlistedCredentialLink } from '../detect/classify-link';
import { GENERIC_LINK_TEXT, isCredentialButtonText, isCredentialSectionHeading } from '../detect/signals';
import { createCollector, SCAN_LIMITS, type ScanResult } from './collect';
import { scanText } from './scan-text';

/** One markup token: a comment (name '') or a start/end tag with its raw attribute text. */
interface Tag {
  index: number;
  end: number;
  closing: boolean;
  name: string;
  attrs: string;
}

const NAME_START = /[a-zA-Z]/;
const NAME_CHAR = /[a-zA-Z0-9-]/;

/**
 * The next comment or tag at or after `from`, or null. Linear over the whole scan: every
 * character is read once. An unclosed comment, tag or quoted attribute runs to the end of the
 * document (as in an HTML parser at end of file), so nothing after it is scanned again — the
 * former single pattern re-read the rest of the page from every `<` of an unclosed tag or
 * comment (29 s for 200 KB).
 */
function nextTag(doc: string, from: number): Tag | null {
  for (let i = doc.indexOf('<', from); i >= 0 && i < doc.length; i = doc.indexOf('<', i + 1)) {
    if (doc.startsWith('<!--', i)) {
      const close = doc.indexOf('-->', i + 4);
      const end = close < 0 ? doc.length : close + 3;
      return { index: i, end, closing: false, name: '', attrs: '' };
    }
    const closing = doc[i + 1] === '/';
    let j = i + (closing ? 2 : 1);
    if (!NAME_START.test(doc[j] ?? '')) continue;
    const nameStart = j;
    while (j < doc.length && NAME_CHAR.test(doc[j]!)) j++;
    const name = doc.slice(nameStart, j);
    const attrStart = j;
    let quote = '';
    for (; j < doc.length; j++) {
      const c = doc[j];
      if (quote !== '') {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (j >= doc.length) return null;
    return { index: i, end: j + 1, closing, name, attrs: doc.slice(attrStart, j) };
  }
  return null;
}
const ATTR = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Decodes the character references that matter in attributes and text. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return safeChar(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return safeChar(parseInt(k.slice(1), 10));
    return (
      ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[k] ?? ''
    );
  });
}

function safeChar(n: number): string {
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

function attrs(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of raw.matchAll(ATTR)) {
    const name = (m[1] ?? '').toLowerCase();
    if (name !== '' && !out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

function resolve(href: string | undefined, base: string): string | null {
  if (href === undefined || href.trim() === '') return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Scans one HTML document; `pageUrl` resolves relative links (a `<base href>` wins). */
export function scanHtml(html: string, pageUrl: string): ScanResult {
  const into = createCollector(pageUrl, 'html');
  let doc = html;
  if (doc.length > SCAN_LIMITS.maxHtmlChars) {
    doc = doc.slice(0, SCAN_LIMITS.maxHtmlChars);
    into.note(`Only the first ${SCAN_LIMITS.maxHtmlChars} characters of the page were read.`);
  }
  let base = pageUrl;
  const text: string[] = [];
  let anchor: { href: string; text: string; entryTitle: string } | null = null;
  let heading: { level: number; text: string } | null = null;
  let sectionIsCredentials = false;
  let lastTitle = '';
  let last = 0;
  let m: Tag | null;
  let lower: string | undefined;
  const pushText = (t: string) => {
    const s = decodeEntities(t);
    text.push(s);
    if (anchor !== null) anchor.text += s;
    if (heading !== null) heading.text += s;
  };
  while ((m = nextTag(doc, last)) !== null) {
    pushText(doc.slice(last, m.index));
    last = m.end;
    const name = m.name.toLowerCase();
    if (name === '') continue; // comment
    const closing = m.closing;
    const a = closing ? new Map<string, string>() : attrs(m.attrs);
    if (!closing && (name === 'script' || name === 'style' || name === 'textarea')) {
      // Lower-cased once per page (it was once per script: quadratic on a page of <style> tags).
      lower ??= doc.toLowerCase();
      const end = lower.indexOf(`</${name}`, last);
      const body = doc.slice(last, end < 0 ? doc.length : end);
      last = end < 0 ? doc.length : end;
      const type = (a.get('type') ?? '').toLowerCase();
      if (
        name === 'script' &&
        (type === 'application/ld+json' || type === 'application/vc+ld+json' || type === 'application/json')
      ) {
        for (const c of classifyJsonText(body, { pageUrl, where: 'JSON-LD script' })) into.add(c);
      } else if (name === 'textarea') {
        text.push(decodeEntities(body));
      }
      continue;
    }
    if (name === 'base' && !closing) base = resolve(a.get('href'), pageUrl) ?? base;
    if (/^h[1-6]$/.test(name)) {
      const level = Number(name[1]);
      if (!closing) heading = { level, text: '' };
      else if (heading !== null) {
        if (heading.level <= 2) sectionIsCredentials = isCredentialSectionHeading(heading.text);
        else lastTitle = clean(heading.text);
        heading = null;
      }
    }
    if (name === 'section' && !closing) {
      const id = a.get('id') ?? a.get('aria-label');
      if (id !== undefined) sectionIsCredentials = isCredentialSectionHeading(id);
    }
    if (name === 'a') {
      if (closing && anchor !== null) {
        const own = clean(anchor.text);
        const label = own !== '' && !GENERIC_LINK_TEXT.test(own) ? own : anchor.entryTitle || own || null;
        const known = classifyLink(anchor.href, { label, where: 'link' });
        // "Show credential" in a credentials section, to a platform no rule knows: found, not verifiable.
        into.add(
          known ??
            (sectionIsCredentials && isCredentialButtonText(anchor.text)
              ? classifyUnlistedCredentialLink(anchor.href, { label, where: 'credentials section' })
              : null),
        );
        anchor = null;
      } else if (!closing) {
        const href = resolve(a.get('href'), base);
        const rel = (a.get('rel') ?? '').toLowerCase().split(/\s+/);
        if (
          href !== null &&
          (rel.includes('openbadges') || (a.get('type') ?? '').toLowerCase() === 'application/ld+json')
        ) {
          into.add(classifyLink(href, { explicit: true, where: 'link' }));
        } else if (href !== null) anchor = { href, text: a.get('aria-label') ?? '', entryTitle: lastTitle };
      }
    }
    if (name === 'img' && !closing) {
      const src = resolve(a.get('src'), base);
      if (src !== null) {
        const c = classifyImage({
          src,
          alt: a.get('alt') ?? null,
          title: a.get('title') ?? null,
          inCredentialSection: sectionIsCredentials,
          inCredentialLink: anchor !== null && classifyLink(anchor.href) !== null,
          linksOwnFile: linksOwnFile(anchor?.href, src),
        });
        if (c !== null) c.where = 'image';
        into.add(c);
      }
    }
  }
  pushText(doc.slice(last));
  scanText(text.join(' '), into, { pageUrl, where: 'page text' });
  return into.result;
}
