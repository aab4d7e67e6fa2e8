/**
 * The Issuer-signed JWT's signature and where its key comes from (SD-JWT VC draft §3.5 / §5):
 * - an `x5c` header: the leaf certificate's key; the certificate must name `iss` and its path is
 *   validated and anchored like VC-JWT x5c (lib/formats/vc/x5c.ts: A1–A3);
 * - an https `iss`: JWT VC Issuer Metadata at `https://<host>/.well-known/jwt-vc-issuer<path>`,
 *   whose `issuer` must equal `iss`, with `jwks` or `jwks_uri`; `kid` selects the key (A2: the
 *   issuer's domain publishes the key over HTTPS). When no metadata answers and the header has a
 *   `kid`, the issuer's controller document is tried (VC-JOSE-COSE `vc+sd-jwt`);
 * - a DID `iss` or an absolute `kid` (DID URL / https): the existing resolver (lib/did).
 * A header `jwk` alone is self-asserted: it proves integrity, not who signed. Never throws.
 */
import { compactVerify, importJWK, importX509 } from 'jose';
import type { VerifyContext } from '../../model/format';
import type { Check, TrustHit } from '../../model/report';
import { didMethod, type ResolveContext } from '../../did/resolve';
import { isObj, parseJson, type Json } from '../../did/json';
import { findJwtKey } from '../../proof/jwt-key';
import { toPem } from '../../x509/bytes';
import { checkIssuerIdentity } from '../vc/issuer';
import { check } from '../vc/util';

/** SECURITY: the only JWS algorithms accepted; `none`, HMAC and anything unknown are refused. */
export const SDJWT_ALGORITHMS: readonly string[] = [
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
];

const KTY_FOR_ALG = (alg: string): string =>
  alg.startsWith('ES') ? 'EC' : alg.startsWith('Ed') ? 'OKP' : 'RSA';
const MAX_KEYS = 10;

/** The public members of a JWK (SECURITY: a private member given by a document is never kept). */
export function publicJwk(jwk: JsonWebKey): JsonWebKey {
  const {
    d: _d,
    p: _p,
    q: _q,
    dp: _dp,
    dq: _dq,
    qi: _qi,
    oth: _oth,
    k: _k,
    ...pub
  } = jwk as JsonWebKey & { oth?: unknown };
  return pub;
}

/** Verifies a compact JWS with a JWK. Never throws. */
export async function verifyWithJwk(
  token: string,
  jwk: JsonWebKey,
  alg: string,
): Promise<{ ok: true } | { ok: false; bad: boolean; reason: string }> {
  if (!SDJWT_ALGORITHMS.includes(alg))
    return { ok: false, bad: false, reason: `algorithm ${alg} is not allowed` };
  if (jwk.kty !== KTY_FOR_ALG(alg))
    return {
      ok: false,
      bad: false,
      reason: `alg ${alg} needs a ${KTY_FOR_ALG(alg)} key, the key is ${String(jwk.kty)}`,
    };
  try {
    const key = await importJWK({ ...publicJwk(jwk), alg }, alg);
    await compactVerify(token, key, { algorithms: [alg] });
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, bad: code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', reason: String(error) };
  }
}

/** What the issuer-key step established. */
export interface IssuerKeyOutcome {
  signature: Check;
  /** Present when the signature verified. */
  identity?: Check;
  level?: 'A1' | 'A2' | 'A3';
  trustHits?: TrustHit[];
  fetchedFrom?: string;
  /** The public JWK that verified the signature (not for x5c: see `x5c`). */
  key?: JsonWebKey;
  /** The header's certificate chain, when the key came from it. */
  x5c?: string[];
}

const SIG = 'proof.signature';
const ID = 'issuer.identity';

function sigPassed(how: string, alg: string): Check {
  return check.passed(
    SIG,
    'OK_SDJWT_SIGNATURE',
    "The issuer's digital signature is valid: the signed part of the credential has not been changed.",
    `${alg}; key ${how}.`,
  );
}

function sigBad(alg: string, how: string, reason: string): Check {
  return check.failed(
    SIG,
    'ERR_JWT_SIGNATURE',
    'invalid',
    'The digital signature does not match: the credential was changed after signing, or signed with another key.',
    `${alg} with ${how}: ${reason}`,
  );
}

function noKey(code: string, reason: string, unreachable: boolean): Check {
  return check.failed(
    SIG,
    code,
    'unverifiable',
    unreachable
      ? "The issuer's signing key could not be fetched, so the signature could not be checked."
      : "The issuer's signing key could not be found, so the signature could not be checked.",
    reason,
  );
}

