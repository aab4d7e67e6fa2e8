/** Small guards for untrusted registry JSON: bounded parsing, typed field reads. Never throw. */
import { base64UrlDecode } from '../did/multibase';

/** SECURITY: a registry answer larger than this is refused before parsing (memory, worker stalls). */
export const MAX_REGISTRY_BYTES = 4 * 1024 * 1024;
/** Longest string kept from a registry (names, URLs, DIDs). */
export const MAX_FIELD = 2_048;

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A bounded non-empty string, or undefined. */
export function str(v: unknown, max = MAX_FIELD): string | undefined {
  return typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : undefined;
}

/** Decodes and parses JSON from bytes or text, refusing oversized input. */
export function parseJsonBounded(input: Uint8Array | string, max = MAX_REGISTRY_BYTES): { ok: true; value: unknown } | { ok: false; error: string } {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > max) return { ok: false, error: `the answer is larger than ${Math.round(max / 1024)} KB` };
  try {
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Hex SHA-256 of a string (for content versions). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Base64url → JSON object (JWT header/payload), or undefined. */
export function decodeJwtPart(part: string | undefined): JsonObject | undefined {
  if (part === undefined || part.length > MAX_REGISTRY_BYTES || !/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  try {
    const bytes = base64UrlDecode(part);
    if (bytes === undefined) return undefined;
    const value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
