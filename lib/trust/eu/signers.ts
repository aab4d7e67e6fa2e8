/**
 * LOTL signing certificates as people are given them (ETSI TS 119 612 §5.3.13; the Official Journal
 * publishes them as PEM/base64): used when they replace the ones shipped with CredLens (options
 * page, managed policy, `credlens verify --lotl-signers`).
 */

/** At most this many LOTL signing certificates, each at most this long (base64). */
const MAX_SIGNERS = 20;
const MAX_CERT_B64 = 16_384;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads LOTL signing certificates as an administrator or the Official Journal gives them: PEM
 * blocks, bare base64 DER (one per line), or a CredLens pin file (`{"certificates":[{"der"}]}`).
 * Checks the form only (base64 of a DER SEQUENCE); the list signature check uses them as given.
 */
export function parseSignerCertificates(v: unknown): { ok: true; certs: string[] } | { ok: false; error: string } {
  let items: unknown[] = [];
  if (Array.isArray(v)) items = v;
  else if (typeof v === 'string') {
    const text = v.trim();
    if (text.startsWith('{')) {
      try {
        const doc = JSON.parse(text) as { certificates?: { der?: unknown }[] };
        items = Array.isArray(doc.certificates) ? doc.certificates.map((c) => c?.der) : [];
      } catch {
        return { ok: false, error: 'the text starts like JSON but is not valid JSON' };
      }
    } else {
      const pem = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => m[1] ?? '');
      items = pem.length > 0 ? pem : text.split(/\s*\n\s*/);
    }
  } else return { ok: false, error: 'expected certificates (PEM, base64 or a pin file)' };
  const certs = items
    .map((x) => (typeof x === 'string' ? x.replace(/\s+/g, '') : ''))
    .filter((x) => x !== '');
  if (certs.length === 0) return { ok: false, error: 'no certificate found' };
  if (certs.length > MAX_SIGNERS) return { ok: false, error: `at most ${MAX_SIGNERS} certificates` };
  for (const [i, c] of certs.entries()) {
    // A DER certificate is a SEQUENCE with a long-form length: base64 "MII…" (or "MI…" when short).
    if (c.length > MAX_CERT_B64 || !B64.test(c) || !c.startsWith('MI')) return { ok: false, error: `certificate ${i + 1} is not a base64 DER certificate` };
  }
  return { ok: true, certs };
}
