/**
 * Open Badges 0.5 assertions (the pre-1.0 format: `recipient` as a string hash with a top-level
 * `salt`, an embedded `badge` whose `issuer.origin` is the issuer's site; no id, no verification
 * URL, no revocation). Decision: provable only when the copy was fetched from the issuer's origin.
 */
import type { Acquired, FormatResult, VerifyContext } from '../../model/format';
import type { Check, FormatInfo } from '../../model/report';
import { doc, sameSite, skipAll } from './ob1';
import { checkRecipient, looksHashed, type Recipient } from './recipient';
import { buildResult } from './result';
import { authority, check, isObj, str, type Json } from './util';
import { checkValidity } from './validity';

/** Verifies an OB 0.5 assertion: only provable when it was fetched from the issuer's origin. */
export async function verifyOb05(acquired: Acquired, ctx: VerifyContext, a: Json): Promise<FormatResult> {
  const format: FormatInfo = {
    id: 'ob1-hosted',
    label: 'Open Badges 0.5 (hosted)',
    container: acquired.container,
  };
  const badge = isObj(a.badge) ? a.badge : {};
  const issuer = isObj(badge.issuer) ? badge.issuer : {};
  const origin = str(issuer.origin);
  const problems = [
    ...['name', 'description', 'image', 'criteria']
      .filter((k) => badge[k] === undefined)
      .map((k) => `badge.${k} is missing`),
    ...['name', 'origin'].filter((k) => issuer[k] === undefined).map((k) => `badge.issuer.${k} is missing`),
    ...(typeof a.recipient === 'string' ? [] : ['recipient is missing']),
  ];
  const checks: Check[] = [
    check.passed(
      'format.recognized',
      'OK_OB05',
      'Recognised as an Open Badges 0.5 badge (an early format without verification data).',
    ),
  ];
  const schema =
    problems.length > 0
      ? check.failed(
          'format.schema',
          'ERR_OB05_SCHEMA',
          'invalid',
          `The badge data is malformed: ${problems[0] ?? ''}.`,
          problems.join('; '),
        )
      : check.passed(
          'format.schema',
          'OK_OB05_SCHEMA',
          'The badge data has every required Open Badges 0.5 property.',
        );
  checks.push(schema);
  const from = acquired.fetchedFrom?.finalUrl;
  const proof =
    from && sameSite(from, origin)
      ? check.passed(
          'proof.hosted',
          'OK_OB05_ON_ORIGIN',
          `The badge was read from its issuer's site ${authority(origin) ?? ''}.`,
        )
      : check.error(
          'proof.hosted',
          'ERR_OB05_UNVERIFIABLE',
          'unverifiable',
          `Open Badges 0.5 badges carry no verification address; this copy can only be checked when fetched from the issuer's site (${origin ?? 'unknown'}), ${from ? `but it came from ${from}` : 'and CredLens was given only the file'}.`,
        );
  checks.push(proof);
  const identity = typeof a.recipient === 'string' ? a.recipient : '';
  const salt = str(a.salt);
  const recipient: Recipient | undefined = identity
    ? { type: 'email', identity, hashed: looksHashed(identity), ...(salt !== undefined ? { salt } : {}) }
    : undefined;
  if (proof.status !== 'passed' || schema.status !== 'passed') {
    skipAll(
      checks,
      ['issuer.identity', 'status.revocation', 'validity.window', 'recipient.match'],
      'Not checked: the badge itself could not be verified.',
      proof.status !== 'passed' ? 'proof.hosted' : 'format.schema',
    );
  } else {
    checks.push(
      check.passed(
        'issuer.identity',
        'OK_OB05_ISSUER_ORIGIN',
        `Published on the issuer's own site ${authority(origin) ?? ''}.`,
      ),
    );
    checks.push(
      check.passed(
        'status.revocation',
        'OK_OB05_PUBLISHED',
        'The issuer still publishes this badge (Open Badges 0.5 has no other revocation mechanism).',
      ),
    );
    checks.push(checkValidity(a.issued_on ?? a.issuedOn, a.expires, ctx.now));
    checks.push(await checkRecipient(recipient, ctx.recipients));
  }
  const mapped: Json = { ...a, issuedOn: a.issued_on ?? a.issuedOn };
  const parts: Parameters<typeof buildResult>[0] = {
    format,
    checks,
    assertion: doc(mapped),
    badge: doc(badge),
    issuer: doc({ ...issuer, url: origin }),
  };
  if (recipient) parts.recipient = recipient;
  return buildResult(parts);
}
