/**
 * Private / loopback / link-local target detection for the safe fetcher.
 * SECURITY: without it a hostile credential can make CredLens (running inside the recruiter's
 * network) request routers, intranet admin pages or cloud metadata (169.254.169.254): SSRF.
 * Limitation: a public DNS name that resolves to a private address is not caught here
 * (neither fetch in Node nor in a service worker exposes the resolved address).
 */

/** IPv4 ranges that are not public unicast: [network, prefix length]. */
const PRIVATE_V4: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // 0.0.0.0/8 "this network" (0.0.0.0 reaches localhost)
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local, cloud metadata
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, 255.255.255.255 broadcast
];

/** True when the 32-bit IPv4 address is in a non-public range. */
function isPrivateV4(addr: number): boolean {
  return PRIVATE_V4.some(([net, bits]) => addr >>> (32 - bits) === net >>> (32 - bits));
}

/** Parses dotted-decimal IPv4 (the form the WHATWG URL parser outputs) to a 32-bit number. */
function parseDottedV4(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length !== 4) return undefined;
  let addr = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    addr = addr * 256 + n;
  }
  return addr;
}

/** Parses a canonical IPv6 literal (no brackets, hex groups only, as URL serialises it) into eight groups. */
function parseV6(host: string): number[] | undefined {
  const halves = host.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  return [...head, ...new Array<number>(8 - given).fill(0), ...rest];
}

/** True when the IPv6 address (eight groups) is loopback, unspecified, ULA, link-local or embeds a private IPv4. */
function isPrivateV6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const v4 = g6 * 0x10000 + g7;
  const zeroTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroTo4 && g5 === 0) return g6 === 0 || isPrivateV4(v4); // ::, ::1, IPv4-compatible ::a.b.c.d
  if (zeroTo4 && g5 === 0xffff) return isPrivateV4(v4); // IPv4-mapped ::ffff:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateV4(v4); // NAT64
  if (g0 === 0x2002) return isPrivateV4(g1 * 0x10000 + g2); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  return false;
}

/** Canonical host as the WHATWG URL parser sees it (integer/hex/octal IPv4 → dotted), or undefined. */
function canonicalHost(hostname: string): string | undefined {
  let host = hostname.trim().toLowerCase();
  if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

/** True when a URL hostname names a private, loopback, link-local or otherwise non-public target. */
export function isPrivateHost(hostname: string): boolean {
  const host = canonicalHost(hostname);
  // SECURITY: an unparseable host is treated as private (fail closed) rather than fetched.
  if (host === undefined || host === '') return true;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name.startsWith('[') && name.endsWith(']')) {
    const groups = parseV6(name.slice(1, -1));
    return groups === undefined ? true : isPrivateV6(groups);
  }
  const v4 = parseDottedV4(name);
  return v4 !== undefined && isPrivateV4(v4);
}
