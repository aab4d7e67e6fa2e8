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

/** Names that JavaScript objects inherit through: as a key or an id they can reach Object.prototype. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * SECURITY: the path of the first key, or whole string value, named `__proto__`, `constructor`
 * or `prototype` (jsonld.js uses ids, types and keys as map keys: a credential whose subject id
 * is "__proto__" polluted Object.prototype for every later verification in the process). Such
 * documents are refused before any library sees them. Nesting deeper than 256 levels is refused
 * the same way (jsonld.js recursion overflows the stack on it).
 */
export function findReservedName(value: unknown, path = '$', depth = 0): string | undefined {
  if (depth > 256) return `${path} (nested deeper than 256 levels)`;
  if (typeof value === 'string') return RESERVED.has(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findReservedName(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    if (RESERVED.has(key)) return `${path}.${key}`;
    const found = findReservedName((value as Json)[key], `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
