/**
 * Signed verification (OB 2.0 §"Badge Verification" → "SignedBadge"): the assertion is a JWS
 * (compact serialisation) signed with RS256; the key is the CryptographicKey named by
 * `verification.creator` (else one the issuer profile lists in `publicKey`); the key's `owner`
 * must be the issuer and the issuer profile must list the key (validator-core
 * `verify_jws_signature`, `verify_key_ownership`). Real crypto: jose compactVerify over WebCrypto.
 */
import { compactVerify, decodeProtectedHeader, importSPKI } from 'jose';
import type { VerifyContext } from '../../model/format';
import type { Check } from '../../model/report';
import { base64UrlDecode } from '../../did/multibase';
import { resolveRef, type Budget, type Doc } from './load-graph';
import { asArray, check, errorText, isObj, refId, str, types } from './util';

/** Algorithms accepted for OB 2.0 JWS. SECURITY: never take the algorithm list from the token. */
export const OB2_JWS_ALGORITHMS = ['RS256'] as const;

/** Decoded, not yet verified, compact JWS. */
export interface DecodedJws {
  alg: string;
  payload: unknown;
}

/** Decodes a compact JWS without verifying it; undefined when it is not one. */
export function decodeJws(token: string): DecodedJws | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = decodeProtectedHeader(token);
    const bytes = base64UrlDecode(parts[1] ?? '');
    if (bytes === undefined) return undefined;
    const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    return { alg: typeof header.alg === 'string' ? header.alg : '', payload };
  } catch {
    return undefined;
  }
}

/** Outcome of the signature step. */
export interface SignatureOutcome {
  signature: Check;
  /** The key document the signature verified with (for the ownership check). */
  key?: Doc;
}

/** Verifies the JWS with the creator key (or the issuer's declared keys). */
export async function checkSignature(
  ctx: VerifyContext,
  token: string,
  assertion: Doc,
  issuer: Doc | undefined,
  budget: Budget,
): Promise<SignatureOutcome> {
  const alg = decodeJws(token)?.alg ?? '';
  if (!(OB2_JWS_ALGORITHMS as readonly string[]).includes(alg)) {
    return {
      signature: check.failed(
        'proof.signature',
        'ERR_OB2_JWS_ALG',
        'invalid',
        'The badge is signed with an algorithm Open Badges 2.0 does not allow.',
        `JWS alg ${JSON.stringify(alg)}; accepted: ${OB2_JWS_ALGORITHMS.join(', ')}.`,
      ),
    };
  }
  const verification = isObj(assertion.data.verification) ? assertion.data.verification : {};
  const creator = refId(verification.creator);
  const candidates: unknown[] = creator ? [verification.creator] : asArray(issuer?.data.publicKey);
  if (candidates.length === 0) {
    return {
      signature: check.error(
        'proof.signature',
        'ERR_OB2_NO_KEY',
        'unverifiable',
        'The badge does not say which key signed it, and its issuer publishes no key.',
        'Neither verification.creator nor issuer.publicKey is present.',
      ),
    };
  }
  let lastProblem: Check | undefined;
  for (const candidate of candidates.slice(0, 4)) {
    const loaded = await resolveRef(ctx, candidate, candidate, 'public key', budget, true);
    if (!loaded.ok) {
      lastProblem = check.error(
        'proof.signature',
        loaded.failure.code,
        'unverifiable',
        `The issuer's public key could not be obtained, so the signature could not be checked: ${loaded.failure.message}`,
        loaded.failure.detail,
      );
      continue;
    }
    const key = loaded.doc;
    const pem = str(key.data.publicKeyPem);
    if (!types(key.data).includes('CryptographicKey') || !pem) {
      lastProblem = check.error(
        'proof.signature',
        'ERR_OB2_KEY_MALFORMED',
        'unverifiable',
        "The issuer's key document is not a usable public key.",
        `Key ${key.url ?? refId(candidate) ?? '?'}: type ${JSON.stringify(types(key.data))}, publicKeyPem ${pem ? 'present' : 'missing'}.`,
      );
      continue;
    }
    let publicKey: CryptoKey;
    try {
      publicKey = await importSPKI(pem, 'RS256');
    } catch (error) {
      lastProblem = check.error(
        'proof.signature',
        'ERR_OB2_KEY_MALFORMED',
        'unverifiable',
        "The issuer's public key is damaged and cannot be used.",
        `${key.url ?? ''}: ${errorText(error)}`,
      );
      continue;
    }
    try {
      await compactVerify(token, publicKey, { algorithms: [...OB2_JWS_ALGORITHMS] });
      return {
        key,
        signature: check.passed(
          'proof.signature',
          'OK_OB2_JWS',
          'The digital signature is valid: the badge has not been changed since it was signed.',
          `RS256 JWS verified with key ${str(key.data.id) ?? key.url ?? '?'}.`,
        ),
      };
    } catch (error) {
      lastProblem = check.failed(
        'proof.signature',
        'ERR_OB2_SIGNATURE_INVALID',
        'invalid',
        'The digital signature does not match: this badge was altered or signed with a different key.',
        `Key ${str(key.data.id) ?? key.url ?? '?'}: ${errorText(error)}`,
      );
      if (creator) break;
    }
  }
  return {
    signature:
      lastProblem ??
      check.error('proof.signature', 'ERR_OB2_NO_KEY', 'unverifiable', 'No usable key was found.'),
  };
}

/** The key must belong to the issuer: key.owner is the issuer id and the issuer lists the key. */
export function checkKeyOwner(key: Doc, issuer: Doc): Check {
  const issuerId = str(issuer.data.id);
  const keyId = str(key.data.id) ?? key.url;
  const owner = refId(key.data.owner);
  const declared = asArray(issuer.data.publicKey)
    .map(refId)
    .filter((s): s is string => !!s);
  // SECURITY: a fetched key counts only under the URL it was fetched from, and must not claim
  // another id — otherwise any server could serve a look-alike of a key the issuer lists.
  const listed =
    key.url !== undefined
      ? keyId === key.url && declared.includes(key.url)
      : keyId !== undefined && declared.includes(keyId);
  if (owner !== issuerId || !listed) {
    return check.failed(
      'issuer.identity',
      'ERR_OB2_KEY_NOT_ISSUERS',
      'invalid',
      'The badge was signed with a key that does not belong to its issuer.',
      `Key ${keyId ?? '?'} owner ${JSON.stringify(owner ?? null)}; issuer ${issuerId ?? '?'} publicKey ${JSON.stringify(declared)}.`,
    );
  }
  return check.passed(
    'issuer.identity',
    'OK_OB2_KEY_OWNER',
    `The signing key is published by the issuer ${issuerId ?? ''} in its profile.`,
    `Key ${keyId ?? '?'} (owner ${owner}) is listed in the issuer profile's publicKey.`,
  );
}
