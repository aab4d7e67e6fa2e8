/**
 * Revocation status of a certificate from an embedded OCSP response (RFC 6960 §4.2, §4.2.2.2
 * responder authorisation). CredLens does not contact responders here; it judges what the
 * credential carries and how fresh it is.
 */
import * as asn1js from 'asn1js';
import { BasicOCSPResponse, OCSPResponse, type Certificate } from 'pkijs';
import { bytesEqual, toArrayBuffer, toHex } from './bytes';
import type { CertInfo } from './cert';
import { pkiEngine } from './engine';

/** SECURITY: an OCSP response larger than this is ignored (bounded work). */
const MAX_OCSP_BYTES = 64 * 1024;
const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

/** The status one response gives for one certificate. */
export interface OcspStatus {
  status: 'good' | 'revoked' | 'unknown';
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedAt?: Date;
}

const ID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

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

async function readOne(der: Uint8Array, leaf: CertInfo, issuer: CertInfo): Promise<OcspStatus | undefined> {
  if (der.length > MAX_OCSP_BYTES) return undefined;
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) return undefined;
  let basic: BasicOCSPResponse;
  try {
    const resp = new OCSPResponse({ schema: asn.result });
    if (resp.responseBytes?.responseType !== ID_PKIX_OCSP_BASIC) return undefined;
    basic = new BasicOCSPResponse({
      schema: asn1js.fromBER(resp.responseBytes.response.valueBlock.valueHexView).result,
    });
  } catch {
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
  if (responders.length === 0) return undefined;
  const signed = await basic
    .verify(
      { trustedCerts: [issuer.cert], issuerCerts: [issuer.cert], trustedResponders: responders },
      pkiEngine(),
    )
    .catch(() => false);
  if (!signed) return undefined;
  const single = basic.tbsResponseData.responses.find(
    (r) => toHex(new Uint8Array(r.certID.serialNumber.valueBlock.valueHexView)) === leaf.serialHex,
  );
  if (!single) return undefined;
  const status = await basic.getCertificateStatus(leaf.cert, issuer.cert, pkiEngine()).catch(() => undefined);
  if (!status?.isForCertificate) return undefined;
  const out: OcspStatus = {
    status: status.status === 0 ? 'good' : status.status === 1 ? 'revoked' : 'unknown',
    producedAt: basic.tbsResponseData.producedAt,
    thisUpdate: single.thisUpdate,
  };
  if (single.nextUpdate) out.nextUpdate = single.nextUpdate;
  const revokedTime = (single.certStatus as { valueBlock?: { value?: { toDate?: () => Date }[] } })
    ?.valueBlock?.value?.[0];
  if (out.status === 'revoked' && revokedTime?.toDate) out.revokedAt = revokedTime.toDate();
  return out;
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
    const s = await readOne(der, leaf, issuer).catch(() => undefined);
    if (s && (!best || s.thisUpdate > best.thisUpdate)) best = s;
  }
  return best;
}
