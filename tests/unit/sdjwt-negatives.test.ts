/**
 * SD-JWT negatives by documented mutations of real samples (RFC 9901 §5.1 / §5.2 examples, read
 * in place) and by CredLens's own test issuer / test wallet (tests/support/sdjwt-issuer.ts,
 * committed TEST keys): each mutation must come out with the check that names it. Also: the EUDI
 * Learning Credential's standard elements, withheld claims shown as "not disclosed", and acquire's
 * recognition of wrapped SD-JWT text.
 */
import { describe, expect, it } from 'vitest';
import { acquireInput } from '../../lib/acquire/acquire';
import { base64UrlDecode, base64UrlEncode } from '../../lib/did/multibase';
import type { VerifyEnv } from '../../lib/model/env';
import type { VerificationReport } from '../../lib/model/report';
import { verifyCredential } from '../../lib/verify';
import {
  issueTestSdJwt,
  keyBinding,
  publicOf,
  TEST_HOLDER_KEY,
  TEST_ISSUER_KEY,
  testCertificate,
  testStatusList,
} from '../support/sdjwt-issuer';
import { createVectorFetch, type ExtraRoute } from '../support/vector-web';
import { readVectorText } from '../support/vectors';

const S51 = 'ietf-sd-jwt-specs/sd-jwt/s5.1-issued-sd-jwt.txt';
const S52 = 'ietf-sd-jwt-specs/sd-jwt/s5.2-presentation-sd-jwt-kb.txt';
const FIG24 = 'ietf-sd-jwt-specs/sd-jwt-vc/fig24-pid-issued.txt';

function rfcKey(): JsonWebKey {
  const t = readVectorText('ietf-sd-jwt-specs/sd-jwt/settings.yml');
  const get = (k: string): string => new RegExp(`\\b${k}:\\s*(\\S+)`).exec(t)?.[1] ?? '';
  return { kty: 'EC', crv: 'P-256', x: get('x'), y: get('y') };
}
const ROUTES: Record<string, ExtraRoute> = {
  'https://issuer.example.com/.well-known/jwt-vc-issuer': {
    body: JSON.stringify({ issuer: 'https://issuer.example.com', jwks: { keys: [rfcKey()] } }),
    contentType: 'application/json',
  },
};
function rowEnv(row: { now: string; routes?: Record<string, ExtraRoute> }): VerifyEnv {
  return {
    fetch: createVectorFetch(row.routes ?? {}),
    now: () => new Date(row.now),
    trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
  };
}
const parts = (file: string): string[] => readVectorText(file).replace(/\s+/g, '').split('~');

async function run(
  text: string,
  extra: Partial<VerifyEnv> = {},
  now = '2025-05-29T16:42:00Z',
): Promise<VerificationReport> {
  return verifyCredential(
    { kind: 'text', text, name: 'mutated' },
    { ...rowEnv({ now, routes: ROUTES }), ...extra },
  );
}
const find = (r: VerificationReport, id: string): [string | undefined, string | undefined] => {
  const c = r.checks.find((x) => x.id === id);
  return [c?.status, c?.code];
};

