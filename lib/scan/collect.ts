/** A bounded, de-duplicating list of candidates shared by the scanners. */
import type { Candidate } from '../detect/candidate';
import { TEXT_URL_LIMITS } from '../detect/signals';
import { candidateIdentity } from '../detect/url';

/** Result of scanning one page or file. Plain JSON. */
export interface ScanResult {
  /** Where the scanned thing came from (URL or file name). */
  source: string;
  /** `html`, `pdf`, `text` or `qr`. */
  type: 'html' | 'pdf' | 'text' | 'qr';
  candidates: Candidate[];
  /** What was skipped or could not be read (limits reached, damaged parts), for people. */
  notes: string[];
}

/** Bounds on a scan. SECURITY: pages and files are hostile; every loop has a ceiling. */
export const SCAN_LIMITS = {
  maxCandidates: 200,
  maxHtmlChars: 5 * 1024 * 1024,
  ...TEXT_URL_LIMITS,
  maxPdfPages: 50,
  maxPdfAnnotationsPerPage: 500,
  maxPdfAttachments: 20,
  maxAttachmentBytes: 4 * 1024 * 1024,
  maxImagesPerPage: 20,
  maxQrImagePixels: 4_000_000,
} as const;

/**
 * Creates a collector: `add` keeps the first candidate per credential (candidateIdentity: the
 * same address however written, fragment and a trailing slash aside, or the same embedded
 * payload), up to the limit. A credential a page shows three times is listed once.
 */
export function createCollector(source: string, type: ScanResult['type']) {
  const seen = new Set<string>();
  const result: ScanResult = { source, type, candidates: [], notes: [] };
  let full = false;
  return {
    result,
    add(c: Candidate | null | undefined): void {
      if (c === null || c === undefined) return;
      const id = candidateIdentity(c);
      if (seen.has(id)) return;
      if (result.candidates.length >= SCAN_LIMITS.maxCandidates) {
        if (!full) result.notes.push(`Stopped after ${SCAN_LIMITS.maxCandidates} candidates.`);
        full = true;
        return;
      }
      seen.add(id);
      result.candidates.push(c);
    },
    note(text: string): void {
      if (result.notes.length < 50 && !result.notes.includes(text)) result.notes.push(text);
    },
  };
}

export type Collector = ReturnType<typeof createCollector>;
