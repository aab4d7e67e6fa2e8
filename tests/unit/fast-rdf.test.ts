/**
 * Differential tests of the fast JSON-LD → RDF path (lib/proof/fast-rdf) against jsonld.js
 * (jsonld.canonize with the same pinned loader, safe-mode handler and RDFC-1.0 options): on every
 * JSON-LD document in ../shared/vectors (read in place), each credential without its proof, each
 * proof's options document, the generated fixtures, and seeded mutations of them, the fast path
 * must either decline or produce byte-identical canonical N-Quads — never differ.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createContextLoader } from '../../lib/net/jsonld-loader';
import { canonizeWithJsonld } from '../../lib/proof/canonize';
import { fastCanonize } from '../../lib/proof/fast-rdf/index';
import { proofConfig } from '../../lib/proof/hash-data';
import { repoRoot, VECTORS_DIR } from '../support/vectors';
import { rng } from '../support/rng';

const loader = createContextLoader();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the decline cases poke into nested JSON
type Mutable = Record<string, any>;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
  );
}
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Doc {
  name: string;
  doc: Record<string, unknown>;
}

/** Every JSON-LD document: the file, the credential without its proof, each proof's options. */
function collect(): Doc[] {
  const files = [
    ...walk(VECTORS_DIR).filter((p) => p.endsWith('.json') || p.endsWith('.jsonld')),
    ...walk(join(repoRoot, 'tests/fixtures/vc')).filter((p) => p.endsWith('.json')),
  ];
  const docs: Doc[] = [];
  for (const path of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    if (!isObj(parsed) || parsed['@context'] === undefined) continue;
    const name = relative(VECTORS_DIR, path);
    docs.push({ name, doc: parsed });
    if (parsed.proof !== undefined) {
      const { proof, ...unsecured } = parsed;
      docs.push({ name: `${name} (no proof)`, doc: unsecured });
      const proofs = Array.isArray(proof) ? proof : [proof];
      proofs.forEach((p, i) => {
        if (isObj(p)) docs.push({ name: `${name} (proof options ${i})`, doc: proofConfig(p, parsed['@context']) });
      });
    }
  }
  return docs;
}

/** Compares both paths; returns whether the fast path was taken. Fails on any difference. */
async function compare(name: string, doc: unknown, digest: 'SHA-256' | 'SHA-384' = 'SHA-256'): Promise<boolean> {
  let fast;
  try {
    fast = await fastCanonize(structuredClone(doc), digest, loader);
  } catch {
    return false; // rdf-canonize refused (work factor): canonizeRdfc falls back too
  }
  if (!fast.ok) return false;
  const ref = await canonizeWithJsonld(structuredClone(doc), digest);
  if (!ref.ok || ref.rules.length > 0 || ref.nquads !== fast.nquads) {
    expect.soft({ name, ref, fast: fast.nquads }).toEqual({ name, ref: { ok: true, nquads: fast.nquads, rules: [] }, fast: fast.nquads });
  }
  expect(ref.ok && ref.rules.length === 0 && ref.nquads === fast.nquads, name).toBe(true);
  return true;
}

const DOCS = collect();

/** All (container, key) slots of a JSON tree, outside @context. */
function slots(v: unknown, out: Array<[Record<string, unknown>, string]> = []): Array<[Record<string, unknown>, string]> {
  if (Array.isArray(v)) for (const x of v) slots(x, out);
  else if (isObj(v))
    for (const k of Object.keys(v)) {
      if (k === '@context') continue;
      out.push([v, k]);
      slots(v[k], out);
    }
  return out;
}

const REPLACEMENTS: unknown[] = [
  1, 1.5, 1e21, -0, 0, -7, 2.5e-7, 123456789012, true, false, null, '', 'text', 'relative/iri', 'urn:x:y',
  'https://example.org/a', '_:b1', [], [1, 'a', true], { type: 'Image', id: 'https://example.org/img' },
  { name: 'nested', description: 'x' }, { id: 'relative' }, { '@value': 'x', '@language': 'EN-gb' },
  { '@value': 'x', '@language': 'not a tag' }, { '@value': 5, '@type': 'http://www.w3.org/2001/XMLSchema#decimal' },
  { '@value': '5', '@type': 'http://www.w3.org/2001/XMLSchema#double' }, { '@value': { b: [1, 2], a: 'ü' }, '@type': '@json' },
  { '@value': null }, { '@list': [1, 'two'] }, { '@set': ['a'] }, { '@id': 'https://example.org/x' }, { en: 'lang map?' },
  [[1, 2]], { '@value': 'x', '@type': 'relative' },
];

function mutate(doc: Record<string, unknown>, r: () => number): Record<string, unknown> {
  const copy = structuredClone(doc);
  const all = slots(copy);
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n && all.length > 0; i++) {
    const [obj, key] = all[Math.floor(r() * all.length)]!;
    if (!(key in obj)) continue;
    const kind = Math.floor(r() * 6);
    if (kind === 0) {
      obj[`undefinedTerm${i}`] = obj[key];
      delete obj[key];
    } else if (kind === 1 && key !== 'id') {
      obj.id = ['relative-id', 'urn:uuid:1234', '_:blank', 'https://example.org/n'][Math.floor(r() * 4)];
    } else if (kind === 2) {
      obj.type = [['Relative'], 'Image', ['Achievement', 'Achievement'], 'https://example.org/T', []][Math.floor(r() * 5)];
    } else {
      obj[key] = structuredClone(REPLACEMENTS[Math.floor(r() * REPLACEMENTS.length)]);
    }
  }
  return copy;
}

