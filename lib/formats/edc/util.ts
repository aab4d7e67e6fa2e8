/** Helpers shared by the EDC modules (re-exported from the Open Badges helpers where identical). */
import { base64UrlDecode } from '../../did/multibase';
export { check, errorText, isObj, asArray, str, type Json } from '../ob2/util';

/** Decodes base64url text to a UTF-8 string; undefined when malformed. */
export function b64urlText(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = base64UrlDecode(text);
  if (bytes === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Parses JSON without throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An ISO date-time for messages (seconds precision, UTC). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A date as people read it ("27 September 2023"). */
export function humanDate(d: Date): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
