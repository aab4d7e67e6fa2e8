/**
 * Addresses where a platform serves a badge's baked image (the PNG carries the assertion).
 * An `<img>` whose source matches is worth fetching and unbaking wherever it appears; it still
 * counts as a credential only once the image's baked data is read. The content script's pre-check
 * for these is BADGE_IMAGE_SRC (lib/detect/signals.ts): every path here must match it.
 */
export interface BadgeImageRule {
  platform: string;
  /** Exact host names, or `*.example.com` for any subdomain. */
  hosts: readonly string[];
  path: RegExp;
  source?: string;
}

const ASSERTION_IMAGE = /^\/public\/assertions\/[A-Za-z0-9_-]{1,64}\/image\/?$/;

export const BADGE_IMAGE_RULES: readonly BadgeImageRule[] = [
  {
    platform: 'badgr',
    hosts: ['api.badgr.io', 'badgr.io', '*.badgr.io', 'badgr.com', '*.badgr.com'],
    path: ASSERTION_IMAGE,
    source: 'PLATFORMS.md Badgr row (image …/{entityId}/image)',
  },
  {
    platform: 'edubadges',
    hosts: ['api.edubadges.nl', 'edubadges.nl', 'www.edubadges.nl'],
    path: ASSERTION_IMAGE,
    source: 'PLATFORMS.md edubadges row (public API route …/image)',
  },
];
