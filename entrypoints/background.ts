/**
 * Background worker: thin wiring of lib/ into the MV3 service worker (Firefox: event page).
 * `main` is synchronous and registers every listener first; all state lives in
 * storage.session (lib/extension/report-cache.ts), so a restarted worker carries on.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { CredentialInput } from '../lib/model/input';
import { VERDICT_ORDER, type Verdict } from '../lib/model/report';
import { createFetcher } from '../lib/net/fetcher';
import { installNetworkGuard } from '../lib/extension/net-guard';
import type { MarksUpdateMessage, TabView } from '../lib/protocol/messages';
import { createReportCache } from '../lib/extension/report-cache';
import { createRouter } from '../lib/extension/router';
import { createFileScanner } from '../lib/extension/scan-file';
import { frameDocumentApi } from '../lib/extension/scan-frame';
import { createOffscreenPdfScanner, type OffscreenApi } from '../lib/extension/scan-offscreen';
import {
  ORG_TRUST_LIST_KEY,
  loadTrustSources,
  readSettings,
  refreshDueSources,
  trustRevision,
} from '../lib/extension/settings';
import { createTrustStore } from '../lib/trust/store';
import { verifyCredential } from '../lib/verify';
import { createRevocationCache } from '../lib/x509/revocation-cache';

/** The alarm that refreshes trust sources that are due (every six hours; each source keeps its own expiry). */
const TRUST_REFRESH_ALARM = 'credlens-trust-refresh';

export default defineBackground(() => {
  const cache = createReportCache(browser.storage.session);
  // SECURITY (issue 15): no request of ours reaches a private or local address, at any redirect
  // hop (lib/extension/net-guard.ts). Every fetch of the worker waits until the rule is in force.
  const guard = installNetworkGuard().catch((error: unknown) => {
    console.error('CredLens: the network guard rule could not be installed; nothing is fetched.', error);
    throw error;
  });
  const guarded: typeof fetch = async (input, init) => {
    await guard;
    return fetch(input, init);
  };
  const fetcher = createFetcher({ redirectMode: 'follow', fetch: guarded });
  // Fresh OCSP / CRL answers for EDC sealer certificates, kept for this worker's life (in memory).
  const revocationCache = createRevocationCache();

  const verify = async (input: CredentialInput) => {
    const loaded = await loadTrustSources(browser.storage.local);
    if (loaded.error !== undefined) console.warn('CredLens: organisation trust list ignored:', loaded.error);
    return verifyCredential(input, {
      fetch: fetcher,
      now: () => new Date(),
      trust: createTrustStore(loaded.sources),
      revocationCache,
    });
  };

  const router = createRouter({
    // Our origin (chrome-extension://<id>/ or moz-extension://<uuid>/), from the worker's own URL.
    self: { id: browser.runtime.id, origin: new URL('/', location.href).href },
    cache,
    verify,
    notifyTab: (tabId: number, msg: MarksUpdateMessage) => {
      // The tab may have closed or have no content script (e.g. a store page): nothing to do.
      browser.tabs.sendMessage(tabId, msg, { frameId: 0 }).catch(() => undefined);
    },
    setBadge,
    // file/scan: PDFs go to the PDF reader document: an offscreen document in Chromium, a hidden
    // frame of the event page in Firefox (no offscreen documents there, but the page has a DOM).
    scanFile: createFileScanner({
      scanPdf: createOffscreenPdfScanner(offscreenApi() ?? frameDocumentApi()),
      fetch: createFetcher({ redirectMode: 'follow', maxBytes: 8 * 1024 * 1024, fetch: guarded }),
    }),
    // The user's (or the administrator's) autoVerify setting, read per message.
    autoVerify: async () => (await readSettings(browser.storage.local)).effective.autoVerify,
    trustRevision: () => trustRevision(browser.storage.local),
    // A click on an inline mark: its report, in extension UI the page cannot reach.
    openReport: (reportId: string) =>
      void browser.tabs.create({
        url: browser.runtime.getURL(`/report.html?id=${encodeURIComponent(reportId)}`),
      }),
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: unknown) => void) => {
    void router.handle(message, sender).then(sendResponse);
    return true; // reply asynchronously
  });
  browser.tabs.onRemoved.addListener((tabId) => void router.onTabRemoved(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' || change.url !== undefined) {
      const c: { status?: string; url?: string } = {};
      if (change.status !== undefined) c.status = change.status;
      if (change.url !== undefined) c.url = change.url;
      void router.onTabUpdated(tabId, c);
    }
  });
  // Trust sources are refreshed on a schedule too (not only when a verification needs them), so
  // the EU lists and registries are current when the recruiter opens a profile.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TRUST_REFRESH_ALARM) void refreshDueSources(browser.storage.local);
  });
  void browser.alarms.get(TRUST_REFRESH_ALARM).then((a) => {
    if (a === undefined)
      void browser.alarms.create(TRUST_REFRESH_ALARM, { delayInMinutes: 1, periodInMinutes: 6 * 60 });
  });
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'local' && ORG_TRUST_LIST_KEY in changes) void router.onTrustListChanged();
  });

  void cache.sweep();
});

/** chrome.offscreen, where the browser has it (Chromium MV3 with the `offscreen` permission). */
function offscreenApi(): OffscreenApi | null {
  const off = (browser as unknown as { offscreen?: typeof browser.offscreen }).offscreen;
  if (off === undefined) return null;
  return {
    hasDocument: () => off.hasDocument(),
    createDocument: (p) =>
      off.createDocument({ url: p.url, reasons: p.reasons as never, justification: p.justification }),
    closeDocument: () => off.closeDocument(),
    sendMessage: (msg) => browser.runtime.sendMessage(msg),
  };
}

/** Badge colours follow the worst verdict on the tab; the count is the number of credentials found. */
const BADGE_COLOURS: Record<Verdict | 'pending', string> = {
  invalid: '#b3261e',
  revoked: '#b3261e',
  expired: '#8a5a00',
  unverifiable: '#5f6368',
  'verified-untrusted': '#1f5fbf',
  verified: '#1e7e34',
  pending: '#5f6368',
};

function setBadge(tabId: number, view: TabView): void {
  const n = view.entries.length;
  const done = view.entries.flatMap((e) => (e.verdict === undefined ? [] : [e.verdict]));
  const worst = VERDICT_ORDER.find((v) => done.includes(v));
  const pending = view.entries.some((e) => e.state === 'pending');
  const colour = BADGE_COLOURS[pending || worst === undefined ? 'pending' : worst];
  const ignore = () => undefined;
  browser.action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' }).catch(ignore);
  browser.action.setBadgeBackgroundColor({ tabId, color: colour }).catch(ignore);
  browser.action
    .setTitle({
      tabId,
      title: n > 0 ? `CredLens: ${n} credential${n === 1 ? '' : 's'} on this page` : 'CredLens',
    })
    .catch(ignore);
}
