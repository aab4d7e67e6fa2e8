/**
 * Parsed X.509 certificates (RFC 5280 §4.1) through pkijs: names, validity, key identifiers,
 * basic constraints and key usage, in plain fields the chain and trust modules compare.
 */
import * as asn1js from 'asn1js';
import { Certificate, type RelativeDistinguishedNames } from 'pkijs';
import { digest, fromBase64, toBase64, toHex } from './bytes';

/** SECURITY: a certificate larger than this is refused before ASN.1 parsing (bounded work). */
export const MAX_CERT_BYTES = 64 * 1024;

/** One certificate with the fields verification needs. */
export interface CertInfo {
  cert: Certificate;
  der: Uint8Array;
  /** Hex SHA-256 of the DER encoding (the certificate's identity in indexes). */
  sha256: string;
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Base64 subject key identifier (extension value, else undefined). */
  ski?: string;
  /** Base64 authority key identifier's keyIdentifier. */
  aki?: string;
  /** basicConstraints cA (undefined when the extension is absent). */
  isCa?: boolean;
  pathLen?: number;
  /** Key usage bit names present (undefined when the extension is absent). */
  keyUsage?: string[];
  /** Extended key usage OIDs (undefined when absent). */
  extKeyUsage?: string[];
  /** Certificate policy OIDs. */
  policies: string[];
  /** OIDs of critical extensions. */
  criticalExtensions: string[];
  /** subjectAltName dNSName and uniformResourceIdentifier entries (RFC 5280 §4.2.1.6). */
  altNames: { dns: string[]; uri: string[] };
}

const NAME_OIDS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.97': 'organizationIdentifier',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'E',
};

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** A distinguished name as "CN=…, O=…, C=…" (most specific first, as people read it). */
export function formatName(name: RelativeDistinguishedNames): string {
  return [...name.typesAndValues]
    .reverse()
    .map((tv) => {
      const v = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      return `${NAME_OIDS[tv.type] ?? tv.type}=${typeof v === 'string' ? v : '?'}`;
    })
    .join(', ');
}

/** The value of one attribute (e.g. '2.5.4.3' CN, '2.5.4.6' C) of a name, if present. */
export function nameAttribute(name: RelativeDistinguishedNames, oid: string): string | undefined {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  const v = (tv?.value as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return typeof v === 'string' ? v : undefined;
}

function octets(value: unknown): Uint8Array | undefined {
  const view = (value as { valueBlock?: { valueHexView?: Uint8Array } } | undefined)?.valueBlock
    ?.valueHexView;
  return view instanceof Uint8Array ? new Uint8Array(view) : undefined;
}

function readExtensions(cert: Certificate, info: CertInfo): void {
  for (const ext of cert.extensions ?? []) {
    if (ext.critical) info.criticalExtensions.push(ext.extnID);
    const parsed = ext.parsedValue as Record<string, unknown> | undefined;
    switch (ext.extnID) {
      case '2.5.29.14': {
        const ski = octets(parsed);
        if (ski) info.ski = toBase64(ski);
        break;
      }
      case '2.5.29.35': {
        const aki = octets(parsed?.keyIdentifier);
        if (aki) info.aki = toBase64(aki);
        break;
      }
      case '2.5.29.19':
        info.isCa = parsed?.cA === true;
        if (typeof parsed?.pathLenConstraint === 'number') info.pathLen = parsed.pathLenConstraint;
        break;
      case '2.5.29.15': {
        const bits = octets(parsed) ?? new Uint8Array();
        info.keyUsage = KEY_USAGE_BITS.filter((_, i) => ((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
        break;
      }
      case '2.5.29.37':
        info.extKeyUsage = Array.isArray(parsed?.keyPurposes) ? (parsed.keyPurposes as string[]) : [];
        break;
      case '2.5.29.17': {
        const names = Array.isArray(parsed?.altNames) ? (parsed.altNames as { type?: unknown; value?: unknown }[]) : [];
        for (const n of names.slice(0, 100)) {
          if (typeof n.value !== 'string' || n.value.length > 2048) continue;
          if (n.type === 2) info.altNames.dns.push(n.value);
          else if (n.type === 6) info.altNames.uri.push(n.value);
        }
        break;
      }
      case '2.5.29.32':
        info.policies = Array.isArray(parsed?.certificatePolicies)
          ? (parsed.certificatePolicies as { policyIdentifier: string }[]).map((p) => p.policyIdentifier)
          : [];
        break;
    }
  }
}

/** Parses one DER certificate; undefined when it is not a certificate. Never throws. */
export async function parseCertificate(der: Uint8Array): Promise<CertInfo | undefined> {
  if (der.length === 0 || der.length > MAX_CERT_BYTES) return undefined;
  try {
    const asn = asn1js.fromBER(der);
    if (asn.offset === -1 || asn.offset !== der.length) return undefined;
    const cert = new Certificate({ schema: asn.result });
    const info: CertInfo = {
      cert,
      der,
      sha256: toHex(await digest('SHA-256', der)),
      subject: formatName(cert.subject),
      issuer: formatName(cert.issuer),
      serialHex: toHex(new Uint8Array(cert.serialNumber.valueBlock.valueHexView)),
      notBefore: cert.notBefore.value,
      notAfter: cert.notAfter.value,
      policies: [],
      criticalExtensions: [],
      altNames: { dns: [], uri: [] },
    };
    readExtensions(cert, info);
    return info;
  } catch {
    return undefined;
  }
}

/** Parses a base64 (or base64url) DER certificate. */
export async function parseCertificateB64(text: string): Promise<CertInfo | undefined> {
  const der = fromBase64(text);
  return der ? parseCertificate(der) : undefined;
}

/** The certificate's common name, else organisation, else the whole subject. */
export function displayName(info: CertInfo): string {
  return (
    nameAttribute(info.cert.subject, '2.5.4.3') ??
    nameAttribute(info.cert.subject, '2.5.4.10') ??
    info.subject
  );
}

/** True when the certificate is valid at the instant (RFC 5280 §4.1.2.5, inclusive bounds). */
export function validAt(info: CertInfo, at: Date): boolean {
  return info.notBefore.getTime() <= at.getTime() && at.getTime() <= info.notAfter.getTime();
}
