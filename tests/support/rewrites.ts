/**
 * JSON-LD-equivalent rewrites of a credential: each one is read by JSON-LD as the same RDF graph
 * (so an RDF Data Integrity signature still verifies), but changes what a JSON reader sees.
 * Used by the signed-meaning property test. `hiding` rewrites move a field where a JSON reader
 * does not look; `benign` ones hide nothing (key order, one-element arrays).
 */
type Json = Record<string, unknown>;

const CRED = 'https://www.w3.org/2018/credentials#';
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';

export interface Rewrite {
  name: string;
  kind: 'hiding' | 'benign';
  apply(doc: Json): Json | undefined;
}

const clone = (doc: Json): Json => JSON.parse(JSON.stringify(doc)) as Json;
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys whose values are nodes, with the IRI VC 1.1/2.0 give them (dates: see the typed rewrites). */
const KEYS: [string, string][] = [
  ['credentialStatus', `${CRED}credentialStatus`],
  ['issuer', `${CRED}issuer`],
  ['credentialSubject', `${CRED}credentialSubject`],
];

/** Replaces key `from` by `to` in place, keeping the order of the other keys. */
function renameKey(doc: Json, from: string, to: string, value: unknown = doc[from]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === from) out[to] = value;
    else out[k] = v;
  }
  return out;
}

function shuffleKeys(value: unknown, seed: { n: number }): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, seed));
  if (!isObj(value)) return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31;
    const j = seed.n % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, seed)]));
}

const rewrites: Rewrite[] = [];

for (const [term, iri] of KEYS) {
  rewrites.push({
    name: `${term} under its full IRI`,
    kind: 'hiding',
    // A node keeps its meaning under the full IRI; a plain string would become a literal.
    apply: (doc) =>
      doc[term] === undefined || !asArray(doc[term]).every(isObj)
        ? undefined
        : renameKey(clone(doc), term, iri),
  });
}
rewrites.push(
  {
    name: 'credentialStatus as a list inside a list',
    kind: 'hiding',
    apply: (doc) =>
      doc.credentialStatus === undefined
        ? undefined
        : { ...clone(doc), credentialStatus: [asArray(doc.credentialStatus)] },
  },
  ...['validUntil', 'expirationDate', 'validFrom', 'issuanceDate'].flatMap((term): Rewrite[] => [
    {
      name: `${term} as a typed value object`,
      kind: 'hiding',
      apply: (doc) =>
        typeof doc[term] !== 'string'
          ? undefined
          : { ...clone(doc), [term]: { '@value': doc[term], '@type': XSD_DATETIME } },
    },
    {
      name: `${term} as a typed value object under its full IRI`,
      kind: 'hiding',
      apply: (doc) =>
        typeof doc[term] !== 'string'
          ? undefined
          : renameKey(clone(doc), term, `${CRED}${term}`, { '@value': doc[term], '@type': XSD_DATETIME }),
    },
  ]),
  {
    name: 'credentialStatus moved into @included (same node id)',
    kind: 'hiding',
    apply: (doc) => {
      if (typeof doc.id !== 'string' || doc.credentialStatus === undefined) return undefined;
      const { credentialStatus, ...rest } = clone(doc);
      return { ...rest, '@included': [{ id: doc.id, type: doc.type, credentialStatus }] };
    },
  },
  {
    name: 'validUntil moved into @included (same node id)',
    kind: 'hiding',
    apply: (doc) => {
      if (typeof doc.id !== 'string' || doc.validUntil === undefined) return undefined;
      const { validUntil, ...rest } = clone(doc);
      return { ...rest, '@included': [{ id: doc.id, type: doc.type, validUntil }] };
    },
  },
  {
    name: 'credentialStatus written in reverse from an included entry',
    kind: 'hiding',
    apply: (doc) => {
      if (typeof doc.id !== 'string' || doc.credentialStatus === undefined) return undefined;
      const { credentialStatus, ...rest } = clone(doc);
      const entries = asArray(credentialStatus).map((e) => ({
        ...(e as Json),
        '@reverse': { [`${CRED}credentialStatus`]: { '@id': doc.id } },
      }));
      return { ...rest, '@included': entries };
    },
  },
  {
    name: 'credentialStatus under an alias from an inline context',
    kind: 'hiding',
    apply: (doc) => {
      if (doc.credentialStatus === undefined) return undefined;
      const out = renameKey(clone(doc), 'credentialStatus', 'cs');
      out['@context'] = [
        ...asArray(doc['@context']),
        { cs: { '@id': `${CRED}credentialStatus`, '@type': '@id' } },
      ];
      return out;
    },
  },
  {
    name: 'status entry with @id / @type keys',
    kind: 'hiding',
    apply: (doc) => {
      const entries = asArray(doc.credentialStatus).filter(isObj);
      if (entries.length === 0) return undefined;
      const out = clone(doc);
      out.credentialStatus = entries.map((e) => {
        let x = renameKey(e, 'type', '@type');
        if (typeof e.id === 'string') x = renameKey(x, 'id', '@id');
        return x;
      });
      return out;
    },
  },
  {
    name: 'statusPurpose renamed by an embedded context',
    kind: 'hiding',
    apply: (doc) => {
      const entries = asArray(doc.credentialStatus).filter(isObj);
      if (!entries.some((e) => typeof e.statusPurpose === 'string')) return undefined;
      const out = clone(doc);
      out.credentialStatus = entries.map((e) =>
        typeof e.statusPurpose !== 'string'
          ? e
          : {
              '@context': { sp: 'https://www.w3.org/ns/credentials/status#statusPurpose' },
              ...renameKey(e, 'statusPurpose', 'sp'),
            },
      );
      return out;
    },
  },
  {
    name: 'credential id written through a prefix term of an inline context',
    kind: 'hiding',
    apply: (doc) => {
      if (typeof doc.id !== 'string' || !/^[a-z]+:/.test(doc.id)) return undefined;
      const cut = doc.id.length - 4;
      const out = clone(doc);
      out['@context'] = [
        ...asArray(doc['@context']),
        { idp: { '@id': doc.id.slice(0, cut), '@prefix': true } },
      ];
      out.id = `idp:${doc.id.slice(cut)}`;
      return out;
    },
  },
  {
    name: 'keys in another order',
    kind: 'benign',
    apply: (doc) => shuffleKeys(clone(doc), { n: 7 }) as Json,
  },
  {
    name: 'single values as one-element arrays',
    kind: 'benign',
    apply: (doc) => {
      const out = clone(doc);
      for (const k of ['validFrom', 'validUntil', 'issuer', 'name', 'credentialSubject'])
        if (out[k] !== undefined && !Array.isArray(out[k])) out[k] = [out[k]];
      out.credentialStatus =
        out.credentialStatus === undefined
          ? undefined
          : asArray(out.credentialStatus).map((e) =>
              isObj(e)
                ? Object.fromEntries(
                    Object.entries(e).map(([k, v]) => [k, k === 'id' || k === 'type' ? v : [v]]),
                  )
                : e,
            );
      if (out.credentialStatus === undefined) delete out.credentialStatus;
      return out;
    },
  },
);

export const REWRITES: readonly Rewrite[] = rewrites;
