/**
 * Fresh revocation answers for EDC sealer certificates, asked online as EU DSS does: the OCSP
 * responder of the certificate's Authority Information Access (RFC 6960), then its CRL
 * distribution point (RFC 5280). Everything is real cryptography: certificates with AIA and CRL
 * distribution points are issued here by the committed TEST CA of tests/fixtures/edc (its TEST key
 * in pki/test-keys.json), responders and other keys are made with WebCrypto, OCSP answers and CRLs
 * are built and signed with pkijs. The network is the injected environment: a fetch that answers
 * with those DER bytes (and, in the last group, a real loopback HTTP responder reached through the
 * CLI's guarded fetch).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from '../../cli/guarded-fetch';
import { checkSealerRevocation } from '../../lib/formats/edc/seal-status';
import type { FetchResult, SafeFetch, SafeFetchRequest } from '../../lib/model/env';
import type { RecordingFetch } from '../../lib/model/format';
import type { Check, ContactedUrl } from '../../lib/model/report';
import { createFetcher } from '../../lib/net/fetcher';
import { parseCertificate, type CertInfo } from '../../lib/x509/cert';
import { createRevocationCache, type RevocationCache } from '../../lib/x509/revocation-cache';
import { CRL_PURPOSE, OCSP_PURPOSE, type OnlineDeps } from '../../lib/x509/revocation-online';

const PKI = new URL('../fixtures/edc/pki/', import.meta.url);
const keys = (
  JSON.parse(readFileSync(new URL('test-keys.json', PKI), 'utf8')) as { keys: Record<string, string> }
).keys;
const certs = (
  JSON.parse(readFileSync(new URL('certificates.json', PKI), 'utf8')) as {
    certificates: Record<string, string>;
  }
).certificates;
const engine = new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto });
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

const NOW = new Date('2026-11-23T10:00:00Z');
/** The signing time a trusted time-stamp proved. */
const SIGNED = new Date('2026-03-02T09:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OCSP_URL = 'http://ocsp.ca.credlens.test/';
const CRL_URL = 'http://crl.ca.credlens.test/qualified-seal-ca.crl';

interface Keyed {
  info: CertInfo;
  key: CryptoKey;
}

async function fixtureCert(role: string): Promise<CertInfo> {
  const c = await parseCertificate(new Uint8Array(Buffer.from(certs[role] ?? '', 'base64')));
  if (!c) throw new Error(`no test certificate ${role}`);
  return c;
}

async function fixtureKey(role: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', Buffer.from(keys[role] ?? '', 'base64'), EC, false, ['sign']);
}

const ext = (extnID: string, critical: boolean, value: { toBER(sizeOnly?: boolean): ArrayBuffer }) =>
  new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });

function name(cn: string, o: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.6',
        value: new asn1js.PrintableString({ value: 'ES' }),
      }),
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: o }) }),
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }),
    ],
  });
}

/**
 * A certificate signed by `issuer` (or self-signed with `self`): a seal certificate naming the
 * OCSP responder and CRL distribution point, or an OCSP responder certificate (id-kp-OCSPSigning).
 */
