#!/usr/bin/env node
// VC verification speed (issue 3): the same OB 3.0 eddsa-rdfc-2022 credential (about 4 KB, and
// with 10 / 50 / 200 alignments) verified by CredLens (verifyCredential from lib/verify.ts, the
// whole pipeline: report, elements, grading) and by the peer stack @digitalbazaar/vc +
// data-integrity + eddsa-rdfc-2022-cryptosuite, in one run, cold and warm; plus the raw limit:
// RDFC-1.0 canonicalisation of the pre-parsed RDF datasets + SHA-256 + one Ed25519 verify.
// Keys are generated at start (did:key, Ed25519); no network: both stacks get the contexts bundled
// in lib/net/contexts and the did:key document from a local loader.
// A benchmark prints numbers; it asserts nothing (a stack rejecting a signature is printed loudly).
//   node scripts/bench-vc.mjs [--runs 50] [--cold 7] [--sizes base,10,50,200]
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const NOW = '2025-06-01T00:00:00Z';
const CREATED = '2025-01-15T10:00:00Z';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    cold: { type: 'string', default: '7' },
    sizes: { type: 'string', default: 'base,10,50,200' },
    // internal: one cold sample in a fresh process
    child: { type: 'string' },
    dir: { type: 'string' },
    size: { type: 'string' },
  },
});

// ---------------------------------------------------------------- shared helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Nearest-rank percentile. */
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

/** The contexts CredLens bundles (URL → parsed JSON), read as tests/fixtures/vc/generate.mjs does. */
function bundledContexts() {
  const index = readFileSync(join(ROOT, 'lib/net/contexts/index.ts'), 'utf8');
  const map = new Map();
  for (const m of index.matchAll(/url: "([^"]+)", file: '([^']+)'/g)) {
    map.set(m[1], JSON.parse(readFileSync(join(ROOT, 'lib/net/contexts', m[2]), 'utf8')));
  }
  if (map.size === 0) throw new Error('no bundled contexts found in lib/net/contexts/index.ts');
  return map;
}

/** A did:key document (Multikey) for one Ed25519 public key multibase (z6Mk...). */
function didKeyDocument(publicKeyMultibase) {
  const did = `did:key:${publicKeyMultibase}`;
  const vmId = `${did}#${publicKeyMultibase}`;
  const vm = { id: vmId, type: 'Multikey', controller: did, publicKeyMultibase };
  return {
    did,
    vmId,
    vm,
    doc: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [vm],
      assertionMethod: [vmId],
      authentication: [vmId],
    },
  };
}

/** The peer's documentLoader: bundled contexts and the one did:key, nothing else (no network). */
function peerLoader(contexts, didDoc) {
  return async (url) => {
    if (contexts.has(url))
      return { contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url)) };
    if (url === didDoc.did)
      return { contextUrl: null, documentUrl: url, document: structuredClone(didDoc.doc) };
    if (url === didDoc.vmId) {
      const document = { '@context': 'https://w3id.org/security/multikey/v1', ...didDoc.vm };
      return { contextUrl: null, documentUrl: url, document };
    }
    throw new Error(`bench loader: ${url} is not served (no network)`);
  };
}

/** The CredLens environment: fixed now, no trust sources, a fetcher that refuses (and counts) everything. */
function credlensEnv(mod, counter) {
  return {
    fetch: async (url) => {
      counter.fetches++;
      return { ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'bench: no network' };
    },
    now: () => new Date(NOW),
    clock: () => new Date(NOW),
    trust: mod.createTrustStore([]),
  };
}

async function credlensVerify(mod, env, text) {
  const report = await mod.verifyCredential({ kind: 'text', text, name: 'bench.json' }, env);
  const sig = report.checks.find((c) => c.id === 'proof.signature');
  return { ok: sig?.status === 'passed', verdict: report.verdict, sig: `${sig?.status} ${sig?.code}` };
}

async function loadPeer() {
  const [vc, { DataIntegrityProof }, { cryptosuite }] = await Promise.all([
    import('@digitalbazaar/vc'),
    import('@digitalbazaar/data-integrity'),
    import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
  ]);
  return { vc, DataIntegrityProof, cryptosuite };
}

