/**
 * Behaviour of the Open Badges 2.0 module beyond the corpus: tampering, key ownership, issuer
 * impersonation, 410 answers, copies that differ, recipients, extensions. Keys used for forged
 * signatures are generated here, per run (nothing committed).
 */
import { describe, expect, it } from 'vitest';
import { CompactSign, exportSPKI, generateKeyPair } from 'jose';
import { ob2Format } from '../../lib/formats/ob2/index';
import type { Acquired } from '../../lib/model/format';
import type { Check } from '../../lib/model/report';
import { gradeVerdict } from '../../lib/report/grade';
import { createVectorContext, type ExtraRoute } from '../support/vector-web';
import { readVectorText } from '../support/vectors';

const V = '1edtech-dc-public-validator/ob20/';
const BASIC = JSON.parse(readVectorText(`${V}basic-assertion.json`)) as Record<string, unknown>;
const HOSTED_ID = 'https://example.org/beths-robotics-badge.json';

function jsonAcquired(value: unknown, container: Acquired['container'] = 'json'): Acquired {
  return {
    container,
    payload: { type: 'json', value, text: JSON.stringify(value) },
    source: 'test',
    checks: [],
  };
}
function jwsAcquired(token: string): Acquired {
  return { container: 'jws', payload: { type: 'jws', token }, source: 'test', checks: [] };
}
function byId(checks: Check[], id: string): Check {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}
const json = (v: unknown): ExtraRoute => ({ body: JSON.stringify(v) });

async function verify(
  acquired: Acquired,
  routes: Record<string, ExtraRoute> = {},
  recipients: { type: 'email'; value: string }[] = [],
) {
  const ctx = createVectorContext({ extraRoutes: routes, recipients });
  const result = await ob2Format.verify(acquired, ctx);
  return { result, verdict: gradeVerdict(result.checks), ctx };
}

describe('signed badges', () => {
  it('a JWS whose payload was changed fails proof.signature as invalid', async () => {
    const [h, p, s] = readVectorText(`${V}simple.jwt`).trim().split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    payload.issuedOn = '2017-01-01T00:00:00Z';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const { result, verdict } = await verify(jwsAcquired(tampered));
    expect(byId(result.checks, 'proof.signature')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_SIGNATURE_INVALID',
      impact: 'invalid',
    });
    expect(byId(result.checks, 'issuer.identity')).toMatchObject({
      status: 'skipped',
      blockedBy: 'proof.signature',
    });
    expect(verdict).toBe('invalid');
  });

  it('records every document fetched with its purpose', async () => {
    const { ctx, verdict } = await verify(jwsAcquired(readVectorText(`${V}simple-revoked.jwt`).trim()));
    expect(verdict).toBe('revoked');
    expect(ctx.contacted.map((c) => c.purpose)).toEqual([
      'badge class',
      'issuer profile',
      'public key',
      'revocation list',
    ]);
  });

  it('rejects algorithms other than RS256 (alg from the header is never trusted)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({
          ...BASIC,
          verification: { type: 'signed', creator: 'http://example.org/key1.json' },
        }),
      ),
    )
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey);
    const { result, verdict } = await verify(jwsAcquired(token));
    expect(byId(result.checks, 'proof.signature')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_JWS_ALG',
    });
    expect(verdict).toBe('invalid');
  });

  async function forged(keyDoc: (pem: string) => Record<string, unknown>, keyUrl: string) {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const payload = {
      ...BASIC,
      id: 'urn:uuid:3b1b6c0e-0000-4000-8000-000000000001',
      verification: { type: 'signed', creator: keyUrl },
    };
    const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    return verify(jwsAcquired(token), { [keyUrl]: json(keyDoc(pem)) });
  }

  it('a valid signature by a key the issuer does not list fails issuer.identity', async () => {
    const url = 'https://attacker.example/key.json';
    const { result, verdict } = await forged(
      (pem) => ({
        '@context': 'https://w3id.org/openbadges/v2',
        id: url,
        type: 'CryptographicKey',
        owner: 'https://example.org/organization.json',
        publicKeyPem: pem,
      }),
      url,
    );
    expect(byId(result.checks, 'proof.signature').status).toBe('passed');
    expect(byId(result.checks, 'issuer.identity')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_KEY_NOT_ISSUERS',
      impact: 'invalid',
    });
    expect(verdict).toBe('invalid');
  });

  it('a key served elsewhere that claims the id of a listed key is not accepted', async () => {
    const url = 'https://attacker.example/key1.json';
    const { result } = await forged(
      (pem) => ({
        '@context': 'https://w3id.org/openbadges/v2',
        id: 'http://example.org/key1.json',
        type: 'CryptographicKey',
        owner: 'https://example.org/organization.json',
        publicKeyPem: pem,
      }),
      url,
    );
    expect(byId(result.checks, 'issuer.identity')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_KEY_NOT_ISSUERS',
    });
  });

  it('an unreachable key makes the badge unverifiable, naming the key URL', async () => {
    const token = readVectorText(
      '1edtech-openbadges-specification/extracted/ob2/signed-assertion-spaced.jws.txt',
    ).replace(/\s+/g, '');
    const { result, verdict } = await verify(jwsAcquired(token));
    const sig = byId(result.checks, 'proof.signature');
    expect(sig).toMatchObject({ status: 'error', impact: 'unverifiable' });
    expect(sig.message).toContain('https://example.org/publicKey');
    expect(verdict).toBe('unverifiable');
  });
});