async function issue(opts: {
  serial: number;
  cn: string;
  issuer?: Keyed;
  subjectName?: pkijs.RelativeDistinguishedNames;
  kind: 'seal' | 'responder' | 'bare';
  from?: Date;
  to?: Date;
}): Promise<Keyed> {
  const pair = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: opts.serial });
  cert.subject = opts.subjectName ?? name(opts.cn, 'CredLens Test University');
  cert.issuer = opts.issuer ? opts.issuer.info.cert.subject : cert.subject;
  cert.notBefore.value = opts.from ?? new Date('2026-01-01T00:00:00Z');
  cert.notAfter.value = opts.to ?? new Date('2028-01-01T00:00:00Z');
  await cert.subjectPublicKeyInfo.importKey(pair.publicKey, engine);
  const exts = [ext('2.5.29.19', true, new pkijs.BasicConstraints({ cA: false }).toSchema())];
  if (opts.kind === 'seal') {
    exts.push(
      ext(
        '1.3.6.1.5.5.7.1.1',
        false,
        new pkijs.InfoAccess({
          accessDescriptions: [
            new pkijs.AccessDescription({
              accessMethod: '1.3.6.1.5.5.7.48.1',
              accessLocation: new pkijs.GeneralName({ type: 6, value: OCSP_URL }),
            }),
          ],
        }).toSchema(),
      ),
      ext(
        '2.5.29.31',
        false,
        new pkijs.CRLDistributionPoints({
          distributionPoints: [
            new pkijs.DistributionPoint({
              distributionPoint: [new pkijs.GeneralName({ type: 6, value: CRL_URL })],
            }),
          ],
        }).toSchema(),
      ),
    );
  }
  if (opts.kind === 'responder')
    exts.push(
      ext('2.5.29.37', false, new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.9'] }).toSchema()),
    );
  cert.extensions = exts;
  await cert.sign(opts.issuer?.key ?? pair.privateKey, 'SHA-256', engine);
  const info = await parseCertificate(new Uint8Array(cert.toSchema().toBER(false)));
  if (!info) throw new Error('issued certificate does not parse');
  return { info, key: pair.privateKey };
}

type Status = { good: true } | { revokedAt: Date };

/**
 * A responder's answer to a DER OCSPRequest: the CertID is taken from the request (as responders
 * do), the status from `status`, signed by `signer` whose certificate is embedded.
 */
async function ocspAnswer(
  request: Uint8Array,
  signer: Keyed,
  status: Status,
  thisUpdate: Date,
  nextUpdate?: Date,
): Promise<Uint8Array> {
  const req = new pkijs.OCSPRequest({ schema: asn1js.fromBER(new Uint8Array(request)).result });
  const certID = req.tbsRequest.requestList[0]?.reqCert;
  if (!certID) throw new Error('OCSP request without a CertID');
  const certStatus =
    'good' in status
      ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } })
      : new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 1 },
          value: [new asn1js.GeneralizedTime({ valueDate: status.revokedAt })],
        });
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: signer.info.cert.subject,
      producedAt: thisUpdate,
      responses: [
        new pkijs.SingleResponse({
          certID,
          certStatus,
          thisUpdate,
          ...(nextUpdate ? { nextUpdate } : {}),
        }),
      ],
    }),
    certs: [signer.info.cert],
  });
  await basic.sign(signer.key, 'SHA-256', engine);
  const resp = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: '1.3.6.1.5.5.7.48.1.1',
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    }),
  });
  return new Uint8Array(resp.toSchema().toBER(false));
}

/** A CRL named as issued by `issuerName`, signed with `key`, listing `revoked`. */
async function crl(
  issuerName: pkijs.RelativeDistinguishedNames,
  key: CryptoKey,
  revoked: { serial: CertInfo; at: Date }[],
  thisUpdate: Date,
  nextUpdate: Date,
): Promise<Uint8Array> {
  const list = new pkijs.CertificateRevocationList();
  list.version = 1;
  list.issuer = issuerName;
  list.thisUpdate = new pkijs.Time({ type: 0, value: thisUpdate });
  list.nextUpdate = new pkijs.Time({ type: 0, value: nextUpdate });
  if (revoked.length > 0)
    list.revokedCertificates = revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: r.serial.cert.serialNumber,
          revocationDate: new pkijs.Time({ type: 0, value: r.at }),
        }),
    );
  await list.sign(key, 'SHA-256', engine);
  return new Uint8Array(list.toSchema(true).toBER(false));
}

/** One request the injected network saw. */
interface Seen {
  url: string;
  purpose: string;
  method: string;
  contentType?: string;
  body?: Uint8Array;
}

type Route = (req: SafeFetchRequest | undefined) => Promise<Uint8Array | FetchResult>;

/**
 * The injected environment: answers from `routes` with real DER bytes, "unreachable" for any
 * other address; records like the pipeline's recording fetch (lib/verify.ts).
 */
