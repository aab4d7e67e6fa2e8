/**
 * The engine for JWT-secured credentials: VC-JWT 1.1 (`vc` claim; OB 3.0 §8.2.4 "JSON Web Token
 * Proof Format") and VC-JOSE-COSE 2.0 `vc+jwt` (the payload is the credential). For a `vc` claim,
 * the credential's issuer/id/subject/dates are completed from iss/jti/sub/nbf/exp (VC-JWT 1.1
 * §6.3.1) after checking that they do not conflict.
 */
import type { Check } from '../../model/report';
import { verifyJwt } from '../../proof/jwt';
import { decodeJwt, isVcJson, vcKind, VC_V1 } from './claims';
import { unresolvedCheck } from './di-checks';
import { afterProof, LABEL, type Engine, type VcRun } from './engine';
import type { SignerKey } from './issuer';
import { checkJwtClaims, MAX_NUMERIC_DATE } from './jwt-claims';
import { checkSchema } from './schema';
import { asArray, check, idOf, isObj, str, type Json } from './util';

/** A NumericDate as an ISO date, or undefined when absent or outside what a Date can hold. */
function iso(seconds: unknown): string | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) && Math.abs(seconds) <= MAX_NUMERIC_DATE
    ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
    : undefined;
}

/** The credential a VC-JWT 1.1 payload describes, completed from the registered claims. */
function completeFromClaims(payload: Json, vc: Json): Json {
  const out: Json = { ...vc };
  const iss = str(payload.iss);
  if (iss && !idOf(out.issuer)) out.issuer = iss;
  if (str(payload.jti) && out.id === undefined) out.id = payload.jti;
  const v1 = asArray(vc['@context'])[0] === VC_V1;
  const nbf = iso(payload.nbf);
  const exp = iso(payload.exp);
  if (nbf && out.validFrom === undefined && out.issuanceDate === undefined)
    out[v1 ? 'issuanceDate' : 'validFrom'] = nbf;
  if (exp && out.validUntil === undefined && out.expirationDate === undefined)
    out[v1 ? 'expirationDate' : 'validUntil'] = exp;
  const sub = str(payload.sub);
  const subject = asArray(out.credentialSubject)[0];
  if (sub && isObj(subject) && subject.id === undefined) out.credentialSubject = { ...subject, id: sub };
  return out;
}

/** A vc+jwt payload's own dates, with nbf / exp standing in where the credential has none. */
function completeDates(payload: Json, vc: Json): Json {
  const out: Json = { ...vc };
  const nbf = iso(payload.nbf);
  const exp = iso(payload.exp);
  if (nbf && out.validFrom === undefined) out.validFrom = nbf;
  if (exp && out.validUntil === undefined) out.validUntil = exp;
  return out;
}

/** Verifies a compact-JWS credential. */
export async function verifyVcJwt(token: string, engine: Engine): Promise<VcRun | undefined> {
  const decoded = decodeJwt(token);
  if (!decoded) return undefined;
  const { header, payload } = decoded;
  const vcClaim = isObj(payload.vc) && isVcJson(payload.vc) && header.typ !== 'vc+jwt';
  const raw = vcClaim ? (payload.vc as Json) : payload;
  const vc = vcClaim ? completeFromClaims(payload, raw) : raw;
  const kind = vcKind(vc);
  const checks: Check[] = [
    check.passed(
      'format.recognized',
      'OK_VC_JWT',
      `Recognised as ${LABEL[kind]}, signed as a JSON Web Token (${vcClaim ? 'VC-JWT 1.1 "vc" claim' : 'VC-JOSE-COSE vc+jwt'}).`,
    ),
    checkSchema(vc, kind),
  ];
  const issuer = idOf(vc.issuer) ?? str(payload.iss);
  const outcome = await verifyJwt(token, header, issuer, engine.resolve);
  let signer: SignerKey | undefined;
  if (outcome.status === 'verified') {
    const k = outcome.key;
    signer = { vmId: k.vmId };
    if (k.controller) signer.controller = k.controller;
    if (k.source) signer.source = k.source;
    if (k.selfAsserted) signer.selfAsserted = k.selfAsserted;
    if (k.x5c !== undefined)
      signer.x5c = asArray(header.x5c).filter((c): c is string => typeof c === 'string');
    const how = k.selfAsserted ? ` Key: ${k.selfAsserted} (integrity only).` : ` Key ${k.vmId}.`;
    checks.push(
      check.passed(
        'proof.signature',
        k.selfAsserted ? 'OK_JWT_SIGNATURE_SELF_KEY' : 'OK_JWT_SIGNATURE',
        k.selfAsserted
          ? 'The signature matches the key carried inside the credential itself.'
          : 'The digital signature is valid: the credential has not been changed since it was signed.',
        `${outcome.alg}.${how}`,
      ),
    );
    checks.push(checkJwtClaims(payload, raw, vcClaim));
  } else if (outcome.status === 'unresolved') {
    checks.push(unresolvedCheck('proof.signature', outcome.code, !!outcome.unreachable, outcome.detail));
  } else {
    const message =
      outcome.status === 'unsupported'
        ? 'This credential is signed with a method CredLens does not verify.'
        : outcome.code === 'ERR_JWT_SIGNATURE'
          ? 'The digital signature does not match: the credential was changed after signing, or signed with another key.'
          : 'The signed token is malformed or breaks the rules for signed credentials.';
    checks.push(
      check.failed(
        'proof.signature',
        outcome.code,
        outcome.status === 'invalid' ? 'invalid' : 'unverifiable',
        message,
        outcome.detail,
      ),
    );
  }
  if (outcome.status !== 'verified') {
    checks.push(
      check.skipped('proof.claims', 'Not checked: the signature could not be verified.', 'proof.signature'),
    );
  }
  const claims = checks.find((c) => c.id === 'proof.claims');
  const passed =
    checks.find((c) => c.id === 'proof.signature')?.status === 'passed' &&
    !(claims?.status === 'failed' && claims.impact === 'invalid');
  // The token's nbf/exp bound the validity of a vc+jwt payload too; its iat is the signature's date.
  const dated = vcClaim ? vc : completeDates(payload, vc);
  const iat = iso(payload.iat);
  const rest = await afterProof(
    dated,
    passed,
    signer,
    engine,
    passed ? 'proof.claims' : 'proof.signature',
    iat ? new Date(iat) : undefined,
  );
  checks.push(...rest.checks);
  const run: VcRun = { kind, securing: 'jwt', vc, checks, endorsements: [] };
  if (issuer) run.issuerId = issuer;
  if (rest.identity) run.identity = rest.identity;
  if (signer) run.signerVmId = signer.vmId;
  return run;
}
