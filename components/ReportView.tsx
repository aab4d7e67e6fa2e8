import type { VerificationReport } from '../lib/model/report';
import { ChecksList } from './ChecksList';
import { ElementsTable } from './ElementsTable';
import { LevelsPanel } from './LevelsPanel';
import { ContactedUrls, Differences, IssuerDetails } from './ReportDetails';
import { VerdictBadge } from './VerdictBadge';

/** The full report: verdict and summary first, then evidence, elements, checks and the trail. */
export function ReportView({ report }: { report: VerificationReport }) {
  const title = report.credential.title ?? 'Untitled credential';
  return (
    <article class="report" aria-labelledby="report-title">
      <header class={`report__head report__head--${report.verdict}`}>
        <VerdictBadge verdict={report.verdict} large testId="report-verdict" />
        <h1 id="report-title">{title}</h1>
        {(report.verdict === 'invalid' || report.verdict === 'unverifiable') && (
          <p class="caution">
            The details below are what the credential claims; CredLens could not confirm them.
          </p>
        )}
        <p class="report__summary">{report.summary}</p>
        <dl class="kv kv--inline">
          <dt>Issuer</dt>
          <dd>{report.issuer.name ?? report.issuer.id ?? 'Unknown'}</dd>
          {report.credential.issuedOn !== undefined && (
            <>
              <dt>Issued</dt>
              <dd>{formatDate(report.credential.issuedOn)}</dd>
            </>
          )}
          {report.credential.expires !== undefined && (
            <>
              <dt>Expires</dt>
              <dd>{formatDate(report.credential.expires)}</dd>
            </>
          )}
          {report.credential.recipient !== undefined && (
            <>
              <dt>Learner</dt>
              <dd>{report.credential.recipient}</dd>
            </>
          )}
          <dt>Format</dt>
          <dd>{report.format.label}</dd>
          <dt>Checked</dt>
          <dd>{formatDate(report.checkedAt, true)}</dd>
        </dl>
        <p class="muted small">
          Source: <code class="url">{report.source}</code>
        </p>
      </header>

      <section aria-labelledby="h-levels">
        <h2 id="h-levels">Authenticity and quality assurance</h2>
        <LevelsPanel authenticity={report.authenticity} qualityAssurance={report.qualityAssurance} />
      </section>

      <section aria-labelledby="h-elements">
        <h2 id="h-elements">What it certifies (EU standard elements)</h2>
        <ElementsTable elements={report.elements} />
      </section>

      <section aria-labelledby="h-checks">
        <h2 id="h-checks">Checks</h2>
        <ChecksList checks={report.checks} />
      </section>

      <section aria-labelledby="h-issuer">
        <h2 id="h-issuer">Issuer</h2>
        <IssuerDetails issuer={report.issuer} trust={report.trust} />
      </section>

      <section aria-labelledby="h-diffs">
        <h2 id="h-diffs">Differences from the hosted copy</h2>
        <Differences differences={report.differences} />
      </section>

      <section aria-labelledby="h-contacted">
        <h2 id="h-contacted">Addresses contacted</h2>
        <ContactedUrls contacted={report.contacted} />
      </section>
    </article>
  );
}

function formatDate(iso: string, withTime = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return withTime
    ? d.toLocaleString()
    : d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}
