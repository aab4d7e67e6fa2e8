/**
 * RDF Dataset Canonicalization (RDFC-1.0) of a JSON-LD document for Data Integrity
 * (vc-di-eddsa §3.3.2 / vc-di-ecdsa §3.3.2 "Transformation": "deserialize ... JSON-LD ... in safe
 * mode, canonicalize with RDFC-1.0"). Contexts come only from the bundled, pinned loader.
 *
 * Safe mode, decided (fail closed): every jsonld safe-mode event is fatal — including "invalid
 * property" (an undefined term is dropped from the signed dataset, so it could be added or changed
 * without breaking the signature) — with ONE named rule, OB3-EXTENSION-TYPES: the OB 3.0 contexts
 * before `extensions.json` do not define the 1EdTech extension types `1EdTechJsonSchemaValidator2019`,
 * `1EdTechRevocationList`, `1EdTechCredentialRefresh` (PLATFORMS.md pitfall). When those are the only
 * objections, the value is a relative `@type`, which RDF cannot express: it is left out of the
 * canonical dataset (as every non-safe signer leaves it out), so it is NOT covered by the signature.
 * These types only name a schema validator, a status or a refresh service; the status entry
 * itself is still checked. The rule is reported in the proof check's detail.
 */
import jsonld from 'jsonld';
import type { JsonLdEvent } from 'jsonld';
import { errorText, findReservedName } from '../did/json';
import { createContextLoader, findLoaderError } from '../net/jsonld-loader';
import { fastCanonize } from './fast-rdf/index';

/** The types the OB3-EXTENSION-TYPES rule tolerates as undefined relative types. */
export const OB_EXTENSION_TYPES: readonly string[] = [
  '1EdTechJsonSchemaValidator2019',
  '1EdTechRevocationList',
  '1EdTechCredentialRefresh',
];

/** Outcome of canonicalisation. */
export type CanonResult =
  | { ok: true; nquads: string; rules: string[] }
  | {
      ok: false;
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN' | 'ERR_JSONLD_UNSAFE' | 'ERR_JSONLD_INVALID';
      detail: string;
      url?: string;
    };

const loader = createContextLoader();

function describe(event: JsonLdEvent): string {
  return `${event.code} ${JSON.stringify(event.details ?? {})}`.slice(0, 300);
}

function tolerated(event: JsonLdEvent): boolean {
  if (event.code !== 'relative @type reference' && event.code !== 'relative object reference') return false;
  const t = event.details?.type ?? event.details?.object;
  const value = Array.isArray(t) ? t : [t];
  return value.every((v) => typeof v === 'string' && OB_EXTENSION_TYPES.includes(v));
}

/**
 * Canonicalises a JSON-LD document to RDFC-1.0 N-Quads. `digest` is RDFC-1.0's hash for blank-node
 * labels: SHA-256 by default, SHA-384 for ecdsa-rdfc-2019 with P-384 (vc-di-ecdsa §3.3.2). Never throws.
 */
export async function canonizeRdfc(
  doc: unknown,
  digest: 'SHA-256' | 'SHA-384' = 'SHA-256',
): Promise<CanonResult> {
  const reserved = findReservedName(doc);
  if (reserved) return { ok: false, code: 'ERR_JSONLD_INVALID', detail: `Reserved name at ${reserved}.` };
  // Fast path (lib/proof/fast-rdf): byte-identical N-Quads or a decline, proven against jsonld.js
  // on every vector by tests/unit/fast-rdf.test.ts. A decline changes nothing: jsonld.js decides.
  try {
    const fast = await fastCanonize(doc, digest, loader);
    if (fast.ok) return { ok: true, nquads: fast.nquads, rules: [] };
  } catch {
    // e.g. rdf-canonize's work-factor limit: the jsonld.js path reports it as before
  }
  return canonizeWithJsonld(doc, digest);
}

/** The reference path: jsonld.canonize with the pinned loader and the safe-mode event handler. */
export async function canonizeWithJsonld(
  doc: unknown,
  digest: 'SHA-256' | 'SHA-384' = 'SHA-256',
): Promise<CanonResult> {
  const reserved = findReservedName(doc);
  if (reserved) return { ok: false, code: 'ERR_JSONLD_INVALID', detail: `Reserved name at ${reserved}.` };
  const fatal: JsonLdEvent[] = [];
  const rules = new Set<string>();
  try {
    const nquads = await jsonld.canonize(doc, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: loader,
      base: null,
      safe: false,
      // SECURITY: bounds the blank-node permutation work a hostile document can force (RDFC-1.0 §4.4 poison graphs).
      canonizeOptions: {
        maxWorkFactor: 1,
        messageDigestAlgorithm: digest === 'SHA-384' ? 'sha384' : 'sha256',
      },
      eventHandler: ({ event, next }) => {
        if (tolerated(event))
          rules.add(`OB3-EXTENSION-TYPES (${String(event.details?.type ?? event.details?.object)})`);
        else fatal.push(event);
        next();
      },
    });
    if (fatal[0])
      return { ok: false, code: 'ERR_JSONLD_UNSAFE', detail: `JSON-LD safe mode: ${describe(fatal[0])}` };
    return { ok: true, nquads, rules: [...rules] };
  } catch (error) {
    const refused = findLoaderError(error);
    if (refused)
      return { ok: false, code: 'ERR_JSONLD_CONTEXT_UNKNOWN', url: refused.url, detail: refused.message };
    return { ok: false, code: 'ERR_JSONLD_INVALID', detail: errorText(error) };
  }
}
