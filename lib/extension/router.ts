/**
 * The background's message router and candidate verification, with every browser API
 * injected (so it runs in Node tests). background.ts wires it to `runtime.onMessage`.
 * State lives in the report cache (storage.session); the only module-level-like state
 * here is the set of verifications in flight, which a restarted worker rebuilds from
 * pending entries on the next `tab/get` or `candidates/report`.
 */
import type { Verdict } from '../model/report';
import { VERDICT_HEADLINE, type Headline } from '../report/headline';
import type { Candidate } from '../detect/candidate';
import { rederiveCandidate } from '../detect/rederive';
import { classifySighting } from '../detect/classify-sighting';
import type { CredentialInput } from '../model/input';
import type { VerificationReport } from '../model/report';
import { authorize } from '../protocol/authorize';
import { decodeBase64 } from '../protocol/base64';
import { fail, ok, type Reply } from '../protocol/envelope';
import {
  type FoundSighting,
  MESSAGE_LIMITS,
  type FileScanItem,
  type FileScanMessage,
  type FileScanValue,
  type Mark,
  type MarksUpdateMessage,
  type TabView,
  type VerifyRequestInput,
} from '../protocol/messages';
import { parseRequest } from '../protocol/parse-request';
import { classifySender, type SelfIdentity } from '../protocol/sender';
import { carriesBakedBadge } from '../scan/baked';
import { candidateInput } from '../scan/candidate-input';
import { notVerifiableReport } from '../scan/not-verifiable';
import { internalErrorReport } from '../report/fallback-report';
import type { FileScanner } from './scan-file';
import { createLimiter } from './limiter';
import { summarise, type ReportCache, type TabState } from './report-cache';

export interface RouterDeps {
  self: SelfIdentity;
  cache: ReportCache;
  /** lib/verify.ts's verifyCredential with the worker's environment bound. */
  verify: (input: CredentialInput) => Promise<VerificationReport>;
  /** Sends marks to a tab's content script (errors ignored: the tab may be gone). */
  notifyTab: (tabId: number, msg: MarksUpdateMessage) => void;
  /** Shows the tab's count and worst verdict on the toolbar button. */
  setBadge: (tabId: number, view: TabView) => void;
  concurrency?: number;
  now?: () => Date;
  /** Finds the credentials in a CV file or at a URL (file/scan); absent where the browser cannot. */
  scanFile?: FileScanner;
  /**
   * The user's `autoVerify` setting, read per message (default: on). Off: candidates are
   * listed but nothing is fetched until the user asks (`candidate/verify`, or `credential/verify`
   * for a scanned file's items). "Found, not verifiable" candidates are settled either way:
   * that contacts nothing.
   */
  autoVerify?: () => Promise<boolean>;
  /**
   * The current trust revision (bumped whenever own lists, sources or policy change): a cached
   * report made under another revision is not reused, whatever order events arrive in.
   */
  trustRevision?: () => Promise<number | undefined>;
  /** Opens the report page of a stored report in a new tab (the background's tabs.create). */
  openReport?: (reportId: string) => void;
}

