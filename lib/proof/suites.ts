/**
 * The allow-list of Data Integrity cryptosuites CredLens verifies (fail closed: any other suite is
 * `unverifiable`, named). Each row cites its specification:
 * - eddsa-rdfc-2022, eddsa-jcs-2022: W3C vc-di-eddsa 1.0 §3.3, §3.4
 * - Ed25519Signature2020: W3C CCG "Ed25519Signature2020" (vc-di-eddsa 1.0 Appendix / legacy)
 * - ecdsa-rdfc-2019, ecdsa-jcs-2019: W3C vc-di-ecdsa 1.0 §3.3, §3.4 (P-256 → SHA-256, P-384 → SHA-384)
 * - ecdsa-sd-2023: W3C vc-di-ecdsa 1.0 "ecdsa-sd-2023", derived proofs only (P-256, SHA-256;
 *   verified by ./sd/ecdsa-sd.ts; a base proof is for the holder and is reported, not verified)
 */
import type { KeyCurve } from '../did/keys';
import type { EcdsaHash } from './crypto';

/** One allowed suite. */
export interface Suite {
  name: string;
  transform: 'rdfc' | 'jcs';
  curves: readonly KeyCurve[];
  /** Hash for the proof/document digests (and inside ECDSA) for a key curve. */
  hash: (curve: KeyCurve) => EcdsaHash;
  spec: string;
}

const sha256 = (): EcdsaHash => 'SHA-256';
const ecdsaHash = (curve: KeyCurve): EcdsaHash => (curve === 'P-384' ? 'SHA-384' : 'SHA-256');

/** The allowed suites, by name. */
export const SUITES: readonly Suite[] = [
  { name: 'eddsa-rdfc-2022', transform: 'rdfc', curves: ['Ed25519'], hash: sha256, spec: 'vc-di-eddsa §3.3' },
  { name: 'eddsa-jcs-2022', transform: 'jcs', curves: ['Ed25519'], hash: sha256, spec: 'vc-di-eddsa §3.4' },
  {
    name: 'Ed25519Signature2020',
    transform: 'rdfc',
    curves: ['Ed25519'],
    hash: sha256,
    spec: 'Ed25519Signature2020 (CCG)',
  },
  {
    name: 'ecdsa-rdfc-2019',
    transform: 'rdfc',
    curves: ['P-256', 'P-384'],
    hash: ecdsaHash,
    spec: 'vc-di-ecdsa §3.3',
  },
  {
    name: 'ecdsa-jcs-2019',
    transform: 'jcs',
    curves: ['P-256', 'P-384'],
    hash: ecdsaHash,
    spec: 'vc-di-ecdsa §3.4',
  },
  {
    name: 'ecdsa-sd-2023',
    transform: 'rdfc',
    curves: ['P-256'],
    hash: sha256,
    spec: 'vc-di-ecdsa ecdsa-sd-2023',
  },
];

/** The suite name a proof declares: its `cryptosuite` for DataIntegrityProof, else its `type`. */
export function suiteName(proof: Record<string, unknown>): string {
  const type = typeof proof.type === 'string' ? proof.type : '(no type)';
  if (type === 'DataIntegrityProof')
    return typeof proof.cryptosuite === 'string' ? proof.cryptosuite : '(no cryptosuite)';
  return type;
}

/** The allowed suite for a proof, or undefined (unsupported → unverifiable). */
export function findSuite(proof: Record<string, unknown>): Suite | undefined {
  const name = suiteName(proof);
  const suite = SUITES.find((s) => s.name === name);
  if (!suite) return undefined;
  // Ed25519Signature2020 is its own proof type; the others must be DataIntegrityProof.
  const expectedType = suite.name === 'Ed25519Signature2020' ? 'Ed25519Signature2020' : 'DataIntegrityProof';
  return proof.type === expectedType ? suite : undefined;
}

/** The allowed suite of that name, or undefined. */
export function findSuiteByName(name: string): Suite | undefined {
  return SUITES.find((s) => s.name === name);
}
