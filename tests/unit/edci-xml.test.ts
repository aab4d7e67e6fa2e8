/**
 * EDCI XML (ELM v2) with an enveloped XAdES seal: the real sample from the European Learning Model
 * repository, read in place; the trusted lists of the vectors (LOTL + ES) compiled once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { credentialXmlRoot } from '../../lib/acquire/xml';
import type { VerifyEnv } from '../../lib/model/env';
import type { VerificationReport } from '../../lib/model/report';
import { createEuTrustSource } from '../../lib/trust/eu/source';
import type { EuTrustIndex } from '../../lib/trust/eu/types';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { compileVectors, vector } from './edc-helpers';

const SAMPLE = [
  'ec-european-learning-model/Credentials/XML Examples (ELM v2)',
  'EDC_DiplomaSupplement_AA.xml',
] as const;
const TODAY = new Date('2026-11-23T00:00:00Z');
/** Inside the sealing certificate's validity (2021-05-05..2023-05-05), after the seal (2022-08-09). */
const SEALING_TIME = new Date('2022-09-01T00:00:00Z');

let index: EuTrustIndex;
let sample: string;
beforeAll(async () => {
  sample = vector(...SAMPLE); // fails loudly when the vectors are missing
  index = await compileVectors(['ES']);
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
    { kind: 'bytes', bytes: new TextEncoder().encode(text), name: 'edc.xml' },
    env(now, withLists),
  );
}

const byId = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id);

