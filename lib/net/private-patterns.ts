/**
 * The private-target check of lib/net/private-host.ts as URL patterns, for the extension's
 * declarativeNetRequest block rules (lib/extension/net-guard.ts): no DOM, no extension API, so
 * tests/unit/net-guard-patterns.test.ts checks them against the same cases in Node.
 */

const HOST = '^https?://(?:[^/?#@]*@)?';
const END = '(?:[:/?#]|$)';
const N = '[0-9]{1,3}';

/**
 * RE2 patterns (declarativeNetRequest `regexFilter`, one rule each: Chromium compiles each within
 * 2 KB) of http(s) URLs whose host is not a public Internet host. The browser hands rules the
 * canonical URL (IPv4 in dotted decimal, lower-case host), so other spellings of an address
 * (0x7f.1, 2130706433) are caught too. Mirrors lib/net/private-host.ts.
 */
export const PRIVATE_TARGET_REGEXES: readonly string[] = [
  // 0/8, 10/8, 127/8; 169.254/16 link-local; 192.168/16; 172.16/12
  `${HOST}(?:(?:0|10|127)\\.${N}|169\\.254|192\\.168|172\\.(?:1[6-9]|2[0-9]|3[01]))\\.${N}\\.${N}${END}`,
  // 100.64/10 shared address space; 192.0/16 (protocol assignments, documentation); 198.18/15
  // benchmarking; 224/4 multicast and 240/4 reserved
  `${HOST}(?:192\\.0|100\\.(?:6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])|198\\.1[89]|22[4-9]\\.${N}|2[3-5][0-9]\\.${N})\\.${N}\\.${N}${END}`,
  // any IPv6 literal (credential addresses do not use them)
  `${HOST}\\[`,
  // localhost, local suffixes, and single-label (intranet) names
  `${HOST}(?:localhost|[^/?#:@]*\\.(?:localhost|local|internal|lan|home\\.arpa)|[^./?#:@\\[]+)${END}`,
];
