import { describe, expect, it } from 'vitest';
import { classifyLink, classifyUnlistedCredentialLink, UNLISTED_PLATFORM } from '../../lib/detect/classify-link';
import { rederiveCandidate } from '../../lib/detect/rederive';
import { applyLinkRule, hostMatches } from '../../lib/detect/rules';
import { notVerifiableReport } from '../../lib/scan/not-verifiable';

const UUID = '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01';
const CREDLY_API = `https://api.credly.com/v1/obi/v2/badge_assertions/${UUID}`;

describe('classifyLink: Credly', () => {
  it.each([
    `https://www.credly.com/badges/${UUID}`,
    `https://www.credly.com/badges/${UUID}/`,
    `https://www.credly.com/badges/${UUID}/public_url`,
    `https://credly.com/badges/${UUID.toUpperCase()}/public_url`,
    `https://www.credly.com/badges/${UUID}?source=linkedin#top`,
  ])('maps %s to the OB 2.0 hosted assertion endpoint', (href) => {
    const c = classifyLink(href, { label: '  Show   credential ' });
    expect(c).toMatchObject({ kind: 'link', platform: 'credly', url: CREDLY_API, label: 'Show credential' });
    expect(c?.pageUrl).not.toContain('#');
  });

  it.each([
    'https://www.credly.com/users/jane-doe',
    'https://www.credly.com/badges/not-a-uuid',
    `https://www.credly.com/badges/${UUID}/linked_in_profile/extra`,
    `http://www.credly.com/badges/${UUID}`, // not the platform's (https) page
    `https://www.credly.com.evil.example/badges/${UUID}`,
    `https://evilcredly.com/badges/${UUID}`,
  ])('ignores %s', (href) => {
    expect(classifyLink(href)).toBeNull();
  });
});

describe('classifyLink: Canvas Credentials (Badgr)', () => {
  it.each([
    'https://badgr.com/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ',
    'https://asu.badgr.com/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ',
    'https://badgr.com/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ?identity__email=a%40b.c',
    'https://api.badgr.io/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ.json',
  ])('maps %s to api.badgr.io ?v=2_0', (href) => {
    expect(classifyLink(href)).toMatchObject({
      platform: 'badgr',
      url: 'https://api.badgr.io/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ?v=2_0',
    });
  });

  it('ignores other Badgr pages and look-alike hosts', () => {
    expect(classifyLink('https://badgr.com/public/badges/FxTr9cAsQpK2wLm4NvB7zQ')).toBeNull();
    expect(classifyLink('https://notbadgr.com/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ')).toBeNull();
  });
});

describe('classifyLink: generic hosted assertions', () => {
  it('accepts .json URLs under assertion/badge paths as themselves', () => {
    const href = 'https://badges.example.org/assertions/42.json';
    expect(classifyLink(href)).toMatchObject({ platform: 'ob-hosted', url: href, pageUrl: href });
    expect(classifyLink('https://example.org/badge/7.jsonld')?.platform).toBe('ob-hosted');
  });

  it('ignores ordinary JSON and pages, unless the page marks the link explicitly', () => {
    expect(classifyLink('https://example.org/api/data.json')).toBeNull();
    expect(classifyLink('https://example.org/assertions/42')).toBeNull();
    expect(classifyLink('https://example.org/my-credential', { explicit: true })?.platform).toBe('ob-hosted');
  });
});

describe('classifyLink: hostile input', () => {
  it.each([
    'javascript:alert(1)',
    'data:application/json,{}',
    'file:///etc/passwd',
    'chrome-extension://abc/report.html',
    'https://user:pass@www.credly.com/badges/' + UUID,
    'not a url',
    '',
    `https://www.credly.com/badges/${UUID}?${'x'.repeat(3000)}`,
  ])('rejects %s', (href) => {
    expect(classifyLink(href, { explicit: true })).toBeNull();
  });

  it('bounds the label', () => {
    const c = classifyLink(`https://www.credly.com/badges/${UUID}`, { label: 'a'.repeat(1000) });
    expect(c?.label?.length).toBeLessThanOrEqual(200);
  });
});

