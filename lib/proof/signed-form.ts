/**
 * Signed meaning: the JSON a verifier reads must say exactly what the RDF signature covers.
 *
 * A Data Integrity proof over RDF (eddsa-rdfc-2022, Ed25519Signature2020, ecdsa-rdfc-2019, the
 * disclosed statements of ecdsa-sd-2023) signs the canonical graph, not the JSON. Every reader in
 * CredLens (status, validity, issuer, elements, display) reads named JSON keys, so a rewrite that
 * JSON-LD reads as the same graph — `"credentialStatus": [[entry]]`, a full-IRI key, a
 * `{"@value", "@type"}` date, a node split across `@included` or across two descriptions, a second
 * term for the same IRI — keeps the signature valid and hides the field from the readers.
 *
 * Decided: REFUSE NON-COMPACTED FORMS, rather than reading every value from a graph of our own.
 * VC Data Model 2.0 (§4.1, §6.1) requires the compacted document form and real issuers write it;
 * one check at one place keeps every reader, present and future, honest, where a graph reader
 * would have to re-implement each of them. The check is syntactic and runs on the received JSON
 * (no second JSON-LD pass: jsonld.js compaction of an OB 3.0 credential costs 5–200 ms). The
 * document (without its proofs) must be in the plain compacted form, otherwise it is refused as
 * `invalid` ("written in a form that hides fields from verifiers"):
 *  1. Keys are terms: no `@` keys but the top-level `@context` (and `@value`/`@language`/
 *     `@direction` in a language-tagged string), no full IRI or compact IRI key that falls in a
 *     vocabulary CredLens reads (READ_VOCABULARIES), no class name used as a property
 *     (CLASS_NAME_KEYS: bundled contexts that give a property and a class one IRI).
 *  2. Values are JSON values: no array inside an array, no `{"@value"}` object with a datatype,
 *     no `@list` / `@set` / `@graph` / `@included` / `@reverse` / `@nest` objects.
 *  3. Contexts: a `@context` inside the document (an embedded credential's) names bundled
 *     contexts only; an inline context at the top defines no keyword alias, no scoped context and
 *     no term for an IRI in a vocabulary CredLens reads (the name would hide the standard key).
 *     Bundled contexts give each critical IRI one name only; tests/unit/signed-form.test.ts
 *     audits them.
 *  4. A node (same `id`) described in two places: where a reader reads it (the credential, its
 *     issuer, subjects and status entries), it carries every decision-relevant value given
 *     elsewhere (in the graph the descriptions merge; a JSON reader sees one place).
 * What hides nothing is accepted: key order, a single value as a one-element array, null values,
 * `{"id": X}` for the reference X, extension terms and IRIs outside the vocabularies read.
 * The proof objects relied on are checked by checkProofForm: known keys, string values.
 */
import jsonld from 'jsonld';
import { errorText, findReservedName, isObj, type Json } from '../did/json';
import { createContextLoader } from '../net/jsonld-loader';

/** Why a document is not in the signed form (the caller turns it into a failed check). */
export interface FormFailure {
  ok: false;
  code: 'ERR_DI_FORM';
  /** The JSON path where the received JSON and the signed graph part ways. */
  where: string;
  detail: string;
}
export type FormResult = { ok: true } | FormFailure;

/** Vocabularies whose terms CredLens reads by name (VC, DI, status lists, OB 3.0, CLR, schema.org, ELM). */
export const READ_VOCABULARIES: readonly string[] = [
  'https://www.w3.org/2018/credentials#',
  'https://w3id.org/security#',
  'https://www.w3.org/ns/credentials/status#',
  'https://w3id.org/vc/status-list#',
  'https://purl.imsglobal.org/spec/vc/ob/vocab.html#',
  'https://purl.imsglobal.org/spec/clr/vocab#',
  'https://schema.org/',
  'http://schema.org/',
  'http://data.europa.eu/snb/model/elm/',
  'https://w3id.org/openbadges#',
];

/**
 * Class names that a bundled context also maps a property to (the OB 3.0 contexts give `criteria`
 * and `Criteria` one IRI). As a key, only the property's own name is what readers read.
 * tests/unit/signed-form.test.ts derives this list from the bundled contexts.
 */
