/**
 * The injected environment: everything environment-specific reaches the verifier here.
 * lib/ never reads a global clock, network, or storage of its own.
 */
import type { TrustDataVersion, TrustHit } from './report';
import type { QaRegisters } from '../qa/registers';
import type { CertificateQuery, CertificateTrustAnswer } from '../trust/eu/types';
import type { RevocationCache } from '../x509/revocation-cache';

/** Result of one request through the safe fetcher. Never throws. */
export type FetchResult = FetchOk | FetchFail;

export interface FetchOk {
  ok: true;
  /** The URL asked for (before --map-url rewriting). */
  url: string;
  /** The final URL after redirects, in the caller's (unmapped) URL space. */
  finalUrl: string;
  status: number;
  contentType: string;
  bytes: Uint8Array;
  /** URLs of each redirect hop followed (unmapped), in order. */
  redirects: string[];
}

export interface FetchFail {
  ok: false;
  url: string;
  /** HTTP status when the server answered (e.g. 404, 410). */
  status?: number;
  /** Body of an error response when small enough (an OB 2.0 410 carries the revoked assertion). */
  bytes?: Uint8Array;
  code: FetchErrorCode;
  message: string;
}

export type FetchErrorCode =
  | 'ERR_NET_SCHEME'
  | 'ERR_NET_PRIVATE_TARGET'
  | 'ERR_NET_BAD_URL'
  | 'ERR_NET_TIMEOUT'
  | 'ERR_NET_TOO_LARGE'
  | 'ERR_NET_REDIRECT_LIMIT'
  | 'ERR_NET_REDIRECT_LOOP'
  | 'ERR_NET_REDIRECT_OPAQUE'
  | 'ERR_NET_HTTP_STATUS'
  | 'ERR_NET_UNREACHABLE';

export interface SafeFetchRequest {
  /** Accept header; defaults to JSON-first. */
  accept?: string;
  /**
   * 'POST' sends `body` with `contentType` (an OCSP request, RFC 6960 appendix A.1). A POST is
   * never redirected: a redirect answer is a failure. Default 'GET'.
   */
  method?: 'GET' | 'POST';
  /** The request body of a POST (at most LIMITS.maxRequestBodyBytes). */
  body?: Uint8Array;
  /** Content-Type of `body`. */
  contentType?: string;
  /**
   * This request's response size cap instead of the fetcher's own, never above
   * LIMITS.maxListResponseBytes (a certificate revocation list may be large; an OCSP answer is small).
   */
  maxBytes?: number;
}

/** The one fetcher all verification network goes through (see lib/net/fetcher.ts). */
export type SafeFetch = (url: string, req?: SafeFetchRequest) => Promise<FetchResult>;

/** What the trust store answers about one issuer. */
export interface TrustLookup {
  hits: TrustHit[];
  /** Labels of the sources that were consulted (for "no list you use names X"). */
  consulted: string[];
  /** Plain-language notes from online sources (unreachable registry, not listed, stale data). */
  notes?: string[];
}

/** What online trust sources (EBSI TIR, OpenID Federation registries) need at look-up time. */
export interface TrustLookupContext {
  /** The recording fetcher: every registry request lands in the report's `contacted` list. */
  fetch: (url: string, purpose: string, req?: SafeFetchRequest) => Promise<FetchResult>;
  now: Date;
}

/** The trust-store interface. Sources are added by later work (EU lists, EBSI, registries). */
export interface TrustStore {
  /** Look an issuer up by its identifiers (profile URL, DID, ...). */
  lookupIssuer(ids: string[], ctx?: TrustLookupContext): Promise<TrustLookup>;
  /** Optional: versions of the trust/QA data this store holds (for the report's `trustData`). */
  versions?(): TrustDataVersion[];
  /** Optional: quality-assurance registers (DEQAR snapshot, accreditation records) for lib/qa. */
  qaRegisters?(): QaRegisters;
  /**
   * Optional: look a certificate path up on certificate-based lists (EU trusted lists). Stores
   * without such sources omit it; callers then report that no trusted list was consulted.
   */
  lookupCertificate?(query: CertificateQuery): Promise<CertificateTrustAnswer>;
}

/** Who the verifier should expect as recipient (learner), when the user knows. */
export interface RecipientHint {
  type: 'email' | 'url' | 'telephone';
  value: string;
}

export interface VerifyEnv {
  fetch: SafeFetch;
  /** The instant validity is evaluated at (the CLI's --now, or the real time). */
  now: () => Date;
  /** Wall clock for `checkedAt`; defaults to the real time. */
  clock?: () => Date;
  trust: TrustStore;
  /** Optional expected recipient identities (e.g. the candidate's e-mail). */
  recipients?: RecipientHint[];
  /** Maximum nesting when following documents (assertion → badge → issuer → key ...). */
  maxDocuments?: number;
  /**
   * Fresh certificate status answers (OCSP, CRL) fetched for EDC sealer certificates, kept in
   * memory so a batch of credentials from the same sealer asks once (lib/x509/revocation-cache.ts).
   * The CLI makes one per run, the extension one per worker life; absent, each verification
   * starts an empty one.
   */
  revocationCache?: RevocationCache;
  /**
   * The nonce the verifier sent with its request (OpenID4VP, the CLI's --nonce): a presentation's
   * key binding (SD-JWT KB-JWT) must carry it, and a credential bound to a holder key must then be
   * presented with one.
   */
  expectedNonce?: string;
  /** The audience a presentation's key binding must name (the verifier's client id or origin; --aud). */
  expectedAudience?: string;
}
