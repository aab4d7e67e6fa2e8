/**
 * Deserialisation of the expanded tree to an RDF dataset (JSON-LD 1.1 Processing Algorithms §7.2
 * "Deserialize JSON-LD to RDF"), equal to jsonld.js 9 `toRdf.js` over its node map: the same quads
 * (blank node labels aside, which RDFC-1.0 replaces) and the same duplicate removal — jsonld.js
 * merges a node's values with `compareValues` (value objects by @value/@type/@language, node
 * references by @id, lists never), and rdf-canonize does not remove duplicate quads itself.
 */
import canonicalize from 'canonicalize';
import { decline, isAbsolute } from './context';
import type { Item, NodeItem, ValueItem } from './expand';

export interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'DefaultGraph';
  value: string;
}
export interface Literal {
  termType: 'Literal';
  value: string;
  datatype: { termType: 'NamedNode'; value: string };
  language?: string;
}
/** The quad shape jsonld.toRDF produces and rdf-canonize accepts. */
export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term | Literal;
  graph: Term;
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = `${RDF}type`;
const RDF_FIRST = `${RDF}first`;
const RDF_REST = `${RDF}rest`;
const RDF_NIL = `${RDF}nil`;
const RDF_JSON = `${RDF}JSON`;
const RDF_LANGSTRING = `${RDF}langString`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_STRING = `${XSD}string`;

const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };

/** jsonld.js types.isDouble. */
const isDouble = (v: unknown): v is number =>
  typeof v === 'number' && (String(v).includes('.') || Math.abs(v) >= 1e21);

/** jsonld.js toRdf _objectToRDF for a value object. */
export function literal(item: ValueItem): Literal {
  let value = item.value;
  const datatype = item.type ?? null;
  if (datatype === '@json') {
    const text = canonicalize(value);
    if (text === undefined) decline('JSON literal not serialisable');
    return { termType: 'Literal', value: text, datatype: { termType: 'NamedNode', value: RDF_JSON } };
  }
  if (typeof value === 'boolean')
    return { termType: 'Literal', value: String(value), datatype: { termType: 'NamedNode', value: datatype ?? XSD_BOOLEAN } };
  if (isDouble(value) || datatype === XSD_DOUBLE) {
    if (!isDouble(value)) value = parseFloat(value as string);
    const text = (value as number).toExponential(15).replace(/(\d)0*e\+?/, '$1E');
    return { termType: 'Literal', value: text, datatype: { termType: 'NamedNode', value: datatype ?? XSD_DOUBLE } };
  }
  if (typeof value === 'number')
    return { termType: 'Literal', value: value.toFixed(0), datatype: { termType: 'NamedNode', value: datatype ?? XSD_INTEGER } };
  if (typeof value !== 'string') return decline('literal value');
  if (item.language !== undefined)
    return {
      termType: 'Literal',
      value,
      datatype: { termType: 'NamedNode', value: datatype ?? RDF_LANGSTRING },
      language: item.language,
    };
  return { termType: 'Literal', value, datatype: { termType: 'NamedNode', value: datatype ?? XSD_STRING } };
}

/** Turns an expanded document (top-level items) into a dataset. */
export function toDataset(top: Item[]): Quad[] {
  const quads: Quad[] = [];
  const seen = new Set<string>();
  const labels = new Map<string, string>();
  let counter = 0;
  const fresh = (): Term => ({ termType: 'BlankNode', value: `b${counter++}` });
  const term = (id: string): Term => {
    if (!id.startsWith('_:')) {
      if (!isAbsolute(id)) decline('relative IRI');
      return { termType: 'NamedNode', value: id };
    }
    let label = labels.get(id);
    if (label === undefined) {
      label = `b${counter++}`;
      labels.set(id, label);
    }
    return { termType: 'BlankNode', value: label };
  };
  const gkey = (t: Term): string => `${t.termType[0]}${t.value}`;
  /** Adds a property value unless jsonld.js's node map would have merged it as a duplicate. */
  const add = (s: Term, p: string, o: Term | Literal, g: Term, dedupKey: string | null): void => {
    if (dedupKey !== null) {
      const key = `${gkey(g)}\u0000${gkey(s)}\u0000${p}\u0000${dedupKey}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    quads.push({ subject: s, predicate: { termType: 'NamedNode', value: p }, object: o, graph: g });
  };
  const valueKey = (v: ValueItem): string | null => {
    const x = v.value;
    if (x !== null && typeof x === 'object') return null;
    return `v${typeof x}\u0001${String(x)}\u0001${v.type ?? '\u0002'}\u0001${v.language ?? '\u0002'}`;
  };

  /** Emits a node's quads into graph g and returns its subject term. */
  const node = (n: NodeItem, g: Term): Term => {
    const s = n.id === undefined ? fresh() : term(n.id);
    for (const t of n.types) add(s, RDF_TYPE, term(t), g, `t${t}`);
    for (const [p, items] of n.props) {
      if (!isAbsolute(p) || p.startsWith('_:')) decline('predicate');
      for (const item of items) {
        const [o, key] = object(item, g);
        add(s, p, o, g, key);
      }
    }
    return s;
  };
  /** The RDF object for a property value (emitting nested quads) and its duplicate key. */
  const object = (item: Item, g: Term): [Term | Literal, string | null] => {
    switch (item.k) {
      case 'value':
        return [literal(item), valueKey(item)];
      case 'node':
        return [node(item, g), item.id === undefined ? null : `i${item.id}`];
      case 'list':
        return [list(item.items, g), null];
      case 'graph': {
        const name = fresh();
        for (const n of item.nodes) {
          if (n.k !== 'node') decline('non-node in graph');
          node(n, name);
        }
        return [name, null];
      }
    }
  };
  const list = (items: Item[], g: Term): Term => {
    if (items.length === 0) return { termType: 'NamedNode', value: RDF_NIL };
    const head = fresh();
    let subject = head;
    items.forEach((item, i) => {
      const [o] = object(item, g);
      add(subject, RDF_FIRST, o, g, null);
      const next: Term = i === items.length - 1 ? { termType: 'NamedNode', value: RDF_NIL } : fresh();
      add(subject, RDF_REST, next, g, null);
      subject = next;
    });
    return head;
  };

  for (const item of top) {
    if (item.k !== 'node') decline('top-level non-node');
    node(item, DEFAULT_GRAPH);
  }
  return quads;
}
