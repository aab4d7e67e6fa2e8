/**
 * `credlens scan` (built CLI, run as a user would) over the fixture web's saved pages and
 * CV PDF; --verify against a loopback HTTP server answering for the fixture hosts (--map-url).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanOutput } from '../../cli/scan';
import { startStaticServer, type Route, type StaticServer } from '../support/static-server';
import { repoRoot } from '../support/vectors';

const run = promisify(execFile);
const GEN = join(repoRoot, 'tests/fixture-web/generated');
interface Expect {
  platform: string;
  verdict?: string;
  where?: string;
  noVerifiableForm?: boolean;
}
const expected = JSON.parse(readFileSync(join(GEN, 'detect-expected.json'), 'utf8')) as Record<
  'job' | 'cv' | 'pdf',
  { url: string; file?: string; candidates: Record<string, Expect>; textOnly?: Record<string, Expect> }
>;
let server: StaticServer;
let maps: string[];

async function credlens(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/credlens.mjs', ...args], {
      cwd: repoRoot,
      maxBuffer: 32 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const lines = (stdout: string): ScanOutput[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ScanOutput);

/** The key detect-expected.json uses for a candidate: its URL, or its platform/where for embedded ones. */
function keyOf(c: ScanOutput['candidates'][number], exp: Record<string, Expect>): string {
  if (c.url in exp) return c.url;
  if (c.where !== undefined && c.where in exp) return c.where;
  return c.platform;
}

beforeAll(async () => {
  await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: repoRoot });
  const routes = JSON.parse(readFileSync(join(GEN, 'routes.json'), 'utf8')) as Array<{
    host: string;
    path: string;
    file: string;
    contentType: string;
    status: number;
  }>;
  const table: Record<string, Route> = {};
  for (const r of routes)
    table[`/${r.host}${r.path}`] = {
      status: r.status,
      contentType: r.contentType,
      body: readFileSync(join(GEN, r.file)),
    };
  server = await startStaticServer({}, table);
  maps = [...new Set(routes.map((r) => r.host))].flatMap((h) => [
    '--map-url',
    `https://${h}/=${server.origin}/${h}/`,
  ]);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('credlens scan', () => {
  it('lists what a saved job application holds (no network without --verify)', async () => {
    const r = await credlens('scan', join(GEN, 'pages/job-application.html'), '--json');
    expect(r.code).toBe(0);
    const [out] = lines(r.stdout);
    expect(out?.type).toBe('html');
    const exp = expected.job.candidates;
    // The badge image counts once its baked data is read (--verify): without it, a note says so.
    const listed = Object.keys(exp).filter((k) => exp[k]?.platform !== 'baked-image');
    expect(out?.candidates.map((c) => keyOf(c, exp)).sort()).toEqual(listed.sort());
    expect(out?.notes).toContain('1 image could hold a baked badge: run with --verify to read it.');
    for (const c of out?.candidates ?? []) {
      expect(c.platform).toBe(exp[keyOf(c, exp)]?.platform);
      expect(c.report).toBeUndefined();
    }
    expect(out?.candidates.find((c) => c.platform === 'coursera')?.noVerifiableForm).toBe(true);
  });

  it('verifies each credential of a page fetched by URL, as verify would', async () => {
    const r = await credlens('scan', expected.job.url, '--json', '--verify', ...maps);
    const [out] = lines(r.stdout);
    const exp = expected.job.candidates;
    // Every credential, the baked badge image included (its baked data was read).
    expect(out?.candidates.map((c) => keyOf(c, exp)).sort()).toEqual(Object.keys(exp).sort());
    for (const c of out?.candidates ?? [])
      expect(c.report?.verdict, keyOf(c, exp)).toBe(exp[keyOf(c, exp)]?.verdict);
    expect(out?.candidates.find((c) => c.platform === 'coursera')?.report?.contacted).toEqual([]);
    expect(r.code).toBe(1); // not every credential is `verified` (no trust list; Coursera unverifiable)
  });

  it('finds links, text URLs, a QR code and attached files in a CV PDF', async () => {
    const r = await credlens(
      'scan',
      join(GEN, expected.pdf.file ?? ''),
      '--json',
      '--verify',
      ...maps,
      '--now',
      '2026-01-01',
    );
    const [out] = lines(r.stdout);
    expect(out?.type).toBe('pdf');
    const exp = expected.pdf.candidates;
    expect(out?.candidates.map((c) => keyOf(c, exp)).sort()).toEqual(Object.keys(exp).sort());
    for (const c of out?.candidates ?? []) {
      const e = exp[keyOf(c, exp)];
      expect(c.where).toBe(e?.where);
      if (e?.verdict !== undefined) expect(c.report?.verdict, keyOf(c, exp)).toBe(e.verdict);
    }
  });

  it('finds the Europass CV links, and URLs written in its text', async () => {
    const r = await credlens('scan', join(GEN, 'pages/europass-cv.html'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('found, not verifiable: Accredible publishes no verifiable form');
    expect(r.stdout).toContain('Microsoft Learn');
    for (const url of [...Object.keys(expected.cv.candidates), ...Object.keys(expected.cv.textOnly ?? {})])
      expect(r.stdout).toContain(url);
  });

  it('exits 1 when nothing is found, 2 on usage errors', async () => {
    expect((await credlens('scan', join(repoRoot, 'package.json'), '--json')).code).toBe(1);
    expect((await credlens('scan')).code).toBe(2);
    expect((await credlens('verify', 'x', '--verify')).code).toBe(2);
    expect((await credlens('scan', join(repoRoot, 'no-such-file.pdf'))).code).toBe(2);
  });
});