describe('hosted badges', () => {
  it('a hosted copy with a different id is invalid', async () => {
    const { result, verdict } = await verify(jsonAcquired(BASIC, 'png'), {
      [HOSTED_ID]: json({ ...BASIC, id: 'https://example.org/other.json' }),
    });
    expect(byId(result.checks, 'proof.hosted')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_HOSTED_ID_MISMATCH',
      impact: 'invalid',
    });
    expect(verdict).toBe('invalid');
  });

  it('lists differences between the baked copy and the hosted copy, and trusts the hosted one', async () => {
    const baked = { ...BASIC, issuedOn: '2015-01-01T00:00:00Z', evidence: 'https://example.org/other.html' };
    const { result, verdict } = await verify(jsonAcquired(baked, 'png'), {
      [HOSTED_ID]: { file: `${V}basic-assertion.json` },
    });
    expect(result.differences.map((d) => d.path)).toEqual(['evidence', 'issuedOn']);
    expect(result.differences[1]).toEqual({
      path: 'issuedOn',
      given: '2015-01-01T00:00:00Z',
      hosted: '2016-12-31T23:59:59Z',
    });
    expect(result.credential.issuedOn).toBe('2016-12-31T23:59:59Z');
    expect(verdict).toBe('verified');
  });

  it('an address serving a copy that claims the issuer id but differs from it is invalid', async () => {
    const mirror = 'https://mirror.example/badge.json';
    const forged = { ...BASIC, issuedOn: '2015-01-01T00:00:00Z' };
    const acquired: Acquired = {
      ...jsonAcquired(forged, 'url'),
      fetchedFrom: { url: mirror, finalUrl: mirror, redirects: [] },
    };
    const { result, verdict } = await verify(acquired, { [HOSTED_ID]: { file: `${V}basic-assertion.json` } });
    expect(byId(result.checks, 'proof.hosted')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_HOSTED_COPY_DIFFERS',
      impact: 'invalid',
    });
    expect(result.differences.map((d) => d.path)).toEqual(['issuedOn']);
    expect(verdict).toBe('invalid');
  });

  it('an address serving the same badge as its id (e.g. Badgr ?v=2_0) verifies through the id', async () => {
    const platform = `${HOSTED_ID}?v=2_0`;
    const acquired: Acquired = {
      ...jsonAcquired(BASIC, 'url'),
      fetchedFrom: { url: platform, finalUrl: platform, redirects: [] },
    };
    const { result, verdict } = await verify(acquired, { [HOSTED_ID]: { file: `${V}basic-assertion.json` } });
    expect(byId(result.checks, 'proof.hosted').status).toBe('passed');
    expect(result.differences).toEqual([]);
    expect(verdict).toBe('verified');
  });

  it('an unreachable hosted assertion is unverifiable', async () => {
    const { result, verdict } = await verify(jsonAcquired(BASIC));
    expect(byId(result.checks, 'proof.hosted')).toMatchObject({
      status: 'error',
      code: 'ERR_OB2_UNREACHABLE',
      impact: 'unverifiable',
    });
    expect(verdict).toBe('unverifiable');
  });

  it('a URL input answered 410 Gone with the revoked assertion is revoked, with the reason', async () => {
    const body = readVectorText(
      '1edtech-openbadges-specification/extracted/ob2/revoked-hosted-assertion.json',
    );
    const acquired: Acquired = {
      container: 'url',
      payload: { type: 'url', url: HOSTED_ID },
      source: HOSTED_ID,
      checks: [],
      fetchFailure: {
        ok: false,
        url: HOSTED_ID,
        status: 410,
        bytes: new TextEncoder().encode(body),
        code: 'ERR_NET_HTTP_STATUS',
        message: 'HTTP 410',
      },
    };
    expect(ob2Format.claims(acquired)).toBe(true);
    const { result, verdict } = await verify(acquired);
    expect(byId(result.checks, 'status.revocation')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_REVOKED',
      impact: 'revoked',
    });
    expect(byId(result.checks, 'status.revocation').message).toContain('three stacked children');
    expect(verdict).toBe('revoked');
  });

  it('a hosted copy marked revoked: true is revoked', async () => {
    const { verdict, result } = await verify(jsonAcquired(BASIC), {
      [HOSTED_ID]: json({ ...BASIC, revoked: true, revocationReason: 'Issued in error' }),
    });
    expect(byId(result.checks, 'status.revocation').message).toBe(
      'This badge was revoked by its issuer: Issued in error',
    );
    expect(verdict).toBe('revoked');
  });

  it('an input fetched from its own id is not fetched again', async () => {
    const acquired: Acquired = {
      ...jsonAcquired(BASIC, 'url'),
      fetchedFrom: { url: HOSTED_ID, finalUrl: HOSTED_ID, redirects: [] },
    };
    const { ctx, verdict } = await verify(acquired);
    expect(verdict).toBe('verified');
    expect(ctx.contacted.map((c) => c.purpose)).toEqual(['badge class', 'issuer profile']);
  });

  it('an embedded issuer cannot widen its own hosting policy: the profile is fetched from its id', async () => {
    const evilId = 'https://evil.example/a.json';
    const a = {
      ...BASIC,
      id: evilId,
      badge: {
        type: 'BadgeClass',
        id: 'urn:uuid:1',
        name: 'x',
        description: 'x',
        criteria: { narrative: 'x' },
        issuer: {
          id: 'https://example.org/organization.json',
          type: 'Issuer',
          name: 'An Example Badge Issuer',
          verification: { allowedOrigins: 'evil.example' },
        },
      },
    };
    const { result, verdict } = await verify(jsonAcquired(a), { [evilId]: json(a) });
    expect(byId(result.checks, 'issuer.identity')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_HOSTED_OUTSIDE_POLICY',
    });
    expect(verdict).toBe('invalid');
  });

  it("an issuer profile served on one site that claims another site's id is rejected", async () => {
    const id = 'https://evil.example/a.json';
    const a = { ...BASIC, id, badge: 'https://evil.example/badge.json' };
    const routes = {
      [id]: json(a),
      'https://evil.example/badge.json': json({
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'BadgeClass',
        id: 'https://evil.example/badge.json',
        name: 'x',
        description: 'x',
        criteria: 'https://evil.example/c',
        issuer: 'https://evil.example/issuer.json',
      }),
      'https://evil.example/issuer.json': json({
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'Issuer',
        id: 'https://example.org/organization.json',
        name: 'An Example Badge Issuer',
      }),
    };
    const { result, verdict } = await verify(jsonAcquired(a), routes);
    expect(byId(result.checks, 'issuer.identity')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB2_ISSUER_ID_MISMATCH',
    });
    expect(verdict).toBe('invalid');
  });
});