describe('mutations of the RFC 9901 examples', () => {
  it('baseline: s5.1 verifies (so each mutation below fails for its own reason)', async () => {
    const r = await run(readVectorText(S51));
    expect(r.verdict).toBe('verified-untrusted');
    expect(find(r, 'proof.signature')).toEqual(['passed', 'OK_SDJWT_SIGNATURE']);
  });

  it('a tampered disclosure (its value changed, re-encoded) → invalid, unreferenced', async () => {
    const p = parts(S51);
    const decoded = JSON.parse(new TextDecoder().decode(base64UrlDecode(p[1] ?? ''))) as unknown[];
    decoded[2] = 'Mallory';
    p[1] = base64UrlEncode(new TextEncoder().encode(JSON.stringify(decoded)));
    const r = await run(p.join('~'));
    expect(find(r, 'proof.disclosures')).toEqual(['failed', 'ERR_SDJWT_DISCLOSURE_UNREFERENCED']);
    expect(r.verdict).toBe('invalid');
    expect(r.authenticity.level).toBe('A0');
  });

  it('a disclosure from another credential appended → invalid, unreferenced', async () => {
    const p = parts(S51);
    const foreign = parts(FIG24)[1] ?? '';
    p.splice(p.length - 1, 0, foreign);
    const r = await run(p.join('~'));
    expect(find(r, 'proof.disclosures')).toEqual(['failed', 'ERR_SDJWT_DISCLOSURE_UNREFERENCED']);
    expect(r.verdict).toBe('invalid');
  });

  it('the same disclosure twice → invalid, duplicate', async () => {
    const p = parts(S51);
    p.splice(2, 0, p[1] ?? '');
    const r = await run(p.join('~'));
    expect(find(r, 'proof.disclosures')).toEqual(['failed', 'ERR_SDJWT_DISCLOSURE_DUPLICATE']);
    expect(r.verdict).toBe('invalid');
  });

  it('a disclosure dropped after the KB-JWT was made → wrong sd_hash, invalid', async () => {
    const p = parts(S52);
    p.splice(1, 1);
    const r = await run(p.join('~'));
    expect(find(r, 'proof.disclosures')).toEqual(['passed', 'OK_SDJWT_DISCLOSURES']);
    expect(find(r, 'proof.keyBinding')).toEqual(['failed', 'ERR_KB_SD_HASH']);
    expect(r.verdict).toBe('invalid');
  });

  it('a wrong nonce → invalid', async () => {
    const r = await run(readVectorText(S52), {
      expectedNonce: 'our-fresh-nonce',
      expectedAudience: 'https://verifier.example.org',
    });
    expect(find(r, 'proof.keyBinding')).toEqual(['failed', 'ERR_KB_NONCE']);
    expect(r.verdict).toBe('invalid');
  });

  it('a wrong audience → invalid', async () => {
    const r = await run(readVectorText(S52), {
      expectedNonce: '1234567890',
      expectedAudience: 'https://credlens.example',
    });
    expect(find(r, 'proof.keyBinding')).toEqual(['failed', 'ERR_KB_AUD']);
    expect(r.verdict).toBe('invalid');
  });

  it('a KB-JWT whose signature bytes are changed → invalid', async () => {
    const p = parts(S52);
    const kb = (p[p.length - 1] ?? '').split('.');
    kb[2] = `${(kb[2] ?? '').slice(0, -4)}AAAA`;
    p[p.length - 1] = kb.join('.');
    const r = await run(p.join('~'));
    expect(find(r, 'proof.keyBinding')).toEqual(['failed', 'ERR_KB_SIGNATURE']);
    expect(r.verdict).toBe('invalid');
  });

  it('a changed claim in the issuer-signed JWT → signature fails', async () => {
    const p = parts(S51);
    const [h, body, sig] = (p[0] ?? '').split('.');
    const payload = JSON.parse(new TextDecoder().decode(base64UrlDecode(body ?? ''))) as Record<
      string,
      unknown
    >;
    payload.sub = 'someone_else';
    p[0] = [h, base64UrlEncode(new TextEncoder().encode(JSON.stringify(payload))), sig].join('.');
    const r = await run(p.join('~'));
    expect(find(r, 'proof.signature')).toEqual(['failed', 'ERR_JWT_SIGNATURE']);
    expect(r.verdict).toBe('invalid');
  });

  it('wrapped lines, CRLF and surrounding blanks are tolerated', async () => {
    const text = `\r\n   ${readVectorText(S51).replace(/\n/g, '\r\n')}  \n`;
    const r = await run(text);
    expect(r.format.id).toBe('sd-jwt-vc');
    expect(r.verdict).toBe('verified-untrusted');
  });
});

const ISS = 'https://issuer.credlens.test';
const NOW = '2026-06-01T00:00:00Z';
const NOW_S = Date.parse(NOW) / 1000;

