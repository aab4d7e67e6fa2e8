import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FetchResult } from '../../lib/model/env';
import { createFetcher, DEFAULT_ACCEPT } from '../../lib/net/fetcher';
import { parseUrlMap, type UrlMap } from '../../lib/net/url-map';

const MB = 1024 * 1024;
const GONE_BODY = JSON.stringify({
  '@context': 'https://w3id.org/openbadges/v2',
  id: 'https://example.org/gone',
  revoked: true,
});

let server: Server;
let base: string;
let port: number;
const hits: string[] = [];
let lastHeaders: IncomingHttpHeaders = {};
let bigBytesSent = 0;

function streamForever(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const pump = (): void => {
    while (!res.destroyed && bigBytesSent < total) {
      bigBytesSent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    lastHeaders = req.headers;
    const json = (status: number, body: string, type = 'application/json'): void => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const redirect = (location: string, status = 302): void => {
      res.writeHead(status, { location });
      res.end();
    };
    if (path === '/echo-post') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        json(
          200,
          JSON.stringify({
            method: req.method,
            type: req.headers['content-type'],
            accept: req.headers.accept,
            body: Buffer.concat(chunks).toString('hex'),
          }),
        ),
      );
      return;
    }
    if (path === '/post-redirect') return redirect('/echo-post', 307);
    if (path === '/json') return json(200, '{"ok":true}');
    if (path === '/echo') return json(200, JSON.stringify(req.headers));
    if (path === '/html') return json(200, '<!doctype html><p>hi</p>', 'text/html; charset=utf-8');
    if (path === '/gone') return json(410, GONE_BODY);
    if (path === '/gone-big') return json(410, 'x'.repeat(100 * 1024));
    if (path === '/missing') return json(404, 'not found', 'text/plain');
    if (path === '/big-declared') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 50 * MB });
      return streamForever(res, 50 * MB);
    }
    if (path === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return streamForever(res, 50 * MB);
    }
    if (path === '/slow-headers') return; // never answers
    if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      return; // never finishes
    }
    if (path === '/loop-a') return redirect('/loop-b');
    if (path === '/loop-b') return redirect('/loop-a', 301);
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) {
      const n = Number(chain[1]);
      return n >= 10 ? json(200, `{"hops":${n}}`) : redirect(`/chain/${n + 1}`, 307);
    }
    if (path === '/to-relative') return redirect('/json');
    if (path === '/to-absolute-mapped') return redirect(`http://127.0.0.1:${port}/json`, 308);
    if (path === '/to-localhost') return redirect(`http://localhost:${port}/json`);
    if (path === '/to-metadata') return redirect('http://169.254.169.254/latest/meta-data/');
    if (path === '/to-file') return redirect('file:///etc/passwd');
    if (path === '/no-location') {
      res.writeHead(302);
      return res.end();
    }
    json(404, '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function mapToServer(): UrlMap {
  const parsed = parseUrlMap([`https://example.org/=${base}/`]);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.map;
}

