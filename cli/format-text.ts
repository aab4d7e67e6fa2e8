/** The readable (non-JSON) summary of a report for a terminal. */
import { BADGE_LOOK } from '../components/verdict-meta';
import type { CheckStatus, VerificationReport } from '../lib/model/report';
import { HEADLINE_TONE, readReport, type Tone } from '../lib/report/headline';
import { answerLines, englishDate, englishWords, headlineLabel } from '../lib/report/headline-words';
import { dateWords } from '../lib/report/values';

/** Where the issuer's name comes from (report.issuer.nameSource), as the CLI says it. */
const NAME_SOURCE: Record<NonNullable<VerificationReport['issuer']['nameSource']>, string> = {
  'trust-source': 'name from the trust source',
  issuer: 'name stated by the issuer',
  'self-declared': 'self-declared name',
};

/** Terminal colour per tone of the headline: green only for a trusted issuer, red for red flags. */
const TONE_COLOUR: Record<Tone, number> = { good: 32, fair: 36, caution: 33, bad: 31, unknown: 35 };
const ANSWER_MARK = { good: '✔', bad: '✖', open: '–' } as const;

const STATUS_MARK: Record<CheckStatus, string> = {
  passed: '✔',
  failed: '✖',
  warning: '⚠',
  skipped: '–',
  error: '!',
};

/** Text from the credential on one line: whitespace and control characters collapsed, trimmed. */
const oneLine = (text: string | undefined): string => (text ?? '').replace(/[\s\p{Cc}]+/gu, ' ').trim();

/**
 * Evidence items as separate sentences: each once, ending in a full stop, without those `said`
 * (the summary line) already states.
 */
function sentences(items: readonly string[], said = ''): string {
  const out: string[] = [];
  for (const item of items) {
    const text = oneLine(item);
    if (text === '' || said.includes(text)) continue;
    const sentence = /[.!?…]$/.test(text) ? text : `${text}.`;
    if (!out.includes(sentence)) out.push(sentence);
  }
  return out.join(' ');
}

/** Renders one report as indented text; `colour` adds ANSI colours for terminals. */
export function formatReportText(report: VerificationReport, colour: boolean): string {
  const paint = (code: number, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const dim = (text: string): string => (colour ? `\u001b[2m${text}\u001b[0m` : text);
  const reading = readReport(report);
  const colourOf = TONE_COLOUR[HEADLINE_TONE[reading.headline]];
  const lines: string[] = [];
  const title = report.credential.title ?? '(untitled)';
  // The machine verdict in capitals, then the headline a person reads ("Could not be reached").
  lines.push(
    `${paint(colourOf, `${BADGE_LOOK[reading.headline].icon} ${report.verdict.toUpperCase()} · ${headlineLabel(reading.headline, englishWords)}`)}  ${title}`,
  );
  lines.push(`  ${report.summary}`);
  // The recruiter's three questions, answered (the same words as the extension's report page).
  const width = 22;
  for (const a of answerLines(reading, report, englishWords, englishDate))
    lines.push(`  ${dim(a.label.padEnd(width))} ${ANSWER_MARK[a.tone]} ${a.text}`);
  lines.push(`  ${dim('source:')} ${report.source} · ${report.format.label} (${report.format.container})`);
  if (report.fromPage)
    lines.push(
      `  ${dim('from page:')} ${report.fromPage.url} (a ${report.fromPage.name} page: CredLens checked the credential ${report.fromPage.name} publishes for it, not the page)`,
    );
  const issuerName = oneLine(report.issuer.name);
  const issuerId = oneLine(report.issuer.id);
  if (issuerName || issuerId) {
    const source =
      issuerName && report.issuer.nameSource ? ` (${NAME_SOURCE[report.issuer.nameSource]})` : '';
    lines.push(
      `  ${dim('issuer:')} ${
        issuerName ? `${issuerName}${source}${issuerId ? ` <${issuerId}>` : ''}` : `${issuerId} (not named)`
      }`,
    );
  }
  // Dates as the credential states the day, in English with the month's name ("7 December 2026").
  if (report.credential.issuedOn) lines.push(`  ${dim('issued:')} ${dateWords(report.credential.issuedOn, 'en-GB') ?? report.credential.issuedOn}`);
  if (report.credential.expires) lines.push(`  ${dim('expires:')} ${dateWords(report.credential.expires, 'en-GB') ?? report.credential.expires}`);
  // The summary line already gives the reason: the evidence says only what it does not.
  const authenticity = report.authenticity;
  const restated = authenticity.level === 'A0' ? 'nothing proven (reason above)' : 'as stated above';
  lines.push(
    `  ${dim('authenticity:')} ${authenticity.level} — ${
      sentences(authenticity.evidence, report.summary) || (authenticity.evidence.length > 0 ? restated : '—')
    }`,
  );
  lines.push(
    `  ${dim('quality assurance:')} ${report.qualityAssurance.level} — ${sentences(report.qualityAssurance.evidence) || '—'}`,
  );
  lines.push(`  ${dim('checks:')}`);
  for (const check of report.checks) {
    const extra = check.status === 'skipped' && check.blockedBy ? ` (blocked by ${check.blockedBy})` : '';
    lines.push(`    ${STATUS_MARK[check.status]} ${check.id.padEnd(18)} ${check.message}${extra}`);
  }
  const mandatory = report.elements.filter((e) => e.mandatory);
  if (mandatory.length > 0) {
    const present = mandatory.filter((e) => e.status === 'present');
    lines.push(
      `  ${dim('standard elements:')} ${present.length} of ${mandatory.length} present` +
        (present.length > 0 ? ` (${present.map((e) => e.label).join(', ')})` : ''),
    );
  }
  if (report.differences.length > 0) {
    lines.push(`  ${dim('differs from hosted copy:')} ${report.differences.map((d) => d.path).join(', ')}`);
  }
  lines.push(
    `  ${dim('contacted:')} ${
      report.contacted.length === 0
        ? 'nothing'
        : report.contacted
            .map((c) => `${c.url}${c.status ? ` [${c.status}]` : c.error ? ` [${c.error}]` : ''}`)
            .join(', ')
    }`,
  );
  return lines.join('\n');
}
