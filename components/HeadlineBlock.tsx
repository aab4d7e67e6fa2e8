/**
 * The top of a report: the headline pill, then whatever must not be missed (the credential was
 * awarded to someone else; the copy given differs from the issuer's copy), the one sentence, and
 * the recruiter's three questions answered (issue 16). Everything in the reader's language.
 */
import type { VerificationReport } from '../lib/model/report';
import { readReport, type Reading } from '../lib/report/headline';
import { answerLines, headlineSentence, reasonToShow } from '../lib/report/headline-words';
import { t, words } from './i18n';
import { readableDate } from './readable';
import { VerdictBadge } from './VerdictBadge';

const TONE_ICON = { good: '✔', bad: '✖', open: '–' } as const;

/** The banners that stand above the sentence: recipient mismatch, copy that differs. */
function MustSee({ report, reading }: { report: VerificationReport; reading: Reading }) {
  const recipient = report.checks.find((c) => c.id === 'recipient.match' && c.status === 'failed');
  return (
    <>
      {recipient !== undefined && (
        <p class="must-see must-see--bad" role="alert" data-testid="recipient-mismatch">
          <strong>
            <span aria-hidden="true">✖ </span>
            {t('ans_recipient_differs')}
          </strong>{' '}
          {recipient.message}
        </p>
      )}
      {reading.copyDiffers !== undefined && (
        <p class="must-see must-see--caution" data-testid="copy-differs">
          <span aria-hidden="true">! </span>
          {t('ans_copy_differs', reading.copyDiffers.join(', '))}
        </p>
      )}
    </>
  );
}

/** Pill, title, must-see banners, sentence, reason and the three answers. */
export function HeadlineBlock({ report, title }: { report: VerificationReport; title: string }) {
  const reading = readReport(report);
  const lines = answerLines(reading, report, words, (iso) => readableDate(iso));
  const reason = reasonToShow(reading);
  const showReason = reason !== undefined;
  return (
    <div class="headline" data-testid="headline" data-headline={reading.headline}>
      <VerdictBadge state={reading.headline} verdict={report.verdict} large testId="report-verdict" />
      <h1 id="report-title">{title}</h1>
      <MustSee report={report} reading={reading} />
      <p class="report__summary" data-testid="report-sentence">
        {headlineSentence(reading, words)}
      </p>
      {showReason && (
        <p class="headline__why small" data-testid="report-reason">
          <span class="muted">{t('ans_reason')}:</span> {reason}
        </p>
      )}
      {lines.length > 0 && (
        <dl class="answers" data-testid="answers">
          {lines.map((l) => (
            <div
              class={`answers__row answers__row--${l.tone}`}
              data-question={l.question}
              data-tone={l.tone}
              key={l.question}
            >
              <dt>{l.label}</dt>
              <dd>
                <span class="answers__icon" aria-hidden="true">
                  {TONE_ICON[l.tone]}
                </span>{' '}
                {l.text}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
