/** What the content script saw on a page that may be a verifiable credential. */
export type CandidateKind = 'link' | 'image';

/**
 * A possible credential found on a page. Plain JSON: it crosses runtime.sendMessage.
 * `url` is the machine-readable target the background verifies; `pageUrl` is what was
 * on the page (the link's href or the image's src).
 */
export interface Candidate {
  kind: CandidateKind;
  /** Machine-readable target (hosted assertion endpoint, or the image to unbake). */
  url: string;
  /** What was on the page: the link's href or the image's src. */
  pageUrl: string;
  /** Platform rule that matched: `credly`, `badgr`, `ob-hosted`, `baked-image`. */
  platform: string;
  /** Visible text near the candidate (link text, alt text), for display only. */
  label?: string;
}

/** Bounds on candidate fields. SECURITY: the page controls them; unbounded strings could bloat storage and messages. */
export const CANDIDATE_LIMITS = {
  maxUrlLength: 2048,
  maxLabelLength: 200,
  maxPlatformLength: 40,
} as const;
