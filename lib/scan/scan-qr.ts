/** A QR code's payload → candidates: a credential URL, a JWT, or JSON. */
import { classifyEmbeddedText } from '../detect/classify-embedded';
import { classifyLink } from '../detect/classify-link';
import type { Candidate } from '../detect/candidate';

/**
 * Classifies one decoded QR payload. A URL is classified like a link (a QR code on a CV
 * is the holder's statement, so a URL no rule knows is not fetched); a JWT or JSON
 * payload is the credential itself.
 */
export function scanQrPayload(payload: string, ctx: { pageUrl: string; where: string }): Candidate | null {
  const text = payload.trim().slice(0, 64 * 1024);
  if (/^https?:\/\//i.test(text)) {
    return classifyLink(text, { where: ctx.where, explicit: false });
  }
  return classifyEmbeddedText(text, ctx);
}
