import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, readPngText } from '../../lib/acquire/png';
import { readVector } from '../support/vectors';

const KEYWORDS = ['openbadges', 'openbadgecredential'];
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** One PNG chunk with a correct CRC. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Inserts chunks right before IEND (the last 12 bytes of a well-formed PNG). */
function withChunks(png: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  return concat(png.subarray(0, png.length - 12), ...chunks, png.subarray(png.length - 12));
}

function iTXt(
  keyword: string,
  text: string,
  opts: { compress?: boolean; lang?: string; translated?: string } = {},
): Uint8Array {
  const body = opts.compress ? new Uint8Array(deflateSync(utf8(text))) : utf8(text);
  return chunk(
    'iTXt',
    concat(
      latin1(keyword),
      new Uint8Array([0, opts.compress ? 1 : 0, 0]),
      latin1(opts.lang ?? ''),
      new Uint8Array([0]),
      utf8(opts.translated ?? ''),
      new Uint8Array([0]),
      body,
    ),
  );
}

const unbaked = readVector('mozilla-openbadges-bakery/unbaked.png');

describe('readPngText on real baked badges', () => {
  it('OB 2.0 iTXt openbadges JSON (1EdTech validator simple-badge.png)', async () => {
    const result = await readPngText(
      readVector('1edtech-dc-public-validator/ob20/simple-badge.png'),
      KEYWORDS,
    );
    expect(result).toMatchObject({ ok: true, keyword: 'openbadges', chunkType: 'iTXt', compressed: false });
    if (result.ok) expect(JSON.parse(result.text)['@context']).toBe('https://w3id.org/openbadges/v2');
  });

  it('OB 2.0 iTXt openbadges JSON (validator-core baked_heart.png)', async () => {
    const result = await readPngText(
      readVector('1edtech-openbadges-validator-core/baked_heart.png'),
      KEYWORDS,
    );
    expect(result).toMatchObject({ ok: true, keyword: 'openbadges', chunkType: 'iTXt' });
    if (result.ok) expect(JSON.parse(result.text).type).toBe('Assertion');
  });

  it('OB 1.x tEXt openbadges URL (backpack valid-baked.png)', async () => {
    const result = await readPngText(readVector('mozilla-openbadges-backpack/valid-baked.png'), KEYWORDS);
    expect(result).toEqual({
      ok: true,
      keyword: 'openbadges',
      chunkType: 'tEXt',
      compressed: false,
      text: 'https://example.org/assertion',
    });
  });

  it('OB 3.0 iTXt openbadgecredential JSON and JWT', async () => {
    const json = await readPngText(readVector('1edtech-dc-public-validator/ob30/simple-json.png'), KEYWORDS);
    expect(json).toMatchObject({ ok: true, keyword: 'openbadgecredential', chunkType: 'iTXt' });
    if (json.ok) expect(JSON.parse(json.text).type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const jwt = await readPngText(readVector('1edtech-dc-public-validator/ob30/simple-jwt.png'), KEYWORDS);
    expect(jwt).toMatchObject({ ok: true, keyword: 'openbadgecredential', chunkType: 'iTXt' });
    if (jwt.ok) expect(jwt.text.split('.')).toHaveLength(3);
  });

  it('a PNG without a badge chunk', async () => {
    const result = await readPngText(unbaked, KEYWORDS);
    expect(result).toMatchObject({ ok: false, code: 'ERR_PNG_NO_BADGE' });
  });
});

describe('readPngText on damaged and crafted PNGs', () => {
  const baked = readVector('1edtech-dc-public-validator/ob20/simple-badge.png');

  it('rejects non-PNG bytes', async () => {
    expect(await readPngText(utf8('{"a":1}'), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_NOT_PNG',
    });
    expect(await readPngText(new Uint8Array(0), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_NOT_PNG',
    });
  });

  it('rejects truncated files (mid-chunk and before IEND)', async () => {
    expect(await readPngText(baked.slice(0, 200), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_TRUNCATED',
    });
    expect(await readPngText(baked.slice(0, baked.length - 12), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_TRUNCATED',
    });
    expect(await readPngText(baked.slice(0, 10), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_TRUNCATED',
    });
  });

  it('rejects a chunk whose CRC does not match (altered badge text)', async () => {
    const altered = baked.slice();
    const at = new TextDecoder('latin1').decode(altered).indexOf('w3id.org');
    expect(at).toBeGreaterThan(0);
    altered[at] = 'W'.charCodeAt(0);
    const result = await readPngText(altered, KEYWORDS);
    expect(result).toMatchObject({ ok: false, code: 'ERR_PNG_BAD_CRC' });
    if (!result.ok) expect(result.detail).toContain('iTXt');
  });

  it('rejects a forged chunk length', async () => {
    const forged = baked.slice();
    new DataView(forged.buffer).setUint32(8, 0xffffffff);
    expect(await readPngText(forged, KEYWORDS)).toMatchObject({ ok: false, code: 'ERR_PNG_CORRUPT' });
  });

  it('reports more than one badge chunk', async () => {
    const twice = withChunks(baked, iTXt('openbadges', '{"id":"https://evil.example/a"}'));
    const result = await readPngText(twice, KEYWORDS);
    expect(result).toMatchObject({
      ok: false,
      code: 'ERR_PNG_MULTIPLE_BADGES',
      detail: 'iTXt openbadges, iTXt openbadges',
    });
  });

  it('reads a compressed iTXt with language tag and translated keyword', async () => {
    const text = '{"name":"Ünïcødé badge ✓"}';
    const png = withChunks(
      unbaked,
      iTXt('openbadgecredential', text, { compress: true, lang: 'de-DE', translated: 'Offene Abzeichen' }),
    );
    expect(await readPngText(png, KEYWORDS)).toEqual({
      ok: true,
      keyword: 'openbadgecredential',
      chunkType: 'iTXt',
      compressed: true,
      text,
    });
  });

  it('reads a zTXt chunk', async () => {
    const data = concat(
      latin1('openbadges'),
      new Uint8Array([0, 0]),
      new Uint8Array(deflateSync(latin1('https://example.org/z'))),
    );
    const png = withChunks(unbaked, chunk('zTXt', data));
    expect(await readPngText(png, KEYWORDS)).toMatchObject({
      ok: true,
      chunkType: 'zTXt',
      compressed: true,
      text: 'https://example.org/z',
    });
  });

  it('caps decompression (zip bomb)', async () => {
    const bomb = new Uint8Array(deflateSync(new Uint8Array(8 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const data = concat(latin1('openbadges'), new Uint8Array([0, 1, 0, 0, 0]), bomb);
    const result = await readPngText(withChunks(unbaked, chunk('iTXt', data)), KEYWORDS);
    expect(result).toMatchObject({ ok: false, code: 'ERR_PNG_TOO_LARGE' });
  });

  it('rejects damaged zlib data and malformed iTXt fields', async () => {
    const badZlib = concat(latin1('openbadges'), new Uint8Array([0, 1, 0, 0, 0]), utf8('not zlib at all'));
    expect(await readPngText(withChunks(unbaked, chunk('iTXt', badZlib)), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_CORRUPT',
    });
    const noTerminators = concat(latin1('openbadges'), new Uint8Array([0, 0, 0]), utf8('en'));
    expect(await readPngText(withChunks(unbaked, chunk('iTXt', noTerminators)), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_CORRUPT',
    });
    const badUtf8 = concat(latin1('openbadges'), new Uint8Array([0, 0, 0, 0, 0, 0xff, 0xfe]));
    expect(await readPngText(withChunks(unbaked, chunk('iTXt', badUtf8)), KEYWORDS)).toMatchObject({
      ok: false,
      code: 'ERR_PNG_CORRUPT',
    });
  });

  it('ignores other keywords and data after IEND', async () => {
    const png = concat(withChunks(unbaked, iTXt('Comment', 'openbadges')), utf8('trailing garbage'));
    expect(await readPngText(png, KEYWORDS)).toMatchObject({ ok: false, code: 'ERR_PNG_NO_BADGE' });
  });
});
