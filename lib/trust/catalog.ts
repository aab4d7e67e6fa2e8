/**
 * The trust and QA sources CredLens knows, how each is refreshed, and how cached states become
 * trust sources for a verification. Pure: the extension (lib/extension/trust-db.ts) and the CLI
 * store the states; this module only turns bytes into states and states into sources.
 */
import { EBSI_DEFAULT_BASE } from '../did/ebsi';
import type { TrustHit } from '../model/report';
import { bundledDeqarIndex } from '../qa/bundled';
import { parseDeqarSnapshot, type DeqarIndex } from '../qa/deqar';
import type { QaRegisters } from '../qa/registers';
import pinnedLotl from '../../public/trust/eu-lotl-signers.json';
import { refreshEuLists, EU_LOTL_URL } from './eu/refresh';
import { createEuTrustSource } from './eu/source';
import { EU_INDEX_VERSION, type EuTrustIndex } from './eu/types';
import { createEbsiTirSource } from './ebsi-tir';
import type { ConditionalFetch } from './refresh-fetch';
import {
  checkOidfSubordinate,
  createDccLegacySource,
  oidfFetchUrl,
  refreshDccLegacy,
  refreshOidfAnchor,
  type DccLegacyData,
  type OidfAnchorData,
} from './registry-dcc';
import { applyRefresh, emptySourceState, expiryFromMaxAge, freshness, type RefreshOutcome, type SourceKind, type SourceState } from './source-state';
import type { TrustSource } from './source';

/** One refreshable source CredLens can use. */
export interface SourceDef {
  id: string;
  kind: SourceKind;
  label: string;
  url?: string;
  /** Used unless the user or the policy switches it off. Registries that vouch for issuers are opt-in where anyone can join. */
  defaultEnabled: boolean;
  /** Plain description for the options page. */
  description: string;
}

/** The LOTL signing certificates shipped with CredLens (base64 DER; see scripts/build-trust-seed.mjs). */
export const SHIPPED_LOTL_SIGNERS: readonly string[] = pinnedLotl.certificates.map((c) => c.der);

/** Default refresh interval when a source states no expiry. */
export const DEFAULT_TTL_MS = 24 * 3_600_000;

export const SOURCE_CATALOG: readonly SourceDef[] = [
  {
    id: 'dcc-member',
    kind: 'dcc-legacy',
    label: 'DCC Member Registry',
    url: 'https://digitalcredentials.github.io/dcc-registry/registry.json',
    defaultEnabled: true,
    description: 'Issuers that are members of the Digital Credentials Consortium.',
  },
  {
    id: 'dcc-member-oidf',
    kind: 'dcc-oidf',
    label: 'DCC Member Registry (OpenID Federation)',
    url: 'https://registry.dcconsortium.org/.well-known/openid-federation',
    defaultEnabled: true,
    description: 'The same members, asked issuer by issuer through the federation; the answer is signed by the registry.',
  },
  {
    id: 'dcc-community',
    kind: 'dcc-legacy',
    label: 'DCC Community Registry',
    url: 'https://digitalcredentials.github.io/community-registry/registry.json',
    defaultEnabled: false,
    description: 'Community-submitted issuers (open to many; switch on if your organisation relies on it).',
  },
  {
    id: 'ebsi-tir',
    kind: 'ebsi-tir',
    label: 'EBSI Trusted Issuers Registry',
    url: EBSI_DEFAULT_BASE,
    defaultEnabled: true,
    description: 'European Blockchain Services Infrastructure: accredited issuers with did:ebsi identifiers, asked per credential.',
  },
  {
    id: 'eu-lotl',
    kind: 'eu-trusted-lists',
    label: 'EU trusted lists (eIDAS)',
    url: EU_LOTL_URL,
    defaultEnabled: true,
    description: 'The EU List of Trusted Lists and the member states\' trusted lists: which providers may issue qualified certificates for electronic seals. Decides whether a European Digital Credential carries a qualified or advanced seal.',
  },
  {
    id: 'deqar',
    kind: 'deqar',
    label: 'DEQAR (quality assurance of higher education)',
    defaultEnabled: true,
    description: 'External quality-assurance reports of universities and colleges. Bundled snapshot; refreshed from a snapshot address when one is set.',
  },
];

/** Turns fetched bytes of a source into a refresh outcome (shape and signature checks here). */
async function outcomeFor(def: SourceDef, prev: SourceState, bytes: Uint8Array, url: string, now: Date): Promise<RefreshOutcome> {
  switch (def.kind) {
    case 'dcc-legacy':
      return refreshDccLegacy(bytes, url);
    case 'dcc-oidf': {
      const pinned = (prev.data as OidfAnchorData | undefined)?.keys;
      return refreshOidfAnchor(new TextDecoder().decode(bytes), url, now, pinned);
    }
    case 'deqar': {
      const parsed = parseDeqarSnapshot(bytes);
      if (!parsed.ok) return { kind: 'rejected', reason: `${url}: ${parsed.error}` };
      return { kind: 'updated', data: parsed.index, version: parsed.index.generatedAt.slice(0, 10), signature: { status: 'unsigned', detail: 'DEQAR snapshots carry no signature; fetched over HTTPS.' } };
    }
    default:
      return { kind: 'rejected', reason: `${def.label} is not refreshed as a file` };
  }
}

