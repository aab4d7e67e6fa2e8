/**
 * Reads a JAdES signature in JWS JSON serialization (ETSI TS 119 182-1 §5.1–5.2; RFC 7515 §7.2,
 * RFC 7797 for `b64: false`): the payload as signed, the protected header and the members
 * CredLens understands. Anything it does not understand in `crit` makes the seal unverifiable.
 */
import { b64urlText, isObj, parseJson, str, type Json } from './util';

/** Signature algorithms accepted (TS 119 312 recommended suites; never `none`, never HMAC). */
export const JADES_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;

/**
 * `crit` members understood (TS 119 182-1 §5.1.10): b64 (RFC 7797), sigT (§5.2.1, claimed time),
 * adoTst (§5.2.8.1, verified), sigX5ts (§5.2.2.2), srCms / sigPl / srAts (§5.2.3–5.2.6, informative).
 * SECURITY: `sigD` (detached payload) is deliberately absent — the signed bytes would not be this payload.
 */
export const UNDERSTOOD_CRIT = ['b64', 'sigT', 'adoTst', 'sigX5ts', 'srCms', 'sigPl', 'srAts'] as const;

/** One parsed JAdES signature. */
export interface JadesSignature {
  /** The base64url protected header exactly as received. */
  protectedB64: string;
  header: Json;
  /** The unprotected header (`header` member), `{}` when absent. */
  unprotected: Json;
  signature: string;
  /** The JWS payload as it appears in the serialization. */
  payload: string;
  /** The payload's content (decoded when b64 is true). */
  content: string;
  b64: boolean;
  alg: string;
  x5c: string[];
  x5tS256?: string;
  kid?: string;
  sigT?: string;
  crit: string[];
}

export type ParseJadesResult =
  { ok: true; jades: JadesSignature } | { ok: false; code: string; message: string; detail: string };

function bad(code: string, message: string, detail: string): ParseJadesResult {
  return { ok: false, code, message, detail };
}

/** The protected header of a JWS JSON object, when it looks like JAdES (cheap; for `claims`). */
export function jadesHeader(value: unknown): Json | undefined {
  if (!isObj(value) || typeof value.payload !== 'string') return undefined;
  const sig = Array.isArray(value.signatures) ? value.signatures[0] : value;
  if (!isObj(sig) || typeof sig.protected !== 'string' || sig.protected.length > 256 * 1024) return undefined;
  const header = parseJson(b64urlText(sig.protected) ?? '');
  return isObj(header) && typeof header.alg === 'string' ? header : undefined;
}

/** Parses and checks the structure of a JAdES JWS JSON object. Never throws. */
export function parseJades(value: unknown): ParseJadesResult {
  if (!isObj(value) || typeof value.payload !== 'string')
    return bad(
      'ERR_EDC_JWS_MALFORMED',
      'The seal on this credential is damaged.',
      'No string "payload" member.',
    );
  let sig: unknown = value;
  if (Array.isArray(value.signatures)) {
    if (value.signatures.length !== 1)
      return bad(
        'ERR_EDC_JWS_SIGNATURES',
        'This credential carries several seals; CredLens checks credentials with exactly one.',
        `${value.signatures.length} signatures.`,
      );
    sig = value.signatures[0];
  }
  if (!isObj(sig) || typeof sig.protected !== 'string' || typeof sig.signature !== 'string')
    return bad(
      'ERR_EDC_JWS_MALFORMED',
      'The seal on this credential is damaged.',
      'Missing "protected" or "signature".',
    );
  const header = parseJson(b64urlText(sig.protected) ?? '');
  if (!isObj(header))
    return bad(
      'ERR_EDC_JWS_MALFORMED',
      'The seal on this credential is damaged.',
      'The protected header is not a base64url JSON object.',
    );
  const unprotected = sig.header === undefined ? {} : sig.header;
  if (!isObj(unprotected))
    return bad(
      'ERR_EDC_JWS_MALFORMED',
      'The seal on this credential is damaged.',
      'The unprotected "header" is not an object.',
    );
  const alg = str(header.alg) ?? '';
  if (!(JADES_ALGORITHMS as readonly string[]).includes(alg))
    return bad(
      'ERR_EDC_JWS_ALG',
      'The seal uses a signature algorithm CredLens does not accept.',
      `alg ${JSON.stringify(header.alg)}; accepted: ${JADES_ALGORITHMS.join(', ')}.`,
    );
  const crit = header.crit === undefined ? [] : header.crit;
  if (!Array.isArray(crit) || !crit.every((c): c is string => typeof c === 'string'))
    return bad(
      'ERR_EDC_JWS_MALFORMED',
      'The seal on this credential is damaged.',
      '"crit" is not an array of names.',
    );
  const unknown = crit.filter((c) => !(UNDERSTOOD_CRIT as readonly string[]).includes(c));
  if (unknown.length > 0)
    return bad(
      'ERR_EDC_JWS_CRIT',
      'The seal uses signature features CredLens cannot check.',
      `Unsupported critical header members: ${unknown.join(', ')}.`,
    );
  const b64 = header.b64 !== false;
  if (!b64 && !crit.includes('b64'))
    return bad(
      'ERR_EDC_JWS_MALFORMED',
      'The seal on this credential is damaged.',
      '"b64": false must be listed in "crit" (RFC 7797 §6).',
    );
  const x5c = Array.isArray(header.x5c) ? header.x5c.filter((c): c is string => typeof c === 'string') : [];
  if (x5c.length === 0)
    return bad(
      'ERR_EDC_JWS_NO_CERT',
      "The seal does not include the sealer's certificate.",
      'No "x5c" in the protected header (TS 119 182-1 §5.1.8).',
    );
  const content = b64 ? b64urlText(value.payload) : value.payload;
  if (content === undefined)
    return bad(
      'ERR_EDC_JWS_MALFORMED',
      'The seal on this credential is damaged.',
      'The payload is not valid base64url.',
    );
  const jades: JadesSignature = {
    protectedB64: sig.protected,
    header,
    unprotected,
    signature: sig.signature,
    payload: value.payload,
    content,
    b64,
    alg,
    x5c,
    crit,
  };
  const x5t = str(header['x5t#S256']);
  if (x5t !== undefined) jades.x5tS256 = x5t;
  const kid = str(header.kid);
  if (kid !== undefined) jades.kid = kid;
  const sigT = str(header.sigT);
  if (sigT !== undefined) jades.sigT = sigT;
  return { ok: true, jades };
}
