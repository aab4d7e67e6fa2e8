/**
 * Content script: finds what may be a credential (links, badge images, JSON-LD, JWS) and
 * reports it to the background, which classifies it with the platform rules; shows a hint
 * next to each sighting the background took for a credential. It decides nothing and fetches
 * nothing. Re-scans only subtrees the page adds (debounced); a URL change (SPA) starts over.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { Sighting } from '../../lib/detect/sighting';
import { readReply } from '../../lib/protocol/envelope';
import { MESSAGE_LIMITS, type Mark } from '../../lib/protocol/messages';
import { parseMarksUpdate, parseMarksValue } from '../../lib/protocol/parse-marks';
import { isFromBackground } from '../../lib/protocol/sender';
import { MARK_TAG, createMarker } from './marks';
import { scanSubtree } from './scan';

const DEBOUNCE_MS = 300;
/**
 * SECURITY (hostile pages, issue 15): the content script's work per page is bounded whatever the
 * page contains or keeps adding. Main-thread time spent scanning one page (one URL) is capped;
 * past it, the page is not scanned again until it navigates. A burst of added subtrees larger than
 * MAX_ROOTS_PER_FLUSH is scanned as the whole body once, not root by root.
 */
const PAGE_SCAN_BUDGET_MS = 400;
const MAX_ROOTS_PER_FLUSH = 256;

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // WXT's legacy window.postMessage announcement (the custom event replaces it) costs several
  // ms of main thread at load and wakes the page's own message listeners: not sent.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const marker = createMarker((url) => {
      void browser.runtime.sendMessage({ type: 'mark/open', url }).catch(() => undefined);
    });
    /** Each sighting sent for this page, by its JSON: the candidate URLs it gave (null: reply pending). */
    let results = new Map<string, string[] | null>();
    /** Elements showing a sighting whose reply is pending. */
    let waiting = new Map<string, Element[]>();
    let texts = 0; // JSON-LD and JWS texts sent for this page
    let page = pageKey();
    let reported = false; // sent at least once for this page URL
    let roots = new Set<Element>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let spent = 0; // ms of scanning on this page

    const applyMarks = (marks: Mark[]) => {
      for (const m of marks) marker.update(m.url, m.state);
    };

    const send = async (batch: Array<{ key: string; sighting: Sighting }>, reset: boolean) => {
      // Chunks bounded by count and by embedded text, as the background's guard requires.
      const chunks: Array<typeof batch> = [];
      let chars = 0;
      for (const item of batch) {
        const s = item.sighting;
        const size = s.kind === 'json' || s.kind === 'jwt' ? s.text.length : 0;
        const last = chunks[chunks.length - 1];
        if (
          last === undefined ||
          last.length >= MESSAGE_LIMITS.maxSightingsPerMessage ||
          chars + size > MESSAGE_LIMITS.maxEmbeddedCharsPerMessage
        ) {
          chunks.push([item]);
          chars = size;
        } else {
          last.push(item);
          chars += size;
        }
      }
      if (chunks.length === 0) chunks.push([]);
      const forPage = page;
      for (const [n, chunk] of chunks.entries()) {
        const raw: unknown = await browser.runtime
          .sendMessage({
            type: 'candidates/report',
            reset: reset && n === 0,
            sightings: chunk.map((c) => c.sighting),
          })
          .catch(() => undefined);
        if (forPage !== page) return; // the page moved on (SPA) while this was answered
        const reply = readReply<unknown>(raw);
        const value = reply.ok ? parseMarksValue(reply.value, chunk.length) : null;
        const urls = chunk.map((): string[] => []);
        for (const f of value?.found ?? []) urls[f.i]?.push(f.url);
        for (const [i, { key }] of chunk.entries()) {
          const got = urls[i] ?? [];
          results.set(key, got);
          for (const element of waiting.get(key) ?? []) for (const url of got) marker.attach(element, url);
          waiting.delete(key);
        }
        if (value !== null) applyMarks(value.marks);
      }
    };

    const scan = (targets: Iterable<Element>) => {
      if (spent >= PAGE_SCAN_BUDGET_MS) return;
      const started = performance.now();
      const fresh: Array<{ key: string; sighting: Sighting }> = [];
      for (const root of targets) {
        if (performance.now() - started + spent >= PAGE_SCAN_BUDGET_MS) break;
        for (const { sighting, element } of scanSubtree(root)) {
          const key = JSON.stringify(sighting);
          const known = results.get(key);
          if (known === undefined) {
            if (results.size >= MESSAGE_LIMITS.maxSightingsPerPage) continue;
            const isText = sighting.kind === 'json' || sighting.kind === 'jwt';
            if (isText && texts >= MESSAGE_LIMITS.maxTextSightingsPerPage) continue;
            if (isText) texts++;
            results.set(key, null);
            waiting.set(key, [element]);
            fresh.push({ key, sighting });
          } else if (known === null) waiting.get(key)?.push(element);
          else for (const url of known) marker.attach(element, url);
        }
      }
      spent += performance.now() - started;
      if (fresh.length > 0) {
        void send(fresh, !reported);
        reported = true;
      }
    };

    const flush = () => {
      timer = undefined;
      if (pageKey() !== page) {
        // SPA navigation: earlier candidates belong to the previous page.
        page = pageKey();
        results = new Map();
        waiting = new Map();
        texts = 0;
        spent = 0;
        marker.reset();
        roots = new Set();
        if (reported) void send([], true);
        reported = false;
        scan([document.head, document.body].filter((e): e is HTMLElement => e !== null));
        return;
      }
      const pending = roots;
      roots = new Set();
      if (pending.size > MAX_ROOTS_PER_FLUSH) {
        // A page adding nodes in bulk: one scan of the body (each sighting is sent once anyway).
        if (document.body !== null) scan([document.body]);
        return;
      }
      // Scan each added subtree once: skip roots inside another added root.
      const covered = (r: Element) => {
        for (let p = r.parentElement; p !== null; p = p.parentElement) if (pending.has(p)) return true;
        return false;
      };
      scan([...pending].filter((r) => r.isConnected && !covered(r)));
    };

    const observer = new MutationObserver((records) => {
      for (const rec of records) {
        if (rec.type === 'attributes' && rec.target instanceof Element) roots.add(rec.target);
        for (const node of rec.addedNodes) {
          if (node instanceof Element && node.localName !== MARK_TAG) roots.add(node);
        }
      }
      if (roots.size > 0 && timer === undefined) timer = setTimeout(flush, DEBOUNCE_MS);
    });

    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (!isFromBackground(sender, browser.runtime.id)) return;
      const update = parseMarksUpdate(message);
      if (update !== null) applyMarks(update.marks);
    });

    scan([document.head, document.body].filter((e): e is HTMLElement => e !== null));
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href', 'src'],
    });
    ctx.onInvalidated(() => {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
    });
  },
});

function pageKey(): string {
  return location.href.split('#')[0] ?? '';
}
