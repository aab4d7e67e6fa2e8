/** Small hand-written guards: every incoming value is `unknown` until one of these accepts it. */

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string of at most `max` characters (and at least `min`). */
export function isBoundedString(v: unknown, max: number, min = 0): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

/** An optional bounded string: absent, or a bounded string. */
export function isOptionalString(v: unknown, max: number): v is string | undefined {
  return v === undefined || isBoundedString(v, max);
}

/** A non-negative safe integer (tab ids, counts). */
export function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** True when the object has no keys outside `allowed`. SECURITY: unexpected fields are refused, not carried along. */
export function hasOnlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(o).every((k) => allowed.includes(k));
}

/** An absolute http(s) URL of bounded length. */
export function isHttpUrl(v: unknown, max: number): v is string {
  if (!isBoundedString(v, max, 8)) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
