/**
 * The `status.revocation` check for a credential that points at an IETF Token Status List
 * (draft-ietf-oauth-status-list: the Referenced Token's `status.status_list` = { idx, uri }).
 *
 * What is checked, in the order of the draft's validation rules ("Verification and Processing"):
 * - the list is fetched from `uri` (HTTPS only) asking for `application/statuslist+jwt` or
 *   `application/statuslist+cwt`;
 * - JWT form (§5.1): header `typ` `statuslist+jwt`, an asymmetric `alg` from CredLens's allow-list,
 *   no `crit`; CWT form (§5.2): a COSE_Sign1 (RFC 9052 §4.2, tag 18, optionally inside CWT tag 61)
 *   with `alg` (label 1) and type (label 16) `application/statuslist+cwt` in the protected header;
 * - the signature, with a key that belongs to the credential's issuer (see "Keys" below);
 * - claims: `sub` (CWT 2) equal to the `uri` the credential names; `iss` (CWT 1), when both the list
 *   and the credential carry one, equal; `iat` (CWT 6) present and not in the future; `exp` (CWT 4):
 *   an expired list no longer tells the current status; `ttl` (CWT 65534), when present, a positive
 *   number (the list was fetched just now, so no cached copy is ever older than it);
 * - `status_list` (CWT 65533): `bits` ∈ {1, 2, 4, 8}, `lst` the ZLIB/DEFLATE-compressed byte array
 *   (base64url in JSON, a byte string in CBOR), decompressed with a size cap; the entry at `idx`
 *   (bits counted from the least significant bit of each byte, §4); an index past the end of the
 *   list makes the list unusable for this credential.
 * Values (§7.1): 0 VALID → passed; 1 INVALID → revoked; 2 SUSPENDED → revoked ("suspended");
 * anything else (3 is application-specific) → unverifiable. Every failure to get a trustworthy
 * answer is `error` with impact `unverifiable`: never "not revoked".
 *
 * Keys (the draft leaves key resolution to the application; its security considerations allow the
 * Referenced Token's own key or certificate, or a certificate linked by the same X.509 PKI):
 * - the list's `x5c` (COSE `x5chain`, label 33) leaf is accepted when it is the credential's own
 *   certificate or carries the credential's issuer key; otherwise when it names the issuer by the
 *   same rules as the credential's certificate (lib/formats/vc/x5c.ts: subjectAltName URI / DNS of
 *   `iss`; without `iss`, the same subject name as the credential's certificate) AND its path is
 *   valid now AND either ends at a CA service on an EU trusted list or passes through the CA that
 *   issued the credential's certificate. A certificate chaining only to some other root is refused:
 *   anyone can make one that names the issuer.
 * - without a certificate, the list must verify with the credential issuer's own key
 *   (`issuerKey`, or the key of the credential's certificate); a `kid` that differs from that key's
 *   `kid` is reported in the detail.
 */
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { decode, encode } from 'cborg';
import type { VerifyContext } from '../model/format';
import type { Check } from '../model/report';
import { LIMITS } from '../model/input';
import { check } from '../formats/ob2/util';
import { CLOCK_SKEW_MS } from '../formats/ob2/validity';
import { checkX5cIdentity } from '../formats/vc/x5c';
import { parseAll } from '../formats/edc/seal-chain';
import { keyFromJwk, sameKey, type PublicKey } from '../did/keys';
import { base64UrlDecode } from '../did/multibase';
import { verifyRaw, type EcdsaHash } from '../proof/crypto';
import { JWT_ALGORITHMS } from '../proof/jwt';
import { decompressCapped } from '../decompress';
import { fromBase64, toArrayBuffer, toBase64 } from '../x509/bytes';
import { displayName, formatName, parseCertificate, type CertInfo } from '../x509/cert';
import { buildChain } from '../x509/chain';

const ID = 'status.revocation';
const PURPOSE = 'status list';
const ACCEPT = 'application/statuslist+jwt, application/statuslist+cwt';
/** SECURITY: the largest decompressed status list read (2^24 one-byte entries). */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;
/** SECURITY: certificates read from a list's x5c / x5chain. */
const MAX_CHAIN = 10;

