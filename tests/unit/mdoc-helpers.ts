/**
 * Helpers for the ISO mdoc tests: the vector directory, a verification environment with a pinned
 * clock and an offline fetcher, a trust source that answers like an EU trusted list for one CA
 * certificate (the trust store is an input of the verifier, not the thing under test), and a
 * minimal CBOR writer used only to build test mdocs signed with the TEST-ONLY keys of
 * tests/fixtures/x5c (so an expired validUntil or an EdDSA-free ES256 path can be checked with a
 * genuine signature).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { importPKCS8 } from 'jose';
import type { VerifyEnv } from '../../lib/model/env';
import type { TlService } from '../../lib/trust/eu/types';
import type { TrustSource } from '../../lib/trust/source';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { digest, fromBase64, toArrayBuffer, toHex } from '../../lib/x509/bytes';

export const VECTORS = '/work/shared/vectors/mdoc-iso18013-5/';
export const vector = (name: string): string => readFileSync(VECTORS + name, 'utf8');

/** DER of a PEM, DER or gzipped PEM certificate file (absolute path). */
export function certDer(path: string): Uint8Array {
  let raw: Buffer = readFileSync(path);
  if (path.endsWith('.gz')) raw = gunzipSync(raw);
  const text = raw.toString('latin1');
  if (text.includes('-----BEGIN'))
    return fromBase64(text.replace(/-----[^-]+-----|\s/g, '')) ?? new Uint8Array();
  return new Uint8Array(raw);
}

/** A trust source answering like an EU trusted list with one granted CA service for `der`. */
export async function caListSource(der: Uint8Array, country = 'UT'): Promise<TrustSource> {
  const sha = toHex(await digest('SHA-256', der));
  const service: TlService = {
    id: `${country}/0/0`,
    country,
    tspName: 'Test CA operator',
    name: 'Test CA service',
    history: [
      {
        status: 'granted',
        from: '2000-01-01T00:00:00Z',
        type: 'http://uri.etsi.org/TrstSvc/Svctype/CA/QC',
        additional: [],
        qualifiers: [],
      },
    ],
    certs: [Buffer.from(der).toString('base64')],
    certSha256: [sha],
    skis: [],
    subjects: [],
  };
  const list = {
    country,
    kind: 'tl' as const,
    sequence: 1,
    issued: '2020-01-01T00:00:00Z',
    fetchedAt: '2020-01-02T00:00:00Z',
    source: 'test',
    signer: 'test',
    signerAuthority: 'lotl' as const,
    serviceCount: 1,
  };
  // Answers for every query: the CA's certificate is offered as an anchor, as an EU list does for its services.
  return {
    id: 'eu-trusted-lists',
    label: `EU trusted lists (${country})`,
    lookup: () => [],
    lookupCertificate: () => ({
      services: [service],
      lists: [list],
      unavailable: [],
      consulted: ['test list'],
    }),
  };
}

export function env(now: Date, sources: TrustSource[] = []): VerifyEnv {
  return {
    fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }),
    now: () => now,
    trust: createTrustStore(sources),
  };
}

export const verifyText = (text: string, e: VerifyEnv, name = 'mdoc.txt') =>
  verifyCredential({ kind: 'text', text, name }, e);
export const verifyBytes = (bytes: Uint8Array, e: VerifyEnv, name = 'mdoc.cbor') =>
  verifyCredential({ kind: 'bytes', bytes, name }, e);
export type Report = Awaited<ReturnType<typeof verifyText>>;
export const checkOf = (r: Report, id: string) => r.checks.find((c) => c.id === id);

export function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.trim(), 'hex'));
}

// ---- a minimal CBOR writer (RFC 8949 §3, definite lengths, preferred encoding) ----

/** Bytes to insert as they are (an already encoded item). */
export class Raw {
  constructor(readonly bytes: Uint8Array) {}
}

