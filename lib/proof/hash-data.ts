/**
 * Transformation, proof configuration and hashing of Data Integrity suites (vc-di-eddsa /
 * vc-di-ecdsa §3.x.1–3.x.4 "Transformation", "Hashing", "Proof Configuration"):
 * hashData = hash(canonical proof config) ‖ hash(canonical unsecured document).
 */
import canonicalize from 'canonicalize';
import type { KeyCurve } from '../did/keys';
import { canonizeRdfc, type CanonResult } from './canonize';
import { concat, digest, type EcdsaHash } from './crypto';
import type { Suite } from './suites';

/** Canonical forms, memoised per verification (one document is often hashed for several proofs). */
export type CanonMemo = Map<string, Promise<CanonResult>>;

/** Canonicalises with the suite's transformation (RDFC-1.0 or JCS). Never throws. */
export function transform(
  suite: Suite,
  value: Record<string, unknown>,
  memo: CanonMemo,
  digest: EcdsaHash = 'SHA-256',
): Promise<CanonResult> {
  const key = `${suite.transform}:${digest}:${JSON.stringify(value)}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const out =
    suite.transform === 'rdfc'
      ? canonizeRdfc(value, digest)
      : Promise.resolve<CanonResult>(
          ((): CanonResult => {
            const text = canonicalize(value);
            return text === undefined
              ? { ok: false, code: 'ERR_JSONLD_INVALID', detail: 'JCS could not serialise the document' }
              : { ok: true, nquads: text, rules: [] };
          })(),
        );
  memo.set(key, out);
  return out;
}

/** The proof configuration: the proof without `proofValue`, with the document's `@context`. */
export function proofConfig(proof: Record<string, unknown>, docContext: unknown): Record<string, unknown> {
  const { proofValue: _omit, ...config } = proof;
  if (docContext !== undefined) config['@context'] = docContext;
  return config;
}

/** Result of hashing: the bytes the signature covers, and any canonicalisation rules applied. */
export type HashResult =
  | { ok: true; data: Uint8Array; rules: string[]; canonicalDocument: string }
  | { ok: false; failure: Extract<CanonResult, { ok: false }>; part: 'document' | 'proof options' };

/** Computes hashData for a suite and key curve. */
export async function hashData(
  suite: Suite,
  curve: KeyCurve,
  unsecured: Record<string, unknown>,
  config: Record<string, unknown>,
  memo: CanonMemo,
): Promise<HashResult> {
  const hash = suite.hash(curve);
  const [doc, cfg] = await Promise.all([
    transform(suite, unsecured, memo, hash),
    transform(suite, config, memo, hash),
  ]);
  if (!doc.ok) return { ok: false, failure: doc, part: 'document' };
  if (!cfg.ok) return { ok: false, failure: cfg, part: 'proof options' };
  const enc = new TextEncoder();
  const [ch, dh] = await Promise.all([
    digest(hash, enc.encode(cfg.nquads)),
    digest(hash, enc.encode(doc.nquads)),
  ]);
  return {
    ok: true,
    data: concat(ch, dh),
    rules: [...new Set([...doc.rules, ...cfg.rules])],
    canonicalDocument: doc.nquads,
  };
}
