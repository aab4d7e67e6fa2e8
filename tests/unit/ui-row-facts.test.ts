/**
 * What the popup rows and the scanned-file list show: real reports of an EDC and an OB 3.0
 * vector (verified offline here) give title, issuer and date like OB 2.0 rows; platform
 * names come from the platform rules; where-found labels and the CV-or-credential decision.
 */
import { describe, expect, it } from 'vitest';
import {
  attachmentName,
  hostOf,
  isCvFile,
  notVerifiableText,
  platformName,
  rowFacts,
  verifyInputOf,
  whereLabel,
  pdfTabUrl,
} from '../../components/row-facts';
import { classifyLink } from '../../lib/detect/classify-link';
import type { Candidate } from '../../lib/detect/candidate';
import type { VerifyEnv } from '../../lib/model/env';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import en from '../../public/_locales/en/messages.json';
import de from '../../public/_locales/de/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import es from '../../public/_locales/es/messages.json';
import { readVector } from '../support/vectors';

const offline: VerifyEnv = {
  fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }),
  now: () => new Date('2026-11-23T00:00:00Z'),
  trust: createTrustStore([]),
};
const embedded = (where: string): Candidate => ({
  kind: 'embedded',
  url: 'https://jobs.example.net/files/cv.pdf#sha256-abc',
  pageUrl: 'https://jobs.example.net/files/cv.pdf',
  platform: 'json-ld',
  where,
  content: '{}',
});

describe('rowFacts on real reports', () => {
  it('EDC (JAdES): title, issuer and date of issue', async () => {
    const file = 'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)/Sample-CertOfPart-signed.jsonld';
    const report = await verifyCredential({ kind: 'bytes', bytes: readVector(file), name: 'edc.jsonld' }, offline);
    const facts = rowFacts(embedded('attachment edc.jsonld'), {}, report);
    expect(facts.title).not.toBe(platformName(embedded('x')));
    expect(facts.title.length).toBeGreaterThan(3);
    expect(facts.issuer).toBeTruthy();
    expect(Number.isNaN(Date.parse(facts.issuedOn ?? ''))).toBe(false);
  });

  it('OB 3.0: title, issuer and date of issue', async () => {
    const text = new TextDecoder().decode(readVector('1edtech-dc-public-validator/ob30/simple-did-web-method.json'));
    const report = await verifyCredential({ kind: 'text', text, name: 'ob3.json' }, offline);
    const facts = rowFacts(embedded('JSON-LD script'), {}, report);
    expect(facts.title).not.toBe(platformName(embedded('x')));
    expect(facts.issuer).toBeTruthy();
    expect(Number.isNaN(Date.parse(facts.issuedOn ?? ''))).toBe(false);
  });

  it('prefers what the background listed, then falls back to the candidate', () => {
    const link = classifyLink('https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01', { label: 'Data' });
    expect(link).not.toBeNull();
    if (link === null) return;
    expect(rowFacts(link, { title: 'T', issuer: 'I' })).toEqual({ title: 'T', issuer: 'I' });
    expect(rowFacts(link, {}).title).toBe('Data');
    const { label: _l, ...unlabelled } = link;
    expect(rowFacts(unlabelled, {}).title).toBe(link.pageUrl);
  });
});