function network(routes: Record<string, Route>, cache: RevocationCache = createRevocationCache()) {
  const seen: Seen[] = [];
  const contacted: ContactedUrl[] = [];
  const fetch: RecordingFetch = async (url, purpose, req) => {
    seen.push({
      url,
      purpose,
      method: req?.method ?? 'GET',
      ...(req?.contentType ? { contentType: req.contentType } : {}),
      ...(req?.body ? { body: req.body } : {}),
    });
    const route = routes[url];
    const got: Uint8Array | FetchResult = route
      ? await route(req)
      : { ok: false, url, code: 'ERR_NET_UNREACHABLE', message: `could not reach ${new URL(url).host}` };
    const result: FetchResult =
      got instanceof Uint8Array
        ? {
            ok: true,
            url,
            finalUrl: url,
            status: 200,
            contentType: 'application/octet-stream',
            bytes: got,
            redirects: [],
          }
        : got;
    const entry: ContactedUrl = { url, purpose };
    if (result.status !== undefined) entry.status = result.status;
    if (!result.ok) entry.error = result.code;
    contacted.push(entry);
    return result;
  };
  const deps: OnlineDeps = { fetch, now: NOW, contacted, cache };
  return { deps, seen, contacted };
}

const unreachable: Route = async () => ({
  ok: false,
  url: OCSP_URL,
  code: 'ERR_NET_UNREACHABLE',
  message: 'getaddrinfo ENOTFOUND',
});

let ca: Keyed;
let seal: Keyed;
let otherSeal: Keyed;
let responder: Keyed;
let impostor: Keyed;

beforeAll(async () => {
  ca = { info: await fixtureCert('caQualified'), key: await fixtureKey('caQualified') };
  seal = await issue({ serial: 0x4242, cn: 'CredLens TEST online seal', issuer: ca, kind: 'seal' });
  otherSeal = await issue({ serial: 0x4343, cn: 'CredLens TEST online seal 2', issuer: ca, kind: 'seal' });
  responder = await issue({
    serial: 0x0c5c,
    cn: 'CredLens TEST OCSP Responder',
    issuer: ca,
    subjectName: name('CredLens TEST OCSP Responder', 'CredLens Test Trust Services S.L.'),
    kind: 'responder',
  });
  // Claims the CA's name, but its key is not the CA's: a forged responder.
  impostor = await issue({ serial: 0x0bad, cn: 'impostor', subjectName: ca.info.cert.subject, kind: 'bare' });
});

const run = (
  deps: OnlineDeps,
  leaf = seal,
  opts: { at?: Date; timeProven?: boolean; ocsps?: Uint8Array[] } = {},
) =>
  checkSealerRevocation(
    {
      ocsps: opts.ocsps ?? [],
      crls: [],
      leaf: leaf.info,
      issuer: ca.info,
      at: opts.at ?? SIGNED,
      timeProven: opts.timeProven ?? true,
    },
    deps,
  );

const goodFrom =
  (
    signer: () => Keyed,
    thisUpdate = new Date(NOW.getTime() - 60_000),
    nextUpdate: Date | undefined = new Date(NOW.getTime() + DAY),
  ): Route =>
  async (req) =>
    ocspAnswer(req?.body ?? new Uint8Array(), signer(), { good: true }, thisUpdate, nextUpdate);

function expectUnconfirmed(c: Check, why: RegExp): void {
  expect(c).toMatchObject({
    id: 'status.revocation',
    status: 'warning',
    code: 'WARN_EDC_REVOCATION_UNCONFIRMED',
  });
  // A caveat, not a lower verdict: no impact (the verdict is not pulled to verified-untrusted).
  expect(c.impact).toBeUndefined();
  expect(c.message).toMatch(
    /^CredLens could not confirm now that the sealing certificate has not been revoked: /,
  );
  expect(c.message).toMatch(why);
}

