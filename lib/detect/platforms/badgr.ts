import type { LinkRule } from '../rules';

/**
 * Canvas Credentials (Badgr) public assertion pages, on badgr.com, institution
 * subdomains (`asu.badgr.com`) and the API host itself → the OB 2.0 JSON of the assertion.
 * Source: ../shared/design/PLATFORMS.md (Badgr row).
 */
export const badgrRules: readonly LinkRule[] = [
  {
    platform: 'badgr',
    name: 'Canvas Credentials (Badgr)',
    vouches: 'the assertion is hosted by Canvas Credentials for the issuer',
    hosts: ['badgr.com', '*.badgr.com', 'badgr.io', '*.badgr.io'],
    path: /^\/public\/assertions\/(?<id>[A-Za-z0-9_-]{1,64})(?:\.json)?\/?$/,
    endpoint: 'https://api.badgr.io/public/assertions/{id}?v=2_0',
  },
];
