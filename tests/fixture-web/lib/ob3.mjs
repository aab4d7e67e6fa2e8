// Open Badges 3.0 signing for the fixture web (TEST ONLY): eddsa-rdfc-2022 Data Integrity proofs
// (W3C vc-di-eddsa §3.3) with contexts read from the bundled copies in lib/net/contexts (no
// network), did:key / did:web documents, and BitstringStatusList encoding. The same steps as
// tests/fixtures/vc/generate.mjs (which is a script, not a module). Ed25519 signatures are
// deterministic, so the generated files are too.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { ed25519 } from '@noble/curves/ed25519.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const index = readFileSync(join(root, 'lib/net/contexts/index.ts'), 'utf8');
const contexts = new Map();
for (const m of index.matchAll(/url: "([^"]+)", file: '([^']+)'/g)) {
  contexts.set(m[1], JSON.parse(readFileSync(join(root, 'lib/net/contexts', m[2]), 'utf8')));
}
const documentLoader = async (url) => {
  if (!contexts.has(url)) throw new Error(`context not bundled: ${url}`);
  return { contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url)) };
};

export const OB3_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
];

const hex = (s) => Uint8Array.from(s.match(/../g).map((b) => parseInt(b, 16)));
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes) {
  const digits = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i] << 8;
      digits[i] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let s = '';
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) s += '1';
  for (let i = digits.length - 1; i >= 0; i--) s += B58[digits[i]];
  return s;
}

/** The Multikey (multibase base58btc, ed25519-pub multicodec) of an Ed25519 seed. */
export const multikey = (seed) =>
  `z${base58(Uint8Array.from([0xed, 0x01, ...ed25519.getPublicKey(hex(seed))]))}`;

const canon = (doc) =>
  jsonld.canonize(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
    base: null,
  });
const sha256 = (text) => createHash('sha256').update(text).digest();

/** Signs a credential with eddsa-rdfc-2022 (vc-di-eddsa §3.3). */
export async function signDi(credential, seed, verificationMethod, created) {
  const proof = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created,
    verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  const hash = Buffer.concat([
    sha256(await canon({ ...proof, '@context': credential['@context'] })),
    sha256(await canon(credential)),
  ]);
  return { ...credential, proof: { ...proof, proofValue: `z${base58(ed25519.sign(hash, hex(seed)))}` } };
}

/** A DID document with one Multikey assertion method `<did>#key-1`. */
export function didDocument(did, seed) {
  const vm = `${did}#key-1`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: vm, type: 'Multikey', controller: did, publicKeyMultibase: multikey(seed) }],
    assertionMethod: [vm],
  };
}

/** A BitstringStatusList (16 KiB, the spec minimum) with the given indexes set: multibase base64url GZIP. */
export function encodedList(set) {
  const bits = new Uint8Array(16 * 1024);
  for (const i of set) bits[i >> 3] |= 0x80 >> (i & 7);
  // mtime 0 and a fixed level keep the bytes deterministic.
  return `u${Buffer.from(gzipSync(bits, { level: 9 })).toString('base64url')}`;
}
