/**
 * One file (or fetched document) → what it is and what it holds: a PDF or HTML CV is
 * scanned for credentials; anything else is taken to be a credential itself. The PDF
 * scanner is injected (pdf.js runs in Node for the CLI, in an offscreen document in
 * Chromium); HTML is scanned here.
 */
import type { ScanResult } from './collect';
import { scanHtml } from './scan-html';

export type FileKind = 'pdf' | 'html' | 'credential';

/** Recognises a PDF (`%PDF-` within the first KiB) or an HTML page; everything else is a credential to verify. */
export function sniffFile(bytes: Uint8Array, name = '', mediaType = ''): FileKind {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-') || /application\/pdf/i.test(mediaType)) return 'pdf';
  const start = head
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (/text\/html|application\/xhtml/i.test(mediaType) || /\.x?html?$/i.test(name)) return 'html';
  if (
    start.startsWith('<!doctype html') ||
    start.startsWith('<html') ||
    /^<(?:head|body|meta|title)\b/.test(start)
  )
    return 'html';
  return 'credential';
}

export interface FileScanDeps {
  /** Scans a PDF's bytes (pdf.js behind it); never throws. */
  scanPdf: (bytes: Uint8Array, source: string) => Promise<ScanResult>;
}

/** Scans a CV file; `{ kind: 'credential' }` when the file is not a container but (maybe) a credential. */
export async function scanFile(
  bytes: Uint8Array,
  source: string,
  deps: FileScanDeps,
  hints: { name?: string; mediaType?: string; pageUrl?: string } = {},
): Promise<{ kind: 'pdf' | 'html'; result: ScanResult } | { kind: 'credential' }> {
  const kind = sniffFile(bytes, hints.name, hints.mediaType);
  if (kind === 'pdf') return { kind, result: await deps.scanPdf(bytes, source) };
  if (kind === 'html') {
    const base = hints.pageUrl ?? (/^https?:\/\//i.test(source) ? source : 'https://localhost.invalid/');
    return { kind, result: scanHtml(new TextDecoder('utf-8').decode(bytes), base) };
  }
  return { kind };
}
