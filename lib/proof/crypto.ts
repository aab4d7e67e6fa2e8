/**
 * Raw signature verification with WebCrypto (Ed25519, ECDSA P-256/P-384) and @noble/curves only
 * where WebCrypto lacks the curve (secp256k1). ECDSA signatures are IEEE P1363 r||s, as
 * vc-di-ecdsa §3.3 and JWS ES256/ES384 use. Never throws: a malformed key or signature is `false`.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64UrlDecode } from '../did/multibase';
import type { PublicKey } from '../did/keys';

/** A copy backed by a plain ArrayBuffer, as WebCrypto's types require. */
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** Hash used inside ECDSA (the digest of the message the signature covers). */
export type EcdsaHash = 'SHA-256' | 'SHA-384';

/** Verifies `signature` over `data` with `key`. For ECDSA, `hash` is the algorithm's digest. */
export async function verifyRaw(
  key: PublicKey,
  data: Uint8Array,
  signature: Uint8Array,
  hash: EcdsaHash = 'SHA-256',
): Promise<boolean> {
  try {
    if (key.curve === 'Ed25519') {
      const k = await crypto.subtle.importKey('jwk', key.jwk, { name: 'Ed25519' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'Ed25519' }, k, buf(signature), buf(data));
    }
    if (key.curve === 'P-256' || key.curve === 'P-384') {
      const k = await crypto.subtle.importKey(
        'jwk',
        key.jwk,
        { name: 'ECDSA', namedCurve: key.curve },
        false,
        ['verify'],
      );
      return await crypto.subtle.verify({ name: 'ECDSA', hash }, k, buf(signature), buf(data));
    }
    if (key.curve === 'secp256k1') {
      const x = base64UrlDecode(key.jwk.x ?? '');
      const y = base64UrlDecode(key.jwk.y ?? '');
      if (!x || !y) return false;
      const point = new Uint8Array(65);
      point[0] = 4;
      point.set(x, 1);
      point.set(y, 33);
      // lowS false: other stacks (WebCrypto-style) may emit high-S signatures.
      return secp256k1.verify(signature, sha256(data), point, { prehash: false, lowS: false });
    }
    return false;
  } catch {
    return false;
  }
}

/** SHA-256 / SHA-384 digest of bytes (WebCrypto). */
export async function digest(hash: EcdsaHash, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, buf(data)));
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
