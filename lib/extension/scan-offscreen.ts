/**
 * The worker side of PDF scanning in Chromium: pdf.js may not run in the service worker
 * (nor in content scripts or pages), so PDFs are scanned in an offscreen document
 * (entrypoints/offscreen) that the worker creates on demand and closes when idle.
 * The offscreen document's reply is `unknown` until `parseScanResult` accepts it.
 */
import type { Candidate } from '../detect/candidate';
import { encodeBase64 } from '../protocol/base64';
import { hasOnlyKeys, isBoundedString, isRecord } from '../protocol/guards';
import { parseCandidate, type CandidateBounds } from '../protocol/parse-request';
import { SCAN_LIMITS, createCollector, type ScanResult } from '../scan/collect';

/** Worker → offscreen document: scan these PDF bytes. */
export interface OffscreenScanRequest {
  type: 'offscreen/scan-pdf';
  base64: string;
  source: string;
}

export const OFFSCREEN_PATH = '/offscreen.html';

/** The chrome.offscreen / runtime calls this module makes (injected; absent in Firefox). */
export interface OffscreenApi {
  hasDocument(): Promise<boolean>;
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  sendMessage(msg: OffscreenScanRequest): Promise<unknown>;
}

/** Candidates found in a file: addresses as the file gives them, attachments as base64. */
const SCANNED_CANDIDATE: CandidateBounds = {
  url: (v): v is string => isBoundedString(v, 4096, 1),
  maxContentLength: Math.ceil((SCAN_LIMITS.maxAttachmentBytes * 4) / 3) + 4,
};

/** Validates an offscreen reply into a ScanResult; null when malformed. Embedded content may be base64 (attachments). */
export function parseScanResult(raw: unknown): ScanResult | null {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['source', 'type', 'candidates', 'notes'])) return null;
  const { source, type, candidates, notes } = raw;
  if (!isBoundedString(source, 2048) || type !== 'pdf' || !Array.isArray(candidates) || !Array.isArray(notes))
    return null;
  if (candidates.length > SCAN_LIMITS.maxCandidates || notes.length > 50) return null;
  const out: Candidate[] = [];
  for (const c of candidates) {
    const cand = parseCandidate(c, SCANNED_CANDIDATE);
    if (cand === null) return null;
    out.push(cand);
  }
  return { source, type, candidates: out, notes: notes.filter((n): n is string => isBoundedString(n, 500)) };
}

/** Creates `scanPdf` for the file scanner, backed by the offscreen document. Never throws. */
export function createOffscreenPdfScanner(api: OffscreenApi | null, idleMs = 30_000) {
  let queue: Promise<unknown> = Promise.resolve();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const failed = (source: string, message: string): ScanResult => {
    const c = createCollector(source, 'pdf');
    c.note(message);
    return c.result;
  };
  return (bytes: Uint8Array, source: string): Promise<ScanResult> => {
    if (api === null)
      return Promise.resolve(
        failed(source, 'This browser cannot scan PDFs in CredLens yet (no offscreen documents).'),
      );
    const run = async (): Promise<ScanResult> => {
      if (idle !== undefined) clearTimeout(idle);
      try {
        if (!(await api.hasDocument())) {
          await api.createDocument({
            url: OFFSCREEN_PATH,
            reasons: ['WORKERS'],
            justification:
              'Read PDF CVs with pdf.js and decode QR codes; neither may run in the service worker.',
          });
        }
        const raw = await api.sendMessage({
          type: 'offscreen/scan-pdf',
          base64: encodeBase64(bytes),
          source,
        });
        const reply = isRecord(raw) && raw['ok'] === true ? parseScanResult(raw['value']) : null;
        return reply ?? failed(source, 'The PDF reader gave no usable answer.');
      } catch (e) {
        return failed(source, `The PDF could not be read (${e instanceof Error ? e.message : String(e)}).`);
      } finally {
        idle = setTimeout(() => void api.closeDocument().catch(() => undefined), idleMs);
      }
    };
    const job = queue.then(run, run);
    queue = job.catch(() => undefined);
    return job;
  };
}
