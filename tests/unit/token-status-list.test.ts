/**
 * IETF Token Status List (draft-ietf-oauth-status-list) as the `status.revocation` check
 * (lib/status/token-status-list.ts).
 * - The draft's own examples and the EUDI statium sample (../shared/vectors/ietf-token-status-list,
 *   read in place): the decoded entries its MANIFEST gives (src/main.py of the draft repository),
 *   and the signed JWT / CWT examples verified with the draft's example key (kid 12).
 * - Lists made here with real keys (jose for JWT; cborg + WebCrypto ECDSA P-256 for CWT), compressed
 *   with node:zlib, served through an injected fetcher; certificates from tests/fixtures/x5c and
 *   tests/fixtures/token-status (TEST ONLY, made by their make.sh).
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { decode, encode } from 'cborg';
import { SignJWT, exportJWK, generateKeyPair, importPKCS8, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { FetchResult, SafeFetchRequest } from '../../lib/model/env';
import type { VerifyContext } from '../../lib/model/format';
import type { Check } from '../../lib/model/report';
import {
  checkTokenStatus,
  decodeStatusList,
  MAX_STATUS_LIST_BYTES,
  statusAt,
  type StatusListIssuer,
} from '../../lib/status/token-status-list';
import { createTrustStore } from '../../lib/trust/store';
import { readVectorText } from '../support/vectors';

const DIR = 'ietf-token-status-list/';
const text = (rel: string): string => readVectorText(DIR + rel);
/** The spec files wrap hex / base64url at 68 columns: strip whitespace. */
const unwrap = (s: string): string => s.replace(/\s+/g, '');
const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(unwrap(s), 'hex'));
/** The `lst` of a `*_json.md` example (the string itself is wrapped). */
function lstOf(rel: string): { bits: number; lst: string } {
  const t = text(rel);
  const bits = Number(/"bits":\s*(\d+)/.exec(t)?.[1]);
  const lst = unwrap(/"lst":\s*"([^"]+)"/.exec(t)?.[1] ?? '');
  return { bits, lst };
}
async function decoded(lst: unknown, form: 'JWT' | 'CWT' = 'JWT'): Promise<Uint8Array> {
  const d = await decodeStatusList(lst, form);
  if (!d.ok) throw new Error(d.detail);
  return d.bytes;
}
/** Every entry that is not 0, as index → value. */
function nonZero(bytes: Uint8Array, bits: 1 | 2 | 4 | 8): Map<number, number> {
  const out = new Map<number, number>();
  const n = (bytes.length * 8) / bits;
  for (let i = 0; i < n; i++) {
    const v = statusAt(bytes, bits, i) ?? 0;
    if (v !== 0) out.set(i, v);
  }
  return out;
}

/* The draft's example key (spec/example-key-kid12.json5: JSON5 with a trailing comma). */
const KID12 = JSON.parse(text('spec/example-key-kid12.json5').replace(/,\s*}/, '}')) as JWK & { d?: string };
const KID12_PUBLIC = { kty: KID12.kty, crv: KID12.crv, x: KID12.x, y: KID12.y, kid: '12' } as JsonWebKey & {
  kid: string;
};
const SPEC_URI = 'https://example.com/statuslists/1';

