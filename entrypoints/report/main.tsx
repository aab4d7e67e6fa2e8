/** Report page: one full report (`?id=`), and a place to check a file or URL the user has. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DropZone } from '../../components/DropZone';
import { ReportView } from '../../components/ReportView';
import '../../components/styles.css';
import { classifyLink } from '../../lib/detect/classify-link';
import { request } from '../../lib/extension/messaging';
import type { VerificationReport } from '../../lib/model/report';
import { LIMITS } from '../../lib/model/input';
import { encodeBase64 } from '../../lib/protocol/base64';
import type { ReportValue, VerifiedValue, VerifyRequestInput } from '../../lib/protocol/messages';

type State =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'report'; report: VerificationReport }
  | { kind: 'error'; message: string };

function ReportPage() {
  const [state, setState] = useState<State>({ kind: 'empty' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const id = new URLSearchParams(location.search).get('id');
    if (id === null) return;
    setState({ kind: 'loading' });
    void request<ReportValue>({ type: 'report/get', reportId: id }).then((r) =>
      setState(
        r.ok ? { kind: 'report', report: r.value.report } : { kind: 'error', message: r.error.message },
      ),
    );
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
    setState({ kind: 'report', report: r.value.report });
  };

  const onFile = async (file: File) => {
    if (file.size > LIMITS.maxInputBytes) {
      return setState({
        kind: 'error',
        message: `This file is larger than ${LIMITS.maxInputBytes / 1024 / 1024} MB.`,
      });
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const input: VerifyRequestInput = {
      kind: 'bytes',
      base64: encodeBase64(bytes),
      name: file.name.slice(0, 255),
    };
    if (file.type !== '') input.mediaType = file.type.slice(0, 100);
    await verify(input);
  };

  const onUrl = (url: string) => {
    // A human page URL of a known platform becomes its machine-readable endpoint.
    const target = classifyLink(url)?.url ?? url;
    if (!/^https?:\/\//i.test(target))
      return setState({ kind: 'error', message: 'Enter an address starting with https://' });
    void verify({ kind: 'url', url: target });
  };

  return (
    <div class="page">
      <div class="topbar">
        <span class="brand">CredLens</span>
        <span class="muted small">Verification report</span>
      </div>
      {state.kind === 'loading' && <p role="status">Loading the report…</p>}
      {state.kind === 'error' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'report' && <ReportView report={state.report} />}
      {state.kind === 'empty' && <h1>Check a credential</h1>}
      <DropZone busy={busy} onFile={(f) => void onFile(f)} onUrl={onUrl} />
    </div>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<ReportPage />, root);