export const CLASS_NAME_KEYS: ReadonlySet<string> = new Set([
  'Achievement',
  'Address',
  'Criteria',
  'GeoCoordinates',
  'Image',
  'Profile',
]);

/** Decision-relevant properties by the role of the node they are read on (rule 4). */
type Role = 'credential' | 'issuer' | 'subject' | 'status';
const ROLE_READS: Record<Role, readonly string[]> = {
  credential: [
    'credentialStatus',
    'credentialSubject',
    'issuer',
    'validFrom',
    'validUntil',
    'issuanceDate',
    'expirationDate',
    'name',
    'description',
  ],
  issuer: ['name'],
  // Not the achievement: a CLR's learner is also the subject of each credential it bundles.
  subject: ['encodedList', 'statusPurpose'],
  status: ['statusPurpose', 'statusListIndex', 'statusListCredential', 'statusSize'],
};
const CHILD_ROLE: Record<string, Role> = {
  credentialStatus: 'status',
  credentialSubject: 'subject',
  issuer: 'issuer',
};

/** SECURITY: bounds the walk of a hostile document (depth and nodes). */
const MAX_DEPTH = 64;
const MAX_NODES = 50_000;

const fail = (where: string, detail: string): FormFailure => ({
  ok: false,
  code: 'ERR_DI_FORM',
  where,
  detail,
});

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

const inVocabulary = (iri: string): boolean => READ_VOCABULARIES.some((v) => iri.startsWith(v));
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

// ---------------------------------------------------------------------------------------------
// Rule 3: inline contexts

const loader = createContextLoader();
const OPTIONS = {
  documentLoader: loader,
  base: null,
  safe: false,
  eventHandler: ({ next }: { next: () => void }) => next(),
};

/** Terms of the top-level context, for compact IRI keys: term → IRI. */
type Prefixes = Map<string, string>;
interface TopContext {
  failure?: FormFailure;
  prefixes: Prefixes;
  /** Terms JSON-LD may use as the prefix of a compact IRI ("p:rest" → IRI of p + rest). */
  prefixTerms: Set<string>;
}
const contextCache = new Map<string, Promise<TopContext>>();

/** Names that would make an ordinary address a compact IRI if a context defined them as terms. */
const SCHEME_NAMES = new Set([
  'http',
  'https',
  'urn',
  'did',
  'mailto',
  'tag',
  'data',
  'ftp',
  'file',
  'ws',
  'wss',
]);

/**
 * Processes the top-level context once per context text: checks its inline parts (rule 3) and
 * collects its term IRIs for expanding compact IRI keys.
 */
function processTopContext(context: unknown): Promise<TopContext> {
  const key = JSON.stringify(context) ?? '';
  const hit = contextCache.get(key);
  if (hit) return hit;
  const run = (async (): Promise<TopContext> => {
    const list = Array.isArray(context) ? context : [context];
    const refuse = (where: string, detail: string): TopContext => ({
      failure: fail(where, detail),
      prefixes: new Map(),
      prefixTerms: new Set(),
    });
    for (const part of list) {
      if (!isObj(part)) continue;
      if (part['@base'] !== undefined)
        return refuse(
          '@context.@base',
          "The document's own context sets a base address, so its ids are not written as read.",
        );
      const scheme = Object.keys(part).find((k) => SCHEME_NAMES.has(k.toLowerCase()));
      if (scheme !== undefined)
        return refuse(
          `@context.${scheme}`,
          `The document's own context defines "${scheme}", which turns addresses into other addresses.`,
        );
      const vocab = part['@vocab'];
      if (typeof vocab === 'string' && inVocabulary(vocab))
        return refuse(
          '@context.@vocab',
          `The document's own context makes every unknown key a term of ${vocab}.`,
        );
      for (const [term, def] of Object.entries(part)) {
        if (term.startsWith('@')) continue;
        const iri = typeof def === 'string' ? def : isObj(def) ? def['@id'] : undefined;
        if (typeof iri === 'string' && iri.startsWith('@') && iri !== '@id' && iri !== '@type')
          return refuse(`@context.${term}`, `The document's own context makes "${term}" stand for ${iri}.`);
        if (isObj(def) && def['@context'] !== undefined)
          return refuse(`@context.${term}`, `The document's own context scopes a context to "${term}".`);
      }
    }
    const active = await jsonld.processContext(
      await jsonld.processContext(null, null, OPTIONS),
      context ?? {},
      OPTIONS,
    );
    const prefixes: Prefixes = new Map();
    const prefixTerms = new Set<string>();
    for (const [term, def] of active.mappings) {
      const iri = def?.['@id'];
      if (typeof iri === 'string') prefixes.set(term, iri);
      if (def?._prefix === true) prefixTerms.add(term);
    }
    // An inline term for an IRI CredLens reads would be a second name for it (or a redefinition).
    for (const part of list) {
      if (!isObj(part)) continue;
      for (const term of Object.keys(part)) {
        const iri = prefixes.get(term);
        if (term.startsWith('@') || iri === undefined || !inVocabulary(iri)) continue;
        return {
          ...refuse(`@context.${term}`, `The document's own context names ${iri} "${term}".`),
          prefixes,
        };
      }
    }
    return { prefixes, prefixTerms };
  })().catch((error: unknown): TopContext => ({
    failure: fail('@context', `The document's context could not be processed: ${errorText(error)}`),
    prefixes: new Map<string, string>(),
    prefixTerms: new Set<string>(),
  }));
  if (contextCache.size > 500) contextCache.clear();
  contextCache.set(key, run);
  return run;
}

