import type { LinkRule } from '../rules';

/**
 * Accredible credential pages (credential.net and branded subdomains). Accredible's
 * public data for a credential is platform JSON, not a signed or hosted Open Badge at a
 * documented address (PLATFORMS.md: the `credential-net` API is unofficial and unverified;
 * the official API needs an organisation key), so CredLens reports "found, not verifiable".
 * Branded hosts (credentials.<company>.com) cannot be listed in advance: add them here.
 */
export const accredibleRules: readonly LinkRule[] = [
  {
    platform: 'accredible',
    name: 'Accredible',
    vouches: 'Accredible hosts a page saying the credential was issued through its platform',
    hosts: ['www.credential.net', 'credential.net', '*.credential.net', '*.accredible.com'],
    path: /^\/(?<id>[0-9]{5,12}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i,
    endpoint: null,
    source: 'PLATFORMS.md Accredible row (public API unofficial, not a credential format)',
  },
];
