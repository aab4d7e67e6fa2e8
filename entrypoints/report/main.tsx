/**
 * Report page: one full report (`?id=`), and a place to check a file or URL the user has.
 * A CV (PDF or HTML page) is scanned (`file/scan`) and the credentials found in it are
 * listed with their verdicts; any other file is verified as a credential itself.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DropZone } from '../../components/DropZone';
import { t, setDocumentLanguage } from '../../components/i18n';
import { ReportView } from '../../components/ReportView';
import type { RecipientCheckResult } from '../../components/RecipientCheck';
import { isCvFile, verifyInputOf } from '../../components/row-facts';
import { ScanResults } from '../../components/ScanResults';
import '../../components/styles.css';
import { classifyLink } from '../../lib/detect/classify-link';
import { request } from '../../lib/extension/messaging';
import { loadTrustSources, readSettings } from '../../lib/extension/settings';
import type { VerificationReport } from '../../lib/model/report';
import { LIMITS, type CredentialInput } from '../../lib/model/input';
import { createFetcher } from '../../lib/net/fetcher';
import { decodeBase64, encodeBase64 } from '../../lib/protocol/base64';
import type {
  FileScanValue,
  ReportValue,
  VerifiedValue,
  VerifyRequestInput,
} from '../../lib/protocol/messages';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';

type State =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'scanning'; url?: string }
  | { kind: 'report'; report: VerificationReport }
  | { kind: 'scan'; name: string; value: FileScanValue; seq: number }
  | { kind: 'error'; message: string };

function openReport(reportId: string): void {
  void browser.tabs.create({
    url: new URL(`/report.html?id=${encodeURIComponent(reportId)}`, location.href).href,
  });
}

/** What a credential was checked from, to check it again (with the candidate's e-mail) on this page. */
function toCredentialInput(input: VerifyRequestInput): CredentialInput | null {
  if (input.kind === 'url') return { kind: 'url', url: input.url };
  if (input.kind === 'text')
    return { kind: 'text', text: input.text, ...(input.name === undefined ? {} : { name: input.name }) };
  const bytes = decodeBase64(input.base64);
  if (bytes === null) return null;
  return {
    kind: 'bytes',
    bytes,
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.mediaType === undefined ? {} : { mediaType: input.mediaType }),
  };
}

/** The input a stored report came from: its candidate's, else its source when that is an address. */
function inputOfStored(value: ReportValue): VerifyRequestInput | null {
  if (value.candidate !== undefined) return verifyInputOf(value.candidate);
  const source = value.report.source;
  return /^https?:\/\//i.test(source) && source.length <= 4096 ? { kind: 'url', url: source } : null;
}

