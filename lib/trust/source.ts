/** A trust source: one list the organisation relies on (own list, EU trusted list, registry...). */
import type { TrustLookupContext } from '../model/env';
import type { TrustHit } from '../model/report';
import type { QaRegisters } from '../qa/registers';
import type { CertificateQuery, CertificateTrustAnswer } from './eu/types';

export interface TrustSource {
  id: string;
  label: string;
  /** Entries of this source naming any of the given (normalised) issuer identifiers. */
  lookup(ids: readonly string[]): TrustHit[];
  /** Optional: certificate-based lookup (EU trusted lists); see TrustStore.lookupCertificate. */
  lookupCertificate?(query: CertificateQuery): CertificateTrustAnswer;
  /**
   * Optional: sources asked over the network at verification time (EBSI TIR, OpenID Federation
   * fetch endpoints). Must never throw; unreachable registries are reported in `notes`.
   */
  lookupOnline?(ids: readonly string[], ctx: TrustLookupContext): Promise<{ hits: TrustHit[]; notes: string[] }>;
  /** Version of the data in use, when the source has one (cited in reports and HR records). */
  version?: string;
  fetchedAt?: string;
  stale?: boolean;
  /**
   * Quality-assurance registers carried by a QA-only source (DEQAR): the store hands them to lib/qa
   * and does not count the source as a trust list consulted about issuers.
   */
  qaRegisters?: QaRegisters;
}

/**
 * Normalises an issuer identifier for comparison: URLs through the WHATWG parser
 * (lower-case host, default port dropped, empty path → "/"), DIDs and other strings trimmed.
 */
export function normaliseIssuerId(id: string): string {
  const trimmed = id.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      url.hash = '';
      return url.href;
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}
