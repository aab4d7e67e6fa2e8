/** Free text (PDF text, page text, QR payloads) → credential links and embedded JWTs. */
import { classifyJwsInText } from '../detect/classify-embedded';
import { classifyLink } from '../detect/classify-link';
import { SCAN_LIMITS, type Collector } from './collect';

/** URLs written out in text; trailing punctuation is not part of them. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`{}|\\^]+/gi;

/** Strips punctuation a sentence puts after a URL ("see https://x.org/a.")  */
export function trimUrl(u: string): string {
  let s = u.replace(/[.,;:!?]+$/, '');
  // A closing bracket belongs to the URL only when it opened inside it.
  while (/[)\]]$/.test(s)) {
    const open = s.endsWith(')') ? '(' : '[';
    const close = s.slice(-1);
    if (s.split(open).length >= s.split(close).length) break;
    s = s.slice(0, -1).replace(/[.,;:!?]+$/, '');
  }
  return s;
}

/** Every http(s) URL written in `text` (bounded), in order, without duplicates. */
export function urlsInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, SCAN_LIMITS.maxTextChars).matchAll(URL_IN_TEXT)) {
    const u = trimUrl(m[0]);
    if (!out.includes(u)) out.push(u);
    if (out.length >= SCAN_LIMITS.maxUrlsPerText) break;
  }
  return out;
}

/** Adds candidates for credential URLs and JWTs written in `text`. */
export function scanText(text: string, into: Collector, ctx: { pageUrl: string; where: string }): void {
  const bounded = text.length > SCAN_LIMITS.maxTextChars ? text.slice(0, SCAN_LIMITS.maxTextChars) : text;
  if (bounded.length < text.length)
    into.note(`Only the first ${SCAN_LIMITS.maxTextChars} characters of ${ctx.where} were read.`);
  // Text extraction splits long URLs across lines; a URL broken at a line end stays broken.
  for (const u of urlsInText(bounded)) into.add(classifyLink(u, { where: ctx.where }));
  for (const c of classifyJwsInText(bounded, ctx)) into.add(c);
}
