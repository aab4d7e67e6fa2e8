import type { LinkRule } from '../rules';

/**
 * VerifierPlus (Digital Credentials Consortium): public credential pages → the raw VC
 * JSON at `/api/credentials/{id}`; `/#verify?vc=<url>` links → the VC at that URL.
 * Source: PLATFORMS.md (verifier-plus README).
 */
export const verifierPlusRules: readonly LinkRule[] = [
  {
    platform: 'verifier-plus',
    name: 'VerifierPlus',
    vouches: 'the holder published the credential on VerifierPlus (it verifies the VC itself)',
    hosts: ['verifierplus.org', 'www.verifierplus.org'],
    path: /^\/credentials\/(?<id>[A-Za-z0-9_-]{4,128})\/?$/,
    endpoint: 'https://verifierplus.org/api/credentials/{id}',
    source: 'PLATFORMS.md VerifierPlus row',
  },
  {
    platform: 'verifier-plus',
    name: 'VerifierPlus',
    vouches: 'the link asks VerifierPlus to verify the credential at the given address',
    hosts: ['verifierplus.org', 'www.verifierplus.org'],
    path: /^\/?$/,
    fragment: /^verify\?(?:[^#]*&)?vc=(?<id>[^&#]+)/,
    idIsUrl: true,
    endpoint: '{rawId}',
    source: 'PLATFORMS.md VerifierPlus row',
  },
];
