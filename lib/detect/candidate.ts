/**
 * What the content script (or a file scanner) saw that may be a verifiable credential:
 * `link` (a platform page or hosted document), `image` (an image that may carry a baked badge:
 * a credential only once its baked data is read, lib/scan/baked.ts), `embedded` (the credential
 * itself, in the page or file: JSON-LD, a JWT, an attachment).
 */
export type CandidateKind = 'link' | 'image' | 'embedded';

/**
 * A possible credential found on a page. Plain JSON: it crosses runtime.sendMessage.
 * `url` is the machine-readable target the background verifies (for `embedded`, a key
 * made of the page URL and a hash of the content); `pageUrl` is what was on the page.
 */
export interface Candidate {
  kind: CandidateKind;
  /** Machine-readable target (hosted assertion endpoint, the image to unbake, or the embedded key). */
  url: string;
  /** What was on the page: the link's href, the image's src, or the page/file holding the embedded credential. */
  pageUrl: string;
  /** Rule that matched: `credly`, `badgr`, `coursera`, `ob-hosted`, `edc-link`, `credential-link`, `baked-image`, `json-ld`, `jwt`... */
  platform: string;
  /** Visible text near the candidate (link text, alt text), for display only. */
  label?: string;
  /**
   * The platform publishes no verifiable form of this credential: "found, not verifiable".
   * `url` is then the human page itself and is never fetched.
   */
  noVerifiableForm?: true;
  /** `embedded` only: the credential text (JSON, compact JWS/JWT, XML) or base64 bytes. */
  content?: string;
  /** `embedded` only: how `content` is encoded (default `utf8`). */
  contentEncoding?: 'utf8' | 'base64';
  /** Where it was found, for people: "JSON-LD script", "PDF page 2, link", "attachment cv.json". */
  where?: string;
}

/** Bounds on candidate fields. SECURITY: the page controls them; unbounded strings could bloat storage and messages. */
export const CANDIDATE_LIMITS = {
  maxUrlLength: 2048,
  maxLabelLength: 200,
  maxPlatformLength: 40,
  /** Embedded credential text (characters); larger ones are not reported from pages. */
  maxContentLength: 64 * 1024,
  maxWhereLength: 120,
} as const;
