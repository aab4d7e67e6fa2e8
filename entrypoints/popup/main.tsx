/** Popup: the credentials found on the current tab, each with its verdict; a row opens the report. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, uiLanguage } from '../../components/i18n';
import { authName, qaName } from '../../components/LevelsPanel';
import { VerdictBadge } from '../../components/VerdictBadge';
import '../../components/styles.css';
import { request } from '../../lib/extension/messaging';
import type { VerificationReport } from '../../lib/model/report';
import type { ReportValue, TabEntryView, TabView } from '../../lib/protocol/messages';

const POLL_MS = 700;

/**
 * The tab to show: the active tab; or `?tab=<id>` when this page is opened directly
 * (tests, or a pinned window). Only extension pages can open this URL, and tab/get is
 * answered for extension pages only, so the parameter grants nothing to web pages.
 */
async function targetTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d{1,10}$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function openReport(reportId: string): void {
  const url = new URL(`/report.html?id=${encodeURIComponent(reportId)}`, location.href).href;
  void browser.tabs.create({ url }).then(() => {
    if (!new URLSearchParams(location.search).has('tab')) window.close();
  });
}

function Row({ entry, report }: { entry: TabEntryView; report: VerificationReport | undefined }) {
  const title = entry.title ?? entry.candidate.label ?? entry.candidate.pageUrl;
  // What the page called it, when that is not what the credential says (a recruiter should notice).
  const label = entry.candidate.label;
  const shownAs =
    entry.title !== undefined &&
    label !== undefined &&
    !label.toLowerCase().includes(entry.title.toLowerCase())
      ? label
      : undefined;
  const inner = (
    <>
      <VerdictBadge
        verdict={entry.state === 'done' && entry.verdict !== undefined ? entry.verdict : 'pending'}
        testId="verdict"
      />
      <span class="row__title">{title}</span>
      <span class="row__meta">
        {entry.issuer !== undefined
          ? t('popup_issuedBy', entry.issuer)
          : entry.state === 'pending'
            ? t('popup_checking')
            : t('popup_issuerUnknown')}
        {' · '}
        {entry.candidate.kind === 'image' ? t('popup_badgeImage') : platformName(entry.candidate.platform)}
        {report?.credential.issuedOn !== undefined && ` · ${t('popup_issued', shortDate(report.credential.issuedOn))}`}
      </span>
      {report !== undefined && (
        <span class="row__meta levels-inline" data-testid="row-levels" data-authenticity={report.authenticity.level} data-qa={report.qualityAssurance.level}>
          <abbr title={authName(report.authenticity.level)}>{report.authenticity.level}</abbr> {authName(report.authenticity.level)} ·{' '}
          <abbr title={qaName(report.qualityAssurance.level)}>{report.qualityAssurance.level}</abbr> {qaName(report.qualityAssurance.level)}
        </span>
      )}
      {shownAs !== undefined && <span class="row__meta">{t('popup_shownAs', shownAs)}</span>}
    </>
  );
  const reportId = entry.reportId;
  return (
    <li
      class="row"
      data-testid="credential-row"
      data-platform={entry.candidate.platform}
      data-url={entry.candidate.url}
    >
      {reportId === undefined ? (
        <div class="row__inner" aria-busy="true">
          {inner}
        </div>
      ) : (
        <a
          href={`/report.html?id=${encodeURIComponent(reportId)}`}
          onClick={(e) => {
            e.preventDefault();
            openReport(reportId);
          }}
          aria-label={t('popup_openReport', title)}
        >
          {inner}
        </a>
      )}
    </li>
  );
}

function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(uiLanguage(), { year: 'numeric', month: 'short', day: 'numeric' });
}

function platformName(p: string): string {
  return (
    (
      { credly: 'Credly', badgr: 'Canvas Credentials (Badgr)', 'ob-hosted': 'Open Badges link' } as Record<
        string,
        string
      >
    )[p] ?? p
  );
}

function Popup() {
  const [view, setView] = useState<TabView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reports, setReports] = useState<Record<string, VerificationReport>>({});
  const [tabId, setTabId] = useState<number | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const tabId = await targetTab();
      if (tabId === null) return setError(t('popup_noTab'));
      setTabId(tabId);
      const reply = await request<TabView>({ type: 'tab/get', tabId });
      if (stopped) return;
      if (!reply.ok) return setError(reply.error.message);
      setView(reply.value);
      // The levels and dates come from the full reports (extension pages may read them).
      for (const e of reply.value.entries) {
        const id = e.reportId;
        if (id === undefined) continue;
        void request<ReportValue>({ type: 'report/get', reportId: id }).then((r) => {
          if (r.ok && !stopped) setReports((prev) => (prev[id] ? prev : { ...prev, [id]: r.value.report }));
        });
      }
      if (reply.value.entries.some((e) => e.state === 'pending'))
        timer = setTimeout(() => void load(), POLL_MS);
    };
    void load();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);

  const openChecker = () => void browser.tabs.create({ url: new URL('/report.html', location.href).href });

  return (
    <main class="popup">
      <header>
        <h1>CredLens</h1>
        <span class="muted small" aria-live="polite">
          {view === null ? '' : t('popup_found', view.entries.length)}
        </span>
      </header>
      {error !== null && <p class="error">{error}</p>}
      {view !== null && view.entries.length === 0 && (
        <p class="empty">{t('popup_empty')}</p>
      )}
      {view !== null && view.entries.length > 0 && (
        <ul class="rows" aria-label={t('popup_list')}>
          {view.entries.map((e) => (
            <Row key={e.candidate.url} entry={e} report={e.reportId === undefined ? undefined : reports[e.reportId]} />
          ))}
        </ul>
      )}
      <p class="footer">
        <button type="button" class="link-button" onClick={openChecker}>
          {t('popup_checkFile')}
        </button>
        {' · '}
        <button
          type="button"
          class="link-button"
          data-testid="open-summary"
          disabled={tabId === null}
          onClick={() => void browser.tabs.create({ url: new URL(`/summary.html?tab=${tabId ?? ''}`, location.href).href })}
        >
          {t('popup_summary')}
        </button>
        {' · '}
        <button type="button" class="link-button" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_options')}
        </button>
      </p>
    </main>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<Popup />, root);
