/**
 * The VerificationReport: the one contract between lib, UI, CLI (--json) and tests.
 * Plain JSON only (no Date, Map, Error or class instances) so it crosses
 * runtime.sendMessage, is stored in IndexedDB and is snapshot-tested unchanged.
 */
import type { Answers, Headline } from '../report/headline';

/** Report schema version; bump on any incompatible change of shape. */
export const REPORT_VERSION = '1.1';

/** Verdicts, listed from worst to best (see VERDICT_ORDER). */
export type Verdict = 'invalid' | 'revoked' | 'expired' | 'unverifiable' | 'verified-untrusted' | 'verified';

/** Precedence: the first entry is the worst. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'invalid',
  'revoked',
  'expired',
  'unverifiable',
  'verified-untrusted',
  'verified',
];

export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped' | 'error';

/** One independent check. `id` is a stable dotted name; `code` is ERR_/OK_ machine code. */
export interface Check {
  id: string;
  status: CheckStatus;
  code: string;
  /** One plain-language sentence a recruiter can read. */
  message: string;
  /** Technical detail for engineers (folded in the UI). */
  detail?: string;
  /** For `skipped`: the id of the check whose failure blocked this one. */
  blockedBy?: string;
  /**
   * The verdict this check forces when it is not passed (failed/error/warning).
   * Absent means the check does not lower the verdict.
   */
  impact?: Verdict;
}

export type AuthenticityLevel = 'A0' | 'A1' | 'A2' | 'A3' | 'A4';
export type QaLevel = 'Q0' | 'Q1' | 'Q2' | 'Q3';

export interface LevelAssessment<L extends string> {
  level: L;
  /** Each item names one piece of evidence in plain words. */
  evidence: string[];
}

/**
 * `not-disclosed`: the credential may hold the element, but the holder chose not to disclose it
 * (an SD-JWT whose undisclosed digests could carry it) — not the same as `missing`.
 */
export type ElementStatus = 'present' | 'missing' | 'not-expressible' | 'not-disclosed';

/** Keys of the EU standard elements (Council Recommendation 2022/C 243/02, Annex I). */
export type ElementKey =
  | 'learner'
  | 'title'
  | 'country'
  | 'awardingBody'
  | 'issuedOn'
  | 'learningOutcomes'
  | 'workload'
  | 'level'
  | 'assessment'
  | 'participation'
  | 'qualityAssurance'
  | 'prerequisites'
  | 'supervision'
  | 'grade'
  | 'stackability'
  | 'furtherInformation';

export interface StandardElement {
  key: ElementKey;
  label: string;
  mandatory: boolean;
  status: ElementStatus;
  /** Values as shown to the user (already flattened to text). */
  values?: string[];
  /** Field path(s) in the credential the values came from, e.g. `badge.criteria.narrative`. */
  source?: string;
  /** Why missing / not expressible, or a caveat ("hashed e-mail", "no unit"). */
  note?: string;
  /** True when the value comes from outside the credential (a trust list, a registry). */
  external?: boolean;
  /**
   * learningOutcomes only: labels of the skills or competencies the credential aligns to in a
   * framework (ESCO and others), for the profile summary; the full outcomes stay in `values`.
   */
  skills?: string[];
}

export interface IssuerInfo {
  id?: string;
  name?: string;
  url?: string;
  email?: string;
  /** Where the issuer profile was actually obtained from. */
  fetchedFrom?: string;
  /**
   * Where `name` comes from (issue 14): a trust source's entry for this issuer (`trust-source`);
   * the issuer itself, whose identity is established (A2 and up: its domain, DID or certificate —
   * `issuer`); or the credential alone, signed by a key nothing ties to anyone (`self-declared`).
   */
  nameSource?: 'trust-source' | 'issuer' | 'self-declared';
}

/** A hit on a trust list for the issuer. */
export interface TrustHit {
  sourceId: string;
  sourceLabel: string;
  list: 'allow' | 'deny';
  entryId: string;
  entryName?: string;
  /**
   * What kind of list answered: the organisation's own (`org`), an administrator's policy
   * (`policy`), an issuer registry (`registry`), the EBSI Trusted Issuers Registry (`ebsi-tir`).
   * Absent on hits from older sources (treated as `org`).
   */
  kind?: 'org' | 'policy' | 'registry' | 'ebsi-tir';
  /** One plain sentence saying what the list states (e.g. "Trusted Issuer accredited by …"). */
  evidence?: string;
  /** True when the list's data is past its expiry (used offline, labelled stale). */
  stale?: boolean;
}

/**
 * A credential platform hosting the copy that was checked (Credly, Canvas Credentials, ...):
 * the platform's word that it issued this for the earner, distinct from a signature.
 */
export interface PlatformAttestation {
  platform: string;
  name: string;
  /** The host the credential was actually fetched from. */
  host: string;
  /** Plain sentence for the recruiter. */
  statement: string;
}

/** A platform's credential page a report was verified from (VerificationReport.fromPage). */
export interface FromPage {
  /** The page address as given. */
  url: string;
  /** Platform id of the link rule that matched (`credly`, `badgr`...). */
  platform: string;
  /** The platform's display name. */
  name: string;
}

