/**
 * European Digital Credentials (EDCI XML / ELM v2 with XAdES, ELM v3 with JAdES), the real samples
 * of ../shared/vectors read in place: what a recruiter reads. The authenticity and quality-assurance
 * evidence are separate plain sentences with no source paths or certificate instants (those stay
 * in the details), and a seal that does not prove the document (a time-stamp over something else)
 * leaves its validity window unchecked, naming the check that blocked it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReportText } from '../../cli/format-text';
import type { VerifyEnv } from '../../lib/model/env';
import type { VerificationReport } from '../../lib/model/report';
import { createEuTrustSource } from '../../lib/trust/eu/source';
import type { EuTrustIndex } from '../../lib/trust/eu/types';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { qaLevel } from '../../lib/formats/ob2/elements';
import { compileVectors, vector } from './edc-helpers';

const XML = [
  'ec-european-learning-model/Credentials/XML Examples (ELM v2)',
  'EDC_DiplomaSupplement_AA.xml',
] as const;
const ELM = 'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)';
/** After the test sealing certificate expired (2023-05-05): the chain is not valid then. */
const TODAY = new Date('2026-11-23T00:00:00Z');
/** Inside the EDCI sealing certificate's validity, after the seal (2022-08-09). */
const SEALING_TIME = new Date('2022-09-01T00:00:00Z');

let index: EuTrustIndex;
let sample: string;
beforeAll(async () => {
  sample = vector(...XML);
  index = await compileVectors(['ES']);
}, 60_000);

function run(text: string, name: string, now: Date, withLists = true): Promise<VerificationReport> {
  const env: VerifyEnv = {
    fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }),
    now: () => now,
    trust: createTrustStore(withLists ? [createEuTrustSource(index, () => now)] : []),
  };
  return verifyCredential({ kind: 'bytes', bytes: new TextEncoder().encode(text), name }, env);
}

const byId = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id);
/** A recruiter-facing sentence: ends as one, and carries no XPath, JSON path or ISO instant. */
function expectPlainSentence(text: string): void {
  expect(text).toMatch(/[.!?]$/);
  expect(text).not.toMatch(/\/vp:|\/[a-zA-Z]+:[a-zA-Z]+\/|europassCredential\/|credentialSubject\./);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
}

describe('EDCI XML evidence (ELM v2, XAdES)', () => {
  it('today (expired test certificate): authenticity evidence is separate plain sentences', async () => {
    const r = await run(sample, 'edc.xml', TODAY);
    expect(r.authenticity.level).toBe('A1');
    expect(r.authenticity.evidence.length).toBeGreaterThan(1);
    for (const e of r.authenticity.evidence) expectPlainSentence(e);
    // The chain's problems (names, instants) stay in the details.
    expect(byId(r, 'issuer.qualification')?.detail).toMatch(/was not valid on \d{4}-\d{2}-\d{2}T/);
    const line = formatReportText(r, false)
      .split('\n')
      .find((l) => l.startsWith('  authenticity:'));
    // Each evidence sentence is printed once: in the summary line (the headline's reason) or here.
    const lines = formatReportText(r, false).split('\n');
    const head = `${lines[1] ?? ''}\n${line ?? ''}`;
    for (const e of r.authenticity.evidence) expect(head.split(e).length - 1, e).toBe(1);
    expect(line?.startsWith('  authenticity: A1 — ')).toBe(true);
  });

  it('the quality-assurance line names the claim, not the XPath it came from', async () => {
    const r = await run(sample, 'edc.xml', SEALING_TIME);
    expect(r.qualityAssurance.level).toBe('Q1');
    for (const e of r.qualityAssurance.evidence) expectPlainSentence(e);
    expect(r.qualityAssurance.evidence[0]).toContain('Institutional audit');
    // The path is kept where engineers look: the element's source.
    const qa = r.elements.find((e) => e.key === 'qualityAssurance');
    expect(qa?.source).toContain('/vp:verifiablePresentation/europassCredential/accreditationReferences');
    const line = formatReportText(r, false)
      .split('\n')
      .find((l) => l.startsWith('  quality assurance:'));
    expect(line).not.toContain('/vp:');
  });

  it('a signature time-stamp over other data: the document is not proven, its validity window is not checked', async () => {
    // The SignatureTimeStamp sits in the unsigned properties; put the (signed) content
    // time-stamp's token there: a real token whose imprint is not the signature value.
    const content =
      /<xades:AllDataObjectsTimeStamp[\s\S]*?<xades:EncapsulatedTimeStamp>([\s\S]*?)<\/xades:EncapsulatedTimeStamp>/.exec(
        sample,
      )?.[1];
    expect(content).toBeDefined();
    const swapped = sample.replace(
      /(<xades:SignatureTimeStamp[\s\S]*?<xades:EncapsulatedTimeStamp[^>]*>)[\s\S]*?(<\/xades:EncapsulatedTimeStamp>)/,
      (_m, open: string, close: string) => `${open}${content ?? ''}${close}`,
    );
    expect(swapped).not.toBe(sample);
    const r = await run(swapped, 'edc.xml', SEALING_TIME);
    expect(byId(r, 'proof.signature')?.status).toBe('passed');
    expect(byId(r, 'proof.timestamp')).toMatchObject({ status: 'failed', code: 'ERR_EDC_TIMESTAMP' });
    expect(byId(r, 'validity.window')).toMatchObject({ status: 'skipped', blockedBy: 'proof.timestamp' });
    expect(r.verdict).toBe('invalid');
    expect(formatReportText(r, false)).not.toContain('✔ validity.window');
  });
});

