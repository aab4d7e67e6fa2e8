import type { Candidate } from './candidate';
import { classifyImage } from './classify-image';
import { classifyLink } from './classify-link';

/**
 * Re-derives a candidate the content script reported from what was on the page, with
 * the same rules; null when the reported target is not what the rules give.
 * SECURITY: the background decides the machine-readable target itself, so a hostile
 * page cannot steer the verifier to a URL no rule would produce from its own link.
 */
export function rederiveCandidate(reported: Candidate): Candidate | null {
  const derived =
    reported.kind === 'link'
      ? classifyLink(reported.pageUrl, {
          label: reported.label ?? null,
          explicit: reported.platform === 'ob-hosted',
        })
      : // The page context (section, alt text) cannot be re-checked here; the URL rules can.
        classifyImage({ src: reported.pageUrl, alt: reported.label ?? null, inCredentialSection: true });
  if (derived === null || derived.url !== reported.url || derived.platform !== reported.platform) return null;
  return derived;
}
