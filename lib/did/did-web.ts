/**
 * did:web (W3C CCG did:web §3.2 "Read"): `did:web:<host>[%3A<port>]{:<path>}` →
 * `https://<host>[:<port>]/<path>/did.json`, or `/.well-known/did.json` without a path.
 * Path-based ids such as Credly's `did:web:www.credly.com:api:v1:obi:v3:issuers:<uuid>` map to
 * `https://www.credly.com/api/v1/obi/v3/issuers/<uuid>/did.json`.
 */

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
    let decoded: string;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..' || decoded.includes('/')) return undefined;
  }
  const path = segments.length > 0 ? `/${segments.join('/')}/did.json` : '/.well-known/did.json';
  try {
    return new URL(`https://${host}${path}`).href;
  } catch {
    return undefined;
  }
}