const NOW = new Date('2027-06-01T00:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

interface Served {
  body: Uint8Array | string;
  type: string;
}
function context(
  served: Record<string, Served>,
  calls: { url: string; purpose: string; req?: SafeFetchRequest | undefined }[] = [],
): VerifyContext {
  const fetch = async (url: string, purpose: string, req?: SafeFetchRequest): Promise<FetchResult> => {
    calls.push({ url, purpose, req });
    const s = served[url];
    if (!s) return { ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'not served in this test' };
    const bytes = typeof s.body === 'string' ? new TextEncoder().encode(s.body) : s.body;
    return { ok: true, url, finalUrl: url, status: 200, contentType: s.type, bytes, redirects: [] };
  };
  return { fetch, now: NOW, trust: createTrustStore([]), recipients: [], contacted: [] };
}
const JWT_TYPE = 'application/statuslist+jwt';
const CWT_TYPE = 'application/statuslist+cwt';

describe('status list encoding (draft examples, LSB-first)', () => {
  it('1-bit example: b9 a3 → statuses 1,0,0,1,1,1,0,1,1,1,0,0,0,1,0,1', async () => {
    const { bits, lst } = lstOf('spec/status_list_encoding_json.md');
    expect(bits).toBe(1);
    const bytes = await decoded(lst);
    expect([...bytes]).toEqual([0xb9, 0xa3]);
    const ones = [0, 3, 4, 5, 7, 8, 9, 13, 15];
    for (let i = 0; i < 16; i++) expect(statusAt(bytes, 1, i)).toBe(ones.includes(i) ? 1 : 0);
    expect(statusAt(bytes, 1, 16)).toBeUndefined();
  });

  it('the same list in CBOR (bits 1, lst as a byte string)', async () => {
    const cbor = hex(text('spec/status_list_encoding_cbor.md').split('encoded:')[1] ?? '');
    const map = decode(cbor) as { bits: number; lst: Uint8Array };
    expect(map.bits).toBe(1);
    expect([...(await decoded(map.lst, 'CWT'))]).toEqual([0xb9, 0xa3]);
  });

  it('2-bit example: c9 44 f9 → 1,2,0,3,0,1,0,1,1,2,3,3', async () => {
    const { bits, lst } = lstOf('spec/status_list_encoding2_json.md');
    expect(bits).toBe(2);
    const bytes = await decoded(lst);
    expect([...bytes]).toEqual([0xc9, 0x44, 0xf9]);
    expect(Array.from({ length: 12 }, (_, i) => statusAt(bytes, 2, i))).toEqual([
      1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3,
    ]);
  });

  it('1-bit list of 2^20 entries: exactly the 11 indices of exampleStatusList1BitLong are set', async () => {
    const { bits, lst } = lstOf('spec/status_list_encoding1_long_json.md');
    expect(bits).toBe(1);
    const bytes = await decoded(lst);
    expect(bytes.length * 8).toBe(2 ** 20);
    const set = [0, 1993, 25460, 159495, 495669, 554353, 645645, 723232, 854545, 934534, 1000345];
    expect([...nonZero(bytes, 1).keys()]).toEqual(set);
  });

  it('2-bit list of 2^20 entries (exampleStatusList2BitLong)', async () => {
    const { bits, lst } = lstOf('spec/status_list_encoding2_long_json.md');
    expect(bits).toBe(2);
    const bytes = await decoded(lst);
    expect((bytes.length * 8) / 2).toBe(2 ** 20);
    expect(Object.fromEntries(nonZero(bytes, 2))).toEqual({
      0: 1,
      1993: 2,
      25460: 1,
      159495: 3,
      495669: 1,
      554353: 1,
      645645: 2,
      723232: 1,
      854545: 1,
      934534: 2,
      1000345: 3,
    });
  });

  it('4-bit list of 2^20 entries (exampleStatusList4Bit)', async () => {
    const { bits, lst } = lstOf('spec/status_list_encoding4_json.md');
    expect(bits).toBe(4);
    const bytes = await decoded(lst);
    expect((bytes.length * 8) / 4).toBe(2 ** 20);
    expect(Object.fromEntries(nonZero(bytes, 4))).toEqual({
      0: 1,
      1993: 2,
      35460: 3,
      459495: 4,
      595669: 5,
      754353: 6,
      845645: 7,
      923232: 8,
      924445: 9,
      934534: 10,
      1004534: 11,
      1000345: 12,
      1030203: 13,
      1030204: 14,
      1030205: 15,
    });
  });

  it('8-bit list of 2^20 entries (exampleStatusList8Bit: value x at random.seed(42) index)', async () => {
    const { bits, lst } = lstOf('spec/status_list_encoding8_json.md');
    expect(bits).toBe(8);
    const bytes = await decoded(lst);
    expect(bytes.length).toBe(2 ** 20);
    // Indices drawn by src/main.py (CPython random.seed(42); randint(0, 2**20 - 1) for x = 0..255),
    // computed once with CPython 3: 256 distinct indices, so 255 non-zero entries.
    const known: [number, number][] = [
      [52451, 1],
      [576778, 2],
      [513575, 3],
      [800313, 100],
      [19535, 255],
      [1199, 121],
      [1046963, 78],
    ];
    for (const [i, v] of known) expect(statusAt(bytes, 8, i)).toBe(v);
    expect(statusAt(bytes, 8, 233478)).toBe(0);
    expect(nonZero(bytes, 8).size).toBe(255);
  });
});

describe("the draft's signed Status List Tokens (kid 12 key)", () => {
  const jwt = unwrap(text('spec/status_list_jwt_raw.md'));
  const cwt = hex(text('spec/status_list_cwt.md'));
  const statium = hex(text('eudi-lib-kmp-statium/spec-status-list-cwt-variant.hex'));
  const issuer: StatusListIssuer = { iss: 'https://example.com', issuerKey: KID12_PUBLIC };

  it('JWT: index 0 revoked, index 1 valid, index 16 outside the list; fetched with the status list Accept header', async () => {
    const calls: { url: string; purpose: string; req?: SafeFetchRequest | undefined }[] = [];
    const ctx = context({ [SPEC_URI]: { body: jwt, type: JWT_TYPE } }, calls);
    const r0 = await checkTokenStatus({ idx: 0, uri: SPEC_URI }, ctx, issuer);
    expect(r0).toMatchObject({
      id: 'status.revocation',
      status: 'failed',
      impact: 'revoked',
      code: 'ERR_STATUS_REVOKED',
    });
    expect(r0.message).toContain('revoked by its issuer');
    expect(r0.detail).toContain('ES256');
    expect(await checkTokenStatus({ idx: 1, uri: SPEC_URI }, ctx, issuer)).toMatchObject({
      status: 'passed',
      code: 'OK_STATUS_VALID',
    });
    expect(await checkTokenStatus({ idx: 16, uri: SPEC_URI }, ctx, issuer)).toMatchObject({
      status: 'error',
      impact: 'unverifiable',
      code: 'ERR_STATUS_LIST_INDEX',
    });
    expect(calls[0]).toMatchObject({
      url: SPEC_URI,
      purpose: 'status list',
      req: { accept: 'application/statuslist+jwt, application/statuslist+cwt' },
    });
  });

  it('CWT (spec and statium variant, different ECDSA signatures): same statuses', async () => {
    for (const body of [cwt, statium]) {
      const ctx = context({ [SPEC_URI]: { body, type: CWT_TYPE } });
      const want: Record<number, string> = {
        0: 'failed',
        1: 'passed',
        2: 'passed',
        3: 'failed',
        15: 'failed',
        14: 'passed',
      };
      for (const [idx, status] of Object.entries(want))
        expect(
          (await checkTokenStatus({ idx: Number(idx), uri: SPEC_URI }, ctx, issuer)).status,
          `idx ${idx}`,
        ).toBe(status);
    }
  });

  it('CWT recognised without a content type (tag 18)', async () => {
    const ctx = context({ [SPEC_URI]: { body: cwt, type: 'application/octet-stream' } });
    expect((await checkTokenStatus({ idx: 0, uri: SPEC_URI }, ctx, issuer)).code).toBe('ERR_STATUS_REVOKED');
  });

  it("the draft's referenced CWT points at index 0 of list 1: revoked", async () => {
    const token = decode(hex(text('spec/referenced_token_cwt.md')), {
      useMaps: true,
      tags: { 18: (inner: () => unknown) => inner() },
    }) as unknown[];
    const claims = decode(token[2] as Uint8Array, { useMaps: true }) as Map<number, unknown>;
    const sl = (claims.get(65535) as Map<string, Map<string, unknown>>).get('status_list');
    const ref = { idx: sl?.get('idx') as number, uri: sl?.get('uri') as string };
    expect(ref).toEqual({ idx: 0, uri: SPEC_URI });
    const ctx = context({ [SPEC_URI]: { body: cwt, type: CWT_TYPE } });
    expect(
      await checkTokenStatus(ref, ctx, { iss: claims.get(1) as string, issuerKey: KID12_PUBLIC }),
    ).toMatchObject({ impact: 'revoked' });
  });

  it("another key than the issuer's: the list is not trusted (JWT and CWT)", async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const other = { ...(await exportJWK(publicKey)), kid: '12' };
    for (const [body, type] of [
      [jwt, JWT_TYPE],
      [cwt, CWT_TYPE],
    ] as const) {
      const r = await checkTokenStatus({ idx: 1, uri: SPEC_URI }, context({ [SPEC_URI]: { body, type } }), {
        iss: 'https://example.com',
        issuerKey: other,
      });
      expect(r).toMatchObject({ status: 'error', impact: 'unverifiable', code: 'ERR_STATUS_LIST_SIGNATURE' });
    }
  });

  it('no key to check with: unverifiable, never valid', async () => {
    const r = await checkTokenStatus(
      { idx: 1, uri: SPEC_URI },
      context({ [SPEC_URI]: { body: jwt, type: JWT_TYPE } }),
      { iss: 'https://example.com' },
    );
    expect(r).toMatchObject({ status: 'error', impact: 'unverifiable', code: 'ERR_STATUS_LIST_KEY' });
  });

  it('served under another address than its sub: refused', async () => {
    const uri = 'https://example.com/statuslists/2';
    const r = await checkTokenStatus(
      { idx: 1, uri },
      context({ [uri]: { body: jwt, type: JWT_TYPE } }),
      issuer,
    );
    expect(r).toMatchObject({ status: 'error', impact: 'unverifiable', code: 'ERR_STATUS_LIST_SUBJECT' });
  });

  it("a list from another iss than the credential's: refused", async () => {
    const r = await checkTokenStatus(
      { idx: 1, uri: SPEC_URI },
      context({ [SPEC_URI]: { body: jwt, type: JWT_TYPE } }),
      { ...issuer, iss: 'https://other.example' },
    );
    expect(r.code).toBe('ERR_STATUS_LIST_ISSUER');
  });
});

