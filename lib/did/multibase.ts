/**
 * Multibase (base58btc `z`, base64url `u`) and multicodec public-key headers, as used by did:key,
 * Multikey (Controlled Identifiers 1.0 §2.2.2) and Data Integrity proof values.
 * Pure functions; they return undefined on malformed input and never throw.
 */

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Map([...B58].map((c, i) => [c, i] as const));
/** SECURITY: bounds decoding cost (quadratic in length) for hostile input. */
const MAX_B58_CHARS = 4096;

/** Decodes base58btc (Bitcoin alphabet). */
export function base58Decode(text: string): Uint8Array | undefined {
  if (text.length > MAX_B58_CHARS) return undefined;
  const bytes: number[] = [];
  for (const ch of text) {
    let carry = B58_INDEX.get(ch);
    if (carry === undefined) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] ?? 0) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[zeros + i] = bytes[bytes.length - 1 - i] ?? 0;
  return out;
}

/** Encodes bytes as base58btc. */
export function base58Encode(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += (digits[i] ?? 0) << 8;
      digits[i] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out += '1';
  for (let i = digits.length - 1; i >= 0; i--) out += B58[digits[i] ?? 0];
  return out;
}

/** Decodes base64url (with or without padding). */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  try {
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    // A plain loop: Uint8Array.from(string, fn) is several times slower on every engine.
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Encodes bytes as unpadded base64url. */
export function base64UrlEncode(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes a multibase string: `z` base58btc or `u` base64url (the two the VC specs use). */
export function multibaseDecode(text: string): Uint8Array | undefined {
  if (text.startsWith('z')) return base58Decode(text.slice(1));
  if (text.startsWith('u')) return base64UrlDecode(text.slice(1));
  return undefined;
}

/** Key types named by multicodec headers (multiformats table: ed25519-pub, p256-pub, ...). */
export type MulticodecKey = 'Ed25519' | 'P-256' | 'P-384' | 'secp256k1' | 'X25519';

const CODECS: readonly { header: readonly number[]; key: MulticodecKey; length: number }[] = [
  { header: [0xed, 0x01], key: 'Ed25519', length: 32 },
  { header: [0x80, 0x24], key: 'P-256', length: 33 },
  { header: [0x81, 0x24], key: 'P-384', length: 49 },
  { header: [0xe7, 0x01], key: 'secp256k1', length: 33 },
  { header: [0xec, 0x01], key: 'X25519', length: 32 },
];

/** Splits a multicodec-prefixed public key; undefined for unknown codecs or wrong lengths. */
export function parseMulticodecKey(bytes: Uint8Array): { key: MulticodecKey; raw: Uint8Array } | undefined {
  for (const c of CODECS) {
    if (c.header.every((b, i) => bytes[i] === b)) {
      const raw = bytes.subarray(c.header.length);
      return raw.length === c.length ? { key: c.key, raw } : undefined;
    }
  }
  return undefined;
}

/** Encodes a raw public key as a `z`-multibase multicodec string (Multikey publicKeyMultibase). */
export function encodeMulticodecKey(key: MulticodecKey, raw: Uint8Array): string {
  const header = CODECS.find((c) => c.key === key)?.header ?? [];
  const out = new Uint8Array(header.length + raw.length);
  out.set(header, 0);
  out.set(raw, header.length);
  return `z${base58Encode(out)}`;
}
