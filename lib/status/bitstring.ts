/**
 * Bitstring decoding for W3C Bitstring Status List 1.0 (§3.1 "encodedList": multibase base64url
 * (`u`) of a GZIP-compressed bitstring; §3.2 "Bitstring Expansion" — index 0 is the left-most bit)
 * and StatusList2021 (plain base64url of the same GZIP bitstring). `statusSize` > 1 reads a
 * multi-bit status value (§2.1 BitstringStatusListEntry).
 */
import { base64UrlDecode } from '../did/multibase';
import { decompressCapped } from '../decompress';

/** SECURITY: cap on the expanded bitstring (spec minimum is 16 KiB; 1 MiB leaves room for big lists without a gzip bomb). */
export const MAX_BITSTRING_BYTES = 1024 * 1024;

/** Decoded bitstring or why not. */
export type Bitstring = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

async function gunzip(data: Uint8Array): Promise<Bitstring> {
  const r = await decompressCapped(data, 'gzip', MAX_BITSTRING_BYTES);
  if (r.ok) return r;
  return {
    ok: false,
    reason: r.tooLarge
      ? `the list expands beyond ${MAX_BITSTRING_BYTES} bytes`
      : `the list is not valid GZIP (${r.error})`,
  };
}

const isGzip = (b: Uint8Array | undefined): b is Uint8Array => !!b && b[0] === 0x1f && b[1] === 0x8b;

/** Decodes an encodedList (multibase `u…` or plain base64url, GZIP inside). */
export async function decodeEncodedList(encoded: string): Promise<Bitstring> {
  const multibase = encoded.startsWith('u') ? base64UrlDecode(encoded.slice(1)) : undefined;
  const plain = base64UrlDecode(encoded);
  const data = isGzip(multibase) ? multibase : isGzip(plain) ? plain : undefined;
  if (!data) return { ok: false, reason: 'encodedList is not base64url-encoded GZIP data' };
  return gunzip(data);
}

/** Reads the status value at `index` (statusSize bits, big-endian, left-most bit first); undefined when out of range. */
export function readStatus(bits: Uint8Array, index: number, statusSize = 1): number | undefined {
  if (
    !Number.isInteger(index) ||
    index < 0 ||
    !Number.isInteger(statusSize) ||
    statusSize < 1 ||
    statusSize > 16
  )
    return undefined;
  const start = index * statusSize;
  if (start + statusSize > bits.length * 8) return undefined;
  let value = 0;
  for (let i = start; i < start + statusSize; i++) {
    const bit = ((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
    value = (value << 1) | bit;
  }
  return value;
}
