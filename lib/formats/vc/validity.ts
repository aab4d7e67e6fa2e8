/**
 * The `validity.window` check: VC Data Model 2.0 §4.9 "Validity Period" (`validFrom`, `validUntil`)
 * and VC Data Model 1.1 §4.6/§7.2 (`issuanceDate`, `expirationDate`), evaluated at ctx.now
 * (the CLI's --now). A date that cannot be parsed is a malformed credential.
 *
 * "Not yet valid", one meaning in every format (issue 14): the credential's validity starts after
 * the time of checking — its validFrom (VC 1.1: issuanceDate), a JWT's nbf, an OB 2.0 issuedOn,
 * or the signature's own date (a Data Integrity proof's `created`, a JWT's `iat`) — by more than
 * the clock skew allowed (CLOCK_SKEW_MS, 5 minutes). It is check `validity.window`, code
 * ERR_NOT_YET_VALID, verdict `expired` (outside its validity window), worded "not valid yet".
 */
import type { Check } from '../../model/report';
import { CLOCK_SKEW_MS } from '../ob2/validity';
import { check, str, type Json } from './util';
import { statedDay } from '../../report/values';

/** A date as the reports print it (UTC day), or the raw text when it is out of range. */
export function dayOf(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an impossible date' : date.toISOString().slice(0, 10);
}

const ID = 'validity.window';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function parse(value: unknown): Date | null | undefined {
  if (value === undefined) return undefined;
  const s = str(value);
  if (!s || !DATE_TIME.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The day a date states in its own offset (2100-12-31T00:00:00+01:00 → 2100-12-31), else its UTC day. */
const dayStated = (raw: unknown, date: Date): string => statedDay(str(raw) ?? '') ?? dayOf(date);

/** Checks the validity period of a credential at `now`; `signedAt` is the relied-on signature's own date. */
export function checkValidity(vc: Json, now: Date, signedAt?: Date): Check {
  const fromKey = vc.validFrom !== undefined ? 'validFrom' : 'issuanceDate';
  const untilKey = vc.validUntil !== undefined ? 'validUntil' : 'expirationDate';
  const from = parse(vc[fromKey]);
  const until = parse(vc[untilKey]);
  if (from === null || until === null) {
    const bad = from === null ? fromKey : untilKey;
    return check.failed(
      ID,
      'ERR_VALIDITY_DATE',
      'invalid',
      `The credential's ${bad} date is not a valid date.`,
      `${bad}: ${JSON.stringify(vc[bad])}`,
    );
  }
  const at = now.toISOString();
  if (from && until && until < from)
    return check.failed(
      ID,
      'ERR_VALIDITY_ORDER',
      'invalid',
      'The credential ends before it starts.',
      `${fromKey} ${from.toISOString()} > ${untilKey} ${until.toISOString()}`,
    );
  const late = now.getTime() + CLOCK_SKEW_MS;
  if (from && from.getTime() > late)
    return check.failed(
      ID,
      'ERR_NOT_YET_VALID',
      'expired',
      `This credential is not valid yet: it becomes valid on ${dayStated(vc[fromKey], from)}.`,
      `${fromKey} ${str(vc[fromKey]) ?? ''} is after ${at}.`,
    );
  if (signedAt && signedAt.getTime() > late)
    return check.failed(
      ID,
      'ERR_NOT_YET_VALID',
      'expired',
      `This credential is not valid yet: its signature is dated ${dayOf(signedAt)}, after the time of checking.`,
      `signed ${signedAt.toISOString()} is after ${at}.`,
    );
  if (until && until < now)
    return check.failed(
      ID,
      'ERR_EXPIRED',
      'expired',
      `This credential expired on ${dayStated(vc[untilKey], until)}.`,
      `${untilKey} ${str(vc[untilKey]) ?? ''} is before ${at}.`,
    );
  const span = `${from ? `from ${dayStated(vc[fromKey], from)}` : 'no start date'}${until ? ` until ${dayStated(vc[untilKey], until)}` : ', no end date'}`;
  return check.passed(
    ID,
    'OK_VALIDITY',
    `The credential is valid at the time checked (${span}).`,
    `Evaluated at ${at}.`,
  );
}