function expectFail(
  result: FetchResult,
  code: string,
): asserts result is Extract<FetchResult, { ok: false }> {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.code).toBe(code);
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('createFetcher against a real loopback server', () => {
  const local = createFetcher({ allowPrivate: true });

  it('fetches JSON with safe defaults', async () => {
    const result = await local(`${base}/json`);
    expect(result).toMatchObject({
      ok: true,
      url: `${base}/json`,
      finalUrl: `${base}/json`,
      status: 200,
      redirects: [],
    });
    if (result.ok) {
      expect(result.contentType).toBe('application/json');
      expect(text(result.bytes)).toBe('{"ok":true}');
    }
  });

  it('sends the JSON-first Accept header, no cookies and no referrer', async () => {
    const result = await local(`${base}/echo`);
    expect(result.ok).toBe(true);
    expect(lastHeaders.accept).toBe(DEFAULT_ACCEPT);
    expect(lastHeaders.cookie).toBeUndefined();
    expect(lastHeaders.referer).toBeUndefined();
    await local(`${base}/echo`, { accept: 'application/jwt' });
    expect(lastHeaders.accept).toBe('application/jwt');
  });

  it('refuses a 50 MB response announced by Content-Length', async () => {
    const result = await local(`${base}/big-declared`);
    expectFail(result, 'ERR_NET_TOO_LARGE');
  });

  it('refuses a 50 MB streamed response and stops reading', async () => {
    bigBytesSent = 0;
    const result = await createFetcher({ allowPrivate: true, maxBytes: MB })(`${base}/big-chunked`);
    expectFail(result, 'ERR_NET_TOO_LARGE');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bigBytesSent).toBeLessThan(20 * MB);
  });

  it('times out when headers never come', async () => {
    const result = await createFetcher({ allowPrivate: true, timeoutMs: 200 })(`${base}/slow-headers`);
    expectFail(result, 'ERR_NET_TIMEOUT');
  });

  it('times out when the body never ends', async () => {
    const result = await createFetcher({ allowPrivate: true, timeoutMs: 200 })(`${base}/slow-body`);
    expectFail(result, 'ERR_NET_TIMEOUT');
  });

  it('detects a redirect loop', async () => {
    const result = await local(`${base}/loop-a`);
    expectFail(result, 'ERR_NET_REDIRECT_LOOP');
    expect(result.url).toBe(`${base}/loop-a`);
  });

  it('stops after maxRedirects hops', async () => {
    expectFail(await local(`${base}/chain/0`), 'ERR_NET_REDIRECT_LIMIT');
    const ok = await createFetcher({ allowPrivate: true, maxRedirects: 10 })(`${base}/chain/0`);
    expect(ok.ok && ok.redirects.length).toBe(10);
    expect(ok.ok && ok.finalUrl).toBe(`${base}/chain/10`);
    expect(ok.ok && text(ok.bytes)).toBe('{"hops":10}');
  });

  it('returns 410 Gone with its body, and 404 with status', async () => {
    const gone = await local(`${base}/gone`);
    expectFail(gone, 'ERR_NET_HTTP_STATUS');
    expect(gone.status).toBe(410);
    expect(text(gone.bytes)).toBe(GONE_BODY);
    const big = await local(`${base}/gone-big`);
    expectFail(big, 'ERR_NET_HTTP_STATUS');
    expect(big.status).toBe(410);
    expect(big.bytes).toBeUndefined();
    const missing = await local(`${base}/missing`);
    expectFail(missing, 'ERR_NET_HTTP_STATUS');
    expect(missing.status).toBe(404);
  });

  it('reports non-JSON content as it is (the caller judges it)', async () => {
    const result = await local(`${base}/html`);
    expect(result.ok && result.contentType).toBe('text/html; charset=utf-8');
  });

  it('treats a 3xx without Location as an HTTP status failure', async () => {
    const result = await local(`${base}/no-location`);
    expectFail(result, 'ERR_NET_HTTP_STATUS');
    expect(result.status).toBe(302);
  });

  it('refuses loopback targets unless allowed', async () => {
    const before = hits.length;
    expectFail(await createFetcher()(`${base}/json`), 'ERR_NET_PRIVATE_TARGET');
    expectFail(await createFetcher()(`http://localhost:${port}/json`), 'ERR_NET_PRIVATE_TARGET');
    expectFail(await createFetcher()(`http://2130706433:${port}/json`), 'ERR_NET_PRIVATE_TARGET');
    expect(hits.length).toBe(before);
  });

  it('reports an unreachable server', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await local(`http://127.0.0.1:${closedPort}/`);
    expectFail(result, 'ERR_NET_UNREACHABLE');
    expect(result.message).toContain('ECONNREFUSED');
  });
});

describe('createFetcher: POST (an OCSP request) and per-request size caps', () => {
  const local = createFetcher({ allowPrivate: true });
  const body = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x2a]);

  it('sends the body with its content type and Accept', async () => {
    const result = await local(`${base}/echo-post`, {
      method: 'POST',
      body,
      contentType: 'application/ocsp-request',
      accept: 'application/ocsp-response',
    });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(JSON.parse(text(result.bytes))).toEqual({
        method: 'POST',
        type: 'application/ocsp-request',
        accept: 'application/ocsp-response',
        body: '300302012a',
      });
  });

  it('never follows a redirect of a POST (manual mode) and never re-sends the body', async () => {
    const before = hits.length;
    const result = await local(`${base}/post-redirect`, { method: 'POST', body, contentType: 'x/y' });
    expectFail(result, 'ERR_NET_HTTP_STATUS');
    expect(result.status).toBe(307);
    expect(hits.slice(before)).toEqual(['/post-redirect']);
  });

  it("asks fetch to refuse a POST redirect in follow mode (redirect: 'error')", async () => {
    const fake = vi.fn<typeof fetch>(async () => new Response('ok'));
    await createFetcher({ redirectMode: 'follow', fetch: fake })('https://example.org/ocsp', {
      method: 'POST',
      body,
    });
    expect(fake).toHaveBeenCalledWith(
      'https://example.org/ocsp',
      expect.objectContaining({ method: 'POST', redirect: 'error', credentials: 'omit' }),
    );
  });

  it('refuses a request body over the limit without sending it', async () => {
    const fake = vi.fn<typeof fetch>(async () => new Response('ok'));
    const result = await createFetcher({ fetch: fake })('https://example.org/x', {
      method: 'POST',
      body: new Uint8Array(64 * 1024 + 1),
    });
    expectFail(result, 'ERR_NET_TOO_LARGE');
    expect(fake).not.toHaveBeenCalled();
  });

  it('a request may lower its cap, or raise it to 10 MB at most', async () => {
    const sized = (n: number) => createFetcher({ fetch: async () => new Response(new Uint8Array(n)) });
    expectFail(await sized(2 * 1024)('https://example.org/a', { maxBytes: 1024 }), 'ERR_NET_TOO_LARGE');
    // Over the default 2 MB, within the 3 MB the request asked for.
    const three = await sized(3 * MB)('https://example.org/b', { maxBytes: 3 * MB });
    expect(three.ok && three.bytes.length).toBe(3 * MB);
    expectFail(await sized(3 * MB)('https://example.org/c'), 'ERR_NET_TOO_LARGE');
    // Asking for more than 10 MB gets 10 MB.
    expectFail(await sized(10 * MB + 1)('https://example.org/d', { maxBytes: 50 * MB }), 'ERR_NET_TOO_LARGE');
  });
});

