/** The contract between the pipeline (lib/verify.ts) and one format module (lib/formats/<format>/). */
import type { FetchFail, RecipientHint, SafeFetch, TrustStore } from './env';
import type { RevocationCache } from '../x509/revocation-cache';
import type {
  AuthenticityLevel,
  Check,
  ContactedUrl,
  CredentialSummary,
  Difference,
  FormatInfo,
  IssuerInfo,
  LevelAssessment,
  QaLevel,
  StandardElement,
  TrustHit,
} from './report';

/** The machine-readable payload found in the input. */
export type Payload =
  | { type: 'json'; value: unknown; text: string }
  | { type: 'jws'; token: string }
  /** A compact SD-JWT / SD-JWT+KB (RFC 9901): `<issuer-jwt>~<disclosure>~…~[<kb-jwt>]`, whitespace removed. */
  | { type: 'sd-jwt'; token: string }
  /** An XML document whose root acquire recognised as a credential (EDCI / ELM v2); not yet parsed. */
  | { type: 'xml'; text: string; root: string }
  | { type: 'url'; url: string }
  /** CBOR bytes acquire recognised as an ISO/IEC 18013-5 mdoc (DeviceResponse or IssuerSigned); not yet verified. */
  | { type: 'cbor'; bytes: Uint8Array; root: 'DeviceResponse' | 'IssuerSigned' };

/** Raw input turned into a payload: unbaked, decoded, or fetched. */
export interface Acquired {
  container: FormatInfo['container'];
  payload: Payload;
  /** Human description of the input (URL, file name). */
  source: string;
  /**
   * When the payload was fetched from a URL by the pipeline: that URL and the final URL.
   * A format may rely on this as "the hosted copy" instead of fetching again.
   */
  fetchedFrom?: { url: string; finalUrl: string; redirects: string[] };
  /**
   * When the payload is a URL whose fetch failed: the failure, kept for the format module to
   * judge (an OB 2.0 hosted assertion answering 410 Gone with the assertion body is revoked).
   */
  fetchFailure?: FetchFail;
  /** Checks produced while acquiring (e.g. "baked PNG: openbadges iTXt chunk found"). */
  checks: Check[];
}

/** Per-verification context handed to format modules. */
export interface VerifyContext {
  /** Safe fetcher that also records every URL into `contacted`. */
  fetch: RecordingFetch;
  now: Date;
  trust: TrustStore;
  recipients: RecipientHint[];
  contacted: ContactedUrl[];
  /** Fresh OCSP / CRL answers already fetched (VerifyEnv.revocationCache, or one for this verification). */
  revocationCache?: RevocationCache;
  /** The nonce a presentation's key binding must carry (VerifyEnv.expectedNonce). */
  expectedNonce?: string;
  /** The audience a presentation's key binding must name (VerifyEnv.expectedAudience). */
  expectedAudience?: string;
}

/** The safe fetcher, with the purpose of each request recorded for the report. */
export type RecordingFetch = (
  url: string,
  purpose: string,
  req?: Parameters<SafeFetch>[1],
) => ReturnType<SafeFetch>;

/** What a format module returns; the pipeline adds trust, grading and the summary. */
export interface FormatResult {
  format: FormatInfo;
  checks: Check[];
  issuer: IssuerInfo;
  /** Identifiers under which trust lists may name the issuer (profile URL, DID...). */
  issuerIds: string[];
  /**
   * Trust-list hits the format established itself from authoritative, certificate-based lists
   * (e.g. the sealer's CA on an EU trusted list). Never derived from data the credential supplies.
   */
  trustHits?: TrustHit[];
  credential: CredentialSummary;
  elements: StandardElement[];
  differences: Difference[];
  /** Authenticity proven by the format itself, before trust lists (A0..A2, A4 for qualified seals). */
  authenticity: LevelAssessment<AuthenticityLevel>;
  qualityAssurance: LevelAssessment<QaLevel>;
}

/** One format module. `claims` must be cheap and side-effect free. */
export interface FormatHandler {
  /** Returns true when this module recognises the payload as its format. */
  claims(acquired: Acquired): boolean;
  verify(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult>;
}