describe('OCSP (RFC 6960), asked online', () => {
  it('a fresh good answer from the CA passes, naming who answered and when; the request carries only the CertID', async () => {
    const net = network({ [OCSP_URL]: goodFrom(() => ca) });
    const c = await run(net.deps);
    expect(c).toMatchObject({ status: 'passed', code: 'OK_EDC_CERT_NOT_REVOKED' });
    expect(c.message).toContain('CredLens TEST Qualified Seal CA');
    expect(c.message).toContain('23 November 2026, 09:59 UTC');
    expect(net.contacted).toEqual([{ url: OCSP_URL, purpose: OCSP_PURPOSE, status: 200 }]);
    // What left the machine: a POST of an OCSPRequest with one CertID (issuer name hash, issuer
    // key hash, serial) and nothing else — no requestor name, no signature, no extensions.
    const [sent] = net.seen;
    expect(sent).toMatchObject({ method: 'POST', contentType: 'application/ocsp-request' });
    const req = new pkijs.OCSPRequest({ schema: asn1js.fromBER(new Uint8Array(sent?.body ?? [])).result });
    expect(req.tbsRequest.requestList).toHaveLength(1);
    expect(req.tbsRequest.requestorName).toBeUndefined();
    expect(req.tbsRequest.requestExtensions).toBeUndefined();
    expect(req.optionalSignature).toBeUndefined();
    const id = req.tbsRequest.requestList[0]!.reqCert;
    expect(Buffer.from(id.serialNumber.valueBlock.valueHexView).toString('hex')).toBe(seal.info.serialHex);
    const expected = new pkijs.CertID();
    await expected.createForCertificate(
      seal.info.cert,
      { hashAlgorithm: 'SHA-1', issuerCertificate: ca.info.cert },
      engine,
    );
    expect(id.isEqual(expected)).toBe(true);
  });

  it('a delegated responder (id-kp-OCSPSigning, issued by the CA) is accepted and named', async () => {
    const net = network({ [OCSP_URL]: goodFrom(() => responder) });
    const c = await run(net.deps);
    expect(c).toMatchObject({ status: 'passed', code: 'OK_EDC_CERT_NOT_REVOKED' });
    expect(c.message).toContain('CredLens TEST OCSP Responder');
  });

  it('an embedded answer older than the decision time is not enough: the responder is asked', async () => {
    const embedded = await ocspAnswer(
      await (await import('../../lib/x509/ocsp')).ocspRequest(seal.info, ca.info),
      ca,
      { good: true },
      new Date('2026-01-10T00:00:00Z'),
      new Date('2026-01-17T00:00:00Z'),
    );
    const net = network({ [OCSP_URL]: goodFrom(() => ca) });
    const c = await run(net.deps, seal, { ocsps: [embedded] });
    expect(c.status).toBe('passed');
    expect(net.seen).toHaveLength(1);
    expect(c.detail).toContain('Embedded OCSP: good, thisUpdate 2026-01-10');
    // The same embedded answer covers a decision time inside its window: nothing is asked.
    const quiet = network({});
    const inside = await run(quiet.deps, seal, { ocsps: [embedded], at: new Date('2026-01-12T00:00:00Z') });
    expect(inside).toMatchObject({ status: 'passed', code: 'OK_EDC_CERT_NOT_REVOKED' });
    expect(inside.message).toContain('carried in the seal');
    expect(quiet.seen).toEqual([]);
  });

  it('revoked before the signing time: failed, impact revoked', async () => {
    const net = network({
      [OCSP_URL]: async (req) =>
        ocspAnswer(
          req?.body ?? new Uint8Array(),
          ca,
          { revokedAt: new Date('2026-02-01T00:00:00Z') },
          new Date(NOW.getTime() - 60_000),
          new Date(NOW.getTime() + DAY),
        ),
    });
    const c = await run(net.deps);
    expect(c).toMatchObject({ status: 'failed', code: 'ERR_EDC_CERT_REVOKED', impact: 'revoked' });
    expect(c.message).toContain('1 February 2026');
  });

  it('revoked after a time-stamped signing time: said plainly, the seal is not failed', async () => {
    const net = network({
      [OCSP_URL]: async (req) =>
        ocspAnswer(
          req?.body ?? new Uint8Array(),
          ca,
          { revokedAt: new Date('2026-06-01T00:00:00Z') },
          new Date(NOW.getTime() - 60_000),
          new Date(NOW.getTime() + DAY),
        ),
    });
    const c = await run(net.deps);
    expect(c).toMatchObject({ status: 'warning', code: 'WARN_EDC_CERT_REVOKED_LATER' });
    expect(c.impact).toBeUndefined();
    expect(c.message).toContain('after this credential was sealed');
    // Without a time-stamp the decision time is now: revoked in June is revoked now.
    const now = await run(net.deps, seal, { at: NOW, timeProven: false });
    expect(now).toMatchObject({ status: 'failed', code: 'ERR_EDC_CERT_REVOKED', impact: 'revoked' });
  });

  it('an answer signed by a wrong key is not accepted (forged CA name; a key the CA never certified)', async () => {
    const net = network({ [OCSP_URL]: goodFrom(() => impostor) });
    const c = await run(net.deps);
    expectUnconfirmed(c, /not signed by the certificate authority/);
    expect(c.detail).toContain('unsigned');
    // A responder certificate without id-kp-OCSPSigning (the CA's other seal certificate) either.
    const notResponder = network({ [OCSP_URL]: goodFrom(() => otherSeal) });
    expectUnconfirmed(await run(notResponder.deps), /not signed by the certificate authority/);
  });

  it('an out-of-date answer (nextUpdate passed) is not used', async () => {
    const net = network({
      [OCSP_URL]: goodFrom(() => ca, new Date(NOW.getTime() - 10 * DAY), new Date(NOW.getTime() - 3 * DAY)),
    });
    expectUnconfirmed(await run(net.deps), /the answer received is out of date/);
  });

  it('a responder that takes GET only (405 on POST) is asked again with GET (RFC 6960 A.1)', async () => {
    const body: Uint8Array[] = [];
    const routes: Record<string, Route> = {
      [OCSP_URL]: async () => ({
        ok: false,
        url: OCSP_URL,
        status: 405,
        code: 'ERR_NET_HTTP_STATUS',
        message: 'HTTP 405',
      }),
    };
    const net = network(
      new Proxy(routes, {
        get: (target, key: string) =>
          target[key] ??
          (key.startsWith(OCSP_URL)
            ? async () => {
                const der = new Uint8Array(
                  Buffer.from(decodeURIComponent(key.slice(OCSP_URL.length)), 'base64'),
                );
                body.push(der);
                return ocspAnswer(
                  der,
                  ca,
                  { good: true },
                  new Date(NOW.getTime() - 60_000),
                  new Date(NOW.getTime() + DAY),
                );
              }
            : undefined),
      }),
    );
    const c = await run(net.deps);
    expect(c.status).toBe('passed');
    expect(net.seen.map((s) => s.method)).toEqual(['POST', 'GET']);
    expect(body).toHaveLength(1);
  });
});