/**
 * Refreshes one source (conditional GET with the cached ETag). Never throws; a failed or rejected
 * refresh keeps the cached data (see applyRefresh).
 */
export async function refreshSource(
  def: SourceDef,
  prev: SourceState | undefined,
  fetch: ConditionalFetch,
  now: Date,
  opts: { url?: string; lotlSigners?: readonly string[] } = {},
): Promise<SourceState> {
  const base = prev ?? emptySourceState({ id: def.id, kind: def.kind, label: def.label, ...(def.url === undefined ? {} : { url: def.url }) });
  const url = opts.url ?? def.url;
  if (def.kind === 'ebsi-tir') return { ...base, signature: { status: 'unsigned', detail: 'Asked online for each did:ebsi issuer; nothing is cached.' } };
  if (url === undefined) return applyRefresh(base, { kind: 'failed', reason: 'No address to refresh from is configured.' }, now);
  if (def.kind === 'eu-trusted-lists') {
    try {
      const outcome = await refreshEuLists(url, fetch, now, opts.lotlSigners ?? SHIPPED_LOTL_SIGNERS, DEFAULT_TTL_MS);
      return applyRefresh({ ...base, url }, outcome, now);
    } catch (e) {
      return applyRefresh(base, { kind: 'failed', reason: e instanceof Error ? e.message : String(e) }, now);
    }
  }
  try {
    const res = await fetch(url, url === base.url ? base.etag : undefined);
    if (!res.ok) return applyRefresh(base, { kind: 'failed', reason: res.reason }, now);
    const expiresAt = expiryFromMaxAge(res.cacheControl, now, DEFAULT_TTL_MS);
    if (res.notModified) return applyRefresh({ ...base, url }, { kind: 'not-modified', ...(res.etag === undefined ? {} : { etag: res.etag }), expiresAt }, now);
    const outcome = await outcomeFor(def, base, res.bytes, url, now);
    if (outcome.kind === 'updated') {
      if (res.etag !== undefined && outcome.etag === undefined) outcome.etag = res.etag;
      // A signed statement's own exp wins over HTTP caching.
      if (outcome.expiresAt === undefined) outcome.expiresAt = expiresAt;
    }
    return applyRefresh({ ...base, url }, outcome, now);
  } catch (e) {
    return applyRefresh(base, { kind: 'failed', reason: e instanceof Error ? e.message : String(e) }, now);
  }
}

/** The bundled DEQAR snapshot as an initial state (so QA works offline from the first run). */
export function bundledDeqarState(now: Date): SourceState<DeqarIndex> {
  const def = SOURCE_CATALOG.find((d) => d.id === 'deqar');
  const state = emptySourceState<DeqarIndex>({ id: 'deqar', kind: 'deqar', label: def?.label ?? 'DEQAR' });
  const index = bundledDeqarIndex();
  if (index === undefined) return state;
  return {
    ...state,
    data: index,
    version: index.generatedAt.slice(0, 10),
    fetchedAt: index.generatedAt,
    signature: { status: 'unsigned', detail: 'Bundled with CredLens (built from DEQAR API answers by scripts/deqar-snapshot.mjs).' },
    audit: [{ at: now.toISOString(), event: 'loaded-bundled', detail: `Bundled snapshot of ${index.generatedAt.slice(0, 10)}.` }],
  };
}

/** The version label of a state seeded from the bundled EU snapshot. */
const BUNDLED_EU = '(bundled snapshot)';

/**
 * The EU trusted-list snapshot shipped with the extension (public/trust/eu-snapshot.json, compiled
 * by scripts/build-eu-snapshot.mjs with the same checks as a refresh) as an initial state, so a
 * fresh install can judge seals before its first refresh reaches the Commission. It is as old as
 * the lists in it: stale from the start, and replaced at the first successful refresh. Lists the
 * snapshot lacks are named in its `problems`. Undefined when `raw` is not a compiled index.
 */
