#!/usr/bin/env node
// Bundles the JSON-LD contexts CredLens may ever use into lib/net/contexts/, pinned by hash.
//
// Reads the context files in place from ../shared/vectors (or $CREDLENS_VECTORS), following the
// "JSON-LD context URL → local file" table of ../shared/vectors/MANIFEST.md. Each file is parsed and
// written as minified JSON (JSON.stringify of the parsed value — never a byte copy), and
// lib/net/contexts/index.ts maps each URL to its file and the SHA-256 of its canonical JSON
// (keys sorted recursively). lib/net/jsonld-loader.ts re-hashes every document before serving it,
// so a hand edit of a bundled context that skips this script fails closed.
//
// Usage: node scripts/bundle-contexts.mjs [--check]   (--check: exit 1 when the bundle is stale)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vectors = process.env.CREDLENS_VECTORS ?? resolve(repoRoot, '../shared/vectors');
const outDir = resolve(repoRoot, 'lib/net/contexts');
const check = process.argv.includes('--check');

const V = '1edtech-dc-public-validator/contexts';
const J = 'jsonld-contexts';
const B = `${J}/blockcerts-cert-schema/cert_schema`;

/** [output file name, vectors-relative source, URLs served from it] — from the MANIFEST table. */
const TABLE = [
  // Open Badges 2.0 / 1.x
  ['openbadges-v2', `${V}/obv2x.jsonld`, ['https://w3id.org/openbadges/v2']],
  ['openbadgespec-v2', `${V}/ob-v2p0.json`, ['https://openbadgespec.org/v2/context.json']],
  [
    'openbadges-v1',
    '1edtech-openbadges-specification/ob_v2p0/v1/context.json',
    ['https://w3id.org/openbadges/v1'],
  ],
  [
    'ob2-example-extension',
    `${V}/obv2x-example-extension.json`,
    ['https://w3id.org/openbadges/extensions/exampleExtension/context.json'],
  ],
  [
    'ob2-applylink-extension',
    `${V}/obv2x-applylink-extensions.json`,
    ['https://w3id.org/openbadges/extensions/applyLinkExtension/context.json'],
  ],
  // Open Badges 3.0 / CLR 2.0
  [
    'ob-v3p0-3.0.3',
    `${V}/ob-v3p0-3.0.3.json`,
    ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  ],
  [
    'ob-v3p0-3.0.2',
    `${V}/ob-v3p0-3.0.2.json`,
    ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'],
  ],
  [
    'ob-v3p0-3.0.1',
    `${V}/ob-v3p0-3.0.1.json`,
    ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'],
  ],
  [
    'ob-v3p0',
    `${V}/ob-v3p0.json`,
    [
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld',
    ],
  ],
  [
    'ob-v3p0-extensions',
    `${V}/ob-v3p0-extensions.json`,
    ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
  ],
  [
    'clr-v2p0-2.0.1',
    `${V}/clr-v2p0-2.0.1.json`,
    ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'],
  ],
  ['clr-v2p0', `${V}/clr-v2p0.json`, ['https://purl.imsglobal.org/spec/clr/v2p0/context.json']],
  // W3C Verifiable Credentials and Data Integrity
  [
    'credentials-v2',
    `${J}/w3c-vc-data-model/contexts/credentials/v2.jsonld`,
    ['https://www.w3.org/ns/credentials/v2'],
  ],
  [
    'credentials-v1',
    `${J}/w3c-vc-data-model/contexts/credentials/v1.jsonld`,
    ['https://www.w3.org/2018/credentials/v1'],
  ],
  [
    'credentials-examples-v2',
    `${J}/w3c-vc-data-model/contexts/credentials/examples/v2.jsonld`,
    ['https://www.w3.org/ns/credentials/examples/v2'],
  ],
  [
    'credentials-examples-v1',
    `${J}/w3c-vc-data-model/contexts/credentials/examples/v1.jsonld`,
    ['https://www.w3.org/2018/credentials/examples/v1'],
  ],
  [
    'data-integrity-v2',
    `${J}/w3c-vc-data-integrity/contexts/data-integrity/v2.jsonld`,
    ['https://w3id.org/security/data-integrity/v2'],
  ],
  [
    'data-integrity-v1',
    `${J}/w3c-vc-data-integrity/contexts/data-integrity/v1.jsonld`,
    ['https://w3id.org/security/data-integrity/v1'],
  ],
  [
    'multikey-v1',
    `${J}/w3c-vc-data-integrity/contexts/multikey/v1.jsonld`,
    ['https://w3id.org/security/multikey/v1'],
  ],
  ['jwk-v1', `${J}/w3c-vc-data-integrity/contexts/jwk/v1.jsonld`, ['https://w3id.org/security/jwk/v1']],
  [
    'ed25519-2020-v1',
    `${V}/security-suites-ed25519-2020-v1.jsonld`,
    ['https://w3id.org/security/suites/ed25519-2020/v1'],
  ],
  [
    'status-v1',
    `${J}/w3c-vc-bitstring-status-list/contexts/v1.jsonld`,
    ['https://www.w3.org/ns/credentials/status/v1'],
  ],
  [
    'status-list-2021-v1',
    `${J}/w3c-vc-bitstring-status-list/contexts/2021/v1.jsonld`,
    ['https://w3id.org/vc/status-list/2021/v1'],
  ],
  ['did-v1', `${V}/did-v1.jsonld`, ['https://www.w3.org/ns/did/v1']],
  ['security-v1', `${V}/security-v1.jsonld`, ['https://w3id.org/security/v1']],
  ['security-v2', `${V}/security-v2.jsonld`, ['https://w3id.org/security/v2']],
  ['security-v3-unstable', `${V}/security-v3-unstable.jsonld`, ['https://w3id.org/security/v3-unstable']],
  ['security-bbs-v1', `${V}/security-bbs-v1.jsonld`, ['https://w3id.org/security/bbs/v1']],
  [
    'secp256k1-2019-v1',
    `${V}/suites-secp256k1-2019.jsonld`,
    ['https://w3id.org/security/suites/secp256k1-2019/v1'],
  ],
  [
    'ed25519-2018-v1',
    `${V}/suites-ed25519-2018.jsonld`,
    ['https://w3id.org/security/suites/ed25519-2018/v1'],
  ],
  ['x25519-2019-v1', `${V}/suites-x25519-2019.jsonld`, ['https://w3id.org/security/suites/x25519-2019/v1']],
  ['jws-2020-v1', `${V}/suites-jws-2020.jsonld`, ['https://w3id.org/security/suites/jws-2020/v1']],
  ['odrl', `${V}/odrl.jsonld`, ['https://www.w3.org/ns/odrl.jsonld']],
  // Blockcerts (canonical URL, schema alias, blockcerts.org alias — cert_schema/context_urls.json)
  ...['2.0', '2.1', '3.0', '3.1', '3.2'].map((v) => [
    `blockcerts-v${v}`,
    `${B}/${v}/context.json`,
    [
      `https://w3id.org/blockcerts/v${v === '2.0' ? '2' : v === '3.0' ? '3' : v}`,
      `https://w3id.org/blockcerts/schema/${v}/context.json`,
      `https://www.blockcerts.org/schema/${v}/context.json`,
    ],
  ]),
  [
    'merkle-2019-v1',
    `${B}/3.1/merkleProof2019Context.json`,
    ['https://w3id.org/security/suites/merkle-2019/v1'],
  ],
  [
    'chained-2021-v1',
    `${B}/3.1/chainedProof2021Context.json`,
    ['https://w3id.org/security/suites/chained-2021/v1'],
  ],
  [
    'citizenship-v4rc1',
    `${J}/w3c-ccg-citizenship-vocab/contexts/citizenship-v4rc1.jsonld`,
    ['https://w3id.org/citizenship/v4rc1'],
  ],
  [
    'edc-ap',
    'ec-european-learning-model/rdf/ap/edc/edc-ap-context.jsonld',
    ['http://data.europa.eu/snb/model/context/edc-ap'],
  ],
];