describe('rules engine', () => {
  it('matches wildcard hosts on subdomains only', () => {
    expect(hostMatches('asu.badgr.com', ['*.badgr.com'])).toBe(true);
    expect(hostMatches('badgr.com', ['*.badgr.com'])).toBe(false);
    expect(hostMatches('xbadgr.com', ['*.badgr.com'])).toBe(false);
  });

  it('URL-encodes the captured id into the template', () => {
    const rule = {
      platform: 't',
      hosts: ['a.example'],
      path: /^\/c\/(?<id>.+)$/,
      endpoint: 'https://api.example/{id}',
    };
    expect(applyLinkRule(rule, new URL('https://a.example/c/a%2Fb'))).toBe('https://api.example/a%252Fb');
  });
});

describe('rederiveCandidate (background side)', () => {
  it('accepts a candidate the rules produce', () => {
    const c = classifyLink(`https://www.credly.com/badges/${UUID}`);
    expect(c).not.toBeNull();
    if (c) expect(rederiveCandidate(c)).toEqual(c);
  });

  it('refuses a reported target the rules would not produce', () => {
    expect(
      rederiveCandidate({
        kind: 'link',
        platform: 'credly',
        pageUrl: `https://www.credly.com/badges/${UUID}`,
        url: 'https://attacker.example/x',
      }),
    ).toBeNull();
    expect(
      rederiveCandidate({
        kind: 'image',
        platform: 'baked-image',
        pageUrl: 'https://a.example/b.png',
        url: 'https://a.example/other.png',
      }),
    ).toBeNull();
    expect(
      rederiveCandidate({
        kind: 'image',
        platform: 'baked-image',
        pageUrl: 'https://a.example/photo.jpg',
        url: 'https://a.example/photo.jpg',
      }),
    ).toBeNull();
  });
});

describe('links of platforms no rule knows, listed as credentials', () => {
  const VELO = 'https://www.velocert.example/certificates/ABC-123';

  it('is found as "unlisted", never fetched; a link a rule knows is left to classifyLink', () => {
    const c = classifyUnlistedCredentialLink(VELO, { label: 'Welding Inspector', where: 'credentials section' });
    expect(c).toMatchObject({ kind: 'link', url: VELO, pageUrl: VELO, platform: UNLISTED_PLATFORM, noVerifiableForm: true, label: 'Welding Inspector' });
    expect(classifyUnlistedCredentialLink(`https://www.credly.com/badges/${UUID}`)).toBeNull();
    expect(classifyUnlistedCredentialLink('javascript:alert(1)')).toBeNull();
    expect(classifyUnlistedCredentialLink('ftp://files.example/cert')).toBeNull();
  });

  it('looks through LinkedIn redirect wrappers', () => {
    const wrapped = `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(VELO)}`;
    expect(classifyUnlistedCredentialLink(wrapped)).toMatchObject({ url: VELO, pageUrl: wrapped });
  });

  it('is re-derived by the background as the same not-fetched entry, never as something to fetch', () => {
    const c = classifyUnlistedCredentialLink(VELO, { label: 'Welding Inspector' });
    if (c === null) throw new Error('no candidate');
    expect(rederiveCandidate(c)).toMatchObject({ url: VELO, platform: UNLISTED_PLATFORM, noVerifiableForm: true });
    // A page cannot pass a fetchable target off as an unlisted link, nor a known platform's link.
    expect(rederiveCandidate({ ...c, url: 'https://evil.example/steer.json' })).toBeNull();
    const credly = `https://www.credly.com/badges/${UUID}`;
    expect(rederiveCandidate({ ...c, url: credly, pageUrl: credly })).toBeNull();
  });

  it('gets a plain "found, not verifiable" report naming the site, with nothing contacted', () => {
    const c = classifyUnlistedCredentialLink(VELO, { label: 'Welding Inspector' });
    if (c === null) throw new Error('no candidate');
    const r = notVerifiableReport(c, new Date('2026-11-23T00:00:00Z'));
    expect(r.verdict).toBe('unverifiable');
    expect(r.summary).toContain('www.velocert.example is not a credential platform CredLens knows');
    expect(r.checks[0]).toMatchObject({ code: 'ERR_PLATFORM_UNKNOWN', status: 'failed' });
    expect(r.contacted).toEqual([]);
    expect(r.credential.title).toBe('Welding Inspector');
  });
});
