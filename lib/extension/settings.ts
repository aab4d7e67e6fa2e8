/**
 * Settings and trust data the extension reads for every verification:
 * - storage.local `orgTrustList`: the organisation's own allow/deny list (`{"allow":[{"id","name"}],
 *   "deny":[...], "revision"?}`), edited on the options page; `revision` is bumped whenever trust
 *   data changes so the background (which watches this key) drops cached verdicts;
 * - storage.local `settings`: privacy and source switches (lib/extension/settings-policy.ts);
 * - storage.managed: the administrator's policy, which wins and cannot be edited;
 * - IndexedDB `credlens-trust`: refreshed trust sources (lib/extension/trust-db.ts).
 */
import { buildTrustSources, bundledEuState, isBundledState, refreshSource, SOURCE_CATALOG, type SourceDef } from '../trust/catalog';
import { createOrgListSource, parseOrgList, type OrgListEntry } from '../trust/org-list';
import { MAX_XML_BYTES } from '../trust/eu/xml';
import { createConditionalFetch } from '../trust/refresh-fetch';
import type { TrustSource } from '../trust/source';
import { AUDIT_MAX, type SourceState } from '../trust/source-state';
import {
  effectiveSettings,
  parseManagedPolicy,
  parseUserSettings,
  type ManagedPolicy,
  type SettingKey,
  type UserSettings,
} from './settings-policy';
import type { StorageAreaLike } from './storage-area';
import { openTrustDb, type TrustDb } from './trust-db';

/** storage.local key of the organisation's allow/deny list. */
export const ORG_TRUST_LIST_KEY = 'orgTrustList';
/** storage.local key of the user's settings. */
export const SETTINGS_KEY = 'settings';

/** Minimum time between automatic refresh attempts of one source. */
const AUTO_REFRESH_BACKOFF_MS = 60 * 60_000;

export interface LoadedTrustSources {
  sources: TrustSource[];
  /** Why the stored list was not usable (shown in logs / options), when it was not. */
  error?: string;
}

export interface OwnLists {
  allow: OrgListEntry[];
  deny: OrgListEntry[];
}

export interface SettingsSnapshot {
  user: UserSettings;
  policy: ManagedPolicy | null;
  policyErrors: string[];
  effective: UserSettings;
  locked: Set<SettingKey>;
  own: OwnLists;
  ownError?: string;
}

export interface SettingsDeps {
  /** storage.managed (null: none). Defaults to the browser's, when there is one. */
  managed?: StorageAreaLike | null;
  db?: TrustDb | null;
  now?: () => Date;
  /** Fetches trust sources (default: the safe fetcher); for tests and the CLI. */
  fetch?: ReturnType<typeof createConditionalFetch>;
  /** Reads the bundled EU trusted-list snapshot (default: public/trust/eu-snapshot.json of the extension). */
  euSnapshot?: () => Promise<unknown>;
}

/** The extension's bundled EU snapshot, read from its own package (never from the network). */
async function packagedEuSnapshot(): Promise<unknown> {
  const g = globalThis as { browser?: { runtime?: { getURL?: (p: string) => string } }; chrome?: { runtime?: { getURL?: (p: string) => string } } };
  const runtime = g.browser?.runtime?.getURL ? g.browser.runtime : g.chrome?.runtime;
  if (runtime?.getURL === undefined) return undefined;
  const res = await fetch(runtime.getURL('/trust/eu-snapshot.json'));
  return res.ok ? await res.json() : undefined;
}

/**
 * Seeds the trust store with the bundled EU trusted-list snapshot while it holds no EU lists of its
 * own (a fresh install, or one that has never reached the Commission). Returns the states, seeded.
 * Never throws: without the snapshot the EU source is simply missing, as before.
 */
