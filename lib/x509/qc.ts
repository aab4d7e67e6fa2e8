/**
 * QC statements of a certificate (ETSI EN 319 412-5 §4; RFC 3739 §3.2.6) and the EU
 * qualified-certificate policies (ETSI EN 319 411-2 §5.3): is it an EU qualified certificate,
 * for seals or signatures, with the key on a QSCD?
 */
import * as asn1js from 'asn1js';
import type { CertInfo } from './cert';

/** id-etsi-qcs-QcCompliance: an EU qualified certificate (EN 319 412-5 §4.2.1). */
export const QC_COMPLIANCE = '0.4.0.1862.1.1';
/** id-etsi-qcs-QcSSCD: the private key sits on a QSCD (EN 319 412-5 §4.2.2). */
export const QC_SSCD = '0.4.0.1862.1.4';
/** id-etsi-qcs-QcType (EN 319 412-5 §4.2.3) and its values. */
export const QC_TYPE = '0.4.0.1862.1.6';
const QC_TYPES: Readonly<Record<string, QcType>> = {
  '0.4.0.1862.1.6.1': 'esign',
  '0.4.0.1862.1.6.2': 'eseal',
  '0.4.0.1862.1.6.3': 'web',
};
/** id-etsi-qcs-QcCClegislation: qualified under a non-EU legislation (EN 319 412-5 §4.2.4). */
export const QC_CC_LEGISLATION = '0.4.0.1862.1.7';
/** EN 319 411-2 policies: QCP-n, QCP-l, QCP-n-qscd, QCP-l-qscd, QCP-w. */
const QC_POLICIES: Readonly<Record<string, string>> = {
  '0.4.0.194112.1.0': 'QCP-n',
  '0.4.0.194112.1.1': 'QCP-l',
  '0.4.0.194112.1.2': 'QCP-n-qscd',
  '0.4.0.194112.1.3': 'QCP-l-qscd',
  '0.4.0.194112.1.4': 'QCP-w',
};

export type QcType = 'esign' | 'eseal' | 'web';

/** What the certificate itself states about being qualified. */
export interface QcInfo {
  /** QcCompliance present. */
  compliance: boolean;
  /** QcSSCD present, or a *-qscd policy. */
  qscd: boolean;
  /** QcType values; EN 319 412-5 says none means e-signature. */
  types: QcType[];
  /** Legislation countries when QcCClegislation is present (not EU qualified then). */
  legislation: string[];
  /** EN 319 411-2 policy names found. */
  policies: string[];
  /** All statement OIDs, for the detail text. */
  statements: string[];
}

function oidsIn(value: unknown, depth = 0): string[] {
  // QcType / QcCClegislation payloads are small SEQUENCE OF; walk a few levels only. Types are told
  // by instanceof, never by constructor names (bundlers rename classes).
  if (depth > 3) return [];
  if (value instanceof asn1js.ObjectIdentifier) return [value.valueBlock.toString()];
  if (value instanceof asn1js.PrintableString) return [value.valueBlock.value];
  if (value instanceof asn1js.Sequence || value instanceof asn1js.Set) return value.valueBlock.value.flatMap((v) => oidsIn(v, depth + 1));
  return [];
}

/** Reads the QC statements and qualified policies of a certificate; empty when none. */
export function readQcStatements(info: CertInfo): QcInfo {
  const out: QcInfo = {
    compliance: false,
    qscd: false,
    types: [],
    legislation: [],
    policies: [],
    statements: [],
  };
  for (const p of info.policies) {
    const name = QC_POLICIES[p];
    if (name) out.policies.push(name);
    if (name?.endsWith('-qscd')) out.qscd = true;
  }
  const ext = info.cert.extensions?.find((e) => e.extnID === '1.3.6.1.5.5.7.1.3');
  const values =
    (ext?.parsedValue as { values?: { id: string; type?: unknown }[] } | undefined)?.values ?? [];
  for (const st of values) {
    out.statements.push(st.id);
    if (st.id === QC_COMPLIANCE) out.compliance = true;
    if (st.id === QC_SSCD) out.qscd = true;
    if (st.id === QC_TYPE) {
      for (const oid of oidsIn(st.type)) {
        const t = QC_TYPES[oid];
        if (t && !out.types.includes(t)) out.types.push(t);
      }
    }
    if (st.id === QC_CC_LEGISLATION) out.legislation.push(...oidsIn(st.type));
  }
  return out;
}

/** Plain-language description of the QC statements ("EU qualified certificate for electronic seals, key on a QSCD"). */
export function describeQc(qc: QcInfo): string {
  if (!qc.compliance) return 'not an EU qualified certificate (no QcCompliance statement)';
  const kind = qc.types.length === 0 ? ['electronic signatures'] : qc.types.map((t) => QC_KIND[t]);
  const where = qc.legislation.length > 0 ? ` under the legislation of ${qc.legislation.join(', ')}` : '';
  return `qualified certificate for ${kind.join(' and ')}${where}, ${qc.qscd ? 'key on a qualified device (QSCD)' : 'no QSCD stated'}`;
}

const QC_KIND: Readonly<Record<QcType, string>> = {
  esign: 'electronic signatures',
  eseal: 'electronic seals',
  web: 'website authentication',
};
