/**
 * Revocation status of a certificate from an embedded CRL (RFC 5280 §5, §6.3): the list must be
 * issued by the certificate's issuer and signed with its key; the certificate is revoked when its
 * serial number is listed. CredLens does not fetch CRLs here; it judges what the credential carries.
 */
import * as asn1js from 'asn1js';
import { CertificateRevocationList } from 'pkijs';
import { toArrayBuffer, toHex } from './bytes';
import type { CertInfo } from './cert';
import { pkiEngine } from './engine';

/** SECURITY: bounded work on untrusted CRLs. */
const MAX_CRL_BYTES = 2 * 1024 * 1024;
const MAX_CRLS = 8;

/** What one CRL says about one certificate. */
export interface CrlStatus {
  status: 'good' | 'revoked';
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedAt?: Date;
}

async function readOne(der: Uint8Array, leaf: CertInfo, issuer: CertInfo): Promise<CrlStatus | undefined> {
  if (der.length > MAX_CRL_BYTES) return undefined;
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) return undefined;
  const crl = new CertificateRevocationList({ schema: asn.result });
  // SECURITY: a CRL speaks for the certificates of its issuer only, and only when the issuer signed it.
  if (!crl.issuer.isEqual(issuer.cert.subject) || !leaf.cert.issuer.isEqual(crl.issuer)) return undefined;
  const signed = await crl.verify({ issuerCertificate: issuer.cert }, pkiEngine()).catch(() => false);
  if (!signed) return undefined;
  const out: CrlStatus = { status: 'good', thisUpdate: crl.thisUpdate.value };
  if (crl.nextUpdate) out.nextUpdate = crl.nextUpdate.value;
  const entry = (crl.revokedCertificates ?? []).find(
    (r) => toHex(new Uint8Array(r.userCertificate.valueBlock.valueHexView)) === leaf.serialHex,
  );
  if (entry) {
    out.status = 'revoked';
    out.revokedAt = entry.revocationDate.value;
  }
  return out;
}

/** The newest authenticated CRL status of `leaf` among `crls`; undefined when none applies. Never throws. */
export async function crlStatus(
  crls: readonly Uint8Array[],
  leaf: CertInfo,
  issuer: CertInfo,
): Promise<CrlStatus | undefined> {
  let best: CrlStatus | undefined;
  for (const der of crls.slice(0, MAX_CRLS)) {
    const s = await readOne(der, leaf, issuer).catch(() => undefined);
    if (!s) continue;
    // A listed revocation stands whatever newer list omits it (RFC 5280 §5.3.1 removeFromCRL aside).
    if (s.status === 'revoked') return s;
    if (!best || s.thisUpdate > best.thisUpdate) best = s;
  }
  return best;
}