/** Creates the router. `handle` never throws: it always resolves to a reply envelope. */
export function createRouter(deps: RouterDeps) {
  const { cache } = deps;
  const now = deps.now ?? (() => new Date());
  const limit = createLimiter(deps.concurrency ?? 3);
  const inflight = new Map<string, Promise<void>>();
  /** When each tab last had a report opened from a mark (mark/open is rate-limited per tab). */
  const lastOpened = new Map<number, number>();
  const autoVerify = async (): Promise<boolean> => {
    if (deps.autoVerify === undefined) return true;
    try {
      return await deps.autoVerify();
    } catch {
      return true;
    }
  };
  /** Whether a candidate is verified without the user asking. */
  const verifiesNow = (c: Candidate, auto: boolean): boolean => auto || c.noVerifiableForm === true;

  const verifyOnce = async (input: CredentialInput, source: string): Promise<VerificationReport> => {
    try {
      return await deps.verify(input);
    } catch (e) {
      return internalErrorReport(source, e, now());
    }
  };
  const safeVerify = (input: CredentialInput, source: string) => limit(() => verifyOnce(input, source));

  /**
   * Links and badge images are verified as URLs: the acquire step unbakes an image it is
   * served. Embedded credentials are verified from their content; a platform without a
   * verifiable form gets its "found, not verifiable" report, with nothing fetched.
   */
  function verifyCandidate(candidate: Candidate): Promise<VerificationReport> {
    if (candidate.noVerifiableForm === true) return Promise.resolve(notVerifiableReport(candidate, now()));
    const input: CredentialInput =
      candidateInput(candidate) ??
      (candidate.kind === 'embedded' ? { kind: 'text', text: '' } : { kind: 'url', url: candidate.url });
    return verifyOnce(
      input,
      candidate.kind === 'embedded' ? (candidate.where ?? candidate.platform) : candidate.url,
    );
  }

  function ensureVerified(candidate: Candidate): Promise<void> {
    const running = inflight.get(candidate.url);
    if (running !== undefined) return running;
    const job = (async () => {
      const url = candidate.url;
      const rev = await deps.trustRevision?.().catch(() => undefined);
      let reportId = await cache.lookupCredential(url, rev);
      let report = reportId === null ? null : ((await cache.getReport(reportId))?.report ?? null);
      if (reportId === null || report === null) {
        report = await limit(() => verifyCandidate(candidate));
        reportId = await cache.putCredentialReport(url, report, candidate, rev);
      }
      // An image waiting to be unbaked (in any tab) becomes a credential only if it carries badge data.
      const changed = await cache.completeCredential(url, reportId, report, carriesBakedBadge(report));
      for (const [tabId, state] of changed) publish(tabId, state, url);
    })()
      .catch((e: unknown) => console.error('CredLens: verification bookkeeping failed', e))
      .finally(() => inflight.delete(candidate.url));
    inflight.set(candidate.url, job);
    return job;
  }

  /**
   * Tells a tab that the credential at `url` is verified: its marks only (the page has the
   * others' already; sending every mark each time made a page with n credentials handle about
   * n² marks), and the toolbar badge for the whole tab.
   */
  function publish(tabId: number, state: TabState, url: string): void {
    const marks = state.entries
      .filter((e) => e.candidate.url === url)
      .map((e) => markOf(e, !inflight.has(url)));
    deps.notifyTab(tabId, { type: 'marks/update', marks });
    deps.setBadge(tabId, { tabId, pageUrl: state.pageUrl, entries: state.entries });
  }

  async function route(raw: unknown, sender: unknown): Promise<Reply<unknown>> {
    const parsed = parseRequest(raw);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const msg = parsed.msg;
    const caller = classifySender(sender, deps.self);
    const denied = authorize(msg.type, caller);
    if (denied !== null) return { ok: false, error: denied };

    switch (msg.type) {
      case 'candidates/report': {
        if (caller.kind !== 'content') return fail('ERR_PROTO_FORBIDDEN', 'Content scripts only.');
        // The page reports what it saw; the rules here decide what is a credential and where it leads.
        const candidates: Candidate[] = [];
        const from: number[] = [];
        for (const [i, sighting] of msg.sightings.entries()) {
          for (const c of classifySighting(sighting, caller.url)) {
            if (candidates.length >= MESSAGE_LIMITS.maxCandidatesPerTab) break;
            from.push(i);
            candidates.push(c);
          }
        }
        if (candidates.length === 0 && !msg.reset) return ok({ found: [], marks: [] });
        // One entry per credential: a credential the page shows three times is listed and counted once.
        const { state, added, probed, listedAs } = await cache.addCandidates(
          caller.tabId,
          caller.url,
          candidates,
          msg.reset,
        );
        const auto = await autoVerify();
        for (const entry of added)
          if (verifiesNow(entry.candidate, auto)) void ensureVerified(entry.candidate);
        // Images are unbaked with the other checks (never before the user asks, when checks wait for them).
        for (const probe of probed) if (auto) void ensureVerified(probe.candidate);
        deps.setBadge(caller.tabId, { tabId: caller.tabId, pageUrl: state.pageUrl, entries: state.entries });
        // Each sighting of a credential is marked (under the URL of the tab's entry); only what the
        // tab keeps (bounded per tab) gets a mark, so no mark never settles. A probe is marked once it counts.
        const found: FoundSighting[] = [];
        const seen = new Set<string>();
        for (const [n, listed] of listedAs.entries()) {
          if (listed === null) continue;
          const i = from[n]!;
          const key = `${i} ${listed.url}`;
          if (seen.has(key)) continue;
          seen.add(key);
          found.push(listed.probe ? { i, url: listed.url, probe: true } : { i, url: listed.url });
        }
        const wanted = new Set(found.filter((f) => f.probe !== true).map((f) => f.url));
        const kept = state.entries.filter((e) => wanted.has(e.candidate.url));
        return ok({
          found,
          marks: kept.map((e) => markOf(e, !inflight.has(e.candidate.url))),
        });
      }
      case 'tab/get': {
        const view = await cache.viewTab(msg.tabId);
        const auto = await autoVerify();
        // A restarted worker lost its in-flight jobs: pick pending entries up again.
        for (const e of view.entries)
          if (e.state === 'pending' && verifiesNow(e.candidate, auto)) void ensureVerified(e.candidate);
        if (auto)
          for (const p of (await cache.getTab(msg.tabId))?.probes ?? []) void ensureVerified(p.candidate);
        return ok(withWaiting(view));
      }
      case 'mark/open': {
        if (caller.kind !== 'content') return fail('ERR_PROTO_FORBIDDEN', 'Content scripts only.');
        if (deps.openReport === undefined)
          return fail('ERR_PROTO_UNKNOWN_TYPE', 'Reports cannot be opened here.');
        // SECURITY: at most one report opened per tab and second, whatever the page does.
        const last = lastOpened.get(caller.tabId) ?? 0;
        if (now().getTime() - last < 1000) return fail('ERR_PROTO_TOO_LARGE', 'One report at a time.');
        lastOpened.set(caller.tabId, now().getTime());
        const listed = (await cache.viewTab(caller.tabId)).entries.find((e) => e.candidate.url === msg.url);
        if (listed === undefined)
          return fail('ERR_PROTO_NOT_FOUND', 'This credential is no longer listed for the tab.');
        // A mark clicked before its check (or with checks on click): the click is the recruiter asking.
        if (listed.reportId === undefined && listed.state === 'pending')
          await ensureVerified(listed.candidate);
        const entry = (await cache.viewTab(caller.tabId)).entries.find((e) => e.candidate.url === msg.url);
        if (entry?.reportId === undefined)
          return fail('ERR_PROTO_NOT_FOUND', 'This credential has no report yet.');
        deps.openReport(entry.reportId);
        return ok({ opened: true });
      }
      case 'candidate/verify': {
        const view = await cache.viewTab(msg.tabId);
        const wanted = view.entries.filter(
          (e) => e.state === 'pending' && (msg.url === undefined || e.candidate.url === msg.url),
        );
        if (msg.url !== undefined && !view.entries.some((e) => e.candidate.url === msg.url))
          return fail('ERR_PROTO_NOT_FOUND', 'This credential is no longer listed for the tab.');
        for (const e of wanted) void ensureVerified(e.candidate);
        // "Check all": the tab's images that may carry a badge are unbaked too.
        if (msg.url === undefined)
          for (const p of (await cache.getTab(msg.tabId))?.probes ?? []) void ensureVerified(p.candidate);
        return ok(withWaiting(view));
      }
      case 'report/get': {
        const stored = await cache.getReport(msg.reportId);
        if (stored === null)
          return fail(
            'ERR_PROTO_NOT_FOUND',
            'This report is no longer available; check the credential again.',
          );
        return ok({
          reportId: msg.reportId,
          report: stored.report,
          ...(stored.candidate ? { candidate: stored.candidate } : {}),
        });
      }
      case 'credential/verify': {
        const input = toCredentialInput(msg.input);
        if (input === null) return fail('ERR_PROTO_BAD_MESSAGE', 'The file could not be read.');
        const report = await safeVerify(input, sourceOf(msg.input));
        const reportId = await cache.putFileReport(report);
        return ok({ reportId, report });
      }
      case 'file/scan': {
        if (deps.scanFile === undefined)
          return fail('ERR_PROTO_UNKNOWN_TYPE', 'Scanning files is not available in this browser.');
        return ok(await scanAndVerify(msg.input));
      }
    }
  }

  /** file/scan: scan the file, verify each candidate (bounded), store the reports. */
  async function scanAndVerify(input: FileScanMessage['input']): Promise<FileScanValue> {
    const scanned = await deps.scanFile!(input);
    if (scanned.kind === 'error')
      return { source: scanned.source, type: 'credential', items: [], notes: [scanned.message] };
    if (scanned.kind === 'credential') {
      const report = await safeVerify(scanned.input, scanned.source);
      const reportId = await cache.putFileReport(report);
      return {
        source: scanned.source,
        type: 'credential',
        items: [{ candidate: scanned.candidate, ...summarise(reportId, report) }],
        notes: [],
      };
    }
    const { result } = scanned;
    // Links re-derived by the same rules; embedded content comes from our own scanner.
    const candidates = result.candidates
      .map((c) => {
        if (c.kind === 'embedded') return c;
        const derived = rederiveCandidate(c);
        return derived !== null && c.where !== undefined ? { ...derived, where: c.where } : derived;
      })
      .filter((c): c is Candidate => c !== null);
    const max = MESSAGE_LIMITS.maxVerifiedPerFile;
    const auto = await autoVerify();
    // An image counts only once its baked data is read: one not read, or read without any, is not listed.
    const settled = await Promise.all(
      candidates.map(async (candidate, i): Promise<FileScanItem | null> => {
        if (i >= max || !verifiesNow(candidate, auto))
          return candidate.kind === 'image' ? null : { candidate };
        const report = await limit(() => verifyCandidate(candidate));
        if (candidate.kind === 'image' && !carriesBakedBadge(report)) return null;
        const reportId = await cache.putCredentialReport(candidate.url, report, candidate);
        return { candidate, ...summarise(reportId, report) };
      }),
    );
    const items = settled.filter((item): item is FileScanItem => item !== null);
    const notes = [...result.notes];
    if (auto && candidates.length > max) notes.push(`Only the first ${max} credentials were verified.`);
    return { source: result.source, type: scanned.kind, items, notes };
  }

  /** Marks pending entries nobody is verifying (autoVerify off) as waiting for the user. */
  function withWaiting(view: TabView): TabView {
    return {
      ...view,
      entries: view.entries.map((e) =>
        e.state === 'pending' && !inflight.has(e.candidate.url) ? { ...e, waiting: true as const } : e,
      ),
    };
  }

  return {
    /** Handles one runtime message; resolves to a reply envelope, never rejects. */
    async handle(raw: unknown, sender: unknown): Promise<Reply<unknown>> {
      try {
        return await route(raw, sender);
      } catch (e) {
        console.error('CredLens: message handling failed', e);
        return fail('ERR_INTERNAL', 'CredLens hit an internal error.');
      }
    },
    /** A tab started loading a document or moved to another URL: its candidates no longer apply. */
    async onTabUpdated(tabId: number, change: { status?: string; url?: string }): Promise<void> {
      // Called before any await: the cache takes the event's time now (see navigated).
      if (await cache.navigated(tabId, change))
        deps.setBadge(tabId, { tabId, pageUrl: change.url ?? '', entries: [] });
    },
    onTabRemoved: (tabId: number): Promise<void> => cache.clearTab(tabId),
    /** The organisation's trust list changed: cached verdicts may be wrong now. */
    onTrustListChanged: (): Promise<void> => cache.forgetCredentials(),
  };
}

