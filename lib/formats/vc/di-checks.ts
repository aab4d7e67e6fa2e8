/**
 * Turns Data Integrity proof outcomes into report checks (VC Data Integrity 1.0 §4.5: a proof set
 * verifies only when every proof verifies; an unsupported suite cannot be verified, so the
 * credential is `unverifiable`, naming the suite — fail closed).
 */
import type { Check } from '../../model/report';
import type { ProofOutcome } from '../../proof/data-integrity';
import type { SignerKey } from './issuer';
import { check } from './util';

const ID = 'proof.signature';

/** Codes that mean "the key cannot be looked up here" (unverifiable), not "the key is wrong" (invalid). */
const UNRESOLVABLE = [
  'ERR_VM_BAD_ID',
  'ERR_VM_NOT_A_METHOD',
  'ERR_DID_METHOD_UNSUPPORTED',
  'ERR_DID_UNREACHABLE',
  'ERR_JWT_NO_KEY',
];

/** The check for a key that could not be obtained: unverifiable when it cannot be looked up, invalid when it is refused. */
export function unresolvedCheck(id: string, code: string, unreachable: boolean, detail: string): Check {
  if (unreachable)
    return check.failed(
      id,
      code,
      'unverifiable',
      "The issuer's signing key could not be fetched, so the signature cannot be checked.",
      detail,
    );
  if (UNRESOLVABLE.includes(code))
    return check.failed(
      id,
      code,
      'unverifiable',
      'The key this credential names cannot be looked up, so the signature cannot be checked.',
      detail,
    );
  return check.failed(
    id,
    code,
    'invalid',
    'The key this credential names is not one its owner allows for signing credentials.',
    detail,
  );
}

function line(o: ProofOutcome): string {
  const rules = o.rules.length > 0 ? ` Canonicalisation rule applied: ${o.rules.join('; ')}.` : '';
  const self = o.selfAsserted
    ? ` Key read from the method id itself (integrity only): ${o.methodFailure?.reason ?? ''}.`
    : '';
  return `#${o.index + 1} ${o.suite}: ${o.status} (${o.code}) ${o.detail}${self}${rules}`;
}

function one(o: ProofOutcome, id: string): Check {
  const d = line(o);
  switch (o.status) {
    case 'verified':
      return check.passed(
        id,
        o.selfAsserted ? 'OK_DI_SIGNATURE_SELF_KEY' : 'OK_DI_SIGNATURE',
        o.selfAsserted
          ? 'The signature matches the key named in the credential.'
          : 'The digital signature is valid: the credential has not been changed since it was signed.',
        d,
      );
    case 'invalid':
      if (o.code === 'ERR_JSONLD_UNSAFE')
        return check.failed(
          id,
          o.code,
          'invalid',
          'The credential contains data its own vocabulary does not define, so that data is not covered by the signature.',
          d,
        );
      return check.failed(
        id,
        o.code,
        'invalid',
        o.code === 'ERR_DI_SIGNATURE' || o.code === 'ERR_DI_SD_SIGNATURE'
          ? 'The digital signature does not match: the credential was changed after signing, or signed with another key.'
          : 'The signature is malformed or does not meet the rules for this kind of proof.',
        d,
      );
    case 'unsupported':
      return check.failed(
        id,
        o.code,
        'unverifiable',
        o.code === 'ERR_DI_SD_BASE_PROOF'
          ? "This is the issuer's base proof of a selective-disclosure credential, meant for the holder only: the holder must derive a proof before sharing it."
          : o.code === 'ERR_DI_SD_LIMIT'
            ? 'The selective-disclosure proof is larger than CredLens checks (too many statements or signatures).'
            : `This credential is signed with "${o.suite}", a method CredLens does not verify.`,
        d,
      );
    case 'undecidable':
      return check.error(
        id,
        o.code,
        'unverifiable',
        'The credential uses a vocabulary (JSON-LD context) CredLens does not have, so its signature cannot be checked.',
        d,
      );
    case 'unresolved':
      return unresolvedCheck(id, o.code, !!o.methodFailure?.unreachable, d);
  }
}

/** The proof checks (one overall, plus one per proof when there are several) and the signer key. */
export function diChecks(
  outcomes: readonly ProofOutcome[],
  issuer?: string,
): { checks: Check[]; signer?: SignerKey } {
  if (outcomes.length === 0) {
    return {
      checks: [
        check.failed(
          ID,
          'ERR_PROOF_MISSING',
          'unverifiable',
          'This credential carries no signature, so nothing in it can be confirmed.',
          'No proof (Data Integrity) and not a JWT.',
        ),
      ],
    };
  }
  const perProof = outcomes.length > 1 ? outcomes.map((o) => one(o, `proof.${o.index + 1}`)) : [];
  const rank = (o: ProofOutcome): number =>
    ['invalid', 'unresolved', 'unsupported', 'undecidable', 'verified'].indexOf(o.status);
  const worst = [...outcomes].sort((a, b) => rank(a) - rank(b))[0] as ProofOutcome;
  let overall = one(worst, ID);
  if (worst.status === 'verified' && outcomes.length > 1) {
    overall = {
      ...overall,
      message: `All ${outcomes.length} digital signatures are valid.`,
      detail: outcomes.map(line).join('\n'),
    };
  } else if (outcomes.length > 1) {
    overall = { ...overall, detail: outcomes.map(line).join('\n') };
  }
  const verified = outcomes.filter((o) => o.status === 'verified');
  const best =
    verified.find((o) => o.method?.controller === issuer) ?? verified.find((o) => o.method) ?? verified[0];
  let signer: SignerKey | undefined;
  if (best?.method) {
    signer = { vmId: best.method.vmId, controller: best.method.controller };
    if (best.method.source) signer.source = best.method.source;
  } else if (best?.methodFailure) {
    signer = { vmId: best.methodFailure.vmId, selfAsserted: best.methodFailure.reason };
  }
  return signer ? { checks: [overall, ...perProof], signer } : { checks: [overall, ...perProof] };
}
