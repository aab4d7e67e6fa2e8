import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireInput, isCompactJws, type AcquireResult } from '../../lib/acquire/acquire';
import type { FetchResult } from '../../lib/model/env';
import type { Acquired, RecordingFetch } from '../../lib/model/format';
import { LIMITS } from '../../lib/model/input';
import type { Check } from '../../lib/model/report';
import { createFetcher } from '../../lib/net/fetcher';
import { parseUrlMap } from '../../lib/net/url-map';
import { readVector, readVectorText } from '../support/vectors';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const HOSTED =
  '{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/assertion"}';

/** A fake RecordingFetch answering from a table and recording every call. */
function fakeFetch(
  answers: Record<string, Partial<FetchResult>>,
): RecordingFetch & { calls: [string, string][] } {
  const calls: [string, string][] = [];
  const fn = async (url: string, purpose: string): Promise<FetchResult> => {
    calls.push([url, purpose]);
    const answer = answers[url];
    if (answer === undefined) return { ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'no route' };
    if (answer.ok === false)
      return { url, code: 'ERR_NET_HTTP_STATUS', message: 'HTTP', ...answer } as FetchResult;
    return {
      ok: true,
      url,
      finalUrl: url,
      status: 200,
      contentType: 'application/json',
      bytes: new Uint8Array(0),
      redirects: [],
      ...answer,
    } as FetchResult;
  };
  return Object.assign(fn, { calls });
}

const noNetwork = fakeFetch({});

function acquired(result: AcquireResult): Acquired {
  if (!result.ok) throw new Error(`expected ok, got ${result.check.code}: ${result.check.message}`);
  return result.acquired;
}

function failed(result: AcquireResult): Check {
  if (result.ok) throw new Error(`expected a failure, got container ${result.acquired.container}`);
  expect(result.check.id).toBe('format.recognized');
  return result.check;
}

