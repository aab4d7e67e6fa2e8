/**
 * Fast JSON-LD → RDF → RDFC-1.0 path for Data Integrity canonicalisation (issue 3). Expands with
 * pinned contexts processed once per process (see ./context.ts), deserialises to the dataset
 * jsonld.toRDF would produce (./to-rdf.ts) and canonicalises it with rdf-canonize using the same
 * options as the jsonld.canonize path. It is conservative: anything it does not implement exactly,
 * and anything jsonld.js would report as an error or safe-mode event, makes it decline, and the
 * caller uses jsonld.canonize. tests/unit/fast-rdf.test.ts compares both on every vector.
 */
import type { DocumentLoader } from 'jsonld';
import rdfCanonize from 'rdf-canonize';
import { type ContextSource, Decline, INITIAL, NeedContext } from './context';
import { expand, type Item } from './expand';
import { type Quad, toDataset } from './to-rdf';

export type FastResult = { ok: true; nquads: string } | { ok: false; declined: string };

/** Bundled context documents already served (pin-checked) by the loader, by URL. */
const LOADED = new Map<string, unknown>();
/** URLs the loader refused: the fast path declines them (jsonld.js reports the refusal). */
const REFUSED = new Set<string>();

function makeSource(): ContextSource {
  return (url) => {
    if (REFUSED.has(url)) return undefined;
    return LOADED.has(url) ? { loaded: true, context: LOADED.get(url) } : { loaded: false };
  };
}

/** The RDF dataset of a JSON-LD document, or the reason the fast path declines it. */
export async function fastToRdf(
  doc: unknown,
  loader: DocumentLoader,
): Promise<{ ok: true; dataset: Quad[] } | { ok: false; declined: string }> {
  const env = { source: makeSource(), depth: 0 };
  for (let attempt = 0; attempt < 32; attempt++) {
    try {
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        return { ok: false, declined: 'document is not a JSON object' };
      const top = expand(INITIAL, null, doc, false, null, env);
      const items: Item[] = top === null ? [] : Array.isArray(top) ? top : [top];
      return { ok: true, dataset: toDataset(items) };
    } catch (error) {
      if (error instanceof NeedContext) {
        try {
          const remote = await loader(error.url);
          LOADED.set(error.url, remote.document);
        } catch {
          // Bounded: hostile documents may name any number of unknown URLs over a long session.
          if (REFUSED.size >= 1_000) REFUSED.clear();
          REFUSED.add(error.url);
        }
        continue;
      }
      if (error instanceof Decline) return { ok: false, declined: error.message };
      // Anything unexpected (e.g. a stack overflow on a hostile document): let jsonld.js decide.
      return { ok: false, declined: `internal: ${String(error).slice(0, 200)}` };
    }
  }
  return { ok: false, declined: 'too many context loads' };
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document via the fast path (same canonicalisation
 * options as lib/proof/canonize.ts), or the reason it declined.
 */
export async function fastCanonize(
  doc: unknown,
  digest: 'SHA-256' | 'SHA-384',
  loader: DocumentLoader,
): Promise<FastResult> {
  const rdf = await fastToRdf(doc, loader);
  if (!rdf.ok) return rdf;
  const nquads = await rdfCanonize.canonize(rdf.dataset, {
    algorithm: 'RDFC-1.0',
    // SECURITY: as the jsonld path: bounds the blank-node work a hostile document can force.
    maxWorkFactor: 1,
    messageDigestAlgorithm: digest === 'SHA-384' ? 'sha384' : 'sha256',
  });
  return { ok: true, nquads };
}