/** Who issued the credential whose status is checked: what the caller already verified. */
export interface StatusListIssuer {
  /** The credential's `iss` (absent for an mdoc). */
  iss?: string;
  /**
   * The public JWK that verified the credential's own signature (e.g. the key from JWT VC Issuer
   * Metadata). Its `kid`, when set, is compared with the list's `kid`. Never a private key.
   */
  issuerKey?: JsonWebKey & { kid?: string };
  /**
   * The credential's certificate chain as the credential carries it (`x5c` base64 or `x5chain`
   * DER), leaf first. The caller is responsible for having validated it for the credential.
   */
  issuerCertificates?: readonly (string | Uint8Array)[];
}

/** A status list token whose signature checked out, and who signed it. */
interface SignedList {
  form: 'JWT' | 'CWT';
  iss?: unknown;
  sub?: unknown;
  iat?: unknown;
  exp?: unknown;
  ttl?: unknown;
  bits?: unknown;
  /** `lst` as it came: a base64url string (JWT) or bytes (CWT). */
  lst?: unknown;
  signer: string;
}

type Step<T> = { ok: true; value: T } | { ok: false; check: Check };

const unverifiable = (code: string, message: string, detail: string): { ok: false; check: Check } => ({
  ok: false,
  check: check.error(ID, code, 'unverifiable', message, detail),
});

const BAD_LIST =
  "The issuer's status list is damaged or not a status list, so CredLens cannot tell whether the credential has been revoked.";
const BAD_SIGNATURE =
  "The issuer's status list is not properly signed by the issuer, so CredLens cannot tell whether the credential has been revoked.";

function errText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A JSON number of seconds since the epoch (or a CBOR integer/float), as a Date; undefined otherwise. */
function numericDate(value: unknown): Date | undefined {
  if (typeof value === 'bigint') value = Number(value);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 253402300799)
    return undefined;
  return new Date(value * 1000);
}

/* ----------------------------------------------------------------------------------------------
 * Keys and certificates
 * -------------------------------------------------------------------------------------------- */

const EC_CURVES: Readonly<Record<string, 'P-256' | 'P-384'>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
};

/** The public key of a certificate as a JWK (EC P-256/P-384, Ed25519, RSA); undefined otherwise. */
async function certificateKey(info: CertInfo): Promise<PublicKey | undefined> {
  const spkiInfo = info.cert.subjectPublicKeyInfo;
  const oid = spkiInfo.algorithm.algorithmId;
  const spki = toArrayBuffer(new Uint8Array(spkiInfo.toSchema().toBER(false)));
  let params: EcKeyImportParams | RsaHashedImportParams | Algorithm;
  if (oid === '1.2.840.10045.2.1') {
    const p = spkiInfo.algorithm.algorithmParams as { valueBlock?: { toString(): string } } | undefined;
    const curve = EC_CURVES[p?.valueBlock?.toString() ?? ''];
    if (!curve) return undefined;
    params = { name: 'ECDSA', namedCurve: curve };
  } else if (oid === '1.3.101.112') params = { name: 'Ed25519' };
  else if (oid === '1.2.840.113549.1.1.1') params = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  else return undefined;
  try {
    const key = await crypto.subtle.importKey('spki', spki, params, true, ['verify']);
    const k = keyFromJwk(await crypto.subtle.exportKey('jwk', key));
    return k.ok ? k.key : undefined;
  } catch {
    return undefined;
  }
}

/** The credential issuer's key: `issuerKey`, else the key of the credential's certificate. */
async function credentialKey(issuer: StatusListIssuer, creds: CertInfo[]): Promise<PublicKey | undefined> {
  if (issuer.issuerKey !== undefined) {
    const k = keyFromJwk(issuer.issuerKey);
    if (k.ok) return k.key;
  }
  return creds[0] ? certificateKey(creds[0]) : undefined;
}

/**
 * Decides whether the certificate that signed the list speaks for the credential's issuer. `leaf`
 * (whose key already verified the list) and `pool` come from the list's x5c / x5chain.
 */