async function own(
  opts: Partial<Parameters<typeof issueTestSdJwt>[0]> & { certUri?: string; certDns?: string } = {},
): Promise<{ jwt: string; disclosures: string[]; digests: string[] }> {
  const x5c = await testCertificate(opts.certUri ?? ISS, opts.certDns ?? 'issuer.credlens.test');
  return issueTestSdJwt({
    header: { x5c: [x5c], ...opts.header },
    claims: {
      iss: ISS,
      iat: NOW_S - 86400,
      exp: NOW_S + 86400 * 365,
      vct: 'urn:eu.europa.ec.eudi:learning:credential:1',
      cnf: { jwk: publicOf(TEST_HOLDER_KEY) },
      issuing_authority: 'CredLens Test University',
      issuing_country: 'DE',
      date_of_issuance: '2026-05-01',
      achievement_title: 'Data Literacy for Recruiters',
      ...opts.claims,
    },
    disclosable: opts.disclosable ?? {
      family_name: 'Muster',
      given_name: 'Erika',
      learning_outcomes: ['Reads a credential report'],
      expected_study_time: 'P2W',
      level_of_learning_experience: 6,
      assessment_grade: 'A',
    },
    decoys: opts.decoys ?? 2,
    ...(opts.sdAlg ? { sdAlg: opts.sdAlg } : {}),
    ...(opts.extraDigests ? { extraDigests: opts.extraDigests } : {}),
  });
}

const ownEnv = (extra: Partial<VerifyEnv> = {}): VerifyEnv => ({
  fetch: createVectorFetch({}),
  now: () => new Date(NOW),
  trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
  ...extra,
});
const verifyText = (text: string, extra: Partial<VerifyEnv> = {}): Promise<VerificationReport> =>
  verifyCredential({ kind: 'text', text, name: 'own' }, ownEnv(extra));

describe("our test issuer's Learning Credential (x5c) and test wallet", () => {
  it('a certificate naming the issuer verifies; withheld claims are "not disclosed"', async () => {
    const c = await own();
    // The holder discloses only the names (first two) and the outcomes.
    const shown = c.disclosures.slice(0, 3);
    const r = await verifyText(`${c.jwt}~${shown.join('~')}~`);
    expect(find(r, 'proof.signature')).toEqual(['passed', 'OK_SDJWT_SIGNATURE']);
    expect(find(r, 'issuer.identity')[0]).not.toBe('failed');
    expect(find(r, 'proof.keyBinding')).toEqual(['warning', 'WARN_KB_NOT_PRESENTED']);
    const el = Object.fromEntries(r.elements.map((e) => [e.key, e]));
    expect(el.learner?.status).toBe('present');
    expect(el.learner?.values).toEqual(['Erika Muster']);
    expect(el.title?.values).toEqual(['Data Literacy for Recruiters']);
    expect(el.awardingBody?.values).toEqual(['CredLens Test University']);
    expect(el.learningOutcomes?.status).toBe('present');
    expect(el.level?.status).toBe('not-disclosed');
    expect(el.level?.note).toMatch(/not disclosed by the holder/i);
    expect(el.grade?.status).toBe('not-disclosed');
    expect(el.workload?.status).toBe('not-disclosed');
    expect(el.assessment?.status).toBe('not-expressible');
  });

  it('everything disclosed and no decoys: absent claims are "missing", EQF level read', async () => {
    const c = await own({ decoys: 0 });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    const el = Object.fromEntries(r.elements.map((e) => [e.key, e]));
    expect(el.level?.values).toEqual(['EQF level 6']);
    expect(el.qualityAssurance?.status).toBe('missing');
  });

  it('a foreign x5c (a certificate for another name) → invalid', async () => {
    const c = await own({ certUri: 'https://other.example', certDns: 'other.example' });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'proof.signature')).toEqual(['passed', 'OK_SDJWT_SIGNATURE']);
    expect(find(r, 'issuer.identity')).toEqual(['failed', 'ERR_ISSUER_CERT_MISMATCH']);
    expect(r.verdict).toBe('invalid');
  });

  it("the test wallet's presentation verifies against our nonce and audience", async () => {
    const c = await own();
    const presented = `${c.jwt}~${c.disclosures.join('~')}~`;
    const kb = await keyBinding(presented, 'n-0S6_WzA2Mj', 'https://credlens.example', NOW_S - 30);
    const r = await verifyText(presented + kb, {
      expectedNonce: 'n-0S6_WzA2Mj',
      expectedAudience: 'https://credlens.example',
    });
    expect(find(r, 'proof.keyBinding')).toEqual(['passed', 'OK_KB']);
    expect(r.format.label).toMatch(/key binding/);
  });

  it('a KB-JWT signed by a key other than cnf → invalid', async () => {
    const c = await own({ claims: { cnf: { jwk: publicOf(TEST_ISSUER_KEY) } } });
    const presented = `${c.jwt}~${c.disclosures.join('~')}~`;
    const kb = await keyBinding(presented, 'n', 'https://credlens.example', NOW_S);
    const r = await verifyText(presented + kb, {
      expectedNonce: 'n',
      expectedAudience: 'https://credlens.example',
    });
    expect(find(r, 'proof.keyBinding')).toEqual(['failed', 'ERR_KB_SIGNATURE']);
    expect(r.verdict).toBe('invalid');
  });

  it('an unknown _sd_alg is refused', async () => {
    const c = await own({ sdAlg: 'sha-999' });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'format.recognized')).toEqual(['failed', 'ERR_SDJWT_SD_ALG']);
    expect(r.verdict).toBe('unverifiable');
  });

  it('sha-512 digests verify', async () => {
    const c = await own({ sdAlg: 'sha-512' });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'proof.disclosures')).toEqual(['passed', 'OK_SDJWT_DISCLOSURES']);
  });

  it('a digest listed twice → invalid', async () => {
    const base = await own();
    const c = await own({ extraDigests: [base.digests[0] ?? ''] });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'proof.disclosures')).toEqual(['failed', 'ERR_SDJWT_DIGEST_DUPLICATE']);
    expect(r.verdict).toBe('invalid');
  });

  it('a disclosed name that collides with a plain claim → invalid', async () => {
    const c = await own({ disclosable: { achievement_title: 'Something Grander' } });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'proof.disclosures')).toEqual(['failed', 'ERR_SDJWT_CLAIM_COLLISION']);
    expect(r.verdict).toBe('invalid');
  });

  it('a disclosure naming "_sd" → invalid', async () => {
    const c = await own({ disclosable: { _sd: 'x' } });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'proof.disclosures')).toEqual(['failed', 'ERR_SDJWT_DISCLOSURE_NAME']);
  });
});

