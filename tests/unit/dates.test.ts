/**
 * Issue 14, dates: one meaning of "not yet valid" in every format (validity.window,
 * ERR_NOT_YET_VALID, verdict expired, "not valid yet"), a signature dated in the future, and
 * NumericDates no calendar can hold (a clear reason, never an internal error).
 */
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyCredential } from '../../lib/verify';
import { fixtureRoutes, readFixture } from '../support/vc-web';
import { createVectorFetch } from '../support/vector-web';

const NOW = new Date('2024-06-01T00:00:00Z');
const env = () => ({
  fetch: createVectorFetch(fixtureRoutes()),
  now: () => NOW,
  trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
});

async function didJwkToken(claims: Record<string, unknown>, vcClaim = true): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`;
  const vc = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: did,
    credentialSubject: { id: 'did:example:learner' },
  };
  const body = vcClaim ? { vc, iss: did, ...claims } : { ...vc, ...claims };
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'ES256', typ: vcClaim ? 'JWT' : 'vc+jwt', kid: `${did}#0` })
    .sign(privateKey);
}

const validity = (r: Awaited<ReturnType<typeof verifyCredential>>) =>
  r.checks.find((c) => c.id === 'validity.window');

describe('not yet valid', () => {
  it('a VC-JWT whose nbf is in the future is not valid yet (not invalid)', async () => {
    const token = await didJwkToken({ nbf: Math.floor(Date.parse('2030-01-01T00:00:00Z') / 1000) });
    const r = await verifyCredential({ kind: 'text', text: token }, env());
    expect([validity(r)?.code, r.verdict]).toEqual(['ERR_NOT_YET_VALID', 'expired']);
    expect(r.summary).toMatch(/^Not valid yet/);
  });

  it('a vc+jwt whose nbf is in the future is not valid yet too', async () => {
    const token = await didJwkToken({ nbf: Math.floor(Date.parse('2030-01-01T00:00:00Z') / 1000) }, false);
    const r = await verifyCredential({ kind: 'text', text: token }, env());
    expect([validity(r)?.code, r.verdict]).toEqual(['ERR_NOT_YET_VALID', 'expired']);
  });

  it('a Data Integrity credential whose validFrom is in the future: the same check and code', async () => {
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-didkey.json') },
      { ...env(), now: () => new Date('2023-06-01T00:00:00Z') },
    );
    expect([validity(r)?.code, r.verdict]).toEqual(['ERR_NOT_YET_VALID', 'expired']);
  });

  it('a JWT signed (iat) in the future is not valid yet', async () => {
    const token = await didJwkToken({ iat: Math.floor(Date.parse('2099-01-01T00:00:00Z') / 1000) });
    const r = await verifyCredential({ kind: 'text', text: token }, env());
    expect([validity(r)?.code, r.verdict]).toEqual(['ERR_NOT_YET_VALID', 'expired']);
    expect(validity(r)?.message).toMatch(/signature is dated 2099-01-01/);
  });

  it('a Data Integrity proof created after the time of checking is not valid yet', async () => {
    // The signature covers `created`, so the fixture is checked at a time before its proof date.
    const doc = JSON.parse(readFixture('ob3-di-didkey.json')) as { proof: { created: string } };
    const created = new Date(doc.proof.created);
    const before = new Date(created.getTime() - 24 * 3600 * 1000);
    const r = await verifyCredential(
      { kind: 'text', text: JSON.stringify(doc) },
      { ...env(), now: () => before },
    );
    expect(validity(r)?.code).toBe('ERR_NOT_YET_VALID');
    expect(validity(r)?.message).toMatch(/signature is dated 2024-01-15/);
  });
});

describe('NumericDates out of range', () => {
  it('a huge nbf is a malformed token with a reason, not an internal error', async () => {
    const token = await didJwkToken({ nbf: 1e300 });
    const r = await verifyCredential({ kind: 'text', text: token }, env());
    expect(r.checks.some((c) => c.code === 'ERR_INTERNAL')).toBe(false);
    const claims = r.checks.find((c) => c.id === 'proof.claims');
    expect([claims?.code, r.verdict]).toEqual(['ERR_JWT_CLAIM_MISMATCH', 'invalid']);
    expect(claims?.detail).toMatch(/nbf .* is not a NumericDate/);
  });
});