async function authoriseCertificate(
  leaf: CertInfo,
  pool: CertInfo[],
  issuer: StatusListIssuer,
  creds: CertInfo[],
  ctx: VerifyContext,
): Promise<{ ok: true; how: string } | { ok: false; detail: string }> {
  const who = displayName(leaf);
  const credLeaf = creds[0];
  if (credLeaf && credLeaf.sha256 === leaf.sha256)
    return { ok: true, how: `the credential's own certificate (${who})` };
  const credKey = await credentialKey(issuer, creds);
  const listKey = await certificateKey(leaf);
  if (credKey && listKey && sameKey(credKey, listKey))
    return { ok: true, how: `a certificate of ${who} for the credential issuer's own key` };
  let listed = false;
  if (issuer.iss !== undefined) {
    const id = await checkX5cIdentity(
      issuer.iss,
      [leaf, ...pool].map((c) => toBase64(c.der)),
      ctx,
    );
    if (id.check.status === 'failed')
      return {
        ok: false,
        detail: `Status list certificate: ${id.check.message}${id.check.detail ? ` ${id.check.detail}` : ''}`,
      };
    listed = id.level === 'A3';
    if (listed)
      return { ok: true, how: `a certificate of ${who} for ${issuer.iss}, from a CA on an EU trusted list` };
  } else if (!credLeaf || formatName(credLeaf.cert.subject) !== formatName(leaf.cert.subject)) {
    return {
      ok: false,
      detail: `The status list is signed with a certificate of ${leaf.subject}${credLeaf ? `, not of the credential's signer ${credLeaf.subject}` : ', and the credential names no issuer or certificate to compare it with'}.`,
    };
  }
  // Same PKI: the list's certificate must chain, validly now, through the CA that issued the credential's.
  if (!credLeaf)
    return {
      ok: false,
      detail: `The status list certificate (${leaf.subject}) names the issuer, but it is on no EU trusted list and the credential's own certificate was not given to compare its authority with.`,
    };
  const credChain = await buildChain(credLeaf, creds.slice(1), [], ctx.now, 'seal');
  const ca = credChain.path[1];
  if (!ca)
    return {
      ok: false,
      detail: `The status list certificate (${leaf.subject}) differs from the credential's (${credLeaf.subject}), which names no issuing authority to tie them together.`,
    };
  const listChain = await buildChain(leaf, [...pool, ...creds.slice(1)], [], ctx.now, 'seal');
  if (listChain.problems.length > 0)
    return { ok: false, detail: `Status list certificate path: ${listChain.problems.join('; ')}.` };
  if (!listChain.path.some((c) => c.sha256 === ca.sha256))
    return {
      ok: false,
      detail: `The status list certificate (${leaf.subject}, issued by ${leaf.issuer}) was not issued under ${ca.subject}, the authority of the credential's certificate.`,
    };
  return {
    ok: true,
    how: `a certificate of ${who} issued by ${displayName(ca)}, the authority of the credential's certificate`,
  };
}

/** Verifies with a certificate chain (first the signature with the leaf's key, then who it is). */
async function withCertificate(
  ders: Uint8Array[],
  verify: (key: PublicKey) => Promise<boolean>,
  issuer: StatusListIssuer,
  ctx: VerifyContext,
  creds: CertInfo[],
): Promise<Step<string>> {
  const leaf = ders[0] ? await parseCertificate(ders[0]) : undefined;
  const pool = (await parseAll(ders.slice(1, MAX_CHAIN))).filter((c) => c.sha256 !== leaf?.sha256);
  if (!leaf)
    return unverifiable(
      'ERR_STATUS_LIST_CERT',
      BAD_SIGNATURE,
      'The certificate in the status list header cannot be read.',
    );
  const key = await certificateKey(leaf);
  if (!key)
    return unverifiable(
      'ERR_STATUS_LIST_CERT',
      BAD_SIGNATURE,
      `The status list certificate's key type is not supported (${leaf.subject}).`,
    );
  if (!(await verify(key)))
    return unverifiable(
      'ERR_STATUS_LIST_SIGNATURE',
      BAD_SIGNATURE,
      `The status list signature does not verify with the key of its certificate (${leaf.subject}).`,
    );
  const auth = await authoriseCertificate(leaf, pool, issuer, creds, ctx);
  if (!auth.ok) return unverifiable('ERR_STATUS_LIST_SIGNER', BAD_SIGNATURE, auth.detail);
  return { ok: true, value: auth.how };
}