describe('acquireInput: baked images', () => {
  it('OB 2.0 baked PNG → JSON payload, container png, no network', async () => {
    const a = acquired(
      await acquireInput(
        {
          kind: 'bytes',
          bytes: readVector('1edtech-dc-public-validator/ob20/simple-badge.png'),
          name: 'simple-badge.png',
        },
        noNetwork,
      ),
    );
    expect(a.container).toBe('png');
    expect(a.source).toBe('simple-badge.png');
    expect(a.payload.type).toBe('json');
    expect(a.checks).toEqual([
      {
        id: 'format.container',
        status: 'passed',
        code: 'OK_FORMAT_PNG',
        message: 'Baked PNG badge: openbadges iTXt chunk found.',
      },
    ]);
  });

  it('OB 3.0 baked PNG with a JWT → jws payload', async () => {
    const a = acquired(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('1edtech-dc-public-validator/ob30/simple-jwt.png') },
        noNetwork,
      ),
    );
    expect(a).toMatchObject({ container: 'png', source: '(input)', payload: { type: 'jws' } });
    expect(a.checks[0]?.message).toBe('Baked PNG badge: openbadgecredential iTXt chunk found.');
  });

  it('OB 1.x PNG with a tEXt URL → fetched as the credential, fetchedFrom set', async () => {
    const fetch = fakeFetch({ 'https://example.org/assertion': { bytes: utf8(HOSTED), redirects: [] } });
    const a = acquired(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('mozilla-openbadges-backpack/valid-baked.png') },
        fetch,
      ),
    );
    expect(fetch.calls).toEqual([['https://example.org/assertion', 'credential']]);
    expect(a).toMatchObject({ container: 'png', payload: { type: 'json', text: HOSTED } });
    expect(a.fetchedFrom).toEqual({
      url: 'https://example.org/assertion',
      finalUrl: 'https://example.org/assertion',
      redirects: [],
    });
    expect(a.fetchFailure).toBeUndefined();
  });

  it('a baked URL that answers 404 keeps the failure for the format module', async () => {
    const fetch = fakeFetch({ 'https://example.org/404': { ok: false, status: 404 } });
    const a = acquired(
      await acquireInput({ kind: 'bytes', bytes: readVector('mozilla-openbadges-backpack/404.png') }, fetch),
    );
    expect(a.payload).toEqual({ type: 'url', url: 'https://example.org/404' });
    expect(a.fetchFailure).toMatchObject({ ok: false, status: 404, code: 'ERR_NET_HTTP_STATUS' });
    expect(a.fetchedFrom).toBeUndefined();
  });

  it('unbaked PNG → failed, unverifiable', async () => {
    const check = failed(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('mozilla-openbadges-bakery/unbaked.png') },
        noNetwork,
      ),
    );
    expect(check).toMatchObject({ status: 'failed', code: 'ERR_PNG_NO_BADGE', impact: 'unverifiable' });
  });

  it('PNG with an altered badge chunk → invalid', async () => {
    const bytes = readVector('1edtech-openbadges-validator-core/baked_heart.png').slice();
    bytes[100] = (bytes[100] ?? 0) ^ 0x01;
    expect(failed(await acquireInput({ kind: 'bytes', bytes }, noNetwork))).toMatchObject({
      code: 'ERR_PNG_BAD_CRC',
      impact: 'invalid',
    });
  });

  it('OB 3.0 SVG (JSON and JWT) and OB 1.x SVG', async () => {
    const json = acquired(
      await acquireInput(
        { kind: 'text', text: readVectorText('1edtech-dc-public-validator/ob30/simple-json.svg') },
        noNetwork,
      ),
    );
    expect(json).toMatchObject({ container: 'svg', payload: { type: 'json' } });
    expect(json.checks[0]).toMatchObject({
      status: 'passed',
      code: 'OK_FORMAT_SVG',
      message: 'Baked SVG badge: openbadges:credential element found.',
    });
    const jwt = acquired(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('1edtech-dc-public-validator/ob30/simple-jwt.svg') },
        noNetwork,
      ),
    );
    expect(jwt).toMatchObject({ container: 'svg', payload: { type: 'jws' } });
    const ob1 = acquired(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('mozilla-openbadges-bakery/baked.svg') },
        noNetwork,
      ),
    );
    expect(ob1.payload).toEqual({
      type: 'json',
      value: { verify: { url: 'http://example.org' } },
      text: '{"verify":{"url":"http://example.org"}}',
    });
  });

  it('SVG with broken baked JSON, empty SVG, unbaked SVG', async () => {
    const bad = failed(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('mozilla-openbadges-bakery/bad-json.svg') },
        noNetwork,
      ),
    );
    expect(bad).toMatchObject({ status: 'failed', code: 'ERR_FORMAT_BAD_JSON', impact: 'unverifiable' });
    expect(bad.message).toBe(
      'The badge data in this SVG image does not contain a credential CredLens can read.',
    );
    const unbaked = failed(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('mozilla-openbadges-bakery/unbaked.svg') },
        noNetwork,
      ),
    );
    expect(unbaked.code).toBe('ERR_SVG_NO_BADGE');
  });

  it('SVG whose element only holds a verify URL → fetched, with a warning', async () => {
    const fetch = fakeFetch({});
    const a = acquired(
      await acquireInput(
        { kind: 'bytes', bytes: readVector('mozilla-openbadges-bakery/no-json.svg') },
        fetch,
      ),
    );
    expect(fetch.calls).toEqual([['http://example.org/', 'credential']]);
    expect(a).toMatchObject({
      container: 'svg',
      payload: { type: 'url', url: 'http://example.org/' },
      fetchFailure: { code: 'ERR_NET_UNREACHABLE' },
    });
    expect(a.checks[0]).toMatchObject({ status: 'warning', code: 'WARN_FORMAT_SVG_NO_JSON' });
  });
});

