import type { VerificationReport } from '../lib/model/report';
import { ChecksList } from './ChecksList';
import { IssuerRenderingView, PartsTree } from './CredentialParts';
import { ElementsTable } from './ElementsTable';
import { LevelsPanel } from './LevelsPanel';
import { ContactedUrls, Differences, IssuerDetails, nameSourceText, TrustDataList } from './ReportDetails';
import { ExportButtons } from './ExportButtons';
import { t, uiLanguage } from './i18n';
import { statedDay } from '../lib/report/values';
import { VerdictBadge } from './VerdictBadge';

/** The full report: verdict and summary first, then evidence, elements, checks and the trail. */
export function ReportView({ report }: { report: VerificationReport }) {
  const title = report.credential.title ?? t('report_untitled');
  return (
    <article class="report" aria-labelledby="report-title">
      <header class={`report__head report__head--${report.verdict}`}>
        <VerdictBadge verdict={report.verdict} large testId="report-verdict" />
        <h1 id="report-title">{title}</h1>
        {(report.verdict === 'invalid' || report.verdict === 'unverifiable') && (
          <p class="caution">{t('report_caution')}</p>
        )}
        <p class="report__summary">{report.summary}</p>
        <dl class="kv kv--inline">
          <dt>{t('report_issuer')}</dt>
          <dd>
            {report.issuer.name ?? report.issuer.id ?? t('report_unknown')}
            {report.issuer.name !== undefined && report.issuer.nameSource !== undefined && (
              <span
                class="muted small block"
                data-testid="issuer-name-source"
                data-source={report.issuer.nameSource}
              >
                {nameSourceText(report.issuer.nameSource)}
              </span>
            )}
          </dd>
          {report.credential.issuedOn !== undefined && (
            <>
              <dt>{t('report_issued')}</dt>
              <dd>{formatDate(report.credential.issuedOn)}</dd>
            </>
          )}
          {report.credential.expires !== undefined && (
            <>
              <dt>{t('report_expires')}</dt>
              <dd>{formatDate(report.credential.expires)}</dd>
            </>
          )}
          {report.credential.recipient !== undefined && (
            <>
              <dt>{t('report_learner')}</dt>
              <dd>{report.credential.recipient}</dd>
            </>
          )}
          <dt>{t('report_format')}</dt>
          <dd>{report.format.label}</dd>
          <dt>{t('report_checked')}</dt>
          <dd>{formatDate(report.checkedAt, true)}</dd>
        </dl>
        <ExportButtons reports={[report]} />
        <p class="muted small">
          {t('report_source')}: <code class="url">{report.source}</code>
        </p>
      </header>

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

function formatDate(iso: string, withTime = false): string {
  // A day is shown as the credential states it (its own offset), not as it falls where the reader is.
  const day = withTime ? undefined : statedDay(iso);
  if (day !== undefined)
    return new Date(`${day}T00:00:00Z`).toLocaleDateString(uiLanguage(), {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return withTime
    ? d.toLocaleString(uiLanguage())
    : d.toLocaleDateString(uiLanguage(), { year: 'numeric', month: 'long', day: 'numeric' });
}