export function bundledEuState(raw: unknown, now: Date): SourceState<EuTrustIndex> | undefined {
  const def = SOURCE_CATALOG.find((d) => d.kind === 'eu-trusted-lists');
  if (def === undefined || typeof raw !== 'object' || raw === null) return undefined;
  const index = raw as Partial<EuTrustIndex>;
  if (index.version !== EU_INDEX_VERSION || index.lotl === undefined || !Array.isArray(index.lists) || !Array.isArray(index.services) || !Array.isArray(index.pointers) || !Array.isArray(index.problems)) return undefined;
  const full = index as EuTrustIndex;
  const countries = full.lists.map((l) => l.country).join(', ') || 'none';
  return {
    ...emptySourceState<EuTrustIndex>({ id: def.id, kind: def.kind, label: def.label, ...(def.url === undefined ? {} : { url: def.url }) }),
    data: full,
    version: `LOTL ${full.lotl?.sequence ?? '?'} ${BUNDLED_EU}`,
    fetchedAt: full.compiledAt,
    expiresAt: new Date(Date.parse(full.compiledAt) + DEFAULT_TTL_MS).toISOString(),
    signature: {
      status: 'verified',
      detail: `Bundled with CredLens: the List of Trusted Lists of ${full.lotl?.issued.slice(0, 10) ?? '?'} (signed by ${full.lotl?.signer ?? '?'}, a pinned signer) and the national lists ${countries}, each checked against the certificates it announces; the other ${full.problems.length} lists are fetched at the first refresh.`,
    },
    audit: [{ at: now.toISOString(), event: 'loaded-bundled', detail: `Bundled snapshot compiled ${full.compiledAt.slice(0, 10)} (national lists ${countries}).` }],
  };
}

/** True while a state still holds bundled data that no refresh has replaced yet. */
export function isBundledState(state: Pick<SourceState, 'version'>): boolean {
  return state.version?.endsWith(BUNDLED_EU) ?? false;
}

function oidfSource(state: SourceState<OidfAnchorData>, anchor: OidfAnchorData): TrustSource {
  return {
    id: state.id,
    label: state.label,
    ...(state.version === undefined ? {} : { version: state.version }),
    ...(state.fetchedAt === undefined ? {} : { fetchedAt: state.fetchedAt }),
    lookup: () => [],
    async lookupOnline(ids, ctx) {
      const hits: TrustHit[] = [];
      const notes: string[] = [];
      for (const id of [...new Set(ids)].filter((i) => i.startsWith('did:')).slice(0, 3)) {
        const url = oidfFetchUrl(anchor, id);
        if (url === undefined) continue;
        const res = await ctx.fetch(url, `issuer registry (${state.label})`, { accept: 'application/entity-statement+jwt' });
        if (!res.ok) {
          notes.push(res.status === 404 ? `${state.label} does not list ${id}` : `${state.label} could not be reached (${res.status ? `HTTP ${res.status}` : res.code})`);
          continue;
        }
        const r = await checkOidfSubordinate(new TextDecoder().decode(res.bytes.subarray(0, 256 * 1024)), anchor, id, { id: state.id, label: state.label }, ctx.now);
        if (r.ok) hits.push(r.hit);
        else notes.push(`${state.label}: the answer about ${id} was not accepted (${r.error})`);
      }
      return { hits, notes };
    },
  };
}

export interface BuildOptions {
  now: Date;
  enabled: (id: string) => boolean;
  /** Ask online registries (EBSI TIR, federation fetch endpoints) at verification time. */
  online: boolean;
  ebsiBase?: string;
}

/** Turns cached states into trust sources and QA registers for one verification. */
export function buildTrustSources(states: readonly SourceState[], opts: BuildOptions): { sources: TrustSource[]; qa: QaRegisters } {
  const sources: TrustSource[] = [];
  const qa: QaRegisters = {};
  const byId = new Map(states.map((s) => [s.id, s]));
  for (const def of SOURCE_CATALOG) {
    if (!opts.enabled(def.id)) continue;
    const state = byId.get(def.id) ?? (def.kind === 'deqar' ? bundledDeqarState(opts.now) : undefined);
    const stale = state !== undefined && freshness(state, opts.now) === 'stale';
    if (def.kind === 'ebsi-tir') {
      if (opts.online) sources.push(createEbsiTirSource({ base: opts.ebsiBase ?? EBSI_DEFAULT_BASE, id: def.id }));
      continue;
    }
    if (state?.data === undefined) continue;
    if (def.kind === 'dcc-legacy') {
      const src = createDccLegacySource(state.data as DccLegacyData, { id: def.id, label: def.label });
      sources.push({ ...src, ...(state.version ? { version: state.version } : {}), ...(state.fetchedAt ? { fetchedAt: state.fetchedAt } : {}), ...(stale ? { stale } : {}) });
    } else if (def.kind === 'eu-trusted-lists') {
      const index = state.data as EuTrustIndex;
      const src = createEuTrustSource(index, () => opts.now);
      sources.push({ ...src, ...(state.version ? { version: state.version } : {}), ...(state.fetchedAt ? { fetchedAt: state.fetchedAt } : {}), ...(stale ? { stale } : {}) });
    } else if (def.kind === 'dcc-oidf' && opts.online) {
      sources.push(oidfSource(state as SourceState<OidfAnchorData>, state.data as OidfAnchorData));
    } else if (def.kind === 'deqar') {
      const index = state.data as DeqarIndex;
      qa.deqar = index;
      qa.deqarLabel = `DEQAR snapshot of ${index.generatedAt.slice(0, 10)}${stale ? ' (stale)' : ''}`;
      sources.push({ id: def.id, label: def.label, lookup: () => [], qaRegisters: qa, version: index.generatedAt.slice(0, 10), ...(stale ? { stale } : {}) });
    }
  }
  return { sources, qa };
}