describe('CRL distribution point (RFC 5280), when OCSP gives nothing', () => {
  it('OCSP unreachable, then a good CRL: passed via the CRL; both requests recorded', async () => {
    const list = await crl(
      ca.info.cert.subject,
      ca.key,
      [{ serial: otherSeal.info, at: new Date('2026-05-01T00:00:00Z') }],
      new Date(NOW.getTime() - 2 * HOUR),
      new Date(NOW.getTime() + 7 * DAY),
    );
    const net = network({ [OCSP_URL]: unreachable, [CRL_URL]: async () => list });
    const c = await run(net.deps);
    expect(c).toMatchObject({ status: 'passed', code: 'OK_EDC_CERT_NOT_REVOKED' });
    expect(c.message).toContain('revocation list of CredLens TEST Qualified Seal CA');
    expect(net.contacted).toEqual([
      { url: OCSP_URL, purpose: OCSP_PURPOSE, error: 'ERR_NET_UNREACHABLE' },
      { url: CRL_URL, purpose: CRL_PURPOSE, status: 200 },
    ]);
    // The same list names the other certificate: revoked on 1 May 2026, after the signing time,
    // and revoked now.
    const other = network({ [OCSP_URL]: unreachable, [CRL_URL]: async () => list });
    expect(await run(other.deps, otherSeal, { at: NOW, timeProven: false })).toMatchObject({
      status: 'failed',
      code: 'ERR_EDC_CERT_REVOKED',
      impact: 'revoked',
    });
  });

  it('both unreachable (offline): WARN_EDC_REVOCATION_UNCONFIRMED without impact, with the reason', async () => {
    const net = network({});
    const c = await run(net.deps);
    expectUnconfirmed(c, /revocation service could not be reached\.$/);
    expect(net.contacted.map((e) => [e.purpose, e.error])).toEqual([
      [OCSP_PURPOSE, 'ERR_NET_UNREACHABLE'],
      [CRL_PURPOSE, 'ERR_NET_UNREACHABLE'],
    ]);
  });

  it('a CRL signed by a wrong key is not accepted', async () => {
    const forged = await crl(
      ca.info.cert.subject,
      impostor.key,
      [],
      new Date(NOW.getTime() - HOUR),
      new Date(NOW.getTime() + 7 * DAY),
    );
    const net = network({ [OCSP_URL]: unreachable, [CRL_URL]: async () => forged });
    const c = await run(net.deps);
    expectUnconfirmed(
      c,
      /could not be reached; the answer received was not signed by the certificate authority\./,
    );
  });

  it('a CRL larger than 10 MB is not read, and the report says so', async () => {
    // The real fetcher enforces the per-request cap the CRL request asks for.
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    const safe: SafeFetch = createFetcher({
      allowPrivate: true,
      fetch: async (input) =>
        String(input).startsWith(CRL_URL)
          ? new Response(huge, { status: 200 })
          : Promise.reject(new TypeError('fetch failed')),
    });
    const contacted: ContactedUrl[] = [];
    const fetch: RecordingFetch = async (url, purpose, req) => {
      const r = await safe(url, req);
      contacted.push({ url, purpose, ...(r.ok ? { status: r.status } : { error: r.code }) });
      return r;
    };
    const c = await run({ fetch, now: NOW, contacted, cache: createRevocationCache() });
    expectUnconfirmed(c, /its revocation list is larger than 10 MB, more than CredLens reads/);
    expect(contacted.at(-1)).toEqual({ url: CRL_URL, purpose: CRL_PURPOSE, error: 'ERR_NET_TOO_LARGE' });
  });
});