/* ------------------------------------------------------------------------------------------------
 * Our own lists
 * ---------------------------------------------------------------------------------------------- */

const URI = 'https://issuer.x5c.test/status/7';
const ISS = 'https://issuer.x5c.test/profile';

/** Packs entries LSB-first (the draft's §4) and compresses them with zlib (RFC 1950). */
function pack(values: number[], bits: 1 | 2 | 4 | 8): Uint8Array {
  const bytes = new Uint8Array(Math.ceil((values.length * bits) / 8));
  values.forEach((v, i) => {
    const bit = i * bits;
    bytes[Math.floor(bit / 8)] = (bytes[Math.floor(bit / 8)] ?? 0) | (v << (bit % 8));
  });
  return new Uint8Array(deflateSync(bytes, { level: 9 }));
}
const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

interface Claims {
  sub?: unknown;
  iss?: unknown;
  iat?: unknown;
  exp?: unknown;
  ttl?: unknown;
  bits?: unknown;
  lst?: Uint8Array;
}
function defaults(values: number[], bits: 1 | 2 | 4 | 8, over: Partial<Claims> = {}): Claims {
  return {
    sub: URI,
    iss: ISS,
    iat: NOW_S - 60,
    exp: NOW_S + 86400,
    ttl: 3600,
    bits,
    lst: pack(values, bits),
    ...over,
  };
}