function ReportPage() {
  const [state, setState] = useState<State>({ kind: 'empty' });
  /** What the shown report was checked from (kept in this page only). */
  const [checkedInput, setCheckedInput] = useState<VerifyRequestInput | null>(null);
  const [busy, setBusy] = useState(false);
  const [autoVerify, setAutoVerify] = useState(true);

  useEffect(() => {
    void readSettings(browser.storage.local)
      .then((s) => setAutoVerify(s.effective.autoVerify))
      .catch(() => undefined);
    // ?scan=<url>: the popup's "scan this PDF" for a PDF open in the browser's viewer.
    const scanUrl = new URLSearchParams(location.search).get('scan');
    if (scanUrl !== null && /^https?:\/\//i.test(scanUrl) && scanUrl.length <= 4096) {
      void scan({ kind: 'url', url: scanUrl }, scanUrl);
      return;
    }
    const id = new URLSearchParams(location.search).get('id');
    if (id === null) return;
    setState({ kind: 'loading' });
    void request<ReportValue>({ type: 'report/get', reportId: id }).then((r) => {
      if (r.ok) setCheckedInput(inputOfStored(r.value));
      setState(
        r.ok ? { kind: 'report', report: r.value.report } : { kind: 'error', message: r.error.message },
      );
    });
  }, []);

  useEffect(() => {
    document.title =
      state.kind === 'report' ? `CredLens: ${state.report.credential.title ?? 'report'}` : 'CredLens report';
  }, [state]);

  const verify = async (input: VerifyRequestInput) => {
    setBusy(true);
    const r = await request<VerifiedValue>({ type: 'credential/verify', input });
    setBusy(false);
    if (!r.ok) return setState({ kind: 'error', message: r.error.message });
    history.replaceState(null, '', `?id=${encodeURIComponent(r.value.reportId)}`);
    setCheckedInput(input);
    setState({ kind: 'report', report: r.value.report });
  };

  /**
   * The candidate's e-mail: verifies the shown credential again here with it as the recipient to
   * compare (as the profile summary does), so the address never leaves this page.
   */
  const checkRecipient = async (email: string): Promise<RecipientCheckResult> => {
    const input = checkedInput === null ? null : toCredentialInput(checkedInput);
    if (input === null) return { ok: false, message: t('report_emailNoInput') };
    const { sources } = await loadTrustSources(browser.storage.local);
    const report = await verifyCredential(input, {
      fetch: createFetcher({ redirectMode: 'follow' }),
      now: () => new Date(),
      trust: createTrustStore(sources),
      recipients: [{ type: 'email', value: email }],
    });
    setState({ kind: 'report', report });
    return { ok: true };
  };

  const scan = async (input: Exclude<VerifyRequestInput, { kind: 'text' }>, keepUrl?: string) => {
    setBusy(true);
    setState({ kind: 'scanning', ...(keepUrl === undefined ? {} : { url: keepUrl }) });
    const r = await request<FileScanValue>({ type: 'file/scan', input });
    setBusy(false);
    if (!r.ok) return setState({ kind: 'error', message: r.error.message });
    history.replaceState(null, '', location.pathname);
    setState({
      kind: 'scan',
      name: (input.kind === 'url' ? input.url : input.name) ?? r.value.source,
      value: r.value,
      seq: Date.now(),
    });
  };

  const onFile = async (file: File) => {
    if (file.size > LIMITS.maxInputBytes) {
      return setState({ kind: 'error', message: t('drop_tooLarge', LIMITS.maxInputBytes / 1024 / 1024) });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const input: VerifyRequestInput & { kind: 'bytes' } = {
      kind: 'bytes',
      base64: encodeBase64(bytes),
      name: file.name.slice(0, 255),
    };
    if (file.type !== '') input.mediaType = file.type.slice(0, 100);
    if (isCvFile(file.name, file.type, bytes)) await scan(input);
    else await verify(input);
  };

  const onUrl = (url: string) => {
    // A human page URL of a known platform becomes its machine-readable endpoint.
    const target = classifyLink(url)?.url ?? url;
    if (!/^https?:\/\//i.test(target)) return setState({ kind: 'error', message: t('drop_needHttps') });
    void verify({ kind: 'url', url: target });
  };

  return (
    <main class="page">
      <div class="topbar">
        <span class="brand">CredLens</span>
        <span class="muted small">{t('report_title')}</span>
      </div>
      {state.kind === 'loading' && <p role="status">{t('report_loading')}</p>}
      {state.kind === 'scanning' && (
        <p role="status">
          {state.url === undefined ? t('scan_scanning') : `${t('report_scanningUrl')} (${state.url})`}
        </p>
      )}
      {state.kind === 'error' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'report' && <ReportView report={state.report} onCheckRecipient={checkRecipient} />}
      {state.kind === 'scan' && (
        <ScanResults
          key={state.seq}
          name={state.name}
          value={state.value}
          autoVerify={autoVerify}
          verify={(input) => request<VerifiedValue>({ type: 'credential/verify', input })}
          openReport={openReport}
        />
      )}
      {state.kind === 'empty' && <h1>{t('report_check')}</h1>}
      <DropZone busy={busy} onFile={(f) => void onFile(f)} onUrl={onUrl} />
    </main>
  );
}

const root = document.getElementById('app');
setDocumentLanguage();
if (root !== null) render(<ReportPage />, root);
