/**
 * CredLens's own generated fixtures (tests/fixtures/vc, made by generate.mjs with committed TEST keys):
 * did:key / did:web (host and path-based) / did:jwk signed credentials, tampered copies (one field
 * changed), revoked and suspended status, and a revoked endorsement.
 */
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { didEbsiUrl } from '../../lib/did/ebsi';
import type { AuthenticityLevel, CheckStatus, QaLevel, Verdict } from '../../lib/model/report';
import { verifyCredential } from '../../lib/verify';
import { createVectorFetch } from '../support/vector-web';
import { fixtureRoutes, readFixture } from '../support/vc-web';
import { readVector } from '../support/vectors';

const ROWS: [
  file: string,
  verdict: Verdict,
  check: [string, CheckStatus, string],
  level: AuthenticityLevel,
  qa: QaLevel,
][] = [
  [
    'ob3-di-didkey.json',
    'verified-untrusted',
    ['issuer.identity', 'warning', 'WARN_ISSUER_KEY_ONLY'],
    'A1',
    'Q0',
  ],
  ['ob3-di-didkey-tampered.json', 'invalid', ['proof.signature', 'failed', 'ERR_DI_SIGNATURE'], 'A0', 'Q0'],
  ['ob3-di-didweb.json', 'verified-untrusted', ['issuer.identity', 'passed', 'OK_ISSUER_DOMAIN'], 'A2', 'Q0'],
  ['ob3-di-revoked.json', 'revoked', ['status.revocation', 'failed', 'ERR_STATUS_REVOKED'], 'A2', 'Q0'],
  ['ob3-di-suspended.json', 'revoked', ['status.suspension', 'failed', 'ERR_STATUS_SUSPENDED'], 'A2', 'Q0'],
  [
    'ob3-di-endorsement-revoked.json',
    'verified-untrusted',
    ['endorsement.1', 'warning', 'WARN_ENDORSEMENT_REVOKED'],
    'A2',
    'Q1',
  ],
  ['ob3-jwt-didjwk.jwt', 'verified-untrusted', ['proof.claims', 'passed', 'OK_JWT_CLAIMS'], 'A1', 'Q0'],
  ['ob3-jwt-didjwk-tampered.jwt', 'invalid', ['proof.signature', 'failed', 'ERR_JWT_SIGNATURE'], 'A0', 'Q0'],
];

const env = (extra = {}) => ({
  fetch: createVectorFetch({ ...fixtureRoutes(), ...extra }),
  now: () => new Date('2024-06-01T00:00:00Z'),
  trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
});

describe('generated VC fixtures', () => {
  for (const [file, verdict, [id, status, code], level, qa] of ROWS) {
    it(`${file} → ${verdict} (${id} ${code})`, async () => {
      const r = await verifyCredential({ kind: 'text', text: readFixture(file), name: file }, env());
      const c = r.checks.find((x) => x.id === id);
      expect([c?.status, c?.code], JSON.stringify(r.checks, null, 1)).toEqual([status, code]);
      expect(r.verdict).toBe(verdict);
      expect(r.authenticity.level).toBe(level);
      expect(r.qualityAssurance.level).toBe(qa);
    });
  }

  it('did:web issuer: resolves the host document, records what it fetched, and reads the elements', async () => {
    const r = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-didweb.json') }, env());
    expect(r.contacted.map((c) => c.url)).toContain('https://issuer.credlens.test/.well-known/did.json');
    expect(r.checks.find((c) => c.id === 'status.revocation')?.code).toBe('OK_STATUS');
    expect(r.checks.find((c) => c.id === 'status.suspension')?.code).toBe('OK_STATUS');
    const el = (k: string) => r.elements.find((e) => e.key === k);
    expect(el('country')?.values).toContain('Netherlands');
    expect(el('workload')?.note).toMatch(/No unit/);
    expect(el('learningOutcomes')?.values?.some((v) => v.includes('(ESCO)'))).toBe(true);
    expect(el('learningOutcomes')?.skills).toEqual(['use digital tools']);
    expect(r.issuer.name).toBe('CredLens Test University');
  });

  it('path-based did:web (Credly style) is fetched from <host>/<path>/did.json', async () => {
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-endorsement-revoked.json') },
      env(),
    );
    expect(r.contacted.map((c) => c.url)).toContain(
      'https://endorser.credlens.test/api/v1/issuers/42/did.json',
    );
    expect(r.checks.find((c) => c.id === 'endorsement.1')?.message).toMatch(/Accreditation Agency.*revoked/);
  });

  it('an unreachable status list is never "not revoked"', async () => {
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-didweb.json') },
      env({ 'https://issuer.credlens.test/status/revocation': { status: 503 } }),
    );
    expect(r.checks.find((c) => c.id === 'status.revocation')?.code).toBe('ERR_STATUS_UNREACHABLE');
    expect(r.verdict).toBe('unverifiable');
  });

  it('an unreachable did:web document leaves the signature unchecked (unverifiable)', async () => {
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-didweb.json') },
      env({ 'https://issuer.credlens.test/.well-known/did.json': { status: 404 } }),
    );
    expect(r.checks.find((c) => c.id === 'proof.signature')?.code).toBe('ERR_DID_UNREACHABLE');
    expect(r.verdict).toBe('unverifiable');
  });

  it('--now before validFrom makes it not yet valid', async () => {
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-didkey.json') },
      { ...env(), now: () => new Date('2023-06-01T00:00:00Z') },
    );
    expect(r.checks.find((c) => c.id === 'validity.window')?.code).toBe('ERR_NOT_YET_VALID');
    expect(r.verdict).toBe('expired');
  });

  it('1EdTechRevocationList: a list naming the credential revokes it; one that does not passes', async () => {
    const file = '1edtech-dc-public-validator/ob30/complete.json';
    const list = (ids: string[]) => ({
      body: JSON.stringify({
        id: 'https://1edtech.edu/credentials/3732/revocations',
        revokedCredentials: ids.map((id) => ({ id, revocationReason: 'Issued in error (test)' })),
      }),
      contentType: 'application/json',
    });
    const url = 'https://1edtech.edu/credentials/3732/revocations';
    const revoked = await verifyCredential(
      { kind: 'bytes', bytes: readVector(file) },
      env({ [url]: list(['http://1edtech.edu/credentials/3732']) }),
    );
    const rc = revoked.checks.find((c) => c.id === 'status.revocation');
    expect([rc?.code, revoked.verdict]).toEqual(['ERR_STATUS_REVOKED', 'revoked']);
    expect(rc?.message).toMatch(/Issued in error/);
    const fine = await verifyCredential(
      { kind: 'bytes', bytes: readVector(file) },
      env({ [url]: list(['urn:other']) }),
    );
    expect(fine.checks.find((c) => c.id === 'status.revocation')?.code).toBe('OK_STATUS');
  });
});