describe('what cannot be asked', () => {
  it('a certificate naming no OCSP responder or CRL: unconfirmed, nothing is requested', async () => {
    const bare = await fixtureCert('sealQualified');
    const net = network({});
    const c = await checkSealerRevocation({ ocsps: [], leaf: bare, issuer: ca.info, at: NOW }, net.deps);
    expectUnconfirmed(c, /names no revocation service CredLens can ask/);
    expect(net.seen).toEqual([]);
  });

  it('no issuer (incomplete path): unconfirmed, nothing is requested', async () => {
    const net = network({});
    const c = await checkSealerRevocation(
      { ocsps: [], leaf: seal.info, issuer: undefined, at: NOW },
      net.deps,
    );
    expectUnconfirmed(c, /the authority that issued it is not known/);
    expect(net.seen).toEqual([]);
  });
});

describe('cache (VerifyEnv.revocationCache)', () => {
  it('a second look-up for the same certificate makes no request and is marked cached', async () => {
    const cache = createRevocationCache();
    const first = network({ [OCSP_URL]: goodFrom(() => ca) }, cache);
    expect((await run(first.deps)).status).toBe('passed');
    expect(first.seen).toHaveLength(1);
    const second = network({ [OCSP_URL]: goodFrom(() => ca) }, cache);
    const c = await run(second.deps);
    expect(c).toMatchObject({ status: 'passed', code: 'OK_EDC_CERT_NOT_REVOKED' });
    expect(c.message).toContain('answer reused from an earlier check');
    expect(second.seen).toEqual([]);
    expect(second.contacted).toEqual([{ url: OCSP_URL, purpose: OCSP_PURPOSE, cached: true }]);
    // After the answer's nextUpdate the entry is not used: the responder is asked again.
    const later = network(
      {
        [OCSP_URL]: goodFrom(() => ca, new Date(NOW.getTime() + 2 * DAY), new Date(NOW.getTime() + 3 * DAY)),
      },
      cache,
    );
    expect((await run({ ...later.deps, now: new Date(NOW.getTime() + 2 * DAY) })).status).toBe('passed');
    expect(later.seen).toHaveLength(1);
  });

  it('a CRL is kept by its URL: another certificate of the same CA is answered from it without a request', async () => {
    const cache = createRevocationCache();
    const list = await crl(
      ca.info.cert.subject,
      ca.key,
      [],
      new Date(NOW.getTime() - HOUR),
      new Date(NOW.getTime() + 7 * DAY),
    );
    const first = network({ [OCSP_URL]: unreachable, [CRL_URL]: async () => list }, cache);
    expect((await run(first.deps)).status).toBe('passed');
    const second = network({ [OCSP_URL]: unreachable, [CRL_URL]: async () => list }, cache);
    expect((await run(second.deps, otherSeal)).status).toBe('passed');
    expect(second.seen).toEqual([]);
    expect(second.contacted).toEqual([{ url: CRL_URL, purpose: CRL_PURPOSE, cached: true }]);
  });

  it('unverified answers are not kept', async () => {
    const cache = createRevocationCache();
    const forged = network({ [OCSP_URL]: goodFrom(() => impostor) }, cache);
    await run(forged.deps);
    expect(cache.ocsp.size + cache.crl.size).toBe(0);
  });
});

