/**
 * `credlens verify <platform page URL>` (built CLI, run as a user would): a Credly or Badgr
 * credential page given to verify is resolved by the platform's link rule, as scan resolves the
 * links it finds; the credential at the derived address is verified and the report names the page.
 * The fixture web's documents (tests/fixture-web/generated/routes.json) are served by a loopback
 * server that records every request (--map-url), so the tests see what was fetched: never the
 * page, and nothing the guarded fetcher refuses.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../lib/model/report';
import { repoRoot } from '../support/vectors';

const run = promisify(execFile);
const GEN = join(repoRoot, 'tests/fixture-web/generated');
const NOW = ['--now', '2026-01-01'];

interface Route {
  host: string;
  path: string;
  file: string;
  contentType: string;
  status: number;
}
const routes = JSON.parse(readFileSync(join(GEN, 'routes.json'), 'utf8')) as Route[];
const expected = JSON.parse(readFileSync(join(GEN, 'expected.json'), 'utf8')) as Record<
  string,
  { url?: string; endpoint?: string; verdict: string; title?: string }
>;
const pages = Object.entries(expected).filter(
  (e): e is [string, { url: string; endpoint: string; verdict: string; title?: string }] =>
    e[1].url !== undefined && e[1].endpoint !== undefined,
);

let server: Server;
let origin = '';
let port = 0;
/** `host/path` of every request the server answered. */
const hits: string[] = [];
let maps: string[] = [];

beforeAll(async () => {
  await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: repoRoot });
  const table = new Map(routes.map((r) => [`/${r.host}${r.path}`, r]));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(`${req.headers.host ?? ''}${path}`);
    const r = table.get(path);
    // A platform page that would steer the verifier elsewhere, were it ever read.
    if (path.startsWith('/www.credly.com/') || path.startsWith('/badgr.com/')) {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body><a href="https://evil.example/x.json">x</a></body></html>');
      return;
    }
    if (r === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(r.status, { 'content-type': r.contentType }).end(readFileSync(join(GEN, r.file)));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const a = server.address();
  port = typeof a === 'object' && a !== null ? a.port : 0;
  origin = `http://127.0.0.1:${port}`;
  // Every fixture host and the platforms' page hosts, so a fetched page would show in `hits`.
  const hosts = [...new Set([...routes.map((r) => r.host), 'www.credly.com', 'badgr.com'])];
  maps = hosts.flatMap((h) => ['--map-url', `https://${h}/=${origin}/${h}/`]);
}, 60_000);

afterAll(async () => {
  await new Promise((done) => server?.close(done));
});

async function credlens(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/credlens.mjs', ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const reportOf = (stdout: string): VerificationReport => JSON.parse(stdout.trim()) as VerificationReport;

describe('credlens verify <platform page>', () => {
  it('has the fixture pages to check (Credly and Badgr)', () => {
    expect(pages.map(([k]) => k)).toEqual(
      expect.arrayContaining(['credly-valid', 'credly-revoked', 'credly-tampered', 'badgr-valid']),
    );
  });

  it.each(pages)(
    '%s: verifies the address the platform rule gives, names the page, never fetches it',
    async (_k, e) => {
      const before = hits.length;
      const r = await credlens('verify', e.url, '--json', ...maps, ...NOW);
      expect(r.stderr).toBe('');
      const report = reportOf(r.stdout);
      expect(report.source).toBe(e.endpoint);
      expect(report.fromPage).toMatchObject({ url: e.url });
      expect(report.fromPage?.platform).toMatch(/^(credly|badgr)$/);
      expect(report.verdict).toBe(e.verdict);
      if (e.title !== undefined) expect(report.credential.title).toBe(e.title);
      expect(report.contacted[0]?.url).toBe(e.endpoint);
      const got = hits.slice(before);
      expect(got).toContain(`127.0.0.1:${port}/${new URL(e.endpoint).host}${new URL(e.endpoint).pathname}`);
      expect(got.filter((h) => h.includes('/www.credly.com/') || h.includes('/badgr.com/'))).toEqual([]);
      expect(got.some((h) => h.includes('evil.example'))).toBe(false);
    },
  );

  it('says in the text report which page the credential came from', async () => {
    const page = expected['credly-valid']?.url ?? '';
    const r = await credlens('verify', page, ...maps, ...NOW);
    expect(r.stdout).toContain(`from page: ${page} (a Credly page`);
    expect(r.stdout).toContain(`source: ${expected['credly-valid']?.endpoint ?? '?'}`);
  });

  it('a URL no platform rule knows is verified as given (no page named)', async () => {
    const route = routes.find((x) => x.host === 'example.org' && x.path.endsWith('.json'));
    const url = `https://${route?.host ?? ''}${route?.path ?? ''}`;
    const before = hits.length;
    const report = reportOf((await credlens('verify', url, '--json', ...maps, ...NOW)).stdout);
    expect(report.source).toBe(url);
    expect(report.fromPage).toBeUndefined();
    expect(report.contacted[0]?.url).toBe(url);
    expect(hits.slice(before)[0]).toBe(`127.0.0.1:${port}/example.org${route?.path ?? ''}`);
  });

  it('a platform that publishes no verifiable form: found, not verifiable, nothing fetched', async () => {
    const before = hits.length;
    const report = reportOf(
      (
        await credlens(
          'verify',
          'https://www.coursera.org/account/accomplishments/verify/FX7K2M9Q4TZL',
          '--json',
          ...maps,
        )
      ).stdout,
    );
    expect(report.verdict).toBe('unverifiable');
    expect(report.checks[0]?.code).toBe('ERR_PLATFORM_NO_VERIFIABLE_FORM');
    expect(report.contacted).toEqual([]);
    expect(hits.length).toBe(before);
  });

  it('a derived address inside the network is still refused by the guarded fetcher', async () => {
    // VerifierPlus's `#verify?vc=<url>` rule takes the address from the page URL: a name that
    // resolves to loopback and is no --map-url target must not be contacted.
    const inner = `http://localhost:${port}/router/reboot`;
    const page = `https://verifierplus.org/#verify?vc=${encodeURIComponent(inner)}`;
    const before = hits.length;
    const report = reportOf((await credlens('verify', page, '--json', ...maps)).stdout);
    expect(report.source).toBe(inner);
    expect(report.fromPage?.platform).toBe('verifier-plus');
    expect(report.contacted[0]?.error).toBe('ERR_NET_PRIVATE_TARGET');
    expect(report.verdict).toBe('unverifiable');
    expect(hits.length).toBe(before);
  });
});
