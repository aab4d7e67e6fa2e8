/**
 * The seeded fuzz harness (issue 14): every format CredLens verifies, mutated at random from real
 * signed samples and our own fixtures, with three oracles:
 *  - crash: verifyCredential throws, or reports ERR_INTERNAL, or returns a malformed report;
 *  - hang: one input takes longer than the per-input limit (the runner in scripts/fuzz.mjs also
 *    kills a process that stops answering, for loops no promise can interrupt);
 *  - silent pass: a mutation changed what was signed, by an independent view of the signed
 *    content (jsonld.js canonicalisation for RDF proofs, JCS for JCS proofs, the decoded bytes of
 *    a JWS), yet the credential still came out authentic (verified, verified-untrusted, expired
 *    or revoked); or any mutation gave a better verdict than the original's.
 * Seeded (mulberry32) and bounded by time, so a finding replays with `--seed`. Baked PNG and
 * EDCI XML inputs are checked for crashes and hangs only: their signed content has no independent
 * view here.
 */
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import jsonld from 'jsonld';
import type { VerifyEnv } from '../../lib/model/env';
import type { CredentialInput } from '../../lib/model/input';
import { VERDICT_ORDER, type Verdict, type VerificationReport } from '../../lib/model/report';
import { createContextLoader } from '../../lib/net/jsonld-loader';
import { compileEuTrustIndex } from '../../lib/trust/eu/compile';
import { createEuTrustSource } from '../../lib/trust/eu/source';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { rng } from '../support/rng';
import { CLAIMS } from '../support/verdict-rank';
import { fixtureRoutes, joseControllerDocument, readFixture } from '../support/vc-web';
import { createVectorFetch, type ExtraRoute } from '../support/vector-web';
import { readVector, readVectorText } from '../support/vectors';

type Json = Record<string, unknown>;
type Rand = () => number;

/** How the signed content of one kind of input is seen, independently of CredLens. */
type Kind = 'di-rdf' | 'di-jcs' | 'jws' | 'ob2-hosted' | 'edc-jades' | 'bytes';

interface Seed {
  name: string;
  kind: Kind;
  text?: string;
  bytes?: Uint8Array;
  env: () => Promise<VerifyEnv> | VerifyEnv;
}

export interface FuzzFinding {
  oracle: 'crash' | 'hang' | 'silent-pass';
  seed: string;
  iteration: number;
  mutation: string;
  detail: string;
  input: string;
}

export interface FuzzStats {
  seed: number;
  seconds: number;
  inputs: number;
  byKind: Record<string, number>;
  crashes: number;
  hangs: number;
  silentPasses: number;
  /** Mutations whose signed content changed (the silent-pass oracle applied to them). */
  contentChanged: number;
  findings: FuzzFinding[];
}

const NOW = new Date('2024-06-01T00:00:00Z');
const noTrust = { lookupIssuer: async () => ({ hits: [], consulted: [] }) };
const allowIssuer = (id: string) => ({
  lookupIssuer: async (ids: string[]) => ({
    hits: ids.includes(id)
      ? [{ sourceId: 'org', sourceLabel: 'Fuzz allow-list', list: 'allow' as const, entryId: id }]
      : [],
    consulted: ['org'],
  }),
});
const vectorEnv = (
  routes: Record<string, ExtraRoute> = {},
  trust: VerifyEnv['trust'] = noTrust,
): VerifyEnv => ({
  fetch: createVectorFetch({ ...fixtureRoutes(), ...routes }),
  now: () => NOW,
  trust,
});

const JOSE_ROUTES = (): Record<string, ExtraRoute> => ({
  'https://example.issuer/vc-jose-cose': { body: joseControllerDocument(), contentType: 'application/json' },
});

