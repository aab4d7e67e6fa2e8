/**
 * Revocation status of the sealer's certificate from the revocation values the seal carries
 * (ETSI TS 119 182-1 §5.3.5.2 rVals; RFC 6960 OCSP). No responder is contacted here, so an
 * answer older than the signing time leaves the status unconfirmed (fail closed: a warning).
 */
import type { Check } from '../../model/report';
import type { CertInfo } from '../../x509/cert';
import { crlStatus } from '../../x509/crl';
import { ocspStatus } from '../../x509/ocsp';
import { check, humanDate, isoSeconds } from './util';

/** The revocation answer relied on: the embedded OCSP answer or CRL (a listed revocation first, else the newest). */
interface Answer {
  via: 'OCSP' | 'CRL';
  status: 'good' | 'revoked' | 'unknown';
  thisUpdate: Date;
  nextUpdate?: Date;
  producedAt?: Date;
  revokedAt?: Date;
}

async function answer(
  ocsps: readonly Uint8Array[],
  crls: readonly Uint8Array[],
  leaf: CertInfo,
  issuer: CertInfo,
): Promise<Answer | undefined> {
  const o = await ocspStatus(ocsps, leaf, issuer);
  const c = await crlStatus(crls, leaf, issuer);
  const fromOcsp: Answer | undefined = o && { via: 'OCSP', ...o };
  const fromCrl: Answer | undefined = c && { via: 'CRL', ...c };
  if (fromCrl?.status === 'revoked') return fromCrl;
  if (fromOcsp?.status === 'revoked') return fromOcsp;
  if (fromOcsp && fromCrl) return fromCrl.thisUpdate > fromOcsp.thisUpdate ? fromCrl : fromOcsp;
  return fromOcsp ?? fromCrl;
}

/** Checks the embedded OCSP responses and CRLs for `leaf` at the decision time `at`. */
export async function checkSealerRevocation(
  ocsps: readonly Uint8Array[],
  leaf: CertInfo,
  issuer: CertInfo | undefined,
  at: Date,
  crls: readonly Uint8Array[] = [],
): Promise<Check> {
  const id = 'status.revocation';
  const s = issuer ? await answer(ocsps, crls, leaf, issuer) : undefined;
  if (!s)
    return {
      ...check.warning(
        id,
        'WARN_EDC_REVOCATION_UNKNOWN',
        'CredLens could not confirm that the sealing certificate was not revoked: the seal carries no usable revocation answer.',
        `${ocsps.length} embedded OCSP response(s) and ${crls.length} CRL(s); none signed by the issuer (or a delegated responder) for serial ${leaf.serialHex}. Online checks are not made.`,
      ),
      impact: 'verified-untrusted',
    };
  const detail = `${s.via}: ${s.status}, thisUpdate ${isoSeconds(s.thisUpdate)}${s.nextUpdate ? `, nextUpdate ${isoSeconds(s.nextUpdate)}` : ''}${s.producedAt ? `, produced ${isoSeconds(s.producedAt)}` : ''}; decision time ${isoSeconds(at)}.`;
  if (s.status === 'revoked' && (!s.revokedAt || s.revokedAt <= at))
    return check.failed(
      id,
      'ERR_EDC_CERT_REVOKED',
      'revoked',
      `The certificate used for this seal was revoked${s.revokedAt ? ` on ${humanDate(s.revokedAt)}` : ''}.`,
      detail,
    );
  const fresh = s.thisUpdate >= at || (s.thisUpdate <= at && (!s.nextUpdate || at <= s.nextUpdate));
  if (s.status === 'good' && fresh)
    return check.passed(
      id,
      'OK_EDC_CERT_NOT_REVOKED',
      `The certificate authority confirmed the sealing certificate was not revoked (answer of ${humanDate(s.thisUpdate)}).`,
      detail,
    );
  return {
    ...check.warning(
      id,
      'WARN_EDC_REVOCATION_STALE',
      `The certificate was reported not revoked on ${humanDate(s.thisUpdate)}, but CredLens has no newer answer covering the time it relies on.`,
      detail,
    ),
    impact: 'verified-untrusted',
  };
}