describe('the EU–JP PoC Learning Credential (real sample) maps onto the standard elements', () => {
  it('reads every disclosed claim', async () => {
    const file = 'eudi-sdjwt-vc/eudi-lib-kmp-etsi-1196x2/jp-poc-learning-credential.dc+sd-jwt.txt';
    const r = await verifyCredential(
      { kind: 'text', text: readVectorText(file) },
      rowEnv({ now: '2026-03-01T00:00:00Z' }),
    );
    const el = Object.fromEntries(r.elements.map((e) => [e.key, e]));
    expect(el.title?.values).toEqual(['TEST_ Credential_Title']);
    expect(el.country?.values).toEqual(['JP']);
    expect(el.learner?.values).toEqual(['TEST_ Family_Name', 'Identifier: TEST_ID_For_Connection']);
    expect(el.level?.values).toEqual(['EQF level 1']);
    expect(el.learningOutcomes?.values).toHaveLength(2);
    expect(r.credential.parts?.[0]?.title).toBe('10 claim(s) disclosed by the holder');
  });
});

describe('acquire', () => {
  it('classifies SD-JWT text as sd-jwt and leaves a plain JWS a jws', async () => {
    const sd = await acquireInput({ kind: 'text', text: readVectorText(S51) }, async (url) => ({
      ok: false,
      url,
      code: 'ERR_NET_UNREACHABLE',
      message: 'offline',
    }));
    expect(sd.ok && sd.acquired.payload.type).toBe('sd-jwt');
    const jws = await acquireInput({ kind: 'text', text: parts(S51)[0] ?? '' }, async (url) => ({
      ok: false,
      url,
      code: 'ERR_NET_UNREACHABLE',
      message: 'offline',
    }));
    expect(jws.ok && jws.acquired.payload.type).toBe('jws');
  });
});

