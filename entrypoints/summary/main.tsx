/**
 * Profile summary (`summary.html?tab=<id>`): every credential found on a page, counts by verdict,
 * total ECTS, EQF levels, skills, a name check (a hint, never a verdict), the candidate's e-mail
 * once per profile for hashed recipients (kept in storage.session, checked on this device), export.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ExportButtons } from '../../components/ExportButtons';
import { t, setDocumentLanguage } from '../../components/i18n';
import { LearnerValue } from '../../components/LearnerValue';
import { authName, qaName } from '../../components/LevelsPanel';
import '../../components/styles.css';
import { compareNames, learnerNameOf, nameFromTitle, summariseProfile } from '../../components/summary-model';
import { headlineOf, VerdictBadge } from '../../components/VerdictBadge';
import { issuerClaimOf, issuerText } from '../../components/row-facts';
import { request } from '../../lib/extension/messaging';
import { loadTrustSources } from '../../lib/extension/settings';
import type { VerificationReport } from '../../lib/model/report';
import { createFetcher } from '../../lib/net/fetcher';
import type { ReportValue, TabView } from '../../lib/protocol/messages';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';

const POLL_MS = 800;
const tabParam = new URLSearchParams(location.search).get('tab');
const TAB = tabParam !== null && /^\d{1,10}$/.test(tabParam) ? Number(tabParam) : null;
const emailKey = (page: string) => `profileEmail:${page.split('#')[0] ?? page}`;

function Summary() {
  const [view, setView] = useState<TabView | null>(null);
  const [reports, setReports] = useState<Record<string, VerificationReport>>({});
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = t('summary_title');
    if (TAB === null) return setError(t('popup_noTab'));
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = new Set<string>();
    const load = async () => {
      const r = await request<TabView>({ type: 'tab/get', tabId: TAB });
      if (stopped) return;
      if (!r.ok) return setError(r.error.message);
      setView(r.value);
      for (const e of r.value.entries) {
        const id = e.reportId;
        if (id === undefined || seen.has(id)) continue;
        seen.add(id);
        const got = await request<ReportValue>({ type: 'report/get', reportId: id });
        if (got.ok && !stopped) setReports((prev) => ({ ...prev, [e.candidate.url]: got.value.report }));
      }
      if (r.value.entries.some((e) => e.state === 'pending' && e.waiting !== true))
        timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    void browser.tabs
      .get(TAB)
      .then((tab) => setName((n) => n || nameFromTitle(tab.title ?? '')))
      .catch(() => undefined);
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    if (view === null || view.pageUrl === '') return;
    void browser.storage.session.get(emailKey(view.pageUrl)).then((v) => {
      const stored = v[emailKey(view.pageUrl)];
      if (typeof stored === 'string') setEmail(stored);
    });
  }, [view?.pageUrl]);

  const list = (view?.entries ?? []).flatMap((e) => {
    const r = reports[e.candidate.url];
    return r === undefined ? [] : [{ url: e.candidate.url, report: r }];
  });
  const waiting = view?.entries.filter((e) => e.waiting === true).length ?? 0;
  const pending = (view?.entries.length ?? 0) - list.length - waiting;
  const s = summariseProfile(list.map((x) => x.report));
  const hashed = list.filter((x) => /^hashed e-mail/i.test(x.report.credential.recipient ?? ''));

  /** Re-checks hashed-recipient credentials here, with the e-mail, so it never leaves this page. */
  const checkRecipients = async (e: Event) => {
    e.preventDefault();
    if (view === null || !/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email.trim())) return;
    setChecking(true);
    await browser.storage.session.set({ [emailKey(view.pageUrl)]: email.trim() });
    const { sources } = await loadTrustSources(browser.storage.local);
    const env = {
      fetch: createFetcher({ redirectMode: 'follow' }),
      now: () => new Date(),
      trust: createTrustStore(sources),
      recipients: [{ type: 'email' as const, value: email.trim() }],
    };
    const updated: Record<string, VerificationReport> = {};
    for (const x of hashed) updated[x.url] = await verifyCredential({ kind: 'url', url: x.url }, env);
    setReports((prev) => ({ ...prev, ...updated }));
    setChecking(false);
  };

  // Credentials naming someone else than the candidate: the e-mail check failed, or the name differs.
  const mismatches = list.filter(
    ({ report }) =>
      report.checks.some((c) => c.id === 'recipient.match' && c.status === 'failed') ||
      (name.trim() !== '' && compareNames(name, learnerNameOf(report)) === 'differs'),
  ).length;
  return (
    <main class="page summary">
      <div class="topbar">
        <span class="brand">CredLens</span>
        <span class="muted small">{t('summary_title')}</span>
      </div>
      <h1>{t('summary_title')}</h1>
      {error !== null && <p class="error">{error}</p>}
      {view !== null && (
        <p class="muted small">
          {t('summary_page', '')}
          <code class="url">{view.pageUrl}</code>
        </p>
      )}
      {pending > 0 && (
        <p role="status" class="muted">
          {t('summary_pending', pending)}
        </p>
      )}
      {waiting > 0 && (
        <p role="status" class="muted" data-testid="summary-waiting">
          {t('summary_waiting', waiting)}
        </p>
      )}

      {mismatches > 0 && (
        <p class="must-see must-see--bad" role="alert" data-testid="summary-mismatch">
          <strong>
            <span aria-hidden="true">✖ </span>
            {t('summary_mismatchBanner', mismatches)}
          </strong>
        </p>
      )}
      <section class="summary-cards" aria-label={t('summary_counts')}>
        <div class="card" data-testid="summary-total">
          <span class="card__num">{s.total}</span> {t('summary_total')}
        </div>
        {s.headlines.map(([h, n]) => (
          <div class="card" key={h} data-testid="summary-count" data-headline={h}>
            <span class="card__num">{n}</span> <VerdictBadge state={h} />
          </div>
        ))}
        <div class="card" data-testid="summary-ects">
          <span class="card__num">{s.ects}</span> {t('summary_ects')}
        </div>
      </section>
      <dl class="kv">
        <dt>{t('summary_eqf')}</dt>
        <dd data-testid="summary-eqf">
          {s.eqfLevels.length > 0 ? s.eqfLevels.map((l) => `EQF ${l}`).join(', ') : t('summary_none')}
        </dd>
        <dt>{t('summary_skills')}</dt>
        <dd data-testid="summary-skills">{s.skills.length > 0 ? s.skills.join(' · ') : t('summary_none')}</dd>
      </dl>

      <section aria-labelledby="h-name">
        <h2 id="h-name">{t('summary_name')}</h2>
        <label class="field">
          {t('summary_nameLabel')}
          <input
            data-testid="profile-name"
            value={name}
            maxLength={120}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <p class="muted small">{t('summary_nameHint')}</p>
        <form class="inline-form" onSubmit={(e) => void checkRecipients(e)}>
          <label>
            {t('summary_email')}
            <input
              type="email"
              data-testid="profile-email"
              value={email}
              maxLength={320}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
          <button type="submit" data-testid="check-recipients" disabled={checking || hashed.length === 0}>
            {checking ? t('popup_checking') : t('summary_emailCheck')}
          </button>
        </form>
        <p class="muted small">{t('summary_emailHint')}</p>
      </section>

      <table class="summary-table" data-testid="summary-table">
        <thead>
          <tr>
            <th scope="col">{t('summary_credential')}</th>
            <th scope="col">{t('summary_verdict')}</th>
            <th scope="col">{t('summary_levels')}</th>
            <th scope="col">{t('summary_learner')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map(({ url, report }) => {
            const learner = learnerNameOf(report);
            const match = name.trim() === '' ? 'unknown' : compareNames(name, learner);
            const recipient = report.checks.find((c) => c.id === 'recipient.match');
            return (
              <tr
                key={url}
                data-testid="summary-row"
                data-verdict={report.verdict}
                data-headline={headlineOf(report)}
                data-url={url}
              >
                <th scope="row">
                  {report.credential.title ?? t('report_untitled')}
                  <span class="muted small block">
                    {(report.issuer.name ?? report.issuer.id) === undefined
                      ? ''
                      : issuerText(report.issuer.name ?? report.issuer.id ?? '', issuerClaimOf(report))}
                  </span>
                </th>
                <td>
                  <VerdictBadge state={headlineOf(report)} verdict={report.verdict} />
                </td>
                <td class="small" data-label={t('summary_levels')}>
                  <span title={authName(report.authenticity.level)}>{report.authenticity.level}</span> ·{' '}
                  <span title={qaName(report.qualityAssurance.level)}>{report.qualityAssurance.level}</span>
                </td>
                <td
                  class="small"
                  data-testid="name-hint"
                  data-match={match}
                  data-label={t('summary_learner')}
                >
                  {learner ??
                    (report.credential.recipient === undefined ? (
                      '—'
                    ) : (
                      <LearnerValue value={report.credential.recipient} />
                    ))}
                  {learner !== undefined && match !== 'unknown' && (
                    <span class="muted block">
                      {match === 'match' ? t('summary_nameMatch') : t('summary_nameDiffers')}
                    </span>
                  )}
                  {recipient !== undefined && recipient.status !== 'skipped' && (
                    <span class="muted block" data-testid="recipient-check" data-status={recipient.status}>
                      {recipient.message}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('summary_export')}</h2>
      <ExportButtons
        reports={list.map((x) => x.report)}
        {...(view === null ? {} : { page: view.pageUrl })}
        testIdPrefix="summary-export"
      />
    </main>
  );
}

const root = document.getElementById('app');
setDocumentLanguage();
if (root !== null) render(<Summary />, root);
