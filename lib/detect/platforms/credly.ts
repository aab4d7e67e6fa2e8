import type { LinkRule } from '../rules';

/**
 * Credly badge pages → the unauthenticated Open Badges 2.0 hosted assertion.
 * Source: ../shared/design/PLATFORMS.md (Credly row; endpoint reported by third parties,
 * 404 for unknown ids, 410 Gone for revoked badges).
 */
export const credlyRules: readonly LinkRule[] = [
  {
    platform: 'credly',
    name: 'Credly',
    vouches: 'the badge was issued through Credly to the earner named on the page',
    hosts: ['www.credly.com', 'credly.com'],
    path: /^\/badges\/(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/public_url)?\/?$/i,
    endpoint: 'https://api.credly.com/v1/obi/v2/badge_assertions/{id}',
    normalizeId: (id) => id.toLowerCase(),
  },
];