async function peerVerify(peer, loader, credential) {
  const suite = new peer.DataIntegrityProof({ cryptosuite: peer.cryptosuite });
  const r = await peer.vc.verifyCredential({ credential, suite, documentLoader: loader, now: NOW });
  const err = r.error?.errors?.[0] ?? r.error ?? r.results?.find((x) => !x.verified)?.error;
  return { ok: r.verified === true, detail: err ? String(err.message ?? err) : '' };
}

/** Bundles lib/ (verifyCredential + the trust store) like scripts/build-cli.mjs, npm packages external. */
async function bundleCredLens(outDir) {
  const { build } = await import('esbuild');
  const outfile = join(outDir, 'credlens-bench.mjs');
  await build({
    stdin: {
      contents:
        "export { verifyCredential } from './lib/verify';\nexport { createTrustStore } from './lib/trust/store';\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

// ---------------------------------------------------------------- cold child

if (values.child) {
  const dir = values.dir;
  const data = JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8'));
  const text = data.texts[values.size];
  let load, first, ok, detail;
  if (values.child === 'credlens') {
    const t0 = performance.now();
    const mod = await import(pathToFileURL(join(dir, 'credlens-bench.mjs')).href);
    load = performance.now() - t0;
    const counter = { fetches: 0 };
    const env = credlensEnv(mod, counter);
    const t1 = performance.now();
    const r = await credlensVerify(mod, env, text);
    first = performance.now() - t1;
    ok = r.ok && counter.fetches === 0;
    detail = `${r.sig}, fetches ${counter.fetches}`;
  } else {
    const t0 = performance.now();
    const peer = await loadPeer();
    load = performance.now() - t0;
    const loader = peerLoader(bundledContexts(), didKeyDocument(data.publicKeyMultibase));
    const credential = JSON.parse(text);
    const t1 = performance.now();
    const r = await peerVerify(peer, loader, credential);
    first = performance.now() - t1;
    ok = r.ok;
    detail = r.detail;
  }
  process.stdout.write(`${JSON.stringify({ load, first, ok, detail })}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------- main

const RUNS = Math.max(1, Number(values.runs));
const COLD = Math.max(1, Number(values.cold));
const SIZES = values.sizes.split(',').map((s) => s.trim());
const WARMUP = Math.min(10, RUNS);
const started = performance.now();

const jsonld = (await import('jsonld')).default;
const rdfCanonize = await import('rdf-canonize');
const { ed25519 } = await import('@noble/curves/ed25519.js');
const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
const peer = await loadPeer();
const contexts = bundledContexts();

// ---- real keys, generated now
const seed = new Uint8Array(randomBytes(32));
const keyPair = await Ed25519Multikey.generate({ seed });
const did = didKeyDocument(keyPair.publicKeyMultibase);
keyPair.id = did.vmId;
keyPair.controller = did.did;
const loader = peerLoader(contexts, did);

// ---- the credential: OB 3.0 OpenBadgeCredential, about 4 KB, then with N alignments
const CTX = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
];
const alignment = (i) => ({
  type: ['Alignment'],
  targetName: `Competence ${i}: use digital tools to collaborate and solve problems`,
  targetDescription: `Alignment ${i} of the bench achievement to a skill in the ESCO classification.`,
  targetFramework: 'ESCO',
  targetCode: `S${String(1000 + i)}`,
  targetType: 'ext:ESCOSkill',
  targetUrl: `http://data.europa.eu/esco/skill/0a9b4f6e-6e5f-4d5e-9b8f-${String(i).padStart(12, '0')}`,
});
function credential(alignments) {
  const id = 'urn:uuid:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
  return {
    '@context': CTX,
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: did.did,
      type: ['Profile'],
      name: 'CredLens Bench University',
      url: 'https://bench.credlens.test/',
      email: 'registrar@bench.credlens.test',
      description:
        'A university that exists only to sign this benchmark credential with a did:key made at start.',
    },
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    name: 'Data Literacy Practitioner',
    description: 'Awarded for completing the Data Literacy Practitioner programme and its assessed project.',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:learner-bench-1',
      achievement: {
        id: `${id}/achievement`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: 'Data Literacy Practitioner',
        description:
          'The holder can collect, clean, analyse and present data responsibly, choose fitting methods and tools, ' +
          'explain results to non-specialists, and reflect on privacy, bias and the limits of the evidence. ' +
          'The programme comprises six modules of lectures, weekly exercises and a supervised capstone project.',
        criteria: {
          narrative:
            'Completed all six modules (lectures, weekly exercises and quizzes with at least 70% each), ' +
            'submitted a capstone project analysing a public data set, and defended it before a panel of two assessors.',
        },
        image: {
          id: 'https://bench.credlens.test/badges/data-literacy.png',
          type: 'Image',
          caption: 'Badge image',
        },
        tag: ['data', 'statistics', 'visualisation', 'privacy'],
        humanCode: 'DLP-101',
        fieldOfStudy: 'Information and Communication Technologies',
        specialization: 'Data analysis',
        inLanguage: 'en',
        version: '2.1',
        creditsAvailable: 5,
        alignment: Array.from({ length: alignments }, (_, i) => alignment(i + 1)),
      },
    },
  };
}
const SIZE_ALIGNMENTS = { base: 3, 10: 10, 50: 50, 200: 200 };

// ---- signing: the peer's suite (benched) and CredLens's fixture signer (tests/fixtures/vc/generate.mjs)
async function signPeer(unsigned) {
  const suite = new peer.DataIntegrityProof({
    signer: keyPair.signer(),
    date: CREATED,
    cryptosuite: peer.cryptosuite,
  });
  return peer.vc.issue({ credential: structuredClone(unsigned), suite, documentLoader: loader, now: NOW });
}
const canonNq = (doc) =>
  jsonld.canonize(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader: loader,
    safe: true,
    base: null,
  });
const sha256 = (text) => createHash('sha256').update(text).digest();
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes) {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let s = '';
  while (n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) s = `1${s}`;
  return s;
}
/** eddsa-rdfc-2022 as CredLens's fixture generator signs (vc-di-eddsa §3.3), with @noble/curves. */
async function signLocal(unsigned) {
  const proof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: CREATED,
    verificationMethod: did.vmId,
    proofPurpose: 'assertionMethod',
  };
  const hash = Buffer.concat([
    sha256(await canonNq({ ...proof, '@context': unsigned['@context'] })),
    sha256(await canonNq(unsigned)),
  ]);
  return { ...unsigned, proof: { ...proof, proofValue: `z${base58(ed25519.sign(hash, seed))}` } };
}

