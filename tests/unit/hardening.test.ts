/**
 * Issue 14 regressions ("also found"): prototype pollution through jsonld.js, status lists that
 * are not the issuer's or not what they claim, status indexes that are not decimal, and the
 * verdict of a document whose proof was not established.
 */
import { describe, expect, it } from 'vitest';
import type { Check } from '../../lib/model/report';
import { gradeVerdict } from '../../lib/report/grade';
import { decimal } from '../../lib/status/check-status';
import { verifyCredential } from '../../lib/verify';
import { fixtureRoutes, readFixture } from '../support/vc-web';
import { createVectorFetch, type ExtraRoute } from '../support/vector-web';
import { readVectorText } from '../support/vectors';

const env = (extra: Record<string, ExtraRoute> = {}) => ({
  fetch: createVectorFetch({ ...fixtureRoutes(), ...extra }),
  now: () => new Date('2024-06-01T00:00:00Z'),
  trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
});
const LIST = 'https://issuer.credlens.test/status/revocation';
const listJson = () => JSON.parse(fixtureRoutes()[LIST]!.body as string) as Record<string, unknown>;

describe('prototype pollution', () => {
  it('a credential naming "__proto__" is refused, and later genuine verdicts are unchanged', async () => {
    const before = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-revoked.json') }, env());
    const hostile = JSON.parse(readFixture('ob3-di-didweb.json')) as Record<string, Record<string, unknown>>;
    hostile.credentialSubject!.id = '__proto__';
    const r = await verifyCredential({ kind: 'text', text: JSON.stringify(hostile) }, env());
    expect(r.verdict).toBe('invalid');
    expect(r.checks.find((c) => c.code === 'ERR_RESERVED_NAME')).toBeDefined();
    const raw = `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}`;
    expect((await verifyCredential({ kind: 'text', text: raw }, env())).verdict).toBe('invalid');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-revoked.json') }, env());
    expect([after.verdict, after.checks.map((c) => c.code)]).toEqual([
      before.verdict,
      before.checks.map((c) => c.code),
    ]);
  });
});

describe('status lists', () => {
  it('statusListIndex must be decimal digits', () => {
    expect([decimal('9'), decimal('0'), decimal(12)]).toEqual([9, 0, 12]);
    for (const bad of ['1e1', '0x9', ' 9', '-1', '9 ', '', '1.0', 1.5, -2, null])
      expect(decimal(bad)).toBeUndefined();
  });

  it('a list whose id is not the address it came from is not relied on', async () => {
    const list = { ...listJson(), id: 'https://issuer.credlens.test/status/other' };
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-revoked.json') },
      env({ [LIST]: { body: JSON.stringify(list), contentType: 'application/json' } }),
    );
    expect(r.checks.find((c) => c.id === 'status.revocation')?.code).toBe('ERR_STATUS_LIST_ID');
    expect(r.verdict).toBe('unverifiable');
  });

  it('a list without the status-list credential type is not relied on', async () => {
    const list = { ...listJson(), type: ['VerifiableCredential'] };
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-revoked.json') },
      env({ [LIST]: { body: JSON.stringify(list), contentType: 'application/json' } }),
    );
    expect(r.checks.find((c) => c.id === 'status.revocation')?.code).toBe('ERR_STATUS_LIST_TYPE');
  });
});

describe('status list of another issuer', () => {
  it("a list genuinely signed by another issuer never establishes the credential's status", async () => {
    const r = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-foreign-list.json') }, env());
    const c = r.checks.find((x) => x.id === 'status.revocation');
    expect([c?.status, c?.code, r.verdict]).toEqual(['failed', 'ERR_STATUS_LIST_ISSUER', 'unverifiable']);
    expect(c?.message).toMatch(/not published by the credential's issuer/);
    expect(c?.message).not.toMatch(/was checked/);
  });

  it('the same list counts when a trust source vouches for its issuer', async () => {
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-foreign-list.json') },
      {
        ...env(),
        trust: {
          lookupIssuer: async (ids: string[]) => ({
            hits: ids.includes('did:web:endorser.credlens.test:api:v1:issuers:42')
              ? [{ sourceId: 'org', sourceLabel: 'Our list', list: 'allow' as const, entryId: ids[0]! }]
              : [],
            consulted: ['org'],
          }),
        },
      },
    );
    expect(r.checks.find((x) => x.id === 'status.revocation')?.code).toBe('OK_STATUS');
  });
});

