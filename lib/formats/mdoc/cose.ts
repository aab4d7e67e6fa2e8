/**
 * COSE_Sign1 (RFC 9052 §4.2, §4.4) as ISO/IEC 18013-5 §9.1.2.4 uses it for `issuerAuth`: the
 * protected header (a bstr holding a map with `alg`, label 1), the unprotected header with the
 * `x5chain` (label 33, RFC 9360 §2: one bstr, or an array of bstr, leaf first), the payload and
 * the signature. The signature is checked over Sig_structure = ["Signature1", protected,
 * external_aad = h'', payload], encoded as definite-length CBOR, with the leaf certificate's key.
 * Algorithms: ES256/ES384/ES512 (-7/-35/-36, raw r‖s as WebCrypto takes it) and EdDSA (-8,
 * Ed25519 keys). Never throws.
 */
import { encode } from 'cborg';
import { ed25519 } from '@noble/curves/ed25519.js';
import { toArrayBuffer } from '../../x509/bytes';
import type { CertInfo } from '../../x509/cert';
import { get } from './cbor';
import { decodeMdocCbor } from './cbor';

export interface CoseSign1 {
  protectedBytes: Uint8Array;
  alg: number;
  /** Certificates of the x5chain, leaf first (DER). */
  x5chain: Uint8Array[];
  payload: Uint8Array;
  signature: Uint8Array;
}

const ALGS: Readonly<Record<number, { name: string; hash?: string; curve?: string; size?: number }>> = {
  [-7]: { name: 'ES256', hash: 'SHA-256', curve: 'P-256', size: 64 },
  [-35]: { name: 'ES384', hash: 'SHA-384', curve: 'P-384', size: 96 },
  [-36]: { name: 'ES512', hash: 'SHA-512', curve: 'P-521', size: 132 },
  [-8]: { name: 'EdDSA' },
};

/** The algorithm's name for messages. */
export function algName(alg: number): string {
  return ALGS[alg]?.name ?? `COSE algorithm ${alg}`;
}

/** Reads a COSE_Sign1 array; a reason when it is not one. */
export function readCoseSign1(
  value: unknown,
): { ok: true; sign1: CoseSign1 } | { ok: false; reason: string } {
  if (!Array.isArray(value) || value.length !== 4)
    return { ok: false, reason: 'issuerAuth is not a 4-element COSE_Sign1 array' };
  const [prot, unprot, payload, signature] = value as unknown[];
  if (!(prot instanceof Uint8Array))
    return { ok: false, reason: 'the protected header is not a byte string' };
  if (!(unprot instanceof Map)) return { ok: false, reason: 'the unprotected header is not a map' };
  if (!(payload instanceof Uint8Array))
    return { ok: false, reason: 'the payload is missing (detached payloads are not used by mdoc)' };
  if (!(signature instanceof Uint8Array)) return { ok: false, reason: 'the signature is not a byte string' };
  let protMap: unknown = new Map();
  if (prot.length > 0) {
    const decoded = decodeMdocCbor(prot);
    if (!decoded.ok) return { ok: false, reason: `the protected header cannot be read: ${decoded.reason}` };
    protMap = decoded.value;
  }
  if (!(protMap instanceof Map)) return { ok: false, reason: 'the protected header is not a map' };
  const alg = get(protMap, 1);
  if (typeof alg !== 'number')
    return { ok: false, reason: 'the protected header names no algorithm (label 1)' };
  if (unprot.has(1)) return { ok: false, reason: 'the algorithm also appears in the unprotected header' };
  // RFC 9360 §2: x5chain in the unprotected header (ISO 18013-5 §9.1.2.4); accept the protected one too.
  const x5 = unprot.get(33) ?? get(protMap, 33);
  const x5chain = x5 instanceof Uint8Array ? [x5] : Array.isArray(x5) ? x5 : [];
  if (x5chain.length === 0 || !x5chain.every((c): c is Uint8Array => c instanceof Uint8Array))
    return { ok: false, reason: 'no x5chain (label 33) with the signer certificate' };
  return {
    ok: true,
    sign1: { protectedBytes: prot, alg, x5chain: x5chain.slice(0, 10), payload, signature },
  };
}

/** RFC 9052 §4.4 Sig_structure for COSE_Sign1 with empty external_aad. */
export function sigStructure(s: CoseSign1): Uint8Array {
  return encode(['Signature1', s.protectedBytes, new Uint8Array(0), s.payload]);
}

/** Verifies the COSE_Sign1 signature with the certificate's key; a problem text, or undefined when valid. */
export async function verifyCoseSign1(s: CoseSign1, signer: CertInfo): Promise<string | undefined> {
  const a = ALGS[s.alg];
  if (!a) return `unsupported algorithm ${s.alg}`;
  const spki = new Uint8Array(signer.cert.subjectPublicKeyInfo.toSchema().toBER(false));
  const keyOid = signer.cert.subjectPublicKeyInfo.algorithm.algorithmId;
  const data = sigStructure(s);
  try {
    if (a.name === 'EdDSA') {
      if (keyOid !== '1.3.101.112') return 'EdDSA signature but the certificate key is not Ed25519';
      const raw = new Uint8Array(signer.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
      return ed25519.verify(s.signature, data, raw) ? undefined : 'the signature does not match';
    }
    if (keyOid !== '1.2.840.10045.2.1') return `${a.name} signature but the certificate key is not an EC key`;
    if (s.signature.length !== a.size)
      return `${a.name} signature of ${s.signature.length} bytes, expected ${a.size}`;
    const key = await crypto.subtle.importKey(
      'spki',
      toArrayBuffer(spki),
      { name: 'ECDSA', namedCurve: a.curve ?? '' },
      false,
      ['verify'],
    );
    const ok = await crypto.subtle.verify(
      { name: 'ECDSA', hash: a.hash ?? '' },
      key,
      toArrayBuffer(s.signature),
      toArrayBuffer(data),
    );
    return ok ? undefined : 'the signature does not match';
  } catch (error) {
    return `the certificate key cannot check a ${a.name} signature (${error instanceof Error ? error.message : String(error)})`;
  }
}
