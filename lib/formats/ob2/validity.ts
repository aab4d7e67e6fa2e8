/**
 * Validity window (OB 2.0 §"Assertion": `issuedOn` DateTime, optional `expires` DateTime;
 * validator-core `assertion_timestamp_checks`: issue date not in the future, expiry not before
 * issue, not expired). Decision: an `issuedOn` in the future is a false claim about a past
 * award, not a not-yet-valid credential (OB 2.0 has no validFrom), so it is `invalid`, after a
 * 5-minute allowance for clock skew; `expires` before `issuedOn` is malformed → `invalid`.
 */
import type { Check } from '../../model/report';
import { check, parseDate } from './util';

/** Clock skew tolerated for issuedOn (ms). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The validity.window check for issuedOn/expires at `now`. */
export function checkValidity(issuedOnRaw: unknown, expiresRaw: unknown, now: Date): Check {
  const issuedOn = parseDate(issuedOnRaw);
  if (!issuedOn) {
    return check.failed(
      'validity.window',
      'ERR_OB2_ISSUED_ON_INVALID',
      'invalid',
      'The badge has no readable issue date.',
      `issuedOn: ${JSON.stringify(issuedOnRaw ?? null)}`,
    );
  }
  const at = now.toISOString();
  if (issuedOn.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return check.failed(
      'validity.window',
      'ERR_NOT_YET_VALID',
      'expired',
      `This badge is not valid yet: it says it was issued on ${issuedOn.toISOString().slice(0, 10)}, after the time of checking.`,
      `issuedOn ${issuedOn.toISOString()} > now ${at}.`,
    );
  }
  if (expiresRaw !== undefined && expiresRaw !== null) {
    const expires = parseDate(expiresRaw);
    if (!expires) {
      return check.failed(
        'validity.window',
        'ERR_OB2_EXPIRES_INVALID',
        'invalid',
        'The badge has an expiry date that cannot be read.',
        `expires: ${JSON.stringify(expiresRaw)}`,
      );
    }
    if (expires.getTime() < issuedOn.getTime()) {
      return check.failed(
        'validity.window',
        'ERR_OB2_EXPIRES_BEFORE_ISSUED',
        'invalid',
        'The badge expires before it was issued, so its dates are contradictory.',
        `expires ${expires.toISOString()} < issuedOn ${issuedOn.toISOString()}.`,
      );
    }
    if (expires.getTime() < now.getTime()) {
      return check.failed(
        'validity.window',
        'ERR_OB2_EXPIRED',
        'expired',
        `This badge expired on ${expires.toISOString().slice(0, 10)}.`,
        `expires ${expires.toISOString()} < now ${at}.`,
      );
    }
    return check.passed(
      'validity.window',
      'OK_OB2_VALID_WINDOW',
      `Issued on ${issuedOn.toISOString().slice(0, 10)}; valid until ${expires.toISOString().slice(0, 10)}.`,
    );
  }
  return check.passed(
    'validity.window',
    'OK_OB2_VALID_WINDOW',
    `Issued on ${issuedOn.toISOString().slice(0, 10)}; does not expire.`,
  );
}