async function edcEnv(): Promise<VerifyEnv> {
  const dir = new URL('../fixtures/edc/', import.meta.url);
  const read = (n: string) => readFileSync(new URL(n, dir), 'utf8');
  const compiledAt = new Date('2026-11-01T00:00:00Z');
  const pinned = (
    JSON.parse(read('trust/lotl-signers.json')) as { certificates: { der: string }[] }
  ).certificates.map((c) => c.der);
  const index = await compileEuTrustIndex({
    lotl: { xml: read('trust/eu-lotl.xml'), source: 'eu-lotl.xml', fetchedAt: compiledAt.toISOString() },
    lists: [{ xml: read('trust/TSL_ES.xml'), source: 'TSL_ES.xml', fetchedAt: compiledAt.toISOString() }],
    pinnedLotlSigners: pinned,
    now: compiledAt,
  });
  const now = new Date('2026-11-23T00:00:00Z');
  return {
    fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline fuzz' }),
    now: () => now,
    trust: createTrustStore([createEuTrustSource(index, () => now)]),
  };
}

/** The seed corpus: signed samples of every format, and our fixtures. */
export function seeds(): Seed[] {
  const ob20 = '1edtech-dc-public-validator/ob20/';
  const hostedId = 'https://example.org/beths-robotics-badge.json';
  const edcDir = new URL('../fixtures/edc/', import.meta.url);
  return [
    {
      name: 'fixture ob3-di-didweb (allow-listed)',
      kind: 'di-rdf',
      text: readFixture('ob3-di-didweb.json'),
      env: () => vectorEnv({}, allowIssuer('did:web:issuer.credlens.test')),
    },
    {
      name: 'fixture ob3-di-revoked',
      kind: 'di-rdf',
      text: readFixture('ob3-di-revoked.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'fixture ob3-di-expired',
      kind: 'di-rdf',
      text: readFixture('ob3-di-expired.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'fixture ob3-di-didkey',
      kind: 'di-rdf',
      text: readFixture('ob3-di-didkey.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'fixture ob3-di-endorsement-revoked',
      kind: 'di-rdf',
      text: readFixture('ob3-di-endorsement-revoked.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'w3c eddsa-rdfc-2022',
      kind: 'di-rdf',
      text: readVectorText('w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'w3c ecdsa-rdfc-2019 P-256',
      kind: 'di-rdf',
      text: readVectorText('w3c-vc-di-ecdsa/ecdsa-rdfc-2019-p256/signedECDSAP256.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'w3c ecdsa-sd-2023 derived',
      kind: 'di-rdf',
      text: readVectorText('1edtech-dc-public-validator/ob30/sd/derivedcredential.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'w3c eddsa-jcs-2022',
      kind: 'di-jcs',
      text: readVectorText('w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json'),
      env: () => vectorEnv(),
    },
    {
      name: 'fixture VC-JWT did:jwk',
      kind: 'jws',
      text: readFixture('ob3-jwt-didjwk.jwt'),
      env: () => vectorEnv(),
    },
    {
      name: 'w3c vc+jwt ES256',
      kind: 'jws',
      text: readVectorText('w3c-vc-jose-cose-test-suite/input/credential-jose-minimal.txt'),
      env: () => vectorEnv(JOSE_ROUTES()),
    },
    {
      name: 'OB 2.0 signed JWS',
      kind: 'jws',
      text: readVectorText(`${ob20}simple.jwt`),
      env: () => vectorEnv(),
    },
    {
      name: 'OB 2.0 hosted',
      kind: 'ob2-hosted',
      text: readVectorText(`${ob20}basic-assertion.json`),
      env: () => vectorEnv({ [hostedId]: { file: `${ob20}basic-assertion.json` } }),
    },
    {
      name: 'EDC JAdES qualified (fixture)',
      kind: 'edc-jades',
      text: readFileSync(new URL('edc-jades-qualified.json', edcDir), 'utf8'),
      env: edcEnv,
    },
    {
      name: 'OB 3.0 baked PNG',
      kind: 'bytes',
      bytes: readVector('1edtech-dc-public-validator/ob30/simple-json.png'),
      env: () => vectorEnv(),
    },
    {
      name: 'EDCI XML',
      kind: 'bytes',
      bytes: readVector(
        'ec-european-learning-model/Credentials/XML Examples (ELM v2)/EDC_DiplomaSupplement_AA.xml',
      ),
      env: () => vectorEnv(),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Independent views of the signed content

const loader = createContextLoader();
const stable = (value: unknown): string => canonicalize(value) ?? 'undefined';
const decodeB64 = (s: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  return Buffer.from(s, 'base64url').toString('hex');
};

/** What was signed, seen without CredLens; undefined when it cannot be read at all. */
async function signedView(kind: Kind, text: string): Promise<string | undefined> {
  try {
    if (kind === 'jws') {
      const parts = text.replace(/\s+/g, '').split('.');
      if (parts.length !== 3) return undefined;
      const decoded = parts.map(decodeB64);
      return decoded.some((d) => d === undefined) ? undefined : decoded.join('.');
    }
    const doc = JSON.parse(text) as unknown;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
    const json = doc as Json;
    // jsonld.js itself is open to prototype pollution: the oracle never hands it such names.
    if (/"(__proto__|constructor|prototype)"/.test(text)) return `reserved:${text}`;
    // Nor nesting that overflows its recursion (it reports that as an unhandled rejection).
    if (depthOf(json) > 200) return `deep:${text}`;
    if (kind === 'edc-jades') {
      const sig = (json.signatures as Json[] | undefined)?.[0];
      return `${String(json.payload)}|${String(sig?.protected)}|${String(sig?.signature)}`;
    }
    if (kind === 'di-jcs' || kind === 'ob2-hosted') return stable(json);
    const { proof, ...unsecured } = json;
    const nquads = await jsonld.canonize(unsecured, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: loader,
      base: null,
      safe: false,
    });
    // A proof and a proof set of one are the same proof (VC Data Integrity §2.1).
    return `${nquads}|${stable(Array.isArray(proof) ? proof : [proof])}`;
  } catch {
    return undefined;
  }
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > 200 || value === null || typeof value !== 'object') return depth;
  let max = depth;
  for (const v of Array.isArray(value) ? value : Object.values(value))
    max = Math.max(max, depthOf(v, depth + 1));
  return max;
}

// ---------------------------------------------------------------------------------------------
// Mutations

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Every (container, key) in a JSON value, bounded. */
function slots(
  value: unknown,
  out: [Json | unknown[], string | number][] = [],
  depth = 0,
): [Json | unknown[], string | number][] {
  if (out.length > 2000 || depth > 40) return out;
  if (Array.isArray(value))
    value.forEach((v, i) => {
      out.push([value, i]);
      slots(v, out, depth + 1);
    });
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Json, k]);
      slots(v, out, depth + 1);
    }
  return out;
}

const CRED = 'https://www.w3.org/2018/credentials#';
const JSON_OPS: Record<string, (r: Rand, doc: Json) => void> = {
  'string changed': (r, doc) => {
    const s = slots(doc).filter(([c, k]) => typeof (c as Json)[k as string] === 'string');
    if (!s.length) return;
    const [c, k] = pick(r, s);
    const v = (c as Json)[k as string] as string;
    (c as Json)[k as string] =
      v.length > 0 && r() < 0.5
        ? v.slice(0, -1) + String.fromCharCode(v.charCodeAt(v.length - 1) ^ 1)
        : `${v}x`;
  },
  'key deleted': (r, doc) => {
    const s = slots(doc).filter(([c]) => !Array.isArray(c));
    if (!s.length) return;
    const [c, k] = pick(r, s);
    delete (c as Json)[k as string];
  },
  'key added': (r, doc) => {
    const s = slots(doc).filter(([c]) => !Array.isArray(c));
    const c = s.length ? (pick(r, s)[0] as Json) : doc;
    c[pick(r, ['name', 'validUntil', 'credentialStatus', 'x', '@included', 'id', 'type'])] = pick(r, [
      'x',
      '2099-01-01T00:00:00Z',
      [],
      {},
      1,
    ]);
  },
  'number changed': (r, doc) => {
    const s = slots(doc).filter(([c, k]) => typeof (c as Json)[k as string] === 'number');
    if (!s.length) return;
    const [c, k] = pick(r, s);
    (c as Json)[k as string] = ((c as Json)[k as string] as number) + pick(r, [1, -1, 1e308, 0.5]);
  },
  'wrapped in an array': (r, doc) => {
    const s = slots(doc);
    if (!s.length) return;
    const [c, k] = pick(r, s);
    (c as Json)[k as string] = [(c as Json)[k as string]];
  },
  'wrapped in two arrays': (r, doc) => {
    const s = slots(doc);
    if (!s.length) return;
    const [c, k] = pick(r, s);
    (c as Json)[k as string] = [[(c as Json)[k as string]]];
  },
  'key written as its full IRI': (r, doc) => {
    const key = pick(r, [
      'credentialStatus',
      'validUntil',
      'validFrom',
      'issuer',
      'credentialSubject',
      'expirationDate',
    ]);
    if (doc[key] === undefined) return;
    doc[`${CRED}${key}`] = doc[key];
    delete doc[key];
  },
  'date as a typed value': (r, doc) => {
    const key = pick(r, ['validUntil', 'validFrom', 'expirationDate', 'issuanceDate']);
    if (typeof doc[key] !== 'string') return;
    doc[key] = { '@value': doc[key], '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' };
  },
  'node moved to @included': (_r, doc) => {
    if (typeof doc.id !== 'string' || doc.credentialStatus === undefined) return;
    doc['@included'] = [{ id: doc.id, type: doc.type, credentialStatus: doc.credentialStatus }];
    delete doc.credentialStatus;
  },
  'id respelled through a prefix': (r, doc) => {
    const s = slots(doc).filter(([c, k]) => k === 'id' && typeof (c as Json)[k] === 'string');
    if (!s.length) return;
    const [c] = pick(r, s);
    const id = (c as Json).id as string;
    const cut = Math.max(1, Math.floor(id.length * r()));
    doc['@context'] = [
      ...(Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']]),
      { p1: { '@id': id.slice(0, cut), '@prefix': true } },
    ];
    (c as Json).id = `p1:${id.slice(cut)}`;
  },
  'unsigned status type added': (_r, doc) => {
    for (const e of Array.isArray(doc.credentialStatus) ? doc.credentialStatus : [doc.credentialStatus])
      if (e !== null && typeof e === 'object')
        (e as Json).type = ['1EdTechRevocationList', ...[(e as Json).type].flat()];
  },
  'values swapped': (r, doc) => {
    const s = slots(doc).filter(([c]) => !Array.isArray(c));
    if (s.length < 2) return;
    const [a, ka] = pick(r, s);
    const [b, kb] = pick(r, s);
    const t = (a as Json)[ka as string];
    (a as Json)[ka as string] = (b as Json)[kb as string];
    (b as Json)[kb as string] = t;
  },
  'reserved name': (r, doc) => {
    const s = slots(doc).filter(([c]) => !Array.isArray(c));
    const c = s.length ? (pick(r, s)[0] as Json) : doc;
    if (r() < 0.5) c.id = '__proto__';
    else
      Object.defineProperty(c, '__proto__', {
        value: { polluted: true },
        enumerable: true,
        configurable: true,
        writable: true,
      });
  },
  'string blown up': (r, doc) => {
    const s = slots(doc).filter(([c, k]) => typeof (c as Json)[k as string] === 'string');
    if (!s.length) return;
    const [c, k] = pick(r, s);
    (c as Json)[k as string] = ((c as Json)[k as string] as string).repeat(2000).slice(0, 200_000);
  },
  'nesting deepened': (r, doc) => {
    let deep: unknown = 'x';
    for (let i = 0; i < 3000; i++) deep = r() < 0.5 ? [deep] : { a: deep };
    doc[pick(r, ['evidence', 'x', 'credentialSubject'])] = deep;
  },
};

function mutateJson(r: Rand, text: string): { text: string; ops: string[] } {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    return { text, ops: [] };
  }
  const ops: string[] = [];
  const n = 1 + Math.floor(r() * 2);
  for (let i = 0; i < n; i++) {
    const name = pick(r, Object.keys(JSON_OPS));
    JSON_OPS[name]!(r, doc);
    ops.push(name);
  }
  return { text: JSON.stringify(doc), ops };
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

function mutateToken(r: Rand, token: string): { text: string; ops: string[] } {
  const parts = token.trim().split('.');
  const op = pick(r, [
    'char flipped',
    'payload claim changed',
    'header changed',
    'truncated',
    'signature swapped',
    'alg none',
  ]);
  if (op === 'char flipped') {
    const i = Math.floor(r() * token.length);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    return { text: token.slice(0, i) + pick(r, alphabet.split('')) + token.slice(i + 1), ops: [op] };
  }
  if (op === 'payload claim changed' && parts.length === 3) {
    const m = mutateJson(r, unb64(parts[1]!));
    return { text: [parts[0], b64(m.text), parts[2]].join('.'), ops: [op, ...m.ops] };
  }
  if (op === 'header changed' && parts.length === 3) {
    const m = mutateJson(r, unb64(parts[0]!));
    return { text: [b64(m.text), parts[1], parts[2]].join('.'), ops: [op, ...m.ops] };
  }
  if (op === 'alg none' && parts.length === 3)
    return { text: [b64(JSON.stringify({ alg: 'none', typ: 'JWT' })), parts[1], ''].join('.'), ops: [op] };
  if (op === 'signature swapped' && parts.length === 3)
    return { text: [parts[0], parts[1], b64('x'.repeat(64))].join('.'), ops: [op] };
  return { text: token.slice(0, Math.max(1, Math.floor(token.length * r()))), ops: ['truncated'] };
}

function mutateJades(r: Rand, text: string): { text: string; ops: string[] } {
  const doc = JSON.parse(text) as { payload: string; signatures: Json[] };
  const where = pick(r, ['payload', 'protected', 'signature']);
  if (where === 'payload') {
    const m = mutateJson(r, doc.payload);
    doc.payload = m.text;
    return { text: JSON.stringify(doc), ops: ['payload: ' + m.ops.join(', ')] };
  }
  const sig = doc.signatures[0]!;
  if (where === 'protected') {
    const m = mutateJson(r, unb64(String(sig.protected)));
    sig.protected = b64(m.text);
    return { text: JSON.stringify(doc), ops: ['protected header: ' + m.ops.join(', ')] };
  }
  const s = String(sig.signature);
  const i = Math.floor(r() * s.length);
  sig.signature = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return { text: JSON.stringify(doc), ops: ['signature changed'] };
}

function mutateBytes(r: Rand, bytes: Uint8Array): { bytes: Uint8Array; ops: string[] } {
  const op = pick(r, ['byte flipped', 'bytes inserted', 'truncated']);
  const out = Uint8Array.from(bytes);
  const i = Math.floor(r() * bytes.length);
  if (op === 'byte flipped') {
    out[i] = (out[i] ?? 0) ^ (1 + Math.floor(r() * 255));
    return { bytes: out, ops: [op] };
  }
  if (op === 'bytes inserted') {
    const junk = Uint8Array.from({ length: 1 + Math.floor(r() * 64) }, () => Math.floor(r() * 256));
    return { bytes: Uint8Array.from([...bytes.slice(0, i), ...junk, ...bytes.slice(i)]), ops: [op] };
  }
  return { bytes: bytes.slice(0, Math.max(1, i)), ops: [op] };
}

// ---------------------------------------------------------------------------------------------

const AUTHENTIC: readonly Verdict[] = ['verified', 'verified-untrusted', 'expired', 'revoked'];
const rank = (v: Verdict) => CLAIMS[v];

function wellFormed(r: VerificationReport): string | undefined {
  if (!VERDICT_ORDER.includes(r.verdict)) return `unknown verdict ${String(r.verdict)}`;
  if (!Array.isArray(r.checks) || r.checks.length === 0) return 'no checks';
  const internal = r.checks.find((c) => c.code === 'ERR_INTERNAL');
  if (internal) return `ERR_INTERNAL in ${internal.id}: ${internal.detail ?? ''}`;
  try {
    JSON.stringify(r);
  } catch (error) {
    return `report is not plain JSON: ${String(error)}`;
  }
  return undefined;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), ms))),
  ]).finally(() => clearTimeout(timer));
}

