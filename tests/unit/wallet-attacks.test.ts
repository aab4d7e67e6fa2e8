/**
 * Regressions from an attacker's pass over the wallet formats (issue 17): each input once got a
 * better verdict than it deserved, or crashed. Real signatures with the committed test keys
 * (tests/support/sdjwt-issuer.ts, tests/unit/mdoc-helpers.ts).
 */
import { CompactSign, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { VerifyEnv } from '../../lib/model/env';
import type { VerificationReport } from '../../lib/model/report';
import { verifyCredential } from '../../lib/verify';
import { disclosure, TEST_ISSUER_KEY, testCertificate } from '../support/sdjwt-issuer';
import { createVectorFetch } from '../support/vector-web';
import { caListSource, env as mdocEnv, fixtureDer, testDeviceResponse, verifyBytes } from './mdoc-helpers';

const ISS = 'https://issuer.credlens.test';
const NOW = '2026-06-01T00:00:00Z';
const NOW_S = Date.parse(NOW) / 1000;
const fetched: string[] = [];
const env = (): VerifyEnv => {
  const f = createVectorFetch({});
  return {
    fetch: (url, req) => {
      fetched.push(url);
      return f(url, req);
    },
    now: () => new Date(NOW),
    trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
  };
};

async function token(header: Record<string, unknown>, payload: unknown): Promise<string> {
  const key = await importJWK(TEST_ISSUER_KEY, 'ES256');
  const x5c = await testCertificate(ISS, 'issuer.credlens.test');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', x5c: [x5c], ...header })
    .sign(key);
}

const codes = (r: VerificationReport) => r.checks.map((c) => c.code);
const W3C = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  iss: ISS,
};

describe('SD-JWT', () => {
  it('a W3C VC whose JWT exp is past is expired, whatever else it says (no iat)', async () => {
    const jwt = await token({ typ: 'vc+sd-jwt' }, { ...W3C, exp: NOW_S - 86400 * 365, name: 'x', _sd: [] });
    const r = await verifyCredential({ kind: 'text', text: `${jwt}~` }, env());
    expect(r.verdict).toBe('expired');
  });

  it('an expired exp is not excused by a later validUntil', async () => {
    const jwt = await token(
      { typ: 'vc+sd-jwt' },
      { ...W3C, iat: NOW_S - 86400 * 400, exp: NOW_S - 86400, validUntil: '2030-01-01T00:00:00Z', _sd: [] },
    );
    const r = await verifyCredential({ kind: 'text', text: `${jwt}~` }, env());
    expect(r.verdict).toBe('expired');
  });

  it('a credentialStatus CredLens does not read for SD-JWT is never passed over: unverifiable', async () => {
    const jwt = await token(
      { typ: 'vc+sd-jwt' },
      {
        ...W3C,
        validFrom: '2026-01-01T00:00:00Z',
        credentialStatus: {
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '7',
          statusListCredential: `${ISS}/status/1`,
        },
        _sd: [],
      },
    );
    const r = await verifyCredential({ kind: 'text', text: `${jwt}~` }, env());
    expect(r.verdict).toBe('unverifiable');
    expect(codes(r)).toContain('WARN_STATUS_UNKNOWN_MECHANISM');
  });

  it('a plain SD-JWT whose holder withheld top-level claims, with no expiry shown, is not "valid"', async () => {
    const exp = await disclosure('s1', 'exp', NOW_S - 86400 * 30);
    const status = await disclosure('s2', 'status', { status_list: { idx: 0, uri: `${ISS}/sl` } });
    const title = await disclosure('s3', 'achievement_title', 'Course');
    const jwt = await token(
      { typ: 'example+sd-jwt' },
      { iss: ISS, iat: NOW_S - 86400 * 400, _sd: [exp.digest, status.digest, title.digest].sort() },
    );
    const r = await verifyCredential({ kind: 'text', text: `${jwt}~${title.encoded}~` }, env());
    expect(r.verdict).toBe('unverifiable');
    expect(codes(r)).toContain('WARN_SDJWT_VALIDITY_MAY_BE_WITHHELD');
    // …and disclosing the expiry of any SD-JWT (VC or not) is refused outright.
    const shown = await verifyCredential(
      { kind: 'text', text: `${jwt}~${exp.encoded}~${title.encoded}~` },
      env(),
    );
    expect(shown.verdict).toBe('invalid');
  });
});

describe('mdoc', () => {
  const now = new Date('2027-06-01T00:00:00Z');
  it('an impossible signing date does not skip "signed while the certificate was valid"', async () => {
    const src = [await caListSource(fixtureDer('root'), 'ES')];
    const r = await verifyBytes(
      await testDeviceResponse({ signed: '2019-13-01T00:00:00Z', validFrom: '2027-01-02T00:00:00Z' }),
      mdocEnv(now, src),
    );
    expect(['verified', 'verified-untrusted']).not.toContain(r.verdict);
  });

  it.each(['2026-13-01T00:00:00Z', '2027-05-32T00:00:00Z', '2027-02-30T00:00:00Z'])(
    'validUntil %s is refused with a reason, not an internal error',
    async (validUntil) => {
      const r = await verifyBytes(await testDeviceResponse({ validUntil }), mdocEnv(now));
      expect(['verified', 'verified-untrusted']).not.toContain(r.verdict);
      expect(codes(r)).not.toContain('ERR_INTERNAL');
      expect(r.checks.length).toBeGreaterThan(0);
    },
  );
});
