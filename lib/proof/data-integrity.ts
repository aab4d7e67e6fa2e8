/**
 * Verification of Data Integrity proofs (W3C VC Data Integrity 1.0 §4.4 "Verify Proof", §4.5
 * "Verify Proof Sets and Chains"): every proof in a set is verified; a proof with `previousProof`
 * is verified over the document plus the proofs it names. Fails closed on unknown suites.
 */
import { asArray, isObj, type Json } from '../did/json';
import { multibaseDecode } from '../did/multibase';
import type { ResolveContext } from '../did/resolve';
import { dereferenceMethod, type MethodFailure, type ResolvedMethod } from '../did/verification-method';
import { verifyRaw } from './crypto';
import { hashData, proofConfig, transform, type CanonMemo } from './hash-data';
import { checkProofOptions } from './proof-options';
import { parseDerivedProofValue, verifyDerivedProof, type DerivedProofValue } from './sd/ecdsa-sd';
import { findSuite, suiteName } from './suites';

/** How one proof came out. */
export type ProofStatus = 'verified' | 'invalid' | 'unsupported' | 'unresolved' | 'undecidable';

/** The outcome of one proof, with everything the report needs to explain it. */
export interface ProofOutcome {
  index: number;
  suite: string;
  status: ProofStatus;
  code: string;
  detail: string;
  /** The key used, when it was resolved through its controller. */
  method?: ResolvedMethod;
  /** Why the key could not be resolved (the check then explains it). */
  methodFailure?: MethodFailure;
  /** True when the signature was checked with a key read from the method id itself (integrity only). */
  selfAsserted?: boolean;
  /** Canonicalisation rules applied (e.g. OB3-EXTENSION-TYPES). */
  rules: string[];
}

/** Options for verifying the proofs of one document. */
export interface DiOptions {
  resolve: ResolveContext;
  now: Date;
  purpose?: string;
  memo?: CanonMemo;
}

/** SECURITY: bounds the work of a hostile proof set (each proof costs a canonicalisation). */
export const MAX_PROOFS = 8;

function out(
  index: number,
  suite: string,
  status: ProofStatus,
  code: string,
  detail: string,
  rules: string[] = [],
): ProofOutcome {
  return { index, suite, status, code, detail, rules };
}

