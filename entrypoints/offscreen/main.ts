/**
 * The PDF reader document: reads PDFs for the background with pdf.js (modern build, its worker
 * code run on this document's thread) and jsqr. Two hosts, one job (`offscreen/scan-pdf`):
 *  - Chromium: an offscreen document; answers only the service worker's runtime messages
 *    (every other runtime message is left to the worker);
 *  - Firefox (no offscreen documents): a hidden frame inside the background event page
 *    (lib/extension/scan-frame.ts); answers only its parent, over the MessageChannel port
 *    the parent sends along.
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

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Scans one `offscreen/scan-pdf` request (already known to come from our background). */
function scan(message: Record<string, unknown>): Promise<Reply> {
  const bytes = isBoundedString(message['base64'], Math.ceil(LIMITS.maxInputBytes / 3) * 4)
    ? decodeBase64(message['base64'])
    : null;
  const source = isBoundedString(message['source'], 2048) ? message['source'] : '(file)';
  if (bytes === null)
    return Promise.resolve({ ok: false, error: { code: 'ERR_PROTO_BAD_MESSAGE', message: 'No PDF bytes.' } });
  return scanPdfWithPdfjs(pdfjs as unknown as PdfjsLike, bytes, source, { jsQR }).then((value) => ({
    ok: true,
    value,
  }));
}

/** SECURITY: only our own service worker may ask (other extension pages and the web cannot). */
function fromWorker(sender: { id?: string; url?: string; tab?: unknown }): boolean {
  return (
    sender.id === browser.runtime.id && sender.tab === undefined && /\/background\.js$/.test(sender.url ?? '')
  );
}

if (window.parent === window) {
  // Chromium: the offscreen document, asked by the service worker.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: unknown) => void) => {
    if (!isRecord(message) || message['type'] !== 'offscreen/scan-pdf' || !fromWorker(sender))
      return undefined;
    void scan(message).then(sendResponse);
    return true;
  });
} else {
  // Firefox: a frame of the background event page. SECURITY: only the parent, of our own origin,
  // may ask (the document is not web-accessible, so only our own pages can frame it at all).
  window.addEventListener('message', (event: MessageEvent) => {
    const port = event.ports[0];
    if (event.source !== window.parent || event.origin !== location.origin || port === undefined) return;
    const message: unknown = event.data;
    if (!isRecord(message) || message['type'] !== 'offscreen/scan-pdf') return port.close();
    void scan(message).then((reply) => {
      port.postMessage(reply);
      port.close();
    });
  });
}
