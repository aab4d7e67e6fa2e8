/**
 * The `validity.window` check: VC Data Model 2.0 §4.9 "Validity Period" (`validFrom`, `validUntil`)
 * and VC Data Model 1.1 §4.6/§7.2 (`issuanceDate`, `expirationDate`), evaluated at ctx.now
 * (the CLI's --now). A date that cannot be parsed is a malformed credential.
 */
import type { Check } from '../../model/report';
import { check, str, type Json } from './util';

const ID = 'validity.window';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function parse(value: unknown): Date | null | undefined {
  if (value === undefined) return undefined;
  const s = str(value);
  if (!s || !DATE_TIME.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Checks the validity period of a credential at `now`. */
export function checkValidity(vc: Json, now: Date): Check {
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
  if (from && from > now)
    return check.failed(
      ID,
      'ERR_NOT_YET_VALID',
      'expired',
      `This credential is not valid until ${from.toISOString().slice(0, 10)}.`,
      `${fromKey} ${str(vc[fromKey]) ?? ''} is after ${at}.`,
    );
  if (until && until < now)
    return check.failed(
      ID,
      'ERR_EXPIRED',
      'expired',
      `This credential expired on ${until.toISOString().slice(0, 10)}.`,
      `${untilKey} ${str(vc[untilKey]) ?? ''} is before ${at}.`,
    );
  const span = `${from ? `from ${from.toISOString().slice(0, 10)}` : 'no start date'}${until ? ` until ${until.toISOString().slice(0, 10)}` : ', no end date'}`;
  return check.passed(
    ID,
    'OK_VALIDITY',
    `The credential is valid at the time checked (${span}).`,
    `Evaluated at ${at}.`,
  );
}