describe('acquireInput: JSON, JWS, URLs and junk', () => {
  it('JSON text with BOM and whitespace → json payload', async () => {
    const a = acquired(await acquireInput({ kind: 'text', text: `\uFEFF \n${HOSTED}\n` }, noNetwork));
    expect(a).toMatchObject({ container: 'json', payload: { type: 'json', text: HOSTED } });
    expect(a.checks[0]).toMatchObject({ code: 'OK_FORMAT_JSON', status: 'passed' });
  });

  it('compact JWS file → jws payload', async () => {
    const token = readVectorText('1edtech-dc-public-validator/ob20/simple.jwt').trim();
    const a = acquired(
      await acquireInput({ kind: 'bytes', bytes: utf8(`${token}\n`), name: 'simple.jwt' }, noNetwork),
    );
    expect(a).toMatchObject({ container: 'jws', payload: { type: 'jws', token } });
  });

  it('isCompactJws needs a JSON header', () => {
    expect(isCompactJws('eyJhbGciOiJIUzI1NiJ9.e30.c2ln')).toBe(true);
    expect(isCompactJws('foo.bar.baz')).toBe(false);
    expect(isCompactJws('eyJhbGciOiJIUzI1NiJ9.e30')).toBe(false);
  });

  it.each([
    ['HTML', '<!doctype html><html><body>hi</body></html>', 'ERR_FORMAT_UNRECOGNIZED'],
    ['plain text', 'hello world', 'ERR_FORMAT_UNRECOGNIZED'],
    ['empty', '   ', 'ERR_FORMAT_UNRECOGNIZED'],
    ['a JSON array', '[1,2]', 'ERR_FORMAT_NOT_OBJECT'],
    ['broken JSON', '{"a":', 'ERR_FORMAT_BAD_JSON'],
    ['a non-http URL', 'ftp://example.org/a', 'ERR_FORMAT_UNRECOGNIZED'],
  ])('%s → failed with %s', async (_what, text, code) => {
    expect(failed(await acquireInput({ kind: 'text', text }, noNetwork))).toMatchObject({
      status: 'failed',
      code,
      impact: 'unverifiable',
    });
  });

  it('binary that is not PNG (PDF) → unrecognised with a reason', async () => {
    const check = failed(
      await acquireInput(
        { kind: 'bytes', bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0xff, 0xfe]) },
        noNetwork,
      ),
    );
    expect(check).toMatchObject({
      code: 'ERR_FORMAT_UNRECOGNIZED',
      detail: 'PDF files are not supported yet',
    });
  });

  it('input over LIMITS.maxInputBytes → rejected before parsing', async () => {
    const big = new Uint8Array(LIMITS.maxInputBytes + 1);
    expect(failed(await acquireInput({ kind: 'bytes', bytes: big }, noNetwork)).code).toBe(
      'ERR_FORMAT_TOO_LARGE',
    );
    expect(
      failed(await acquireInput({ kind: 'text', text: 'é'.repeat(LIMITS.maxInputBytes / 2 + 1) }, noNetwork))
        .code,
    ).toBe('ERR_FORMAT_TOO_LARGE');
  });

  it('url input must be http(s)', async () => {
    expect(failed(await acquireInput({ kind: 'url', url: 'file:///etc/passwd' }, noNetwork)).code).toBe(
      'ERR_FORMAT_BAD_URL',
    );
  });

  it('bare URL text → fetched; JSON with a non-JSON content type → warning', async () => {
    const fetch = fakeFetch({ 'https://example.org/a': { contentType: 'text/plain', bytes: utf8(HOSTED) } });
    const a = acquired(await acquireInput({ kind: 'text', text: ' https://example.org/a ' }, fetch));
    expect(a).toMatchObject({ container: 'url', payload: { type: 'json' } });
    expect(a.checks.map((c) => c.code)).toEqual(['OK_FORMAT_URL', 'WARN_FORMAT_CONTENT_TYPE']);
  });
});

