/**
 * An in-memory cache of fresh certificate status answers fetched online (OCSP, RFC 6960; CRL,
 * RFC 5280), so a batch of credentials from the same sealer asks the certificate authority once.
 * Only answers that were verified (signed by the issuer or its delegated responder) and fresh are
 * stored, each until its nextUpdate (OCSP answers without one: a few minutes). Lives in the verify
 * environment (VerifyEnv.revocationCache): the CLI makes one per run, the extension's worker one
 * per life; no module-level state. Times are the verification's `now` (the CLI's --now).
 */
import type { OcspStatus } from './ocsp';

/** How long an OCSP answer without nextUpdate is reused (RFC 5019 §2.2.4: "newer information is always available"). */
export const OCSP_NO_NEXT_UPDATE_REUSE_MS = 5 * 60_000;

/** One OCSP answer for one certificate (key: issuer certificate SHA-256 + serial). */
export interface CachedOcsp {
  url: string;
  status: OcspStatus;
  /** Epoch ms after which the entry is not used. */
  until: number;
}

/** One verified CRL (key: its URL), reduced to what a look-up needs. */
export interface CachedCrl {
  url: string;
  /** SHA-256 of the issuer certificate whose key signed the list. */
  issuerSha256: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** RFC 5280 §5.2.7 ExpiredCertsOnCRL: listed certificates are kept after they expire, from this date. */
  expiredCertsFrom?: Date;
  /** Revoked serial numbers (lower-case hex) → revocation time (epoch ms). */
  revoked: Map<string, number>;
  until: number;
}

export interface RevocationCache {
  ocsp: Map<string, CachedOcsp>;
  crl: Map<string, CachedCrl>;
  /** SECURITY: caps on entries (a CRL entry can hold a large list), oldest evicted first. */
  maxOcspEntries: number;
  maxCrlEntries: number;
}

/** An empty cache (256 OCSP answers, 4 CRLs by default). */
export function createRevocationCache(
  opts: { maxOcspEntries?: number; maxCrlEntries?: number } = {},
): RevocationCache {
  return {
    ocsp: new Map(),
    crl: new Map(),
    maxOcspEntries: opts.maxOcspEntries ?? 256,
    maxCrlEntries: opts.maxCrlEntries ?? 4,
  };
}

/** The cache key of an OCSP answer. */
export const ocspKey = (issuerSha256: string, serialHex: string): string => `${issuerSha256}:${serialHex}`;

/** A stored entry still usable at `now` (epoch ms), else undefined (and dropped). */
export function cached<T extends { until: number }>(
  map: Map<string, T>,
  key: string,
  now: number,
): T | undefined {
  const entry = map.get(key);
  if (entry === undefined) return undefined;
  if (now > entry.until) {
    map.delete(key);
    return undefined;
  }
  return entry;
}

/** Stores an entry, evicting the oldest when full (Map keeps insertion order). */
export function store<T>(map: Map<string, T>, key: string, entry: T, max: number): void {
  map.delete(key);
  while (map.size >= max) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
  map.set(key, entry);
}
