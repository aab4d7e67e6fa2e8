/**
 * Per-tab candidates and their reports, kept in `storage.session` so they survive MV3
 * worker restarts and vanish with the browser session.
 *
 * Keys: `tab:<tabId>` → TabState; `report:<id>` → StoredReport; `cred:<url>` → a short-lived
 * index from a credential URL to its report (reused across tabs); `files` → ids of reports
 * of files/URLs the user checked on the report page (newest last, capped).
 * Cache policy: a credential URL's report is reused for `ttlMs` (default 15 min; Credly's
 * terms allow at most 30 days). Tab state is dropped when the tab closes or navigates.
 */
import { readReport } from '../report/headline';
import type { Candidate } from '../detect/candidate';
import { candidateIdentity } from '../detect/url';
import type { Verdict, VerificationReport } from '../model/report';
import type { TabEntryView, TabView } from '../protocol/messages';
import type { StorageAreaLike } from './storage-area';

export type TabEntry = TabEntryView & { startedAt: number };
/**
 * An image on the tab that may carry a baked badge: fetched and unbaked, but not listed, counted
 * or marked; it becomes an entry once its baked data is read (completeCredential with `baked`).
 */
export interface TabProbe {
  candidate: Candidate;
  startedAt: number;
}
export interface TabState {
  pageUrl: string;
  /** The credentials found on the page, one per credential (candidateIdentity). */
  entries: TabEntry[];
  /** Images to unbake before they count (absent: none). */
  probes?: TabProbe[];
  /** When this page's list was started (ms): a navigation event older than that is not about it. */
  since?: number;
}
export interface StoredReport {
  report: VerificationReport;
  candidate?: Candidate;
  savedAt: number;
}
interface CredIndex {
  reportId: string;
  savedAt: number;
  /** The trust revision the report was made under (a report from other trust data is not reused). */
  rev?: number;
}

export interface ReportCacheOptions {
  ttlMs?: number;
  maxFileReports?: number;
  maxEntriesPerTab?: number;
  now?: () => number;
  newId?: () => string;
}

const tabKey = (tabId: number): string => `tab:${tabId}`;
const credKey = (url: string): string => `cred:${url}`;
const reportKey = (id: string): string => `report:${id}`;

/** Page URL without its fragment: a hash change is not a navigation. */
export function samePage(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0];
}