/** JSON with object keys sorted recursively: the form the pin hashes (same as lib/net/jsonld-loader.ts). */
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

if (!existsSync(resolve(vectors, 'MANIFEST.md'))) {
  console.error(`bundle-contexts: vectors not found at ${vectors} (set CREDLENS_VECTORS).`);
  process.exit(1);
}

const files = new Map();
const entries = [];
for (const [name, rel, urls] of TABLE) {
  const parsed = JSON.parse(readFileSync(resolve(vectors, rel), 'utf8'));
  const sha256 = createHash('sha256').update(canonicalJson(parsed), 'utf8').digest('hex');
  files.set(`${name}.json`, JSON.stringify(parsed));
  for (const url of urls) entries.push({ url, name, sha256, source: rel });
}

const ident = (name) => `c_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
const names = [...new Set(entries.map((e) => e.name))];
const index = [
  '// GENERATED by scripts/bundle-contexts.mjs from ../shared/vectors — do not edit by hand.',
  '// Each context is pinned by the SHA-256 of its canonical JSON (keys sorted); the loader re-checks it.',
  "import type { BundledContext } from '../jsonld-loader';",
  ...names.map((n) => `import ${ident(n)} from './${n}.json';`),
  '',
  '/** URL → bundled context (file, pinned hash, parsed document, vectors source). */',
  'export const BUNDLED_CONTEXTS: readonly BundledContext[] = [',
  ...entries.map(
    (e) =>
      `  { url: ${JSON.stringify(e.url)}, file: '${e.name}.json', sha256: '${e.sha256}', source: ${JSON.stringify(e.source)}, document: ${ident(e.name)} },`,
  ),
  '];',
  '',
].join('\n');
files.set('index.ts', index);

if (check) {
  let stale = false;
  for (const [file, text] of files) {
    const path = resolve(outDir, file);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`bundle-contexts: ${file} is stale`);
      stale = true;
    }
  }
  process.exit(stale ? 1 : 0);
}

if (existsSync(outDir)) {
  for (const f of readdirSync(outDir)) if (!files.has(f)) rmSync(resolve(outDir, f));
}
mkdirSync(outDir, { recursive: true });
for (const [file, text] of files) writeFileSync(resolve(outDir, file), text);
console.log(`bundle-contexts: ${names.length} contexts, ${entries.length} URLs → ${outDir}`);
