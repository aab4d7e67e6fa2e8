/**
 * The state of one trust source on the options page, said calmly (a fresh install is not an
 * error): "Not fetched yet", "Refreshing…", "Up to date (fetched <date>)", "Stale since <date>,
 * used offline", a bundled copy in use until the first refresh, "Failed: <plain reason>".
 * Plain TS (no DOM) so each rule is unit-tested; strings through i18n.
 */
import type { SourceKind, SourceState } from '../lib/trust/source-state';
import { freshness } from '../lib/trust/source-state';
import { isBundledState } from '../lib/trust/catalog';
import { t } from './i18n';
import { readableDate } from './readable';

export interface SourceStatus {
  /** For styling and tests: fresh, stale, missing (no data), online (asked per credential). */
  status: 'fresh' | 'stale' | 'missing' | 'online';
  /** Which of the sentences it is (for its colour): only `failed` and `stale` call for attention. */
  kind: 'not-fetched' | 'refreshing' | 'fresh' | 'stale' | 'bundled' | 'failed' | 'online';
  /** One line in the reader's language. */
  text: string;
  /** The last refresh failed: the reason in plain words, and as recorded (for a tooltip). */
  failure?: { plain: string; detail: string };
}

/** A refresh failure in plain words (network codes and HTTP statuses); a sentence stays as written. */
export function plainRefreshReason(reason: string): string {
  const http = /\(HTTP (\d{3})\b/.exec(reason);
  if (http !== null) {
    const code = http[1] ?? '';
    return code === '404' || code === '410' ? t('options_fail_notFound', code) : t('options_fail_http', code);
  }
  const net = /\b(ERR_NET_[A-Z_]+)\b/.exec(reason)?.[1];
  if (net !== undefined) {
    if (net === 'ERR_NET_UNREACHABLE') return t('options_fail_unreachable');
    if (net === 'ERR_NET_TIMEOUT') return t('options_fail_timeout');
    if (net === 'ERR_NET_TOO_LARGE') return t('options_fail_tooLarge');
    if (net === 'ERR_NET_PRIVATE_TARGET') return t('options_fail_blocked');
    return t('options_fail_other');
  }
  if (/^No address to refresh from/i.test(reason)) return t('options_fail_noAddress');
  const text = reason.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

/** True when the data in use came with CredLens and no refresh has replaced it yet. */
function isBundled(state: SourceState): boolean {
  if (isBundledState(state)) return true;
  const events = state.audit.map((a) => a.event);
  return events.includes('loaded-bundled') && !events.includes('fetched') && !events.includes('not-modified');
}

/**
 * The status line of a source: `refreshing` while its refresh runs; an online registry is asked
 * per credential; otherwise what data is in use, and whether the last refresh failed.
 */
export function sourceStatus(
  source: { kind: SourceKind },
  state: SourceState | undefined,
  now: Date,
  refreshing: boolean,
): SourceStatus {
  if (source.kind === 'ebsi-tir')
    return { status: 'online', kind: 'online', text: t('options_status_online') };
  const fresh = state === undefined ? 'missing' : freshness(state, now);
  const failure =
    state?.lastError === undefined
      ? undefined
      : { plain: plainRefreshReason(state.lastError), detail: state.lastError };
  const out = (kind: SourceStatus['kind'], text: string): SourceStatus => ({
    status: fresh,
    kind,
    text,
    ...(failure === undefined ? {} : { failure }),
  });
  if (refreshing) return out('refreshing', t('options_refreshing'));
  if (state === undefined || state.data === undefined)
    return failure === undefined
      ? out('not-fetched', t('options_state_notFetched'))
      : out('failed', t('options_state_failed', failure.plain));
  const when = state.fetchedAt === undefined ? '—' : readableDate(state.fetchedAt);
  if (isBundled(state)) return out('bundled', t('options_state_bundled', when));
  if (fresh === 'stale') {
    const since = state.expiresAt === undefined ? when : readableDate(state.expiresAt);
    return out('stale', t('options_state_stale', since));
  }
  return out('fresh', t('options_state_fresh', when));
}