function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  return [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function cbor(v: unknown): Uint8Array {
  const out: number[] = [];
  const put = (x: unknown): void => {
    if (x instanceof Raw) out.push(...x.bytes);
    else if (typeof x === 'number') out.push(...(x >= 0 ? head(0, x) : head(1, -1 - x)));
    else if (typeof x === 'boolean') out.push(x ? 0xf5 : 0xf4);
    else if (typeof x === 'string') {
      const b = new TextEncoder().encode(x);
      out.push(...head(3, b.length), ...b);
    } else if (x instanceof Uint8Array) out.push(...head(2, x.length), ...x);
    else if (Array.isArray(x)) {
      out.push(...head(4, x.length));
      x.forEach(put);
    } else if (x instanceof Map) {
      out.push(...head(5, x.size));
      for (const [k, val] of x) {
        put(k);
        put(val);
      }
    } else throw new Error(`cannot encode ${typeof x}`);
  };
  put(v);
  return new Uint8Array(out);
}

export const tag = (n: number, v: unknown): Raw => new Raw(new Uint8Array([...head(6, n), ...cbor(v)]));
export const tagged24 = (v: unknown): Raw => tag(24, cbor(v));
export const tdate = (iso: string): Raw => tag(0, iso);

const FIX = new URL('../fixtures/x5c/', import.meta.url);
export const fixtureDer = (name: string): Uint8Array =>
  fromBase64(readFileSync(new URL(`${name}.pem`, FIX), 'utf8').replace(/-----[^-]+-----|\s/g, '')) ??
  new Uint8Array();

export interface TestMdocOptions {
  validFrom?: string;
  validUntil?: string;
  signed?: string;
  docType?: string;
  msoDocType?: string;
  status?: Map<unknown, unknown>;
  items?: [string, unknown][];
  /** validityInfo dates as plain text, not tag-0 date-times (non-conformant). */
  plainDates?: boolean;
  /** Sign with a tests/fixtures/mdoc key instead of the x5c leaf: EdDSA (Ed25519) or ES384. */
  signer?: 'ed25519' | 'p384';
}

const MDOC_FIX = new URL('../fixtures/mdoc/', import.meta.url);

async function signWith(o: TestMdocOptions, toBeSigned: (prot: Uint8Array) => Uint8Array) {
  if (o.signer === 'ed25519' || o.signer === 'p384') {
    const alg = o.signer === 'ed25519' ? -8 : -35;
    const prot = cbor(new Map([[1, alg]]));
    const key = await importPKCS8(
      readFileSync(new URL(`${o.signer}.key`, MDOC_FIX), 'utf8'),
      alg === -8 ? 'EdDSA' : 'ES384',
    );
    const params = alg === -8 ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-384' };
    const sig = new Uint8Array(
      await crypto.subtle.sign(params, key as CryptoKey, toArrayBuffer(toBeSigned(prot))),
    );
    const pem = readFileSync(new URL(`${o.signer}.pem`, MDOC_FIX), 'utf8');
    return { prot, sig, chain: [fromBase64(pem.replace(/-----[^-]+-----|\s/g, '')) ?? new Uint8Array()] };
  }
  const prot = cbor(new Map([[1, -7]]));
  const key = await importPKCS8(readFileSync(new URL('leaf.key', FIX), 'utf8'), 'ES256');
  const sig = new Uint8Array(
    await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      key as CryptoKey,
      toArrayBuffer(toBeSigned(prot)),
    ),
  );
  return { prot, sig, chain: [fixtureDer('leaf'), fixtureDer('root')] };
}

/** A DeviceResponse with one document, its MSO signed (ES256) with the TEST-ONLY leaf key. */
export async function testDeviceResponse(o: TestMdocOptions = {}): Promise<Uint8Array> {
  const ns = 'org.iso.18013.5.1';
  const items = (
    o.items ?? [
      ['family_name', 'Testperson'],
      ['given_name', 'Ada'],
      ['issuing_authority', 'Test Authority'],
      ['issuing_country', 'ES'],
      ['issue_date', tag(1004, '2027-01-02')],
    ]
  ).map(([name, value], i) =>
    tagged24(
      new Map<unknown, unknown>([
        ['digestID', i],
        ['random', new Uint8Array(16).fill(i + 1)],
        ['elementIdentifier', name],
        ['elementValue', value],
      ]),
    ),
  );
  const date = (iso: string): unknown => (o.plainDates ? iso : tdate(iso));
  const digests = new Map<unknown, unknown>();
  for (const [i, item] of items.entries()) digests.set(i, await digest('SHA-256', item.bytes));
  const mso = new Map<unknown, unknown>([
    ['version', '1.0'],
    ['digestAlgorithm', 'SHA-256'],
    ['valueDigests', new Map([[ns, digests]])],
    [
      'deviceKeyInfo',
      new Map([
        [
          'deviceKey',
          new Map<unknown, unknown>([
            [1, 2],
            [-1, 1],
          ]),
        ],
      ]),
    ],
    ['docType', o.msoDocType ?? 'org.iso.18013.5.1.mDL'],
    [
      'validityInfo',
      new Map([
        ['signed', date(o.signed ?? '2027-01-02T00:00:00Z')],
        ['validFrom', date(o.validFrom ?? '2027-01-02T00:00:00Z')],
        ['validUntil', date(o.validUntil ?? '2028-01-02T00:00:00Z')],
      ]),
    ],
  ]);
  if (o.status) mso.set('status', o.status);
  const payload = cbor(tagged24(mso));
  const { prot, sig, chain } = await signWith(o, (p) => cbor(['Signature1', p, new Uint8Array(0), payload]));
  // RFC 9360 §2: one certificate may be a bare bstr; the ES384 test mdoc uses that form.
  const x5chain = o.signer === 'p384' ? chain[0] : chain;
  const issuerAuth = [prot, new Map([[33, x5chain]]), payload, sig];
  const doc = new Map<unknown, unknown>([
    ['docType', o.docType ?? 'org.iso.18013.5.1.mDL'],
    [
      'issuerSigned',
      new Map<unknown, unknown>([
        ['nameSpaces', new Map([[ns, items]])],
        ['issuerAuth', issuerAuth],
      ]),
    ],
  ]);
  return cbor(
    new Map<unknown, unknown>([
      ['version', '1.0'],
      ['documents', [doc]],
      ['status', 0],
    ]),
  );
}
