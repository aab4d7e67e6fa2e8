import type { SourceDef } from '../lib/trust/catalog';
import type { SourceState } from '../lib/trust/source-state';
import { t } from './i18n';
import { readableDateTime } from './readable';
import { sourceStatus } from './source-status';

export interface SourceRow {
  def: SourceDef;
  state: SourceState | undefined;
  enabled: boolean;
  locked: boolean;
}

/** Trust sources with their state in words (fetched when, stale since, failed why), version, signature check, a switch and "Refresh now". */
export function SourcesTable(p: {
  rows: SourceRow[];
  now: Date;
  busy: string | null;
  onToggle: (id: string, on: boolean) => void;
  onRefresh: (id: string) => void;
}) {
  return (
    <table class="sources" data-testid="sources">
      <thead>
        <tr>
          <th scope="col">{t('options_col_source')}</th>
          <th scope="col">{t('options_col_status')}</th>
          <th scope="col">{t('options_col_version')}</th>
          <th scope="col">{t('options_col_use')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('options_refresh')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map(({ def, state, enabled, locked }) => {
          const online = def.kind === 'ebsi-tir';
          const refreshing = p.busy === def.id || (p.busy === 'all' && !online);
          const st = sourceStatus(def, state, p.now, refreshing);
          const sig = state?.signature.status;
          // With no data, the failure is the status itself; with data in use, it is a note under it.
          const failedOutright = st.kind === 'failed';
          return (
            <tr key={def.id} data-testid="source-row" data-source-id={def.id} data-status={st.status}>
              <th scope="row">
                <span class="source__name">{def.label}</span>
                <span class="muted small source__desc">{def.description}</span>
                {state !== undefined && state.audit.length > 0 && (
                  <details class="small">
                    <summary>{t('options_audit')}</summary>
                    <ol class="audit">
                      {[...state.audit].reverse().map((a, i) => (
                        <li key={i}>
                          <time dateTime={a.at}>{readableDateTime(a.at)}</time> {a.event}: {a.detail}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </th>
              <td>
                <span
                  class={`status status--${st.kind}`}
                  data-testid={failedOutright ? 'source-error' : 'source-state'}
                  aria-live="polite"
                  {...(st.failure === undefined ? {} : { title: st.failure.detail })}
                >
                  {st.text}
                </span>
                {st.failure !== undefined && !failedOutright && !refreshing && (
                  <span class="source__error small" data-testid="source-error" title={st.failure.detail}>
                    {t('options_state_keptAfterFail', st.failure.plain)}
                  </span>
                )}
                {sig !== undefined && !online && state?.data !== undefined && (
                  <span class="muted small block">{t(`options_sig_${sig}`)}</span>
                )}
              </td>
              <td class="source__version">{state?.version ?? '—'}</td>
              <td>
                <label class="switch">
                  <input
                    type="checkbox"
                    checked={enabled}
                    disabled={locked}
                    data-testid="source-toggle"
                    onChange={(e) => p.onToggle(def.id, e.currentTarget.checked)}
                  />
                  <span class="visually-hidden">{def.label}</span>
                </label>
                {locked && <span class="muted small block">{t('options_lockedBy')}</span>}
              </td>
              <td>
                {!online && (def.url !== undefined || def.kind === 'deqar') && (
                  <button
                    type="button"
                    data-testid="source-refresh"
                    disabled={p.busy !== null}
                    onClick={() => p.onRefresh(def.id)}
                  >
                    {p.busy === def.id ? t('options_refreshing') : t('options_refresh')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
