/** The OB 2.0 building blocks on their own: hashing, revocation lists, validity, differences, OB 1.x. */
import { describe, expect, it } from 'vitest';
import { diffCopies } from '../../lib/formats/ob2/differences';
import { fetchDoc, createBudget, normalise } from '../../lib/formats/ob2/load-graph';
import { md5Hex } from '../../lib/formats/ob2/md5';
import { ob2Format } from '../../lib/formats/ob2/index';
import { matchesRecipient } from '../../lib/formats/ob2/recipient';
import { checkSignedRevocation } from '../../lib/formats/ob2/revocation';
import { checkValidity } from '../../lib/formats/ob2/validity';
import type { Acquired } from '../../lib/model/format';
import { gradeVerdict } from '../../lib/report/grade';
import { createVectorContext } from '../support/vector-web';
import { readVectorText } from '../support/vectors';

const SPEC = '1edtech-openbadges-specification/extracted/ob2/';

describe('recipient hashing', () => {
  it('md5 matches RFC 1321 vectors', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
    expect(md5Hex('a'.repeat(200))).toBe('887f30b43b2867f4a9accceee7d16e6c');
  });

  it('accepts md5$ and sha256$ salted identities, hex case-insensitively', async () => {
    const hint = { type: 'email' as const, value: 'nobody@example.org' };
    expect(
      await matchesRecipient(
        {
          type: 'email',
          hashed: true,
          salt: 'deadsea',
          identity: `md5$${md5Hex('nobody@example.orgdeadsea')}`,
        },
        hint,
      ),
    ).toBe(true);
    expect(
      await matchesRecipient(
        {
          type: 'email',
          hashed: true,
          salt: 'deadsea',
          identity: 'SHA256$ECF5409F3F4B91AB60CC5EF4C02AEF7032354375E70CF4D8E43F6A1D29891942',
        },
        hint,
      ),
    ).toBe(true);
    expect(
      await matchesRecipient({ type: 'email', hashed: false, identity: 'Nobody@example.org' }, hint),
    ).toBe(true);
    expect(await matchesRecipient({ type: 'url', hashed: false, identity: 'nobody@example.org' }, hint)).toBe(
      false,
    );
  });
});

describe('RevocationList entries (ids, objects with reasons, legacy uid)', () => {
  const listUrl = 'https://example.org/revocationList.json';
  const ctx = () =>
    createVectorContext({ extraRoutes: { [listUrl]: { file: `${SPEC}revocation-list.json` } } });
  const issuer = {
    raw: {},
    data: { id: 'https://example.org/issuer', revocationList: listUrl },
    ignoredTerms: [],
    extensions: [],
  };
  const a = (data: Record<string, unknown>) => ({ raw: data, data, ignoredTerms: [], extensions: [] });

  it.each([
    [{ id: 'urn:uuid:3c574c87-b96f-4f06-8eb5-68a29335b60e' }, 'This badge was revoked by its issuer.'],
    [
      { id: 'urn:uuid:e79a6c18-787e-4868-8e65-e6a4530fb418' },
      'This badge was revoked by its issuer: Honor code violation',
    ],
    [{ id: 'urn:uuid:other', uid: 'abc123' }, 'This badge was revoked by its issuer: Issued in error.'],
  ])('%j is revoked', async (data, message) => {
    const c = await checkSignedRevocation(ctx(), a(data), issuer, createBudget());
    expect(c).toMatchObject({ status: 'failed', code: 'ERR_OB2_REVOKED', impact: 'revoked', message });
  });

  it('an assertion not on the list passes; an unreachable list is never "not revoked"', async () => {
    expect((await checkSignedRevocation(ctx(), a({ id: 'urn:uuid:x' }), issuer, createBudget())).status).toBe(
      'passed',
    );
    const unreachable = await checkSignedRevocation(
      createVectorContext(),
      a({ id: 'urn:uuid:x' }),
      issuer,
      createBudget(),
    );
    expect(unreachable).toMatchObject({ status: 'error', impact: 'unverifiable' });
  });
});

describe('validity window', () => {
  const now = new Date('2024-06-01T00:00:00Z');
  it('tolerates 5 minutes of clock skew, not more', () => {
    expect(checkValidity('2024-06-01T00:04:00Z', undefined, now).status).toBe('passed');
    expect(checkValidity('2024-06-01T00:06:00Z', undefined, now)).toMatchObject({
      code: 'ERR_NOT_YET_VALID',
      impact: 'expired',
    });
  });
  it('reads OB 1.0 unix timestamps and dates', () => {
    expect(checkValidity(1359217910, undefined, now).status).toBe('passed');
    expect(checkValidity('2013-01-01', '2014-01-01', now)).toMatchObject({
      code: 'ERR_OB2_EXPIRED',
      impact: 'expired',
    });
    expect(checkValidity('yesterday', undefined, now)).toMatchObject({ code: 'ERR_OB2_ISSUED_ON_INVALID' });
  });
});

