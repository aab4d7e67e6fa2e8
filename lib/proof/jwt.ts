/**
 * Verification of a JWS-secured credential (RFC 7515 §5.2; VC-JOSE-COSE 2.0 §3.1 `vc+jwt`;
 * VC-JWT 1.1 §6 `vc` claim; OB 3.0 §8.2.4). Algorithms come from an allow-list (fail closed);
 * `crit` extensions are refused; the header `typ`/`cty` must be a credential media type.
 */
import { compactVerify, importJWK } from 'jose';
import type { Json } from '../did/json';
import type { ResolveContext } from '../did/resolve';
import { findJwtKey, type JwtKey } from './jwt-key';

/**
 * Imported public keys, by algorithm and JWK (public data only: a cache hit can only give the key
 * the same JWK would import to). Bounded; the oldest entry goes first.
 */
const KEY_CACHE = new Map<string, Promise<CryptoKey | Uint8Array>>();
const KEY_CACHE_MAX = 64;

function importPublicKey(jwk: Record<string, unknown>, alg: string): Promise<CryptoKey | Uint8Array> {
  const id = `${alg} ${JSON.stringify(jwk)}`;
  const hit = KEY_CACHE.get(id);
  if (hit !== undefined) return hit;
  const p = importJWK({ ...jwk, alg }, alg);
  // A failed import is not remembered.
  p.catch(() => KEY_CACHE.delete(id));
  if (KEY_CACHE.size >= KEY_CACHE_MAX) KEY_CACHE.delete(KEY_CACHE.keys().next().value as string);
  KEY_CACHE.set(id, p);
  return p;
}

/** SECURITY: the only algorithms accepted; `none`, HMAC and anything unknown are refused. */
export const JWT_ALGORITHMS: readonly string[] = ['EdDSA', 'ES256', 'ES384', 'RS256', 'PS256'];
const TYPS = ['JWT', 'vc+jwt', 'vc+ld+jwt', 'application/vc+jwt'];
const CTYS = ['vc', 'vc+ld+json', 'application/vc', 'application/vc+ld+json'];
const CURVE_FOR_ALG: Record<string, string> = {
  EdDSA: 'Ed25519',
  ES256: 'P-256',
  ES384: 'P-384',
  RS256: 'RSA',
  PS256: 'RSA',
};

/** The outcome of checking the JWS. */
export type JwtOutcome =
  | { status: 'verified'; key: Extract<JwtKey, { ok: true }>; alg: string }
  | { status: 'invalid' | 'unsupported' | 'unresolved'; code: string; detail: string; unreachable?: boolean };

/** Verifies a compact JWS credential's header and signature. Never throws. */
export async function verifyJwt(
  token: string,
  header: Json,
  issuer: string | undefined,
  rctx: ResolveContext,
): Promise<JwtOutcome> {
  const alg = typeof header.alg === 'string' ? header.alg : '(none)';
  if (!JWT_ALGORITHMS.includes(alg))
    return alg === 'none' || alg === '(none)'
      ? { status: 'invalid', code: 'ERR_JWT_ALG_NONE', detail: 'The token is not signed (alg none).' }
      : {
          status: 'unsupported',
          code: 'ERR_JWT_ALG',
          detail: `Algorithm ${alg} is not on CredLens's allow-list (${JWT_ALGORITHMS.join(', ')}).`,
        };
  if (header.crit !== undefined)
    return {
      status: 'invalid',
      code: 'ERR_JWT_CRIT',
      detail: `The header marks extensions as critical (${JSON.stringify(header.crit)}), which CredLens does not understand (RFC 7515 §4.1.11).`,
    };
  if (header.typ !== undefined && !TYPS.includes(String(header.typ)))
    return {
      status: 'invalid',
      code: 'ERR_JWT_TYP',
      detail: `typ ${JSON.stringify(header.typ)} is not a credential media type (VC-JOSE-COSE §3.1.1).`,
    };
  if (header.cty !== undefined && !CTYS.includes(String(header.cty)))
    return {
      status: 'invalid',
      code: 'ERR_JWT_CTY',
      detail: `cty ${JSON.stringify(header.cty)} is not a credential media type (VC-JOSE-COSE §3.1.1).`,
    };
  const key = await findJwtKey(header, issuer, alg, rctx);
  if (!key.ok)
    return {
      status: 'unresolved',
      code: key.failure.code,
      detail: key.failure.reason,
      unreachable: key.failure.unreachable,
    };
  if (CURVE_FOR_ALG[alg] !== key.key.curve)
    return {
      status: 'invalid',
      code: 'ERR_JWT_KEY_TYPE',
      detail: `alg ${alg} needs a ${CURVE_FOR_ALG[alg] ?? '?'} key, but the key is ${key.key.curve}.`,
    };
  try {
    const k = await importPublicKey(key.key.jwk as Record<string, unknown>, alg);
    await compactVerify(token, k, { algorithms: [alg] });
    return { status: 'verified', key, alg };
  } catch (error) {
    const code =
      (error as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        ? 'ERR_JWT_SIGNATURE'
        : 'ERR_JWT_MALFORMED';
    return { status: 'invalid', code, detail: `${alg} signature with ${key.vmId}: ${String(error)}` };
  }
}