/** Verifies with the credential issuer's own key (no certificate in the list). */
async function withIssuerKey(
  kid: string | undefined,
  verify: (key: PublicKey) => Promise<boolean>,
  issuer: StatusListIssuer,
  creds: CertInfo[],
): Promise<Step<string>> {
  const key = await credentialKey(issuer, creds);
  if (!key)
    return unverifiable(
      'ERR_STATUS_LIST_KEY',
      BAD_SIGNATURE,
      `The status list names ${kid === undefined ? 'no key' : `key ${JSON.stringify(kid).slice(0, 80)}`} and carries no certificate, and the credential issuer's key was not given to check it with.`,
    );
  const issuerKid = typeof issuer.issuerKey?.kid === 'string' ? issuer.issuerKey.kid : undefined;
  const kidNote =
    kid !== undefined && issuerKid !== undefined && kid !== issuerKid
      ? ` The list names key ${JSON.stringify(kid).slice(0, 80)}, the credential ${JSON.stringify(issuerKid).slice(0, 80)}.`
      : '';
  if (!(await verify(key)))
    return unverifiable(
      'ERR_STATUS_LIST_SIGNATURE',
      BAD_SIGNATURE,
      `The status list signature does not verify with the key of the credential's issuer.${kidNote}`,
    );
  return {
    ok: true,
    value: `the credential issuer's own key${kid !== undefined ? ` (kid ${JSON.stringify(kid).slice(0, 80)})` : ''}`,
  };
}

/* ----------------------------------------------------------------------------------------------
 * JWT form
 * -------------------------------------------------------------------------------------------- */

const JWT_TYPS = ['statuslist+jwt', 'application/statuslist+jwt'];

async function readJwt(
  token: string,
  issuer: StatusListIssuer,
  ctx: VerifyContext,
  creds: CertInfo[],
): Promise<Step<SignedList>> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token))
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      'The status list is not a compact JWS (header.payload.signature).',
    );
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
  } catch (error) {
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      `The status list header cannot be read: ${errText(error)}`,
    );
  }
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (alg === undefined || alg === 'none' || !JWT_ALGORITHMS.includes(alg))
    return unverifiable(
      alg === undefined || alg === 'none' ? 'ERR_STATUS_LIST_UNSIGNED' : 'ERR_STATUS_LIST_ALG',
      BAD_SIGNATURE,
      alg === undefined || alg === 'none'
        ? 'The status list is not signed (alg none or missing).'
        : `Algorithm ${alg.slice(0, 40)} is not on CredLens's allow-list (${JWT_ALGORITHMS.join(', ')}); MAC algorithms are refused (draft-ietf-oauth-status-list §5.1).`,
    );
  if (header.crit !== undefined)
    return unverifiable(
      'ERR_STATUS_LIST_CRIT',
      BAD_LIST,
      'The status list header marks extensions as critical (RFC 7515 §4.1.11).',
    );
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : undefined;
  if (typ === undefined || !JWT_TYPS.includes(typ))
    return unverifiable(
      'ERR_STATUS_LIST_TYP',
      BAD_LIST,
      `The status list header typ is ${JSON.stringify(header.typ)?.slice(0, 60) ?? 'missing'}, not statuslist+jwt (draft-ietf-oauth-status-list §5.1).`,
    );
  let payloadBytes: Uint8Array | undefined;
  const verify = async (key: PublicKey): Promise<boolean> => {
    try {
      const k = await importJWK({ ...key.jwk, alg } as Parameters<typeof importJWK>[0], alg);
      payloadBytes = (await compactVerify(token, k, { algorithms: [alg] })).payload;
      return true;
    } catch {
      return false;
    }
  };
  const x5c = header.x5c;
  let signer: Step<string>;
  if (x5c !== undefined) {
    if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string'))
      return unverifiable(
        'ERR_STATUS_LIST_CERT',
        BAD_SIGNATURE,
        'The status list x5c header is not a list of certificates.',
      );
    const ders = (x5c as string[]).slice(0, MAX_CHAIN).map((c) => fromBase64(c));
    if (ders.some((d) => d === undefined))
      return unverifiable(
        'ERR_STATUS_LIST_CERT',
        BAD_SIGNATURE,
        'A certificate in the status list x5c header cannot be read.',
      );
    signer = await withCertificate(ders as Uint8Array[], verify, issuer, ctx, creds);
  } else {
    signer = await withIssuerKey(
      typeof header.kid === 'string' ? header.kid : undefined,
      verify,
      issuer,
      creds,
    );
  }
  if (!signer.ok) return signer;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
  } catch (error) {
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      `The status list payload is not JSON: ${errText(error)}`,
    );
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      'The status list payload is not a JSON object.',
    );
  const c = claims as Record<string, unknown>;
  const sl = c.status_list;
  const list =
    typeof sl === 'object' && sl !== null && !Array.isArray(sl) ? (sl as Record<string, unknown>) : undefined;
  return {
    ok: true,
    value: {
      form: 'JWT',
      iss: c.iss,
      sub: c.sub,
      iat: c.iat,
      exp: c.exp,
      ttl: c.ttl,
      bits: list?.bits,
      lst: list ? list.lst : undefined,
      signer: `${alg}, ${signer.value}`,
    },
  };
}

