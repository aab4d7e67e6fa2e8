import type { LinkRule } from '../rules';

/**
 * Open Badge Factory assertion pages: `/v1/assertion/{40-hex}.html` is the human view of
 * the hosted Open Badges assertion served at the same URL without `.html`.
 * Source: PLATFORMS.md (observed link pattern; confirm against a live badge).
 */
export const openBadgeFactoryRules: readonly LinkRule[] = [
  {
    platform: 'open-badge-factory',
    name: 'Open Badge Factory',
    vouches: 'the issuer published the assertion through Open Badge Factory',
    hosts: ['openbadgefactory.com', 'www.openbadgefactory.com'],
    path: /^\/v1\/assertion\/(?<id>[0-9a-f]{40})(?:\.html|\.json)?\/?$/i,
    endpoint: 'https://openbadgefactory.com/v1/assertion/{id}',
    normalizeId: (id) => id.toLowerCase(),
    source: 'PLATFORMS.md Open Badge Factory row (observed pattern)',
  },
];
