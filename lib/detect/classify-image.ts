import type { Candidate } from './candidate';
import { BADGE_WORDS, LOGO_WORDS, NOT_BAKEABLE } from './signals';
import { cleanLabel, parseHttpUrl } from './url';

/** What the content script extracts about one `<img>`. */
export interface ImageInfo {
  /** Absolute image URL (`img.currentSrc || img.src`). */
  src: string;
  alt?: string | null;
  title?: string | null;
  /** The image sits in a section whose heading names credentials/certifications/badges. */
  inCredentialSection?: boolean;
  /** The image is inside a link that classifyLink accepted. */
  inCredentialLink?: boolean;
}

/** Image file endings that can carry baked Open Badges (PNG iTXt, SVG). */
const BAKEABLE = /\.(?:png|svg)$/i;

/**
 * Classifies an image into a baked-badge candidate, or null. An image qualifies when it
 * can be PNG/SVG (by name ending, or no ending) and one signal says "badge".
 * The background fetches and unbakes it; nothing here touches the network.
 */
export function classifyImage(info: ImageInfo): Candidate | null {
  const url = parseHttpUrl(info.src);
  if (url === null) return null;
  const lastSegment = url.pathname.split('/').pop() ?? '';
  if (NOT_BAKEABLE.test(lastSegment)) return null;
  const hasExtension = /\.[a-z0-9]{2,5}$/i.test(lastSegment);
  if (hasExtension && !BAKEABLE.test(lastSegment)) return null;

  const alt = cleanLabel(info.alt);
  const title = cleanLabel(info.title);
  const words = [alt, title].some((t) => t !== undefined && BADGE_WORDS.test(t));
  // Issuer logos sit next to credentials (LinkedIn shows one per entry) but carry none.
  const logo = [alt, title].some((t) => t !== undefined && LOGO_WORDS.test(t));
  if (!words && (logo || !(info.inCredentialSection === true || info.inCredentialLink === true))) return null;

  const label = alt ?? title;
  const candidate: Candidate = { kind: 'image', url: url.href, pageUrl: url.href, platform: 'baked-image' };
  if (label !== undefined) candidate.label = label;
  return candidate;
}