const sizes = SIZES.filter((s) => s in SIZE_ALIGNMENTS);
const signed = {};
const texts = {};
for (const size of sizes) {
  signed[size] = await signPeer(credential(SIZE_ALIGNMENTS[size]));
  texts[size] = JSON.stringify(signed[size], null, 2);
}

// ---- CredLens bundle (under node_modules/.cache so its external packages resolve from the repo)
const cacheDir = join(ROOT, 'node_modules/.cache');
mkdirSync(cacheDir, { recursive: true });
const dir = mkdtempSync(join(cacheDir, 'credlens-bench-vc-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
await bundleCredLens(dir);
writeFileSync(
  join(dir, 'data.json'),
  JSON.stringify({ publicKeyMultibase: keyPair.publicKeyMultibase, texts }),
);
const credlens = await import(pathToFileURL(join(dir, 'credlens-bench.mjs')).href);
const counter = { fetches: 0 };
const env = credlensEnv(credlens, counter);

const out = (line = '') => process.stdout.write(`${line}\n`);
out(
  'CredLens VC verification benchmark (issue 3): OB 3.0 OpenBadgeCredential, eddsa-rdfc-2022, did:key (Ed25519)',
);
out(
  `machine: node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores), ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()[0].toFixed(2)} at start`,
);
out(
  `peer: @digitalbazaar/vc 7.3.0 + data-integrity 2.5.0 + eddsa-rdfc-2022-cryptosuite 1.3.0 (same jsonld 9 / rdf-canonize 5 as CredLens)`,
);
out(
  `issuer: ${did.did}   now: ${NOW}   warm runs: ${RUNS} (after ${WARMUP} warm-up)   cold samples: ${COLD}`,
);
out();

// ---- sanity: each stack accepts the other's signature (and its own), once
out('sanity (cross-verification, base size):');
const base = sizes[0];
const localSigned = await signLocal(credential(SIZE_ALIGNMENTS[base]));
const sanity = [
  ['CredLens verifies the peer-signed credential', await credlensVerify(credlens, env, texts[base])],
  [
    'CredLens verifies the CredLens-signed credential',
    await credlensVerify(credlens, env, JSON.stringify(localSigned)),
  ],
  [
    'peer verifies the CredLens-signed credential',
    await peerVerify(peer, loader, structuredClone(localSigned)),
  ],
  ['peer verifies the peer-signed credential', await peerVerify(peer, loader, structuredClone(signed[base]))],
];
const tampered = structuredClone(signed[base]);
tampered.credentialSubject.achievement.name = 'Data Literacy Master';
const negative = [
  ['CredLens rejects a tampered copy', await credlensVerify(credlens, env, JSON.stringify(tampered))],
  ['peer rejects a tampered copy', await peerVerify(peer, loader, structuredClone(tampered))],
];
for (const [label, r] of sanity) {
  const info = r.verdict
    ? ` (verdict ${r.verdict}, proof.signature ${r.sig})`
    : r.detail
      ? ` (${r.detail})`
      : '';
  out(r.ok ? `  ok      ${label}${info}` : `  !!!!!!  FAILED: ${label}${info}  <-- signature NOT accepted`);
}
for (const [label, r] of negative) {
  const info = r.verdict ? ` (verdict ${r.verdict}, proof.signature ${r.sig})` : '';
  out(
    !r.ok
      ? `  ok      ${label}${info}`
      : `  !!!!!!  FAILED: ${label}: a tampered credential was ACCEPTED${info}`,
  );
}
for (const size of sizes) {
  const c = await credlensVerify(credlens, env, texts[size]);
  const p = await peerVerify(peer, loader, JSON.parse(texts[size]));
  if (!c.ok || !p.ok)
    out(
      `  !!!!!!  size ${size}: CredLens ${c.ok ? 'accepts' : `REJECTS (${c.sig})`}, peer ${p.ok ? 'accepts' : `REJECTS (${p.detail})`}`,
    );
}
if (counter.fetches > 0)
  out(`  !!!!!!  CredLens made ${counter.fetches} network request(s) for a did:key credential`);
out();

// ---- warm
/** Warm timings of one or more functions, run alternately (a shared machine's load hits each alike). */
async function warm(...fns) {
  for (let i = 0; i < WARMUP; i++) for (const fn of fns) await fn();
  const times = fns.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      times[k].push(performance.now() - t);
    }
  }
  return fns.length === 1 ? times[0] : times;
}

