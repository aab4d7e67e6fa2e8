/**
 * Offscreen document: reads PDFs for the background worker with pdf.js (modern build,
 * its worker code run on this document's thread) and jsqr. Answers only the worker's
 * `offscreen/scan-pdf` messages; every other runtime message is left to the worker.
 */
import jsQR from 'jsqr';
import * as pdfjs from 'pdfjs-dist';
// pdf.js looks for `globalThis.pdfjsWorker` before spawning a Worker: run it here, no worker file or CSP change.
import * as pdfjsWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import { browser } from 'wxt/browser';
import { decodeBase64 } from '../../lib/protocol/base64';
import { isBoundedString, isRecord } from '../../lib/protocol/guards';
import { scanPdfWithPdfjs, type PdfjsLike } from '../../lib/extension/scan-pdfjs';
import { LIMITS } from '../../lib/model/input';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

/** SECURITY: only our own service worker may ask (other extension pages and the web cannot). */
function fromWorker(sender: { id?: string; url?: string; tab?: unknown }): boolean {
  return (
    sender.id === browser.runtime.id && sender.tab === undefined && /\/background\.js$/.test(sender.url ?? '')
  );
}

browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: unknown) => void) => {
  if (!isRecord(message) || message['type'] !== 'offscreen/scan-pdf' || !fromWorker(sender)) return undefined;
  const bytes = isBoundedString(message['base64'], Math.ceil(LIMITS.maxInputBytes / 3) * 4)
    ? decodeBase64(message['base64'])
    : null;
  const source = isBoundedString(message['source'], 2048) ? message['source'] : '(file)';
  if (bytes === null) {
    sendResponse({ ok: false, error: { code: 'ERR_PROTO_BAD_MESSAGE', message: 'No PDF bytes.' } });
    return undefined;
  }
  void scanPdfWithPdfjs(pdfjs as unknown as PdfjsLike, bytes, source, { jsQR }).then((value) =>
    sendResponse({ ok: true, value }),
  );
  return true;
});
