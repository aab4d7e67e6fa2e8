/**
 * SD-JWT (RFC 9901): splitting the compact serialisation (§4), decoding Disclosures (§4.2) and
 * processing them against the digests of the Issuer-signed JWT (§7.1 "Verification of the SD-JWT",
 * steps 3–5): object properties through `_sd`, array elements through `{"...": digest}`, recursively
 * (disclosures inside disclosed values), decoys ignored. Refused, each with a reason: a disclosure
 * that is not a JSON array of the right shape, a claim name `_sd` / `...`, a disclosed name that
 * already exists as a plain claim, a digest that appears more than once, the same disclosure given
 * twice, and a disclosure whose digest nothing references. Never throws.
 */
import { sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';
import { base64UrlDecode, base64UrlEncode } from '../../did/multibase';
import { isObj, type Json } from '../../did/json';

/** Hash algorithms accepted in `_sd_alg` (IANA "Named Information Hash Algorithm" names, RFC 9901 §4.1.1). */
export const SD_ALGS: readonly string[] = [
  'sha-256',
  'sha-384',
  'sha-512',
  'sha3-256',
  'sha3-384',
  'sha3-512',
];

/** SECURITY: bounds for hostile input. */
const MAX_DISCLOSURES = 500;
const MAX_DEPTH = 32;
const MAX_DIGESTS = 5000;

/** The parts of a compact SD-JWT / SD-JWT+KB. */
export interface CompactSdJwt {
  /** The Issuer-signed JWT. */
  jwt: string;
  /** The disclosures, as given (base64url strings). */
  disclosures: string[];
  /** The KB-JWT, when the presentation ends with one. */
  kbJwt?: string;
  /** The presented SD-JWT without the KB-JWT: `<jwt>~<d1>~…~<dn>~` (the `sd_hash` input). */
  presented: string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Splits a compact SD-JWT; whitespace (line wraps) is removed first. Undefined when it is not one. */
export function splitCompact(text: string): CompactSdJwt | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!compact.includes('~')) return undefined;
  const parts = compact.split('~');
  const jwt = parts[0] ?? '';
  if (!JWS.test(jwt)) return undefined;
  const last = parts[parts.length - 1] ?? '';
  const disclosures = parts.slice(1, -1);
  if (last !== '' && !JWS.test(last)) return undefined;
  if (disclosures.some((d) => !B64URL.test(d))) return undefined;
  const presented = `${[jwt, ...disclosures].join('~')}~`;
  const out: CompactSdJwt = { jwt, disclosures, presented };
  if (last !== '') out.kbJwt = last;
  return out;
}

/** True for text that is a compact SD-JWT (possibly wrapped over lines). Cheap. */
export function looksLikeSdJwt(text: string): boolean {
  return splitCompact(text) !== undefined;
}

/** Hashes ASCII text with an `_sd_alg` algorithm, base64url-encoded. */
export async function sdDigest(alg: string, ascii: string): Promise<string> {
  const bytes = new TextEncoder().encode(ascii);
  switch (alg) {
    case 'sha-256':
    case 'sha-384':
    case 'sha-512': {
      const name = `SHA-${alg.slice(4)}`;
      return base64UrlEncode(new Uint8Array(await crypto.subtle.digest(name, bytes)));
    }
    case 'sha3-256':
      return base64UrlEncode(sha3_256(bytes));
    case 'sha3-384':
      return base64UrlEncode(sha3_384(bytes));
    case 'sha3-512':
      return base64UrlEncode(sha3_512(bytes));
    default:
      throw new Error(`unsupported _sd_alg ${alg}`);
  }
}

/** One decoded disclosure. */
interface Disclosure {
  encoded: string;
  digest: string;
  /** Claim name for an object property; undefined for an array element. */
  name?: string;
  value: unknown;
  used: boolean;
}

/** The outcome of processing the disclosures. */
export type Processed =
  | {
      ok: true;
      /** The payload with disclosures applied, `_sd` and `_sd_alg` removed. */
      payload: Json;
      /** Paths of the disclosed claims (`address.region`, `nationalities[1]`). */
      disclosed: string[];
      /** Per object path ('' for the top level), how many digests stayed undisclosed (decoys included). */
      undisclosed: Record<string, number>;
      /** Undisclosed array-element digests, per array path. */
      undisclosedElements: Record<string, number>;
    }
  | { ok: false; code: string; reason: string };

class SdError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function decodeDisclosure(encoded: string): { name?: string; value: unknown } {
  const bytes = base64UrlDecode(encoded);
  if (!bytes)
    throw new SdError('ERR_SDJWT_DISCLOSURE_MALFORMED', `disclosure ${short(encoded)} is not base64url`);
  let arr: unknown;
  try {
    arr = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new SdError('ERR_SDJWT_DISCLOSURE_MALFORMED', `disclosure ${short(encoded)} is not JSON`);
  }
  if (!Array.isArray(arr) || (arr.length !== 2 && arr.length !== 3) || typeof arr[0] !== 'string')
    throw new SdError(
      'ERR_SDJWT_DISCLOSURE_MALFORMED',
      `disclosure ${short(encoded)} is not an array [salt, (name,) value]`,
    );
  if (arr.length === 2) return { value: arr[1] };
  const name: unknown = arr[1];
  if (typeof name !== 'string')
    throw new SdError(
      'ERR_SDJWT_DISCLOSURE_MALFORMED',
      `disclosure ${short(encoded)} has a claim name that is not a string`,
    );
  if (name === '_sd' || name === '...')
    throw new SdError(
      'ERR_SDJWT_DISCLOSURE_NAME',
      `disclosure ${short(encoded)} discloses the reserved name "${name}"`,
    );
  return { name, value: arr[2] };
}

