/** Grading: the verdict, the authenticity level after trust lists, and the one-sentence summary (TRUST-AND-QA.md). */
import type {
  AuthenticityLevel,
  Check,
  LevelAssessment,
  TrustHit,
  Verdict,
  VerificationReport,
} from '../model/report';
import { readReport } from './headline';
import { englishSummary, englishWords } from './headline-words';
import { VERDICT_ORDER } from '../model/report';

/** The verdict a check forces: its `impact` when not passed; an `error` without impact is unverifiable. */
function checkImpact(check: Check): Verdict | undefined {
  if (check.status === 'passed' || check.status === 'skipped') return undefined;
  if (check.impact) return check.impact;
  return check.status === 'error' ? 'unverifiable' : undefined;
}

/** Checks that establish the document itself: until they pass, its status and dates say nothing. */
const establishesDocument = (check: Check): boolean =>
  check.id === 'format.recognized' || check.id.startsWith('proof.');

/**
 * Worst verdict forced by any check, or `verified` when none lowers it. `revoked` and `expired`
 * are facts about a proven document: when its proof failed or could not be checked, its status
 * and dates decide nothing, and the verdict is `unverifiable` (or `invalid`).
 */
export function gradeVerdict(checks: readonly Check[]): Verdict {
  let worst = VERDICT_ORDER.indexOf('verified');
  for (const check of checks) {
    const impact = checkImpact(check);
    if (impact) worst = Math.min(worst, VERDICT_ORDER.indexOf(impact));
  }
  const verdict = VERDICT_ORDER[worst] ?? 'unverifiable';
  if (
    (verdict === 'revoked' || verdict === 'expired') &&
    checks.some((c) => establishesDocument(c) && checkImpact(c))
  )
    return 'unverifiable';
  return verdict;
}

const LEVEL_RANK: Record<AuthenticityLevel, number> = { A0: 0, A1: 1, A2: 2, A3: 3, A4: 4 };

/**
 * Final authenticity level: A0 when nothing is proven (invalid, unverifiable); otherwise the
 * format's own level, raised to A3 by an allow-list hit (never by data the page supplied).
 */
export function gradeAuthenticity(
  verdict: Verdict,
  formatLevel: LevelAssessment<AuthenticityLevel>,
  hits: readonly TrustHit[],
  failing: readonly Check[],
): LevelAssessment<AuthenticityLevel> {
  if (verdict === 'invalid' || verdict === 'unverifiable') {
    // Each reason once: several proofs failing alike (a proof set) give one sentence, not a chorus.
    const reasons = [...new Set(failing.filter((c) => checkImpact(c) === verdict).map((c) => c.message))];
    return { level: 'A0', evidence: reasons.length > 0 ? reasons : ['Nothing could be proven.'] };
  }
  const denied = hits.some((h) => h.list === 'deny');
  const allow = hits.find((h) => h.list === 'allow');
  if (allow && !denied && LEVEL_RANK[formatLevel.level] < LEVEL_RANK.A3) {
    return {
      level: 'A3',
      evidence: [
        ...formatLevel.evidence,
        `Issuer is on "${allow.sourceLabel}"${allow.entryName ? ` as ${allow.entryName}` : ''} (${allow.entryId}).`,
      ],
    };
  }
  return formatLevel;
}

/**
 * Completes a report: its reading (the three answers and the headline, headline.ts) and the
 * plain-English summary that follows from them. A recipient mismatch leads the summary: it must
 * not trail as a caution.
 */
export function withReading<R extends Omit<VerificationReport, 'summary' | 'headline' | 'answers'>>(
  report: R,
  summary?: string,
): R & Pick<VerificationReport, 'summary' | 'headline' | 'answers'> {
  const draft = { ...report, summary: '' } as VerificationReport;
  const reading = readReport(draft);
  const recipient = draft.checks.find((c) => c.id === 'recipient.match' && c.status === 'failed');
  const lead = recipient ? `${englishWords('ans_recipient_differs')} ${recipient.message} ` : '';
  return {
    ...report,
    headline: reading.headline,
    answers: reading.answers,
    summary: `${lead}${summary ?? englishSummary(reading, draft)}`,
  };
}