// ---- raw limit: RDFC-1.0 of pre-parsed datasets + SHA-256 + one Ed25519 verify (WebCrypto, key imported once)
async function rawLimit(doc) {
  const { proof, ...unsecured } = doc;
  const { proofValue, ...config } = proof;
  config['@context'] = doc['@context'];
  const toRdf = (d) => jsonld.toRDF(d, { documentLoader: loader, safe: true, base: null });
  const docSet = await toRdf(unsecured);
  const cfgSet = await toRdf(config);
  const key = await crypto.subtle.importKey('raw', ed25519.getPublicKey(seed), { name: 'Ed25519' }, false, [
    'verify',
  ]);
  const sig = Uint8Array.from(Buffer.from(base58Decode(proofValue.slice(1))));
  const canon = (set) => rdfCanonize.canonize(set, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
  const once = async (docCopy, cfgCopy) => {
    const [c1, c2] = [await canon(cfgCopy), await canon(docCopy)];
    const h1 = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(c1)));
    const h2 = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(c2)));
    const data = new Uint8Array(64);
    data.set(h1, 0);
    data.set(h2, 32);
    return crypto.subtle.verify({ name: 'Ed25519' }, key, sig, data);
  };
  const valid = await once(structuredClone(docSet), structuredClone(cfgSet));
  const times = [];
  const total = WARMUP + RUNS;
  for (let i = 0; i < total; i++) {
    const d = structuredClone(docSet);
    const c = structuredClone(cfgSet);
    const t = performance.now();
    await once(d, c);
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  // JSON-LD → RDF (expansion + toRDF) of the same two documents, for the breakdown.
  const toRdfTimes = await warm(async () => {
    await toRdf(unsecured);
    await toRdf(config);
  });
  return { valid, times, toRdfTimes, quads: docSet.length + cfgSet.length };
}
function base58Decode(s) {
  let n = 0n;
  for (const ch of s) n = n * 58n + BigInt(B58.indexOf(ch));
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const lead = s.match(/^1*/)[0].length;
  return Buffer.concat([Buffer.alloc(lead), Buffer.from(hex, 'hex')]);
}

