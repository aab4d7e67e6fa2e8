import { describe, expect, it } from 'vitest';
import { classifyLink } from '../../lib/detect/classify-link';
import { platformInfo } from '../../lib/detect/platforms/index';
import { rederiveCandidate } from '../../lib/detect/rederive';
import { unwrapRedirect } from '../../lib/detect/unwrap';

const HEX40 = 'a'.repeat(20) + '0123456789abcdef0123';

describe('platform rules: machine-readable endpoints', () => {
  it.each([
    [
      `https://openbadgefactory.com/v1/assertion/${HEX40}.html`,
      'open-badge-factory',
      `https://openbadgefactory.com/v1/assertion/${HEX40}`,
    ],
    [
      'https://edubadges.nl/public/assertions/abcDEF_12-3',
      'edubadges',
      'https://api.edubadges.nl/public/assertions/abcDEF_12-3',
    ],
    [
      'https://europa.eu/europass/digital-credentials/viewer/#/shareview/0f9e8d7c6b5a4f3e',
      'europass',
      'https://europa.eu/europass/digital-credentials/viewer/api/v1/sharelinks/0f9e8d7c6b5a4f3e/presentation',
    ],
    [
      'https://verifierplus.org/credentials/abc123XYZ',
      'verifier-plus',
      'https://verifierplus.org/api/credentials/abc123XYZ',
    ],
    [
      'https://verifierplus.org/#verify?vc=https%3A%2F%2Fissuer.example%2Fvc%2F1.json',
      'verifier-plus',
      'https://issuer.example/vc/1.json',
    ],
  ])('%s → %s endpoint', (href, platform, url) => {
    const c = classifyLink(href);
    expect(c).toMatchObject({ kind: 'link', platform, url });
    expect(c?.noVerifiableForm).toBeUndefined();
    if (c) expect(rederiveCandidate(c)).toEqual(c);
  });

  it('refuses a VerifierPlus vc= target that is not http(s)', () => {
    expect(classifyLink('https://verifierplus.org/#verify?vc=javascript%3Aalert(1)')).toBeNull();
  });

  it('needs the Europass share hash (the viewer home is not a credential)', () => {
    expect(classifyLink('https://europa.eu/europass/digital-credentials/viewer/#/home')).toBeNull();
  });
});

describe('platform rules: found, not verifiable', () => {
  it.each([
    ['https://www.credential.net/10293847', 'accredible'],
    ['https://google.accredible.com/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01', 'accredible'],
    ['https://www.coursera.org/account/accomplishments/verify/ABCD1234EFGH', 'coursera'],
    ['https://www.coursera.org/account/accomplishments/specialization/XYZ12345', 'coursera'],
    ['https://courses.edx.org/certificates/0123456789abcdef0123456789abcdef', 'edx'],
    ['https://learn.microsoft.com/en-us/users/janedoe-1234/credentials/ABCDEF123456', 'microsoft-learn'],
    ['https://cp.certmetrics.com/amazon/en/public/verify/credential/ABC123DEF4', 'certmetrics'],
    ['https://www.linkedin.com/learning/certificates/0123456789abcdef0123', 'linkedin-learning'],
  ])('%s → %s without a verifiable form', (href, platform) => {
    const c = classifyLink(href);
    expect(c).toMatchObject({ kind: 'link', platform, noVerifiableForm: true, url: href });
    if (c) expect(rederiveCandidate(c)).toEqual(c);
  });

  it('a page cannot mark a verifiable platform link as "not verifiable"', () => {
    const c = classifyLink('https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01');
    expect(c).not.toBeNull();
    if (c) expect(rederiveCandidate({ ...c, noVerifiableForm: true, url: c.pageUrl })).toBeNull();
  });

  it('names each platform for people', () => {
    expect(platformInfo('coursera').name).toBe('Coursera');
    expect(platformInfo('open-badge-factory').name).toBe('Open Badge Factory');
    expect(platformInfo('json-ld').name).toMatch(/JSON-LD/);
    expect(platformInfo('nope').name).toBe('nope');
  });
});

describe('redirect wrappers', () => {
  const inner = 'https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01/public_url';
  it('looks through LinkedIn /redir/redirect and keeps the page href', () => {
    const href = `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(inner)}&urlhash=x`;
    expect(unwrapRedirect(href)).toBe(inner);
    const c = classifyLink(href);
    expect(c).toMatchObject({ platform: 'credly', pageUrl: href });
    if (c) expect(rederiveCandidate(c)).toEqual(c);
  });
  it('leaves other URLs and non-http targets alone', () => {
    expect(unwrapRedirect('https://www.linkedin.com/redir/redirect?url=javascript%3Ax')).toContain('redir');
    expect(unwrapRedirect('not a url')).toBe('not a url');
  });
});

describe('credential files linked from CVs', () => {
  it('accepts .jws / .jwt / .vc.json links', () => {
    // Their kind is known once they are fetched: "credential link".
    expect(classifyLink('https://cv.example/files/diploma.jws')?.platform).toBe('credential-link');
    expect(classifyLink('https://cv.example/files/diploma.vc.json')?.platform).toBe('credential-link');
    expect(classifyLink('https://cv.example/files/cv.pdf')).toBeNull();
  });
});
