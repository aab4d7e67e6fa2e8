/**
 * Open Badges 2.0 objects that are not awarded badges (a BadgeClass, an Issuer Profile, another
 * OB class): their schema is validated (OB 2.0 class definitions; validator-core RDF type checks),
 * but there is no learner and nothing to verify, so the result is "unverifiable" for that reason.
 */
import type { Acquired, FormatResult, VerifyContext } from '../../model/format';
import type { Check } from '../../model/report';
import { createBudget, resolveRef, type Doc } from './load-graph';
import { buildResult } from './result';
import { badgeClassProblems, issuerProblems, typeProblems } from './schema';
import { check, str, types } from './util';

const KIND: Record<string, string> = {
  BadgeClass: 'a badge description (BadgeClass)',
  Issuer: 'an issuer profile',
  Profile: 'a profile',
  CryptographicKey: 'a public key',
  RevocationList: 'a revocation list',
  Endorsement: 'an endorsement',
};

/** Validates a non-assertion OB 2.0 object and explains why it is not a verifiable badge. */
export async function verifyDocument(
  acquired: Acquired,
  ctx: VerifyContext,
  doc: Doc,
): Promise<FormatResult> {
  const t = types(doc.data);
  const notice = doc.data.revoked === true && t.length === 0;
  const what = notice
    ? `a revocation notice for badge ${str(doc.data.id) ?? '?'}${str(doc.data.revocationReason) ? ` ("${str(doc.data.revocationReason) ?? ''}")` : ''}`
    : (t.map((x) => KIND[x]).find(Boolean) ?? 'an Open Badges object');
  const checks: Check[] = [
    check.failed(
      'format.recognized',
      'ERR_OB2_NOT_AN_ASSERTION',
      'unverifiable',
      `This is ${what} from Open Badges 2.0, not a badge awarded to someone, so there is nothing to verify about a person.`,
      `type ${JSON.stringify(t)}`,
    ),
  ];
  const problems: string[] = [];
  let issuer: Doc | undefined;
  if (t.includes('BadgeClass')) {
    problems.push(...badgeClassProblems(doc.data, ''));
    const loaded = await resolveRef(
      ctx,
      doc.data.issuer,
      doc.raw.issuer,
      'issuer profile',
      createBudget(),
      true,
    );
    if (loaded.ok) {
      issuer = loaded.doc;
      problems.push(...issuerProblems(loaded.doc.data, 'issuer.'));
    } else {
      problems.push(`issuer: ${loaded.failure.message}`);
    }
  } else if (t.includes('Issuer') || t.includes('Profile')) {
    problems.push(...issuerProblems(doc.data, ''));
  } else if (!notice) {
    problems.push(...typeProblems(doc.data, ''));
  }
  checks.push(
    problems.length > 0
      ? check.failed(
          'format.schema',
          'ERR_OB2_SCHEMA',
          'invalid',
          `The data is malformed: ${problems[0] ?? ''}.`,
          problems.join('; '),
        )
      : check.passed('format.schema', 'OK_OB2_SCHEMA', `The ${what} is well-formed Open Badges 2.0 data.`),
  );
  for (const id of ['issuer.identity', 'status.revocation', 'validity.window', 'recipient.match']) {
    checks.push(check.skipped(id, 'Not applicable: this is not an awarded badge.', 'format.recognized'));
  }
  const parts: Parameters<typeof buildResult>[0] = {
    format: {
      id: 'unknown',
      label: `Open Badges 2.0 ${t[0] ?? 'object'} (not an awarded badge)`,
      container: acquired.container,
    },
    checks,
    badge: doc,
  };
  if (issuer) parts.issuer = issuer;
  if (t.includes('Issuer') || t.includes('Profile')) parts.issuer = doc;
  return buildResult(parts);
}
