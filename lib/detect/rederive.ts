import type { Candidate } from './candidate';
import { classifyImage } from './classify-image';
import { classifyLink, classifyUnlistedCredentialLink, UNLISTED_PLATFORM } from './classify-link';
import { classifyEmbeddedText } from './classify-embedded';

/**
 * Re-derives a candidate a file scanner (the offscreen document) reported from what was in
 * the file, with the same rules; null when the reported target is not what the rules give.
 * SECURITY: the background decides the machine-readable target itself, so a hostile file
 * cannot steer the verifier to a URL no rule would produce from its own link, nor label a
 * fetchable URL "not verifiable" or an arbitrary text "a credential". (Pages report sightings,
 * which the background classifies itself: classify-sighting.ts.)
 */
export function rederiveCandidate(reported: Candidate): Candidate | null {
  let derived: Candidate | null;
  if (reported.kind === 'link') {
    const ctx = { label: reported.label ?? null, explicit: reported.platform === 'ob-hosted' };
    // An unlisted platform's link is never fetched ("found, not verifiable"): accepting the
    // page's word that it sits in a credentials section can only add such an entry.
    derived =
      reported.platform === UNLISTED_PLATFORM
        ? classifyUnlistedCredentialLink(reported.pageUrl, { label: reported.label ?? null })
        : classifyLink(reported.pageUrl, ctx);
  } else if (reported.kind === 'image') {
    // The page context (section, alt text) cannot be re-checked here; the URL rules can.
    derived = classifyImage({
      src: reported.pageUrl,
      alt: reported.label ?? null,
      inCredentialSection: true,
    });
  } else {
    if (reported.content === undefined || reported.contentEncoding === 'base64') return null;
    const ctx: { pageUrl: string; where?: string; label?: string } = { pageUrl: reported.pageUrl };
    if (reported.where !== undefined) ctx.where = reported.where;
    if (reported.label !== undefined) ctx.label = reported.label;
    derived = classifyEmbeddedText(reported.content, ctx);
  }
  if (derived === null || derived.url !== reported.url || derived.platform !== reported.platform) return null;
  if (derived.kind !== reported.kind) return null;
  return derived;
}