/** The IRI a key with a colon stands for: itself when absolute, else prefix + suffix (undefined: unknown prefix). */
function keyIri(key: string, prefixes: Prefixes): string | undefined {
  if (ABSOLUTE.test(key)) return key;
  const colon = key.indexOf(':');
  const prefix = prefixes.get(key.slice(0, colon));
  if (prefix !== undefined) return prefix + key.slice(colon + 1);
  return /^(urn|did|tag|mailto):/i.test(key) ? key : undefined;
}

// ---------------------------------------------------------------------------------------------
// Rules 1, 2 and 4: one walk over the received JSON

interface Description {
  role: Role | undefined;
  values: Map<string, Set<string>>;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isObj(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** One value of a property, as rule 4 compares it: a node by its id, anything else by its text. */
const itemKey = (item: unknown): string =>
  isObj(item) && typeof item.id === 'string'
    ? `id:${item.id}`
    : typeof item === 'string'
      ? `id:${item}`
      : stable(item);

const LANGUAGE_KEYS = new Set(['@value', '@language', '@direction']);

/**
 * A string written as a compact IRI ("p:rest" with p a prefix term): JSON-LD reads the address
 * p's IRI + rest where the reader reads the text as written (an id, a list's address).
 */
function compactIri(value: string, prefixTerms: Set<string>): string | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0 || value.startsWith('//', colon + 1)) return undefined;
  const prefix = value.slice(0, colon);
  return prefixTerms.has(prefix) ? prefix : undefined;
}

