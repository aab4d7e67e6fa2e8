/**
 * Background glue for `file/scan`: turns the message input (file bytes or a URL) into a
 * scan, with the PDF work delegated to wherever pdf.js may run (Chromium: the offscreen
 * document, see entrypoints/offscreen). Never throws.
 */
import type { Candidate } from '../detect/candidate';
import { LIMITS, type CredentialInput } from '../model/input';
import type { SafeFetch } from '../model/env';
import { decodeBase64 } from '../protocol/base64';
import type { FileScanMessage } from '../protocol/messages';
import type { ScanResult } from '../scan/collect';
import { scanFile } from '../scan/scan-file';

export type FileScanOutcome =
  | { kind: 'pdf' | 'html'; result: ScanResult }
  /** Not a container: the file (or URL) is verified as a credential itself. */
  | { kind: 'credential'; source: string; input: CredentialInput; candidate: Candidate }
  | { kind: 'error'; source: string; message: string };

export type FileScanner = (input: FileScanMessage['input']) => Promise<FileScanOutcome>;

export interface FileScannerDeps {
  /** Scans PDF bytes with pdf.js in a context where it may run. */
  scanPdf: (bytes: Uint8Array, source: string) => Promise<ScanResult>;
  /** The safe fetcher (for `{ kind: 'url' }`: a CV or page at a URL). */
  fetch: SafeFetch;
}

/** Creates the scanner the router's `file/scan` route calls. */
export function createFileScanner(deps: FileScannerDeps): FileScanner {
  return async (input) => {
    let bytes: Uint8Array | null;
    let source: string;
    let mediaType = '';
    let name = '';
    if (input.kind === 'url') {
      source = input.url;
      const res = await deps.fetch(input.url, {
        accept: 'application/pdf, text/html;q=0.9, application/json;q=0.8, */*;q=0.1',
      });
      if (!res.ok)
        return { kind: 'error', source, message: `${input.url} could not be fetched: ${res.message}` };
      bytes = res.bytes;
      mediaType = res.contentType;
    } else {
      source = input.name ?? '(file)';
      name = input.name ?? '';
      mediaType = input.mediaType ?? '';
      bytes = decodeBase64(input.base64);
      if (bytes === null) return { kind: 'error', source, message: 'The file could not be read.' };
    }
    if (bytes.length > LIMITS.maxInputBytes)
      return { kind: 'error', source, message: 'The file is larger than CredLens accepts.' };
    try {
      const pageUrl = input.kind === 'url' ? input.url : undefined;
      const scanned = await scanFile(
        bytes,
        source,
        { scanPdf: deps.scanPdf },
        { name, mediaType, ...(pageUrl ? { pageUrl } : {}) },
      );
      if (scanned.kind !== 'credential') return scanned;
      const credInput: CredentialInput =
        input.kind === 'url'
          ? { kind: 'url', url: input.url }
          : { kind: 'bytes', bytes, name: source, ...(mediaType ? { mediaType } : {}) };
      const candidate: Candidate = {
        kind: input.kind === 'url' ? 'link' : 'embedded',
        url: input.kind === 'url' ? input.url : `file:${source}`,
        pageUrl: source,
        platform: 'credential-file',
        where: 'the file itself',
      };
      return { kind: 'credential', source, input: credInput, candidate };
    } catch (e) {
      return {
        kind: 'error',
        source,
        message: `The file could not be scanned (${e instanceof Error ? e.message : String(e)}).`,
      };
    }
  };
}
