/**
 * did:key resolution (W3C CCG did:key v0.9 §"Read"): the DID document is derived from the key
 * itself, offline. One Multikey verification method `did:key:<mb>#<mb>`, authorised for
 * authentication, assertionMethod, capabilityInvocation and capabilityDelegation.
 */
import { keyFromMultibase } from './keys';

/** Outcome of a did:key read. */
export type DidKeyResult = { ok: true; document: Record<string, unknown> } | { ok: false; reason: string };

/** Builds the DID document of a did:key. */
export function resolveDidKey(did: string): DidKeyResult {
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!m || !m[1]) return { ok: false, reason: 'not a did:key with a base58btc (z) multibase key' };
  const mb = m[1];
  const key = keyFromMultibase(mb);
  if (!key.ok) return { ok: false, reason: key.reason };
  const vmId = `${did}#${mb}`;
  return {
    ok: true,
    document: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: mb }],
      authentication: [vmId],
      assertionMethod: [vmId],
      capabilityInvocation: [vmId],
      capabilityDelegation: [vmId],
    },
  };
}
