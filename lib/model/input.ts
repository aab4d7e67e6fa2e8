/** What the verifier can be given: a URL to resolve, or bytes the user has (file, baked image, pasted text). */
export type CredentialInput =
  | { kind: 'url'; url: string }
  | { kind: 'bytes'; bytes: Uint8Array; name?: string; mediaType?: string }
  | { kind: 'text'; text: string; name?: string };

/** Hard limits on untrusted input. SECURITY: without them a hostile page or file can exhaust memory. */
export const LIMITS = {
  /** Largest credential file / image accepted (bytes). */
  maxInputBytes: 8 * 1024 * 1024,
  /** Largest single network response (bytes). */
  maxResponseBytes: 2 * 1024 * 1024,
  /**
   * The most a single request may ask for instead (SafeFetchRequest.maxBytes): a certificate
   * authority's revocation list (RFC 5280 CRL) can be several megabytes.
   */
  maxListResponseBytes: 10 * 1024 * 1024,
  /** Largest request body sent (an OCSP request is about a hundred bytes). */
  maxRequestBodyBytes: 64 * 1024,
  /** Largest decompressed PNG text chunk (bytes). */
  maxInflatedBytes: 1024 * 1024,
  /** Per-request timeout (ms). */
  timeoutMs: 10_000,
  /** Redirects followed per request. */
  maxRedirects: 5,
  /** Documents fetched per verification (assertion, badge, issuer, key, revocation list...). */
  maxDocuments: 12,
} as const;