/** Creates the report cache over a storage area. All writes are serialised. */
export function createReportCache(area: StorageAreaLike, opts: ReportCacheOptions = {}) {
  const ttlMs = opts.ttlMs ?? 15 * 60_000;
  const maxFiles = opts.maxFileReports ?? 20;
  const maxEntries = opts.maxEntriesPerTab ?? 100;
  const now = opts.now ?? (() => Date.now());
  const newId = opts.newId ?? (() => crypto.randomUUID());

  // Read-modify-write of one key must not interleave with another (async handlers race).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function getTab(tabId: number): Promise<TabState | null> {
    const v = (await area.get(tabKey(tabId)))[tabKey(tabId)];
    return isTabState(v) ? v : null;
  }

  async function allTabs(): Promise<Map<number, TabState>> {
    const all = await area.get(null);
    const out = new Map<number, TabState>();
    for (const [k, v] of Object.entries(all)) {
      if (k.startsWith('tab:') && isTabState(v)) out.set(Number(k.slice(4)), v);
    }
    return out;
  }

  return {
    getTab,

    /** The popup's view of a tab (entries without internal fields). */
    async viewTab(tabId: number): Promise<TabView> {
      const state = await getTab(tabId);
      return {
        tabId,
        pageUrl: state?.pageUrl ?? '',
        entries: (state?.entries ?? []).map(({ startedAt: _s, ...view }) => view),
      };
    },

    /**
     * Adds candidates to a tab, one entry per credential (candidateIdentity: the same address
     * however written, or the same embedded payload); images (`kind: 'image'`) become probes, not
     * entries. Returns the state, the new entries, the new probes, and for each candidate given
     * the URL the tab knows its credential by (an entry's or a probe's), or null when the tab is full.
     */
    addCandidates(tabId: number, pageUrl: string, candidates: Candidate[], reset: boolean) {
      return serial(async () => {
        const old = await getTab(tabId);
        const state: TabState =
          old === null || reset || !samePage(old.pageUrl, pageUrl)
            ? { pageUrl, entries: [], since: now() }
            : old;
        const added: TabEntry[] = [];
        const probed: TabProbe[] = [];
        const known = new Map<string, { url: string; probe: boolean }>();
        for (const e of state.entries)
          known.set(candidateIdentity(e.candidate), { url: e.candidate.url, probe: false });
        for (const p of state.probes ?? [])
          known.set(candidateIdentity(p.candidate), { url: p.candidate.url, probe: true });
        const listedAs: Array<{ url: string; probe: boolean } | null> = [];
        for (const candidate of candidates) {
          const id = candidateIdentity(candidate);
          const same = known.get(id);
          if (same !== undefined) {
            listedAs.push(same);
            continue;
          }
          if (candidate.kind === 'image') {
            const probes = (state.probes ??= []);
            if (probes.length >= maxEntries) {
              listedAs.push(null);
              continue;
            }
            const probe: TabProbe = { candidate, startedAt: now() };
            probes.push(probe);
            probed.push(probe);
          } else {
            if (state.entries.length >= maxEntries) {
              listedAs.push(null);
              continue;
            }
            const entry: TabEntry = { candidate, state: 'pending', startedAt: now() };
            state.entries.push(entry);
            added.push(entry);
          }
          const listed = { url: candidate.url, probe: candidate.kind === 'image' };
          known.set(id, listed);
          listedAs.push(listed);
        }
        await area.set({ [tabKey(tabId)]: state });
        return { state, added, probed, listedAs };
      });
    },

    /**
     * Marks every pending entry for `url`, in every tab, as done; settles every probe for `url`:
     * with `baked` (the image carries badge data) it becomes a done entry, else it is dropped.
     * Returns the tabs whose entries changed.
     */
    completeCredential(url: string, reportId: string, report: VerificationReport, baked = false) {
      return serial(async () => {
        const changed = new Map<number, TabState>();
        const writes = new Map<number, TabState>();
        for (const [tabId, state] of await allTabs()) {
          let hit = false;
          for (const e of state.entries) {
            if (e.candidate.url !== url) continue;
            hit = true;
            Object.assign(e, summarise(reportId, report));
            e.state = 'done';
          }
          const probes = state.probes ?? [];
          const settled = probes.filter((p) => p.candidate.url === url);
          if (settled.length > 0) {
            state.probes = probes.filter((p) => p.candidate.url !== url);
            writes.set(tabId, state);
            const probe = settled[0]!;
            const id = candidateIdentity(probe.candidate);
            const listed = state.entries.some((e) => candidateIdentity(e.candidate) === id);
            if (baked && !listed && state.entries.length < maxEntries) {
              state.entries.push({
                ...summarise(reportId, report),
                candidate: probe.candidate,
                state: 'done',
                startedAt: probe.startedAt,
              });
              hit = true;
            }
          }
          if (hit) {
            changed.set(tabId, state);
            writes.set(tabId, state);
          }
        }
        if (writes.size > 0) {
          await area.set(Object.fromEntries([...writes].map(([id, s]) => [tabKey(id), s])));
        }
        return changed;
      });
    },

    /**
     * A tab started loading a document or moved to another URL: forgets its list unless the list
     * was started after this call (the event's time, taken before anything is awaited), i.e. by the
     * new document's own report, which async handlers may have stored first. True when forgotten.
     */
    navigated(tabId: number, change: { status?: string; url?: string }) {
      const eventAt = now();
      return serial(async () => {
        const state = await getTab(tabId);
        if (state === null || (state.since ?? 0) > eventAt) return false;
        const moved = change.url !== undefined && !samePage(change.url, state.pageUrl);
        if (change.status !== 'loading' && !moved) return false;
        await area.remove(tabKey(tabId));
        await sweep();
        return true;
      });
    },

    /** Forgets a tab (closed, or navigated to another page) and sweeps unreferenced reports. */
    clearTab(tabId: number) {
      return serial(async () => {
        await area.remove(tabKey(tabId));
        await sweep();
      });
    },

    /** Stores the report of a file/URL the user checked on the report page (newest `maxFileReports` kept). */
    putFileReport(report: VerificationReport) {
      return serial(async () => {
        const id = newId();
        const stored: StoredReport = { report, savedAt: now() };
        const files = await fileIds();
        files.push(id);
        const dropped = files.splice(0, Math.max(0, files.length - maxFiles));
        if (dropped.length > 0) await area.remove(dropped.map(reportKey));
        await area.set({ [reportKey(id)]: stored, files });
        return id;
      });
    },

    async getReport(id: string): Promise<StoredReport | null> {
      const v = (await area.get(reportKey(id)))[reportKey(id)];
      return isRecord(v) && isRecord(v['report']) ? (v as unknown as StoredReport) : null;
    },

    /** The id of a fresh report for a credential URL, if one is cached. */
    async lookupCredential(url: string, rev?: number): Promise<string | null> {
      const v = (await area.get(credKey(url)))[credKey(url)];
      if (!isRecord(v) || typeof v['reportId'] !== 'string' || typeof v['savedAt'] !== 'number') return null;
      // The trust data changed since (own lists, sources, policy): the verdict may differ now.
      if (rev !== undefined && v['rev'] !== rev) return null;
      return now() - v['savedAt'] < ttlMs ? v['reportId'] : null;
    },

    /** Stores a candidate's report and indexes it by credential URL in one step (so no sweep drops it in between). */
    putCredentialReport(url: string, report: VerificationReport, candidate: Candidate, rev?: number) {
      return serial(async () => {
        const id = newId();
        const stored: StoredReport = { report, candidate, savedAt: now() };
        const idx: CredIndex = { reportId: id, savedAt: now() };
        if (rev !== undefined) idx.rev = rev;
        await area.set({ [reportKey(id)]: stored, [credKey(url)]: idx });
        return id;
      });
    },

    /** Drops every credential-URL index (e.g. the trust list changed, so verdicts may too). */
    forgetCredentials() {
      return serial(async () => {
        const keys = Object.keys(await area.get(null)).filter((k) => k.startsWith('cred:'));
        if (keys.length > 0) await area.remove(keys);
        await sweep();
      });
    },

    /** Removes stale credential indexes and reports nothing refers to any more. */
    sweep: () => serial(sweep),
  };

  async function fileIds(): Promise<string[]> {
    const v = (await area.get('files'))['files'];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async function sweep(): Promise<void> {
    const all = await area.get(null);
    const keep = new Set<string>(await fileIds());
    const drop: string[] = [];
    for (const [k, v] of Object.entries(all)) {
      if (k.startsWith('tab:') && isTabState(v)) {
        for (const e of v.entries) if (e.reportId !== undefined) keep.add(e.reportId);
      } else if (k.startsWith('cred:') && isRecord(v) && typeof v['reportId'] === 'string') {
        if (typeof v['savedAt'] === 'number' && now() - v['savedAt'] < ttlMs) keep.add(v['reportId']);
        else drop.push(k);
      }
    }
    for (const k of Object.keys(all)) {
      if (k.startsWith('report:') && !keep.has(k.slice(7))) drop.push(k);
    }
    if (drop.length > 0) await area.remove(drop);
  }
}

export type ReportCache = ReturnType<typeof createReportCache>;

/** The few report fields the popup lists. */
export function summarise(
  reportId: string,
  report: VerificationReport,
): Partial<TabEntry> & { verdict: Verdict } {
  const out: Partial<TabEntry> & { verdict: Verdict } = {
    reportId,
    verdict: report.verdict,
    headline: report.headline ?? readReport(report).headline,
    summary: report.summary,
  };
  if (report.credential.title !== undefined) out.title = report.credential.title;
  const issuer = report.issuer.name ?? report.issuer.url ?? report.issuer.id;
  if (issuer !== undefined) out.issuer = issuer;
  const level = report.authenticity.level;
  if (issuer !== undefined && (level === 'A0' || level === 'A1'))
    out.issuerClaim = level === 'A1' ? 'key' : 'claim';
  if (report.checks.some((c) => c.id === 'recipient.match' && c.status === 'failed'))
    out.recipientDiffers = true;
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTabState(v: unknown): v is TabState {
  return isRecord(v) && typeof v['pageUrl'] === 'string' && Array.isArray(v['entries']);
}
