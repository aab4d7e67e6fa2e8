import type { LinkRule } from '../rules';

/**
 * edubadges (SURF, a Badgr fork): public assertion pages → the public API route
 * `public/assertions/{entity_id}` on the API host. Source: PLATFORMS.md (edubadges row:
 * routes from `apps/public/public_api_urls.py`; API host api.edubadges.nl as the docs
 * mention it — confirm against a live badge).
 */
export const edubadgesRules: readonly LinkRule[] = [
  {
    platform: 'edubadges',
    name: 'edubadges',
    vouches: 'a Dutch education institution issued the badge through SURF edubadges',
    hosts: ['edubadges.nl', 'www.edubadges.nl', 'api.edubadges.nl'],
    path: /^\/public\/assertions\/(?<id>[A-Za-z0-9_-]{1,64})(?:\.json)?\/?$/,
    endpoint: 'https://api.edubadges.nl/public/assertions/{id}',
    source: 'PLATFORMS.md edubadges row (API host to be confirmed)',
  },
];