describe('recipient', () => {
  it('says "hashed e-mail" and asks for an address when none is given', async () => {
    const { result } = await verify(jsonAcquired(BASIC), { [HOSTED_ID]: json(BASIC) });
    const r = byId(result.checks, 'recipient.match');
    expect(r.status).toBe('skipped');
    expect(r.message).toContain('hashed e-mail');
    expect(result.elements.find((e) => e.key === 'learner')?.values).toEqual(['hashed e-mail']);
  });

  it('matches a salted sha256 e-mail case-insensitively', async () => {
    const { result } = await verify(jsonAcquired(BASIC), { [HOSTED_ID]: json(BASIC) }, [
      { type: 'email', value: ' Nobody@Example.ORG ' },
    ]);
    expect(byId(result.checks, 'recipient.match')).toMatchObject({
      status: 'passed',
      code: 'OK_OB2_RECIPIENT',
    });
  });

  it('reports a different address as failed without changing the verdict', async () => {
    const { result, verdict } = await verify(jsonAcquired(BASIC), { [HOSTED_ID]: json(BASIC) }, [
      { type: 'email', value: 'someone@example.org' },
    ]);
    const r = byId(result.checks, 'recipient.match');
    expect(r).toMatchObject({ status: 'failed', code: 'ERR_OB2_RECIPIENT_MISMATCH' });
    expect(r.impact).toBeUndefined();
    expect(verdict).toBe('verified');
  });
});