describe('did:ebsi issuer (VC-JWT, key from the EBSI DID registry)', () => {
  // A legal-entity did:ebsi: 'z' + base58btc(0x01 + 16 bytes). The key is made here, for this test.
  const did = 'did:ebsi:zfEmvX5twhXjQJiCWsukvQA';
  const registry = didEbsiUrl(did);
  async function signed(mutate?: (vc: Record<string, unknown>) => void) {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const vmId = `${did}#key-1`;
    const doc = {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [{ id: vmId, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk }],
      assertionMethod: [vmId],
    };
    const template = readFixture('ob3-jwt-didjwk.jwt').split('.')[1] ?? '';
    const vc = (JSON.parse(Buffer.from(template, 'base64url').toString('utf8')) as { vc: Record<string, unknown> }).vc;
    vc.issuer = { id: did, type: ['Profile'], name: 'CredLens Test Issuer (did:ebsi)' };
    mutate?.(vc);
    const jwt = await new SignJWT({ vc })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: vmId })
      .setIssuer(did)
      .setJti(String(vc.id))
      .sign(privateKey);
    return { jwt, doc };
  }
  const verify = (jwt: string, routes: Record<string, { body?: string; status?: number; contentType?: string }>) =>
    verifyCredential({ kind: 'text', text: jwt, name: 'ebsi.jwt' }, env(routes));

  it('verifies with the key the registry publishes; identity is the registry entry (A1 until a trust list says more)', async () => {
    const { jwt, doc } = await signed();
    const r = await verify(jwt, { [registry]: { body: JSON.stringify(doc), contentType: 'application/did+ld+json' } });
    expect(r.checks.find((c) => c.id === 'proof.signature')?.status).toBe('passed');
    expect(r.checks.find((c) => c.id === 'issuer.identity')?.code).toBe('WARN_ISSUER_EBSI_DID');
    expect(r.verdict).toBe('verified-untrusted');
    expect(r.authenticity.level).toBe('A1');
    expect(r.contacted.map((c) => c.url)).toContain(registry);
  });
  it('a DID the registry does not know: not verified, and said so', async () => {
    const { jwt } = await signed();
    const r = await verify(jwt, { [registry]: { status: 404 } });
    expect(r.verdict).not.toMatch(/^verified/);
    expect(JSON.stringify(r.checks)).toContain('does not know');
  });
  it('a registry document with another key: the signature is not accepted', async () => {
    const { jwt } = await signed();
    const other = await signed();
    const r = await verify(jwt, { [registry]: { body: JSON.stringify(other.doc) } });
    expect(r.verdict).toBe('invalid');
  });
});
