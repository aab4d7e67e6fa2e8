/**
 * did:jwk resolution (did:jwk spec §"Read"): the method-specific id is the base64url JSON of a
 * public JWK; the document has one verification method `#0`. A key with `use: "enc"` is only for
 * keyAgreement, so it can never sign a credential.
 */
import { base64UrlDecode } from './multibase';
import { keyFromJwk } from './keys';

/** Outcome of a did:jwk read. */
export type DidJwkResult = { ok: true; document: Record<string, unknown> } | { ok: false; reason: string };

/** Builds the DID document of a did:jwk. */
export function resolveDidJwk(did: string): DidJwkResult {
  const m = /^did:jwk:([A-Za-z0-9_-]+)$/.exec(did);
  const bytes = m?.[1] ? base64UrlDecode(m[1]) : undefined;
  if (!bytes) return { ok: false, reason: 'the did:jwk identifier is not base64url' };
  let jwk: unknown;
  try {
    jwk = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'the did:jwk identifier is not a JSON JWK' };
  }
  const key = keyFromJwk(jwk);
  if (!key.ok) return { ok: false, reason: key.reason };
  const use = (jwk as Record<string, unknown>).use;
  const vmId = `${did}#0`;
  const doc: Record<string, unknown> = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: vmId, type: 'JsonWebKey2020', controller: did, publicKeyJwk: key.key.jwk }],
  };
  if (use !== 'enc') {
    for (const rel of ['authentication', 'assertionMethod', 'capabilityInvocation', 'capabilityDelegation'])
      doc[rel] = [vmId];
  }
  if (use !== 'sig') doc.keyAgreement = [vmId];
  return { ok: true, document: doc };
}
