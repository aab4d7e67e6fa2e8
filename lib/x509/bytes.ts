/** Byte helpers for the X.509 / JAdES / trusted-list modules: base64, base64url, hex, SHA digests. */

/** Decodes standard or URL-safe base64 (whitespace ignored); undefined when malformed. */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Encodes bytes as standard base64 (with padding). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Encodes bytes as base64url without padding (RFC 7515 §2). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Constant-shape byte comparison (inputs are public; no timing concern). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy as a plain ArrayBuffer (pkijs/asn1js and WebCrypto want one). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}

/** WebCrypto digest names by the OIDs used in time-stamps and OCSP. */
export const HASH_BY_OID: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** Digest of bytes with WebCrypto. */
export async function digest(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(name, toArrayBuffer(bytes)));
}

/** A base64 DER certificate as PEM (64-character lines). */
export function toPem(der: string): string {
  return `-----BEGIN CERTIFICATE-----\n${der.replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----`;
}
