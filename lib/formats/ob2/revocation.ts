/**
 * Revocation (OB 2.0 §"Badge Verification": hosted assertions that are revoked answer 410 Gone
 * or carry `revoked: true` with `revocationReason`; signed assertions are checked against the
 * issuer's `revocationList` — a RevocationList whose `revokedAssertions` holds ids, objects with
 * `id` (and `revocationReason`), or legacy objects with `uid`; validator-core
 * `verify_signed_assertion_not_revoked`). SECURITY: a list that cannot be read is never "not revoked".
 */
import type { VerifyContext } from '../../model/format';
import type { Check } from '../../model/report';
import { fetchDoc, type Budget, type Doc } from './load-graph';
import { asArray, check, isObj, refId, str, types } from './util';

function revokedMessage(reason: string | undefined): string {
  return reason ? `This badge was revoked by its issuer: ${reason}` : 'This badge was revoked by its issuer.';
}

/** Revocation of a hosted assertion: 410 Gone, or `revoked: true` in the hosted copy. */
export function checkHostedRevocation(
  hosted: Doc | undefined,
  gone: { url: string; reason?: string } | undefined,
): Check {
  if (gone) {
    return check.failed(
      'status.revocation',
      'ERR_OB2_REVOKED',
      'revoked',
      revokedMessage(gone.reason),
      `${gone.url} answered HTTP 410 Gone.`,
    );
  }
  if (hosted && hosted.data.revoked === true) {
    return check.failed(
      'status.revocation',
      'ERR_OB2_REVOKED',
      'revoked',
      revokedMessage(str(hosted.data.revocationReason)),
      'The hosted assertion carries revoked: true.',
    );
  }
  return check.passed(
    'status.revocation',
    'OK_OB2_NOT_REVOKED',
    "The issuer's copy does not mark this badge as revoked.",
  );
}

/** Revocation of a signed assertion against the issuer's RevocationList. */
export async function checkSignedRevocation(
  ctx: VerifyContext,
  assertion: Doc,
  issuer: Doc,
  budget: Budget,
): Promise<Check> {
  if (assertion.data.revoked === true) {
    return check.failed(
      'status.revocation',
      'ERR_OB2_REVOKED',
      'revoked',
      revokedMessage(str(assertion.data.revocationReason)),
      'The signed assertion itself carries revoked: true.',
    );
  }
  const listUrl = refId(issuer.data.revocationList);
  if (!listUrl) {
    return check.passed(
      'status.revocation',
      'OK_OB2_NO_REVOCATION_LIST',
      'The issuer publishes no revocation list, so this signed badge cannot have been revoked.',
    );
  }
  const loaded = await fetchDoc(ctx, listUrl, 'revocation list', budget);
  if (!loaded.ok) {
    return check.error(
      'status.revocation',
      loaded.failure.code,
      'unverifiable',
      "The issuer's revocation list could not be read, so CredLens cannot tell whether this badge was revoked.",
      `${loaded.failure.message} ${loaded.failure.detail}`,
    );
  }
  const list = loaded.doc.data;
  if (!types(list).includes('RevocationList')) {
    return check.error(
      'status.revocation',
      'ERR_OB2_REVOCATION_LIST_MALFORMED',
      'unverifiable',
      "The issuer's revocation list is not in the expected format.",
      `${listUrl}: type ${JSON.stringify(types(list))}.`,
    );
  }
  const id = str(assertion.data.id);
  const uid = str(assertion.data.uid);
  const entries = asArray(list.revokedAssertions);
  for (const entry of entries) {
    const matches =
      (typeof entry === 'string' && entry === id) ||
      (isObj(entry) &&
        ((id !== undefined && refId(entry.id) === id) || (uid !== undefined && str(entry.uid) === uid)));
    if (matches) {
      const reason = isObj(entry) ? str(entry.revocationReason) : undefined;
      return check.failed(
        'status.revocation',
        'ERR_OB2_REVOKED',
        'revoked',
        revokedMessage(reason),
        `${id ?? uid ?? '?'} is listed in RevocationList ${listUrl}.`,
      );
    }
  }
  return check.passed(
    'status.revocation',
    'OK_OB2_NOT_REVOKED',
    "The badge is not on its issuer's revocation list.",
    `Checked ${entries.length} entries of ${listUrl}.`,
  );
}