async function jwtList(key: CryptoKey, c: Claims, header: Record<string, unknown> = {}): Promise<string> {
  const payload: Record<string, unknown> = {
    status_list: { bits: c.bits, lst: c.lst ? b64u(c.lst) : undefined },
  };
  for (const k of ['sub', 'iss', 'iat', 'exp', 'ttl'] as const) if (c[k] !== undefined) payload[k] = c[k];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt', ...header })
    .sign(key);
}

/** A COSE_Sign1 (tag 18) status list CWT signed with WebCrypto ECDSA P-256 (raw r‖s). */
async function cwtList(
  key: CryptoKey,
  c: Claims,
  opts: { x5chain?: Uint8Array[]; kid?: string; typ?: string | null } = {},
): Promise<Uint8Array> {
  const ph = new Map<number, unknown>([[1, -7]]);
  if (opts.typ !== null) ph.set(16, opts.typ ?? 'application/statuslist+cwt');
  if (opts.x5chain) ph.set(33, opts.x5chain.length === 1 ? opts.x5chain[0] : opts.x5chain);
  const prot = encode(ph);
  const unprot = new Map<number, unknown>();
  if (opts.kid) unprot.set(4, new TextEncoder().encode(opts.kid));
  const claims = new Map<number, unknown>();
  if (c.iss !== undefined) claims.set(1, c.iss);
  if (c.sub !== undefined) claims.set(2, c.sub);
  if (c.iat !== undefined) claims.set(6, c.iat);
  if (c.exp !== undefined) claims.set(4, c.exp);
  if (c.ttl !== undefined) claims.set(65534, c.ttl);
  claims.set(
    65533,
    new Map<string, unknown>([
      ['bits', c.bits],
      ['lst', c.lst],
    ]),
  );
  const payload = encode(claims);
  const toSign = encode(['Signature1', prot, new Uint8Array(0), payload]);
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, toSign));
  const body = encode([prot, unprot, payload, sig]);
  const out = new Uint8Array(body.length + 1);
  out[0] = 0xd2;
  out.set(body, 1);
  return out;
}

