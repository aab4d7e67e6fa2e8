import { describe, expect, it } from 'vitest';
import { isPrivateHost } from '../../lib/net/private-host';

/** The hostname exactly as the WHATWG URL parser (used by the fetcher) gives it. */
const hostOf = (url: string): string => new URL(url).hostname;

describe('isPrivateHost', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'api.localhost',
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '[::1]',
    '::',
    '[::]',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '[fe80::1ff:fe23:4567:890a]',
    '::ffff:127.0.0.1',
    '[::ffff:7f00:1]',
    '::ffff:10.1.2.3',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    'ff02::1',
  ])('%s is private', (host) => {
    expect(isPrivateHost(host)).toBe(true);
  });

  it.each([
    'example.org',
    'localhost.example.org',
    'mylocalhost',
    '8.8.8.8',
    '1.1.1.1',
    '172.15.255.255',
    '172.32.0.1',
    '192.169.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.0.1',
    '11.0.0.1',
    '2001:4860:4860::8888',
    '[2606:4700::1111]',
    '::ffff:8.8.8.8',
    '2002:808:808::',
  ])('%s is public', (host) => {
    expect(isPrivateHost(host)).toBe(false);
  });

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0xA9.0xFE.0xA9.0xFE/', '169.254.169.254'],
    ['http://3232235777/', '192.168.1.1'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[0:0:0:0:0:0:0:1]/', '[::1]'],
    ['http://LocalHost./', 'localhost.'],
  ])('%s (normalised to %s by URL) is private', (url, normalised) => {
    expect(hostOf(url)).toBe(normalised);
    expect(isPrivateHost(hostOf(url))).toBe(true);
  });

  it('also normalises integer forms given directly', () => {
    expect(isPrivateHost('2130706433')).toBe(true);
    expect(isPrivateHost('0x7f000001')).toBe(true);
    expect(isPrivateHost('134744072')).toBe(false); // 8.8.8.8
  });

  it('fails closed on an unparseable host', () => {
    expect(isPrivateHost('')).toBe(true);
    expect(isPrivateHost('exa mple.org')).toBe(true);
    expect(isPrivateHost('[::1')).toBe(true);
  });
});