describe('fast JSON-LD → RDF path equals jsonld.js', () => {
  it('found the JSON-LD vectors and fixtures', () => {
    expect(DOCS.length).toBeGreaterThan(300);
  });

  it('every vector document: declined or byte-identical canonical N-Quads', async () => {
    let taken = 0;
    for (const { name, doc } of DOCS) if (await compare(name, doc)) taken++;
    console.log(`fast-rdf: ${taken} of ${DOCS.length} vector documents took the fast path`);
    expect(taken).toBeGreaterThan(DOCS.length * 0.5);
  }, 180_000);

  it('SHA-384 digest (ecdsa-rdfc-2019 P-384) on a sample', async () => {
    let taken = 0;
    for (const { name, doc } of DOCS.slice(0, 60)) if (await compare(name, doc, 'SHA-384')) taken++;
    expect(taken).toBeGreaterThan(10);
  }, 60_000);

  it('seeded mutations: declined or identical, never different', async () => {
    const r = rng(20260523);
    const base: Doc[] = [];
    for (const d of DOCS) {
      if (base.length >= 60) break;
      const fast = await fastCanonize(d.doc, 'SHA-256', loader);
      if (fast.ok) base.push(d);
    }
    let taken = 0;
    let total = 0;
    for (const { name, doc } of base) {
      for (let i = 0; i < 12; i++) {
        total++;
        if (await compare(`${name} mutation ${i}`, mutate(doc, r))) taken++;
      }
    }
    console.log(`fast-rdf: ${taken} of ${total} mutated documents took the fast path`);
    expect(taken).toBeGreaterThan(total * 0.1);
    expect(taken).toBeLessThan(total);
  }, 240_000);
});

describe('fast path declines what it does not implement', () => {
  const base = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://example.edu/issuer', type: ['Profile'], name: 'Example University' },
    validFrom: '2025-01-01T00:00:00Z',
    name: 'Badge',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/a/1',
        type: ['Achievement'],
        name: 'A',
        description: 'D',
        criteria: { narrative: 'N' },
        creditsAvailable: 1.5,
      },
    },
  };

  it('the base document takes the fast path and equals jsonld.js', async () => {
    expect(await compare('base', base)).toBe(true);
  });

  const cases: Array<[string, (d: Mutable) => void]> = [
    ['undefined term', (d) => (d.credentialSubject.notATerm = 'x')],
    ['relative @id', (d) => (d.issuer.id = 'issuer/1')],
    ['relative @type (OB3 extension type)', (d) => (d.credentialSubject.type = ['1EdTechCredentialRefresh'])],
    ['@reverse', (d) => (d.credentialSubject['@reverse'] = { 'https://ex.org/p': { id: 'https://ex.org/x' } })],
    ['@nest', (d) => (d['@nest'] = { name: 'x' })],
    ['@direction', (d) => (d.name = { '@value': 'x', '@direction': 'rtl' })],
    ['@included', (d) => (d['@included'] = [{ id: 'https://ex.org/y', name: 'y' }])],
    ['@index', (d) => (d.name = { '@value': 'x', '@index': 'i' })],
    ['unknown keyword', (d) => (d['@foo'] = 'x')],
    ['explicit @graph', (d) => (d['@graph'] = [{ id: 'https://ex.org/z', name: 'z' }])],
    ['explicit @list', (d) => (d.credentialSubject.achievement.tag = { '@list': ['a'] })],
    ['non-bundled context URL', (d) => d['@context'].push('https://example.org/unknown-context.jsonld')],
    ['inline context with @import', (d) => d['@context'].push({ '@import': 'https://www.w3.org/ns/credentials/v2' })],
    ['inline context with @base', (d) => d['@context'].push({ '@base': 'https://example.org/' })],
    ['term definition with @reverse', (d) => d['@context'].push({ knows: { '@reverse': 'https://ex.org/knows' } })],
    ['protected term redefinition', (d) => d['@context'].push({ name: 'https://example.org/name' })],
    ['null @value', (d) => (d.name = { '@value': null })],
    ['invalid language tag', (d) => (d.name = { '@value': 'x', '@language': 'not a tag' })],
    ['free-floating top-level array', () => undefined],
    ['object with only @id in a graph position', (d) => (d['@context'] = [...d['@context'], { g: { '@id': 'https://ex.org/g', '@container': '@graph' } }], d.g = { id: 'https://ex.org/only-id' })],
    ['document that is an array', () => undefined],
  ];
  for (const [label, change] of cases) {
    it(`declines: ${label}`, async () => {
      let doc: unknown = structuredClone(base);
      change(doc as Mutable);
      if (label === 'document that is an array') doc = [doc];
      if (label === 'free-floating top-level array') doc = { ...(doc as object), '@graph': ['x'] };
      const fast = await fastCanonize(doc, 'SHA-256', loader);
      expect(fast.ok, label).toBe(false);
      if (!fast.ok) expect(fast.declined.length).toBeGreaterThan(0);
    });
  }

  it('the OB3-EXTENSION-TYPES rule still applies through canonizeRdfc (fallback)', async () => {
    const { canonizeRdfc } = await import('../../lib/proof/canonize');
    const doc = structuredClone(base) as Mutable;
    doc.credentialSchema = [{ id: 'https://ex.org/schema.json', type: '1EdTechJsonSchemaValidator2019' }];
    doc['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'];
    const r = await canonizeRdfc(doc);
    const ref = await canonizeWithJsonld(doc);
    expect(r).toEqual(ref);
  });
});
