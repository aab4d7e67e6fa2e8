import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntities, scanHtml } from '../../lib/scan/scan-html';
import { scanQrPayload } from '../../lib/scan/scan-qr';
import { trimUrl, urlsInText } from '../../lib/detect/signals';
import { sniffFile } from '../../lib/scan/scan-file';

const GEN = join(import.meta.dirname, '../fixture-web/generated');
const expected = JSON.parse(readFileSync(join(GEN, 'detect-expected.json'), 'utf8')) as {
  job: { url: string; candidates: Record<string, { platform: string }> };
  cv: {
    url: string;
    candidates: Record<string, { platform: string }>;
    textOnly: Record<string, { platform: string }>;
  };
};

describe('scanHtml over the fixture pages', () => {
  it('job application: links, a baked badge image, JSON-LD and a JWS; not the logo or schema.org', () => {
    const r = scanHtml(readFileSync(join(GEN, 'pages/job-application.html'), 'utf8'), expected.job.url);
    expect(r.candidates.map((c) => c.platform).sort()).toEqual(
      Object.values(expected.job.candidates)
        .map((c) => c.platform)
        .sort(),
    );
    expect(r.candidates.some((c) => c.url.includes('logo'))).toBe(false);
    expect(r.candidates.find((c) => c.platform === 'credly')?.label).toBe(
      'Data Analysis Foundations (Credly)',
    );
  });
  it('Europass CV: fragment share link, not-verifiable platforms, and a URL written in text', () => {
    const r = scanHtml(readFileSync(join(GEN, 'pages/europass-cv.html'), 'utf8'), expected.cv.url);
    const urls = r.candidates.map((c) => c.url).sort();
    expect(urls).toEqual(
      [...Object.keys(expected.cv.candidates), ...Object.keys(expected.cv.textOnly)].sort(),
    );
  });
  it('resolves relative links against <base>, decodes entities, and ignores hostile schemes', () => {
    const html = `<base href="https://www.credly.com/"><a href="badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01?a=1&amp;b=2">x</a>
      <a href="javascript:alert(1)">y</a><img src="data:image/png;base64,AAAA" alt="badge">`;
    const r = scanHtml(html, 'https://cv.example/');
    expect(r.candidates).toHaveLength(1);
    expect(r.candidates[0]?.pageUrl).toBe(
      'https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01?a=1&b=2',
    );
    expect(decodeEntities('&lt;&#x41;&#66;&bogus;&#0;')).toBe('<AB&bogus;');
  });
  it('is bounded on huge or malformed pages', () => {
    const r = scanHtml('<a href="'.repeat(100_000) + '<<<' + '<script>'.repeat(1000), 'https://x.example/');
    expect(r.candidates).toEqual([]);
    const many = Array.from(
      { length: 400 },
      (_, i) => `<a href="https://x.example/badges/${i}.json">b</a>`,
    ).join('');
    const big = scanHtml(many, 'https://x.example/');
    expect(big.candidates.length).toBe(200);
    expect(big.notes.join(' ')).toMatch(/Stopped after 200/);
  });
});

describe('text and QR payloads', () => {
  it('trims sentence punctuation, keeps balanced brackets', () => {
    expect(trimUrl('https://a.example/x.')).toBe('https://a.example/x');
    expect(trimUrl('https://a.example/wiki/A_(b))')).toBe('https://a.example/wiki/A_(b)');
    expect(
      urlsInText('see (https://a.example/1), and https://a.example/2; again https://a.example/1'),
    ).toEqual(['https://a.example/1', 'https://a.example/2']);
  });
  it('classifies QR payloads: platform URL, unknown URL (not fetched), JSON credential', () => {
    const ctx = { pageUrl: 'cv.pdf', where: 'QR' };
    expect(
      scanQrPayload('https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01', ctx)?.platform,
    ).toBe('credly');
    expect(scanQrPayload('https://shop.example/', ctx)).toBeNull();
    expect(scanQrPayload('WIFI:S:x;;', ctx)).toBeNull();
    const vc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      credentialSubject: {},
    };
    expect(scanQrPayload(JSON.stringify(vc), ctx)?.kind).toBe('embedded');
  });
  it('sniffs PDFs, HTML pages and everything else', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniffFile(enc('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFile(enc('  <!DOCTYPE html><html>'))).toBe('html');
    expect(sniffFile(enc('{"a":1}'), 'x.json')).toBe('credential');
    expect(sniffFile(enc('x'), 'cv.html')).toBe('html');
  });
});

describe('scanHtml: "Show credential" to a platform no rule knows', () => {
  it('is found (not verifiable) only in a credentials section and only as the credential button', () => {
    const html = `<section><h2>About</h2><a href="https://velocert.example/c/1">Show credential</a></section>
<section><h2>Licenses &amp; certifications</h2><ul>
<li><h3>Certified Welding Inspector</h3><a href="https://velocert.example/c/2">Show credential</a></li>
<li><h3>Issuer</h3><a href="https://velocert.example/">Velocert-like Institute</a></li></ul></section>`;
    const r = scanHtml(html, 'https://profile.example/');
    expect(r.candidates.map((c) => [c.url, c.platform, c.noVerifiableForm, c.label])).toEqual([
      ['https://velocert.example/c/2', 'unlisted-platform', true, 'Certified Welding Inspector'],
    ]);
  });
});
