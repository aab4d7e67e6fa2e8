/**
 * Bounded CBOR (RFC 8949) decoding for ISO/IEC 18013-5 mdocs with cborg. The token stream is first
 * walked once, iteratively, with limits on depth, item count and declared lengths, so a hostile
 * file cannot force deep recursion or long loops; then cborg decodes it with maps kept as `Map`
 * (COSE uses integer labels) and duplicate keys refused.
 *
 * Tags understood (anything else is refused):
 * - 24 "encoded CBOR data item" (RFC 8949 §3.4.5.1): kept as an {@link Embedded} with the exact
 *   bytes of the tagged item, because ISO 18013-5 §9.1.2.4 hashes IssuerSignedItemBytes as they
 *   were sent (tag included), and the COSE signature covers the payload bytes as sent;
 * - 0 (date/time text, RFC 8949 §3.4.1) → {@link TDate}; 1004 (full-date text, RFC 8943) →
 *   {@link FullDate}; 1 (epoch seconds) → {@link TDate} with the ISO form;
 * - 18 (COSE_Sign1, RFC 9052 §4.2) and 17 (COSE_Mac0): the tagged array itself.
 *
 * Never throws: returns the decoded value or a reason.
 */
import { decode, Tokenizer } from 'cborg';
import { prescanCbor } from '../../proof/sd/cbor';
import type { DecodeTokenizer, TagDecoder } from 'cborg/interface';

/** A tag-24 item: the embedded CBOR (`inner`) and the bytes of the whole tagged item as sent. */
export class Embedded {
  constructor(
    readonly inner: Uint8Array,
    readonly tagged: Uint8Array,
  ) {}
}

/** A tag-0 (or tag-1) date-time. `text` is the RFC 3339 text as sent (tag 1: its ISO form). */
export class TDate {
  constructor(readonly text: string) {}
}

/** A tag-1004 full-date ("2024-05-31"). */
export class FullDate {
  constructor(readonly text: string) {}
}

/** SECURITY: limits of the pre-scan. An mdoc is shallow; PID/mDL responses have a few hundred items. */
const LIMITS = { maxDepth: 24, maxItems: 200_000, maxLength: 100_000 };

export type CborResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** A tokenizer that remembers where the last token started (for tag 24's exact bytes). */
class TrackingTokenizer implements DecodeTokenizer {
  private readonly inner: Tokenizer;
  lastStart = 0;
  constructor(data: Uint8Array) {
    this.inner = new Tokenizer(data, { allowIndefinite: false, allowUndefined: false });
  }
  done(): boolean {
    return this.inner.done();
  }
  next(): ReturnType<Tokenizer['next']> {
    this.lastStart = this.inner.pos();
    return this.inner.next();
  }
  pos(): number {
    return this.inner.pos();
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * True when the text's calendar fields name a real instant (month 1–12, a day the month has, hours,
 * minutes and seconds in range): `new Date` would roll "2024-02-30" over to 1 March and give NaN
 * for month 13, and a NaN date compares false with everything, so it would pass every window.
 */
export function realDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(text);
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? '0');
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= days &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(se) < 61 &&
    !Number.isNaN(Date.parse(text))
  );
}

/** Decodes one CBOR item of an mdoc. Never throws. */
export function decodeMdocCbor(data: Uint8Array): CborResult {
  try {
    const scan = prescanCbor(data, LIMITS, { tags: true, anyLeaf: true, strict: false });
    if (!scan.ok) return { ok: false, reason: scan.reason };
    const tokenizer = new TrackingTokenizer(data);
    const tags: TagDecoder[] = [];
    tags[24] = (content) => {
      const start = tokenizer.lastStart;
      const inner: unknown = content();
      if (!(inner instanceof Uint8Array)) throw new Error('tag 24 does not hold a byte string');
      return new Embedded(inner, data.slice(start, tokenizer.pos()));
    };
    tags[0] = (content) => {
      const text: unknown = content();
      if (typeof text !== 'string' || !RFC3339.test(text) || !realDate(text))
        throw new Error('tag 0 does not hold an RFC 3339 date-time');
      return new TDate(text);
    };
    tags[1] = (content) => {
      const n: unknown = content();
      if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > 1e11)
        throw new Error('tag 1 does not hold epoch seconds');
      return new TDate(new Date(n * 1000).toISOString());
    };
    tags[1004] = (content) => {
      const text: unknown = content();
      if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text) || !realDate(text))
        throw new Error('tag 1004 does not hold a full-date');
      return new FullDate(text);
    };
    tags[17] = (content) => content();
    tags[18] = (content) => content();
    const value: unknown = decode(data, {
      useMaps: true,
      rejectDuplicateMapKeys: true,
      allowIndefinite: false,
      allowUndefined: false,
      allowInfinity: false,
      allowNaN: false,
      allowBigInt: false,
      tags,
      tokenizer,
    });
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** A map's value by key (string or integer label). */
export function get(map: unknown, key: string | number): unknown {
  return map instanceof Map ? map.get(key) : undefined;
}

/** The kind of mdoc structure at the root of `value`, when it is one (ISO 18013-5 §8.3.2.1.2.2, §9.1.2.4). */
export function mdocRoot(value: unknown): 'DeviceResponse' | 'IssuerSigned' | undefined {
  if (!(value instanceof Map)) return undefined;
  if (value.has('version') && Array.isArray(value.get('documents'))) return 'DeviceResponse';
  if (value.get('nameSpaces') instanceof Map && Array.isArray(value.get('issuerAuth'))) return 'IssuerSigned';
  return undefined;
}

/** Cheap recognition for acquire: bytes that decode to a DeviceResponse or IssuerSigned map. */
export function recogniseMdocBytes(bytes: Uint8Array): 'DeviceResponse' | 'IssuerSigned' | undefined {
  // A CBOR map starts with major type 5 (0xa0–0xbf); nothing else can be an mdoc root.
  const first = bytes[0];
  if (first === undefined || first < 0xa0 || first > 0xbf) return undefined;
  const got = decodeMdocCbor(bytes);
  return got.ok ? mdocRoot(got.value) : undefined;
}

/** Decodes hex, base64 or base64url text (whitespace ignored) to bytes; undefined otherwise. */
export function textToBytes(raw: string): Uint8Array | undefined {
  const text = raw.replace(/\s+/g, '');
  if (text.length === 0) return undefined;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) {
    const out = new Uint8Array(text.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  if (/[+/]/.test(text) && /[_-]/.test(text)) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (b64.length % 4 === 1) return undefined;
  try {
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}
