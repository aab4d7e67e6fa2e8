/**
 * Embedded OCSP answers (RFC 6960 §4.2.2.2): signed by the CA itself (with or without its
 * certificate in the response) or by a responder it delegated, whose certificate is judged when
 * the answer was produced. Made here with pkijs and the committed TEST PKI of tests/fixtures/edc.
 */
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { parseCertificate, type CertInfo } from '../../lib/x509/cert';
import { ocspStatus } from '../../lib/x509/ocsp';

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

async function info(role: string): Promise<CertInfo> {
  const c = await parseCertificate(new Uint8Array(Buffer.from(certs[role] ?? '', 'base64')));
  if (!c) throw new Error(`no test certificate ${role}`);
  return c;
}

async function privateKey(role: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'pkcs8',
    Buffer.from(keys[role] ?? '', 'base64'),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
}

/** An OCSP "good" answer for `leaf` issued by `ca`, signed by `signer`, carrying `embed`. */
async function answer(
  leaf: CertInfo,
  ca: CertInfo,
  signer: { role: string; cert: CertInfo },
  embed: CertInfo[],
  producedAt: Date,
): Promise<Uint8Array> {
  const certID = new pkijs.CertID();
  await certID.createForCertificate(
    leaf.cert,
    { hashAlgorithm: 'SHA-256', issuerCertificate: ca.cert },
    engine,
  );
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: signer.cert.cert.subject,
      producedAt,
      responses: [
        new pkijs.SingleResponse({
          certID,
          certStatus: new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }),
          thisUpdate: producedAt,
          nextUpdate: new Date(producedAt.getTime() + 7 * 86_400_000),
        }),
      ],
    }),
    ...(embed.length > 0 ? { certs: embed.map((c) => c.cert) } : {}),
  });
  await basic.sign(await privateKey(signer.role), 'SHA-256', engine);
  const resp = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: '1.3.6.1.5.5.7.48.1.1',
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    }),
  });
  return new Uint8Array(resp.toSchema().toBER(false));
}

describe('embedded OCSP answers', () => {
  it('signed by the CA, with or without its certificate in the answer: good', async () => {
    const [ca, leaf] = [await info('caQualified'), await info('sealQualified')];
    const at = new Date(Math.max(ca.notBefore.getTime(), leaf.notBefore.getTime()) + 86_400_000);
    for (const embed of [[ca], []]) {
      const s = await ocspStatus(
        [await answer(leaf, ca, { role: 'caQualified', cert: ca }, embed, at)],
        leaf,
        ca,
      );
      expect(s?.status, `${embed.length} embedded`).toBe('good');
      expect(s?.producedAt.toISOString()).toBe(at.toISOString());
    }
  });

  it('signed by someone else (not the CA, not a delegated responder): ignored', async () => {
    const [ca, leaf, other] = [
      await info('caQualified'),
      await info('sealQualified'),
      await info('sealAdvanced'),
    ];
    const at = new Date(
      Math.max(ca.notBefore.getTime(), leaf.notBefore.getTime(), other.notBefore.getTime()) + 86_400_000,
    );
    for (const embed of [[other], []]) {
      const s = await ocspStatus(
        [await answer(leaf, ca, { role: 'sealAdvanced', cert: other }, embed, at)],
        leaf,
        ca,
      );
      expect(s, `${embed.length} embedded`).toBeUndefined();
    }
  });

  it('produced when the CA certificate was not valid: ignored', async () => {
    const [ca, leaf] = [await info('caQualified'), await info('sealQualified')];
    const after = new Date(ca.notAfter.getTime() + 86_400_000);
    const s = await ocspStatus(
      [await answer(leaf, ca, { role: 'caQualified', cert: ca }, [ca], after)],
      leaf,
      ca,
    );
    expect(s).toBeUndefined();
  });
});

/** A CRL by `ca`, signed by `signer`, listing `revoked` serials of `leaf`'s issuer. */
async function crl(
  ca: CertInfo,
  signerRole: string,
  revoked: CertInfo[],
  thisUpdate: Date,
): Promise<Uint8Array> {
  const list = new pkijs.CertificateRevocationList();
  list.version = 1;
  list.issuer = ca.cert.subject;
  list.thisUpdate = new pkijs.Time({ type: 0, value: thisUpdate });
  list.nextUpdate = new pkijs.Time({ type: 0, value: new Date(thisUpdate.getTime() + 7 * 86_400_000) });
  if (revoked.length > 0)
    list.revokedCertificates = revoked.map(
      (c) =>
        new pkijs.RevokedCertificate({
          userCertificate: c.cert.serialNumber,
          revocationDate: new pkijs.Time({ type: 0, value: thisUpdate }),
        }),
    );
  await list.sign(await privateKey(signerRole), 'SHA-256', engine);
  return new Uint8Array(list.toSchema(true).toBER(false));
}

describe('embedded CRLs', () => {
  it('a CRL by the issuer: good when the serial is absent, revoked when listed; a CRL by another key is ignored', async () => {
    const { crlStatus } = await import('../../lib/x509/crl');
    const [ca, leaf] = [await info('caQualified'), await info('sealQualified')];
    const at = new Date(Math.max(ca.notBefore.getTime(), leaf.notBefore.getTime()) + 86_400_000);
    expect((await crlStatus([await crl(ca, 'caQualified', [], at)], leaf, ca))?.status).toBe('good');
    const revoked = await crlStatus([await crl(ca, 'caQualified', [leaf], at)], leaf, ca);
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: at });
    // Signed with the seal key though it names the CA as issuer: not the CA's word.
    expect(await crlStatus([await crl(ca, 'sealAdvanced', [], at)], leaf, ca)).toBeUndefined();
  });

  it('the seal check uses a CRL when no OCSP answer is carried, and a listed revocation wins', async () => {
    const { checkSealerRevocation } = await import('../../lib/formats/edc/seal-status');
    const [ca, leaf] = [await info('caQualified'), await info('sealQualified')];
    const at = new Date(Math.max(ca.notBefore.getTime(), leaf.notBefore.getTime()) + 86_400_000);
    const good = await checkSealerRevocation({
      ocsps: [],
      crls: [await crl(ca, 'caQualified', [], at)],
      leaf,
      issuer: ca,
      at,
    });
    expect(good).toMatchObject({ status: 'passed', code: 'OK_EDC_CERT_NOT_REVOKED' });
    expect(good.detail).toMatch(/^Embedded CRL: good/);
    const ocspGood = await answer(leaf, ca, { role: 'caQualified', cert: ca }, [ca], at);
    const revoked = await checkSealerRevocation({
      ocsps: [ocspGood],
      crls: [await crl(ca, 'caQualified', [leaf], at)],
      leaf,
      issuer: ca,
      at: new Date(at.getTime() + 3_600_000),
    });
    expect(revoked).toMatchObject({ status: 'failed', code: 'ERR_EDC_CERT_REVOKED', impact: 'revoked' });
  });
});
