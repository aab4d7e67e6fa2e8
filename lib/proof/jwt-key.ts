/**
 * Finding the key of a JWS-secured credential (VC-JOSE-COSE 2.0 §3.1.1 and VC-JWT 1.1 §6.3.1;
 * OB 3.0 §8.2.4.2 "Verifying": key from `kid` or `jwk`): `kid` as an absolute DID URL / https URL
 * is dereferenced; a relative `kid` or a JWK thumbprint is looked up in the issuer's controller
 * document; a header `jwk` is self-asserted (integrity only); `x5c` gives the leaf certificate's key
 * (the chain is reported, its trust is decided by the trust store).
 */
import { importX509, exportJWK } from 'jose';
import { asArray, isObj, type Json } from '../did/json';
import { jwkThumbprint, keyFromJwk, keyFromVerificationMethod, type PublicKey } from '../did/keys';
import { resolveController, type ResolveContext } from '../did/resolve';
import { dereferenceMethod, isAuthorised, type MethodFailure } from '../did/verification-method';
import { toPem } from '../x509/bytes';

/** Where the key came from. */
export type JwtKey =
  | {
      ok: true;
      key: PublicKey;
      vmId: string;
      controller?: string;
      source?: string;
      selfAsserted?: string;
      x5c?: number;
    }
  | {
      ok: false;
      failure:
        | Pick<MethodFailure, 'code' | 'reason' | 'unreachable'>
        | { code: string; reason: string; unreachable: boolean };
    };

async function byKidInDocument(kid: string, issuer: string, rctx: ResolveContext): Promise<JwtKey> {
  const resolved = await resolveController(issuer, rctx, 'issuer profile');
  if (!resolved.ok)
    return {
      ok: false,
      failure: { code: resolved.code, reason: resolved.reason, unreachable: resolved.unreachable },
    };
  const doc = resolved.document;
  for (const vm of asArray(doc.verificationMethod).concat(asArray(doc.assertionMethod))) {
    if (!isObj(vm) || typeof vm.id !== 'string') continue;
    const vmId = vm.id.startsWith('#') ? `${issuer}${vm.id}` : vm.id;
    const key = keyFromVerificationMethod(vm);
    if (!key.ok) continue;
    const jwkKid = isObj(vm.publicKeyJwk) ? vm.publicKeyJwk.kid : undefined;
    const match =
      vmId === `${issuer}#${kid}` ||
      vmId === `${issuer}${kid}` ||
      jwkKid === kid ||
      (await jwkThumbprint(key.key.jwk)) === kid;
    if (!match) continue;
    if (!isAuthorised(doc, vmId, 'assertionMethod'))
      return {
        ok: false,
        failure: {
          code: 'ERR_VM_NOT_AUTHORISED',
          reason: `${issuer} does not list ${vmId} under assertionMethod`,
          unreachable: false,
        },
      };
    const out: JwtKey = { ok: true, key: key.key, vmId, controller: issuer };
    if (resolved.source) out.source = resolved.source;
    return out;
  }
  return {
    ok: false,
    failure: {
      code: 'ERR_VM_NOT_FOUND',
      reason: `${issuer} lists no key with kid ${kid}`,
      unreachable: false,
    },
  };
}

/** Resolves the verification key named by a JWS header. Never throws. */
export async function findJwtKey(
  header: Json,
  issuer: string | undefined,
  alg: string,
  rctx: ResolveContext,
): Promise<JwtKey> {
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  if (kid && (kid.startsWith('did:') || /^https?:\/\//.test(kid))) {
    const m = await dereferenceMethod(kid, 'assertionMethod', rctx);
    if (!m.ok) return { ok: false, failure: m };
    const out: JwtKey = { ok: true, key: m.key, vmId: m.vmId, controller: m.controller };
    if (m.source) out.source = m.source;
    return out;
  }
  if (kid && issuer && !header.jwk && !header.x5c) return byKidInDocument(kid, issuer, rctx);
  if (header.jwk !== undefined) {
    const k = keyFromJwk(header.jwk);
    if (!k.ok) return { ok: false, failure: { code: 'ERR_JWT_KEY', reason: k.reason, unreachable: false } };
    return {
      ok: true,
      key: k.key,
      vmId: kid ?? '(header jwk)',
      selfAsserted: 'public key carried in the token header',
    };
  }
  const chain = asArray(header.x5c).filter((c): c is string => typeof c === 'string');
  if (chain[0]) {
    try {
      const jwk = await exportJWK(await importX509(toPem(chain[0]), alg, { extractable: true }));
      const k = keyFromJwk(jwk);
      if (!k.ok) return { ok: false, failure: { code: 'ERR_JWT_KEY', reason: k.reason, unreachable: false } };
      return {
        ok: true,
        key: k.key,
        vmId: '(x5c leaf certificate)',
        selfAsserted: `the X.509 certificate in the token header (chain of ${chain.length}; see issuer.identity)`,
        x5c: chain.length,
      };
    } catch (error) {
      return {
        ok: false,
        failure: { code: 'ERR_JWT_X5C', reason: `x5c: ${String(error)}`, unreachable: false },
      };
    }
  }
  return {
    ok: false,
    failure: {
      code: 'ERR_JWT_NO_KEY',
      reason: 'the token names no key (no kid, jwk or x5c) and no issuer to look one up',
      unreachable: false,
    },
  };
}
