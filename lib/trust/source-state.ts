/**
 * The state of one trust source as cached: what was loaded, when, until when it is good, how its
 * own signature checked out, and an audit trail. Plain JSON (stored in IndexedDB / files).
 *
 * Rules (TRUST-AND-QA.md, "Trust sources"):
 * - a refresh that fails (network) or is rejected (bad signature, bad shape) never replaces the
 *   data of a good cached copy; it is recorded in the audit trail and `lastError`;
 * - data past its expiry is still used offline, but is labelled stale.
 */

/** Kinds of trust source CredLens knows. */
export type SourceKind =
  | 'org-list'
  | 'managed-policy'
  | 'dcc-legacy'
  | 'dcc-oidf'
  | 'ebsi-tir'
  | 'deqar'
  | 'platforms'
  | 'eu-trusted-lists';

/** How the source's own signature was checked. */
export type SignatureCheck =
  | { status: 'verified'; detail: string }
  | { status: 'unsigned'; detail: string }
  | { status: 'failed'; detail: string };

export interface AuditEntry {
  at: string;
  event: 'loaded-bundled' | 'fetched' | 'not-modified' | 'refresh-failed' | 'rejected' | 'edited' | 'policy';
  detail: string;
}

/** One source's cached state. `data` is the source's compact, already-validated form. */
export interface SourceState<D = unknown> {
  id: string;
  kind: SourceKind;
  label: string;
  /** Where it is refreshed from (absent for local lists). */
  url?: string;
  /** Version of the data in use (registry `updated`, list sequence, content hash prefix). */
  version?: string;
  fetchedAt?: string;
  /** After this instant the data is stale (NextUpdate, exp, Cache-Control max-age, default TTL). */
  expiresAt?: string;
  etag?: string;
  signature: SignatureCheck;
  data?: D;
  lastAttemptAt?: string;
  /** Why the last refresh did not replace the data (shown in the options page). */
  lastError?: string;
  /** Newest last; capped at AUDIT_MAX entries. */
  audit: AuditEntry[];
}

/** The outcome of one refresh attempt, produced by a source module from untrusted bytes. */
export type RefreshOutcome<D = unknown> =
  | { kind: 'updated'; data: D; version: string; signature: SignatureCheck; etag?: string; expiresAt?: string }
  | { kind: 'not-modified'; etag?: string; expiresAt?: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'rejected'; reason: string };

export type Freshness = 'fresh' | 'stale' | 'missing';

export const AUDIT_MAX = 50;

function withAudit<D>(state: SourceState<D>, entry: AuditEntry): AuditEntry[] {
  return [...state.audit, entry].slice(-AUDIT_MAX);
}

/** An empty state for a source that was never loaded. */
export function emptySourceState<D>(meta: { id: string; kind: SourceKind; label: string; url?: string }): SourceState<D> {
  return {
    id: meta.id,
    kind: meta.kind,
    label: meta.label,
    ...(meta.url === undefined ? {} : { url: meta.url }),
    signature: { status: 'unsigned', detail: 'Not loaded yet.' },
    audit: [],
  };
}

/**
 * Applies a refresh outcome to the cached state. SECURITY: only an `updated` outcome (which a
 * source module returns after its shape and signature checks passed) replaces `data`; a failed or
 * rejected refresh keeps the good copy, so a tampered or broken source cannot erase trust data.
 */
export function applyRefresh<D>(prev: SourceState<D>, outcome: RefreshOutcome<D>, now: Date): SourceState<D> {
  const at = now.toISOString();
  switch (outcome.kind) {
    case 'updated': {
      if (outcome.signature.status === 'failed') {
        return applyRefresh(prev, { kind: 'rejected', reason: outcome.signature.detail }, now);
      }
      const next: SourceState<D> = {
        ...prev,
        data: outcome.data,
        version: outcome.version,
        fetchedAt: at,
        signature: outcome.signature,
        lastAttemptAt: at,
        audit: withAudit(prev, { at, event: 'fetched', detail: `Version ${outcome.version}; ${outcome.signature.detail}` }),
      };
      delete next.lastError;
      if (outcome.etag === undefined) delete next.etag;
      else next.etag = outcome.etag;
      if (outcome.expiresAt === undefined) delete next.expiresAt;
      else next.expiresAt = outcome.expiresAt;
      return next;
    }
    case 'not-modified': {
      const next: SourceState<D> = {
        ...prev,
        fetchedAt: at,
        lastAttemptAt: at,
        audit: withAudit(prev, { at, event: 'not-modified', detail: 'The source has not changed since the last refresh.' }),
      };
      delete next.lastError;
      if (outcome.etag !== undefined) next.etag = outcome.etag;
      if (outcome.expiresAt !== undefined) next.expiresAt = outcome.expiresAt;
      return next;
    }
    case 'failed':
    case 'rejected':
      return {
        ...prev,
        lastAttemptAt: at,
        lastError: outcome.reason,
        audit: withAudit(prev, {
          at,
          event: outcome.kind === 'failed' ? 'refresh-failed' : 'rejected',
          detail: `${outcome.reason}${prev.data === undefined ? '' : ' The previous copy is kept.'}`,
        }),
      };
  }
}

/** fresh: data inside its validity; stale: data past expiry (still used, labelled); missing: no data. */
export function freshness(state: Pick<SourceState, 'data' | 'expiresAt'>, now: Date): Freshness {
  if (state.data === undefined) return 'missing';
  if (state.expiresAt !== undefined && Date.parse(state.expiresAt) <= now.getTime()) return 'stale';
  return 'fresh';
}

/** Plain-language age, e.g. "3 hours ago" (for evidence lines and the options page). */
export function describeAge(iso: string | undefined, now: Date): string {
  if (iso === undefined) return 'never';
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown';
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** The label a report cites for data from this source: label, version and date, "(stale)" when stale. */
export function citeSource(state: Pick<SourceState, 'label' | 'version' | 'fetchedAt' | 'data' | 'expiresAt'>, now: Date): string {
  const parts = [state.version ? `version ${state.version}` : undefined, state.fetchedAt ? `loaded ${state.fetchedAt.slice(0, 10)}` : undefined];
  const stale = freshness(state, now) === 'stale' ? ' — stale: could not be refreshed since it expired' : '';
  const meta = parts.filter((p) => p !== undefined).join(', ');
  return `${state.label}${meta ? ` (${meta})` : ''}${stale}`;
}

/** Parses an HTTP Cache-Control max-age into an expiry, capped (a source must not pin itself for years). */
export function expiryFromMaxAge(cacheControl: string | undefined, now: Date, fallbackMs: number, capMs = 30 * 86_400_000): string {
  const m = cacheControl ? /max-age=(\d{1,10})/i.exec(cacheControl) : null;
  const ms = m?.[1] !== undefined ? Math.min(Number(m[1]) * 1000, capMs) : fallbackMs;
  return new Date(now.getTime() + ms).toISOString();
}