/* ----------------------------------------------------------------------------------------------
 * CWT form
 * -------------------------------------------------------------------------------------------- */

const COSE_ALGS: Readonly<
  Record<number, { name: string; curve: PublicKey['curve']; hash?: EcdsaHash; size?: number }>
> = {
  [-7]: { name: 'ES256', curve: 'P-256', hash: 'SHA-256', size: 64 },
  [-35]: { name: 'ES384', curve: 'P-384', hash: 'SHA-384', size: 96 },
  [-8]: { name: 'EdDSA', curve: 'Ed25519' },
};
const CWT_TYPS = ['application/statuslist+cwt', 'statuslist+cwt'];

/** cborg decoding: maps keep their integer keys; tags 18 (COSE_Sign1) and 61 (CWT) pass through. */
function decodeCbor(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  // cborg 6: a tag decoder receives a control whose call decodes the tagged content.
  const pass = (inner: () => unknown): unknown => inner();
  const tags = { 18: pass, 61: pass };
  try {
    return {
      ok: true,
      value: decode(bytes, {
        useMaps: true,
        rejectDuplicateMapKeys: true,
        allowUndefined: false,
        allowIndefinite: false,
        tags,
      }),
    };
  } catch (error) {
    return { ok: false, reason: errText(error) };
  }
}

function mapGet(map: unknown, key: number | string): unknown {
  return map instanceof Map ? map.get(key) : undefined;
}

