import type { SourceDef } from '../lib/trust/catalog';
import { describeAge, freshness, type SourceState } from '../lib/trust/source-state';
import { t } from './i18n';

export interface SourceRow {
  def: SourceDef;
  state: SourceState | undefined;
  enabled: boolean;
  locked: boolean;
}

/** Trust sources with status, version, age, signature check, a switch and "Refresh now". */
export function SourcesTable(p: { rows: SourceRow[]; now: Date; busy: string | null; onToggle: (id: string, on: boolean) => void; onRefresh: (id: string) => void }) {
  return (
    <table class="sources" data-testid="sources">
      <thead>
        <tr>
          <th scope="col">{t('options_col_source')}</th>
          <th scope="col">{t('options_col_status')}</th>
          <th scope="col">{t('options_col_version')}</th>
          <th scope="col">{t('options_col_age')}</th>
          <th scope="col">{t('options_col_use')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('options_refresh')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map(({ def, state, enabled, locked }) => {
          const online = def.kind === 'ebsi-tir';
          const fresh = online ? 'online' : state === undefined ? 'missing' : freshness(state, p.now);
          const statusWord = online ? t('options_status_online') : t(`options_status_${fresh as 'fresh' | 'stale' | 'missing'}`);
          const sig = state?.signature.status;
          return (
            <tr key={def.id} data-testid="source-row" data-source-id={def.id} data-status={fresh}>
              <th scope="row">
                <span class="source__name">{def.label}</span>
                <span class="muted small source__desc">{def.description}</span>
                {state?.lastError !== undefined && (
                  <span class="source__error small" data-testid="source-error">
                    {t('options_lastError', state.lastError)}
                  </span>
                )}
                {state !== undefined && state.audit.length > 0 && (
                  <details class="small">
                    <summary>{t('options_audit')}</summary>
                    <ol class="audit">
                      {[...state.audit].reverse().map((a, i) => (
                        <li key={i}>
                          <time>{a.at.slice(0, 16).replace('T', ' ')}</time> {a.event}: {a.detail}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </th>
              <td>
                <span class={`status status--${fresh}`}>{statusWord}</span>
                {sig !== undefined && !online && state?.data !== undefined && <span class="muted small block">{t(`options_sig_${sig}`)}</span>}
              </td>
              <td>{state?.version ?? '—'}</td>
              <td>{online ? '—' : describeAge(state?.fetchedAt, p.now)}</td>
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
                  <button type="button" data-testid="source-refresh" disabled={p.busy !== null} onClick={() => p.onRefresh(def.id)}>
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