export async function seedBundledSources(db: TrustDb, states: SourceState[], deps: SettingsDeps = {}): Promise<SourceState[]> {
  const def = SOURCE_CATALOG.find((d) => d.kind === 'eu-trusted-lists');
  const prev = states.find((s) => s.id === def?.id);
  if (def === undefined || prev?.data !== undefined) return states;
  try {
    const seed = bundledEuState(await (deps.euSnapshot ?? packagedEuSnapshot)(), (deps.now ?? (() => new Date()))());
    if (seed === undefined) return states;
    // Keep what earlier (failed) refresh attempts recorded.
    const next: SourceState = prev === undefined ? seed : { ...seed, audit: [...prev.audit, ...seed.audit].slice(-AUDIT_MAX), ...(prev.lastError === undefined ? {} : { lastError: prev.lastError }), ...(prev.lastAttemptAt === undefined ? {} : { lastAttemptAt: prev.lastAttemptAt }) };
    await db.put(next);
    return [...states.filter((s) => s !== prev), next];
  } catch (e) {
    console.warn('CredLens: the bundled EU trusted-list snapshot could not be loaded', e);
    return states;
  }
}

type ManagedGetter = { get(keys?: null): Promise<Record<string, unknown>> };

/** The browser's storage.managed, looked up lazily (absent in tests and some browsers). */
function browserManaged(): ManagedGetter | null {
  const g = globalThis as { browser?: { storage?: { managed?: ManagedGetter } }; chrome?: { storage?: { managed?: ManagedGetter } } };
  return g.browser?.storage?.managed ?? g.chrome?.storage?.managed ?? null;
}

async function readPolicy(managed: ManagedGetter | null): Promise<{ policy: ManagedPolicy | null; errors: string[] }> {
  if (managed === null) return { policy: null, errors: [] };
  try {
    const raw = await managed.get(null);
    if (Object.keys(raw).length === 0) return { policy: null, errors: [] };
    return parseManagedPolicy(raw);
  } catch {
    // Firefox rejects when no managed storage manifest is installed: no policy.
    return { policy: null, errors: [] };
  }
}

/** Reads everything the options page shows and the worker needs. Never throws. */
export async function readSettings(local: StorageAreaLike, deps: SettingsDeps = {}): Promise<SettingsSnapshot> {
  const stored = await local.get([ORG_TRUST_LIST_KEY, SETTINGS_KEY]).catch(() => ({}) as Record<string, unknown>);
  const user = parseUserSettings(stored[SETTINGS_KEY]);
  const { policy, errors } = await readPolicy(deps.managed === undefined ? browserManaged() : deps.managed);
  const { settings, locked } = effectiveSettings(user, policy);
  const out: SettingsSnapshot = { user, policy, policyErrors: errors, effective: settings, locked, own: { allow: [], deny: [] } };
  const raw = stored[ORG_TRUST_LIST_KEY];
  if (raw !== undefined) {
    const parsed = parseOrgList(raw, { id: 'org-list', label: "Your organisation's list" });
    if (parsed.ok) {
      const r = raw as { allow?: OrgListEntry[]; deny?: OrgListEntry[] };
      out.own = { allow: r.allow ?? [], deny: r.deny ?? [] };
    } else out.ownError = parsed.error;
  }
  return out;
}

/** Saves the user's own lists (validated) and bumps the trust revision. */
export async function saveOwnLists(local: StorageAreaLike, lists: OwnLists): Promise<{ ok: true } | { ok: false; error: string }> {
  const doc = { allow: lists.allow, deny: lists.deny, revision: Date.now() };
  const parsed = parseOrgList(doc, { id: 'org-list', label: 'check' });
  if (!parsed.ok) return parsed;
  await local.set({ [ORG_TRUST_LIST_KEY]: doc });
  return { ok: true };
}

/** Saves the user's settings; keys locked by policy are not stored over. */
export async function saveUserSettings(local: StorageAreaLike, next: UserSettings): Promise<void> {
  await local.set({ [SETTINGS_KEY]: next });
  await bumpTrustRevision(local);
}