async function readCwt(
  bytes: Uint8Array,
  issuer: StatusListIssuer,
  ctx: VerifyContext,
  creds: CertInfo[],
): Promise<Step<SignedList>> {
  const outer = decodeCbor(bytes);
  if (!outer.ok)
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      `The status list is not readable CBOR: ${outer.reason}`,
    );
  const arr = outer.value;
  if (!Array.isArray(arr) || arr.length !== 4)
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      'The status list is not a COSE_Sign1 (a 4-element array).',
    );
  const [prot, unprot, payload, signature] = arr as unknown[];
  if (
    !(prot instanceof Uint8Array) ||
    !(unprot instanceof Map) ||
    !(payload instanceof Uint8Array) ||
    !(signature instanceof Uint8Array)
  )
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      'The COSE_Sign1 has the wrong shape (protected bytes, unprotected map, attached payload bytes, signature bytes).',
    );
  const protMap = prot.length === 0 ? { ok: true as const, value: new Map() } : decodeCbor(prot);
  if (!protMap.ok || !(protMap.value instanceof Map))
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      'The COSE protected header is not a CBOR map.',
    );
  const ph = protMap.value;
  const algId = ph.get(1);
  const alg = typeof algId === 'number' ? COSE_ALGS[algId] : undefined;
  if (algId === undefined)
    return unverifiable(
      'ERR_STATUS_LIST_UNSIGNED',
      BAD_SIGNATURE,
      'The COSE protected header names no algorithm (label 1).',
    );
  if (!alg)
    return unverifiable(
      'ERR_STATUS_LIST_ALG',
      BAD_SIGNATURE,
      `COSE algorithm ${String(algId).slice(0, 40)} is not supported (ES256, ES384 and EdDSA are); MAC algorithms are refused.`,
    );
  if (unprot.has(1))
    return unverifiable(
      'ERR_STATUS_LIST_MALFORMED',
      BAD_LIST,
      'The algorithm also appears in the unprotected header.',
    );
  if (ph.has(2))
    return unverifiable(
      'ERR_STATUS_LIST_CRIT',
      BAD_LIST,
      'The COSE header marks parameters as critical (RFC 9052 §3.1), which CredLens does not process.',
    );
  const typ = ph.get(16);
  if (typeof typ !== 'string' || !CWT_TYPS.includes(typ.toLowerCase()))
    return unverifiable(
      'ERR_STATUS_LIST_TYP',
      BAD_LIST,
      `The COSE type (label 16) is ${typ === undefined ? 'missing' : JSON.stringify(String(typ)).slice(0, 60)}, not application/statuslist+cwt (draft-ietf-oauth-status-list §5.2).`,
    );
  const data = encode(['Signature1', prot, new Uint8Array(0), payload]);
  const verify = async (key: PublicKey): Promise<boolean> => {
    if (key.curve !== alg.curve) return false;
    if (alg.size !== undefined && signature.length !== alg.size) return false;
    return verifyRaw(key, data, signature, alg.hash);
  };
  const x5 = ph.get(33) ?? unprot.get(33);
  let signer: Step<string>;
  if (x5 !== undefined) {
    const ders = x5 instanceof Uint8Array ? [x5] : Array.isArray(x5) ? (x5 as unknown[]) : [];
    if (ders.length === 0 || !ders.every((d): d is Uint8Array => d instanceof Uint8Array))
      return unverifiable(
        'ERR_STATUS_LIST_CERT',
        BAD_SIGNATURE,
        'The COSE x5chain (label 33) is not a certificate or a list of certificates.',
      );
    signer = await withCertificate(ders, verify, issuer, ctx, creds);
  } else {
    const kidRaw = ph.get(4) ?? unprot.get(4);
    const kid =
      kidRaw instanceof Uint8Array
        ? new TextDecoder().decode(kidRaw)
        : typeof kidRaw === 'string'
          ? kidRaw
          : undefined;
    signer = await withIssuerKey(kid, verify, issuer, creds);
  }
  if (!signer.ok) return signer;
  const claims = decodeCbor(payload);
  if (!claims.ok || !(claims.value instanceof Map))
    return unverifiable('ERR_STATUS_LIST_MALFORMED', BAD_LIST, 'The CWT claims are not a CBOR map.');
  const c = claims.value;
  const sl = c.get(65533);
  return {
    ok: true,
    value: {
      form: 'CWT',
      iss: c.get(1),
      sub: c.get(2),
      iat: c.get(6),
      exp: c.get(4),
      ttl: c.get(65534),
      bits: mapGet(sl, 'bits'),
      lst: sl instanceof Map ? sl.get('lst') : undefined,
      signer: `${alg.name}, ${signer.value}`,
    },
  };
}

/* ----------------------------------------------------------------------------------------------
 * The status list itself
 * -------------------------------------------------------------------------------------------- */

/**
 * Reads entry `idx` of a decompressed status list of `bits`-bit entries (§4: entry i occupies bits
 * i*bits .. i*bits+bits-1, counted from the least significant bit of each byte). Undefined when the
 * index is past the end.
 */
export function statusAt(list: Uint8Array, bits: 1 | 2 | 4 | 8, idx: number): number | undefined {
  const bit = idx * bits;
  const byte = list[Math.floor(bit / 8)];
  if (byte === undefined) return undefined;
  return (byte >> (bit % 8)) & ((1 << bits) - 1);
}

/** Decompresses `lst` (ZLIB, RFC 1950) with the size cap. */
export async function decodeStatusList(
  lst: unknown,
  form: 'JWT' | 'CWT',
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; detail: string }> {
  let compressed: Uint8Array | undefined;
  if (form === 'JWT') {
    compressed = typeof lst === 'string' && /^[A-Za-z0-9_-]*$/.test(lst) ? base64UrlDecode(lst) : undefined;
    if (!compressed) return { ok: false, detail: 'status_list.lst is not a base64url string.' };
  } else {
    compressed = lst instanceof Uint8Array ? lst : undefined;
    if (!compressed) return { ok: false, detail: 'status_list lst is not a byte string.' };
  }
  if (compressed.length === 0) return { ok: false, detail: 'status_list.lst is empty.' };
  const out = await decompressCapped(compressed, 'deflate', MAX_STATUS_LIST_BYTES);
  if (!out.ok)
    return {
      ok: false,
      detail: out.tooLarge
        ? `The status list decompresses to more than ${MAX_STATUS_LIST_BYTES} bytes.`
        : `status_list.lst is not ZLIB/DEFLATE data (RFC 1950): ${out.error}`,
    };
  return { ok: true, bytes: out.bytes };
}

