import { useState } from 'preact/hooks';
import type { VerificationReport } from '../lib/model/report';
import { t } from './i18n';
import { emailToCheck } from './readable';

export { wantsEmail } from './readable';

/** What re-checking with an address gave: done (the page shows the new report), or why not. */
export type RecipientCheckResult = { ok: true } | { ok: false; message: string };

/**
 * The candidate's e-mail for a credential that names its learner by e-mail (often hashed): the
 * page verifies the credential again with it, on this device (as the profile summary does), and
 * the new report shows whether it was awarded to that address.
 */
export function RecipientCheck(p: {
  report: VerificationReport;
  onCheck: (email: string) => Promise<RecipientCheckResult>;
}) {
  const [email, setEmail] = useState('');
  const [checking, setChecking] = useState(false);
  const [checkedWith, setCheckedWith] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const result = p.report.checks.find((c) => c.id === 'recipient.match');

  const submit = async (e: Event) => {
    e.preventDefault();
    const address = emailToCheck(email);
    if (address === undefined) return setProblem(t('report_emailInvalid'));
    setProblem(null);
    setChecking(true);
    const r = await p.onCheck(address);
    setChecking(false);
    if (r.ok) setCheckedWith(address);
    else setProblem(r.message);
  };

  return (
    <section aria-labelledby="h-recipient" class="recipient-check" data-testid="recipient-check-section">
      <h2 id="h-recipient">{t('report_recipient')}</h2>
      <p class="muted small">{t('report_recipientIntro')}</p>
      <form class="inline-form" noValidate onSubmit={(e) => void submit(e)}>
        <label>
          {t('report_email')}
          <input
            type="email"
            data-testid="report-email"
            value={email}
            maxLength={320}
            autoComplete="off"
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="report-email-check" disabled={checking}>
          {checking ? t('popup_checking') : t('report_emailCheck')}
        </button>
      </form>
      <p class="small" role="status" data-testid="report-email-status">
        {problem !== null
          ? problem
          : checkedWith !== null && result !== undefined
            ? `${t('report_emailChecked', checkedWith)} ${result.message}`
            : ''}
      </p>
    </section>
  );
}
