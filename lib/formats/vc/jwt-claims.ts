/**
 * The `proof.claims` check: JWT registered claims against the credential (VC-JWT 1.1 §6.3.1
 * "JWT decoding": iss ↔ issuer.id, jti ↔ id, sub ↔ credentialSubject.id, nbf ↔ issuanceDate /
 * validFrom, exp ↔ expirationDate / validUntil; OB 3.0 §8.2.4.1; VC-JOSE-COSE 2.0 §3.1.2: claims
 * and credential properties MUST NOT conflict). The dates themselves are judged by validity.window.
 */
import type { Check } from '../../model/report';
import { asArray, check, idOf, isObj, str, type Json } from './util';

const ID = 'proof.claims';

/** The largest NumericDate (seconds) a JavaScript Date can hold: 8.64e15 ms. */
export const MAX_NUMERIC_DATE = 8.64e12;

function seconds(iso: unknown): number | undefined {
  const s = str(iso);
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
}

/** Compares the JWT claims with the credential; `vcClaim` is true for a VC-JWT 1.1 `vc` claim. */
export function checkJwtClaims(payload: Json, vc: Json, vcClaim: boolean): Check {
  const conflicts: string[] = [];
  const notes: string[] = [];
  const pair = (claim: string, value: unknown, prop: string, expected: string | undefined): void => {
    if (value === undefined) return;
    if (expected === undefined) {
      if (vcClaim) notes.push(`${claim} supplies ${prop}`);
      return;
    }
    if (value !== expected)
      conflicts.push(`${claim} ${JSON.stringify(value)} ≠ ${prop} ${JSON.stringify(expected)}`);
  };
  pair('iss', payload.iss, 'issuer', idOf(vc.issuer));
  pair('jti', payload.jti, 'id', str(vc.id));
  const subject = asArray(vc.credentialSubject)[0];
  pair('sub', payload.sub, 'credentialSubject.id', isObj(subject) ? str(subject.id) : undefined);
  const time = (claim: string, props: string[]): void => {
    const v = payload[claim];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_NUMERIC_DATE) {
      conflicts.push(`${claim} ${JSON.stringify(v)} is not a NumericDate a calendar can hold`);
      return;
    }
    const prop = props.find((p) => vc[p] !== undefined);
    const expected = prop ? seconds(vc[prop]) : undefined;
    if (prop && expected !== undefined && expected !== v)
      conflicts.push(`${claim} ${v} ≠ ${prop} ${String(vc[prop])}`);
  };
  time('nbf', ['validFrom', 'issuanceDate']);
  time('exp', ['validUntil', 'expirationDate']);
  // iat is no credential property: a numeric one dates the signature (validity.window); the W3C
  // VC-JOSE-COSE suite's valid samples carry it as text, which dates nothing and is not refused.
  if (conflicts.length > 0)
    return check.failed(
      ID,
      'ERR_JWT_CLAIM_MISMATCH',
      'invalid',
      'The signed token and the credential inside it disagree.',
      conflicts.join('; '),
    );
  // exp / nbf / iat are enforced by validity.window, the one place for dates (see validity.ts).
  if (!vcClaim && (payload.vc !== undefined || payload.vp !== undefined))
    return check.warning(
      ID,
      'WARN_JWT_VC_VP_CLAIMS',
      'The token carries extra "vc"/"vp" fields that are ignored.',
      'VC-JOSE-COSE: the payload is the credential; vc/vp claims carry no meaning.',
    );
  return check.passed(
    ID,
    'OK_JWT_CLAIMS',
    'The signed token and the credential inside it agree.',
    notes.length > 0 ? notes.join('; ') : undefined,
  );
}