describe('extensions and standard elements', () => {
  it('keeps edubadges extensions with unbundled contexts as claims and reads the EU elements', async () => {
    const ext = (name: string, prop: string, value: unknown) => ({
      [`extensions:${name}`]: {
        '@context': `https://openbadgespec.org/extensions/${name}/context.json`,
        type: ['Extension', `extensions:${name}`],
        [prop]: value,
      },
    });
    const badge = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'BadgeClass',
      id: 'https://example.org/edu-badge.json',
      name: 'Data Science',
      description: 'd',
      image: 'https://example.org/robotics-badge.png',
      criteria: { narrative: 'Pass the exam.' },
      issuer: 'https://example.org/organization.json',
      participation: 'online',
      assessmentType: 'written exam',
      ...ext('ECTSExtension', 'ECTS', 2.5),
      ...ext('EQFExtension', 'EQF', 7),
      ...ext('LearningOutcomeExtension', 'LearningOutcome', 'Can model data.'),
    };
    const a = { ...BASIC, badge: 'https://example.org/edu-badge.json' };
    const { result, verdict } = await verify(jsonAcquired(a), {
      [HOSTED_ID]: json(a),
      'https://example.org/edu-badge.json': json(badge),
    });
    expect(verdict).toBe('verified');
    expect(byId(result.checks, 'format.schema').detail).toContain('extensions:ECTSExtension');
    const el = Object.fromEntries(result.elements.map((e) => [e.key, e]));
    expect(el.workload).toMatchObject({
      status: 'present',
      values: ['2.5 ECTS credits'],
      source: 'badge.extensions:ECTSExtension.ECTS',
    });
    expect(el.level).toMatchObject({ status: 'present', values: ['EQF level 7'] });
    expect(el.learningOutcomes?.values).toEqual(['Can model data.', 'Pass the exam.']);
    expect(el.participation).toMatchObject({ status: 'present', values: ['online'] });
    expect(el.assessment).toMatchObject({ status: 'present', values: ['written exam'] });
    expect(el.country?.status).toBe('not-expressible');
    expect(result.elements.map((e) => e.key)).toEqual([
      'learner',
      'title',
      'country',
      'awardingBody',
      'issuedOn',
      'learningOutcomes',
      'workload',
      'level',
      'assessment',
      'participation',
      'qualityAssurance',
      'prerequisites',
      'supervision',
      'grade',
      'stackability',
      'furtherInformation',
    ]);
  });

  it('an unknown top-level context makes the badge unverifiable and names the URL', async () => {
    const a = {
      ...BASIC,
      '@context': ['https://w3id.org/openbadges/v2', 'https://example.com/my-context.json'],
    };
    const { result, verdict } = await verify(jsonAcquired(a));
    const c = byId(result.checks, 'format.schema');
    expect(c).toMatchObject({ status: 'error', code: 'ERR_JSONLD_CONTEXT_UNKNOWN', impact: 'unverifiable' });
    expect(c.message).toContain('https://example.com/my-context.json');
    expect(verdict).toBe('unverifiable');
    expect(result.checks.map((x) => x.id)).toEqual([
      'format.recognized',
      'format.schema',
      'issuer.identity',
      'status.revocation',
      'validity.window',
      'recipient.match',
    ]);
  });
});

describe('robustness', () => {
  it('never throws: a fetcher that throws becomes an error check', async () => {
    const ctx = createVectorContext();
    ctx.fetch = async () => {
      throw new Error('boom');
    };
    const result = await ob2Format.verify(jsonAcquired(BASIC), ctx);
    expect(byId(result.checks, 'format.recognized')).toMatchObject({
      status: 'error',
      code: 'ERR_INTERNAL',
      impact: 'unverifiable',
    });
  });

  it('checks come in the fixed order', async () => {
    const { result } = await verify(jsonAcquired(BASIC), { [HOSTED_ID]: json(BASIC) });
    expect(result.checks.map((c) => c.id)).toEqual([
      'format.recognized',
      'format.schema',
      'proof.hosted',
      'issuer.identity',
      'status.revocation',
      'validity.window',
      'recipient.match',
    ]);
    expect(result.authenticity.level).toBe('A2');
    expect(result.issuerIds).toEqual(['https://example.org/organization.json']);
  });

  it('does not claim unrelated JSON', () => {
    expect(
      ob2Format.claims(
        jsonAcquired({ '@context': 'https://www.w3.org/ns/credentials/v2', type: ['VerifiableCredential'] }),
      ),
    ).toBe(false);
    expect(ob2Format.claims(jsonAcquired({ hello: 'world' }))).toBe(false);
  });
});