describe('over real HTTP, through the CLI fetch stack', () => {
  let server: Server;
  let port = 0;
  const received: { method: string | undefined; type: string | undefined; bytes: number }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = new Uint8Array(Buffer.concat(chunks));
        received.push({ method: req.method, type: req.headers['content-type'], bytes: body.length });
        void ocspAnswer(
          body,
          ca,
          { good: true },
          new Date(NOW.getTime() - 60_000),
          new Date(NOW.getTime() + DAY),
        ).then(
          (der) => {
            res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': der.length });
            res.end(Buffer.from(der));
          },
          () => {
            res.writeHead(400);
            res.end();
          },
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('POSTs the OCSP request to a responder (a --map-url target) and verifies its answer', async () => {
    const safe = createFetcher({
      redirectMode: 'manual',
      urlMap: { entries: [{ from: OCSP_URL, to: `http://localhost:${port}/` }] },
      fetch: createGuardedFetch({
        allowedHosts: ['localhost'],
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      }),
    });
    const contacted: ContactedUrl[] = [];
    const fetch: RecordingFetch = async (url, purpose, req) => {
      const r = await safe(url, req);
      contacted.push({ url, purpose, ...(r.ok ? { status: r.status } : { error: r.code }) });
      return r;
    };
    const c = await run({ fetch, now: NOW, contacted });
    expect(c).toMatchObject({ status: 'passed', code: 'OK_EDC_CERT_NOT_REVOKED' });
    expect(received).toEqual([
      { method: 'POST', type: 'application/ocsp-request', bytes: expect.any(Number) },
    ]);
    expect(received[0]!.bytes).toBeLessThan(200);
    expect(contacted).toEqual([{ url: OCSP_URL, purpose: OCSP_PURPOSE, status: 200 }]);
  });

  it('the private-network guard holds for POST: an unmapped name resolving to loopback is refused, nothing sent', async () => {
    const before = received.length;
    const safe = createFetcher({
      redirectMode: 'manual',
      fetch: createGuardedFetch({ resolve: async () => [{ address: '127.0.0.1', family: 4 }] }),
    });
    const contacted: ContactedUrl[] = [];
    const fetch: RecordingFetch = async (url, purpose, req) => {
      const r = await safe(url.replace('ocsp.ca.credlens.test/', `ocsp.ca.credlens.test:${port}/`), req);
      contacted.push({ url, purpose, ...(r.ok ? { status: r.status } : { error: r.code }) });
      return r;
    };
    const c = await run({ fetch, now: NOW, contacted });
    expectUnconfirmed(c, /could not be reached/);
    expect(contacted[0]).toEqual({ url: OCSP_URL, purpose: OCSP_PURPOSE, error: 'ERR_NET_PRIVATE_TARGET' });
    expect(received.length).toBe(before);
  });
});
