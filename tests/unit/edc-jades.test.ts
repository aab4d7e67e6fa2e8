import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyEnv } from '../../lib/model/env';
import type { VerificationReport } from '../../lib/model/report';
import { createEuTrustSource } from '../../lib/trust/eu/source';
import type { EuTrustIndex } from '../../lib/trust/eu/types';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { compileVectors, vector } from './edc-helpers';

const DIR = 'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)';
const SIGNED = ['Sample-CertOfPart-signed.jsonld', 'Sample-MC-Annex1-signed.jsonld'];
const TODAY = new Date('2026-11-23T00:00:00Z');
/** Inside the sealing certificate's validity and the embedded OCSP answer's window. */
const SEALING_WEEK = new Date('2023-10-01T00:00:00Z');

let index: EuTrustIndex;
beforeAll(async () => {
  index = await compileVectors(['ES']); // parsed once for this file (~3 s)
}, 60_000);

function env(now: Date, withLists = true): VerifyEnv {
  return {
    fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }),
    now: () => now,
    trust: createTrustStore(withLists ? [createEuTrustSource(index, () => now)] : []),
  };
}

function run(text: string, now = TODAY, withLists = true): Promise<VerificationReport> {
  return verifyCredential(
    { kind: 'bytes', bytes: new TextEncoder().encode(text), name: 'edc.json' },
    env(now, withLists),
  );
}

const byId = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id);

describe('EDC JAdES samples (ec-european-learning-model)', () => {
  it.each(SIGNED)(
    '%s: the seal verifies; the expired test certificate without a trusted time-stamp is not trusted',
    async (file) => {
      const r = await run(vector(DIR, file));
      expect(r.format.id).toBe('edc-jades');
      expect(byId(r, 'proof.signature')?.status).toBe('passed');
      expect(byId(r, 'proof.certificate')?.status).toBe('passed');
      expect(byId(r, 'proof.timestamp')?.code).toBe('WARN_EDC_TIMESTAMP_UNTRUSTED'); // Nowina test TSA
      expect(byId(r, 'issuer.identity')?.code).toBe('WARN_EDC_CERT_EXPIRED_NO_POE');
      expect(r.verdict).toBe('verified-untrusted');
      expect(r.authenticity.level).toBe('A1');
    },
  );

  it.each(SIGNED)(
    '%s: judged during the sealing week, the chain reaches ANF on the ES list → advanced seal (A3), no QSCD',
    async (file) => {
      const r = await run(vector(DIR, file), SEALING_WEEK);
      expect(byId(r, 'issuer.identity')?.status).toBe('passed');
      expect(byId(r, 'status.revocation')?.code).toBe('OK_EDC_CERT_NOT_REVOKED');
      expect(byId(r, 'issuer.qualification')?.code).toBe('OK_EDC_ADVANCED_SEAL');
      expect(r.authenticity.level).toBe('A3');
      expect(r.authenticity.evidence.join(' ')).toContain('ES trusted list');
      // The EU-listed sealer counts as a trust-list hit: authentic, listed, not revoked → verified.
      expect(byId(r, 'issuer.trust')).toMatchObject({ status: 'passed', code: 'OK_TRUST_LISTED' });
      expect(r.trust[0]).toMatchObject({ sourceId: 'eu-tl:ES', list: 'allow' });
      expect(r.verdict).toBe('verified');
    },
  );

  it('without trusted lists the chain is incomplete and the missing list is named', async () => {
    const r = await run(vector(DIR, SIGNED[1] ?? ''), SEALING_WEEK, false);
    expect(byId(r, 'proof.signature')?.status).toBe('passed');
    expect(byId(r, 'issuer.identity')?.code).toBe('WARN_EDC_CHAIN_INCOMPLETE');
    expect(r.authenticity.level).toBe('A1');
  });

  it('extracts the standard elements with their paths', async () => {
    const r = await run(vector(DIR, SIGNED[1] ?? ''));
    const el = (k: string) => r.elements.find((e) => e.key === k);
    expect(el('title')?.values).toContain('Digital micro-credential creation');
    expect(el('awardingBody')?.values).toContain('University of Zed');
    expect(el('level')?.values).toContain('EQF level 6');
    // Credit points in words (the ECTS concept), a yes/no fact as a statement, never "true"/"false".
    expect(el('workload')?.values?.[0]).toBe('2 ECTS credits');
    expect(el('stackability')?.values).toEqual(['A full qualification in its own right, not part of a larger one']);
    expect(el('participation')?.values).toContain('Blended');
    expect(el('grade')?.status).toBe('present');
    expect(el('learningOutcomes')?.source).toContain('specifiedBy.learningOutcome');
    // Skills from frameworks (relatedESCOSkill; relatedSkill, here DigComp) are the summary's
    // skills; the outcomes' own titles are not.
    expect(el('learningOutcomes')?.skills).toEqual(expect.arrayContaining(['stimulate creativity in the team', 'develop digital content', 'Developing digital content']));
    expect(el('learningOutcomes')?.skills).not.toContain('Communication, collaboration and creativity');
  });

  it('an unsigned ELM v3 credential is recognised and unverifiable', async () => {
    const r = await run(vector(DIR, 'Sample-MC-Annex1-unsigned.jsonld'));
    expect(r.format.id).toBe('edc-jades');
    expect(byId(r, 'proof.signature')?.code).toBe('ERR_EDC_UNSIGNED');
    expect(r.verdict).toBe('unverifiable');
    expect(r.elements.find((e) => e.key === 'title')?.status).toBe('present');
  });
});