/** A version of trust data used for this report (for HR records: "which list, which version"). */
export interface TrustDataVersion {
  sourceId: string;
  label: string;
  version?: string;
  fetchedAt?: string;
  stale?: boolean;
}

export interface CredentialSummary {
  title?: string;
  description?: string;
  image?: string;
  issuedOn?: string;
  expires?: string;
  /** The credential's own id (hosted URL, urn:uuid, ...). */
  id?: string;
  /** How the learner is identified, for display ("hashed e-mail", "e-mail a@b.c"). */
  recipient?: string;
  /** What the credential is made of (ELM claims and their parts), as a tree. */
  parts?: CredentialPart[];
  /**
   * The issuer's own rendering of the credential (ELM displayParameter images): shown as the
   * issuer's picture, never as the verdict. Bounded in number and size.
   */
  rendering?: IssuerRendering[];
}

/** The text fields of a credential summary. */
export type CredentialTextField = Exclude<keyof CredentialSummary, 'parts' | 'rendering'>;

/** One claim of a credential and its parts (ELM hasClaim → hasPart). */
export interface CredentialPart {
  title: string;
  /** The claim's type in plain words (learning achievement, activity, assessment, entitlement). */
  kind?: string;
  /** Short facts: credits, EQF level, grade. */
  details?: string[];
  /** Field path in the credential. */
  source: string;
  parts?: CredentialPart[];
}

/** One image of the issuer's rendering. */
export interface IssuerRendering {
  mediaType: 'image/jpeg' | 'image/png';
  /** `data:` URL of the image as the credential carries it (checked to be that image type). */
  dataUrl: string;
  page?: number;
  source: string;
}

/** A difference between a baked/file copy and the authoritative hosted copy. */
export interface Difference {
  path: string;
  given?: string;
  hosted?: string;
}

export interface ContactedUrl {
  url: string;
  /** What the URL was needed for ("hosted assertion", "issuer profile", ...). */
  purpose: string;
  status?: number;
  /** ERR_NET_* code when the request failed. */
  error?: string;
  /** When the request was answered from a cache instead of the network. */
  cached?: boolean;
}

export type FormatId =
  | 'ob2-hosted'
  | 'ob2-signed'
  | 'ob1-hosted'
  | 'ob1-signed'
  /** European Digital Credential: ELM v3 JSON-LD, JAdES-sealed (or unsigned, reported unverifiable). */
  | 'edc-jades'
  /** European Digital Credential, older EDCI XML format (ELM v2), XAdES-sealed. */
  | 'edci-xml'
  | 'ob3-di'
  | 'ob3-jwt'
  | 'clr2-di'
  | 'clr2-jwt'
  | 'vc-di'
  | 'vc-jwt'
  /** SD-JWT (RFC 9901) and SD-JWT VC (`dc+sd-jwt`, older `vc+sd-jwt`), with or without Key Binding. */
  | 'sd-jwt-vc'
  /** ISO/IEC 18013-5 mdoc (`mso_mdoc`): DeviceResponse or IssuerSigned CBOR, label "ISO mdoc (ISO/IEC 18013-5)". */
  | 'mdoc'
  | 'unknown';

export interface FormatInfo {
  id: FormatId;
  /** Human label, e.g. "Open Badges 2.0 (hosted)". */
  label: string;
  /** How it reached us: a URL, a baked PNG, a baked SVG, a JSON file, a JWS... */
  container: 'url' | 'json' | 'jws' | 'xml' | 'png' | 'svg' | 'cbor' | 'unknown';
}

export interface VerificationReport {
  version: string;
  verdict: Verdict;
  /** The verdict explained in plain English (the headline's sentence and, when negative, why). */
  summary: string;
  /**
   * What a person reads first (report 1.1): finer than the verdict, it tells apart the failures
   * that look alike ("does not exist", "could not be reached", "not a credential") and never says
   * "authentic" below A2. Derived from the rest of the report (lib/report/headline.ts).
   */
  headline?: Headline;
  /** The recruiter's three questions answered: changed? who stands behind it? still valid? (report 1.1). */
  answers?: Answers;
  format: FormatInfo;
  authenticity: LevelAssessment<AuthenticityLevel>;
  qualityAssurance: LevelAssessment<QaLevel>;
  checks: Check[];
  issuer: IssuerInfo;
  trust: TrustHit[];
  credential: CredentialSummary;
  elements: StandardElement[];
  /** Baked/file copy vs hosted copy; empty when identical or not applicable. */
  differences: Difference[];
  contacted: ContactedUrl[];
  /** When the check ran (ISO-8601). */
  checkedAt: string;
  /** The instant validity was evaluated at (ISO-8601; differs from checkedAt with --now). */
  evaluatedAt: string;
  /** What was verified: a URL, a file name, or "(input)". */
  source: string;
  /**
   * The platform's credential page the user gave (a Credly badge page...), when `source` is the
   * machine-readable address that platform's link rule derives from it (lib/detect/page-address.ts).
   * The page itself is not fetched and is no evidence.
   */
  fromPage?: FromPage;
  /** Present when the copy checked was served by a credential platform (its word, not a signature). */
  platform?: PlatformAttestation;
  /** The trust and QA data versions consulted for this report. */
  trustData?: TrustDataVersion[];
}
