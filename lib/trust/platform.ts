/**
 * Platform attestations: when the copy checked was served by a credential platform (Credly,
 * Canvas Credentials/Badgr, Accredible, Open Badge Factory), the platform vouches that it issued
 * this record for this earner. That is the platform's word (an account on its service), not a
 * cryptographic signature by the issuer, and it never raises the authenticity level.
 * The table is data: easy to correct (PLATFORMS.md marks several endpoints as unverified).
 */
import type { ContactedUrl, PlatformAttestation } from '../model/report';

export interface PlatformRule {
  id: string;
  name: string;
  /** Host names (exact) or suffixes starting with "." that serve the platform's machine-readable copies. */
  hosts: readonly string[];
}

/** Known credential platforms and the hosts their machine-readable endpoints use. */
export const PLATFORM_RULES: readonly PlatformRule[] = [
  { id: 'credly', name: 'Credly', hosts: ['api.credly.com', 'www.credly.com', 'credly.com'] },
  { id: 'badgr', name: 'Canvas Credentials (Badgr)', hosts: ['api.badgr.io', 'badgr.com', '.badgr.com', 'api.eu.badgr.io'] },
  { id: 'accredible', name: 'Accredible', hosts: ['api.accredible.com', 'www.credential.net', 'credential.net', '.credential.net'] },
  { id: 'obf', name: 'Open Badge Factory', hosts: ['openbadgefactory.com', '.openbadgefactory.com'] },
];

function hostOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** The platform serving `url`, if any. */
export function platformOf(url: string, rules: readonly PlatformRule[] = PLATFORM_RULES): PlatformRule | undefined {
  const host = hostOf(url);
  if (host === undefined) return undefined;
  return rules.find((r) => r.hosts.some((h) => (h.startsWith('.') ? host.endsWith(h) : host === h)));
}

/**
 * The attestation for a report, decided from what CredLens itself fetched (a successful request
 * for the credential copy), never from what the page claims. `hostedUrl` is the URL the hosted
 * copy came from, when the format module knows it.
 */
export function platformAttestation(contacted: readonly ContactedUrl[], hostedUrl?: string): PlatformAttestation | undefined {
  const fetched = [
    ...(hostedUrl === undefined ? [] : [hostedUrl]),
    ...contacted.filter((c) => c.error === undefined && c.status !== undefined && c.status < 300 && /assertion|credential|input|hosted/i.test(c.purpose)).map((c) => c.url),
  ];
  for (const url of fetched) {
    const rule = platformOf(url);
    const host = hostOf(url);
    if (rule === undefined || host === undefined) continue;
    return {
      platform: rule.id,
      name: rule.name,
      host,
      statement: `Hosted by ${rule.name}: ${rule.name} states that it issued this for the earner. That is the platform's word, not a signature by the issuer.`,
    };
  }
  return undefined;
}
