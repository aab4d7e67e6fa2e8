/**
 * Key Binding (RFC 9901 §4.3, §7.3): the KB-JWT at the end of an SD-JWT+KB proves that whoever
 * presented the SD-JWT holds the key the issuer bound in `cnf` (RFC 7800 `cnf.jwk`). Checked:
 * `typ` `kb+jwt`, an allowed algorithm, the signature with `cnf.jwk`, `sd_hash` over the presented
 * SD-JWT (`<issuer-jwt>~<disclosures>~`, with `_sd_alg`), `iat` not in the future (and, when the
 * verifier sent a nonce, recent), and `nonce` / `aud` against what the verifier expects.
 *
 * Without a KB-JWT: a credential file read as such (no presentation) is normal for a recruiter, so
 * the missing binding is a warning that lowers nothing — unless the verifier asked for a binding
 * (`expectedNonce` given), in which case its absence fails (`unverifiable`: the presenter is not
 * shown to hold the credential).
 */
import { decodeProtectedHeader, decodeJwt as joseDecodeJwt } from 'jose';
import type { Check } from '../../model/report';
import { isObj, type Json } from '../../did/json';
import { CLOCK_SKEW_MS } from '../ob2/validity';
import { check } from '../vc/util';
import { sdDigest } from './disclosures';
import { SDJWT_ALGORITHMS, verifyWithJwk } from './issuer-key';

const ID = 'proof.keyBinding';
/** When the verifier sent a nonce, a key binding older than this is not a fresh answer to it. */
export const KB_MAX_AGE_MS = 10 * 60 * 1000;

export interface KeyBindingInput {
  kbJwt?: string;
  presented: string;
  sdAlg: string;
  /** `cnf` of the Issuer-signed JWT (plain claim). */
  cnf: unknown;
  now: Date;
  expectedNonce?: string;
  expectedAudience?: string;
}

