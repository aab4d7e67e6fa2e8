/** Free text (PDF text, page text, QR payloads) → credential links and embedded JWTs. */
import { classifyJwsInText } from '../detect/classify-embedded';
import { classifyLink } from '../detect/classify-link';
import { urlsInText } from '../detect/signals';
import { SCAN_LIMITS, type Collector } from './collect';

/** Adds candidates for credential URLs and JWTs written in `text`. */
export function scanText(text: string, into: Collector, ctx: { pageUrl: string; where: string }): void {
  const bounded = text.length > SCAN_LIMITS.maxTextChars ? text.slice(0, SCAN_LIMITS.maxTextChars) : text;
  if (bounded.length < text.length)
    into.note(`Only the first ${SCAN_LIMITS.maxTextChars} characters of ${ctx.where} were read.`);
  // Text extraction splits long URLs across lines; a URL broken at a line end stays broken.
  for (const u of urlsInText(bounded)) into.add(classifyLink(u, { where: ctx.where }));
  for (const c of classifyJwsInText(bounded, ctx)) into.add(c);
}
