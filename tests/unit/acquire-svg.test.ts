import { describe, expect, it } from 'vitest';
import { readSvgBadge } from '../../lib/acquire/svg';
import { readVectorText } from '../support/vectors';

const SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">';

describe('readSvgBadge on real baked badges', () => {
  it('OB 1.x baked.svg: verify URL + CDATA JSON', () => {
    const result = readSvgBadge(readVectorText('mozilla-openbadges-bakery/baked.svg'));
    expect(result).toEqual({
      ok: true,
      element: 'assertion',
      namespace: 'http://openbadges.org',
      verify: 'http://example.org',
      content: '{"verify":{"url":"http://example.org"}}',
    });
  });

  it('bad-json.svg: the element is found; its content is not JSON (judged by acquire)', () => {
    const result = readSvgBadge(readVectorText('mozilla-openbadges-bakery/bad-json.svg'));
    expect(result).toMatchObject({
      ok: true,
      element: 'assertion',
      content: '{verify:{"url":"http://example.org"}}',
    });
  });

  it('no-json.svg: only the verify attribute', () => {
    const result = readSvgBadge(readVectorText('mozilla-openbadges-bakery/no-json.svg'));
    expect(result).toEqual({
      ok: true,
      element: 'assertion',
      namespace: 'http://openbadges.org',
      verify: 'http://example.org',
    });
  });

  it('unbaked.svg: no badge element', () => {
    expect(readSvgBadge(readVectorText('mozilla-openbadges-bakery/unbaked.svg'))).toMatchObject({
      ok: false,
      code: 'ERR_SVG_NO_BADGE',
    });
  });

  it('OB 2.0 spec baking example is not well-formed as published (<rest-of-document...>)', () => {
    const text = readVectorText('1edtech-openbadges-specification/extracted/ob2/baking-spec-example-1.svg');
    const result = readSvgBadge(text);
    expect(result).toMatchObject({ ok: false, code: 'ERR_SVG_MALFORMED' });
    if (!result.ok) expect(result.detail).toContain('rest-of-document');
    const repaired = readSvgBadge(text.replace('<rest-of-document...>', ''));
    expect(repaired).toMatchObject({
      ok: true,
      element: 'assertion',
      verify: 'https://example.org/assertions/123',
    });
    if (repaired.ok) expect(JSON.parse(repaired.content ?? '').id).toBe('https://example.org/assertions/123');
  });

  it('OB 3.0 simple-json.svg (external DOCTYPE is allowed): credential JSON', () => {
    const result = readSvgBadge(readVectorText('1edtech-dc-public-validator/ob30/simple-json.svg'));
    expect(result).toMatchObject({
      ok: true,
      element: 'credential',
      namespace: 'https://purl.imsglobal.org/ob/v3p0',
    });
    if (result.ok) {
      expect(result.verify).toBeUndefined();
      expect(JSON.parse(result.content ?? '').id).toBe('http://example.com/credentials/3527');
    }
  });

  it('OB 3.0 simple-jwt.svg: credential verify = compact JWS', () => {
    const result = readSvgBadge(readVectorText('1edtech-dc-public-validator/ob30/simple-jwt.svg'));
    expect(result).toMatchObject({ ok: true, element: 'credential' });
    if (result.ok) {
      expect(result.verify?.split('.')).toHaveLength(3);
      expect(result.verify?.startsWith('eyJ')).toBe(true);
    }
  });
});

describe('readSvgBadge on hostile and broken SVGs', () => {
  it('refuses an entity bomb before parsing', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${SVG_OPEN}<openbadges:assertion verify="https://example.org/a">&c;</openbadges:assertion></svg>`;
    expect(readSvgBadge(bomb)).toMatchObject({
      ok: false,
      code: 'ERR_SVG_DOCTYPE',
      detail: 'entity declaration',
    });
  });

  it('refuses an external entity (XXE) and any internal subset', () => {
    const xxe = `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${SVG_OPEN}<title>&xxe;</title></svg>`;
    expect(readSvgBadge(xxe)).toMatchObject({ ok: false, code: 'ERR_SVG_DOCTYPE' });
    const subset = `<!DOCTYPE svg [ <!ATTLIST svg a CDATA "b"> ]>${SVG_OPEN}</svg>`;
    expect(readSvgBadge(subset)).toMatchObject({
      ok: false,
      code: 'ERR_SVG_DOCTYPE',
      detail: 'DOCTYPE with an internal subset',
    });
  });

  it('reports malformed XML and undefined entities', () => {
    expect(readSvgBadge(`${SVG_OPEN}<openbadges:assertion verify="x"></svg>`)).toMatchObject({
      ok: false,
      code: 'ERR_SVG_MALFORMED',
    });
    expect(readSvgBadge(`${SVG_OPEN}&undefined;</svg>`)).toMatchObject({
      ok: false,
      code: 'ERR_SVG_MALFORMED',
    });
    expect(readSvgBadge('<svg><ob:assertion/></svg>')).toMatchObject({
      ok: false,
      code: 'ERR_SVG_MALFORMED',
    });
    expect(readSvgBadge('')).toMatchObject({ ok: false, code: 'ERR_SVG_MALFORMED' });
  });

  it('reports XML that is not SVG', () => {
    expect(
      readSvgBadge(
        '<html xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://e.org/a"/></html>',
      ),
    ).toMatchObject({
      ok: false,
      code: 'ERR_SVG_NOT_SVG',
    });
  });

  it('reports more than one badge element', () => {
    const two = `${SVG_OPEN}<openbadges:assertion verify="https://example.org/a"/><g><openbadges:assertion verify="https://evil.example/b"/></g></svg>`;
    expect(readSvgBadge(two)).toMatchObject({ ok: false, code: 'ERR_SVG_MULTIPLE_BADGES' });
  });

  it('reports an empty badge element', () => {
    expect(readSvgBadge(`${SVG_OPEN}<openbadges:assertion>  </openbadges:assertion></svg>`)).toMatchObject({
      ok: false,
      code: 'ERR_SVG_EMPTY_BADGE',
    });
  });

  it('ignores same-named elements in other namespaces', () => {
    const other =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="https://not-openbadges.example"><x:assertion verify="https://e.org/a"/></svg>';
    expect(readSvgBadge(other)).toMatchObject({ ok: false, code: 'ERR_SVG_NO_BADGE' });
  });
});
