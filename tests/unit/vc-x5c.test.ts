/**
 * VC-JWT signed with a key from the `x5c` header: the certificate must name the issuer, its path is
 * validated, and its trust is decided by the trust store (an EU trusted-list CA service → A3; a
 * root no list names → A2; a lone certificate → A1). Test certificates: tests/fixtures/x5c
 * (made by make.sh, TEST ONLY). Real ES256 signatures, real path validation.
 */
import { readFileSync } from 'node:fs';
import { SignJWT, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import type { VerifyEnv } from '../../lib/model/env';
import type { TlService } from '../../lib/trust/eu/types';
import type { TrustSource } from '../../lib/trust/source';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { digest, fromBase64, toHex } from '../../lib/x509/bytes';

const DIR = new URL('../fixtures/x5c/', import.meta.url);
const pem = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');
const der64 = (name: string): string => pem(`${name}.pem`).replace(/-----[^-]+-----|\s/g, '');
const ISSUER = 'https://issuer.x5c.test/profile';
const NOW = new Date('2027-06-01T00:00:00Z');

async function token(keyName: string, chain: string[], issuer = ISSUER, mutate?: (vc: Record<string, unknown>) => void): Promise<string> {
  const key = await importPKCS8(pem(`${keyName}.key`), 'ES256');
  const vc: Record<string, unknown> = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:7d5a0f5e-0000-4c1e-9b00-000000000001',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'CredLens x5c Test Issuer' },
    validFrom: '2027-01-01T00:00:00Z',
    name: 'Certificate-signed badge',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: { id: 'urn:uuid:7d5a0f5e-0000-4c1e-9b00-000000000002', type: ['Achievement'], name: 'Certificate-signed badge', criteria: { narrative: 'Test.' }, description: 'Test.' },
    },
  };
  mutate?.(vc);
  return new SignJWT(vc).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', x5c: chain.map(der64) }).sign(key);
}

/** A trust source answering like the EU lists for one CA service whose identity is the test root. */
async function euSource(status = 'granted'): Promise<TrustSource> {
  const root = der64('root');
  const sha = toHex(await digest('SHA-256', fromBase64(root) ?? new Uint8Array()));
  const service: TlService = {
    id: 'ES/0/0',
    country: 'ES',
    tspName: 'CredLens Test TSP',
    name: 'CredLens Test Root CA',
    history: [{ status, from: '2020-01-01T00:00:00Z', type: 'http://uri.etsi.org/TrstSvc/Svctype/CA/QC', additional: [], qualifiers: [] }],
    certs: [root],
    certSha256: [sha],
    skis: [],
    subjects: [],
  };
  const list = { country: 'ES', kind: 'tl' as const, sequence: 1, issued: '2027-05-01T00:00:00Z', fetchedAt: '2027-05-02T00:00:00Z', source: 'test', signer: 'test', signerAuthority: 'lotl' as const, serviceCount: 1 };
  return {
    id: 'eu-trusted-lists',
    label: 'EU trusted lists (ES)',
    lookup: () => [],
    lookupCertificate: (q) => (q.sha256.includes(sha) ? { services: [service], lists: [list], unavailable: [], consulted: ['EU trusted lists (ES)'] } : { services: [], lists: [], unavailable: [], consulted: ['EU trusted lists (ES)'] }),
  };
}

function env(sources: TrustSource[] = []): VerifyEnv {
  return { fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }), now: () => NOW, trust: createTrustStore(sources) };
}
const run = (jwt: string, e = env()) => verifyCredential({ kind: 'text', text: jwt, name: 'x5c.jwt' }, e);
const identity = (r: Awaited<ReturnType<typeof run>>) => r.checks.find((c) => c.id === 'issuer.identity');

describe('VC-JWT with an x5c certificate chain', () => {
  it('chain to a CA on an EU trusted list: A3, the list is the trust hit, verified', async () => {
    const r = await run(await token('leaf', ['leaf', 'root']), env([await euSource()]));
    expect(r.checks.find((c) => c.id === 'proof.signature')?.status).toBe('passed');
    expect(identity(r)).toMatchObject({ status: 'passed', code: 'OK_ISSUER_CERT_LISTED' });
    expect(r.authenticity.level).toBe('A3');
    expect(r.trust[0]).toMatchObject({ sourceId: 'eu-tl:ES', list: 'allow', entryName: 'CredLens Test TSP' });
    expect(r.verdict).toBe('verified');
  });

  it('the CA service was withdrawn: no longer A3', async () => {
    const r = await run(await token('leaf', ['leaf', 'root']), env([await euSource('withdrawn')]));
    expect(identity(r)?.code).toBe('OK_ISSUER_CERT');
    expect(r.authenticity.level).toBe('A2');
    expect(r.verdict).toBe('verified-untrusted');
  });

  it('valid chain to a root no list names: A2, verified-untrusted', async () => {
    const r = await run(await token('leaf', ['leaf', 'root']));
    expect(identity(r)).toMatchObject({ status: 'passed', code: 'OK_ISSUER_CERT' });
    expect(r.authenticity.level).toBe('A2');
    expect(r.verdict).toBe('verified-untrusted');
  });

  it('the leaf alone: nobody vouches for it (A1)', async () => {
    const r = await run(await token('leaf', ['leaf']));
    expect(identity(r)).toMatchObject({ status: 'warning', code: 'WARN_ISSUER_CERT_ALONE' });
    expect(r.authenticity.level).toBe('A1');
  });

  it('a certificate for another domain: invalid, both named', async () => {
    const r = await run(await token('other', ['other', 'root']));
    expect(identity(r)).toMatchObject({ status: 'failed', code: 'ERR_ISSUER_CERT_MISMATCH' });
    expect(identity(r)?.message).toContain('someone-else.test');
    expect(r.verdict).toBe('invalid');
  });

  it('a certificate that names no address cannot be tied to the issuer: unverifiable', async () => {
    const r = await run(await token('nosan', ['nosan', 'root']));
    expect(identity(r)).toMatchObject({ status: 'failed', code: 'ERR_ISSUER_CERT_UNBOUND' });
    expect(r.verdict).toBe('unverifiable');
  });

  it('a did:web issuer is bound by the dNSName', async () => {
    const r = await run(await token('leaf', ['leaf', 'root'], 'did:web:issuer.x5c.test'));
    expect(identity(r)?.code).toBe('OK_ISSUER_CERT');
  });

  it('judged before the certificates were valid: the path does not validate', async () => {
    const r = await run(await token('leaf', ['leaf', 'root']), { ...env(), now: () => new Date('2026-01-01T00:00:00Z') });
    expect(identity(r)).toMatchObject({ status: 'failed', code: 'ERR_ISSUER_CERT_INVALID' });
    expect(r.verdict).not.toMatch(/^verified/);
  });

  it('signed by another key than the certificate: the signature fails', async () => {
    const jwt = await token('other', ['leaf', 'root']);
    const r = await run(jwt);
    expect(r.checks.find((c) => c.id === 'proof.signature')?.status).toBe('failed');
    expect(r.verdict).toBe('invalid');
  });

  it('tampered payload: invalid', async () => {
    const jwt = await token('leaf', ['leaf', 'root']);
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')) as { name: string };
    payload.name = 'Certificate-signed badge (honours)';
    const r = await run(`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`);
    expect(r.verdict).toBe('invalid');
  });
});