function short(s: string): string {
  return s.length > 24 ? `${s.slice(0, 22)}…` : s;
}

const child = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** SECURITY: defines an own property, so a claim named `__proto__` cannot replace the prototype. */
function put(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Applies the disclosures to the Issuer-signed JWT payload (RFC 9901 §7.1). `alg` is the payload's
 * `_sd_alg` (already checked to be supported).
 */
export async function processDisclosures(payload: Json, encoded: string[], alg: string): Promise<Processed> {
  try {
    if (encoded.length > MAX_DISCLOSURES)
      throw new SdError('ERR_SDJWT_TOO_MANY', `${encoded.length} disclosures (limit ${MAX_DISCLOSURES})`);
    const byDigest = new Map<string, Disclosure>();
    const seen = new Set<string>();
    for (const e of encoded) {
      if (seen.has(e))
        throw new SdError('ERR_SDJWT_DISCLOSURE_DUPLICATE', `the disclosure ${short(e)} is given twice`);
      seen.add(e);
      const d = decodeDisclosure(e);
      const digest = await sdDigest(alg, e);
      const entry: Disclosure = { encoded: e, digest, value: d.value, used: false };
      if (d.name !== undefined) entry.name = d.name;
      byDigest.set(digest, entry);
    }
    const digestsSeen = new Set<string>();
    const disclosed: string[] = [];
    const undisclosed: Record<string, number> = {};
    const undisclosedElements: Record<string, number> = {};
    const note = (digest: unknown): Disclosure | undefined => {
      if (typeof digest !== 'string')
        throw new SdError(
          'ERR_SDJWT_DIGEST_MALFORMED',
          `a digest is not a string: ${JSON.stringify(digest)}`,
        );
      if (digestsSeen.has(digest))
        throw new SdError('ERR_SDJWT_DIGEST_DUPLICATE', `the digest ${short(digest)} appears more than once`);
      digestsSeen.add(digest);
      if (digestsSeen.size > MAX_DIGESTS)
        throw new SdError('ERR_SDJWT_TOO_MANY', `more than ${MAX_DIGESTS} digests`);
      const d = byDigest.get(digest);
      if (d) d.used = true;
      return d;
    };
    const walk = (value: unknown, path: string, depth: number): unknown => {
      if (depth > MAX_DEPTH)
        throw new SdError('ERR_SDJWT_TOO_DEEP', `nesting deeper than ${MAX_DEPTH} at ${path || 'top'}`);
      if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (const item of value) {
          if (isObj(item) && Object.keys(item).length === 1 && '...' in item) {
            const d = note(item['...']);
            if (!d) {
              undisclosedElements[path] = (undisclosedElements[path] ?? 0) + 1;
              continue;
            }
            if (d.name !== undefined)
              throw new SdError(
                'ERR_SDJWT_DISCLOSURE_KIND',
                `the array element digest at ${path} points to an object-property disclosure ("${d.name}")`,
              );
            const at = `${path}[${out.length}]`;
            disclosed.push(at);
            out.push(walk(d.value, at, depth + 1));
          } else out.push(walk(item, `${path}[${out.length}]`, depth + 1));
        }
        return out;
      }
      if (!isObj(value)) return value;
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === '_sd' || (k === '_sd_alg' && depth === 0)) continue;
        put(out, k, walk(v, child(path, k), depth + 1));
      }
      if (value._sd !== undefined) {
        if (!Array.isArray(value._sd))
          throw new SdError('ERR_SDJWT_DIGEST_MALFORMED', `_sd at ${path || 'top level'} is not an array`);
        for (const digest of value._sd) {
          const d = note(digest);
          if (!d) {
            undisclosed[path] = (undisclosed[path] ?? 0) + 1;
            continue;
          }
          if (d.name === undefined)
            throw new SdError(
              'ERR_SDJWT_DISCLOSURE_KIND',
              `a digest in _sd at ${path || 'top level'} points to an array-element disclosure`,
            );
          if (
            Object.prototype.hasOwnProperty.call(out, d.name) ||
            Object.prototype.hasOwnProperty.call(value, d.name)
          )
            throw new SdError(
              'ERR_SDJWT_CLAIM_COLLISION',
              `the disclosed claim "${d.name}" at ${path || 'top level'} already exists in the signed payload`,
            );
          const at = child(path, d.name);
          disclosed.push(at);
          put(out, d.name, walk(d.value, at, depth + 1));
        }
      }
      return out;
    };
    const result = walk(payload, '', 0) as Json;
    const unused = [...byDigest.values()].filter((d) => !d.used);
    if (unused.length > 0)
      throw new SdError(
        'ERR_SDJWT_DISCLOSURE_UNREFERENCED',
        `${unused.length} disclosure(s) match no digest in the signed payload: ${unused.map((d) => short(d.encoded)).join(', ')}`,
      );
    return { ok: true, payload: result, disclosed, undisclosed, undisclosedElements };
  } catch (error) {
    if (error instanceof SdError) return { ok: false, code: error.code, reason: error.message };
    return { ok: false, code: 'ERR_SDJWT_DISCLOSURE_MALFORMED', reason: String(error) };
  }
}
