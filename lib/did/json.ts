/** Tiny JSON helpers shared by lib/did, lib/proof and lib/status (no dependencies). */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObj(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value as an array (undefined → []). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The id of a reference: the string itself or the `id` of an embedded object. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObj(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

/** Parses UTF-8 JSON bytes; undefined when not JSON. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Text of an unknown error. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