describe('verdict order', () => {
  const c = (id: string, status: Check['status'], impact?: Check['impact']): Check =>
    ({ id, status, code: 'X', message: '', ...(impact ? { impact } : {}) }) as Check;
  it('a bbs-2023 credential (a suite CredLens does not verify) with past dates is unverifiable, not expired', async () => {
    const doc = JSON.parse(readVectorText('ld-legacy-suites/bbs-2023/derivedRevealDocument.json')) as Record<
      string,
      unknown
    >;
    doc.validUntil = '2020-01-01T00:00:00Z';
    const r = await verifyCredential({ kind: 'text', text: JSON.stringify(doc) }, env());
    expect(r.verdict).toBe('unverifiable');
    expect(r.checks.find((c) => c.id === 'validity.window')?.status).toBe('skipped');
    expect(r.summary).not.toMatch(/Authentic/);
  });

  it('an unproven document is never expired or revoked', () => {
    expect(
      gradeVerdict([
        c('proof.signature', 'failed', 'unverifiable'),
        c('validity.window', 'failed', 'expired'),
      ]),
    ).toBe('unverifiable');
    expect(
      gradeVerdict([
        c('proof.signature', 'failed', 'unverifiable'),
        c('status.revocation', 'failed', 'revoked'),
      ]),
    ).toBe('unverifiable');
    expect(gradeVerdict([c('proof.signature', 'passed'), c('validity.window', 'failed', 'expired')])).toBe(
      'expired',
    );
    expect(
      gradeVerdict([c('proof.signature', 'failed', 'invalid'), c('validity.window', 'failed', 'expired')]),
    ).toBe('invalid');
  });
});

describe('did:web syntax', () => {
  it('characters outside did:web are refused, not normalised away by the URL parser', async () => {
    const { didWebUrl } = await import('../../lib/did/did-web');
    expect(didWebUrl('did:web:example.com')).toBe('https://example.com/.well-known/did.json');
    expect(didWebUrl('did:web:www.credly.com:api:v1:issuers:42')).toBe(
      'https://www.credly.com/api/v1/issuers/42/did.json',
    );
    expect(didWebUrl('did:web:example.com%3A8443:u:alice')).toBe('https://example.com:8443/u/alice/did.json');
    for (const bad of [
      'did:web:example.com:a\\b',
      'did:web:example.com:a\tb',
      'did:web:example.com:..',
      'did:web:example.com:.',
      'did:web:example.com:%2e%2e',
      'did:web:example.com:a%5Cb',
      'did:web:example.com:a%09b',
      'did:web:example.com:a%2Fb',
      'did:web:example.com:a b',
      'did:web:exa\tmple.com',
    ])
      expect(didWebUrl(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('verification method', () => {
  it('a bare DID (no #fragment) is not a key: unverifiable with the reason, never guessed', async () => {
    const doc = JSON.parse(readFixture('ob3-di-didkey.json')) as { proof: { verificationMethod: string } };
    doc.proof.verificationMethod = doc.proof.verificationMethod.split('#')[0]!;
    const r = await verifyCredential({ kind: 'text', text: JSON.stringify(doc) }, env());
    const sig = r.checks.find((c) => c.id === 'proof.signature');
    expect([sig?.code, r.verdict]).toEqual(['ERR_VM_NOT_A_METHOD', 'unverifiable']);
    expect(sig?.detail).toMatch(/whole identifier/);
  });
});

describe('where the issuer name comes from', () => {
  it('did:key: self-declared, and the summary does not state it as fact', async () => {
    const r = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-didkey.json') }, env());
    expect(r.authenticity.level).toBe('A1');
    expect(r.issuer.nameSource).toBe('self-declared');
    expect(r.summary).toMatch(
      /^Unchanged since it was signed by a key that calls itself “.+”; nothing confirms who holds that key\./,
    );
    expect(r.summary).not.toMatch(/Authentic/);
  });

  it('did:web: stated by an established issuer; an allow-list entry name wins and says so', async () => {
    const web = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-didweb.json') }, env());
    expect([web.authenticity.level, web.issuer.nameSource]).toEqual(['A2', 'issuer']);
    const listed = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-didweb.json') },
      {
        ...env(),
        trust: {
          lookupIssuer: async (ids: string[]) => ({
            hits: ids.includes('did:web:issuer.credlens.test')
              ? [
                  {
                    sourceId: 'org',
                    sourceLabel: 'Our list',
                    list: 'allow' as const,
                    entryId: 'did:web:issuer.credlens.test',
                    entryName: 'Listed University',
                  },
                ]
              : [],
            consulted: ['org'],
          }),
        },
      },
    );
    expect([listed.issuer.name, listed.issuer.nameSource]).toEqual(['Listed University', 'trust-source']);
  });
});
