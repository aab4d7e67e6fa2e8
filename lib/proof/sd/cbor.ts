/**
 * Bounded CBOR (RFC 8949) decoding of an `ecdsa-sd-2023` proofValue body with cborg. Before cborg
 * builds anything, the token stream is walked once with cborg's own tokenizer, iteratively, so a
 * hostile value cannot force deep recursion, huge allocations or long loops: only unsigned
 * integers, byte strings, arrays and maps are allowed (vc-di-ecdsa §3.4 "serializeDerivedProofValue":
 * "CBOR tagging MUST NOT be used"), with limits on depth, item count and declared lengths.
 * Never throws: returns the decoded value or a reason.
 */
import { decode, Tokenizer, Type } from 'cborg';

/** SECURITY: limits of the pre-scan (the derived proof value is at most 3 levels deep). */
export interface CborLimits {
  maxDepth: number;
  /** Total number of data items (every array/map/leaf counts one). */
  maxItems: number;
  /** Largest declared array length / map size. */
  maxLength: number;
}

export type CborResult = { ok: true; value: unknown } | { ok: false; reason: string; limit?: boolean };

/** What a pre-scan accepts besides arrays and maps. */
export interface CborKinds {
  /** Tags (each wraps one item); otherwise refused. */
  tags: boolean;
  /** Every leaf type; otherwise only unsigned integers and byte strings. */
  anyLeaf: boolean;
  /** cborg's strict mode (canonical lengths). */
  strict: boolean;
}

const SD_KINDS: CborKinds = { tags: false, anyLeaf: false, strict: true };

/**
 * Walks the tokens of `data` once, iteratively, and checks they form exactly one bounded item of
 * the allowed kinds: no deep recursion, huge allocation or long loop for a hostile value. Shared by
 * every CBOR reader (ecdsa-sd proof values, mdocs).
 */
export function prescanCbor(
  data: Uint8Array,
  limits: CborLimits,
  kinds: CborKinds = SD_KINDS,
): { ok: true } | { ok: false; reason: string; limit?: boolean } {
  const tokenizer = new Tokenizer(data, {
    strict: kinds.strict,
    allowIndefinite: false,
    allowUndefined: false,
  });
  // Remaining child counts of the open arrays/maps/tags; the root is one pending item.
  const pending: number[] = [1];
  let items = 0;
  while (pending.length > 0) {
    if ((pending[pending.length - 1] ?? 0) === 0) {
      pending.pop();
      continue;
    }
    pending[pending.length - 1] = (pending[pending.length - 1] ?? 0) - 1;
    if (tokenizer.done()) return { ok: false, reason: 'the CBOR data ends early (truncated)' };
    const token = tokenizer.next();
    items += 1;
    if (items > limits.maxItems)
      return { ok: false, reason: `more than ${limits.maxItems} CBOR items`, limit: true };
    const type = token.type;
    let children: number;
    if (Type.equals(type, Type.array) || Type.equals(type, Type.map)) {
      const declared = Number(token.value);
      children = Type.equals(type, Type.map) ? declared * 2 : declared;
      // Every child takes at least one byte: a longer declaration cannot be complete.
      if (!Number.isSafeInteger(children) || children > data.length - tokenizer.pos())
        return {
          ok: false,
          reason: `a CBOR ${type.name} declares ${declared} entries but the data ends first`,
        };
      if (declared > limits.maxLength)
        return {
          ok: false,
          reason: `a CBOR ${type.name} has ${declared} entries (limit ${limits.maxLength})`,
          limit: true,
        };
    } else if (kinds.tags && Type.equals(type, Type.tag)) {
      children = 1;
    } else if (kinds.anyLeaf || Type.equals(type, Type.uint) || Type.equals(type, Type.bytes)) {
      continue;
    } else {
      return { ok: false, reason: `CBOR ${type.name} items are not allowed here` };
    }
    // The root sits at depth 1; an array/map/tag opened now puts its children one level deeper.
    if (pending.length >= limits.maxDepth)
      return { ok: false, reason: `CBOR nesting deeper than ${limits.maxDepth}` };
    pending.push(children);
  }
  if (!tokenizer.done()) return { ok: false, reason: 'bytes follow the CBOR item' };
  return { ok: true };
}

/** Decodes one CBOR item (maps as `Map`, integer keys kept) within `limits`. Never throws. */
export function decodeBoundedCbor(data: Uint8Array, limits: CborLimits): CborResult {
  try {
    const scan = prescanCbor(data, limits);
    if (!scan.ok) return scan;
    const value: unknown = decode(data, {
      strict: true,
      useMaps: true,
      rejectDuplicateMapKeys: true,
      allowIndefinite: false,
      allowUndefined: false,
      allowInfinity: false,
      allowNaN: false,
      allowBigInt: false,
    });
    return { ok: true, value };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `CBOR: ${text.slice(0, 200)}` };
  }
}