describe('acquireInput + createFetcher against a real loopback server', () => {
  let server: Server;
  let base = '';
  const GONE = '{"id":"https://example.org/gone","revoked":true,"revocationReason":"test"}';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hosted') res.writeHead(200, { 'content-type': 'application/ld+json' }).end(HOSTED);
      else if (req.url === '/gone') res.writeHead(410, { 'content-type': 'application/json' }).end(GONE);
      else if (req.url === '/page')
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<html><body>badge page</body></html>');
      else if (req.url === '/moved') res.writeHead(301, { location: '/hosted' }).end();
      else if (req.url === '/badge.png')
        res.writeHead(200, { 'content-type': 'image/png' }).end(readVector('1edtech-dc-public-validator/ob20/simple-badge.png'));
      else if (req.url === '/url-badge.png')
        res.writeHead(200, { 'content-type': 'image/png' }).end(readVector('mozilla-openbadges-backpack/valid-baked.png'));
      else if (req.url === '/badge.svg')
        res
          .writeHead(200, { 'content-type': 'image/svg+xml' })
          .end(readVector('1edtech-dc-public-validator/ob30/simple-json.svg'));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function recording(): RecordingFetch {
    const map = parseUrlMap([`https://example.org/=${base}/`]);
    if (!map.ok) throw new Error(map.error);
    const safe = createFetcher({ urlMap: map.map });
    return (url, _purpose, req) => safe(url, req);
  }

  it('hosted URL behind a redirect → json payload with fetchedFrom in the original URL space', async () => {
    const a = acquired(await acquireInput({ kind: 'url', url: 'https://example.org/moved' }, recording()));
    expect(a.payload).toMatchObject({ type: 'json', text: HOSTED });
    expect(a.fetchedFrom).toEqual({
      url: 'https://example.org/moved',
      finalUrl: 'https://example.org/hosted',
      redirects: ['https://example.org/hosted'],
    });
    expect(a.checks).toEqual([
      {
        id: 'format.container',
        status: 'passed',
        code: 'OK_FORMAT_URL',
        message: 'Credential address given.',
      },
    ]);
  });

  it('410 Gone with the revoked assertion is passed on, not decided', async () => {
    const a = acquired(await acquireInput({ kind: 'url', url: 'https://example.org/gone' }, recording()));
    expect(a.payload).toEqual({ type: 'url', url: 'https://example.org/gone' });
    expect(a.fetchFailure).toMatchObject({ ok: false, status: 410, code: 'ERR_NET_HTTP_STATUS' });
    expect(new TextDecoder().decode(a.fetchFailure?.bytes)).toBe(GONE);
  });

  it('an address serving a baked PNG or SVG image is unbaked', async () => {
    const png = acquired(await acquireInput({ kind: 'url', url: 'https://example.org/badge.png' }, recording()));
    expect(png.container).toBe('png');
    expect(png.payload.type).toBe('json');
    expect(png.checks[0]).toMatchObject({ code: 'OK_FORMAT_PNG' });
    const svg = acquired(await acquireInput({ kind: 'url', url: 'https://example.org/badge.svg' }, recording()));
    expect(svg.container).toBe('svg');
    expect(svg.payload.type).toBe('json');
  });

  it('a served image that only holds an address follows that address once, as the image', async () => {
    // valid-baked.png holds https://example.org/assertion, which this server answers 404.
    const a = acquired(await acquireInput({ kind: 'url', url: 'https://example.org/url-badge.png' }, recording()));
    expect(a.container).toBe('png');
    expect(a.payload).toEqual({ type: 'url', url: 'https://example.org/assertion' });
    expect(a.fetchFailure).toMatchObject({ status: 404 });
  });

  it('an HTML page → "the address did not return a credential: got text/html"', async () => {
    const check = failed(await acquireInput({ kind: 'url', url: 'https://example.org/page' }, recording()));
    expect(check).toMatchObject({
      status: 'failed',
      code: 'ERR_FORMAT_NOT_CREDENTIAL',
      impact: 'unverifiable',
    });
    expect(check.message).toBe('The address did not return a credential: got text/html.');
  });
});
