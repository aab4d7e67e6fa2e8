/**
 * Checks of a proof's options before any cryptography (VC Data Integrity 1.0 §2.1 "Proofs" and
 * §4.4 "Verify Proof" steps: required members, proofPurpose matches the expected purpose,
 * `created`/`expires` are dateTimeStamps and the proof is not expired, the proof's `@context`
 * (when present) is a prefix of the document's).
 */
import { asArray, type Json } from '../did/json';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A problem with the proof options, or undefined when they are acceptable. */
export function checkProofOptions(
  proof: Json,
  doc: Json,
  purpose: string,
  now: Date,
): { code: string; detail: string } | undefined {
  for (const member of ['type', 'verificationMethod', 'proofPurpose', 'proofValue']) {
    if (proof[member] === undefined)
      return { code: 'ERR_DI_PROOF_MALFORMED', detail: `The proof has no ${member}.` };
  }
  if (proof.proofPurpose !== purpose) {
    return {
      code: 'ERR_DI_PROOF_PURPOSE',
      detail: `proofPurpose is ${JSON.stringify(proof.proofPurpose)}, expected "${purpose}".`,
    };
  }
  for (const member of ['created', 'expires']) {
    const v = proof[member];
    if (v !== undefined && (typeof v !== 'string' || !DATE_TIME.test(v) || Number.isNaN(Date.parse(v))))
      return {
        code: 'ERR_DI_PROOF_MALFORMED',
        detail: `proof.${member} is not an XML Schema dateTimeStamp.`,
      };
  }
  if (typeof proof.expires === 'string' && Date.parse(proof.expires) < now.getTime())
    return { code: 'ERR_DI_PROOF_EXPIRED', detail: `The proof expired at ${proof.expires}.` };
  if (proof['@context'] !== undefined) {
    const mine = asArray(doc['@context']);
    const theirs = asArray(proof['@context']);
    const prefix = theirs.every((c, i) => JSON.stringify(c) === JSON.stringify(mine[i]));
    if (!prefix)
      return {
        code: 'ERR_DI_PROOF_CONTEXT',
        detail: "The proof's @context is not a prefix of the document's @context.",
      };
  }
  return undefined;
}