/** The JWT VC Issuer Metadata address of an https issuer (draft §5.1): well-known inserted before the path. */
export function metadataUrl(iss: string): string | undefined {
  try {
    const u = new URL(iss);
    if (u.protocol !== 'https:' || u.search || u.hash || u.username || u.password) return undefined;
    const path = u.pathname.replace(/\/+$/, '');
    return `${u.origin}/.well-known/jwt-vc-issuer${path}`;
  } catch {
    return undefined;
  }
}

type Metadata =
  | { ok: true; keys: JsonWebKey[]; source: string }
  | { ok: false; code: string; reason: string; unreachable: boolean };

async function fetchJson(
  url: string,
  purpose: string,
  ctx: VerifyContext,
): Promise<{ ok: true; value: Json } | { ok: false; reason: string; unreachable: boolean }> {
  const res = await ctx.fetch(url, purpose, { accept: 'application/json' });
  if (!res.ok) return { ok: false, reason: `${url}: ${res.code} ${res.message}`, unreachable: true };
  const value = parseJson(res.bytes);
  if (!isObj(value)) return { ok: false, reason: `${url} did not return a JSON object`, unreachable: false };
  return { ok: true, value };
}

/** Fetches JWT VC Issuer Metadata and its keys (draft §5). */
async function issuerMetadata(iss: string, ctx: VerifyContext): Promise<Metadata> {
  const url = metadataUrl(iss);
  if (!url)
    return {
      ok: false,
      code: 'ERR_ISSUER_METADATA',
      reason: `${iss} is not an https issuer`,
      unreachable: false,
    };
  const got = await fetchJson(url, 'issuer metadata (JWT VC Issuer Metadata)', ctx);
  if (!got.ok)
    return {
      ok: false,
      code: 'ERR_ISSUER_METADATA_UNREACHABLE',
      reason: got.reason,
      unreachable: got.unreachable,
    };
  const meta = got.value;
  if (meta.issuer !== iss)
    return {
      ok: false,
      code: 'ERR_ISSUER_METADATA_MISMATCH',
      reason: `the metadata at ${url} is for ${JSON.stringify(meta.issuer)}, not ${iss}`,
      unreachable: false,
    };
  let jwks: unknown = meta.jwks;
  let source = url;
  if (jwks === undefined && typeof meta.jwks_uri === 'string') {
    if (!meta.jwks_uri.startsWith('https://'))
      return {
        ok: false,
        code: 'ERR_ISSUER_METADATA',
        reason: `jwks_uri ${meta.jwks_uri} is not https`,
        unreachable: false,
      };
    const keys = await fetchJson(meta.jwks_uri, 'issuer keys (jwks_uri)', ctx);
    if (!keys.ok)
      return {
        ok: false,
        code: 'ERR_ISSUER_METADATA_UNREACHABLE',
        reason: keys.reason,
        unreachable: keys.unreachable,
      };
    jwks = keys.value;
    source = meta.jwks_uri;
  }
  if (!isObj(jwks) || !Array.isArray(jwks.keys))
    return {
      ok: false,
      code: 'ERR_ISSUER_METADATA',
      reason: `the metadata at ${url} has no jwks or jwks_uri`,
      unreachable: false,
    };
  const keys = jwks.keys.filter((k): k is JsonWebKey => isObj(k)).slice(0, 50);
  return { ok: true, keys, source };
}

