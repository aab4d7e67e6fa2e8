import type { Candidate } from './candidate';
import { BADGE_IMAGE_RULES } from './platforms/badge-images';
import { hostMatches } from './rules';
import { NOT_BAKEABLE } from './signals';
import { cleanLabel, credentialIdentity, parseHttpUrl } from './url';

/** What the content script extracts about one `<img>`. */
export interface ImageInfo {
  /** Absolute image URL (`img.currentSrc || img.src`). */
  src: string;
  /** Shown as the candidate's label only: alt and title text never make an image a candidate. */
  alt?: string | null;
  title?: string | null;
  /** The image sits in a section whose heading names credentials/certifications/badges. */
  inCredentialSection?: boolean;
  /** The image is inside a link that classifyLink accepted. */
  inCredentialLink?: boolean;
  /** The image is inside a link to its own file (the page links the badge file itself). */
  linksOwnFile?: boolean;
}

/** Image file endings that can carry baked Open Badges (PNG iTXt/tEXt, SVG). */
const BAKEABLE = /\.(?:png|svg)$/i;

/** True when `url` is where a platform serves a badge's baked image (platforms/badge-images.ts). */
export function isKnownBadgeImage(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  for (const rule of BADGE_IMAGE_RULES)
    if (hostMatches(url.hostname, rule.hosts) && rule.path.test(url.pathname)) return true;
  return false;
}

/**
 * Classifies an image into a baked-badge candidate, or null. A candidate is only an image worth
 * fetching and unbaking: it counts as a credential once its baked data (a PNG `openbadges` /
 * `openbadgecredential` text chunk, an SVG `openbadges:assertion` / `openbadges:credential`
 * element) is read (lib/scan/baked.ts), never before. Real signals only: the image is where a
 * platform serves baked badges, or it is a PNG/SVG file (by its name) in a credentials section or
 * linked as a file of its own (`<a href="badge.png"><img src="badge.png"></a>`). Alt and title
 * text are no signal: issuer logos are called "badge" too. An image inside a credential link is
 * that link's, not another credential. Nothing here touches the network.
 */
export function classifyImage(info: ImageInfo): Candidate | null {
  const url = parseHttpUrl(info.src);
  if (url === null || info.inCredentialLink === true) return null;
  const lastSegment = url.pathname.split('/').pop() ?? '';
  if (NOT_BAKEABLE.test(lastSegment)) return null;
  const pngOrSvg = BAKEABLE.test(lastSegment);
  const placed = info.inCredentialSection === true || info.linksOwnFile === true;
  if (!isKnownBadgeImage(url) && !(pngOrSvg && placed)) return null;

  const label = cleanLabel(info.alt) ?? cleanLabel(info.title);
  const candidate: Candidate = { kind: 'image', url: url.href, pageUrl: url.href, platform: 'baked-image' };
  if (label !== undefined) candidate.label = label;
  return candidate;
}

/** True when the link around an image points at the image's own file (fragment and case of host aside). */
export function linksOwnFile(linkHref: string | null | undefined, src: string): boolean {
  if (typeof linkHref !== 'string') return false;
  const link = credentialIdentity(linkHref);
  return link !== null && link === credentialIdentity(src);
}
