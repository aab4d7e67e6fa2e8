/**
 * The verification record for HR files: what was checked, when, the verdicts, the evidence, the EU
 * standard elements, the learner, the checks, the addresses contacted and the versions of the trust
 * data used. JSON (machine-readable) and a printable HTML page in the reader's language, laid out
 * for A4 (escaped text only, no scripts).
 */
import type { ContactedUrl, ElementKey, ElementStatus, VerificationReport } from '../lib/model/report';
import { readReport, type Headline } from '../lib/report/headline';
import { answerLines, headlineLabel, headlineSentence } from '../lib/report/headline-words';
import { t, uiLanguage, words } from './i18n';
import { authName, qaName } from './LevelsPanel';
import {
  elementLabel,
  elementStatusWord,
  elementValueText,
  issuerLine,
  learnerShown,
  readableDate,
  readableDateTime,
} from './readable';

export const RECORD_FORMAT = 'credlens-verification-record/1';

/** One credential in the record (fields are added, never renamed: the format stays `/1`). */
export interface RecordCredential {
  title?: string;
  issuer?: string;
  /** The awarding body the credential names, when it differs from the issuer (a sealed EDC). */
  awardedBy?: string;
  /** How the credential identifies its learner, as the report states it. */
  learner?: string;
  issuedOn?: string;
  expires?: string;
  format: string;
  source: string;
  checkedAt: string;
  verdict: VerificationReport['verdict'];
  /** What a person reads first, and its sentence, in the reader's language. */
  headline: Headline;
  headlineLabel: string;
  sentence: string;
  /** The three questions answered, in the reader's language. */
  answers: { question: string; answer: string }[];
  /** The report's own summary (English). */
  summary: string;
  authenticity: VerificationReport['authenticity'];
  qualityAssurance: VerificationReport['qualityAssurance'];
  elements: {
    key: ElementKey;
    label: string;
    mandatory: boolean;
    status: ElementStatus;
    values?: string[];
    source?: string;
    note?: string;
  }[];
  checks: { id: string; status: string; message: string }[];
  contacted: ContactedUrl[];
  trust: VerificationReport['trust'];
  platform?: string;
  trustData: NonNullable<VerificationReport['trustData']>;
}

export interface VerificationRecord {
  format: typeof RECORD_FORMAT;
  createdAt: string;
  tool: { name: 'CredLens'; version: string };
  /** The page the credentials were found on, when a whole profile is exported. */
  page?: string;
  credentials: RecordCredential[];
}

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** Builds the record from reports (plain JSON). */
/** The headline, its sentence and the three answers of a report, in the reader's language. */
function headlineParts(r: VerificationReport): Pick<RecordCredential, 'headline' | 'headlineLabel' | 'sentence' | 'answers'> {
  const reading = readReport(r);
  const lang = uiLanguage();
  return {
    headline: reading.headline,
    headlineLabel: headlineLabel(reading.headline, words),
    sentence: headlineSentence(reading, words),
    answers: answerLines(reading, r, words, (iso) => readableDate(iso, lang)).map((l) => ({
      question: l.label,
      answer: l.text,
    })),
  };
}