async function issuerKeys(): Promise<{ priv: CryptoKey; jwk: JsonWebKey & { kid: string } }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    priv: privateKey as CryptoKey,
    jwk: { ...(await exportJWK(publicKey)), kid: 'issuer-key-1' } as JsonWebKey & { kid: string },
  };
}

const run = (
  idx: number,
  body: string | Uint8Array,
  issuer: StatusListIssuer,
  type = JWT_TYPE,
): Promise<Check> => checkTokenStatus({ idx, uri: URI }, context({ [URI]: { body, type } }), issuer);

describe('our own signed lists (JWT with jose, CWT with cborg + WebCrypto)', () => {
  it('valid / revoked / suspended / unknown value, in both forms', async () => {
    const { priv, jwk } = await issuerKeys();
    const c = defaults([0, 1, 2, 3], 2);
    const issuer = { iss: ISS, issuerKey: jwk };
    for (const [body, type] of [
      [await jwtList(priv, c, { kid: jwk.kid }), JWT_TYPE],
      [await cwtList(priv, c, { kid: jwk.kid }), CWT_TYPE],
    ] as const) {
      expect(await run(0, body, issuer, type)).toMatchObject({ status: 'passed', code: 'OK_STATUS_VALID' });
      expect(await run(1, body, issuer, type)).toMatchObject({
        status: 'failed',
        impact: 'revoked',
        code: 'ERR_STATUS_REVOKED',
      });
      const s = await run(2, body, issuer, type);
      expect(s).toMatchObject({ status: 'failed', impact: 'revoked', code: 'ERR_STATUS_SUSPENDED' });
      expect(s.message).toContain('suspended');
      const u = await run(3, body, issuer, type);
      expect(u).toMatchObject({ status: 'error', impact: 'unverifiable', code: 'ERR_STATUS_UNKNOWN' });
      expect(u.message).toContain('status list gives an unknown status');
      expect(await run(4, body, issuer, type)).toMatchObject({ code: 'ERR_STATUS_LIST_INDEX' });
    }
  });

  it('1, 2, 4 and 8 bits per entry: each index reads its own value', async () => {
    const { priv, jwk } = await issuerKeys();
    for (const bits of [1, 2, 4, 8] as const) {
      const max = 2 ** bits - 1;
      const values = Array.from({ length: 37 }, (_, i) => ((i * 7 + 3) % (max + 1)) % 3);
      values[36] = Math.min(2, max);
      const jwt = await jwtList(priv, defaults(values, bits));
      const cwt = await cwtList(priv, defaults(values, bits));
      for (const idx of [0, 1, 2, 5, 17, 36]) {
        const want =
          values[idx] === 0
            ? 'OK_STATUS_VALID'
            : values[idx] === 1
              ? 'ERR_STATUS_REVOKED'
              : 'ERR_STATUS_SUSPENDED';
        expect((await run(idx, jwt, { iss: ISS, issuerKey: jwk })).code, `JWT bits ${bits} idx ${idx}`).toBe(
          want,
        );
        expect(
          (await run(idx, cwt, { iss: ISS, issuerKey: jwk }, CWT_TYPE)).code,
          `CWT bits ${bits} idx ${idx}`,
        ).toBe(want);
      }
    }
  });

  it('sub mismatch, expired list, future iat, missing iat, bad ttl, bits 3: unverifiable', async () => {
    const { priv, jwk } = await issuerKeys();
    const issuer = { iss: ISS, issuerKey: jwk };
    const cases: [Partial<Claims>, string][] = [
      [{ sub: 'https://issuer.x5c.test/status/8' }, 'ERR_STATUS_LIST_SUBJECT'],
      [{ exp: NOW_S - 3600 }, 'ERR_STATUS_LIST_EXPIRED'],
      [{ iat: NOW_S + 3600 }, 'ERR_STATUS_LIST_NOT_YET_VALID'],
      [{ iat: undefined }, 'ERR_STATUS_LIST_MALFORMED'],
      [{ ttl: 0 }, 'ERR_STATUS_LIST_MALFORMED'],
      [{ bits: 3 }, 'ERR_STATUS_LIST_MALFORMED'],
      [{ lst: new Uint8Array([1, 2, 3, 4]) }, 'ERR_STATUS_LIST_MALFORMED'],
    ];
    for (const [over, code] of cases) {
      const c = defaults([0, 0, 0], 1, over);
      for (const [body, type] of [
        [await jwtList(priv, c), JWT_TYPE],
        [await cwtList(priv, c), CWT_TYPE],
      ] as const) {
        const r = await run(0, body, issuer, type);
        expect(r, `${JSON.stringify(over)} ${type}`).toMatchObject({
          status: 'error',
          impact: 'unverifiable',
          code,
        });
      }
    }
  });

  it('an expired list is not fresh even when the entry says valid', async () => {
    const { priv, jwk } = await issuerKeys();
    const r = await run(0, await jwtList(priv, defaults([0], 1, { exp: NOW_S - 86400 })), {
      iss: ISS,
      issuerKey: jwk,
    });
    expect(r.status).toBe('error');
    expect(r.message).toContain('expired');
  });

  it('wrong key, tampered lst, unsigned, wrong typ: never valid', async () => {
    const { priv, jwk } = await issuerKeys();
    const other = await issuerKeys();
    const issuer = { iss: ISS, issuerKey: jwk };
    const c = defaults([1, 1, 1], 1);
    // Signed by another key.
    expect(await run(0, await jwtList(other.priv, c), issuer)).toMatchObject({
      code: 'ERR_STATUS_LIST_SIGNATURE',
      impact: 'unverifiable',
    });
    expect(await run(0, await cwtList(other.priv, c), issuer, CWT_TYPE)).toMatchObject({
      code: 'ERR_STATUS_LIST_SIGNATURE',
    });
    // lst swapped for an all-valid list after signing.
    const jwt = await jwtList(priv, c);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { status_list: { lst: string } };
    claims.status_list.lst = b64u(pack([0, 0, 0], 1));
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect(await run(0, tampered, issuer)).toMatchObject({
      status: 'error',
      code: 'ERR_STATUS_LIST_SIGNATURE',
    });
    const cwt = await cwtList(priv, c);
    const lstAt = Buffer.from(cwt).indexOf(Buffer.from(c.lst ?? []));
    const cwtTampered = new Uint8Array(cwt);
    const okList = pack([0, 0, 0], 1);
    expect(okList.length).toBe(c.lst?.length);
    cwtTampered.set(okList, lstAt);
    expect(await run(0, cwtTampered, issuer, CWT_TYPE)).toMatchObject({
      status: 'error',
      code: 'ERR_STATUS_LIST_SIGNATURE',
    });
    // alg none.
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'statuslist+jwt' })).toString('base64url')}.${p}.`;
    expect(await run(0, none, issuer)).toMatchObject({
      code: 'ERR_STATUS_LIST_UNSIGNED',
      impact: 'unverifiable',
    });
    // HS256 (a MAC) is refused.
    const hs = await new SignJWT({ sub: URI })
      .setProtectedHeader({ alg: 'HS256', typ: 'statuslist+jwt' })
      .sign(new Uint8Array(32));
    expect(await run(0, hs, issuer)).toMatchObject({ code: 'ERR_STATUS_LIST_ALG' });
    // typ.
    expect(await run(0, await jwtList(priv, c, { typ: 'JWT' }), issuer)).toMatchObject({
      code: 'ERR_STATUS_LIST_TYP',
    });
    expect(await run(0, await cwtList(priv, c, { typ: null }), issuer, CWT_TYPE)).toMatchObject({
      code: 'ERR_STATUS_LIST_TYP',
    });
  });

  it("a kid other than the issuer key's is named in the detail when the signature fails", async () => {
    const { jwk } = await issuerKeys();
    const other = await issuerKeys();
    const r = await run(0, await jwtList(other.priv, defaults([0], 1), { kid: 'someone-else' }), {
      iss: ISS,
      issuerKey: jwk,
    });
    expect(r.code).toBe('ERR_STATUS_LIST_SIGNATURE');
    expect(r.detail).toContain('someone-else');
  });

  it('unreachable, not https, garbage, zip bomb, malformed reference', async () => {
    const { priv, jwk } = await issuerKeys();
    const issuer = { iss: ISS, issuerKey: jwk };
    expect(await checkTokenStatus({ idx: 0, uri: URI }, context({}), issuer)).toMatchObject({
      status: 'error',
      impact: 'unverifiable',
      code: 'ERR_STATUS_LIST_UNREACHABLE',
    });
    const http = 'http://issuer.x5c.test/status/7';
    expect(
      await checkTokenStatus(
        { idx: 0, uri: http },
        context({ [http]: { body: await jwtList(priv, defaults([0], 1, { sub: http })), type: JWT_TYPE } }),
        issuer,
      ),
    ).toMatchObject({
      impact: 'unverifiable',
      code: 'ERR_STATUS_LIST_INSECURE',
    });
    // Deeply nested arrays and a byte string declaring 2^64-1 bytes: refused, no throw, no hang.
    const deep = new Uint8Array(200_001).fill(0x81);
    deep[0] = 0xd2;
    const huge = new Uint8Array([0xd2, 0x84, 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    for (const body of [
      '<html>not a list</html>',
      new Uint8Array([0xd2, 0x84, 0x40]),
      new Uint8Array([0xd2, 0xff]),
      deep,
      huge,
    ])
      expect(await run(0, body, issuer, typeof body === 'string' ? 'text/html' : CWT_TYPE)).toMatchObject({
        status: 'error',
        impact: 'unverifiable',
      });
    const bomb = new Uint8Array(deflateSync(new Uint8Array(MAX_STATUS_LIST_BYTES + 1024)));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const r = await run(0, await jwtList(priv, { ...defaults([0], 1), lst: bomb }), issuer);
    expect(r).toMatchObject({ status: 'error', code: 'ERR_STATUS_LIST_MALFORMED' });
    expect(r.detail).toContain('decompresses to more than');
    for (const ref of [
      { idx: -1, uri: URI },
      { idx: 1.5, uri: URI },
      { idx: 0, uri: 'not a uri' },
      { idx: '0', uri: URI },
    ])
      expect(await checkTokenStatus(ref as { idx: number; uri: string }, context({}), issuer)).toMatchObject({
        status: 'failed',
        code: 'ERR_STATUS_REFERENCE',
      });
  });
});

/* ------------------------------------------------------------------------------------------------
 * Lists signed with an x5c / x5chain certificate
 * ---------------------------------------------------------------------------------------------- */

const fixture = (dir: string, name: string): string =>
  readFileSync(new URL(`../fixtures/${dir}/${name}`, import.meta.url), 'utf8');
const der64 = (dir: string, name: string): string =>
  fixture(dir, `${name}.pem`).replace(/-----[^-]+-----|\s/g, '');
const der = (dir: string, name: string): Uint8Array =>
  new Uint8Array(Buffer.from(der64(dir, name), 'base64'));
const pkcs8 = (dir: string, name: string): Promise<CryptoKey> =>
  importPKCS8(fixture(dir, `${name}.key`), 'ES256') as Promise<CryptoKey>;
/** The credential: signed by the x5c fixture leaf, which names ISS, under the test root. */
const CREDENTIAL: StatusListIssuer = {
  iss: ISS,
  issuerCertificates: [der64('x5c', 'leaf'), der64('x5c', 'root')],
};

describe('lists signed with a certificate', () => {
  it("the credential's own certificate (JWT x5c): accepted", async () => {
    const c = defaults([1, 0], 1);
    const jwt = await jwtList(await pkcs8('x5c', 'leaf'), c, {
      x5c: [der64('x5c', 'leaf'), der64('x5c', 'root')],
    });
    expect(await run(0, jwt, CREDENTIAL)).toMatchObject({ status: 'failed', impact: 'revoked' });
    const ok = await run(1, jwt, CREDENTIAL);
    expect(ok.status).toBe('passed');
    expect(ok.detail).toContain("the credential's own certificate");
  });

  it("another certificate naming the issuer, under the credential's CA (JWT and CWT x5chain): accepted", async () => {
    const key = await pkcs8('token-status', 'lister');
    const c = defaults([0, 2], 2);
    const jwt = await jwtList(key, c, { x5c: [der64('token-status', 'lister')] });
    const cwt = await cwtList(key, c, { x5chain: [der('token-status', 'lister')] });
    for (const [body, type] of [
      [jwt, JWT_TYPE],
      [cwt, CWT_TYPE],
    ] as const) {
      const r = await run(0, body, CREDENTIAL, type);
      expect(r.status, type).toBe('passed');
      expect(r.detail).toContain('the authority of the credential');
      expect((await run(1, body, CREDENTIAL, type)).code).toBe('ERR_STATUS_SUSPENDED');
    }
  });

  it('a certificate naming the issuer under a root of its own (anyone can make one): refused', async () => {
    const key = await pkcs8('token-status', 'rogue');
    const x5c = [der64('token-status', 'rogue'), der64('token-status', 'rogue-root')];
    const c = defaults([0], 1);
    const jwt = await jwtList(key, c, { x5c });
    const cwt = await cwtList(key, c, { x5chain: x5c.map((b) => new Uint8Array(Buffer.from(b, 'base64'))) });
    for (const [body, type] of [
      [jwt, JWT_TYPE],
      [cwt, CWT_TYPE],
    ] as const) {
      const r = await run(0, body, CREDENTIAL, type);
      expect(r, type).toMatchObject({
        status: 'error',
        impact: 'unverifiable',
        code: 'ERR_STATUS_LIST_SIGNER',
      });
      expect(r.message).not.toMatch(/not been revoked/);
    }
  });

  it('a certificate for someone else, or naming nobody: refused', async () => {
    for (const name of ['other', 'nosan']) {
      const jwt = await jwtList(await pkcs8('x5c', name), defaults([0], 1), {
        x5c: [der64('x5c', name), der64('x5c', 'root')],
      });
      expect(await run(0, jwt, CREDENTIAL), name).toMatchObject({
        status: 'error',
        code: 'ERR_STATUS_LIST_SIGNER',
      });
    }
  });

  it("a different certificate when the credential's own was not given: refused (no trusted list names it)", async () => {
    const jwt = await jwtList(await pkcs8('token-status', 'lister'), defaults([0], 1), {
      x5c: [der64('token-status', 'lister'), der64('x5c', 'root')],
    });
    expect(await run(0, jwt, { iss: ISS })).toMatchObject({
      status: 'error',
      code: 'ERR_STATUS_LIST_SIGNER',
    });
  });

  it('x5c leaf key that does not match the signature: refused', async () => {
    const jwt = await jwtList(await pkcs8('token-status', 'rogue'), defaults([0], 1), {
      x5c: [der64('x5c', 'leaf')],
    });
    expect(await run(0, jwt, CREDENTIAL)).toMatchObject({
      status: 'error',
      code: 'ERR_STATUS_LIST_SIGNATURE',
    });
  });

  it('no iss (mdoc): the same certificate is accepted, a different subject is not', async () => {
    const mdocIssuer: StatusListIssuer = { issuerCertificates: [der('x5c', 'leaf'), der('x5c', 'root')] };
    const same = await cwtList(await pkcs8('x5c', 'leaf'), defaults([0], 1, { iss: undefined }), {
      x5chain: [der('x5c', 'leaf')],
    });
    expect((await run(0, same, mdocIssuer, CWT_TYPE)).status).toBe('passed');
    const lister = await cwtList(
      await pkcs8('token-status', 'lister'),
      defaults([0], 1, { iss: undefined }),
      { x5chain: [der('token-status', 'lister')] },
    );
    expect(await run(0, lister, mdocIssuer, CWT_TYPE)).toMatchObject({
      status: 'error',
      code: 'ERR_STATUS_LIST_SIGNER',
    });
  });

  it("the issuer key given as JWK matches the list certificate's key: accepted", async () => {
    const pub = await exportJWK(
      await importPKCS8(fixture('x5c', 'leaf.key'), 'ES256', { extractable: true }),
    );
    const publicOnly = { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y } as JsonWebKey;
    const jwt = await jwtList(await pkcs8('x5c', 'leaf'), defaults([0], 1), { x5c: [der64('x5c', 'leaf')] });
    expect((await run(0, jwt, { iss: ISS, issuerKey: publicOnly })).status).toBe('passed');
  });
});