describe('labels', () => {
  it('platform names come from the rules; hosts only for links and images', () => {
    const obf = classifyLink('https://openbadgefactory.com/v1/assertion/4e7d1c2b3a5f6e8d9c0b1a2f3e4d5c6b7a8f9e0d');
    const coursera = classifyLink('https://www.coursera.org/account/accomplishments/verify/FX7K2M9Q4TZL');
    expect(obf && platformName(obf)).toBe('Open Badge Factory');
    expect(coursera && platformName(coursera)).toBe('Coursera');
    expect(coursera && hostOf(coursera)).toBe('www.coursera.org');
    expect(hostOf(embedded('x'))).toBeUndefined();
    expect(coursera && notVerifiableText(coursera)).toBe(
      'Found, not verifiable: Coursera publishes no verifiable form',
    );
    expect(obf && notVerifiableText(obf)).toBeUndefined();
  });

  it('where-found labels for the scanners’ places', () => {
    expect(whereLabel('PDF page 2, QR code')).toBe('page 2, QR code');
    expect(whereLabel('PDF page 1, link')).toBe('page 1, link');
    expect(whereLabel('PDF page 1, text')).toBe('page 1, text');
    expect(whereLabel('attachment edc-diploma.jsonld')).toBe('attached file edc-diploma.jsonld');
    expect(whereLabel('JSON-LD script')).toBe('embedded data (JSON-LD)');
    expect(whereLabel('somewhere new')).toBe('somewhere new');
    expect(whereLabel(undefined)).toBeUndefined();
    expect(attachmentName(embedded('attachment cv.json'))).toBe('cv.json');
  });

  it('every new UI string is translated in de, fr and es', () => {
    const keys = Object.keys(en).filter((k) => /^(found|scan|drop)_/.test(k));
    expect(keys.length).toBeGreaterThan(20);
    for (const [lang, file] of [['de', de], ['fr', fr], ['es', es]] as const) {
      for (const k of keys) {
        const msg = (file as Record<string, { message: string } | undefined>)[k]?.message;
        expect(msg, `${lang} ${k}`).toBeTruthy();
        // Placeholders survive translation.
        expect(msg?.match(/\$\d/g) ?? [], `${lang} ${k}`).toEqual(en[k as keyof typeof en].message.match(/\$\d/g) ?? []);
      }
    }
  });
});

describe('what the report page does with a file', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('scans PDFs and HTML pages, verifies credentials', () => {
    expect(isCvFile('cv.pdf', '', bytes('x'))).toBe(true);
    expect(isCvFile('blob', 'application/pdf', bytes('x'))).toBe(true);
    expect(isCvFile('blob', '', bytes('%PDF-1.7\n'))).toBe(true);
    expect(isCvFile('page', '', bytes('\uFEFF  <!DOCTYPE html><html>'))).toBe(true);
    expect(isCvFile('profile.htm', '', bytes('x'))).toBe(true);
    expect(isCvFile('badge.svg', 'image/svg+xml', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(false);
    expect(isCvFile('diploma.xml', 'text/xml', bytes('<?xml version="1.0"?><europassCredential/>'))).toBe(false);
    expect(isCvFile('a.json', 'application/json', bytes('{"@context":[]}'))).toBe(false);
    expect(isCvFile('a.jws', '', bytes('eyJhbGciOiJFUzI1NiJ9.e30.sig'))).toBe(false);
  });

  it('sends a candidate’s URL or its embedded content to credential/verify', () => {
    const link = classifyLink('https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01');
    expect(link && verifyInputOf(link)).toEqual({ kind: 'url', url: link?.url });
    expect(verifyInputOf(embedded('attachment a.json'))).toEqual({ kind: 'text', text: '{}', name: 'a.json' });
    expect(verifyInputOf({ ...embedded('attachment b.png'), content: 'AAEC', contentEncoding: 'base64' })).toEqual({
      kind: 'bytes',
      base64: 'AAEC',
      name: 'b.png',
    });
    const coursera = classifyLink('https://www.coursera.org/account/accomplishments/verify/FX7K2M9Q4TZL');
    expect(coursera && verifyInputOf(coursera)).toBeNull();
  });
});

describe('pdfTabUrl (the popup offers to scan a PDF open in the browser)', () => {
  it.each([
    ['https://jobs.example.net/files/jane-doe-cv.pdf', 'https://jobs.example.net/files/jane-doe-cv.pdf'],
    ['https://x.example/CV.PDF?download=1#page=2', 'https://x.example/CV.PDF?download=1#page=2'],
    ['https://x.example/cv.pdf.html', undefined],
    ['file:///home/me/cv.pdf', undefined],
    ['chrome://newtab/', undefined],
    [undefined, undefined],
  ])('%s → %s', (url, want) => expect(pdfTabUrl(url)).toBe(want));
});