function walk(doc: Json, prefixes: Prefixes, prefixTerms: Set<string>): FormFailure | undefined {
  const nodes = new Map<string, Description[]>();
  let count = 0;
  const value = (
    v: unknown,
    path: string,
    role: Role | undefined,
    depth: number,
    inArray: boolean,
  ): FormFailure | undefined => {
    if (depth > MAX_DEPTH || ++count > MAX_NODES)
      return fail(path, 'The document is nested too deeply or too large to check.');
    if (Array.isArray(v)) {
      if (inArray)
        return fail(path, 'A list is written inside a list; JSON-LD flattens it, JSON readers do not.');
      for (let i = 0; i < v.length; i++) {
        const f = value(v[i], `${path}[${i}]`, role, depth + 1, true);
        if (f) return f;
      }
      return undefined;
    }
    if (typeof v === 'string') {
      const prefix = compactIri(v, prefixTerms);
      return prefix === undefined
        ? undefined
        : fail(
            path,
            `${short(v)} is written as a compact IRI (prefix "${prefix}"), not as the address it stands for.`,
          );
    }
    if (!isObj(v)) return undefined;
    if ('@value' in v) {
      const extra = Object.keys(v).find((k) => !LANGUAGE_KEYS.has(k));
      if (extra !== undefined || typeof v['@value'] !== 'string')
        return fail(
          path,
          `The value ${short(v)} is written as a JSON-LD value object, which JSON readers do not read.`,
        );
      return undefined;
    }
    return node(v, path, role, depth);
  };
  const node = (obj: Json, path: string, role: Role | undefined, depth: number): FormFailure | undefined => {
    const id = typeof obj.id === 'string' ? obj.id : undefined;
    const values = new Map<string, Set<string>>();
    for (const [key, v] of Object.entries(obj)) {
      const at = `${path}.${key}`;
      if (key.startsWith('@')) {
        if (key === '@context' && path === '$') continue;
        // An embedded credential brings its own context: bundled ones only (audited, pinned).
        if (key === '@context') {
          if ((Array.isArray(v) ? v : [v]).every((c) => typeof c === 'string')) continue;
          return fail(
            at,
            'A context is written inside the document; it can change what the keys below it mean.',
          );
        }
        return fail(at, `The document uses the JSON-LD keyword ${key}, which JSON readers do not follow.`);
      }
      if (CLASS_NAME_KEYS.has(key))
        return fail(at, `"${key}" is a class name written where its property's name belongs.`);
      if (key.includes(':')) {
        const iri = keyIri(key, prefixes);
        if (iri === undefined || inVocabulary(iri))
          return fail(at, `"${key}" is written as a full or compact IRI instead of its term.`);
      }
      if (v === null) continue;
      if (id !== undefined) values.set(key, new Set((Array.isArray(v) ? v : [v]).map(itemKey)));
      const f = value(v, at, role === undefined ? undefined : CHILD_ROLE[key], depth + 1, false);
      if (f) return f;
    }
    if (id !== undefined) {
      const list = nodes.get(id) ?? [];
      list.push({ role, values });
      nodes.set(id, list);
    }
    return undefined;
  };
  const failed = node(doc, '$', 'credential', 0);
  if (failed) return failed;
  for (const [id, list] of nodes) {
    if (list.length < 2) continue;
    for (const d of list) {
      if (d.role === undefined) continue;
      for (const prop of ROLE_READS[d.role]) {
        const here = d.values.get(prop) ?? new Set<string>();
        for (const other of list) {
          const missing = [...(other.values.get(prop) ?? [])].find((v) => !here.has(v));
          if (missing !== undefined)
            return fail(
              id,
              `${id} is described in more than one place, and where it is read as the ${d.role} its ${prop} is missing.`,
            );
        }
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

const PROOF_KEYS = new Set([
  'id',
  'type',
  'cryptosuite',
  'created',
  'expires',
  'verificationMethod',
  'proofPurpose',
  'proofValue',
  'previousProof',
  'domain',
  'challenge',
  'nonce',
  '@context',
]);
const PROOF_SETS = new Set(['previousProof', 'domain', 'type']);

/** A proof relied on must be plain: known keys, string values (arrays of strings for sets). */
export function checkProofForm(proof: Json, path = '$.proof'): FormResult {
  for (const [key, v] of Object.entries(proof)) {
    if (!PROOF_KEYS.has(key))
      return fail(
        `${path}.${key}`,
        `The proof carries "${key}", which is not a proof option CredLens reads.`,
      );
    if (key === '@context') continue;
    const values = Array.isArray(v) && PROOF_SETS.has(key) ? v : [v];
    if (!values.every((x) => typeof x === 'string'))
      return fail(`${path}.${key}`, `The proof's ${key} is written as ${short(v)}, not as plain text.`);
  }
  return { ok: true };
}

/**
 * Checks that a JSON-LD document without its proofs is in the plain compacted form (rules 1–4
 * above). Call it for documents whose relied-on proof signs RDF. Never throws.
 */
export async function checkSignedForm(doc: Json): Promise<FormResult> {
  const reserved = findReservedName(doc);
  if (reserved) return fail(reserved, `The document uses a reserved name at ${reserved}.`);
  try {
    const top = await processTopContext(doc['@context']);
    if (top.failure) return top.failure;
    return walk(doc, top.prefixes, top.prefixTerms) ?? { ok: true };
  } catch (error) {
    return fail('$', `The document could not be checked: ${errorText(error)}`);
  }
}

/** The plain reason shown to a recruiter. */
export const FORM_MESSAGE =
  'This credential is written in a form that hides fields from verifiers, so CredLens does not accept it.';
