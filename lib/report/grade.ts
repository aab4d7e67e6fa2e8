/** Grading: the verdict, the authenticity level after trust lists, and the one-sentence summary (TRUST-AND-QA.md). */
import type {
  AuthenticityLevel,
  Check,
  IssuerInfo,
  LevelAssessment,
  TrustHit,
  Verdict,
} from '../model/report';
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
    const reasons = failing.filter((c) => checkImpact(c) === verdict).map((c) => c.message);
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

/** One plain-language sentence explaining the verdict, plus a warning when the recipient does not match. */
export function summarise(verdict: Verdict, checks: readonly Check[], issuer: IssuerInfo): string {
  const sentence = verdictSentence(verdict, checks, issuer);
  // A recipient mismatch does not make the credential less authentic, but a recruiter must not miss it.
  const recipient = checks.find((c) => c.id === 'recipient.match' && c.status === 'failed');
  return recipient ? `${sentence} Caution: ${recipient.message}` : sentence;
}

function verdictSentence(verdict: Verdict, checks: readonly Check[], issuer: IssuerInfo): string {
  const who =
    issuer.name === undefined
      ? (issuer.id ?? 'an unidentified issuer')
      : issuer.nameSource === 'self-declared'
        ? `a key that calls itself "${issuer.name}" (nothing confirms who holds it)`
        : issuer.name;
  const reason = checks.find((c) => checkImpact(c) === verdict)?.message;
  switch (verdict) {
    case 'verified':
      return `Authentic and valid: issued by ${who}, an issuer your trust lists recognise.`;
    case 'verified-untrusted':
      // Below A2 nothing establishes the issuer: say what is true, not "authentic" (issue 16's rule).
      if (issuer.nameSource === 'self-declared' && issuer.name !== undefined)
        return `Unchanged since it was signed by a key that calls itself "${issuer.name}"; nothing confirms who holds that key. ${reason ?? ''}`.trim();
      return `Authentic and valid, issued by ${who}. ${reason ?? 'No trust list you use names this issuer.'}`;
    case 'expired':
      if (checks.some((c) => c.code === 'ERR_NOT_YET_VALID' && checkImpact(c) === 'expired'))
        return `Not valid yet. ${reason ?? ''}`.trim();
      return `Authentic, but not valid at the time checked. ${reason ?? ''}`.trim();
    case 'revoked':
      return `Authentic, but revoked by its issuer. ${reason ?? ''}`.trim();
    case 'invalid':
      return `Not genuine: ${reason ?? 'the credential failed an integrity check.'}`;
    case 'unverifiable':
      return `Could not be checked: ${reason ?? 'a required check could not run.'}`;
  }
}
