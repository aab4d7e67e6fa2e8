/**
 * The CLI's network policy (issue 15): a host name is resolved once and checked, and the
 * connection goes only to a checked address. A name that resolves to loopback or a private
 * address is refused (DNS rebinding) unless it is a --map-url target; a loopback server here
 * stands in for a router in the recruiter's network and must never be reached.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../lib/net/fetcher';
import { createGuardedFetch, type Resolve } from '../../cli/guarded-fetch';

let server: Server;
let port = 0;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.headers.host ?? ''}${req.url ?? ''}`);
    if (req.url === '/post') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            method: req.method,
            type: req.headers['content-type'],
            length: req.headers['content-length'],
            body: Buffer.concat(chunks).toString('hex'),
          }),
        );
      });
      return;
    }
    if (req.url === '/hop') {
      res.writeHead(302, { location: `http://rebind.example:${port}/router/reboot?confirm=1` });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const a = server.address();
  port = typeof a === 'object' && a !== null ? a.port : 0;
});
afterAll(() => {
  server.close();
});

/** A resolver that answers from a table (names a real resolver could be made to give). */
const table =
  (answers: Record<string, string[]>): Resolve =>
  async (hostname) =>
    (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('CLI network policy', () => {
  it('refuses a public-looking name that resolves to loopback, and sends nothing', async () => {
    const before = hits.length;
    const fetch = createFetcher({
      redirectMode: 'manual',
      fetch: createGuardedFetch({ resolve: table({ 'rebind.example': ['127.0.0.1'] }) }),
    });
    const r = await fetch(`http://rebind.example:${port}/router/reboot?confirm=1`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('ERR_NET_PRIVATE_TARGET');
    expect(hits.length).toBe(before);
  });

  it('refuses a name with one public and one private answer by connecting only to the public one', async () => {
    const seen: string[] = [];
    const guarded = createGuardedFetch({
      resolve: async (h) => {
        seen.push(h);
        return [
          { address: '203.0.113.9', family: 4 }, // TEST-NET-3: no route here, never the loopback server
          { address: '127.0.0.1', family: 4 },
        ];
      },
    });
    const before = hits.length;
    const fetch = createFetcher({ redirectMode: 'manual', fetch: guarded, timeoutMs: 1500 });
    const r = await fetch(`http://mixed.example:${port}/x`);
    expect(r.ok).toBe(false);
    expect(hits.length).toBe(before);
    expect(seen).toEqual(['mixed.example']);
  });

  it('refuses a redirect hop to a name that resolves inside', async () => {
    const before = hits.length;
    const fetch = createFetcher({
      redirectMode: 'manual',
      urlMap: { entries: [{ from: 'https://public.example/', to: `http://localhost:${port}/` }] },
      fetch: createGuardedFetch({
        allowedHosts: ['localhost'],
        resolve: table({ localhost: ['127.0.0.1'], 'rebind.example': ['127.0.0.1'] }),
      }),
    });
    const r = await fetch('https://public.example/hop');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('ERR_NET_PRIVATE_TARGET');
    // The mapped host answered the first hop; the hop to rebind.example was never sent.
    expect(hits.slice(before)).toEqual([`localhost:${port}/hop`]);
  });

  it('a --map-url target may be loopback', async () => {
    const fetch = createFetcher({
      redirectMode: 'manual',
      urlMap: { entries: [{ from: 'https://issuer.example/', to: `http://localhost:${port}/` }] },
      fetch: createGuardedFetch({
        allowedHosts: ['localhost'],
        resolve: table({ localhost: ['127.0.0.1'] }),
      }),
    });
    const r = await fetch('https://issuer.example/doc.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(new TextDecoder().decode(r.bytes)).toBe('{"ok":true}');
  });

  it('POST: the body reaches a --map-url target; a name resolving inside is still refused', async () => {
    const body = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);
    const mapped = createFetcher({
      redirectMode: 'manual',
      urlMap: { entries: [{ from: 'http://ocsp.example/', to: `http://localhost:${port}/` }] },
      fetch: createGuardedFetch({
        allowedHosts: ['localhost'],
        resolve: table({ localhost: ['127.0.0.1'] }),
      }),
    });
    const r = await mapped('http://ocsp.example/post', {
      method: 'POST',
      body,
      contentType: 'application/ocsp-request',
    });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(JSON.parse(new TextDecoder().decode(r.bytes))).toEqual({
        method: 'POST',
        type: 'application/ocsp-request',
        length: '5',
        body: '3003020107',
      });
    const before = hits.length;
    const guarded = createFetcher({
      redirectMode: 'manual',
      fetch: createGuardedFetch({ resolve: table({ 'rebind.example': ['127.0.0.1'] }) }),
    });
    const refused = await guarded(`http://rebind.example:${port}/post`, { method: 'POST', body });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.code).toBe('ERR_NET_PRIVATE_TARGET');
    expect(hits.length).toBe(before);
  });

  it('the system resolver: "localhost" is refused when it is not a --map-url target', async () => {
    const before = hits.length;
    const fetch = createFetcher({ redirectMode: 'manual', fetch: createGuardedFetch() });
    const r = await fetch(`http://localhost:${port}/x`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('ERR_NET_PRIVATE_TARGET');
    expect(hits.length).toBe(before);
  });
});
