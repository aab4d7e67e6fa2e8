/**
 * The credentials found in a scanned CV (PDF, HTML page): what each is, where it was found,
 * its platform and address (or attached file), and its verdict once verified. Items the
 * background did not verify (setting `autoVerify` off, or over the per-file limit) get a
 * "Verify" button that sends the candidate's URL or embedded content to `credential/verify`.
 * An item with a report opens it in a new tab, as the popup's rows do.
 */
import { VERDICT_HEADLINE, type Headline } from '../lib/report/headline';
import { useState } from 'preact/hooks';
import type { Verdict } from '../lib/model/report';
import type {
  FileScanItem,
  FileScanValue,
  VerifiedValue,
  VerifyRequestInput,
} from '../lib/protocol/messages';
import type { Reply } from '../lib/protocol/envelope';
import { t } from './i18n';
import { headlineOf } from './VerdictBadge';
import {
  attachmentName,
  issuerClaimOf,
  issuerText,
  kindLabel,
  notVerifiableText,
  platformName,
  rowFacts,
  verifyInputOf,
  whereLabel,
} from './row-facts';
import { VerdictBadge } from './VerdictBadge';

interface ItemState {
  checking: boolean;
  reportId?: string;
  verdict?: Verdict;
  headline?: Headline;
  issuerClaim?: 'key' | 'claim';
  title?: string;
  issuer?: string;
  error?: string;
}

interface Props {
  /** The file's name, for the heading. */
  name: string;
  value: FileScanValue;
  /** The user's autoVerify setting (off: say why items wait for a click). */
  autoVerify: boolean;
  verify: (input: VerifyRequestInput) => Promise<Reply<VerifiedValue>>;
  openReport: (reportId: string) => void;
}

function initial(item: FileScanItem): ItemState {
  const s: ItemState = { checking: false };
  if (item.reportId !== undefined) s.reportId = item.reportId;
  if (item.verdict !== undefined) s.verdict = item.verdict;
  if (item.headline !== undefined) s.headline = item.headline;
  if (item.issuerClaim !== undefined) s.issuerClaim = item.issuerClaim;
  if (item.title !== undefined) s.title = item.title;
  if (item.issuer !== undefined) s.issuer = item.issuer;
  return s;
}

export function ScanResults({ name, value, autoVerify, verify, openReport }: Props) {
  const [states, setStates] = useState<ItemState[]>(() => value.items.map(initial));
  const set = (i: number, s: ItemState) => setStates((prev) => prev.map((p, j) => (j === i ? s : p)));

  const verifyItem = async (i: number) => {
    const item = value.items[i];
    const input = item === undefined ? null : verifyInputOf(item.candidate);
    if (input === null) return;
    set(i, { checking: true });
    const r = await verify(input);
    if (!r.ok) return set(i, { checking: false, error: r.error.message });
    const { report, reportId } = r.value;
    const next: ItemState = { checking: false, reportId, verdict: report.verdict, headline: headlineOf(report) };
    const claim = issuerClaimOf(report);
    if (claim !== undefined) next.issuerClaim = claim;
    if (report.credential.title !== undefined) next.title = report.credential.title;
    const issuer = report.issuer.name ?? report.issuer.url ?? report.issuer.id;
    if (issuer !== undefined) next.issuer = issuer;
    set(i, next);
  };

  const waiting = value.items.some(
    (it, i) => states[i]?.reportId === undefined && verifyInputOf(it.candidate) !== null,
  );

  return (
    <section class="scan-results" aria-labelledby="h-found" data-testid="scan-results" data-type={value.type}>
      <h2 id="h-found">
        {t('scan_title', name)}{' '}
        <span class="muted small" data-testid="scan-count">
          {t('scan_count', value.items.length)}
        </span>
      </h2>
      {value.items.length === 0 && <p class="empty">{t('scan_none')}</p>}
      {!autoVerify && waiting && (
        <p class="notice" data-testid="scan-auto-off">
          {t('scan_autoOff')}
        </p>
      )}
      {value.items.length > 0 && (
        <ul class="rows" aria-label={t('scan_list')}>
          {value.items.map((item, i) => (
            <Item
              key={`${i}:${item.candidate.url}`}
              item={item}
              state={states[i] ?? { checking: false }}
              onVerify={() => void verifyItem(i)}
              openReport={openReport}
            />
          ))}
        </ul>
      )}
      {value.notes.length > 0 && (
        <details class="small">
          <summary>{t('scan_notes')}</summary>
          <ul>
            {value.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Item({
  item,
  state,
  onVerify,
  openReport,
}: {
  item: FileScanItem;
  state: ItemState;
  onVerify: () => void;
  openReport: (reportId: string) => void;
}) {
  const c = item.candidate;
  const facts = rowFacts(c, {
    ...(state.title ? { title: state.title } : {}),
    ...(state.issuer ? { issuer: state.issuer } : {}),
  });
  const file = attachmentName(c);
  const where = whereLabel(c.where);
  const notVerifiable = notVerifiableText(c);
  const canVerify = state.reportId === undefined && !state.checking && verifyInputOf(c) !== null;
  const inner = (
    <>
      {state.verdict !== undefined ? (
        <VerdictBadge
          state={state.headline ?? VERDICT_HEADLINE[state.verdict]}
          verdict={state.verdict}
          testId="verdict"
        />
      ) : state.checking ? (
        <VerdictBadge state="pending" testId="verdict" />
      ) : null}
      <span class="row__title">{facts.title}</span>
      <span class="row__meta" data-testid="scan-item-meta">
        {kindLabel(c)}
        {where !== undefined && ` · ${where}`}
        {' · '}
        <span data-testid="scan-item-platform">{platformName(c)}</span>
        {facts.issuer !== undefined && ` · ${issuerText(facts.issuer, state.issuerClaim)}`}
      </span>
      <span class="row__meta">
        {file !== undefined ? (
          t('found_file', file)
        ) : c.kind === 'embedded' ? null : (
          <code class="url">{c.pageUrl}</code>
        )}
      </span>
      {notVerifiable !== undefined && (
        <span class="row__meta" data-testid="not-verifiable">
          {notVerifiable}
        </span>
      )}
      {state.error !== undefined && <span class="row__meta error">{t('found_failed', state.error)}</span>}
    </>
  );
  const reportId = state.reportId;
  return (
    <li
      class="row"
      data-testid="scan-item"
      data-kind={c.kind}
      data-platform={c.platform}
      data-where={c.where ?? ''}
      data-url={c.url}
    >
      {reportId === undefined ? (
        <div class="row__inner" aria-busy={state.checking}>
          {inner}
        </div>
      ) : (
        <a
          href={`/report.html?id=${encodeURIComponent(reportId)}`}
          onClick={(e) => {
            e.preventDefault();
            openReport(reportId);
          }}
          aria-label={t('popup_openReport', facts.title)}
        >
          {inner}
        </a>
      )}
      {canVerify && (
        <p class="row__actions" style={{ margin: 0, padding: '0 10px 8px' }}>
          <button
            type="button"
            data-testid="verify-button"
            aria-label={t('found_verifyItem', facts.title)}
            onClick={onVerify}
          >
            {t('found_verify')}
          </button>
        </p>
      )}
    </li>
  );
}
