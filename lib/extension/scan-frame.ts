/**
 * Firefox's stand-in for chrome.offscreen: Firefox has no offscreen documents, but its MV3
 * background is an event page with a DOM. The event page loads the same PDF reader document
 * (entrypoints/offscreen) in a hidden frame of its own and asks it over a MessageChannel, so
 * pdf.js still runs in an extension document of its own, never in content scripts or pages.
 * The frame's answers are `unknown` until `parseScanResult` (scan-offscreen.ts) accepts them.
 *
 * The frame is same-origin with the event page and not web-accessible: no web page can load it
 * or post to it, and it answers only its parent (entrypoints/offscreen/main.ts).
 */
import type { OffscreenApi, OffscreenScanRequest } from './scan-offscreen';

/** The longest wait for one answer (pdf.js has its own 30 s limit inside the frame). */
export const FRAME_REPLY_TIMEOUT_MS = 60_000;

/**
 * An OffscreenApi backed by a hidden frame in `doc` (the event page's document), or null where
 * the background has no DOM (a service worker).
 */
export function frameDocumentApi(
  doc: Document | undefined = globalThis.document,
  replyTimeoutMs = FRAME_REPLY_TIMEOUT_MS,
): OffscreenApi | null {
  if (doc === undefined || doc === null) return null;
  let frame: HTMLIFrameElement | null = null;
  let ready: Promise<void> | null = null;
  const origin = new URL('/', doc.location.href).origin;

  return {
    hasDocument: () => Promise.resolve(frame !== null),
    createDocument: ({ url }) => {
      if (ready !== null) return ready;
      const f = doc.createElement('iframe');
      f.hidden = true;
      f.setAttribute('aria-hidden', 'true');
      ready = new Promise<void>((resolve) => f.addEventListener('load', () => resolve(), { once: true }));
      f.src = new URL(url, doc.location.href).href;
      (doc.body ?? doc.documentElement).append(f);
      frame = f;
      return ready;
    },
    closeDocument: () => {
      frame?.remove();
      frame = null;
      ready = null;
      return Promise.resolve();
    },
    sendMessage: (msg: OffscreenScanRequest) =>
      new Promise<unknown>((resolve, reject) => {
        const target = frame?.contentWindow;
        if (target === null || target === undefined) return reject(new Error('the PDF reader is not open'));
        const { port1, port2 } = new MessageChannel();
        const timer = setTimeout(() => {
          port1.close();
          reject(new Error('the PDF reader did not answer in time'));
        }, replyTimeoutMs);
        port1.onmessage = (event: MessageEvent) => {
          clearTimeout(timer);
          port1.close();
          resolve(event.data);
        };
        // Structured clone: the answer arrives as plain data of this realm, validated by the caller.
        target.postMessage(msg, origin, [port2]);
      }),
  };
}
