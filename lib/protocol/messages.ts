/**
 * Typed runtime messages (`noun/verb`), their privilege, and the replies they get.
 * Table (also in docs/architecture.md, "Messages and privilege"):
 *
 * | type               | from                   | body                          | reply                |
 * |--------------------|------------------------|-------------------------------|----------------------|
 * | candidates/report  | content script         | what the page shows (sightings) | MarksValue         |
 * | tab/get            | extension page         | tabId                         | TabView              |
 * | credential/verify  | extension page         | a URL, file bytes or text     | VerifiedValue        |
 * | report/get         | extension page         | reportId                      | ReportValue          |
 * | marks/update       | background → tab       | verdicts for inline marks     | (none)               |
 * | file/scan          | extension page         | a PDF/HTML file's bytes, or a URL | FileScanValue    |
 * | candidate/verify   | extension page         | tabId, optional candidate url | TabView              |
 * | mark/open          | content script         | the candidate url of a clicked mark | { opened: true } |
 */
import type { Headline } from '../report/headline';
import type { Candidate } from '../detect/candidate';
import type { Sighting } from '../detect/sighting';
import type { Verdict, VerificationReport } from '../model/report';

/** Hard limits on message bodies. SECURITY: a hostile page must not make the worker store or verify without bound. */
export const MESSAGE_LIMITS = {
  /** Sightings in one `candidates/report`. */
  maxSightingsPerMessage: 50,
  /** Sightings a content script reports for one page (later ones are not sent). */
  maxSightingsPerPage: 400,
  /** Of those, JSON-LD and JWS texts (each up to 64 KB): the background parses them. */
  maxTextSightingsPerPage: 20,
  /** Candidates remembered per tab (later ones are ignored). */
  maxCandidatesPerTab: 100,
  maxUrlLength: 2048,
  maxReportIdLength: 100,
  maxFileNameLength: 255,
  maxMediaTypeLength: 100,
  /** JSON-LD and JWS text in one `candidates/report`, all sightings together. */
  maxEmbeddedCharsPerMessage: 512 * 1024,
  /** Candidates of one scanned file that are verified (the rest are listed unverified). */
  maxVerifiedPerFile: 30,
} as const;

export interface CandidatesReportMessage {
  type: 'candidates/report';
  /** True when the page navigated (SPA) and earlier candidates no longer apply. */
  reset: boolean;
  /** What the content script saw; the background classifies it (lib/detect/sighting.ts). */
  sightings: Sighting[];
}

export interface TabGetMessage {
  type: 'tab/get';
  tabId: number;
}

export type VerifyRequestInput =
  | { kind: 'url'; url: string }
  | { kind: 'bytes'; base64: string; name?: string; mediaType?: string }
  | { kind: 'text'; text: string; name?: string };

export interface CredentialVerifyMessage {
  type: 'credential/verify';
  input: VerifyRequestInput;
}

export interface ReportGetMessage {
  type: 'report/get';
  reportId: string;
}

/** Extension page → background: find (and verify) the credentials in a CV file (PDF, HTML) or at a URL. */
export interface FileScanMessage {
  type: 'file/scan';
  input: Exclude<VerifyRequestInput, { kind: 'text' }>;
}

/**
 * Extension page → background: verify a tab's candidate now (the user clicked "Verify" while
 * `autoVerify` is off). Without `url`, every candidate of the tab still waiting is verified.
 */
export interface CandidateVerifyMessage {
  type: 'candidate/verify';
  tabId: number;
  /** The candidate's `url` (Candidate.url), as listed by `tab/get`. */
  url?: string;
}

/** Messages the background accepts. */
/** The recruiter clicked an inline mark: open its report (verifying first, if it was not yet). */
export interface MarkOpenMessage {
  type: 'mark/open';
  url: string;
}

export type BackgroundRequest =
  | MarkOpenMessage
  | CandidatesReportMessage
  | TabGetMessage
  | CredentialVerifyMessage
  | ReportGetMessage
  | FileScanMessage
  | CandidateVerifyMessage;

/** Who may send each message type. */
export const MESSAGE_PRIVILEGE: Record<BackgroundRequest['type'], 'content' | 'extension-page'> = {
  'candidates/report': 'content',
  'mark/open': 'content',
  'tab/get': 'extension-page',
  'credential/verify': 'extension-page',
  'report/get': 'extension-page',
  'file/scan': 'extension-page',
  'candidate/verify': 'extension-page',
};

/** The headline of one inline mark, `pending` while the check runs, `waiting` until the user asks (verify on click). */
export type MarkState = Headline | 'pending' | 'waiting';

export interface Mark {
  /** The candidate's machine-readable URL (Candidate.url). */
  url: string;
  state: MarkState;
}

/** Background → content script: new states for inline marks. */
export interface MarksUpdateMessage {
  type: 'marks/update';
  marks: Mark[];
}

/**
 * A sighting the background took for a credential: `i` indexes the message's sightings, `url` is
 * the candidate's. `probe`: an image being unbaked, not yet a credential; the content script marks
 * it only when a mark for `url` arrives (the image carries badge data).
 */
export interface FoundSighting {
  i: number;
  url: string;
  probe?: true;
}

/** Reply to `candidates/report`: which sightings are credentials, and the states already known for them. */
export interface MarksValue {
  found: FoundSighting[];
  marks: Mark[];
}

/** One candidate on a tab, as the popup sees it. */
export interface TabEntryView {
  candidate: Candidate;
  state: 'pending' | 'done';
  /**
   * Pending and not being verified: automatic verification is off (setting `autoVerify`),
   * so it waits for the user (`candidate/verify`). Set by `tab/get` only, never stored.
   */
  waiting?: true;
  reportId?: string;
  verdict?: Verdict;
  /** What a person reads first (lib/report/headline.ts). */
  headline?: Headline;
  title?: string;
  issuer?: string;
  /**
   * How far the issuer name goes (never "issued by" below A2): `key` — the signing key's own claim
   * (A1); `claim` — the document's word only, nothing proven (A0). Absent: established (A2 and up).
   */
  issuerClaim?: 'key' | 'claim';
  /** The recipient check failed against what the recruiter entered: shown at the top. */
  recipientDiffers?: true;
  summary?: string;
}

export interface TabView {
  tabId: number;
  pageUrl: string;
  entries: TabEntryView[];
}

export interface VerifiedValue {
  reportId: string;
  report: VerificationReport;
}

export interface ReportValue {
  reportId: string;
  report: VerificationReport;
  candidate?: Candidate;
}

/** One credential found in a scanned file, with its verdict (reports are stored; open with report/get). */
export interface FileScanItem {
  candidate: Candidate;
  reportId?: string;
  verdict?: Verdict;
  headline?: Headline;
  title?: string;
  issuer?: string;
  issuerClaim?: 'key' | 'claim';
  summary?: string;
}

/** Reply to `file/scan`. */
export interface FileScanValue {
  source: string;
  /** `pdf`, `html`, or `credential` (the file was itself a credential and was verified as one). */
  type: 'pdf' | 'html' | 'credential';
  items: FileScanItem[];
  /** What was skipped or could not be read. */
  notes: string[];
}