describe('createFetcher with --map-url (manual redirects)', () => {
  // Built per call: the server's port is only known once beforeAll ran.
  const mapped = (url: string): Promise<FetchResult> => createFetcher({ urlMap: mapToServer() })(url);

  it('may reach a loopback target named in the map and reports the original URL space', async () => {
    const result = await mapped('https://example.org/json');
    expect(result).toMatchObject({
      ok: true,
      url: 'https://example.org/json',
      finalUrl: 'https://example.org/json',
      redirects: [],
    });
  });

  it('translates relative and absolute mapped redirects back', async () => {
    const rel = await mapped('https://example.org/to-relative');
    expect(rel).toMatchObject({
      ok: true,
      finalUrl: 'https://example.org/json',
      redirects: ['https://example.org/json'],
    });
    const abs = await mapped('https://example.org/to-absolute-mapped');
    expect(abs).toMatchObject({
      ok: true,
      finalUrl: 'https://example.org/json',
      redirects: ['https://example.org/json'],
    });
  });

  it('refuses a redirect to a private host that is not in the map', async () => {
    const before = hits.length;
    expectFail(await mapped('https://example.org/to-localhost'), 'ERR_NET_PRIVATE_TARGET');
    expectFail(await mapped('https://example.org/to-metadata'), 'ERR_NET_PRIVATE_TARGET');
    expect(hits.slice(before)).toEqual(['/to-localhost', '/to-metadata']);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    expectFail(await mapped('https://example.org/to-file'), 'ERR_NET_SCHEME');
  });

  it('keeps 410 bodies through the map', async () => {
    const gone = await mapped('https://example.org/gone');
    expectFail(gone, 'ERR_NET_HTTP_STATUS');
    expect(gone.url).toBe('https://example.org/gone');
    expect(text(gone.bytes)).toBe(GONE_BODY);
  });
});

describe('createFetcher in follow mode (service worker)', () => {
  it('lets fetch follow and reports the final URL unmapped', async () => {
    const follow = createFetcher({ redirectMode: 'follow', urlMap: mapToServer() });
    const result = await follow('https://example.org/to-relative');
    expect(result).toMatchObject({
      ok: true,
      finalUrl: 'https://example.org/json',
      redirects: ['https://example.org/json'],
    });
  });

  it('refuses a response that landed on a private host', async () => {
    const landed = new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    Object.defineProperty(landed, 'redirected', { value: true });
    Object.defineProperty(landed, 'url', { value: 'http://192.168.0.1/admin' });
    const fake = vi.fn<typeof fetch>(async () => landed);
    const follow = createFetcher({ redirectMode: 'follow', fetch: fake });
    expectFail(await follow('https://public.example/x'), 'ERR_NET_PRIVATE_TARGET');
    expect(fake).toHaveBeenCalledWith(
      'https://public.example/x',
      expect.objectContaining({
        redirect: 'follow',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      }),
    );
  });
});

describe('createFetcher refuses bad targets before any request', () => {
  const fake = vi.fn<typeof fetch>(async () => new Response('{}'));
  const safe = createFetcher({ fetch: fake, allowPrivate: true });

  it.each([
    'file:///etc/passwd',
    'data:application/json,{}',
    'javascript:alert(1)',
    'ftp://example.org/x',
    'blob:https://example.org/1',
  ])('%s → ERR_NET_SCHEME', async (url) => {
    expectFail(await safe(url), 'ERR_NET_SCHEME');
  });

  it('rejects relative URLs and embedded credentials', async () => {
    expectFail(await safe('/relative'), 'ERR_NET_BAD_URL');
    expectFail(await safe('https://user:pw@example.org/'), 'ERR_NET_BAD_URL');
    expect(fake).not.toHaveBeenCalled();
  });

  it('never throws, even when the injected fetch does', async () => {
    const throwing = createFetcher({ fetch: () => Promise.reject(new TypeError('boom')) });
    const result = await throwing('https://example.org/');
    expectFail(result, 'ERR_NET_UNREACHABLE');
    expect(result.message).toContain('boom');
  });

  it('reports an opaque manual redirect (browser) distinctly', async () => {
    const opaque = new Response(null, { status: 200 });
    Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
    const result = await createFetcher({ fetch: async () => opaque })('https://example.org/');
    expectFail(result, 'ERR_NET_REDIRECT_OPAQUE');
  });
});
