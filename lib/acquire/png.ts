/**
 * Unbakes a PNG badge: finds the `openbadges` (OB 1.x/2.0) or `openbadgecredential` (OB 3.0)
 * text chunk. Implements PNG (ISO/IEC 15948, W3C PNG 3rd ed.) §5.3 chunk layout, §11.3.3
 * tEXt/zTXt/iTXt, and Open Badges 2.0 "Baking" / OB 3.0 §5.3.1 (exactly one badge chunk).
 */
import { LIMITS } from '../model/input';
import { decompressCapped } from '../decompress';

/** Machine codes of PNG unbaking failures. */
export type PngErrorCode =
  | 'ERR_PNG_NOT_PNG'
  | 'ERR_PNG_TRUNCATED'
  | 'ERR_PNG_CORRUPT'
  | 'ERR_PNG_BAD_CRC'
  | 'ERR_PNG_TOO_LARGE'
  | 'ERR_PNG_NO_BADGE'
  | 'ERR_PNG_MULTIPLE_BADGES';

/** One badge text chunk found in the PNG. */
export interface PngTextChunk {
  keyword: string;
  chunkType: 'iTXt' | 'tEXt' | 'zTXt';
  compressed: boolean;
  text: string;
}

/** Result of readPngText; never throws. */
export type PngTextResult =
  ({ ok: true } & PngTextChunk) | { ok: false; code: PngErrorCode; message: string; detail?: string };

/** The PNG file signature (§5.2). */
export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309 / PNG Annex D) of a byte range. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** True when the bytes start with the PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

type Failure = Extract<PngTextResult, { ok: false }>;
const failure = (code: PngErrorCode, message: string, detail?: string): Failure =>
  detail === undefined ? { ok: false, code, message } : { ok: false, code, message, detail };

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/** Inflates zlib data with a hard output cap. */
async function inflate(data: Uint8Array): Promise<Uint8Array | Failure> {
  const r = await decompressCapped(data, 'deflate', LIMITS.maxInflatedBytes);
  if (r.ok) return r.bytes;
  return r.tooLarge
    ? failure(
        'ERR_PNG_TOO_LARGE',
        'The badge data in the image is too large.',
        `inflates beyond ${LIMITS.maxInflatedBytes} bytes`,
      )
    : failure('ERR_PNG_CORRUPT', 'The badge data in the image is damaged.', `zlib: ${r.error}`);
}

/** Decodes one tEXt / zTXt / iTXt chunk whose keyword matched. */
async function decodeText(
  type: PngTextChunk['chunkType'],
  data: Uint8Array,
  sep: number,
): Promise<PngTextChunk | Failure> {
  const keyword = latin1(data.subarray(0, sep));
  const bad = (why: string): Failure =>
    failure('ERR_PNG_CORRUPT', 'The badge text chunk in the image is malformed.', `${type}: ${why}`);
  if (type === 'tEXt')
    return { keyword, chunkType: type, compressed: false, text: latin1(data.subarray(sep + 1)) };
  if (type === 'zTXt') {
    if (data[sep + 1] !== 0) return bad('unknown compression method');
    const raw = await inflate(data.subarray(sep + 2));
    return raw instanceof Uint8Array
      ? { keyword, chunkType: type, compressed: true, text: latin1(raw) }
      : raw;
  }
  // iTXt: keyword 0 flag method language 0 translated-keyword 0 text
  const flag = data[sep + 1];
  const method = data[sep + 2];
  if (flag !== 0 && flag !== 1) return bad('bad compression flag');
  if (flag === 1 && method !== 0) return bad('unknown compression method');
  const langEnd = data.indexOf(0, sep + 3);
  const transEnd = langEnd < 0 ? -1 : data.indexOf(0, langEnd + 1);
  if (transEnd < 0) return bad('missing language or translated keyword terminator');
  let body = data.subarray(transEnd + 1);
  if (flag === 1) {
    const raw = await inflate(body);
    if (!(raw instanceof Uint8Array)) return raw;
    body = raw;
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { keyword, chunkType: type, compressed: flag === 1, text };
  } catch {
    return bad('text is not UTF-8');
  }
}

/** Finds the single badge text chunk whose keyword is in `keywords`. Never throws. */
export async function readPngText(bytes: Uint8Array, keywords: readonly string[]): Promise<PngTextResult> {
  if (!hasPngSignature(bytes)) return failure('ERR_PNG_NOT_PNG', 'The file is not a PNG image.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: PngTextChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  let index = 0;
  for (;;) {
    // SECURITY: every length is bounded by the bytes actually present; a forged length must not read past the end.
    if (offset + 12 > bytes.length) {
      return failure(
        'ERR_PNG_TRUNCATED',
        'The PNG image is incomplete (cut off before its end).',
        `chunk header at byte ${offset}`,
      );
    }
    const length = view.getUint32(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const type = latin1(typeBytes);
    if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff) {
      return failure('ERR_PNG_CORRUPT', 'The PNG image is damaged.', `bad chunk header at byte ${offset}`);
    }
    if (index === 0 && type !== 'IHDR')
      return failure('ERR_PNG_CORRUPT', 'The PNG image is damaged.', 'first chunk is not IHDR');
    if (offset + 12 + length > bytes.length) {
      return failure(
        'ERR_PNG_TRUNCATED',
        'The PNG image is incomplete (cut off before its end).',
        `${type} chunk at byte ${offset} needs ${length} bytes`,
      );
    }
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const stored = view.getUint32(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== stored) {
      return failure(
        'ERR_PNG_BAD_CRC',
        'The PNG image is damaged or was altered (checksum mismatch).',
        `${type} chunk at byte ${offset}`,
      );
    }
    if (type === 'IEND') break;
    if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') {
      const sep = data.indexOf(0);
      if (sep >= 1 && sep <= 79 && keywords.includes(latin1(data.subarray(0, sep)))) {
        const chunk = await decodeText(type, data, sep);
        if ('ok' in chunk) return chunk;
        found.push(chunk);
      }
    }
    offset += 12 + length;
    index++;
  }
  const [first, second] = found;
  if (first === undefined) {
    return failure(
      'ERR_PNG_NO_BADGE',
      'This PNG image is not a baked badge (it carries no badge data).',
      `no ${keywords.join('/')} text chunk`,
    );
  }
  if (second !== undefined) {
    // SECURITY: the baking spec allows one badge chunk; choosing one of several lets a forger hide a second credential.
    return failure(
      'ERR_PNG_MULTIPLE_BADGES',
      'This PNG image carries more than one badge, which the Open Badges baking rules forbid.',
      found.map((c) => `${c.chunkType} ${c.keyword}`).join(', '),
    );
  }
  return { ok: true, ...first };
}
