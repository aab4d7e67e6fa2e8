/**
 * Endorsements (OB 3.0 §"EndorsementCredential": `endorsement` / `endorsementJwt` on the
 * credential, its achievement and its issuer profile), each verified as a credential in its own
 * right, one level deeper, bounded in count. An endorsement never lowers the endorsed
 * credential's verdict; its result is reported as `endorsement.<n>` and feeds the QA level.
 */
import type { Check } from '../../model/report';
import { gradeVerdict } from '../../report/grade';
import { verifyVcJwt } from './engine-jwt';
import { deeper, MAX_DEPTH, verifyVcJson, type Engine, type EndorsementSummary } from './engine';
import { asArray, check, errorText, idOf, isObj, str, type Json } from './util';

/** SECURITY: endorsements verified per credential (each costs resolution and canonicalisation). */
export const MAX_ENDORSEMENTS = 4;

function collect(vc: Json): { where: string; value: unknown }[] {
  const subject = asArray(vc.credentialSubject).find(isObj);
  const nodes: [string, unknown][] = [
    ['credential', vc],
    ['achievement', isObj(subject) ? subject.achievement : undefined],
    ['issuer', vc.issuer],
  ];
  const out: { where: string; value: unknown }[] = [];
  for (const [where, node] of nodes) {
    if (!isObj(node)) continue;
    for (const e of asArray(node.endorsement)) out.push({ where, value: e });
    for (const e of asArray(node.endorsementJwt)) out.push({ where, value: e });
  }
  return out;
}

/** Verifies the endorsements of a credential. Never throws. */
export async function checkEndorsements(
  vc: Json,
  engine: Engine,
): Promise<{ checks: Check[]; summaries: EndorsementSummary[] }> {
  const found = collect(vc);
  const checks: Check[] = [];
  const summaries: EndorsementSummary[] = [];
  if (found.length === 0 || engine.depth + 1 > MAX_DEPTH) return { checks, summaries };
  for (const [i, e] of found.slice(0, MAX_ENDORSEMENTS).entries()) {
    const id = `endorsement.${i + 1}`;
    try {
      const run =
        typeof e.value === 'string'
          ? await verifyVcJwt(e.value, deeper(engine))
          : isObj(e.value)
            ? await verifyVcJson(e.value, deeper(engine))
            : undefined;
      if (!run) {
        checks.push(
          check.warning(
            id,
            'WARN_ENDORSEMENT_UNREADABLE',
            `An endorsement on the ${e.where} could not be read.`,
          ),
        );
        continue;
      }
      const verdict = gradeVerdict(run.checks);
      const issuer = isObj(run.vc.issuer) ? run.vc.issuer : undefined;
      const name = str(issuer?.name) ?? run.issuerId ?? 'an unnamed endorser';
      const summary: EndorsementSummary = { verdict };
      if (run.issuerId) summary.endorser = run.issuerId;
      if (str(issuer?.name)) summary.endorserName = str(issuer?.name) as string;
      summaries.push(summary);
      const failing = run.checks.find((c) => c.status === 'failed' || c.status === 'error');
      const detail = `Endorsement ${str(run.vc.id) ?? ''} by ${idOf(run.vc.issuer) ?? '?'} (${run.securing}): ${verdict}${failing ? `; ${failing.id} ${failing.code}: ${failing.message}` : ''}`;
      if (verdict === 'verified' || verdict === 'verified-untrusted')
        checks.push(
          check.passed(
            id,
            'OK_ENDORSEMENT',
            `Endorsed by ${name}; the endorsement's signature was verified.`,
            detail,
          ),
        );
      else if (verdict === 'revoked')
        checks.push(
          check.warning(
            id,
            'WARN_ENDORSEMENT_REVOKED',
            `The endorsement by ${name} has been revoked by its issuer.`,
            detail,
          ),
        );
      else
        checks.push(
          check.warning(
            id,
            `WARN_ENDORSEMENT_${verdict.toUpperCase().replace(/-/g, '_')}`,
            `The endorsement by ${name} could not be confirmed (${verdict}).`,
            detail,
          ),
        );
    } catch (error) {
      checks.push(
        check.warning(
          id,
          'WARN_ENDORSEMENT_ERROR',
          'An endorsement could not be checked because of an internal error.',
          errorText(error),
        ),
      );
    }
  }
  if (found.length > MAX_ENDORSEMENTS)
    checks.push(
      check.warning(
        'endorsement.more',
        'WARN_ENDORSEMENT_TOO_MANY',
        `${found.length - MAX_ENDORSEMENTS} more endorsements were not checked.`,
      ),
    );
  return { checks, summaries };
}
