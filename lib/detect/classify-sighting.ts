/** The background's side of a sighting: the same classifiers as every other scanner. */
import type { Candidate } from './candidate';
import { classifyImage, linksOwnFile } from './classify-image';
import { classifyJsonText, classifyJwsInText } from './classify-embedded';
import { classifyLink, classifyUnlistedCredentialLink } from './classify-link';
import type { Sighting } from './sighting';

/**
 * The candidates one sighting gives (none when it is not a credential), by the same rules
 * as everywhere else. `pageUrl` is the page the sender is on (from the browser, not the page):
 * it names embedded credentials.
 */
export function classifySighting(s: Sighting, pageUrl: string): Candidate[] {
  switch (s.kind) {
    case 'link': {
      const ctx = {
        label: s.label ?? null,
        ...(s.explicit === true ? { explicit: true } : {}),
        ...(s.where !== undefined ? { where: s.where } : {}),
      };
      const known = classifyLink(s.href, ctx);
      if (known !== null) return [known];
      // A link no rule knows, which the page lists as a credential: found, not verifiable (never fetched).
      const unlisted =
        s.listed === true ? classifyUnlistedCredentialLink(s.href, { ...ctx, where: 'credentials section' }) : null;
      return unlisted === null ? [] : [unlisted];
    }
    case 'image': {
      const c = classifyImage({
        src: s.src,
        alt: s.alt ?? null,
        title: s.title ?? null,
        inCredentialSection: s.inCredentialSection === true,
        inCredentialLink: s.linkHref !== undefined && classifyLink(s.linkHref) !== null,
        linksOwnFile: linksOwnFile(s.linkHref, s.src),
      });
      return c === null ? [] : [c];
    }
    case 'json':
      return classifyJsonText(s.text, { pageUrl, where: 'JSON-LD script' });
    case 'jwt':
      return classifyJwsInText(s.text, { pageUrl, where: 'text' }, 5);
  }
}
