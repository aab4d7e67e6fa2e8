import type { VerificationReport } from '../lib/model/report';
import { ChecksList } from './ChecksList';
import { IssuerRenderingView, PartsTree } from './CredentialParts';
import { ElementsTable } from './ElementsTable';
import { LevelsPanel } from './LevelsPanel';
import { ContactedUrls, Differences, IssuerDetails, nameSourceText, TrustDataList } from './ReportDetails';
import { ExportButtons } from './ExportButtons';
import { t } from './i18n';
import { LearnerValue } from './LearnerValue';
import { issuerLine, issuerLineText, readableDate, readableDateTime } from './readable';
import { RecipientCheck, wantsEmail, type RecipientCheckResult } from './RecipientCheck';
import { HeadlineBlock } from './HeadlineBlock';

/**
 * The full report: verdict and summary first, then evidence, elements, checks and the trail.
 * With `onCheckRecipient`, a credential that names its learner by e-mail gets a field to check
 * the candidate's address (the page re-verifies with it).
 */
export function ReportView({
  report,
  onCheckRecipient,
}: {
  report: VerificationReport;
  onCheckRecipient?: (email: string) => Promise<RecipientCheckResult>;
}) {
  const title = report.credential.title ?? t('report_untitled');
  const line = issuerLine(report);
  return (
    <article class="report" aria-labelledby="report-title">
      <header class={`report__head report__head--${report.verdict}`}>
        <HeadlineBlock report={report} title={title} />
        {(report.verdict === 'invalid' || report.verdict === 'unverifiable') && (
          <p class="caution">{t('report_caution')}</p>
        )}
        <dl class="kv kv--inline">
          <dt>{t('report_issuer')}</dt>
          <dd data-testid="report-issuer-line" data-kind={line.kind}>
            {issuerLineText(line)}
            {report.issuer.name !== undefined && report.issuer.nameSource !== undefined && (
              <span
                class="muted small block"
                data-testid="issuer-name-source"
                data-source={report.issuer.nameSource}
              >
                {nameSourceText(report.issuer.nameSource)}
              </span>
            )}
            {/* Below A2 the line itself already says the credential only names the awarding body. */}
            {line.kind === 'sealed' && line.confirmed && (
              <span class="muted small block">{t('report_awardedNote', line.awardedBy)}</span>
            )}
          </dd>
          {report.credential.issuedOn !== undefined && (
            <>
              <dt>{t('report_issued')}</dt>
              <dd data-testid="report-issued">{readableDate(report.credential.issuedOn)}</dd>
            </>
          )}
          {report.credential.expires !== undefined && (
            <>
              <dt>{t('report_expires')}</dt>
              <dd data-testid="report-expires">{readableDate(report.credential.expires)}</dd>
            </>
          )}
          {report.credential.recipient !== undefined && (
            <>
              <dt>{t('report_learner')}</dt>
              <dd data-testid="report-learner">
                <LearnerValue value={report.credential.recipient} />
              </dd>
            </>
          )}
          <dt>{t('report_format')}</dt>
          <dd>{report.format.label}</dd>
          <dt>{t('report_checked')}</dt>
          <dd data-testid="report-checked">
            <time dateTime={report.checkedAt}>{readableDateTime(report.checkedAt)}</time>
          </dd>
        </dl>
        <ExportButtons reports={[report]} />
        <p class="muted small">
          {t('report_source')}: <code class="url">{report.source}</code>
        </p>
      </header>

      {onCheckRecipient !== undefined && wantsEmail(report) && (
        <RecipientCheck report={report} onCheck={onCheckRecipient} />
      )}

      <section aria-labelledby="h-levels">
        <h2 id="h-levels">{t('report_levels')}</h2>
        <LevelsPanel authenticity={report.authenticity} qualityAssurance={report.qualityAssurance} />
      </section>

      <section aria-labelledby="h-elements">
        <h2 id="h-elements">{t('report_elements')}</h2>
        <ElementsTable elements={report.elements} />
      </section>

      {report.credential.parts !== undefined && report.credential.parts.length > 0 && (
        <section aria-labelledby="h-parts">
          <h2 id="h-parts">{t('report_parts')}</h2>
          <PartsTree parts={report.credential.parts} />
        </section>
      )}

      <section aria-labelledby="h-checks">
        <h2 id="h-checks">{t('report_checks')}</h2>
        <ChecksList checks={report.checks} />
      </section>

      <section aria-labelledby="h-issuer">
        <h2 id="h-issuer">{t('report_issuer')}</h2>
        <IssuerDetails
          issuer={report.issuer}
          trust={report.trust}
          {...(report.platform ? { platform: report.platform } : {})}
        />
      </section>

      {report.credential.rendering !== undefined && report.credential.rendering.length > 0 && (
        <section aria-labelledby="h-rendering">
          <h2 id="h-rendering">{t('report_rendering')}</h2>
          <IssuerRenderingView images={report.credential.rendering} />
        </section>
      )}

      <section aria-labelledby="h-diffs">
        <h2 id="h-diffs">{t('report_diffs')}</h2>
        <Differences differences={report.differences} />
      </section>

      <section aria-labelledby="h-contacted">
        <h2 id="h-contacted">{t('report_contacted')}</h2>
        <ContactedUrls contacted={report.contacted} />
      </section>

      <section aria-labelledby="h-trustdata">
        <h2 id="h-trustdata">{t('report_trustData')}</h2>
        <TrustDataList versions={report.trustData ?? []} />
      </section>
    </article>
  );
}
