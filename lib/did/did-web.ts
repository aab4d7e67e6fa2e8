/**
 * did:web (W3C CCG did:web §3.2 "Read"): `did:web:<host>[%3A<port>]{:<path>}` →
 * `https://<host>[:<port>]/<path>/did.json`, or `/.well-known/did.json` without a path.
 * Path-based ids such as Credly's `did:web:www.credly.com:api:v1:obi:v3:issuers:<uuid>` map to
 * `https://www.credly.com/api/v1/obi/v3/issuers/<uuid>/did.json`.
 */

/** True when the text holds a C0 control character or DEL (which the URL parser strips). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** The HTTPS URL of a did:web document, or undefined when the DID is malformed. */
export function didWebUrl(did: string): string | undefined {
  const m = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!m || !m[1]) return undefined;
  let host: string;
  try {
    host = decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
  // SECURITY: only host[:port]; anything else (userinfo, slashes) could redirect the fetch.
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) return undefined;
  const segments = (m[2] ?? '').split(':').filter((s) => s !== '');
  for (const s of segments) {
    // SECURITY: the DID syntax's idchar (ALPHA / DIGIT / "." / "-" / "_" / pct-encoded) only; a
    // backslash, TAB or dot segment would be normalised away by the URL parser (refused, not fixed).
    if (!/^(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+$/.test(s)) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..' || /[/\\?#]/.test(decoded) || hasControl(decoded)) return undefined;
  }
  const path = segments.length > 0 ? `/${segments.join('/')}/did.json` : '/.well-known/did.json';
  try {
    const url = new URL(`https://${host}${path}`);
    // Whatever the parser would still rewrite is refused: the address must be exactly the one built.
    if (url.pathname !== path || url.host !== host.toLowerCase()) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}
