/**
 * The top of the authenticity scale for European Digital Credentials, with CredLens's own generated
 * fixtures (tests/fixtures/edc, made by generate.mjs with committed TEST keys): a test LOTL and ES
 * trusted list (real XMLDSig), qualified / advanced / withdrawn-CA / unlisted-country JAdES seals
 * (real ECDSA, RFC 3161 time-stamps and OCSP responses). Each fixture's expected report sits next
 * to it (<name>.expected.json) and is checked here, plus the evidence that drives each decision.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyEnv } from '../../lib/model/env';
import type { CheckStatus, VerificationReport } from '../../lib/model/report';
import { compileEuTrustIndex, type ListInput } from '../../lib/trust/eu/compile';
import { periodAt } from '../../lib/trust/eu/decide';
import { createEuTrustSource } from '../../lib/trust/eu/source';
import type { EuTrustIndex } from '../../lib/trust/eu/types';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';

const DIR = resolve(__dirname, '../fixtures/edc');
const read = (name: string): string => readFileSync(resolve(DIR, name), 'utf8');
const PINNED = (
  JSON.parse(read('trust/lotl-signers.json')) as { certificates: { der: string }[] }
).certificates.map((c) => c.der);
const TODAY = new Date('2026-11-23T00:00:00Z');
const COMPILED = new Date('2026-11-01T00:00:00Z');

interface Expected {
  now: string;
  verdict: string;
  authenticity: string;
  checks: Record<string, { status: CheckStatus; code?: string }>;
}
interface Jws {
  payload: string;
  signatures: { protected: string; header: { etsiU: string[] }; signature: string }[];
}

const lotl = (xml = read('trust/eu-lotl.xml')): ListInput => ({
  xml,
  source: 'eu-lotl.xml',
  fetchedAt: COMPILED.toISOString(),
});
const es = (xml = read('trust/TSL_ES.xml')): ListInput => ({
  xml,
  source: 'TSL_ES.xml',
  fetchedAt: COMPILED.toISOString(),
});

let index: EuTrustIndex;
beforeAll(async () => {
  index = await compileEuTrustIndex({
    lotl: lotl(),
    lists: [es()],
    pinnedLotlSigners: PINNED,
    now: COMPILED,
  });
});

function run(text: string, idx: EuTrustIndex, now = TODAY): Promise<VerificationReport> {
  const env: VerifyEnv = {
    fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }),
    now: () => now,
    trust: createTrustStore([createEuTrustSource(idx, () => now)]),
  };
  return verifyCredential({ kind: 'bytes', bytes: new TextEncoder().encode(text), name: 'edc.json' }, env);
}

const byId = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id);
const etsiU = (d: Jws) =>
  (d.signatures[0]?.header.etsiU ?? []).map(
    (e) => JSON.parse(Buffer.from(e, 'base64url').toString()) as Record<string, unknown>,
  );
const withEtsiU = (d: Jws, entries: Record<string, unknown>[]): Jws => {
  const copy = structuredClone(d);
  const sig = copy.signatures[0];
  if (sig) sig.header.etsiU = entries.map((e) => Buffer.from(JSON.stringify(e)).toString('base64url'));
  return copy;
};
const fixture = (name: string) => JSON.parse(read(`${name}.json`)) as Jws;

describe('the generated test trusted lists', () => {
  it('the test LOTL verifies against its pinned signer and the ES list against the signer the LOTL announces', () => {
    expect(index.problems).toEqual([]);
    expect(index.lotl?.signerAuthority).toBe('pinned');
    expect(index.pointers.map((p) => p.country).sort()).toEqual(['ES', 'PT']);
    expect(index.lists.map((l) => [l.country, l.signerAuthority])).toEqual([['ES', 'lotl']]);
    const types = index.services.map(
      (s) => `${s.name}: ${s.history[0]?.type ?? ''} ${s.history[0]?.status ?? ''}`,
    );
    expect(types).toEqual([
      'CredLens TEST Qualified Seal CA: http://uri.etsi.org/TrstSvc/Svctype/CA/QC granted',
      'CredLens TEST Withdrawn Seal CA: http://uri.etsi.org/TrstSvc/Svctype/CA/QC withdrawn',
      'CredLens TEST Qualified TSA: http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST granted',
    ]);
    const ca = index.services[0];
    expect(ca?.history[0]?.additional).toEqual(['ForeSeals']);
    expect(ca?.history[0]?.qualifiers).toEqual([{ uris: ['QCWithQSCD'], policies: ['0.4.0.194112.1.3'] }]);
  });

  it('a status is in force from its starting instant (TS 119 612 §5.5.5), not a second later', () => {
    const withdrawnCa = index.services.find((s) => s.name === 'CredLens TEST Withdrawn Seal CA');
    expect(withdrawnCa).toBeDefined();
    if (!withdrawnCa) return;
    expect(periodAt(withdrawnCa, new Date('2025-12-31T23:59:59.999Z'))?.status).toBe('granted');
    expect(periodAt(withdrawnCa, new Date('2026-01-01T00:00:00.000Z'))?.status).toBe('withdrawn');
    expect(periodAt(withdrawnCa, new Date('2026-01-01T00:00:00.500Z'))?.status).toBe('withdrawn');
    expect(periodAt(withdrawnCa, new Date('2019-12-31T00:00:00Z'))).toBeUndefined();
  });

  it('a changed list no longer verifies and is reported, not used', async () => {
    const forged = read('trust/TSL_ES.xml').replace('Svcstatus/withdrawn', 'Svcstatus/granted');
    const idx = await compileEuTrustIndex({
      lotl: lotl(),
      lists: [es(forged)],
      pinnedLotlSigners: PINNED,
      now: COMPILED,
    });
    expect(idx.lists).toEqual([]);
    expect(idx.problems[0]?.reason).toMatch(/ES trusted list cannot be trusted/);
  });

  it('a LOTL not signed by a pinned signer authorises nothing', async () => {
    const idx = await compileEuTrustIndex({
      lotl: lotl(),
      lists: [es()],
      pinnedLotlSigners: [],
      now: COMPILED,
    });
    expect(idx.lotl).toBeUndefined();
    expect(idx.services).toEqual([]);
    expect(idx.problems.map((p) => p.country)).toEqual(['EU', 'ES']);
  });
});

const SCENARIOS = [
  'edc-jades-qualified',
  'edc-jades-qualified-tampered',
  'edc-jades-advanced',
  'edc-jades-qualified-withdrawn',
  'edc-jades-qualified-no-list',
  'edc-jades-qualified-expired-timestamped',
];

describe('generated EDC fixtures match their expected reports', () => {
  it.each(SCENARIOS)('%s', async (name) => {
    const expected = JSON.parse(read(`${name}.expected.json`)) as Expected;
    const r = await run(read(`${name}.json`), index, new Date(expected.now));
    expect(r.format.id).toBe('edc-jades');
    const got = Object.fromEntries(
      Object.keys(expected.checks).map((id) => {
        const c = byId(r, id);
        return [id, c?.status === 'skipped' ? { status: c.status } : { status: c?.status, code: c?.code }];
      }),
    );
    expect(got, JSON.stringify(r.checks, null, 1)).toEqual(expected.checks);
    expect(r.verdict).toBe(expected.verdict);
    expect(r.authenticity.level).toBe(expected.authenticity);
  });
});

describe('what drives each decision', () => {
  it('qualified: QC for seals on a QSCD, CA/QC granted for seals on the ES list, time-stamp as signing time', async () => {
    const r = await run(read('edc-jades-qualified.json'), index);
    expect(byId(r, 'proof.timestamp')?.message).toContain('2 March 2026');
    expect(byId(r, 'proof.timestamp')?.detail).toContain(
      'TSA listed: CredLens TEST Qualified TSA (ES trusted list)',
    );
    expect(byId(r, 'issuer.identity')?.detail).toContain(
      'Decision time 2026-03-02T09:30:02Z (trusted time-stamp)',
    );
    const q = byId(r, 'issuer.qualification');
    expect(q?.message).toContain('CredLens TEST Qualified Seal CA on the ES trusted list');
    expect(q?.detail).toContain(
      'qualified certificate for electronic seals, key on a qualified device (QSCD)',
    );
    expect(q?.detail).toContain('status granted since 2020-01-01');
    expect(q?.detail).not.toContain('Not higher because');
    expect(r.trust[0]).toMatchObject({ sourceId: 'eu-tl:ES', list: 'allow' });
    expect(byId(r, 'issuer.trust')).toMatchObject({ status: 'passed', code: 'OK_TRUST_LISTED' });
    expect(r.elements.find((e) => e.key === 'title')?.values).toContain('Research Data Stewardship');
  });

  it('qualified: the same seal judged on the day it was made is also A4', async () => {
    const r = await run(read('edc-jades-qualified.json'), index, new Date('2026-03-02T12:00:00Z'));
    expect(r.authenticity.level).toBe('A4');
    expect(r.verdict).toBe('verified');
  });

  it('tampered: the seal no longer matches and nothing later is trusted', async () => {
    const r = await run(read('edc-jades-qualified-tampered.json'), index);
    expect(byId(r, 'proof.signature')?.message).toMatch(/changed after it was sealed/);
    expect(r.trust).toEqual([]);
  });

  it('advanced: listed CA, but the certificate is not qualified, so A3 with the reason', async () => {
    const r = await run(read('edc-jades-advanced.json'), index);
    const q = byId(r, 'issuer.qualification');
    expect(q?.message).toContain(
      'not a qualified seal because the certificate is not an EU qualified certificate',
    );
    expect(q?.detail).toContain('no qualified signature-creation device');
    expect(r.authenticity.evidence.join(' ')).toContain('ES trusted list');
  });

  it('withdrawn: the CA/QC service was withdrawn before the signing time, so not A4, and the report says so', async () => {
    const r = await run(read('edc-jades-qualified-withdrawn.json'), index);
    expect(r.authenticity.evidence.join(' ')).toContain(
      'CredLens TEST Withdrawn Seal CA (CredLens Test Trust Services S.L.), ES trusted list had status withdrawn from 2026-01-01, so it was not active on 2026-03-02.',
    );
    expect(byId(r, 'issuer.qualification')?.detail).toContain(
      'Not higher because: the listed service was not active at signing time (withdrawn from 2026-01-01).',
    );
    // The plain message names the list and why it does not count (not "not confirmed by a list").
    expect(byId(r, 'issuer.qualification')?.message).toBe(
      "The sealer's certificate authority is on the ES trusted list (CredLens Test Trust Services S.L.), but the listed service was not active at signing time (withdrawn from 2026-01-01).",
    );
    expect(r.trust).toEqual([]);
  });

  it('withdrawn: the same seal judged at a time before the withdrawal (no trusted time-stamp) is A4 — history is used', async () => {
    const d = fixture('edc-jades-qualified-withdrawn');
    const noTst = withEtsiU(
      d,
      etsiU(d).filter((e) => !('sigTst' in e)),
    );
    const r = await run(JSON.stringify(noTst), index, new Date('2025-12-15T00:00:00Z'));
    expect(byId(r, 'proof.timestamp')?.code).toBe('WARN_EDC_NO_TIMESTAMP');
    expect(r.authenticity.level).toBe('A4');
  });

  it('no list: the PT list the LOTL announces is not loaded, and the report names it', async () => {
    const r = await run(read('edc-jades-qualified-no-list.json'), index);
    expect(byId(r, 'issuer.qualification')?.message).toBe(
      "The sealer's certificate authority is not confirmed by an EU trusted list: PT: the PT trusted list has not been loaded",
    );
    expect(byId(r, 'issuer.identity')?.detail).toContain('Ends: self-signed');
    expect(r.trust).toEqual([]);
  });

  it('no list: the qualified ES seal without the ES list loaded is only verified-untrusted, ES named', async () => {
    const lotlOnly = await compileEuTrustIndex({
      lotl: lotl(),
      lists: [],
      pinnedLotlSigners: PINNED,
      now: COMPILED,
    });
    const r = await run(read('edc-jades-qualified.json'), lotlOnly);
    expect(byId(r, 'proof.timestamp')?.code).toBe('WARN_EDC_TIMESTAMP_UNTRUSTED');
    expect(byId(r, 'issuer.qualification')?.message).toContain('ES: the ES trusted list has not been loaded');
    expect(r.authenticity.level).toBe('A2');
    expect(r.verdict).toBe('verified-untrusted');
  });

  it('expired today: the listed TSA proves the seal was made while the certificate was valid', async () => {
    const r = await run(read('edc-jades-qualified-expired-timestamped.json'), index);
    expect(byId(r, 'issuer.identity')?.detail).toContain(
      'Decision time 2026-03-02T09:30:02Z (trusted time-stamp)',
    );
    expect(byId(r, 'issuer.qualification')?.code).toBe('OK_EDC_QUALIFIED_SEAL');
  });

  it('expired today: without the time-stamp the same seal is not trusted (expired, no proof of existence)', async () => {
    const d = fixture('edc-jades-qualified-expired-timestamped');
    const r = await run(
      JSON.stringify(
        withEtsiU(
          d,
          etsiU(d).filter((e) => !('sigTst' in e)),
        ),
      ),
      index,
    );
    expect(byId(r, 'proof.timestamp')?.code).toBe('WARN_EDC_NO_TIMESTAMP');
    expect(byId(r, 'issuer.identity')?.code).toBe('WARN_EDC_CERT_EXPIRED_NO_POE');
    expect(r.authenticity.level).toBe('A1');
    expect(r.verdict).toBe('verified-untrusted');
  });

  it('a time-stamp over another seal (imprint mismatch) makes the seal invalid', async () => {
    const d = fixture('edc-jades-qualified');
    const other = etsiU(fixture('edc-jades-advanced')).find((e) => 'sigTst' in e);
    const swapped = withEtsiU(
      d,
      etsiU(d).map((e) => ('sigTst' in e && other ? other : e)),
    );
    const r = await run(JSON.stringify(swapped), index);
    expect(byId(r, 'proof.signature')?.status).toBe('passed');
    expect(byId(r, 'proof.timestamp')?.code).toBe('ERR_EDC_TIMESTAMP');
    expect(byId(r, 'proof.timestamp')?.detail).toContain('message imprint mismatch');
    expect(r.verdict).toBe('invalid');
  });
});