describe('tampered copies are invalid', () => {
  const original = () =>
    JSON.parse(vector(DIR, SIGNED[0] ?? '')) as { payload: string; signatures: Record<string, unknown>[] };
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = (d: ReturnType<typeof original>) =>
    JSON.parse(Buffer.from(String(d.signatures[0]?.protected), 'base64url').toString()) as Record<
      string,
      unknown
    >;

  it('one payload byte changed', async () => {
    const d = original();
    d.payload = d.payload.replace('"validFrom":"', '"validFrom":"1');
    const r = await run(JSON.stringify(d));
    expect(byId(r, 'proof.signature')?.code).toBe('ERR_EDC_SIGNATURE');
    expect(r.verdict).toBe('invalid');
    expect(byId(r, 'issuer.identity')?.status).toBe('skipped');
  });

  it('protected header changed (sigT moved)', async () => {
    const d = original();
    const h = header(d);
    h.sigT = '2024-01-01T00:00:00Z';
    (d.signatures[0] as Record<string, unknown>).protected = b64(h);
    const r = await run(JSON.stringify(d));
    expect(byId(r, 'proof.signature')?.status).toBe('failed');
    expect(r.verdict).toBe('invalid');
  });

  it('x5c swapped for another certificate', async () => {
    const d = original();
    const h = header(d);
    const etsiU = (d.signatures[0]?.header as { etsiU: string[] }).etsiU;
    const xVals = etsiU
      .map(
        (e) =>
          JSON.parse(Buffer.from(e, 'base64url').toString()) as { xVals?: { x509Cert: { val: string } }[] },
      )
      .find((e) => e.xVals)?.xVals;
    h.x5c = [xVals?.[3]?.x509Cert.val]; // the TSA certificate
    (d.signatures[0] as Record<string, unknown>).protected = b64(h);
    const r = await run(JSON.stringify(d));
    expect(r.verdict).toBe('invalid');
  });

  it('an unknown critical header member makes the seal unverifiable', async () => {
    const d = original();
    const h = header(d);
    h.crit = [...(h.crit as string[]), 'sigD'];
    (d.signatures[0] as Record<string, unknown>).protected = b64(h);
    const r = await run(JSON.stringify(d));
    expect(byId(r, 'format.recognized')?.code).toBe('ERR_EDC_JWS_CRIT');
    expect(r.verdict).toBe('unverifiable');
  });
});

describe('ELM claims tree and the issuer rendering', () => {
  it('the sample: one learning achievement with ECTS, EQF and grade; the JPEG rendering, apart from the verdict', async () => {
    const r = await run(vector(DIR, SIGNED[1] ?? ''));
    expect(r.credential.parts).toEqual([
      {
        title: 'Digital micro-credential creation',
        kind: 'learning achievement',
        details: ['2 ECTS credits', 'EQF level 6', 'grade Pass'],
        source: 'credentialSubject.hasClaim',
      },
    ]);
    expect(r.credential.rendering).toHaveLength(1);
    expect(r.credential.rendering?.[0]).toMatchObject({ mediaType: 'image/jpeg', page: 1 });
    expect(r.credential.rendering?.[0]?.dataUrl.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
  });

  it('nested parts become a tree; a rendering whose bytes are not the declared image is left out', async () => {
    const { claimTree, issuerRenderings } = await import('../../lib/formats/edc/elm-read');
    const cred = {
      credentialSubject: {
        hasClaim: {
          type: 'LearningAchievement',
          title: { en: 'Diploma', de: 'Diplom' },
          hasPart: [
            { type: 'LearningAchievement', title: { en: 'Module A' }, specifiedBy: { creditPoint: { point: '5', framework: { prefLabel: { en: 'European Credit Transfer System' } } } } },
            { type: 'LearningAssessment', title: { en: 'Final exam' }, hasPart: { type: 'LearningActivity', title: { en: 'Lab' } } },
          ],
        },
      },
      displayParameter: {
        individualDisplay: [
          { displayDetail: { image: { content: 'PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=', contentType: { id: 'http://publications.europa.eu/resource/authority/file-type/JPEG' } }, page: 1 } },
          { displayDetail: { image: { content: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', contentType: { id: 'http://publications.europa.eu/resource/authority/file-type/PNG' } }, page: 2 } },
        ],
      },
    };
    expect(claimTree(cred, 'de')).toEqual([
      {
        title: 'Diplom',
        kind: 'learning achievement',
        source: 'credentialSubject.hasClaim',
        parts: [
          { title: 'Module A', kind: 'learning achievement', details: ['5 ECTS credits'], source: 'credentialSubject.hasClaim.hasPart[0]' },
          {
            title: 'Final exam',
            kind: 'assessment',
            source: 'credentialSubject.hasClaim.hasPart[1]',
            parts: [{ title: 'Lab', kind: 'learning activity', source: 'credentialSubject.hasClaim.hasPart[1].hasPart' }],
          },
        ],
      },
    ]);
    // An SVG declared as JPEG is not shown; the real PNG is.
    expect(issuerRenderings(cred).map((x) => [x.mediaType, x.page])).toEqual([['image/png', 2]]);
  });
});