describe('ELM v3 JAdES: the same rule for the time-stamp', () => {
  it('a signature time-stamp taken from another seal: validity not checked, blocked by proof.timestamp', async () => {
    type Jws = {
      payload: string;
      signatures: { protected: string; header: { etsiU: string[] }; signature: string }[];
    };
    const read = (f: string) => JSON.parse(vector(ELM, f)) as Jws;
    const target = read('Sample-MC-Annex1-signed.jsonld');
    const other = read('Sample-CertOfPart-signed.jsonld');
    const isSigTst = (e: string) =>
      'sigTst' in (JSON.parse(Buffer.from(e, 'base64url').toString()) as object);
    const foreign = other.signatures[0]?.header.etsiU.find(isSigTst);
    const sig = target.signatures[0];
    expect(foreign).toBeDefined();
    if (sig) sig.header.etsiU = sig.header.etsiU.map((e) => (isSigTst(e) ? (foreign ?? e) : e));
    const r = await run(JSON.stringify(target), 'edc.json', new Date('2023-10-01T00:00:00Z'));
    expect(byId(r, 'proof.signature')?.status).toBe('passed');
    expect(byId(r, 'proof.timestamp')).toMatchObject({ status: 'failed', code: 'ERR_EDC_TIMESTAMP' });
    expect(byId(r, 'validity.window')).toMatchObject({ status: 'skipped', blockedBy: 'proof.timestamp' });
    expect(r.verdict).toBe('invalid');
  });

  it('a chain that cannot be completed (no trusted lists) is said in a sentence, not left empty', async () => {
    const r = await run(
      vector(ELM, 'Sample-MC-Annex1-signed.jsonld'),
      'edc.json',
      new Date('2023-10-01T00:00:00Z'),
      false,
    );
    expect(byId(r, 'issuer.identity')?.code).toBe('WARN_EDC_CHAIN_INCOMPLETE');
    expect(r.authenticity.level).toBe('A1');
    expect(r.authenticity.evidence.length).toBeGreaterThan(0);
    for (const e of r.authenticity.evidence) expectPlainSentence(e);
  });
});

describe('Open Badges 2.0: the same rule for the claimed quality assurance', () => {
  it('names the claim, and leaves the field path in the element', () => {
    const qa = qaLevel([
      {
        key: 'qualityAssurance',
        label: 'Type of quality assurance',
        mandatory: true,
        status: 'present',
        values: ['NVAO accredited'],
        source: 'badge.qualityAssuranceName',
      },
    ]);
    expect(qa.level).toBe('Q1');
    expect(qa.evidence).toEqual(['Claimed in the badge: NVAO accredited.']);
  });
});