export function buildRecord(
  reports: readonly VerificationReport[],
  meta: { now: Date; version: string; page?: string },
): VerificationRecord {
  return {
    format: RECORD_FORMAT,
    createdAt: meta.now.toISOString(),
    tool: { name: 'CredLens', version: meta.version },
    ...opt('page', meta.page),
    credentials: reports.map((r): RecordCredential => {
      const line = issuerLine(r);
      const learnerEl = r.elements.find((e) => e.key === 'learner' && e.status === 'present');
      return {
        ...opt('title', r.credential.title),
        ...opt('issuer', r.issuer.name ?? r.issuer.id),
        ...opt('awardedBy', line.kind === 'sealed' ? line.awardedBy : undefined),
        ...opt('learner', r.credential.recipient ?? learnerEl?.values?.[0]),
        ...opt('issuedOn', r.credential.issuedOn),
        ...opt('expires', r.credential.expires),
        format: r.format.label,
        source: r.source,
        checkedAt: r.checkedAt,
        verdict: r.verdict,
        ...headlineParts(r),
        summary: r.summary,
        authenticity: r.authenticity,
        qualityAssurance: r.qualityAssurance,
        elements: r.elements.map((e) => ({
          key: e.key,
          label: e.label,
          mandatory: e.mandatory,
          status: e.status,
          ...opt('values', e.values),
          ...opt('source', e.source),
          ...opt('note', e.note),
        })),
        checks: r.checks.map((c) => ({ id: c.id, status: c.status, message: c.message })),
        contacted: r.contacted,
        trust: r.trust,
        ...opt('platform', r.platform?.statement),
        trustData: r.trustData ?? [],
      };
    }),
  };
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** The language tag of the page: letters, digits and hyphens only. */
const langTag = (l: string): string => (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(l) ? l : 'en');

const CHECK_WORDS: Record<string, Parameters<typeof t>[0]> = {
  passed: 'check_passed',
  failed: 'check_failed',
  warning: 'check_warning',
  skipped: 'check_skipped',
  error: 'check_error',
};

function row(label: string, value: string | undefined): string {
  return value === undefined ? '' : `<tr><th scope="row">${esc(label)}</th><td>${value}</td></tr>`;
}

function credentialHtml(c: RecordCredential, lang: string): string {
  const learner = c.learner === undefined ? undefined : learnerShown(c.learner);
  const learnerHtml =
    learner === undefined
      ? undefined
      : `${esc(learner.text)}${learner.did === undefined ? '' : `<br><code class="url">${esc(learner.did)}</code>`}`;
  const issuer =
    c.issuer === undefined
      ? undefined
      : esc(c.awardedBy === undefined ? c.issuer : t('report_sealedBy', c.issuer, c.awardedBy));
  const level = (code: string, name: string, evidence: string[]): string =>
    `<strong>${esc(code)}</strong> — ${esc(name)}${evidence.length > 0 ? `: ${esc(evidence.join(' '))}` : ''}`;
  const elements = c.elements
    .map((e) => {
      const values = (e.values ?? [])
        .map(
          (v) =>
            `<div>${esc(e.key === 'learner' ? learnerShown(v).text : elementValueText(e.key, v, lang))}</div>`,
        )
        .join('');
      const note = e.note === undefined ? '' : `<div class="muted">${esc(e.note)}</div>`;
      const source = e.source === undefined ? '' : `<div class="path"><code>${esc(e.source)}</code></div>`;
      const optional = e.mandatory ? '' : ` <span class="muted">${esc(t('elements_optional'))}</span>`;
      return `<tr class="el el--${esc(e.status)}" data-key="${esc(e.key)}" data-status="${esc(e.status)}"><th scope="row">${esc(elementLabel(e))}${optional}</th><td class="status">${esc(elementStatusWord(e.status))}</td><td>${values}${note}${source}</td></tr>`;
    })
    .join('');
  const checks = c.checks
    .map(
      (k) =>
        `<tr class="chk chk--${esc(k.status)}"><td class="status">${esc(t(CHECK_WORDS[k.status] ?? 'check_error'))}</td><td>${esc(k.message)} <code>${esc(k.id)}</code></td></tr>`,
    )
    .join('');
  const contacted =
    c.contacted.length === 0
      ? `<p class="muted">${esc(t('report_noRequests'))}</p>`
      : `<ul class="contacted">${c.contacted
          .map((u) => {
            const outcome = [
              u.status === undefined ? undefined : `HTTP ${u.status}`,
              u.error,
              u.cached === true ? t('report_cached') : undefined,
            ]
              .filter((x) => x !== undefined)
              .join(' · ');
            return `<li>${esc(u.purpose)}: <code class="url">${esc(u.url)}</code>${outcome ? ` <span class="muted">${esc(outcome)}</span>` : ''}</li>`;
          })
          .join('')}</ul>`;
  const trustData =
    c.trustData.length === 0
      ? '—'
      : c.trustData
          .map((v) =>
            esc(
              `${v.label}${v.version ? ` — ${v.version}` : ''}${v.fetchedAt ? ` (${readableDate(v.fetchedAt, lang)})` : ''}${v.stale ? ` ${t('issuer_stale')}` : ''}`,
            ),
          )
          .join('<br>');
  return `<section class="cred" data-verdict="${esc(c.verdict)}">
<h2>${esc(c.title ?? t('report_untitled'))}</h2>
<p class="verdict" data-headline="${esc(c.headline)}"><strong>${esc(c.headlineLabel)}</strong> — ${esc(c.sentence)}</p>
<table class="answers"><tbody>
${c.answers.map((a) => row(a.question, esc(a.answer))).join('')}
</tbody></table>
<table class="facts"><tbody>
${row(t('report_learner'), learnerHtml)}${row(t('report_issuer'), issuer)}${row(t('report_issued'), c.issuedOn === undefined ? undefined : esc(readableDate(c.issuedOn, lang)))}${row(t('report_expires'), c.expires === undefined ? undefined : esc(readableDate(c.expires, lang)))}
${row(t('report_format'), esc(c.format))}${row(t('report_source'), `<code class="url">${esc(c.source)}</code>`)}${row(t('report_checked'), esc(readableDateTime(c.checkedAt, lang)))}
${row(t('levels_who'), level(c.authenticity.level, authName(c.authenticity.level), c.authenticity.evidence))}${row(t('levels_qa'), level(c.qualityAssurance.level, qaName(c.qualityAssurance.level), c.qualityAssurance.evidence))}
${c.platform === undefined ? '' : row(t('issuer_platform'), esc(c.platform))}${row(t('report_trustData'), trustData)}
</tbody></table>
<h3>${esc(t('report_elements'))}</h3>
${c.elements.length === 0 ? `<p class="muted">${esc(t('elements_none'))}</p>` : `<table class="elements"><thead><tr><th scope="col">${esc(t('elements_col_element'))}</th><th scope="col">${esc(t('elements_col_status'))}</th><th scope="col">${esc(t('elements_col_value'))}</th></tr></thead><tbody>${elements}</tbody></table>`}
<h3>${esc(t('report_checks'))}</h3>
<table class="checks"><tbody>${checks}</tbody></table>
<h3>${esc(t('report_contacted'))}</h3>
${contacted}
</section>`;
}

const PRINT_CSS = `@page{size:A4;margin:16mm 14mm 18mm}
*{box-sizing:border-box}
body{font:10.5pt/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2125;margin:0 auto;max-width:182mm;padding:12mm 0}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:13pt;margin:0 0 .3em}h3{font-size:10.5pt;margin:1em 0 .3em;border-bottom:1px solid #ccc;padding-bottom:.15em}
.meta,.muted{color:#555}.cred{border-top:2px solid #1d2125;padding-top:.6em;margin-top:1.2em}
.cred+.cred{break-before:page}
table{width:100%;border-collapse:collapse;table-layout:fixed}th,td{text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd;overflow-wrap:anywhere}
thead{display:table-header-group}tr{break-inside:avoid}
.facts th,.answers th{width:30%;font-weight:600;color:#333}.elements thead th:nth-child(1){width:30%}.elements thead th:nth-child(2){width:9em}.checks .status{width:7.5em}
.el--missing .status,.chk--failed .status{color:#a1221a}.el--present .status,.chk--passed .status{color:#1e6b30}
code{font:8.5pt/1.3 ui-monospace,Menlo,Consolas,monospace;color:#444}.url,code{overflow-wrap:anywhere;word-break:break-word}
.path{margin-top:2px}.contacted{margin:0;padding-left:1.2em}h2,h3{break-after:avoid}
@media print{body{padding:0;max-width:none}a{color:inherit;text-decoration:none}}`;

/** A self-contained printable page in the reader's language (no scripts; every value escaped). */
export function renderRecordHtml(rec: VerificationRecord, opts: { lang?: string } = {}): string {
  const lang = langTag(opts.lang ?? uiLanguage());
  const title = t('export_title');
  const generated = t('export_generated', readableDateTime(rec.createdAt, lang), rec.tool.version);
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${PRINT_CSS}</style>
</head><body><h1>${esc(title)}</h1><p class="meta">${esc(generated)}${rec.page ? ` — <code class="url">${esc(rec.page)}</code>` : ''}</p>
${rec.credentials.map((c) => credentialHtml(c, lang)).join('\n')}
<script type="application/json" id="record">${esc(JSON.stringify(rec))}</script>
</body></html>`;
}

/** Offers a file download from an extension page. */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens the printable page in a new tab. */
export function openPrintable(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
}
