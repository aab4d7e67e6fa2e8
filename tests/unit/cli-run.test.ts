/**
 * The built CLI (dist/cli.mjs, plain JS) run as a user would, against a loopback server that
 * answers for the fictional demo issuer and for the OB 2.0 vectors' example.org host (--map-url).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../lib/model/report';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { repoRoot, vectorPath } from '../support/vectors';

const run = promisify(execFile);
let server: StaticServer;
let maps: string[];
const tmp = mkdtempSync(join(tmpdir(), 'credlens-cli-'));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  reports: VerificationReport[];
}

async function credlens(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/credlens.mjs', ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr, reports: parse(stdout, args) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, reports: parse(e.stdout, args) };
  }
}

function parse(stdout: string, args: string[]): VerificationReport[] {
  if (!args.includes('--json')) return [];
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as VerificationReport);
}

beforeAll(async () => {
  await run(process.execPath, ['scripts/build-cli.mjs'], { cwd: repoRoot });
  server = await startStaticServer({
    '/demo/': join(repoRoot, 'samples/issuer'),
    '/ob20/': vectorPath('1edtech-dc-public-validator/ob20/assets'),
  });
  maps = [
    '--map-url',
    `https://badges.demo-academy.example/=${server.origin}/demo/`,
    '--map-url',
    `https://example.org/=${server.origin}/ob20/`,
    '--map-url',
    `http://example.org/=${server.origin}/ob20/`,
  ];
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const demoTrust = join(repoRoot, 'samples/demo-trust.json');

describe('credlens verify (built CLI)', () => {
  it('verifies the bundled signed baked badge: trusted issuer, recipient matches → verified, exit 0', async () => {
    const r = await credlens(
      'verify',
      'samples/demo-badge.png',
      ...maps,
      '--trust',
      demoTrust,
      '--email',
      'Ada.Lovelace@example.com',
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.reports).toHaveLength(1);
    const [report] = r.reports;
    expect(report?.verdict).toBe('verified');
    expect(report?.authenticity.level).toBe('A3');
    expect(report?.format).toMatchObject({ id: 'ob2-signed', container: 'png' });
    expect(report?.checks.find((c) => c.id === 'proof.signature')?.status).toBe('passed');
    expect(report?.checks.find((c) => c.id === 'recipient.match')?.status).toBe('passed');
    expect(report?.contacted.map((c) => c.url)).toContain(
      'https://badges.demo-academy.example/keys/2026.json',
    );
  });

  it('is verified-untrusted (exit 1) without a trust list, and says why', async () => {
    const r = await credlens('verify', 'samples/demo-badge.png', ...maps, '--json');
    expect(r.code).toBe(1);
    expect(r.reports[0]?.verdict).toBe('verified-untrusted');
    expect(r.reports[0]?.checks.find((c) => c.id === 'issuer.trust')).toMatchObject({
      status: 'warning',
      code: 'WARN_TRUST_UNLISTED',
    });
  });

  it('honours --now: after `expires` the badge is expired', async () => {
    const r = await credlens(
      'verify',
      'samples/demo-badge.png',
      ...maps,
      '--trust',
      demoTrust,
      '--now',
      '2032-01-01T00:00:00Z',
      '--json',
    );
    expect(r.reports[0]?.verdict).toBe('expired');
    expect(r.reports[0]?.evaluatedAt).toBe('2032-01-01T00:00:00.000Z');
  });

  it('flags a different recipient', async () => {
    const r = await credlens(
      'verify',
      'samples/demo-badge.png',
      ...maps,
      '--email',
      'someone.else@example.com',
      '--json',
    );
    expect(r.reports[0]?.checks.find((c) => c.id === 'recipient.match')?.status).toBe('failed');
  });

  it('rejects a tampered signed badge as invalid', async () => {
    const png = readFileSync(join(repoRoot, 'samples/demo-badge.png'));
    const text = png.toString('latin1');
    const start = text.indexOf('eyJ', text.indexOf('openbadges'));
    const [h, p, s] = text
      .slice(start)
      .split(/[^A-Za-z0-9_.-]/)[0]!
      .split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    payload.issuedOn = '2020-01-01T00:00:00Z';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const file = join(tmp, 'forged.jws');
    writeFileSync(file, forged);
    const r = await credlens('verify', file, ...maps, '--trust', demoTrust, '--json');
    expect(r.reports[0]?.verdict).toBe('invalid');
    expect(r.reports[0]?.checks.find((c) => c.id === 'proof.signature')?.status).toBe('failed');
  });

  it('verifies a hosted assertion URL and the OB 2.0 vectors through the loopback map', async () => {
    const r = await credlens(
      'verify',
      'https://badges.demo-academy.example/assertions/hosted-1.json',
      vectorPath('1edtech-dc-public-validator/ob20/simple.jwt'),
      vectorPath('1edtech-dc-public-validator/ob20/simple-revoked.jwt'),
      ...maps,
      '--trust',
      demoTrust,
      '--json',
    );
    expect(r.reports.map((x) => x.verdict)).toEqual(['verified', 'verified-untrusted', 'revoked']);
    expect(r.code).toBe(1);
  });

  it('answers bad input with a clear verdict, not a crash', async () => {
    const truncated = join(tmp, 'truncated.png');
    writeFileSync(truncated, readFileSync(join(repoRoot, 'samples/demo-badge.png')).subarray(0, 300));
    const notJson = join(tmp, 'notes.txt');
    writeFileSync(notJson, 'just some words');
    const jws = readFileSync(vectorPath('1edtech-dc-public-validator/ob20/simple.jwt'), 'utf8');
    const truncatedJws = join(tmp, 'truncated.jwt');
    writeFileSync(truncatedJws, jws.slice(0, 200));
    const r = await credlens(
      'verify',
      truncated,
      notJson,
      truncatedJws,
      vectorPath('mozilla-openbadges-bakery/unbaked.png'),
      vectorPath('mozilla-openbadges-bakery/bad-json.svg'),
      '--json',
    );
    expect(r.code).toBe(1);
    expect(r.reports.map((x) => x.verdict)).toEqual(Array(5).fill('unverifiable'));
    expect(r.reports.map((x) => x.checks[0]?.code)).toEqual([
      'ERR_PNG_TRUNCATED',
      'ERR_FORMAT_UNRECOGNIZED',
      'ERR_FORMAT_JWS_MALFORMED',
      'ERR_PNG_NO_BADGE',
      'ERR_FORMAT_BAD_JSON',
    ]);
    for (const report of r.reports) expect(report.checks[0]?.message.length).toBeGreaterThan(10);
  });

  it('a missing file is reported on its own line and the batch goes on (exit 1)', async () => {
    const nope = join(tmp, 'nope.json');
    const r = await credlens('verify', 'samples/demo-badge.png', nope, 'samples/demo-badge.png', '--json');
    expect(r.code).toBe(1);
    expect(r.reports.map((x) => x.source)).toEqual([
      'samples/demo-badge.png',
      nope,
      'samples/demo-badge.png',
    ]);
    const missing = r.reports[1]!;
    expect([missing.verdict, missing.checks[0]?.code]).toEqual(['unverifiable', 'ERR_INPUT_UNREADABLE']);
    expect(missing.summary).toContain('no such file');
    for (const good of [r.reports[0]!, r.reports[2]!])
      expect(good.checks.some((c) => c.id === 'input.read')).toBe(false);
  });

  it('exits 2 on usage errors, with the reason on stderr', async () => {
    const unknown = await credlens('verify', 'x.json', '--jsn');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('credlens: unknown option --jsn');
    expect(unknown.stderr).toContain('Usage: credlens verify');
    const badMap = await credlens('verify', 'x.json', '--map-url', 'nonsense');
    expect(badMap.code).toBe(2);
    const badTrust = join(tmp, 'bad-trust.json');
    writeFileSync(badTrust, '{"allow": "everyone"}');
    const trust = await credlens('verify', 'samples/demo-badge.png', '--trust', badTrust);
    expect(trust.code).toBe(2);
    expect(trust.stderr).toContain('"allow" must be an array');
  });

  it('prints a readable summary without --json', async () => {
    const r = await credlens('verify', 'samples/demo-badge.png', ...maps, '--trust', demoTrust);
    expect(r.stdout).toContain('VERIFIED');
    expect(r.stdout).toContain('Data Literacy Foundations');
    expect(r.stdout).toContain('CredLens Demo Academy');
  });

  it('--lotl-signers: EU lists signed by other LOTL signers decide a qualified seal (A4); without it they are refused', async () => {
    const fx = (f: string) => `tests/fixtures/edc/${f}`;
    const args = [
      'verify',
      fx('edc-jades-qualified.json'),
      '--json',
      '--now',
      '2026-11-23',
      '--trust',
      fx('trust/eu-lotl.xml'),
      '--trust',
      fx('trust/TSL_ES.xml'),
    ];
    const withPins = await credlens(...args, '--lotl-signers', fx('trust/lotl-signers.json'));
    expect(withPins.code).toBe(0);
    expect(withPins.reports[0]?.authenticity.level).toBe('A4');
    const shipped = await credlens(...args);
    expect(shipped.code).toBe(1);
    expect(shipped.stderr).toContain('cannot be trusted');
    expect(shipped.reports[0]?.authenticity.level).not.toBe('A4');
    const bad = await credlens(...args, '--lotl-signers', fx('edc-jades-qualified.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lotl-signers');
  });
});
