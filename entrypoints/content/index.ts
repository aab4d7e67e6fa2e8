/**
 * Content script: finds what may be a credential (links, badge images, JSON-LD, JWS) and
 * reports it to the background, which classifies it with the platform rules; shows a hint
 * next to each sighting the background took for a credential. It decides nothing and fetches
 * nothing. A credential the page shows several times (header, list, "show all" dialog; text and
 * link) is reported once (sightingKey) and marked wherever it appears. An image is marked only
 * once the background read baked badge data in it. Re-scans only subtrees the page adds
 * (debounced); a URL change (SPA) starts over.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { mergeSightings, sightingKey, type Sighting } from '../../lib/detect/sighting';
import { readReply } from '../../lib/protocol/envelope';
import { MESSAGE_LIMITS, type FoundSighting, type Mark } from '../../lib/protocol/messages';
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
/** SECURITY: the places one credential is marked (a page repeating one link without end is bounded). */
const MAX_ELEMENTS_PER_SIGHTING = 50;

/** A candidate a sighting gave (the reply to `candidates/report`, without the sighting's index). */
type Found = Omit<FoundSighting, 'i'>;

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
    /**
     * Each credential sighted on this page, by sightingKey: what was sent for it, the candidates it
     * gave (null: reply pending), and every element showing it (each gets the mark).
     */
    let seen = new Map<string, { sighting: Sighting; found: Found[] | null; elements: Element[] }>();
    /** Images being unbaked, by candidate URL: their elements are marked once a mark for the URL arrives. */
    let deferred = new Map<string, Set<Element>>();
    /** Image candidate URLs that count (a mark arrived for them): marked at once from now on. */
    let counted = new Set<string>();
    let texts = 0; // JSON-LD and JWS texts sent for this page
    let page = pageKey();
    let reported = false; // sent at least once for this page URL
    let roots = new Set<Element>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let spent = 0; // ms of scanning on this page

    const applyMarks = (marks: Mark[]) => {
      for (const m of marks) {
        // A mark for an image's URL: the background found badge data in it; its elements get marks now.
        counted.add(m.url);
        for (const element of deferred.get(m.url) ?? []) marker.attach(element, m.url);
        deferred.delete(m.url);
        marker.update(m.url, m.state);
      }
    };

    /** Marks `element` for each credential it shows; an image being unbaked waits for its mark. */
    const mark = (element: Element, found: Found[]) => {
      for (const f of found) {
        if (f.probe !== true || counted.has(f.url)) marker.attach(element, f.url);
        else {
          const set = deferred.get(f.url) ?? new Set<Element>();
          if (set.size < MAX_ELEMENTS_PER_SIGHTING) set.add(element);
          deferred.set(f.url, set);
        }
      }
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
        const founds = chunk.map((): Found[] => []);
        for (const f of value?.found ?? []) founds[f.i]?.push(f);
        for (const [i, { key }] of chunk.entries()) {
          const entry = seen.get(key);
          if (entry === undefined) continue;
          entry.found = founds[i] ?? [];
          for (const element of entry.elements) mark(element, entry.found);
        }
        if (value !== null) applyMarks(value.marks);
      }
    };

    const scan = (targets: Iterable<Element>) => {
      if (spent >= PAGE_SCAN_BUDGET_MS) return;
      const started = performance.now();
      // Sightings to send, by key: one per credential, however often this scan met it.
      const fresh = new Map<string, Sighting>();
      for (const root of targets) {
        if (performance.now() - started + spent >= PAGE_SCAN_BUDGET_MS) break;
        for (const { sighting, element } of scanSubtree(root)) {
          const key = sightingKey(sighting);
          const known = seen.get(key);
          if (known === undefined) {
            if (seen.size >= MESSAGE_LIMITS.maxSightingsPerPage) continue;
            const isText = sighting.kind === 'json' || sighting.kind === 'jwt';
            if (isText && texts >= MESSAGE_LIMITS.maxTextSightingsPerPage) continue;
            if (isText) texts++;
            seen.set(key, { sighting, found: null, elements: [element] });
            fresh.set(key, sighting);
            continue;
          }
          if (!known.elements.includes(element) && known.elements.length < MAX_ELEMENTS_PER_SIGHTING)
            known.elements.push(element);
          const merged = mergeSightings(known.sighting, sighting);
          if (merged !== known.sighting) {
            // Seen again with a flag the first sighting lacked ("Show credential" in a credentials
            // section): sent again with it, under the same key; the background lists it once.
            known.sighting = merged;
            fresh.set(key, merged);
          } else if (known.found !== null) mark(element, known.found);
        }
      }
      spent += performance.now() - started;
      if (fresh.size > 0) {
        void send(
          [...fresh].map(([key, sighting]) => ({ key, sighting })),
          !reported,
        );
        reported = true;
      }
    };

    const flush = () => {
      timer = undefined;
      if (pageKey() !== page) {
        // SPA navigation: earlier candidates belong to the previous page.
        page = pageKey();
        seen = new Map();
        deferred = new Map();
        counted = new Set();
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