/** The current trust revision (see bumpTrustRevision); undefined when never bumped. */
export async function trustRevision(local: StorageAreaLike): Promise<number | undefined> {
  const cur = (await local.get(ORG_TRUST_LIST_KEY))[ORG_TRUST_LIST_KEY];
  const rev = typeof cur === 'object' && cur !== null ? (cur as { revision?: unknown }).revision : undefined;
  return typeof rev === 'number' && Number.isFinite(rev) ? rev : undefined;
}

/** Marks trust data as changed so the background forgets cached verdicts. */
export async function bumpTrustRevision(local: StorageAreaLike): Promise<void> {
  const cur = (await local.get(ORG_TRUST_LIST_KEY))[ORG_TRUST_LIST_KEY];
  const base = typeof cur === 'object' && cur !== null && !Array.isArray(cur) ? cur : { allow: [], deny: [] };
  await local.set({ [ORG_TRUST_LIST_KEY]: { ...base, revision: Date.now() } });
}

function isEnabled(def: SourceDef, s: UserSettings): boolean {
  return s.sources[def.id] ?? def.defaultEnabled;
}

/** isEnabled by source id (false for an id the catalog does not know). */
function isEnabledId(id: string, s: UserSettings): boolean {
  const def = SOURCE_CATALOG.find((d) => d.id === id);
  return def !== undefined && isEnabled(def, s);
}

/** Refreshes sources (all enabled, or one) and stores the new states. Never throws. */
export async function refreshTrustSources(
  db: TrustDb,
  settings: UserSettings,
  opts: { only?: string; now?: () => Date; fetch?: ReturnType<typeof createConditionalFetch> } = {},
): Promise<SourceState[]> {
  const now = opts.now ?? (() => new Date());
  const fetch = opts.fetch ?? createConditionalFetch({ redirectMode: 'follow' });
  // Trusted lists are XML of several megabytes (the ES list is about 3 MB); the cap stays bounded.
  const listFetch = opts.fetch ?? createConditionalFetch({ redirectMode: 'follow', maxBytes: MAX_XML_BYTES, timeoutMs: 60_000 });
  const out: SourceState[] = [];
  for (const def of SOURCE_CATALOG) {
    if (opts.only !== undefined ? def.id !== opts.only : !isEnabled(def, settings)) continue;
    const url = def.kind === 'deqar' ? settings.deqarSnapshotUrl : def.kind === 'eu-trusted-lists' ? settings.euLotlUrl : undefined;
    if (def.kind === 'deqar' && url === undefined) continue; // bundled only
    const prev = await db.get(def.id);
    const next = await refreshSource(def, prev, def.kind === 'eu-trusted-lists' ? listFetch : fetch, now(), {
      ...(url === undefined ? {} : { url }),
      ...(def.kind === 'eu-trusted-lists' && settings.euLotlSigners !== undefined ? { lotlSigners: settings.euLotlSigners } : {}),
    });
    await db.put(next).catch((e: unknown) => console.warn('CredLens: could not store trust source', e));
    out.push(next);
  }
  return out;
}

/**
 * Reads the organisation's lists, the policy and the cached registries into trust sources for one
 * verification. Missing or stale registries are refreshed in the background (not awaited: a slow
 * registry must not hold a verification). Never throws.
 */
