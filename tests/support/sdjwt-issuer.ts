/**
 * CredLens's own test issuer and test wallet for SD-JWT / SD-JWT VC fixtures, for what the public
 * samples lack (an x5c certificate naming another issuer, an unsupported `_sd_alg`, KB-JWTs made
 * for a request of ours). Fixtures are generated at test time from the COMMITTED TEST KEYS below.
 * THESE KEYS ARE PUBLIC TEST KEYS: never trust anything signed with them outside these tests.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CompactSign, importJWK, type JWK } from 'jose';
import { base64UrlEncode } from '../../lib/did/multibase';
import { sdDigest } from '../../lib/formats/sdjwt/disclosures';

/** TEST ONLY: the test issuer's P-256 key (public + private). */
export const TEST_ISSUER_KEY: JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: '-USHPqxORG3f_0NUHJRti6wQIIi1UTyRkSKwV-TA-Ms',
  y: 'e-iuYOTA6xWxip4CuSAbw3ypzqs1IkNdHrZlBb3JJF4',
  d: 'xskbBYYlPQSs2W3KeP5X-kbhsm5pcJYLnKP_Dt8Pmsc',
};

/** TEST ONLY: the test wallet's (holder's) P-256 key. */
export const TEST_HOLDER_KEY: JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'zVYh9exjlwLUfA8Bn3QlSliCZYk_CO39ksQYJR1SqsE',
  y: '1itXuSCD530TM06F1IjglDk8yvJB8dL7qFl8I5VvjVY',
  d: '09576mOC1pQT3UExz5-78lGZyY73zuF-f-0CjHymgHY',
};

/** The public part of a test key. */
export function publicOf(k: JWK): JWK {
  const { d: _d, ...pub } = k;
  return pub;
}

const enc = (v: unknown): string => base64UrlEncode(new TextEncoder().encode(JSON.stringify(v)));

async function sign(header: Record<string, unknown>, payload: unknown, key: JWK): Promise<string> {
  const k = await importJWK(key, 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', ...header })
    .sign(k);
}

/** A disclosure of an object property, and its digest. */
export async function disclosure(
  salt: string,
  name: string,
  value: unknown,
  alg = 'sha-256',
): Promise<{ encoded: string; digest: string }> {
  const encoded = enc([salt, name, value]);
  return { encoded, digest: await sdDigest(alg, encoded) };
}

/** A self-signed certificate for the test issuer key naming `uri` (SAN URI) and `dns` (SAN dNSName). */
export async function testCertificate(uri: string, dns: string): Promise<string> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  const privateKey = await crypto.subtle.importKey('jwk', TEST_ISSUER_KEY as JsonWebKey, alg, true, ['sign']);
  const publicKey = await crypto.subtle.importKey('jwk', publicOf(TEST_ISSUER_KEY) as JsonWebKey, alg, true, [
    'verify',
  ]);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: 1 });
  const cn = (): pkijs.AttributeTypeAndValue =>
    new pkijs.AttributeTypeAndValue({
      type: '2.5.4.3',
      value: new asn1js.Utf8String({ value: `CredLens Test Issuer (${dns})` }),
    });
  cert.issuer.typesAndValues.push(cn());
  cert.subject.typesAndValues.push(cn());
  cert.notBefore.value = new Date('2026-01-01T00:00:00Z');
  cert.notAfter.value = new Date('2027-01-01T00:00:00Z');
  const altNames = new pkijs.GeneralNames({
    names: [new pkijs.GeneralName({ type: 6, value: uri }), new pkijs.GeneralName({ type: 2, value: dns })],
  });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.17',
      critical: false,
      extnValue: altNames.toSchema().toBER(false),
    }),
  ];
  const engine = new pkijs.CryptoEngine({ name: 'test', crypto: globalThis.crypto });
  await cert.subjectPublicKeyInfo.importKey(publicKey, engine);
  await cert.sign(privateKey, 'SHA-256', engine);
  return Buffer.from(cert.toSchema(true).toBER(false)).toString('base64');
}

export interface TestCredential {
  header?: Record<string, unknown>;
  /** Plain claims of the issuer-signed JWT. */
  claims: Record<string, unknown>;
  /** Selectively disclosable top-level claims. */
  disclosable: Record<string, unknown>;
  /** Extra decoy digests. */
  decoys?: number;
  sdAlg?: string;
  /** Digests added to `_sd` as they are (to repeat one on purpose). */
  extraDigests?: string[];
}

/** Issues an SD-JWT VC with the test issuer key; returns the compact SD-JWT with every disclosure. */
export async function issueTestSdJwt(
  c: TestCredential,
): Promise<{ jwt: string; disclosures: string[]; digests: string[] }> {
  const alg = c.sdAlg ?? 'sha-256';
  const ds = await Promise.all(
    Object.entries(c.disclosable).map(([k, v], i) =>
      disclosure(`salt-${i}-test`, k, v, alg === 'sha-999' ? 'sha-256' : alg),
    ),
  );
  const decoys = Array.from({ length: c.decoys ?? 0 }, (_, i) =>
    base64UrlEncode(new TextEncoder().encode(`decoy-${i}`.padEnd(32, '.'))),
  );
  const payload = {
    ...c.claims,
    _sd: [...ds.map((d) => d.digest), ...decoys, ...(c.extraDigests ?? [])].sort(),
    ...(c.sdAlg ? { _sd_alg: c.sdAlg } : {}),
  };
  const jwt = await sign({ typ: 'dc+sd-jwt', ...c.header }, payload, TEST_ISSUER_KEY);
  return { jwt, disclosures: ds.map((d) => d.encoded), digests: ds.map((d) => d.digest) };
}

/** The test wallet's KB-JWT over a presented SD-JWT (`<jwt>~<d>~…~`). */
export async function keyBinding(
  presented: string,
  nonce: string,
  aud: string,
  iat: number,
): Promise<string> {
  const sdHash = await sdDigest('sha-256', presented);
  return sign({ typ: 'kb+jwt' }, { nonce, aud, iat, sd_hash: sdHash }, TEST_HOLDER_KEY);
}

/** The test issuer's Token Status List (JWT, 1 bit per entry; `revoked` indices set), signed with x5c. */
export async function testStatusList(
  uri: string,
  revoked: number[],
  x5c: string,
  iat: number,
): Promise<string> {
  const { deflateSync } = await import('node:zlib');
  const bytes = new Uint8Array(16);
  for (const i of revoked) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (1 << (i & 7));
  const lst = base64UrlEncode(new Uint8Array(deflateSync(bytes)));
  return sign(
    { typ: 'statuslist+jwt', x5c: [x5c] },
    {
      sub: uri,
      iss: 'https://issuer.credlens.test',
      iat,
      exp: iat + 86400,
      ttl: 3600,
      status_list: { bits: 1, lst },
    },
    TEST_ISSUER_KEY,
  );
}
