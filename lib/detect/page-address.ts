/**
 * A credential platform's page given as the thing to verify (`credlens verify
 * https://www.credly.com/badges/<id>`): the platform's link rule, the one scan applies to the links
 * it finds (classifyLink), turns the page address into the machine-readable address of the
 * credential. SECURITY: decided from the address alone; the page is never fetched, so nothing on
 * it can steer where the verifier goes, and the derived address is fetched like any other (the
 * caller's guarded fetcher).
 */
import type { Candidate } from './candidate';
import { classifyLink } from './classify-link';
import { PLATFORM_RULES, platformInfo } from './platforms/index';
import { parseHttpUrl } from './url';

export type PageAddress =
  /** The page of a platform that publishes a verifiable form: verify `address` instead. */
  | { kind: 'address'; page: string; address: string; platform: string; name: string }
  /** The page of a platform that publishes none: "found, not verifiable", nothing fetched. */
  | { kind: 'no-verifiable-form'; candidate: Candidate };

/**
 * What a platform rule makes of `url`, or null when no platform rule knows it (a credential's own
 * address, any other site): such a URL is verified as given.
 */
export function credentialPageAddress(url: string): PageAddress | null {
  const given = parseHttpUrl(url);
  if (given === null) return null;
  const c = classifyLink(url);
  // Only a platform's rule counts: the generic kinds (hosted assertion, credential file) are the
  // credential's own address already.
  if (c === null || !PLATFORM_RULES.some((r) => r.platform === c.platform)) return null;
  if (c.noVerifiableForm === true) return { kind: 'no-verifiable-form', candidate: c };
  if (c.url === given.href) return null;
  return {
    kind: 'address',
    page: url,
    address: c.url,
    platform: c.platform,
    name: platformInfo(c.platform).name,
  };
}
