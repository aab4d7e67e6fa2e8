/**
 * Certificate status from OCSP (RFC 6960): reading a response — embedded in a seal or fetched
 * from the certificate's responder — with responder authorisation (§4.2.2.2), and building the
 * request sent to a responder (§4.1: issuer name hash, issuer key hash and serial only).
 */
import * as asn1js from 'asn1js';
import { BasicOCSPResponse, OCSPRequest, OCSPResponse, type Certificate } from 'pkijs';
import { bytesEqual, digest, toArrayBuffer, toHex } from './bytes';
import { formatName, nameAttribute, type CertInfo } from './cert';
import { pkiEngine } from './engine';

/** SECURITY: an OCSP response larger than this is ignored (bounded work). */
export const MAX_OCSP_BYTES = 64 * 1024;
const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
/** RFC 6960 §4.4.4 archive cutoff. */
const ID_PKIX_OCSP_ARCHIVE_CUTOFF = '1.3.6.1.5.5.7.48.1.6';

/** The status one response gives for one certificate. */
export interface OcspStatus {
  status: 'good' | 'revoked' | 'unknown';
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedAt?: Date;
  /** Who signed the answer (the certificate authority or the responder it appointed), as people read it. */
  responder?: string;
  /**
   * RFC 6960 §4.4.4 archive cutoff: the responder keeps the status of certificates that expired
   * on or after this date, so a "good" answer still speaks for them.
   */
  archiveCutoff?: Date;
}

/** A response read for one certificate: its status, or why it does not count. */
export type OcspRead =
  | { ok: true; status: OcspStatus }
  | {
      ok: false;
      /** malformed: not an OCSP response; refused: the responder declined (responseStatus ≠ 0); unsigned: not signed by the issuer or a responder it appointed; other: no answer for this certificate. */
      problem: 'malformed' | 'refused' | 'unsigned' | 'other';
      detail: string;
    };

const ID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

/** RFC 6960 §4.2.1 OCSPResponseStatus names. */
const RESPONSE_STATUS: Readonly<Record<number, string>> = {
  1: 'malformedRequest',
  2: 'internalError',
  3: 'tryLater',
  5: 'sigRequired',
  6: 'unauthorized',
};

function validAtTime(c: Certificate, at: Date): boolean {
  return c.notBefore.value.getTime() <= at.getTime() && at.getTime() <= c.notAfter.value.getTime();
}

/**
 * The issuer itself, or a certificate it issued with id-kp-OCSPSigning (RFC 6960 §4.2.2.2), valid
 * at `at`. Never throws.
 */
async function acceptedResponder(c: Certificate, issuer: CertInfo, at: Date): Promise<boolean> {
  if (!validAtTime(c, at)) return false;
  const der = new Uint8Array(c.toSchema().toBER(false));
  if (bytesEqual(der, issuer.der)) return true;
  const eku = c.extensions?.find((e) => e.extnID === '2.5.29.37')?.parsedValue as
    { keyPurposes?: string[] } | undefined;
  if (!eku?.keyPurposes?.includes(ID_KP_OCSP_SIGNING)) return false;
  if (!c.issuer.isEqual(issuer.cert.subject)) return false;
  return c.verify(issuer.cert, pkiEngine()).catch(() => false);
}

function certName(c: Certificate): string {
  return nameAttribute(c.subject, '2.5.4.3') ?? nameAttribute(c.subject, '2.5.4.10') ?? formatName(c.subject);
}

/** The accepted responder the responderID names (RFC 6960 §4.2.2.3: by name or by SHA-1 key hash). */
async function namedResponder(
  basic: BasicOCSPResponse,
  responders: Certificate[],
): Promise<Certificate | undefined> {
  const id = basic.tbsResponseData.responderID;
  for (const c of responders) {
    if (id instanceof asn1js.OctetString) {
      const key = c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
      if (bytesEqual(await digest('SHA-1', new Uint8Array(key)), new Uint8Array(id.valueBlock.valueHexView)))
        return c;
    } else if (c.subject.isEqual(id)) return c;
  }
  return undefined;
}

function archiveCutoff(basic: BasicOCSPResponse): Date | undefined {
  const ext = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === ID_PKIX_OCSP_ARCHIVE_CUTOFF);
  if (!ext) return undefined;
  const asn = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  return asn.result instanceof asn1js.GeneralizedTime ? asn.result.toDate() : undefined;
}

/**
 * Reads one DER response for `leaf` issued by `issuer`. `embedded`: a seal may carry a bare
 * BasicOCSPResponse; a responder must send an OCSPResponse. Never throws.
 */
