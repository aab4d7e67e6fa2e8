/**
 * The `format.schema` check: the structure VC Data Model 1.1 §4 / 2.0 §4 requires (base context
 * first, `VerifiableCredential` type, `issuer`, `credentialSubject`; `issuanceDate` in 1.1), plus
 * the OB 3.0 §"AchievementCredential" / CLR 2.0 §"ClrCredential" / OB 3.0 §"EndorsementCredential"
 * essentials (subject, achievement and profile types). JSON-LD definition of every term is
 * enforced separately by canonicalisation in safe mode.
 */
import type { Check } from '../../model/report';
import { VC_V1, VC_V2, type VcKind } from './claims';
import { asArray, check, idOf, isObj, typesOf, type Json } from './util';

const ID = 'format.schema';

function problems(vc: Json, kind: VcKind): string[] {
  const out: string[] = [];
  const base = asArray(vc['@context'])[0];
  if (base !== VC_V2 && base !== VC_V1)
    out.push(`the first @context is ${JSON.stringify(base)}, not the VC base context`);
  if (!typesOf(vc).includes('VerifiableCredential')) out.push('type does not include VerifiableCredential');
  if (!idOf(vc.issuer)) out.push('issuer (with an id) is missing');
  if (isObj(vc.issuer) && kind !== 'vc' && !typesOf(vc.issuer).includes('Profile'))
    out.push('issuer type is not Profile');
  const subjects = asArray(vc.credentialSubject);
  if (subjects.length === 0 || !subjects.every(isObj)) out.push('credentialSubject is missing');
  if (base === VC_V1 && vc.issuanceDate === undefined)
    out.push('issuanceDate is required by VC Data Model 1.1');
  const subject = subjects[0];
  if (kind === 'ob3' && isObj(subject)) {
    if (!typesOf(subject).includes('AchievementSubject'))
      out.push('credentialSubject type is not AchievementSubject');
    if (!isObj(subject.achievement)) out.push('credentialSubject.achievement is missing');
    else if (!typesOf(subject.achievement).includes('Achievement'))
      out.push('achievement type is not Achievement');
  }
  if (kind === 'clr2' && isObj(subject)) {
    if (!typesOf(subject).includes('ClrSubject')) out.push('credentialSubject type is not ClrSubject');
    if (asArray(subject.verifiableCredential).length === 0)
      out.push('credentialSubject.verifiableCredential is empty');
  }
  if (kind === 'endorsement' && isObj(subject) && !typesOf(subject).includes('EndorsementSubject'))
    out.push('credentialSubject type is not EndorsementSubject');
  return out;
}

/** Checks the credential's required structure. */
export function checkSchema(vc: Json, kind: VcKind): Check {
  const found = problems(vc, kind);
  if (found.length === 0)
    return check.passed(ID, 'OK_VC_SCHEMA', 'The credential has all the parts its standard requires.');
  return check.failed(
    ID,
    'ERR_VC_SCHEMA',
    'invalid',
    'The credential is malformed: it lacks parts its standard requires.',
    found.join('; '),
  );
}