// ---- cold: one child process per sample (the caller alternates the stacks)
function coldSample(stack, size) {
  const r = spawnSync(process.execPath, [SELF, '--child', stack, '--dir', dir, '--size', size], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const line = r.stdout?.trim().split('\n').pop();
  if (r.status !== 0 || !line) {
    out(`  !!!!!!  cold ${stack} ${size}: child failed (${r.status}): ${(r.stderr ?? '').slice(0, 300)}`);
    return [];
  }
  const j = JSON.parse(line);
  if (!j.ok) out(`  !!!!!!  cold ${stack} ${size}: signature NOT accepted (${j.detail})`);
  return [j];
}

const fmt = (x) => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const table = [];
for (const size of sizes) {
  const text = texts[size];
  const [w1, w2] = await warm(
    () => credlensVerify(credlens, env, text),
    () => peerVerify(peer, loader, JSON.parse(text)),
  );
  const raw = await rawLimit(signed[size]);
  if (!raw.valid)
    out(`  !!!!!!  raw limit ${size}: the Ed25519 signature over the canonical form did NOT verify`);
  const c1 = [];
  const c2 = [];
  for (let i = 0; i < COLD; i++) {
    c1.push(...coldSample('credlens', size));
    c2.push(...coldSample('peer', size));
  }
  table.push({
    size,
    bytes: Buffer.byteLength(text),
    alignments: SIZE_ALIGNMENTS[size],
    quads: raw.quads,
    w1,
    w2,
    raw,
    c1,
    c2,
  });
}

out('times in ms: median / p90');
const head = [
  'credential',
  'bytes',
  'quads',
  'CredLens warm',
  'peer warm',
  'CredLens cold',
  'peer cold',
  'raw limit',
  'JSON-LD→RDF',
];
const rows = table.map((t) => [
  `${t.size === 'base' ? 'base' : `${t.size} align.`} (${t.alignments} al.)`,
  String(t.bytes),
  String(t.quads),
  `${fmt(median(t.w1))} / ${fmt(pct(t.w1, 90))}`,
  `${fmt(median(t.w2))} / ${fmt(pct(t.w2, 90))}`,
  `${fmt(median(t.c1.map((c) => c.first)))} / ${fmt(
    pct(
      t.c1.map((c) => c.first),
      90,
    ),
  )}`,
  `${fmt(median(t.c2.map((c) => c.first)))} / ${fmt(
    pct(
      t.c2.map((c) => c.first),
      90,
    ),
  )}`,
  `${fmt(median(t.raw.times))} / ${fmt(pct(t.raw.times, 90))}`,
  `${fmt(median(t.raw.toRdfTimes))} / ${fmt(pct(t.raw.toRdfTimes, 90))}`,
]);
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
out(line(head));
out(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) out(line(r));
const loads = (stack) => table.flatMap((t) => t[stack].map((c) => c.load));
out();
out(
  `module load in a fresh process (not in "cold"): CredLens ${fmt(median(loads('c1')))} ms, peer ${fmt(median(loads('c2')))} ms (median)`,
);
out(
  'warm = median of the runs after warm-up in this process; cold = the first verification in a fresh process',
);
out(
  '(modules already imported), one child per sample; CredLens = the whole pipeline (report, elements, grading),',
);
out(
  'peer = vc.verifyCredential with the eddsa-rdfc-2022 suite. raw limit = RDFC-1.0 of the already parsed datasets',
);
out(
  '(document + proof options) + 2 SHA-256 + 1 Ed25519 verify (WebCrypto); JSON-LD→RDF = jsonld.toRDF of the same',
);
out('two documents (expansion to RDF), the part the raw limit leaves out.');
// ---- VC-JWT: the generated OB 3.0 VC-JWT (ES256, did:jwk: no network), whole pipeline, warm
const jwtText = readFileSync(join(ROOT, 'tests/fixtures/vc/ob3-jwt-didjwk.jwt'), 'utf8').trim();
const jwtCheck = await credlensVerify(credlens, env, jwtText);
const jwtTimes = await warm(() => credlensVerify(credlens, env, jwtText));
out();
out(
  `VC-JWT (ES256, did:jwk, ${jwtText.length} chars): CredLens warm ${fmt(median(jwtTimes))} / ${fmt(pct(jwtTimes, 90))} ms (median / p90); ` +
    `${jwtCheck.ok ? 'signature passed' : `!!!!!! signature ${jwtCheck.sig}`}, verdict ${jwtCheck.verdict}`,
);
out(`VC bench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