async function verifyOne(
  doc: Json,
  proofs: Json[],
  index: number,
  opts: DiOptions,
  memo: CanonMemo,
): Promise<ProofOutcome> {
  const proof = proofs[index] ?? {};
  const name = suiteName(proof);
  const suite = findSuite(proof);
  if (!suite)
    return out(
      index,
      name,
      'unsupported',
      'ERR_DI_SUITE_UNSUPPORTED',
      `Cryptosuite/proof type "${name}" is not on CredLens's allow-list.`,
    );
  const options = checkProofOptions(proof, doc, opts.purpose ?? 'assertionMethod', opts.now);
  if (options) return out(index, name, 'invalid', options.code, options.detail);
  const unsecured: Json = { ...doc };
  delete unsecured.proof;
  const previous = asArray(proof.previousProof).filter((p): p is string => typeof p === 'string');
  if (previous.length > 0) {
    const matching = previous.map((id) => proofs.find((p) => p.id === id));
    if (matching.some((p) => p === undefined))
      return out(
        index,
        name,
        'invalid',
        'ERR_DI_PREVIOUS_PROOF_MISSING',
        `previousProof ${previous.join(', ')} is not in the proof set.`,
      );
    unsecured.proof = matching.length === 1 ? matching[0] : matching;
  }
  // ecdsa-sd-2023 (vc-di-ecdsa): a "u" multibase CBOR proof value, parsed before any key lookup.
  let derived: DerivedProofValue | undefined;
  if (suite.name === 'ecdsa-sd-2023') {
    const parsed = parseDerivedProofValue(proof.proofValue);
    if (!parsed.ok) {
      const f = parsed.failure;
      const status: ProofStatus = f.code === 'ERR_DI_SD_PROOF_VALUE' ? 'invalid' : 'unsupported';
      return out(index, name, status, f.code, f.detail);
    }
    derived = parsed.value;
  }
  const signature = derived
    ? derived.baseSignature
    : typeof proof.proofValue === 'string' && proof.proofValue.startsWith('z')
      ? multibaseDecode(proof.proofValue)
      : undefined;
  if (!signature)
    return out(
      index,
      name,
      'invalid',
      'ERR_DI_PROOF_VALUE',
      'proofValue is missing or not base58btc multibase.',
    );
  const vmId =
    typeof proof.verificationMethod === 'string'
      ? proof.verificationMethod
      : isObj(proof.verificationMethod) && typeof proof.verificationMethod.id === 'string'
        ? proof.verificationMethod.id
        : '';
  // Controlled Identifiers 1.0 §3.3: a verification method is a fragment of its controller's
  // document; a bare identifier dereferences to the document itself, which is no key. Refused,
  // never guessed (it was silently read as `did:key:X#X`).
  if (!vmId.includes('#') && vmId.startsWith('did:'))
    return out(
      index,
      name,
      'unresolved',
      'ERR_VM_NOT_A_METHOD',
      `verificationMethod ${vmId} names a whole identifier, not one of its keys (no "#fragment").`,
    );
  const method = await dereferenceMethod(vmId, opts.purpose ?? 'assertionMethod', opts.resolve);
  const key = method.ok ? method.key : method.fragmentKey;
  if (!key) {
    const o = out(
      index,
      name,
      'unresolved',
      method.ok ? 'ERR_DI_KEY' : method.code,
      method.ok ? '' : method.reason,
    );
    if (!method.ok) o.methodFailure = method;
    return o;
  }
  if (!suite.curves.includes(key.curve))
    return out(
      index,
      name,
      'invalid',
      'ERR_DI_KEY_TYPE',
      `${name} needs a ${suite.curves.join('/')} key, but ${vmId} is ${key.curve}.`,
    );
  if (derived) {
    const sd = await verifyDerivedProof(unsecured, proofConfig(proof, doc['@context']), derived, key, (v) =>
      transform(suite, v, memo, 'SHA-256'),
    );
    const detail =
      sd.status === 'verified' ? `${name} (${suite.spec}) ${sd.detail}, with ${vmId}.` : sd.detail;
    const result = out(index, name, sd.status, sd.code, detail, sd.rules);
    if (sd.status === 'undecidable' || sd.code.startsWith('ERR_JSONLD')) return result;
    return withMethod(result, method);
  }
  const hashed = await hashData(suite, key.curve, unsecured, proofConfig(proof, doc['@context']), memo);
  if (!hashed.ok) {
    const f = hashed.failure;
    const status: ProofStatus = f.code === 'ERR_JSONLD_CONTEXT_UNKNOWN' ? 'undecidable' : 'invalid';
    return out(index, name, status, f.code, `Canonicalising the ${hashed.part}: ${f.detail}`);
  }
  const valid = await verifyRaw(key, hashed.data, signature, suite.hash(key.curve));
  const result = valid
    ? out(
        index,
        name,
        'verified',
        'OK_DI_SIGNATURE',
        `${name} (${suite.spec}) signature verified with ${vmId}.`,
        hashed.rules,
      )
    : out(
        index,
        name,
        'invalid',
        'ERR_DI_SIGNATURE',
        `${name} (${suite.spec}) signature does not match the document and ${vmId}.`,
        hashed.rules,
      );
  return withMethod(result, method);
}

/** Records how the key was found: the resolved method, or why not (the key is then self-asserted). */
function withMethod(result: ProofOutcome, method: ResolvedMethod | MethodFailure): ProofOutcome {
  if (method.ok) result.method = method;
  else {
    result.methodFailure = method;
    result.selfAsserted = true;
  }
  return result;
}

/** Verifies every proof on a document. Returns one outcome per proof (empty when there is none). */
export async function verifyDataIntegrity(doc: Json, opts: DiOptions): Promise<ProofOutcome[]> {
  const proofs = asArray(doc.proof).filter(isObj);
  const memo = opts.memo ?? new Map();
  const outcomes: ProofOutcome[] = [];
  for (let i = 0; i < proofs.length; i++) {
    // SECURITY: proofs past the cap are reported, not verified.
    if (i >= MAX_PROOFS) {
      outcomes.push(
        out(
          i,
          suiteName(proofs[i] ?? {}),
          'unsupported',
          'ERR_DI_TOO_MANY_PROOFS',
          `More than ${MAX_PROOFS} proofs.`,
        ),
      );
      continue;
    }
    outcomes.push(await verifyOne(doc, proofs, i, opts, memo));
  }
  return outcomes;
}
