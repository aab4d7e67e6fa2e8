import { describe, expect, it } from 'vitest';
import { mapUrl, parseUrlMap, unmapUrl, type UrlMap } from '../../lib/net/url-map';

function parsed(specs: string[]): UrlMap {
  const result = parseUrlMap(specs);
  if (!result.ok) throw new Error(result.error);
  return result.map;
}

describe('parseUrlMap', () => {
  it('splits at the first "=" that starts a URL and normalises both prefixes', () => {
    const result = parseUrlMap(['https://example.org/a?x=1=http://127.0.0.1:8080/fixtures']);
    expect(result).toEqual({
      ok: true,
      map: { entries: [{ from: 'https://example.org/a?x=1', to: 'http://127.0.0.1:8080/fixtures' }] },
    });
    expect(parsed(['https://Example.org=http://127.0.0.1:9']).entries).toEqual([
      { from: 'https://example.org/', to: 'http://127.0.0.1:9/' },
    ]);
  });

  it.each([
    ['no separator', 'https://example.org/'],
    ['empty left side', '=http://127.0.0.1/'],
    ['relative left side', 'example.org=http://127.0.0.1/'],
    ['non-http right side', 'https://example.org/=file:///tmp/'],
    ['non-http left side', 'ftp://example.org/=http://127.0.0.1/'],
    ['right side not a URL', 'https://example.org/=http://'],
    ['credentials in prefix', 'https://example.org/=http://u:p@127.0.0.1/'],
  ])('rejects a bad spec (%s) with ERR_URLMAP_BAD_SPEC', (_why, spec) => {
    const result = parseUrlMap([spec]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('ERR_URLMAP_BAD_SPEC');
      expect(result.spec).toBe(spec);
      expect(result.error).toContain(spec);
    }
  });

  it('accepts an empty list', () => {
    expect(parseUrlMap([])).toEqual({ ok: true, map: { entries: [] } });
  });
});

describe('mapUrl / unmapUrl', () => {
  const map = parsed([
    'https://example.org/=http://127.0.0.1:8080/',
    'https://example.org/special/=http://127.0.0.1:9090/s/',
    'http://example.org/=http://127.0.0.1:8080/',
  ]);

  it('rewrites by the longest matching prefix', () => {
    expect(mapUrl(map, 'https://example.org/badge.json')).toBe('http://127.0.0.1:8080/badge.json');
    expect(mapUrl(map, 'https://example.org/special/x.json')).toBe('http://127.0.0.1:9090/s/x.json');
    expect(mapUrl(map, 'http://example.org/i')).toBe('http://127.0.0.1:8080/i');
  });

  it('does not match look-alike hosts or unmapped URLs', () => {
    expect(mapUrl(map, 'https://example.org.evil.test/x')).toBeUndefined();
    expect(mapUrl(map, 'https://other.test/x')).toBeUndefined();
    expect(mapUrl(map, 'not a url')).toBeUndefined();
    expect(mapUrl(undefined, 'https://example.org/x')).toBeUndefined();
  });

  it('translates mapped URLs back, ties going to the first rule given', () => {
    expect(unmapUrl(map, 'http://127.0.0.1:8080/a/b?c=d')).toBe('https://example.org/a/b?c=d');
    expect(unmapUrl(map, 'http://127.0.0.1:9090/s/x.json')).toBe('https://example.org/special/x.json');
    expect(unmapUrl(map, 'http://127.0.0.1:7070/x')).toBeUndefined();
  });
});
