import type { Check, CheckStatus } from '../lib/model/report';
import { t } from './i18n';

const STATUS: Record<CheckStatus, { icon: string; word: () => string }> = {
  passed: { icon: '✔', word: () => t('check_passed') },
  failed: { icon: '✖', word: () => t('check_failed') },
  warning: { icon: '!', word: () => t('check_warning') },
  skipped: { icon: '–', word: () => t('check_skipped') },
  error: { icon: '?', word: () => t('check_error') },
};

/** Every check in the order it ran: plain message first, technical detail folded. */
export function ChecksList({ checks }: { checks: Check[] }) {
  if (checks.length === 0) return <p class="muted">No checks were run.</p>;
  return (
    <ol class="checks">
      {checks.map((c) => (
        <li
          key={c.id}
          class={`check check--${c.status}`}
          data-testid="check-row"
          data-check-id={c.id}
          data-status={c.status}
        >
          <span class="check__status">
            <span aria-hidden="true">{STATUS[c.status].icon}</span> {STATUS[c.status].word()}
          </span>
          <div class="check__body">
            <p class="check__message">{c.message}</p>
            <details>
              <summary>{t('check_detail')}</summary>
              <dl class="kv">
                <dt>Check</dt>
                <dd>
                  <code>{c.id}</code>
                </dd>
                <dt>Code</dt>
                <dd>
                  <code>{c.code}</code>
                </dd>
                {c.blockedBy !== undefined && (
                  <>
                    <dt>Blocked by</dt>
                    <dd>
                      <code>{c.blockedBy}</code>
                    </dd>
                  </>
                )}
                {c.impact !== undefined && (
                  <>
                    <dt>Verdict if not passed</dt>
                    <dd>{c.impact}</dd>
                  </>
                )}
                {c.detail !== undefined && (
                  <>
                    <dt>Detail</dt>
                    <dd>
                      <pre>{c.detail}</pre>
                    </dd>
                  </>
                )}
              </dl>
            </details>
          </div>
        </li>
      ))}
    </ol>
  );
}
