/**
 * The `proof.claims` check: JWT registered claims against the credential (VC-JWT 1.1 §6.3.1
 * "JWT decoding": iss ↔ issuer.id, jti ↔ id, sub ↔ credentialSubject.id, nbf ↔ issuanceDate /
 * validFrom, exp ↔ expirationDate / validUntil; OB 3.0 §8.2.4.1; VC-JOSE-COSE 2.0 §3.1.2: claims
 * and credential properties MUST NOT conflict). Also enforces `exp`/`nbf` at ctx.now.
 */
import type { Check } from '../../model/report';
import { asArray, check, idOf, isObj, str, type Json } from './util';

const ID = 'proof.claims';

function seconds(iso: unknown): number | undefined {
  const s = str(iso);
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
}

/** Compares the JWT claims with the credential; `vcClaim` is true for a VC-JWT 1.1 `vc` claim. */
export function checkJwtClaims(payload: Json, vc: Json, vcClaim: boolean, now: Date): Check {
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
    if (typeof v !== 'number') {
      conflicts.push(`${claim} is not a NumericDate`);
      return;
    }
    const prop = props.find((p) => vc[p] !== undefined);
    const expected = prop ? seconds(vc[prop]) : undefined;
    if (prop && expected !== undefined && expected !== v)
      conflicts.push(`${claim} ${v} ≠ ${prop} ${String(vc[prop])}`);
  };
  time('nbf', ['validFrom', 'issuanceDate']);
  time('exp', ['validUntil', 'expirationDate']);
  if (conflicts.length > 0)
    return check.failed(
      ID,
      'ERR_JWT_CLAIM_MISMATCH',
      'invalid',
      'The signed token and the credential inside it disagree.',
      conflicts.join('; '),
    );
  const t = Math.floor(now.getTime() / 1000);
  if (typeof payload.exp === 'number' && payload.exp < t)
    return check.failed(
      ID,
      'ERR_JWT_EXPIRED',
      'expired',
      `The signed token expired on ${new Date(payload.exp * 1000).toISOString().slice(0, 10)}.`,
      `exp ${payload.exp} < ${t}`,
    );
  if (typeof payload.nbf === 'number' && payload.nbf > t)
    return check.failed(
      ID,
      'ERR_JWT_NOT_YET_VALID',
      'expired',
      `The signed token is not valid before ${new Date(payload.nbf * 1000).toISOString().slice(0, 10)}.`,
      `nbf ${payload.nbf} > ${t}`,
    );
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
