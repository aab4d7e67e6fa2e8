/**
 * Certificate status from a CRL (RFC 5280 §5, §6.3) — embedded in a seal or fetched from the
 * certificate's distribution point: the list must be issued by the certificate's issuer, signed
 * with its key, complete (no delta list, no list limited to CA certificates or some reasons, no
 * unknown critical extension); the certificate is revoked when its serial number is listed.
 */
import * as asn1js from 'asn1js';
import { CertificateRevocationList, type IssuingDistributionPoint } from 'pkijs';
import { toArrayBuffer, toHex } from './bytes';
import type { CertInfo } from './cert';
import { pkiEngine } from './engine';

/** SECURITY: bounded work on untrusted CRLs carried by a seal. */
const MAX_EMBEDDED_CRL_BYTES = 2 * 1024 * 1024;
const MAX_CRLS = 8;

/** What one CRL says about one certificate. */
export interface CrlStatus {
  status: 'good' | 'revoked';
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedAt?: Date;
  /** RFC 5280 §5.2.7 ExpiredCertsOnCRL: expired certificates stay listed, from this date. */
  expiredCertsFrom?: Date;
}

/** A CRL whose signature and scope were checked, reduced to what a look-up needs. */
export interface VerifiedCrl {
  thisUpdate: Date;
  nextUpdate?: Date;
  expiredCertsFrom?: Date;
  /** Revoked serial numbers (lower-case hex) → revocation time (epoch ms). */
  revoked: Map<string, number>;
}

/** A CRL read against an issuer: verified, or why it does not count. */
export type CrlRead =
  { ok: true; crl: VerifiedCrl } | { ok: false; problem: 'malformed' | 'unsigned' | 'scope'; detail: string };

/** CRL extensions CredLens understands (RFC 5280 §5.2); another critical one makes the list unusable. */
const KNOWN_CRL_EXTENSIONS = new Set([
  '2.5.29.20', // cRLNumber
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.28', // issuingDistributionPoint (judged below)
  '2.5.29.46', // freshestCRL
  '2.5.29.60', // expiredCertsOnCRL
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);
const DELTA_CRL_INDICATOR = '2.5.29.27';

function generalizedTime(extnValue: asn1js.OctetString): Date | undefined {
  const asn = asn1js.fromBER(extnValue.valueBlock.valueHexView);
  return asn.result instanceof asn1js.GeneralizedTime ? asn.result.toDate() : undefined;
}

/**
 * Parses `der` and checks it is a complete CRL signed by `issuer` (RFC 5280 §6.3.3 (b), (f), (g)).
 * `maxBytes` bounds the work. Never throws.
 */
export async function readCrl(der: Uint8Array, issuer: CertInfo, maxBytes: number): Promise<CrlRead> {
  try {
    return await read(der, issuer, maxBytes);
  } catch (error) {
    return {
      ok: false,
      problem: 'malformed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

async function read(der: Uint8Array, issuer: CertInfo, maxBytes: number): Promise<CrlRead> {
  if (der.length > maxBytes)
    return { ok: false, problem: 'malformed', detail: `larger than ${maxBytes} bytes` };
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1) return { ok: false, problem: 'malformed', detail: 'not DER' };
  const crl = new CertificateRevocationList({ schema: asn.result });
  // SECURITY: a CRL speaks for the certificates of its issuer only, and only when the issuer signed it.
  if (!crl.issuer.isEqual(issuer.cert.subject))
    return { ok: false, problem: 'unsigned', detail: `issued by another name than ${issuer.subject}` };
  if (issuer.keyUsage !== undefined && !issuer.keyUsage.includes('cRLSign'))
    return {
      ok: false,
      problem: 'unsigned',
      detail: `${issuer.subject} may not sign CRLs (no cRLSign key usage)`,
    };
  const signed = await crl.verify({ issuerCertificate: issuer.cert }, pkiEngine()).catch(() => false);
  if (!signed)
    return {
      ok: false,
      problem: 'unsigned',
      detail: `signature does not verify with the key of ${issuer.subject}`,
    };
  const out: VerifiedCrl = { thisUpdate: crl.thisUpdate.value, revoked: new Map() };
  if (crl.nextUpdate) out.nextUpdate = crl.nextUpdate.value;
  for (const ext of crl.crlExtensions?.extensions ?? []) {
    if (ext.extnID === DELTA_CRL_INDICATOR)
      return { ok: false, problem: 'scope', detail: 'a delta CRL, not a complete list' };
    if (ext.extnID === '2.5.29.28') {
      const idp = ext.parsedValue as IssuingDistributionPoint | undefined;
      if (!idp) return { ok: false, problem: 'scope', detail: 'unreadable issuingDistributionPoint' };
      if (idp.onlyContainsCACerts || idp.onlyContainsAttributeCerts || idp.onlySomeReasons !== undefined)
        return { ok: false, problem: 'scope', detail: 'the list covers only some certificates or reasons' };
      if (idp.indirectCRL) return { ok: false, problem: 'scope', detail: 'an indirect CRL (not read)' };
    } else if (ext.extnID === '2.5.29.60') {
      const from = generalizedTime(ext.extnValue);
      if (from) out.expiredCertsFrom = from;
    } else if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.extnID))
      return { ok: false, problem: 'scope', detail: `unknown critical extension ${ext.extnID}` };
  }
  for (const r of crl.revokedCertificates ?? []) {
    const serial = toHex(new Uint8Array(r.userCertificate.valueBlock.valueHexView));
    const at = r.revocationDate.value.getTime();
    const seen = out.revoked.get(serial);
    out.revoked.set(serial, seen === undefined ? at : Math.min(seen, at));
  }
  return { ok: true, crl: out };
}

/** What a verified CRL says about `leaf` (whose issuer the list was verified against). */
export function crlLookup(crl: VerifiedCrl, leaf: CertInfo): CrlStatus {
  const out: CrlStatus = { status: 'good', thisUpdate: crl.thisUpdate };
  if (crl.nextUpdate) out.nextUpdate = crl.nextUpdate;
  if (crl.expiredCertsFrom) out.expiredCertsFrom = crl.expiredCertsFrom;
  const revokedAt = crl.revoked.get(leaf.serialHex);
  if (revokedAt !== undefined) {
    out.status = 'revoked';
    out.revokedAt = new Date(revokedAt);
  }
  return out;
}

/** The newest authenticated CRL status of `leaf` among `crls`; undefined when none applies. Never throws. */
export async function crlStatus(
  crls: readonly Uint8Array[],
  leaf: CertInfo,
  issuer: CertInfo,
): Promise<CrlStatus | undefined> {
  if (!leaf.cert.issuer.isEqual(issuer.cert.subject)) return undefined;
  let best: CrlStatus | undefined;
  for (const der of crls.slice(0, MAX_CRLS)) {
    const r = await readCrl(der, issuer, MAX_EMBEDDED_CRL_BYTES);
    if (!r.ok) continue;
    const s = crlLookup(r.crl, leaf);
    // A listed revocation stands whatever newer list omits it (RFC 5280 §5.3.1 removeFromCRL aside).
    if (s.status === 'revoked') return s;
    if (!best || s.thisUpdate > best.thisUpdate) best = s;
  }
  return best;
}