export interface FuzzOptions {
  seed: number;
  seconds: number;
  /** Per-input limit before an input counts as a hang. */
  perInputMs?: number;
  /** Called before each input (the runner's heartbeat). */
  onInput?: (iteration: number, seedName: string, mutation: string) => void;
  maxInputs?: number;
}

const PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Runs the fuzzer until the time is up. Resolves with the counts and every finding. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzStats> {
  const r = rng(options.seed);
  const corpus = seeds();
  const envs = new Map<string, VerifyEnv>();
  const originals = new Map<string, { report: VerificationReport; view: string | undefined }>();
  const stats: FuzzStats = {
    seed: options.seed,
    seconds: options.seconds,
    inputs: 0,
    byKind: {},
    crashes: 0,
    hangs: 0,
    silentPasses: 0,
    contentChanged: 0,
    findings: [],
  };
  const envOf = async (s: Seed) => {
    let e = envs.get(s.name);
    if (!e) envs.set(s.name, (e = await s.env()));
    return e;
  };
  const input = (s: Seed, text?: string, bytes?: Uint8Array): CredentialInput =>
    bytes ? { kind: 'bytes', bytes, name: s.name } : { kind: 'text', text: text ?? '', name: s.name };
  const deadline = Date.now() + options.seconds * 1000;
  const limit = options.perInputMs ?? 10_000;
  for (let iteration = 0; Date.now() < deadline && iteration < (options.maxInputs ?? Infinity); iteration++) {
    const s = pick(r, corpus);
    const env = await envOf(s);
    let original = originals.get(s.name);
    if (!original) {
      const report = await verifyCredential(input(s, s.text, s.bytes), env);
      original = {
        report,
        view: s.text !== undefined && s.kind !== 'bytes' ? await signedView(s.kind, s.text) : undefined,
      };
      originals.set(s.name, original);
    }
    let text: string | undefined;
    let bytes: Uint8Array | undefined;
    let ops: string[];
    if (s.kind === 'bytes') ({ bytes, ops } = mutateBytes(r, s.bytes!));
    else if (s.kind === 'jws') ({ text, ops } = mutateToken(r, s.text!));
    else if (s.kind === 'edc-jades') ({ text, ops } = mutateJades(r, s.text!));
    else ({ text, ops } = mutateJson(r, s.text!));
    const mutation = ops.join(' + ') || '(none)';
    options.onInput?.(iteration, s.name, mutation);
    stats.inputs++;
    stats.byKind[s.kind] = (stats.byKind[s.kind] ?? 0) + 1;
    const record = (oracle: FuzzFinding['oracle'], detail: string) => {
      stats.findings.push({
        oracle,
        seed: s.name,
        iteration,
        mutation,
        detail,
        input:
          text !== undefined
            ? text.slice(0, 20_000)
            : Buffer.from(bytes ?? [])
                .toString('base64')
                .slice(0, 20_000),
      });
    };
    let report: VerificationReport | 'timeout';
    try {
      report = await withTimeout(verifyCredential(input(s, text, bytes), env), limit);
    } catch (error) {
      stats.crashes++;
      record('crash', `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      continue;
    }
    if (report === 'timeout') {
      stats.hangs++;
      record('hang', `no report within ${limit} ms`);
      continue;
    }
    const polluted = Object.getOwnPropertyNames(Object.prototype).filter((k) => !PROTO_KEYS.has(k));
    if (polluted.length > 0) {
      stats.crashes++;
      record('crash', `Object.prototype polluted: ${polluted.join(', ')}`);
      for (const k of polluted) delete (Object.prototype as Record<string, unknown>)[k];
      continue;
    }
    const malformed = wellFormed(report);
    if (malformed) {
      stats.crashes++;
      record('crash', malformed);
      continue;
    }
    if (rank(report.verdict) > rank(original.report.verdict)) {
      stats.silentPasses++;
      record(
        'silent-pass',
        `better verdict than the original: ${original.report.verdict} → ${report.verdict}`,
      );
      continue;
    }
    if (text === undefined || original.view === undefined) continue;
    const view = await signedView(s.kind, text);
    if (view === original.view) continue;
    stats.contentChanged++;
    if (AUTHENTIC.includes(report.verdict) && s.kind !== 'ob2-hosted') {
      stats.silentPasses++;
      record('silent-pass', `signed content changed, verdict ${report.verdict}`);
    } else if (
      s.kind === 'ob2-hosted' &&
      AUTHENTIC.includes(report.verdict) &&
      report.differences.length === 0
    ) {
      // A hosted badge: the issuer's copy decides; a changed copy must show its differences.
      const id = (JSON.parse(text) as Json).id;
      if (id === (JSON.parse(s.text!) as Json).id) {
        stats.silentPasses++;
        record('silent-pass', `changed hosted copy, verdict ${report.verdict}, no differences shown`);
      }
    }
  }
  return stats;
}