describe('EDCI XML recognition', () => {
  it('recognises EDCI roots by name and namespace only', () => {
    expect(credentialXmlRoot(sample)).toBe('vp:verifiablePresentation {http://data.europa.eu/snb/vp}');
    expect(credentialXmlRoot('<europassCredential xmlns="http://data.europa.eu/snb"/>')).toContain(
      'europassCredential',
    );
    expect(credentialXmlRoot('<vp:verifiablePresentation xmlns:vp="urn:other"/>')).toBeUndefined();
    expect(credentialXmlRoot('<constructor xmlns="http://data.europa.eu/snb"/>')).toBeUndefined();
    expect(credentialXmlRoot('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBeUndefined();
  });

  it('scans a hostile prolog in bounded time', () => {
    const started = Date.now();
    for (const head of [
      '<!DOCTYPE x ' + '[a]'.repeat(20_000) + '[',
      '<?x ' + ' '.repeat(60_000),
      '<!--' + '-'.repeat(60_000),
    ])
      expect(credentialXmlRoot(head)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('EDCI XML sample (ELM v2, XAdES)', () => {
  it('today: the seal verifies; the expired test certificate without a trusted time-stamp is not trusted', async () => {
    const r = await run(sample);
    expect(r.format.id).toBe('edci-xml');
    expect(r.format.container).toBe('xml');
    expect(byId(r, 'format.recognized')?.code).toBe('OK_EDCI_XML');
    expect(byId(r, 'proof.signature')).toMatchObject({ status: 'passed', code: 'OK_EDC_SIGNATURE' });
    expect(byId(r, 'proof.certificate')?.code).toBe('OK_EDC_CERT_BINDING');
    // The ANF test TSA is on no trusted list: intact tokens, not relied on.
    expect(byId(r, 'proof.timestamp')?.code).toBe('WARN_EDC_TIMESTAMP_UNTRUSTED');
    expect(byId(r, 'proof.timestamp')?.detail).toContain('SignatureTimeStamp');
    expect(byId(r, 'issuer.identity')?.code).toBe('WARN_EDC_CERT_EXPIRED_NO_POE');
    expect(byId(r, 'issuer.identity')?.message).toContain('9 August 2022');
    expect(r.verdict).toBe('verified-untrusted');
    expect(r.authenticity.level).toBe('A1');
  });

  it('judged inside the certificate validity, the chain reaches ANF on the ES list', async () => {
    const r = await run(sample, SEALING_TIME);
    expect(byId(r, 'proof.signature')?.status).toBe('passed');
    expect(byId(r, 'issuer.identity')).toMatchObject({ status: 'passed', code: 'OK_EDC_CHAIN' });
    expect(byId(r, 'issuer.identity')?.detail).toContain('ANF');
    // Same decision as the JAdES ANF samples: qualified seal certificate, no QSCD → advanced seal.
    expect(byId(r, 'issuer.qualification')?.code).toBe('OK_EDC_ADVANCED_SEAL');
    expect(r.authenticity.level).toBe('A3');
    expect(r.authenticity.evidence.join(' ')).toContain('ES trusted list');
    expect(byId(r, 'issuer.trust')).toMatchObject({ status: 'passed', code: 'OK_TRUST_LISTED' });
    expect(r.trust[0]).toMatchObject({ sourceId: 'eu-tl:ES', list: 'allow' });
    // The embedded OCSP answer (delegated responder, its certificate valid when the answer was
    // produced) says "good" on 9 August 2022; judged three weeks later it does not cover the
    // decision time, so the certificate's own OCSP responder and CRL are asked (offline here).
    const revocation = byId(r, 'status.revocation');
    expect(revocation).toMatchObject({ status: 'warning', code: 'WARN_EDC_REVOCATION_UNCONFIRMED' });
    expect(revocation?.message).toBe(
      "CredLens could not confirm now that the sealing certificate has not been revoked: the answer the seal carries dates from 9 August 2022, and the certificate authority's revocation service could not be reached.",
    );
    expect(r.contacted).toEqual([
      { url: 'http://ocsp.anf.es/spain/AV', purpose: 'certificate status (OCSP)', error: 'ERR_NET_UNREACHABLE' },
      {
        url: 'https://www.anf.es/crl/ANF_Assured_ID_CA1_SHA256.crl',
        purpose: 'certificate revocation list',
        error: 'ERR_NET_UNREACHABLE',
      },
    ]);
    // Unconfirmed revocation is a caveat, not "no trust list names the issuer": the EU-listed
    // sealer stays verified (before, the stale answer pulled the verdict to verified-untrusted).
    expect(revocation?.impact).toBeUndefined();
    expect(r.verdict).toBe('verified');
  });

  it('without trusted lists the path ends at the carried ANF root, which no list confirms', async () => {
    const r = await run(sample, SEALING_TIME, false);
    expect(byId(r, 'proof.signature')?.status).toBe('passed');
    // CertificateValues carry the self-signed ANF Global Root CA, so the path is complete but unlisted.
    expect(byId(r, 'issuer.identity')?.detail).toContain('Ends: self-signed');
    expect(byId(r, 'issuer.qualification')?.code).toBe('WARN_EDC_NOT_LISTED');
    expect(r.authenticity.level).toBe('A2');
    expect(r.trust).toEqual([]);
    expect(r.verdict).toBe('verified-untrusted');
  });

  it('extracts the standard elements with their XPath-like sources', async () => {
    const r = await run(sample);
    const el = (k: string) => r.elements.find((e) => e.key === k);
    expect(el('learner')?.values?.[0]).toContain('Ana Andromeda');
    expect(el('learner')?.source).toContain(
      '/vp:verifiablePresentation/europassCredential/credentialSubject',
    );
    expect(el('title')?.values).toContain(
      'Graduate University Study of Civil Engineering - Diploma Supplement',
    );
    expect(el('title')?.values).toContain('Master of Science in Civil Engineering');
    expect(el('awardingBody')?.status).toBe('present');
    expect(el('country')?.status).toBe('present');
    expect(el('issuedOn')?.values).toContain('2022-08-09T15:53:56+02:00');
    expect(el('workload')?.values).toContain('120 ECTS credits');
    expect(el('learningOutcomes')?.status).toBe('present');
    expect(el('learningOutcomes')?.source).toContain('learningOutcome');
    expect(el('grade')?.values).toContain('5 - excellent');
    // The diploma's own specification states no EQF level (only its courses do): reported missing.
    expect(el('level')?.status).toBe('missing');
    expect(el('qualityAssurance')?.values?.[0]).toContain('Institutional audit');
    expect(el('participation')?.values).toContain('Presential');
    expect(el('supervision')?.values).toContain('Supervised with ID Verification');
    expect(r.credential.title).toBe('Graduate University Study of Civil Engineering - Diploma Supplement');
    expect(byId(r, 'validity.window')?.code).toBe('OK_EDC_VALIDITY');
  });
});

describe('tampered and hostile EDCI XML', () => {
  it('one element text changed → invalid, digest check failed', async () => {
    const changed = sample.replace('<grade>5 - excellent</grade>', '<grade>4 - very good</grade>');
    expect(changed).not.toBe(sample);
    const r = await run(changed);
    expect(byId(r, 'proof.signature')).toMatchObject({ status: 'failed', code: 'ERR_EDC_SIGNATURE' });
    expect(byId(r, 'proof.signature')?.detail).toMatch(/digest/i);
    expect(byId(r, 'issuer.identity')?.status).toBe('skipped');
    expect(r.verdict).toBe('invalid');
  });

  it('signed property changed (SigningTime) → invalid', async () => {
    const changed = sample.replace(
      '2022-08-09T13:53:56Z</xades:SigningTime>',
      '2022-08-10T13:53:56Z</xades:SigningTime>',
    );
    expect(changed).not.toBe(sample);
    const r = await run(changed);
    expect(byId(r, 'proof.signature')?.status).toBe('failed');
    expect(r.verdict).toBe('invalid');
  });

  it('signature value changed → invalid', async () => {
    const changed = sample.replace(
      /(<ds:SignatureValue[^>]*>)(.)/,
      (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'),
    );
    const r = await run(changed);
    expect(byId(r, 'proof.signature')?.status).toBe('failed');
    expect(r.verdict).toBe('invalid');
  });

  it('an unsupported reference transform is unverifiable with the reason', async () => {
    const changed = sample.replace(
      'Filter="subtract">/descendant::ds:Signature<',
      'Filter="intersect">/descendant::ds:Signature<',
    );
    const r = await run(changed);
    expect(byId(r, 'proof.signature')?.code).toBe('ERR_EDCI_XADES_UNSUPPORTED');
    expect(byId(r, 'proof.signature')?.detail).toContain('XPath Filter 2.0');
    expect(r.verdict).toBe('unverifiable');
  });

  it('a signature moved inside the credential content (unsigned area) is refused', async () => {
    const proof = /<vp:proof>([\s\S]*)<\/vp:proof>/.exec(sample)?.[1] ?? '';
    expect(proof).toContain('ds:Signature');
    const moved = sample
      .replace(/<vp:proof>[\s\S]*<\/vp:proof>/, '')
      .replace('</europassCredential>', `${proof}</europassCredential>`);
    const r = await run(moved);
    expect(byId(r, 'proof.signature')?.code).toBe('ERR_EDCI_XADES_UNSUPPORTED');
    expect(r.verdict).toBe('unverifiable');
  });

  it('without its signature the credential is recognised and unverifiable', async () => {
    const unsigned = sample.replace(/<vp:proof>[\s\S]*<\/vp:proof>/, '');
    const r = await run(unsigned);
    expect(r.format.id).toBe('edci-xml');
    expect(byId(r, 'proof.signature')?.code).toBe('ERR_EDCI_UNSIGNED');
    expect(r.verdict).toBe('unverifiable');
    expect(r.elements.find((e) => e.key === 'title')?.status).toBe('present');
  });

  it('malformed XML → clear verdict', async () => {
    const r = await run(sample.slice(0, 5000));
    expect(r.format.id).toBe('edci-xml');
    expect(byId(r, 'format.recognized')?.code).toBe('ERR_EDCI_XML_MALFORMED');
    expect(r.verdict).toBe('unverifiable');
  });

  it('XML with a DOCTYPE is refused', async () => {
    const evil = sample.replace(
      '<vp:verifiablePresentation',
      '<!DOCTYPE vp:verifiablePresentation [<!ENTITY x "y">]><vp:verifiablePresentation',
    );
    const r = await run(evil);
    expect(byId(r, 'format.recognized')?.code).toBe('ERR_EDCI_XML_DOCTYPE');
    expect(r.verdict).toBe('unverifiable');
  });

  it('other XML is not a credential', async () => {
    const r = await run('<?xml version="1.0"?><note><to>x</to></note>');
    expect(byId(r, 'format.recognized')?.code).toBe('ERR_FORMAT_UNRECOGNIZED');
    expect(r.verdict).toBe('unverifiable');
  });
});
