/** A trust source: one list the organisation relies on (own list, EU trusted list, registry...). */
import type { TrustHit } from '../model/report';

export interface TrustSource {
  id: string;
  label: string;
  /** Entries of this source naming any of the given (normalised) issuer identifiers. */
  lookup(ids: readonly string[]): TrustHit[];
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
