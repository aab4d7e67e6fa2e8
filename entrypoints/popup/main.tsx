/** Popup: the credentials found on the current tab, each with its verdict; a row opens the report. */
import { VERDICT_HEADLINE } from '../../lib/report/headline';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, setDocumentLanguage } from '../../components/i18n';
import { authName, qaName } from '../../components/LevelsPanel';
import { readableDate } from '../../components/readable';
import {
  hostOf,
  issuerClaimOf,
  issuerText,
  notVerifiableText,
  pdfTabUrl,
  platformName,
  rowFacts,
} from '../../components/row-facts';
import { VerdictBadge } from '../../components/VerdictBadge';
import '../../components/styles.css';
import { request } from '../../lib/extension/messaging';
import type { VerificationReport } from '../../lib/model/report';
import type { ReportValue, TabEntryView, TabView } from '../../lib/protocol/messages';

const POLL_MS = 700;
/** How many times an empty list is asked again (about 7 s) before "nothing found" stands. */
const EMPTY_POLLS = 10;

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

function Row({
  entry,
  report,
  onVerify,
}: {
  entry: TabEntryView;
  report: VerificationReport | undefined;
  onVerify: (url: string) => void;
}) {
  const facts = rowFacts(entry.candidate, entry, report);
  const title = facts.title;
  const credTitle = entry.title ?? report?.credential.title;
  // What the page called it, when that is not what the credential says (a recruiter should notice).
  const label = entry.candidate.label;
  const shownAs =
    credTitle !== undefined && label !== undefined && !label.toLowerCase().includes(credTitle.toLowerCase())
      ? label
      : undefined;
  const waiting = entry.waiting === true;
  const host = hostOf(entry.candidate);
  const notVerifiable = notVerifiableText(entry.candidate);
  const inner = (
    <>
      {!waiting && (
        <VerdictBadge
          state={
            entry.state === 'done' && entry.verdict !== undefined
              ? (entry.headline ?? VERDICT_HEADLINE[entry.verdict])
              : 'pending'
          }
          verdict={entry.state === 'done' && entry.verdict !== undefined ? entry.verdict : 'pending'}
          testId="verdict"
        />
      )}
      <span class="row__title">{title}</span>
      <span class="row__meta">
        {facts.issuer !== undefined
          ? issuerText(facts.issuer, entry.issuerClaim ?? issuerClaimOf(report))
          : waiting
            ? t('found_waiting')
            : entry.state === 'pending'
              ? t('popup_checking')
              : t('popup_issuerUnknown')}
        {' · '}
        <span data-testid="row-platform">
          {entry.candidate.kind === 'image' ? t('popup_badgeImage') : platformName(entry.candidate)}
        </span>
        {host !== undefined && ` (${host})`}
        {facts.issuedOn !== undefined && ` · ${t('popup_issued', readableDate(facts.issuedOn))}`}
      </span>
      {notVerifiable !== undefined && entry.state === 'done' && (
        <span class="row__meta" data-testid="not-verifiable">
          {notVerifiable}
        </span>
      )}
      {report !== undefined && (
        <span
          class="row__meta levels-inline"
          data-testid="row-levels"
          data-authenticity={report.authenticity.level}
          data-qa={report.qualityAssurance.level}
        >
          <abbr title={authName(report.authenticity.level)}>{report.authenticity.level}</abbr>{' '}
          {authName(report.authenticity.level)} ·{' '}
          <abbr title={qaName(report.qualityAssurance.level)}>{report.qualityAssurance.level}</abbr>{' '}
          {qaName(report.qualityAssurance.level)}
        </span>
      )}
      {shownAs !== undefined && <span class="row__meta">{t('popup_shownAs', shownAs)}</span>}
      {(entry.recipientDiffers === true ||
        report?.checks.some((c) => c.id === 'recipient.match' && c.status === 'failed') === true) && (
        <span class="row__meta row__alarm" data-testid="row-recipient-mismatch">
          <span aria-hidden="true">✖ </span>
          {t('popup_rowRecipientDiffers')}
        </span>
      )}
    </>
  );
  const reportId = entry.reportId;
  return (
    <li
      class="row"
      data-testid="credential-row"
      data-platform={entry.candidate.platform}
      data-url={entry.candidate.url}
      data-waiting={waiting ? 'true' : undefined}
    >
      {reportId === undefined ? (
        <div class="row__inner" aria-busy={!waiting}>
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
      {waiting && (
        <p class="row__actions" style={{ margin: 0, padding: '0 10px 8px' }}>
          <button
            type="button"
            data-testid="verify-button"
            aria-label={t('found_verifyItem', title)}
            onClick={() => onVerify(entry.candidate.url)}
          >
            {t('found_verify')}
          </button>
        </p>
      )}
    </li>
  );
}

function Popup() {
  const [view, setView] = useState<TabView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reports, setReports] = useState<Record<string, VerificationReport>>({});
  const [tabId, setTabId] = useState<number | null>(null);
  /** The PDF the active tab shows in the browser's viewer (no content script runs there). */
  const [pdfUrl, setPdfUrl] = useState<string | undefined>(undefined);
  /** Asks the background to verify one waiting candidate (or all, without url), then reloads. */
  const verifyRef = useRef<(url?: string) => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let emptyPolls = 0;
    const show = (value: TabView) => {
      setView(value);
      // The levels and dates come from the full reports (extension pages may read them).
      for (const e of value.entries) {
        const id = e.reportId;
        if (id === undefined) continue;
        void request<ReportValue>({ type: 'report/get', reportId: id }).then((r) => {
          if (r.ok && !stopped) setReports((prev) => (prev[id] ? prev : { ...prev, [id]: r.value.report }));
        });
      }
      // Poll while something is being verified (waiting entries wait for the user).
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      // Also while nothing is listed yet for a while: the page may still be reporting what it found.
      const emptyAgain = value.entries.length === 0 && emptyPolls++ < EMPTY_POLLS;
      if (emptyAgain || value.entries.some((e) => e.state === 'pending' && e.waiting !== true))
        timer = setTimeout(() => void load(), POLL_MS);
    };
    const load = async () => {
      const tabId = await targetTab();
      if (tabId === null) return setError(t('popup_noTab'));
      setTabId(tabId);
      const reply = await request<TabView>({ type: 'tab/get', tabId });
      if (stopped) return;
      if (!reply.ok) return setError(reply.error.message);
      show(reply.value);
    };
    verifyRef.current = (url?: string) => {
      void (async () => {
        const tabId = await targetTab();
        if (tabId === null) return;
        const reply = await request<TabView>({
          type: 'candidate/verify',
          tabId,
          ...(url === undefined ? {} : { url }),
        });
        if (stopped) return;
        if (!reply.ok) return setError(reply.error.message);
        show(reply.value);
      })();
    };
    void load();
    if (!new URLSearchParams(location.search).has('tab'))
      void browser.tabs
        .query({ active: true, currentWindow: true })
        .then(([tab]) => setPdfUrl(pdfTabUrl(tab?.url)))
        .catch(() => undefined);
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);

  const differs =
    view?.entries.filter(
      (e) =>
        e.recipientDiffers === true ||
        (e.reportId !== undefined &&
          reports[e.reportId]?.checks.some((c) => c.id === 'recipient.match' && c.status === 'failed') ===
            true),
    ).length ?? 0;
  const openChecker = () => void browser.tabs.create({ url: new URL('/report.html', location.href).href });

  return (
    <main class="popup">
      <header>
        <h1>CredLens</h1>
        <span class="muted small" aria-live="polite">
          {view === null ? '' : t('popup_found', view.entries.length)}
        </span>
      </header>
      {view !== null && view.entries.filter((e) => e.waiting === true).length > 1 && (
        <p class="row__actions">
          <button type="button" data-testid="verify-all" onClick={() => verifyRef.current()}>
            {t('found_verifyAll')}
          </button>
        </p>
      )}
      {pdfUrl !== undefined && (
        <p class="row__actions">
          <button
            type="button"
            data-testid="scan-pdf"
            onClick={() =>
              void browser.tabs.create({
                url: new URL(`/report.html?scan=${encodeURIComponent(pdfUrl)}`, location.href).href,
              })
            }
          >
            {t('popup_scanPdf')}
          </button>
        </p>
      )}
      {error !== null && <p class="error">{error}</p>}
      {differs > 0 && (
        <p class="must-see must-see--bad" role="alert" data-testid="recipient-mismatch">
          <strong>
            <span aria-hidden="true">✖ </span>
            {t('popup_recipientDiffers', differs)}
          </strong>
        </p>
      )}
      {view !== null && view.entries.length === 0 && <p class="empty">{t('popup_empty')}</p>}
      {view !== null && view.entries.length > 0 && (
        <ul class="rows" aria-label={t('popup_list')}>
          {view.entries.map((e) => (
            <Row
              key={e.candidate.url}
              entry={e}
              report={e.reportId === undefined ? undefined : reports[e.reportId]}
              onVerify={(url) => verifyRef.current(url)}
            />
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
          onClick={() =>
            void browser.tabs.create({ url: new URL(`/summary.html?tab=${tabId ?? ''}`, location.href).href })
          }
        >
          {t('popup_summary')}
        </button>
        {' · '}
        <button
          type="button"
          class="link-button"
          data-testid="open-options"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('popup_options')}
        </button>
      </p>
    </main>
  );
}

const root = document.getElementById('app');
setDocumentLanguage();
if (root !== null) render(<Popup />, root);