/** The `proof.keyBinding` check. Never throws. */
export async function checkKeyBinding(input: KeyBindingInput): Promise<Check> {
  const { kbJwt, expectedNonce, expectedAudience } = input;
  const cnfJwk = isObj(input.cnf) && isObj(input.cnf.jwk) ? (input.cnf.jwk as JsonWebKey) : undefined;
  if (kbJwt === undefined) {
    if (expectedNonce !== undefined || expectedAudience !== undefined)
      return check.failed(
        ID,
        'ERR_KB_MISSING',
        'unverifiable',
        'A proof that the person presenting this credential holds it was required, but none was presented.',
        cnfJwk
          ? 'The issuer bound a holder key (cnf), but the SD-JWT ends without a Key Binding JWT.'
          : 'The issuer bound no holder key (no cnf.jwk), so no Key Binding JWT can prove possession.',
      );
    if (cnfJwk)
      return check.warning(
        ID,
        'WARN_KB_NOT_PRESENTED',
        'This is the credential itself, not a presentation: nothing proves that the person who gave it to you is the holder.',
        'The issuer bound a holder key (cnf), but no Key Binding JWT was presented. Normal for a credential file; ask for a presentation from the wallet to have it proven.',
      );
    return check.skipped(
      ID,
      'The issuer bound no holder key to this credential (no cnf), so there is no holder binding to check.',
    );
  }
  let header: Json;
  let payload: Json;
  try {
    header = decodeProtectedHeader(kbJwt) as Json;
    payload = joseDecodeJwt(kbJwt) as Json;
  } catch (error) {
    return check.failed(
      ID,
      'ERR_KB_MALFORMED',
      'invalid',
      'The holder binding at the end of this presentation is damaged.',
      String(error),
    );
  }
  if (header.typ !== 'kb+jwt')
    return check.failed(
      ID,
      'ERR_KB_TYP',
      'invalid',
      'The holder binding at the end of this presentation is not a Key Binding JWT.',
      `typ ${JSON.stringify(header.typ)}, expected "kb+jwt" (RFC 9901 §4.3).`,
    );
  const alg = typeof header.alg === 'string' ? header.alg : '(none)';
  if (!SDJWT_ALGORITHMS.includes(alg))
    return check.failed(
      ID,
      'ERR_KB_ALG',
      'invalid',
      'The holder binding is signed with a method CredLens does not accept.',
      `alg ${alg}.`,
    );
  if (!cnfJwk)
    return check.failed(
      ID,
      'ERR_KB_NO_CNF',
      'unverifiable',
      'A holder binding was presented, but the issuer bound no holder key it could be checked with.',
      'The Issuer-signed JWT has no cnf.jwk.',
    );
  const sig = await verifyWithJwk(kbJwt, cnfJwk, alg);
  if (!sig.ok)
    return check.failed(
      ID,
      sig.bad ? 'ERR_KB_SIGNATURE' : 'ERR_KB_KEY',
      'invalid',
      'The holder binding was not signed with the key the issuer bound to the holder: whoever presented this is not shown to hold it.',
      sig.reason,
    );
  let expectedHash: string;
  try {
    expectedHash = await sdDigest(input.sdAlg, input.presented);
  } catch (error) {
    return check.error(
      ID,
      'ERR_KB_SD_HASH',
      'unverifiable',
      'The holder binding could not be checked.',
      String(error),
    );
  }
  if (payload.sd_hash !== expectedHash)
    return check.failed(
      ID,
      'ERR_KB_SD_HASH',
      'invalid',
      'The holder binding was made for a different set of disclosed claims than the ones presented here.',
      `sd_hash ${JSON.stringify(payload.sd_hash)}, expected ${expectedHash} (${input.sdAlg} over the presented SD-JWT).`,
    );
  if (typeof payload.iat !== 'number' || !Number.isFinite(payload.iat))
    return check.failed(
      ID,
      'ERR_KB_IAT',
      'invalid',
      'The holder binding has no valid date.',
      `iat ${JSON.stringify(payload.iat)}.`,
    );
  const iat = new Date(payload.iat * 1000);
  const now = input.now.getTime();
  if (payload.iat * 1000 > now + CLOCK_SKEW_MS)
    return check.failed(
      ID,
      'ERR_KB_IAT_FUTURE',
      'invalid',
      'The holder binding is dated in the future.',
      `iat ${iat.toISOString()} is after ${input.now.toISOString()}.`,
    );
  const aud = payload.aud;
  const nonce = payload.nonce;
  if (typeof nonce !== 'string' || (typeof aud !== 'string' && !Array.isArray(aud)))
    return check.failed(
      ID,
      'ERR_KB_CLAIMS',
      'invalid',
      'The holder binding lacks its nonce or audience.',
      `nonce ${JSON.stringify(nonce)}, aud ${JSON.stringify(aud)}.`,
    );
  if (expectedNonce !== undefined && nonce !== expectedNonce)
    return check.failed(
      ID,
      'ERR_KB_NONCE',
      'invalid',
      'The holder binding was made for another request, not for yours: it may be a replayed presentation.',
      `nonce ${JSON.stringify(nonce)}, expected ${JSON.stringify(expectedNonce)}.`,
    );
  const auds = Array.isArray(aud) ? aud : [aud];
  if (expectedAudience !== undefined && !auds.includes(expectedAudience))
    return check.failed(
      ID,
      'ERR_KB_AUD',
      'invalid',
      'The holder binding was made for another recipient, not for you.',
      `aud ${JSON.stringify(aud)}, expected ${JSON.stringify(expectedAudience)}.`,
    );
  if (expectedNonce !== undefined && payload.iat * 1000 < now - KB_MAX_AGE_MS)
    return check.failed(
      ID,
      'ERR_KB_STALE',
      'invalid',
      'The holder binding is too old to be the answer to your request.',
      `iat ${iat.toISOString()}, more than ${KB_MAX_AGE_MS / 60000} minutes before ${input.now.toISOString()}.`,
    );
  const against =
    expectedNonce !== undefined || expectedAudience !== undefined
      ? ` It answers your request${expectedNonce !== undefined ? ' (nonce matches)' : ''}${expectedAudience !== undefined ? ' and is addressed to you' : ''}.`
      : ` It was made on ${iat.toISOString().slice(0, 10)} for ${auds.join(', ')}; no nonce or audience was expected, so it is not shown to be a fresh answer to you.`;
  return check.passed(
    ID,
    'OK_KB',
    `The person presenting this credential proved they hold the key the issuer bound to it.${against}`,
    `KB-JWT ${alg}; nonce ${JSON.stringify(nonce)}; aud ${JSON.stringify(aud)}; iat ${iat.toISOString()}; sd_hash matches.`,
  );
}