/** Finds the issuer's key, verifies the Issuer-signed JWT and establishes who signed it. Never throws. */
export async function verifyIssuerJwt(
  jwt: string,
  header: Json,
  iss: string | undefined,
  ctx: VerifyContext,
  rctx: ResolveContext,
): Promise<IssuerKeyOutcome> {
  const alg = typeof header.alg === 'string' ? header.alg : '(none)';
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const x5c = Array.isArray(header.x5c) ? header.x5c.filter((c): c is string => typeof c === 'string') : [];

  if (x5c.length > 0) {
    let key: CryptoKey;
    try {
      key = await importX509(toPem(x5c[0] ?? ''), alg);
    } catch (error) {
      return {
        signature: noKey(
          'ERR_JWT_X5C',
          `x5c[0] could not be read as a ${alg} certificate: ${String(error)}`,
          false,
        ),
      };
    }
    try {
      await compactVerify(jwt, key, { algorithms: [alg] });
    } catch (error) {
      return { signature: sigBad(alg, 'the x5c leaf certificate', String(error)) };
    }
    const signature = sigPassed(`from the X.509 certificate in the header (chain of ${x5c.length})`, alg);
    if (!iss)
      return {
        signature,
        x5c,
        identity: check.failed(
          ID,
          'ERR_ISSUER_MISSING',
          'unverifiable',
          'The credential does not name its issuer (no iss).',
        ),
      };
    const id = await checkIssuerIdentity(iss, { vmId: '(x5c leaf certificate)', x5c }, rctx, ctx);
    const out: IssuerKeyOutcome = { signature, identity: id.check, x5c };
    if (id.level) out.level = id.level;
    if (id.trustHits) out.trustHits = id.trustHits;
    return out;
  }

  const httpsIss = iss !== undefined && iss.startsWith('https://');
  const absoluteKid = kid !== undefined && (kid.startsWith('did:') || /^https?:\/\//.test(kid));
  let metadataFailure: string | undefined;
  if (httpsIss && !absoluteKid && iss) {
    const meta = await issuerMetadata(iss, ctx);
    if (meta.ok) {
      const candidates = (
        kid !== undefined ? meta.keys.filter((k) => (k as { kid?: unknown }).kid === kid) : meta.keys
      )
        .filter((k) => k.kty === KTY_FOR_ALG(alg))
        .slice(0, MAX_KEYS);
      if (candidates.length === 0)
        return {
          signature: noKey(
            'ERR_ISSUER_METADATA_NO_KEY',
            `the issuer metadata of ${iss} (${meta.source}) lists no ${alg} key${kid ? ` with kid ${kid}` : ''}`,
            false,
          ),
        };
      let last = '';
      for (const k of candidates) {
        const r = await verifyWithJwk(jwt, k, alg);
        if (r.ok)
          return {
            signature: sigPassed(`${kid ?? '(no kid)'} from the issuer metadata at ${meta.source}`, alg),
            identity: check.passed(
              ID,
              'OK_ISSUER_METADATA',
              `The signing key is published by the issuer ${iss} on its own web site.`,
              `JWT VC Issuer Metadata: ${meta.source}.`,
            ),
            level: 'A2',
            fetchedFrom: meta.source,
            key: publicJwk(k),
          };
        last = r.reason;
      }
      return { signature: sigBad(alg, `the key${candidates.length > 1 ? 's' : ''} of ${meta.source}`, last) };
    }
    metadataFailure = `${meta.code}: ${meta.reason}`;
    if (meta.code === 'ERR_ISSUER_METADATA_MISMATCH' || kid === undefined)
      return { signature: noKey(meta.code, meta.reason, meta.unreachable) };
  }

  if (!iss && !absoluteKid && header.jwk === undefined)
    return {
      signature: noKey('ERR_JWT_NO_KEY', 'the token names no issuer (iss) and no key (kid, x5c)', false),
    };
  if (!SDJWT_ALGORITHMS.includes(alg))
    return { signature: noKey('ERR_JWT_ALG', `algorithm ${alg} is not allowed`, false) };
  const found = await findJwtKey(header, iss, alg, rctx);
  if (!found.ok) {
    const reason = `${found.failure.reason}${metadataFailure ? `; issuer metadata: ${metadataFailure}` : ''}`;
    return { signature: noKey(found.failure.code, reason, found.failure.unreachable) };
  }
  const r = await verifyWithJwk(jwt, found.key.jwk, alg);
  if (!r.ok)
    return r.bad
      ? { signature: sigBad(alg, found.vmId, r.reason) }
      : { signature: noKey('ERR_JWT_KEY', `${found.vmId}: ${r.reason}`, false) };
  const signature = sigPassed(found.selfAsserted ? `${found.vmId} (${found.selfAsserted})` : found.vmId, alg);
  if (!iss)
    return {
      signature,
      identity: check.failed(
        ID,
        'ERR_ISSUER_MISSING',
        'unverifiable',
        'The credential does not name its issuer (no iss).',
      ),
    };
  const signer: Parameters<typeof checkIssuerIdentity>[1] = { vmId: found.vmId };
  if (found.controller) signer.controller = found.controller;
  if (found.source) signer.source = found.source;
  if (found.selfAsserted) signer.selfAsserted = found.selfAsserted;
  const id = await checkIssuerIdentity(iss, signer, rctx, ctx);
  const out: IssuerKeyOutcome = { signature, identity: id.check, key: publicJwk(found.key.jwk) };
  if (id.level) out.level = id.level;
  if (id.fetchedFrom) out.fetchedFrom = id.fetchedFrom;
  if (didMethod(iss) === undefined && !iss.startsWith('https://') && id.check.status === 'passed')
    out.level = 'A1';
  return out;
}
