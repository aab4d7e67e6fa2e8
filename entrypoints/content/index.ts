/**
 * Content script: finds credential links and badge images, reports them to the
 * background, and shows a hint next to each. It decides nothing and fetches nothing.
 * Re-scans only subtrees the page adds (debounced); a URL change (SPA) starts over.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { Candidate } from '../../lib/detect/candidate';
import { readReply } from '../../lib/protocol/envelope';
import { MESSAGE_LIMITS, type Mark, type MarksValue } from '../../lib/protocol/messages';
import { parseMarks, parseMarksUpdate } from '../../lib/protocol/parse-marks';
import { isFromBackground } from '../../lib/protocol/sender';
import { MARK_TAG, createMarker } from './marks';
import { scanSubtree } from './scan';

const DEBOUNCE_MS = 300;

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // WXT's legacy window.postMessage announcement (the custom event replaces it) costs several
  // ms of main thread at load and wakes the page's own message listeners: not sent.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const marker = createMarker();
    const known = new Set<string>();
    let page = pageKey();
    let reported = false; // sent at least once for this page URL
    let roots = new Set<Element>();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const applyMarks = (marks: Mark[]) => {
      for (const m of marks) marker.update(m.url, m.state);
    };

    const send = async (candidates: Candidate[], reset: boolean) => {
      // Chunks bounded by count and by embedded content, as the background's guard requires.
      const chunks: Candidate[][] = [];
      let chars = 0;
      for (const c of candidates) {
        const size = c.content?.length ?? 0;
        const last = chunks[chunks.length - 1];
        if (
          last === undefined ||
          last.length >= MESSAGE_LIMITS.maxCandidatesPerMessage ||
          chars + size > MESSAGE_LIMITS.maxEmbeddedCharsPerMessage
        ) {
          chunks.push([c]);
          chars = size;
        } else {
          last.push(c);
          chars += size;
        }
      }
      if (chunks.length === 0) chunks.push([]);
      for (const [n, chunk] of chunks.entries()) {
        const raw: unknown = await browser.runtime
          .sendMessage({ type: 'candidates/report', reset: reset && n === 0, candidates: chunk })
          .catch(() => undefined);
        const reply = readReply<MarksValue>(raw);
        const marks = reply.ok ? parseMarks((reply.value as { marks?: unknown } | null)?.marks) : null;
        if (marks !== null) applyMarks(marks);
      }
    };

    const scan = (targets: Iterable<Element>) => {
      const fresh: Candidate[] = [];
      for (const root of targets) {
        for (const { candidate, element } of scanSubtree(root)) {
          if (known.size >= MESSAGE_LIMITS.maxCandidatesPerTab && !known.has(candidate.url)) continue;
          marker.attach(element, candidate.url);
          if (known.has(candidate.url)) continue;
          known.add(candidate.url);
          fresh.push(candidate);
        }
      }
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
        known.clear();
        marker.reset();
        roots = new Set();
        if (reported) void send([], true);
        reported = false;
        scan([document.head, document.body].filter((e): e is HTMLElement => e !== null));
        return;
      }
      const pending = roots;
      roots = new Set();
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