describe('hostile input', () => {
  it('seeded random byte changes in an SD-JWT+KB: never a throw, never "verified" when a signed byte changed', async () => {
    const { rng } = await import('../support/rng');
    const next = rng(20261208);
    const original = readVectorText(S52).replace(/\s+/g, '');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.';
    for (let i = 0; i < 60; i++) {
      const at = Math.floor(next() * original.length);
      const ch = alphabet[Math.floor(next() * alphabet.length)] ?? 'A';
      const mutated = original.slice(0, at) + ch + original.slice(at + 1);
      if (mutated === original) continue;
      const r = await run(mutated, {
        expectedNonce: '1234567890',
        expectedAudience: 'https://verifier.example.org',
      });
      expect(r.checks.length).toBeGreaterThan(0);
      // Every character of an SD-JWT+KB is covered by a signature, a digest or the sd_hash.
      expect(
        r.verdict,
        `mutation ${i} at ${at}: ${JSON.stringify(r.checks.filter((c) => c.status !== 'passed'))}`,
      ).not.toMatch(/^verified/);
    }
  }, 60000);
});

describe('status: IETF Token Status List of our test issuer', () => {
  const LIST = 'https://issuer.credlens.test/status/1';
  async function withStatus(idx: number): Promise<VerificationReport> {
    const cert = await testCertificate(ISS, 'issuer.credlens.test');
    const list = await testStatusList(LIST, [3], cert, NOW_S - 60);
    const c = await own({ claims: { status: { status_list: { idx, uri: LIST } } } });
    return verifyText(`${c.jwt}~${c.disclosures.join('~')}~`, {
      fetch: createVectorFetch({ [LIST]: { body: list, contentType: 'application/statuslist+jwt' } }),
    });
  }
  it('an entry set to 1 → revoked', async () => {
    const r = await withStatus(3);
    expect(find(r, 'status.revocation')[0]).toBe('failed');
    expect(r.verdict).toBe('revoked');
  });
  it('an entry set to 0 → not revoked', async () => {
    const r = await withStatus(2);
    expect(find(r, 'status.revocation')[0]).toBe('passed');
    expect(r.verdict).not.toBe('revoked');
  });
  it('an unreachable list is never "valid"', async () => {
    const c = await own({ claims: { status: { status_list: { idx: 0, uri: LIST } } } });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'status.revocation')[0]).toBe('error');
    expect(r.verdict).toBe('unverifiable');
  });
});

describe('issuer key from a DID', () => {
  it('did:jwk issuer with a DID URL kid: signature verified, the key is not tied to an organisation (A1)', async () => {
    const did = `did:jwk:${base64UrlEncode(new TextEncoder().encode(JSON.stringify(publicOf(TEST_ISSUER_KEY))))}`;
    const c = await issueTestSdJwt({
      header: { kid: `${did}#0` },
      claims: { iss: did, iat: NOW_S - 60, vct: 'urn:example:test:1' },
      disclosable: { name: 'Test' },
    });
    const r = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(r, 'proof.signature')).toEqual(['passed', 'OK_SDJWT_SIGNATURE']);
    expect(find(r, 'issuer.identity')).toEqual(['warning', 'WARN_ISSUER_KEY_ONLY']);
    expect(r.authenticity.level).toBe('A1');
  });
});

describe('SD-JWT VC rules', () => {
  it('an SD-JWT VC whose exp is selectively disclosable is refused (the holder could hide it)', async () => {
    // exp: undefined drops the plain exp (JSON.stringify omits it), so exp exists only as a disclosure.
    const c = await own({
      claims: { exp: undefined },
      disclosable: { exp: NOW_S - 86400, family_name: 'Muster' },
    });
    const withExp = await verifyText(`${c.jwt}~${c.disclosures.join('~')}~`);
    expect(find(withExp, 'proof.disclosures')).toEqual(['failed', 'ERR_SDJWT_VC_PROTECTED_CLAIM']);
    expect(withExp.verdict).toBe('invalid');
  });

  it('a damaged SD-JWT is named as such, not "unrecognised"', async () => {
    const p = parts(S51);
    const r = await run(`${(p[0] ?? '').slice(0, 40)}~${p.slice(1).join('~')}`);
    const c = r.checks.find((x) => x.id === 'format.recognized');
    expect(c?.code).toBe('ERR_FORMAT_JWS_MALFORMED');
    expect(c?.detail).toMatch(/SD-JWT/);
  });
});