export async function readOcspResponse(
  der: Uint8Array,
  leaf: CertInfo,
  issuer: CertInfo,
  embedded = false,
): Promise<OcspRead> {
  try {
    return await readOne(der, leaf, issuer, embedded);
  } catch (error) {
    return {
      ok: false,
      problem: 'malformed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

async function readOne(
  der: Uint8Array,
  leaf: CertInfo,
  issuer: CertInfo,
  embedded: boolean,
): Promise<OcspRead> {
  if (der.length > MAX_OCSP_BYTES)
    return { ok: false, problem: 'malformed', detail: `larger than ${MAX_OCSP_BYTES} bytes` };
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) return { ok: false, problem: 'malformed', detail: 'not DER' };
  let basic: BasicOCSPResponse;
  try {
    const resp = new OCSPResponse({ schema: asn.result });
    const code = resp.responseStatus.valueBlock.valueDec;
    if (code !== 0)
      return {
        ok: false,
        problem: 'refused',
        detail: `responseStatus ${code} (${RESPONSE_STATUS[code] ?? 'unknown'})`,
      };
    if (resp.responseBytes?.responseType !== ID_PKIX_OCSP_BASIC)
      return { ok: false, problem: 'malformed', detail: 'not a basic OCSP response' };
    basic = new BasicOCSPResponse({
      schema: asn1js.fromBER(resp.responseBytes.response.valueBlock.valueHexView).result,
    });
  } catch {
    if (!embedded) return { ok: false, problem: 'malformed', detail: 'not an OCSPResponse' };
    basic = new BasicOCSPResponse({ schema: asn.result });
  }
  // SECURITY: the responder must be the CA or a responder it delegated (RFC 6960 §4.2.2.2; pkijs
  // checks the signature and the authorisation). Its certificate is judged when the response was
  // produced, not today: pkijs would validate it at the real clock, so a historic answer from a
  // responder whose certificate has since expired would never count.
  const producedAt = basic.tbsResponseData.producedAt;
  // A CA answering for its own certificates need not include its certificate (RFC 6960 §4.2.1):
  // offer the issuer as the candidate signer; the signature and responderID still have to match.
  if ((basic.certs ?? []).length === 0) basic.certs = [issuer.cert];
  const responders: Certificate[] = [];
  for (const c of (basic.certs ?? []).slice(0, 8)) {
    if (await acceptedResponder(c, issuer, producedAt)) responders.push(c);
  }
  const unsigned = {
    ok: false as const,
    problem: 'unsigned' as const,
    detail: `not signed by ${issuer.subject} or a responder it appointed (id-kp-OCSPSigning), valid when produced (${producedAt.toISOString()})`,
  };
  if (responders.length === 0) return unsigned;
  const signed = await basic
    .verify(
      { trustedCerts: [issuer.cert], issuerCerts: [issuer.cert], trustedResponders: responders },
      pkiEngine(),
    )
    .catch(() => false);
  if (!signed) return unsigned;
  const signer = await namedResponder(basic, responders);
  const single = basic.tbsResponseData.responses.find(
    (r) => toHex(new Uint8Array(r.certID.serialNumber.valueBlock.valueHexView)) === leaf.serialHex,
  );
  if (!single) return { ok: false, problem: 'other', detail: `no answer for serial ${leaf.serialHex}` };
  const status = await basic.getCertificateStatus(leaf.cert, issuer.cert, pkiEngine()).catch(() => undefined);
  if (!status?.isForCertificate)
    return { ok: false, problem: 'other', detail: `no answer for this issuer and serial ${leaf.serialHex}` };
  const out: OcspStatus = {
    status: status.status === 0 ? 'good' : status.status === 1 ? 'revoked' : 'unknown',
    producedAt: basic.tbsResponseData.producedAt,
    thisUpdate: single.thisUpdate,
  };
  if (single.nextUpdate) out.nextUpdate = single.nextUpdate;
  if (signer) out.responder = certName(signer);
  const cutoff = archiveCutoff(basic);
  if (cutoff) out.archiveCutoff = cutoff;
  const revokedTime = (single.certStatus as { valueBlock?: { value?: { toDate?: () => Date }[] } })
    ?.valueBlock?.value?.[0];
  if (out.status === 'revoked' && revokedTime?.toDate) out.revokedAt = revokedTime.toDate();
  return { ok: true, status: out };
}

/**
 * The newest authenticated status of `leaf` among the embedded OCSP responses, signed by its
 * issuer or a delegated responder. Undefined when none applies. Never throws.
 */
export async function ocspStatus(
  responses: readonly Uint8Array[],
  leaf: CertInfo,
  issuer: CertInfo,
): Promise<OcspStatus | undefined> {
  let best: OcspStatus | undefined;
  for (const der of responses.slice(0, 8)) {
    const r = await readOcspResponse(der, leaf, issuer, true);
    if (r.ok && (!best || r.status.thisUpdate > best.thisUpdate)) best = r.status;
  }
  return best;
}

/**
 * The DER OCSPRequest for `leaf` (RFC 6960 §4.1.1): one CertID — SHA-1 hashes of the issuer's
 * name and key, and the serial number (SHA-1, as RFC 5019 §2.1.1 has responders expect; it
 * identifies, it does not protect). Nothing else: no requestor name, no signature, no nonce.
 */
export async function ocspRequest(leaf: CertInfo, issuer: CertInfo): Promise<Uint8Array> {
  const req = new OCSPRequest();
  await req.createForCertificate(
    leaf.cert,
    { hashAlgorithm: 'SHA-1', issuerCertificate: issuer.cert },
    pkiEngine(),
  );
  return new Uint8Array(req.toSchema(true).toBER(false));
}