/** The inline mark of an entry; `idle`: nobody is verifying it (verification on click). */
function markOf(
  e: { candidate: Candidate; state: 'pending' | 'done'; verdict?: Verdict; headline?: Headline },
  idle: boolean,
): Mark {
  const done = e.headline ?? (e.verdict === undefined ? undefined : VERDICT_HEADLINE[e.verdict]);
  return {
    url: e.candidate.url,
    state: e.state === 'done' && done !== undefined ? done : idle ? 'waiting' : 'pending',
  };
}

function toCredentialInput(input: VerifyRequestInput): CredentialInput | null {
  switch (input.kind) {
    case 'url':
      return { kind: 'url', url: input.url };
    case 'text':
      return input.name === undefined
        ? { kind: 'text', text: input.text }
        : { kind: 'text', text: input.text, name: input.name };
    case 'bytes': {
      const bytes = decodeBase64(input.base64);
      if (bytes === null) return null;
      const out: CredentialInput = { kind: 'bytes', bytes };
      if (input.name !== undefined) out.name = input.name;
      if (input.mediaType !== undefined) out.mediaType = input.mediaType;
      return out;
    }
  }
}

function sourceOf(input: VerifyRequestInput): string {
  return input.kind === 'url' ? input.url : (input.name ?? '(input)');
}
