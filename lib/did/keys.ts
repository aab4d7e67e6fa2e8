/**
 * Public keys as plain JWK data (RFC 7517 / RFC 8037), converted from Multikey, did:key,
 * Ed25519VerificationKey2020/2018 and JsonWebKey verification methods (Controlled Identifiers 1.0
 * §2.2). Compressed EC points are expanded with @noble/curves (WebCrypto takes uncompressed only).
 */
import { p256, p384 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  base58Decode,
  base64UrlEncode,
  multibaseDecode,
  parseMulticodecKey,
  type MulticodecKey,
} from './multibase';

/** Curves CredLens verifies with (RSA only through VC-JWT). */
export type KeyCurve = 'Ed25519' | 'P-256' | 'P-384' | 'secp256k1' | 'RSA';

/** A public key, as JWK (plain JSON, so it fits in reports and caches). */
export interface PublicKey {
  curve: KeyCurve;
  jwk: JsonWebKey;
}

/** Result of reading a key: the key, or why not. */
export type KeyResult = { ok: true; key: PublicKey } | { ok: false; reason: string };

const EC = { 'P-256': p256, 'P-384': p384, secp256k1 } as const;

function ecJwk(curve: 'P-256' | 'P-384' | 'secp256k1', compressed: Uint8Array): KeyResult {
  try {
    const point = EC[curve].Point.fromBytes(compressed).toBytes(false);
    const size = (point.length - 1) / 2;
    return {
      ok: true,
      key: {
        curve,
        jwk: {
          kty: 'EC',
          crv: curve,
          x: base64UrlEncode(point.subarray(1, 1 + size)),
          y: base64UrlEncode(point.subarray(1 + size)),
        },
      },
    };
  } catch {
    return { ok: false, reason: `the ${curve} key is not a point on the curve` };
  }
}

/** Builds a key from a multicodec key type and its raw bytes. */
export function keyFromRaw(type: MulticodecKey, raw: Uint8Array): KeyResult {
  if (type === 'Ed25519')
    return {
      ok: true,
      key: { curve: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519', x: base64UrlEncode(raw) } },
    };
  if (type === 'X25519') return { ok: false, reason: 'X25519 keys are for encryption, not signatures' };
  return ecJwk(type, raw);
}

/** Reads a Multikey `publicKeyMultibase` (z-base58btc, multicodec header). */
export function keyFromMultibase(value: string): KeyResult {
  const bytes = multibaseDecode(value);
  if (!bytes) return { ok: false, reason: 'publicKeyMultibase is not valid multibase' };
  const parsed = parseMulticodecKey(bytes);
  if (!parsed) return { ok: false, reason: 'publicKeyMultibase has an unknown key type or length' };
  return keyFromRaw(parsed.key, parsed.raw);
}

/** Reads a legacy Ed25519VerificationKey2018 `publicKeyBase58` (raw 32 bytes). */
export function keyFromBase58Ed25519(value: string): KeyResult {
  const raw = base58Decode(value);
  if (!raw || raw.length !== 32) return { ok: false, reason: 'publicKeyBase58 is not a 32-byte Ed25519 key' };
  return keyFromRaw('Ed25519', raw);
}

/** Accepts a public JWK (never one with private parts). */
export function keyFromJwk(value: unknown): KeyResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'publicKeyJwk is not an object' };
  const j = value as Record<string, unknown>;
  // SECURITY: a JWK with private material is refused; it must never be stored or echoed.
  if ('d' in j || 'p' in j || 'q' in j) return { ok: false, reason: 'the JWK contains private key material' };
  const s = (k: string): string | undefined => (typeof j[k] === 'string' ? (j[k] as string) : undefined);
  const kty = s('kty');
  const crv = s('crv');
  const x = s('x');
  const y = s('y');
  const n = s('n');
  const e = s('e');
  if (kty === 'OKP' && crv === 'Ed25519' && x)
    return { ok: true, key: { curve: 'Ed25519', jwk: { kty, crv, x } } };
  if (kty === 'EC' && (crv === 'P-256' || crv === 'P-384' || crv === 'secp256k1') && x && y)
    return { ok: true, key: { curve: crv, jwk: { kty, crv, x, y } } };
  if (kty === 'RSA' && n && e) return { ok: true, key: { curve: 'RSA', jwk: { kty, n, e } } };
  return { ok: false, reason: `unsupported JWK (kty ${kty ?? '?'}, crv ${crv ?? '?'})` };
}

/** Reads the public key of a verification method object (Multikey, JsonWebKey, Ed25519 2018/2020). */
export function keyFromVerificationMethod(vm: Record<string, unknown>): KeyResult {
  if (typeof vm.publicKeyMultibase === 'string') return keyFromMultibase(vm.publicKeyMultibase);
  if (vm.publicKeyJwk !== undefined) return keyFromJwk(vm.publicKeyJwk);
  if (typeof vm.publicKeyBase58 === 'string') return keyFromBase58Ed25519(vm.publicKeyBase58);
  return { ok: false, reason: 'the verification method carries no public key' };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url). */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  const members: Record<string, string | undefined> =
    jwk.kty === 'EC'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : jwk.kty === 'OKP'
        ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
        : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(members)));
  return base64UrlEncode(new Uint8Array(digest));
}

/** Two keys are the same public key. */
export function sameKey(a: PublicKey, b: PublicKey): boolean {
  return a.curve === b.curve && a.jwk.x === b.jwk.x && a.jwk.y === b.jwk.y && a.jwk.n === b.jwk.n;
}