export async function loadTrustSources(local: StorageAreaLike, deps: SettingsDeps = {}): Promise<LoadedTrustSources> {
  const now = deps.now ?? (() => new Date());
  const snap = await readSettings(local, deps);
  const sources: TrustSource[] = [];
  const result: LoadedTrustSources = { sources };
  if (snap.policy !== null && (snap.policy.allow.length > 0 || snap.policy.deny.length > 0)) {
    const src = createOrgListSource(snap.policy.allow, snap.policy.deny, { id: 'managed-policy', label: "Your administrator's policy" });
    sources.push({ ...src, lookup: (ids) => src.lookup(ids).map((h) => ({ ...h, kind: 'policy' as const })) });
  }
  if (!snap.locked.has('ownLists')) {
    if (snap.ownError !== undefined) result.error = snap.ownError;
    else if (snap.own.allow.length > 0 || snap.own.deny.length > 0) {
      const src = createOrgListSource(snap.own.allow, snap.own.deny, { id: 'org-list', label: "Your organisation's list" });
      sources.push({ ...src, lookup: (ids) => src.lookup(ids).map((h) => ({ ...h, kind: 'org' as const })) });
    }
  }
  let db: TrustDb | null = null;
  try {
    db = deps.db === undefined ? (typeof indexedDB === 'undefined' ? null : openTrustDb()) : deps.db;
  } catch {
    db = null;
  }
  const s = snap.effective;
  const stored = db === null ? [] : await db.all();
  const states = db !== null && isEnabledId('eu-lotl', s) ? await seedBundledSources(db, stored, deps) : stored;
  const built = buildTrustSources(states, { now: now(), enabled: (id) => isEnabledId(id, s), online: s.onlineRegistries });
  sources.push(...built.sources);
  // Not awaited: a slow registry must not hold a verification.
  if (db !== null && s.autoRefresh) void refreshDue(local, db, s, states, now(), deps.fetch);
  return result;
}

/**
 * The scheduled refresh (the background's alarm, a few times a day): seeds the bundled EU lists
 * when needed and refreshes every enabled source that is missing, bundled or out of date, unless
 * the user or the policy switched background refresh off. Resolves to the ids refreshed. Never throws.
 */
export async function refreshDueSources(local: StorageAreaLike, deps: SettingsDeps = {}): Promise<string[]> {
  try {
    const now = (deps.now ?? (() => new Date()))();
    const s = (await readSettings(local, deps)).effective;
    if (!s.autoRefresh) return [];
    const db = deps.db === undefined ? openTrustDb() : deps.db;
    if (db === null) return [];
    return await refreshDue(local, db, s, await seedBundledSources(db, await db.all(), deps), now, deps.fetch);
  } catch (e) {
    console.warn('CredLens: scheduled trust refresh failed', e);
    return [];
  }
}

/**
 * Refreshes the sources that are due, one after the other; when one brings new data, bumps the
 * trust revision so verdicts made with the old data are not reused. Resolves to the ids tried.
 */
async function refreshDue(
  local: StorageAreaLike,
  db: TrustDb,
  s: UserSettings,
  states: readonly SourceState[],
  now: Date,
  fetch?: ReturnType<typeof createConditionalFetch>,
): Promise<string[]> {
  const due = dueSources(s, states, now);
  let changed = false;
  for (const def of due) {
    const [next] = await refreshTrustSources(db, s, { only: def.id, now: () => now, ...(fetch === undefined ? {} : { fetch }) }).catch(() => []);
    if (next?.audit.at(-1)?.event === 'fetched') changed = true;
  }
  if (changed) await bumpTrustRevision(local).catch(() => undefined);
  return due.map((d) => d.id);
}

/** Enabled sources that are missing, bundled or out of date, and not tried within the back-off. */
function dueSources(s: UserSettings, states: readonly SourceState[], now: Date): SourceDef[] {
  return SOURCE_CATALOG.filter((def) => {
    if (!isEnabled(def, s) || def.kind === 'ebsi-tir' || (def.kind === 'deqar' && s.deqarSnapshotUrl === undefined)) return false;
    const st = states.find((x) => x.id === def.id);
    const last = st?.lastAttemptAt ?? st?.fetchedAt;
    if (last !== undefined && now.getTime() - Date.parse(last) < AUTO_REFRESH_BACKOFF_MS) return false;
    // Bundled data is replaced at the first chance (it is as old as the snapshot).
    return st?.data === undefined || isBundledState(st) || (st.expiresAt !== undefined && Date.parse(st.expiresAt) <= now.getTime());
  });
}