function isoOr(d: Date | undefined): string {
  return d ? d.toISOString() : 'absent';
}

/**
 * The `status.revocation` check for a Token Status List reference (`status.status_list` of an
 * SD-JWT VC, or the `status` of an mdoc / CWT). `issuer` says whose list it must be: `iss` and,
 * optionally, the key or certificate chain that verified the credential (see StatusListIssuer).
 * Never throws.
 */
export async function checkTokenStatus(
  ref: { idx: number; uri: string },
  ctx: VerifyContext,
  issuer: StatusListIssuer,
): Promise<Check> {
  try {
    return await checkTokenStatusInner(ref, ctx, issuer);
  } catch (error) {
    // Defensive: a bug must not turn into "not revoked".
    return check.error(
      ID,
      'ERR_STATUS_LIST_INTERNAL',
      'unverifiable',
      "CredLens could not read the issuer's status list, so it cannot tell whether the credential has been revoked.",
      errText(error),
    );
  }
}

async function checkTokenStatusInner(
  ref: { idx: number; uri: string },
  ctx: VerifyContext,
  issuer: StatusListIssuer,
): Promise<Check> {
  const idx: unknown = ref?.idx;
  const uri: unknown = ref?.uri;
  let url: URL | undefined;
  try {
    url = typeof uri === 'string' ? new URL(uri) : undefined;
  } catch {
    url = undefined;
  }
  if (typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0 || typeof uri !== 'string' || !url)
    return check.failed(
      ID,
      'ERR_STATUS_REFERENCE',
      'invalid',
      "The credential's status reference is malformed.",
      `status_list: ${JSON.stringify({ idx, uri })?.slice(0, 300)} (idx must be a non-negative integer, uri a URI).`,
    );
  if (url.protocol !== 'https:')
    return check.error(
      ID,
      'ERR_STATUS_LIST_INSECURE',
      'unverifiable',
      "The credential's status list is not at a secure (https) address, so CredLens did not use it and cannot tell whether the credential has been revoked.",
      `${uri.slice(0, 300)}: the status list endpoint must use TLS (draft-ietf-oauth-status-list, Status List Request).`,
    );
  const res = await ctx.fetch(uri, PURPOSE, { accept: ACCEPT, maxBytes: LIMITS.maxListResponseBytes });
  if (!res.ok)
    return check.error(
      ID,
      'ERR_STATUS_LIST_UNREACHABLE',
      'unverifiable',
      "The issuer's status list could not be reached, so CredLens cannot tell whether the credential has been revoked.",
      `${uri}: ${res.status !== undefined ? `HTTP ${res.status} ` : ''}${res.code} ${res.message}`,
    );
  const creds = issuer.issuerCertificates
    ? await parseAll(issuer.issuerCertificates.slice(0, MAX_CHAIN))
    : [];
  const type = res.contentType.toLowerCase();
  const first = res.bytes[0];
  const cwt = type.includes('statuslist+cwt')
    ? true
    : type.includes('statuslist+jwt')
      ? false
      : first === 0xd2 || first === 0xd8 || first === 0x84;
  let parsed: Step<SignedList>;
  if (cwt) parsed = await readCwt(res.bytes, issuer, ctx, creds);
  else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(res.bytes).trim();
    } catch {
      text = '';
    }
    parsed = await readJwt(text, issuer, ctx, creds);
  }
  if (!parsed.ok) return parsed.check;
  const list = parsed.value;
  const where = `${uri} (${list.form}, content type ${res.contentType || 'none'}); signed with ${list.signer}`;
  const bad = (detail: string): Check =>
    check.error(ID, 'ERR_STATUS_LIST_MALFORMED', 'unverifiable', BAD_LIST, `${where}. ${detail}`);

  // Claims (draft-ietf-oauth-status-list §5.1 / §5.2, validation rules).
  if (typeof list.sub !== 'string') return bad('The status list has no subject (sub / claim 2).');
  if (list.sub !== uri)
    return check.error(
      ID,
      'ERR_STATUS_LIST_SUBJECT',
      'unverifiable',
      "The status list the issuer's address returned is for another list, so CredLens cannot tell whether the credential has been revoked.",
      `${where}. Its subject is ${JSON.stringify(list.sub).slice(0, 300)}, the credential points at ${uri}.`,
    );
  if (list.iss !== undefined && issuer.iss !== undefined && list.iss !== issuer.iss)
    return check.error(
      ID,
      'ERR_STATUS_LIST_ISSUER',
      'unverifiable',
      "The status list was issued by someone other than the credential's issuer, so CredLens cannot tell whether the credential has been revoked.",
      `${where}. List iss ${JSON.stringify(list.iss).slice(0, 200)}, credential iss ${issuer.iss}.`,
    );
  const iat = numericDate(list.iat);
  if (!iat) return bad('The status list has no valid issued-at time (iat / claim 6).');
  const now = ctx.now.getTime();
  if (iat.getTime() > now + CLOCK_SKEW_MS)
    return check.error(
      ID,
      'ERR_STATUS_LIST_NOT_YET_VALID',
      'unverifiable',
      "The issuer's status list is dated in the future, so CredLens cannot rely on it to tell whether the credential has been revoked.",
      `${where}. iat ${iat.toISOString()}, checked at ${ctx.now.toISOString()}.`,
    );
  let exp: Date | undefined;
  if (list.exp !== undefined) {
    exp = numericDate(list.exp);
    if (!exp) return bad('The status list expiry (exp / claim 4) is not a number of seconds.');
    if (exp.getTime() + CLOCK_SKEW_MS < now)
      return check.error(
        ID,
        'ERR_STATUS_LIST_EXPIRED',
        'unverifiable',
        "The issuer's status list has expired and no current one was available, so CredLens cannot tell whether the credential has been revoked.",
        `${where}. exp ${exp.toISOString()}, checked at ${ctx.now.toISOString()}.`,
      );
  }
  let ttl: number | undefined;
  if (list.ttl !== undefined) {
    ttl = typeof list.ttl === 'bigint' ? Number(list.ttl) : typeof list.ttl === 'number' ? list.ttl : NaN;
    if (!Number.isFinite(ttl) || ttl <= 0)
      return bad('The status list time-to-live (ttl / claim 65534) is not a positive number.');
  }
  const bits = typeof list.bits === 'bigint' ? Number(list.bits) : list.bits;
  if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8)
    return bad(
      `status_list.bits is ${JSON.stringify(String(list.bits)).slice(0, 40)}; it must be 1, 2, 4 or 8.`,
    );
  const decoded = await decodeStatusList(list.lst, list.form);
  if (!decoded.ok) return bad(decoded.detail);
  const entries = Math.floor((decoded.bytes.length * 8) / bits);
  const value = statusAt(decoded.bytes, bits, idx);
  const facts = `${where}. ${bits}-bit list of ${entries} entries; index ${idx}; issued ${iat.toISOString()}, expires ${isoOr(exp)}${ttl !== undefined ? `, ttl ${ttl} s` : ''}.`;
  if (value === undefined)
    return check.error(
      ID,
      'ERR_STATUS_LIST_INDEX',
      'unverifiable',
      "The issuer's status list has no entry for this credential, so CredLens cannot tell whether the credential has been revoked.",
      `${facts} The index is past the end of the list.`,
    );
  if (value === 0)
    return check.passed(
      ID,
      'OK_STATUS_VALID',
      "The issuer's status list says the credential has not been revoked or suspended.",
      `${facts} Status 0 (VALID).`,
    );
  if (value === 1)
    return check.failed(
      ID,
      'ERR_STATUS_REVOKED',
      'revoked',
      'The credential has been revoked by its issuer.',
      `${facts} Status 1 (INVALID).`,
    );
  if (value === 2)
    return check.failed(
      ID,
      'ERR_STATUS_SUSPENDED',
      'revoked',
      'The credential has been suspended by its issuer: it is not valid for now.',
      `${facts} Status 2 (SUSPENDED).`,
    );
  return check.error(
    ID,
    'ERR_STATUS_UNKNOWN',
    'unverifiable',
    "The issuer's status list gives an unknown status for this credential, so CredLens cannot tell whether it is still valid.",
    `${facts} Status ${value} (0x${value.toString(16).padStart(2, '0')}${value === 3 ? ', application-specific' : ''}).`,
  );
}