describe('documents and limits', () => {
  it('stops at the document budget', async () => {
    const r = await fetchDoc(
      createVectorContext(),
      'https://example.org/robotics-badge.json',
      'badge class',
      createBudget(0),
    );
    expect(r.ok ? 'ok' : r.failure.code).toBe('ERR_OB2_TOO_MANY_DOCUMENTS');
  });
  it('normalises inline and alternate contexts to the v2 terms', async () => {
    const alt = JSON.parse(
      readVectorText('1edtech-dc-public-validator/ob20/assets/issuer-with-allowed-origins.json'),
    ) as unknown;
    const r = await normalise(alt, 'issuer profile');
    expect(r.ok && r.doc.data.verification).toEqual({ allowedOrigins: ['example.com', 'example.org'] });
    const v1alias = await normalise(
      {
        '@context': 'https://openbadgespec.org/v2/context.json',
        type: 'Assertion',
        verify: { type: 'hosted' },
      },
      'x',
    );
    expect(v1alias.ok && v1alias.doc.data.verification).toEqual({ type: 'hosted' });
  });
  it('lists differing paths, key order ignored', () => {
    expect(diffCopies({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 3] }, a: 1 })).toEqual([
      { path: 'b.c[1]', given: '2', hosted: '3' },
    ]);
  });
});

describe('Open Badges 1.0 and 0.5', () => {
  const ob1 = {
    uid: 'abc123',
    recipient: {
      type: 'email',
      hashed: true,
      salt: 'deadsea',
      identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942',
    },
    badge: 'https://issuer.example/badge.json',
    issuedOn: 1359217910,
    verify: { type: 'hosted', url: 'https://issuer.example/a/abc123.json' },
  };
  const routes = {
    'https://issuer.example/a/abc123.json': { body: JSON.stringify(ob1) },
    'https://issuer.example/badge.json': {
      body: JSON.stringify({
        name: 'Old badge',
        description: 'd',
        image: 'https://issuer.example/i.png',
        criteria: 'https://issuer.example/c',
        issuer: 'https://issuer.example/org.json',
      }),
    },
    'https://issuer.example/org.json': {
      body: JSON.stringify({ name: 'Old Issuer', url: 'https://issuer.example' }),
    },
  };
  const acq = (value: unknown): Acquired => ({
    container: 'json',
    payload: { type: 'json', value, text: JSON.stringify(value) },
    source: 't',
    checks: [],
  });

  it("verifies a 1.0 hosted assertion on the issuer's domain", async () => {
    const r = await ob2Format.verify(acq(ob1), createVectorContext({ extraRoutes: routes }));
    expect(r.format.id).toBe('ob1-hosted');
    expect(gradeVerdict(r.checks)).toBe('verified');
    expect(r.issuer.name).toBe('Old Issuer');
  });

  it('a 1.0 hosted copy on another domain does not prove the issuer', async () => {
    const moved = { ...ob1, verify: { type: 'hosted', url: 'https://elsewhere.example/abc123.json' } };
    const r = await ob2Format.verify(
      acq(moved),
      createVectorContext({
        extraRoutes: { ...routes, 'https://elsewhere.example/abc123.json': { body: JSON.stringify(moved) } },
      }),
    );
    expect(r.checks.find((c) => c.id === 'issuer.identity')).toMatchObject({
      status: 'failed',
      code: 'ERR_OB1_NOT_ISSUER_DOMAIN',
    });
  });

  it('a 1.0 hosted assertion answered 410 is revoked', async () => {
    const r = await ob2Format.verify(
      acq(ob1),
      createVectorContext({
        extraRoutes: { ...routes, 'https://issuer.example/a/abc123.json': { status: 410 } },
      }),
    );
    expect(gradeVerdict(r.checks)).toBe('revoked');
  });

  it('an OB 0.5 file cannot be verified and says precisely why', async () => {
    const old = {
      recipient: 'sha256$abc',
      salt: 's',
      issued_on: '2012-01-01',
      badge: {
        version: '0.5.0',
        name: 'n',
        description: 'd',
        image: '/i.png',
        criteria: '/c',
        issuer: { origin: 'https://old.example', name: 'Old', contact: 'a@old.example' },
      },
    };
    const r = await ob2Format.verify(acq(old), createVectorContext());
    const proof = r.checks.find((c) => c.id === 'proof.hosted');
    expect(proof).toMatchObject({ status: 'error', code: 'ERR_OB05_UNVERIFIABLE', impact: 'unverifiable' });
    expect(proof?.message).toContain('https://old.example');
  });
});
