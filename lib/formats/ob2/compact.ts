/**
 * JSON-LD normalisation of Open Badges 2.0 documents (OB 2.0 §"JSON-LD": every Badge Object is
 * JSON-LD; alternate and inline contexts must mean the same as https://w3id.org/openbadges/v2).
 * Each document is compacted to the OB v2 context through the pinned loader, so aliases
 * (`verify` → `verification`, inline copies of the context, openbadgespec.org/v2) normalise.
 *
 * Safe mode, decided: jsonld's safe-mode events fail closed (relative type/id references, reserved
 * terms...), EXCEPT "invalid property" (a term the context does not define, e.g. Badgr's
 * `hostedUrl`): it is listed, not fatal, because OB 2.0 proofs (JWS bytes, hosted copy) never pass
 * through JSON-LD, so a dropped term cannot hide tampering. Extension nodes (`extensions:*`) are
 * lifted out before processing and kept as raw JSON (issuer's claims): their contexts live on
 * openbadgespec.org and are not bundled, and they never drive a verification decision.
 */
import jsonld from 'jsonld';
import type { JsonLdEvent } from 'jsonld';
import { createContextLoader, findLoaderError } from '../../net/jsonld-loader';
import { errorText, isObj, type Json } from './util';
import { findReservedName } from '../../did/json';

/** The canonical Open Badges 2.0 context URL. */
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

/** Outcome of normalising one document. */
export type CompactResult =
  | { ok: true; data: Json; ignoredTerms: string[]; extensions: string[] }
  | {
      ok: false;
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN' | 'ERR_JSONLD_UNSAFE' | 'ERR_JSONLD_INVALID';
      /** The context URL for ERR_JSONLD_CONTEXT_UNKNOWN. */
      url?: string;
      detail: string;
    };

const EXTENSION_PREFIXES = ['extensions:', 'https://w3id.org/openbadges/extensions#'];
/** jsonld's safe-mode event codes (lib/events.js), minus "invalid property" (see header). */
const UNSAFE_EVENTS = new Set([
  'empty object',
  'free-floating scalar',
  'invalid @language value',
  'null @id value',
  'null @value value',
  'object with only @id',
  'object with only @language',
  'object with only @list',
  'object with only @value',
  'relative @id reference',
  'relative @type reference',
  'relative @vocab reference',
  'reserved @id value',
  'reserved @reverse value',
  'reserved term',
]);
/** SECURITY: bounds recursion over hostile, deeply nested input. */
const MAX_DEPTH = 48;

const loader = createContextLoader();

/** A copy of `value` without extension properties; their keys are reported. */
function liftExtensions(value: unknown, found: string[], depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new Error('Document nesting is too deep.');
  if (Array.isArray(value)) return value.map((v) => liftExtensions(v, found, depth + 1));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (EXTENSION_PREFIXES.some((p) => key.startsWith(p))) {
      found.push(key);
      continue;
    }
    out[key] = key === '@context' ? v : liftExtensions(v, found, depth + 1);
  }
  return out;
}

/** Compacts one parsed JSON document to the OB v2 context. Never throws. */
export async function compactOb2(doc: unknown): Promise<CompactResult> {
  if (!isObj(doc))
    return { ok: false, code: 'ERR_JSONLD_INVALID', detail: 'The document is not a JSON object.' };
  if (doc['@context'] === undefined) {
    return { ok: false, code: 'ERR_JSONLD_INVALID', detail: 'The document has no @context.' };
  }
  const reserved = findReservedName(doc);
  if (reserved)
    return { ok: false, code: 'ERR_JSONLD_INVALID', detail: `The document uses a reserved name at ${reserved}.` };
  const extensions: string[] = [];
  const ignoredTerms: string[] = [];
  let unsafe: JsonLdEvent | undefined;
  try {
    const input = liftExtensions(doc, extensions);
    const data = await jsonld.compact(input, OB2_CONTEXT, {
      documentLoader: loader,
      base: null,
      eventHandler: ({ event, next }) => {
        if (event.code === 'invalid property') {
          const p = event.details?.property;
          ignoredTerms.push(typeof p === 'string' ? p : JSON.stringify(event.details ?? {}));
        } else if (UNSAFE_EVENTS.has(event.code) && !unsafe) {
          unsafe = event;
        }
        next();
      },
    });
    if (unsafe) {
      return {
        ok: false,
        code: 'ERR_JSONLD_UNSAFE',
        detail: `JSON-LD safe mode: ${unsafe.code} ${JSON.stringify(unsafe.details ?? {})}`,
      };
    }
    delete data['@context'];
    return { ok: true, data, ignoredTerms: [...new Set(ignoredTerms)], extensions };
  } catch (error) {
    const refused = findLoaderError(error);
    if (refused)
      return { ok: false, code: 'ERR_JSONLD_CONTEXT_UNKNOWN', url: refused.url, detail: refused.message };
    return { ok: false, code: 'ERR_JSONLD_INVALID', detail: errorText(error) };
  }
}
