/**
 * The extension's block rules (lib/net/private-patterns.ts, installed by lib/extension/net-guard.ts)
 * agree with the fetcher's private-target check (lib/net/private-host.ts) on canonical URLs, as
 * the browser hands them to its rules. RE2 reads these patterns as JavaScript does (no
 * look-around, no back-references); Chromium's own acceptance is checked end to end.
 */
import { describe, expect, it } from 'vitest';
import { isPrivateHost } from '../../lib/net/private-host';
import { PRIVATE_TARGET_REGEXES } from '../../lib/net/private-patterns';

const blocked = (url: string) => PRIVATE_TARGET_REGEXES.some((p) => new RegExp(p).test(new URL(url).href));

const PRIVATE = [
  'http://127.0.0.1:8080/router/reboot?confirm=1',
  'http://0x7f.1/',
  'http://2130706433/',
  'https://10.1.2.3/',
  'https://172.16.0.1/',
  'https://172.31.255.255/x',
  'https://192.168.1.1',
  'https://169.254.169.254/latest/meta-data/',
  'https://100.64.0.1/',
  'https://198.18.0.1/',
  'https://224.0.0.1/',
  'https://255.255.255.255/',
  'https://0.0.0.0/',
  'http://[::1]/',
  'http://[fd00::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://localhost/',
  'http://LOCALHOST:3000/',
  'http://api.localhost/',
  'http://printer.local/',
  'http://intranet/',
  'http://user:pw@10.0.0.1/',
];
const PUBLIC = [
  'https://example.org/ssrf/start',
  'https://www.credly.com/badges/x',
  'https://10.example.com/',
  'https://172.32.0.1/',
  'https://192.169.0.1/',
  'https://100.128.0.1/',
  'https://8.8.8.8/',
  'https://issuer.example.edu:8443/keys',
  'https://localhost.example.com/',
];

describe('the extension block rules', () => {
  for (const url of PRIVATE)
    it(`block ${url}`, () => {
      expect(blocked(url)).toBe(true);
    });
  for (const url of PUBLIC)
    it(`let ${url} through, as the fetcher does`, () => {
      expect(blocked(url)).toBe(false);
      expect(isPrivateHost(new URL(url).hostname)).toBe(false);
    });
  it('block every IP literal the fetcher refuses', () => {
    for (const url of PRIVATE.filter((u) => !/localhost|\.local\/|intranet/i.test(u)))
      expect(isPrivateHost(new URL(url).hostname), url).toBe(true);
  });
});
