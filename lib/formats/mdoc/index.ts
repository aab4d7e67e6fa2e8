/**
 * ISO/IEC 18013-5 mdoc (`mso_mdoc`): a DeviceResponse (§8.3.2.1.2.2) with one or more documents,
 * or a bare IssuerSigned structure (§9.1.2.4), as CBOR bytes or hex / base64 / base64url text
 * (acquire recognises them). Each document is verified by document.ts; this module assembles the
 * report: checks of every document (later documents' messages name the document), the lowest
 * authenticity level of all documents, the disclosed elements, and the EU standard elements that
 * an identity document can fill (learner, awarding body, country, date of issuing, title).
 * `verify` never throws.
 */
import { ELEMENT_LABELS } from '../../elements/catalog';
import type { Acquired, FormatHandler, FormatResult, VerifyContext } from '../../model/format';
import type {
  Check,
  CredentialPart,
  CredentialSummary,
  ElementKey,
  FormatInfo,
  IssuerInfo,
  StandardElement,
  TrustHit,
} from '../../model/report';
import { displayName } from '../../x509/cert';
import { check } from '../ob2/util';
import { decodeMdocCbor, get, mdocRoot } from './cbor';
import { valueText, verifyDocument, type DocumentOutcome, type MdocItem } from './document';

const FORMAT: FormatInfo = { id: 'mdoc', label: 'ISO mdoc (ISO/IEC 18013-5)', container: 'cbor' };

/** SECURITY: documents verified per response (each costs a signature and a path). */
const MAX_DOCUMENTS = 10;

const DOC_TITLES: Readonly<Record<string, string>> = {
  'org.iso.18013.5.1.mDL': 'Mobile driving licence (mDL)',
  'eu.europa.ec.eudi.pid.1': 'EU person identification data (PID)',
  'eu.europa.ec.eudiw.pid.1': 'EU person identification data (PID, early test version)',
};

function docTitle(docType: string | undefined): string {
  return docType === undefined
    ? 'ISO mdoc document'
    : (DOC_TITLES[docType] ?? `ISO mdoc document (${docType})`);
}

function first(items: MdocItem[], names: string[]): MdocItem | undefined {
  for (const n of names) {
    const hit = items.find((i) => i.name === n);
    if (hit) return hit;
  }
  return undefined;
}

function element(
  key: ElementKey,
  values: string[] | undefined,
  source: string | undefined,
  note?: string,
): StandardElement {
  const [label, mandatory] = ELEMENT_LABELS[key];
  const e: StandardElement = {
    key,
    label,
    mandatory,
    status: values && values.length > 0 ? 'present' : 'missing',
  };
  if (values && values.length > 0) e.values = values;
  if (source) e.source = source;
  if (note) e.note = note;
  return e;
}

/** The EU standard elements an identity document can carry; the rest are not expressible in it. */
function elements(docs: DocumentOutcome[]): StandardElement[] {
  const out: StandardElement[] = [];
  const add = (
    key: ElementKey,
    pick: (d: DocumentOutcome) => { value: string | undefined; source: string | undefined },
  ) => {
    const got = docs.map(pick).filter((g): g is { value: string; source: string | undefined } => !!g.value);
    const values = [...new Set(got.map((g) => g.value))];
    const sources = [...new Set(got.map((g) => g.source).filter((s): s is string => !!s))];
    out.push(
      element(
        key,
        values,
        sources.join(', ') || undefined,
        values.length === 0 ? 'Not disclosed in this mdoc.' : undefined,
      ),
    );
  };
  add('learner', (d) => {
    const given = first(d.items, ['given_name']);
    const family = first(d.items, ['family_name']);
    const value = [given, family]
      .filter((i) => i)
      .map((i) => valueText(i?.value))
      .join(' ');
    return {
      value,
      source: [given, family]
        .filter((i) => i)
        .map((i) => `${i?.namespace}/${i?.name}`)
        .join(' + '),
    };
  });
  add('title', (d) => ({
    value: d.items.length > 0 || d.docType ? docTitle(d.docType) : undefined,
    source: 'docType',
  }));
  add('country', (d) => {
    const i = first(d.items, ['issuing_country']);
    return { value: i ? valueText(i.value) : undefined, source: i ? `${i.namespace}/${i.name}` : undefined };
  });
  add('awardingBody', (d) => {
    const i = first(d.items, ['issuing_authority']);
    return { value: i ? valueText(i.value) : undefined, source: i ? `${i.namespace}/${i.name}` : undefined };
  });
  add('issuedOn', (d) => {
    const i = first(d.items, ['issue_date', 'issuance_date', 'date_of_issuance']);
    return { value: i ? valueText(i.value) : undefined, source: i ? `${i.namespace}/${i.name}` : undefined };
  });
  const mapped = new Set(out.map((e) => e.key));
  for (const key of Object.keys(ELEMENT_LABELS) as ElementKey[]) {
    if (mapped.has(key)) continue;
    const [label, mandatory] = ELEMENT_LABELS[key];
    out.push({
      key,
      label,
      mandatory,
      status: 'not-expressible',
      note: 'An identity document (ISO mdoc) has no such element.',
    });
  }
  return out;
}

function parts(docs: DocumentOutcome[]): CredentialPart[] {
  return docs.map((d, i) => {
    const byNs = new Map<string, MdocItem[]>();
    for (const item of d.items) byNs.set(item.namespace, [...(byNs.get(item.namespace) ?? []), item]);
    return {
      title: docTitle(d.docType),
      kind: 'mdoc document',
      details: [`${d.items.length} disclosed element(s)`],
      source: `documents[${i}]`,
      parts: [...byNs.entries()].map(([ns, items]) => ({
        title: ns,
        kind: 'namespace',
        details: items.map((it) => `${it.name}: ${valueText(it.value)}`),
        source: `documents[${i}].issuerSigned.nameSpaces.${ns}`,
      })),
    };
  });
}

function summary(docs: DocumentOutcome[]): CredentialSummary {
  const s: CredentialSummary = {};
  const d = docs[0];
  if (!d) return s;
  s.title = docs.map((x) => docTitle(x.docType)).join(' + ');
  const names = docs.flatMap((x) => x.items.map((i) => `${i.namespace}/${i.name}`));
  s.description =
    names.length > 0 ? `Disclosed elements: ${names.join(', ')}.` : 'No elements were disclosed.';
  const issued = first(d.items, ['issue_date', 'issuance_date']);
  if (issued) s.issuedOn = valueText(issued.value);
  else if (d.signed) s.issuedOn = d.signed;
  if (d.validUntil) s.expires = d.validUntil;
  const docNo = first(d.items, ['document_number']);
  if (docNo) s.id = valueText(docNo.value);
  const given = first(d.items, ['given_name']);
  const family = first(d.items, ['family_name']);
  if (given || family)
    s.recipient = [given, family]
      .filter((x) => x)
      .map((x) => valueText(x?.value))
      .join(' ');
  const p = parts(docs);
  if (p.length > 0) s.parts = p;
  return s;
}

function issuerOf(docs: DocumentOutcome[]): IssuerInfo {
  const d = docs[0];
  const info: IssuerInfo = {};
  const authority = d ? first(d.items, ['issuing_authority']) : undefined;
  if (authority) info.name = valueText(authority.value);
  else if (d?.signer) info.name = displayName(d.signer);
  if (info.name) info.nameSource = d?.level === 'A3' && !authority ? 'issuer' : 'self-declared';
  return info;
}

function empty(acquired: Acquired, checks: Check[]): FormatResult {
  return {
    format: { ...FORMAT, container: acquired.container },
    checks,
    issuer: {},
    issuerIds: [],
    credential: {},
    elements: [],
    differences: [],
    authenticity: {
      level: 'A0',
      evidence: [checks[checks.length - 1]?.message ?? 'Nothing could be proven.'],
    },
    qualityAssurance: { level: 'Q0', evidence: ['Not applicable to an identity document.'] },
  };
}

async function verifyMdoc(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
  if (acquired.payload.type !== 'cbor')
    return empty(acquired, [
      check.failed('format.recognized', 'ERR_FORMAT_UNKNOWN', 'unverifiable', 'This is not an ISO mdoc.'),
    ]);
  const decoded = decodeMdocCbor(acquired.payload.bytes);
  const root = decoded.ok ? mdocRoot(decoded.value) : undefined;
  if (!decoded.ok || !root)
    return empty(acquired, [
      check.failed(
        'format.recognized',
        'ERR_MDOC_STRUCTURE',
        'unverifiable',
        'This ISO mdoc cannot be read.',
        decoded.ok ? 'neither a DeviceResponse nor IssuerSigned' : decoded.reason,
      ),
    ]);
  const docs: { docType?: string; issuerSigned: unknown; deviceSigned: unknown }[] = [];
  if (root === 'IssuerSigned') docs.push({ issuerSigned: decoded.value, deviceSigned: undefined });
  else {
    const version = get(decoded.value, 'version');
    const list = get(decoded.value, 'documents') as unknown[];
    if (typeof version !== 'string' || !version.startsWith('1.'))
      return empty(acquired, [
        check.failed(
          'format.recognized',
          'ERR_MDOC_VERSION',
          'unverifiable',
          'This ISO mdoc response has a version CredLens does not read.',
          `version ${String(version)}`,
        ),
      ]);
    if (list.length === 0)
      return empty(acquired, [
        check.failed(
          'format.recognized',
          'ERR_MDOC_NO_DOCUMENTS',
          'unverifiable',
          'This ISO mdoc response contains no document.',
          `status ${String(get(decoded.value, 'status'))}`,
        ),
      ]);
    if (list.length > MAX_DOCUMENTS)
      return empty(acquired, [
        check.failed(
          'format.recognized',
          'ERR_MDOC_TOO_MANY',
          'unverifiable',
          `This ISO mdoc response holds ${list.length} documents; CredLens checks at most ${MAX_DOCUMENTS}.`,
        ),
      ]);
    for (const doc of list) {
      const docType = get(doc, 'docType');
      docs.push({
        ...(typeof docType === 'string' ? { docType } : {}),
        issuerSigned: get(doc, 'issuerSigned'),
        deviceSigned: get(doc, 'deviceSigned'),
      });
    }
  }
  const outcomes: DocumentOutcome[] = [];
  for (const [i, doc] of docs.entries()) {
    const who = docs.length > 1 ? `Document ${i + 1} (${docTitle(doc.docType)})` : '';
    outcomes.push(await verifyDocument(doc.docType, doc.issuerSigned, doc.deviceSigned, ctx, who));
  }
  const recognized = check.passed(
    'format.recognized',
    'OK_FORMAT_MDOC',
    root === 'IssuerSigned'
      ? 'ISO mdoc (issuer-signed data) found.'
      : `ISO mdoc response with ${docs.length} document(s) found.`,
    outcomes.map((o) => o.docType ?? '?').join(', '),
  );
  const levels = outcomes.map((o) => o.level);
  const level = levels.includes('A0') ? 'A0' : levels.includes('A1') ? 'A1' : 'A3';
  const trustHits: TrustHit[] = level === 'A3' ? outcomes.flatMap((o) => o.trustHits ?? []) : [];
  const evidence = outcomes.flatMap((o) => o.evidence).filter((e) => e);
  if (level === 'A1')
    evidence.push(
      'Integrity only: the data is intact as the certificate holder signed it, but no trusted list vouches for that certificate.',
    );
  const result: FormatResult = {
    format: { ...FORMAT, container: acquired.container },
    checks: [recognized, ...outcomes.flatMap((o) => o.checks)],
    issuer: issuerOf(outcomes),
    issuerIds: [],
    credential: summary(outcomes),
    elements: elements(outcomes),
    differences: [],
    authenticity: { level, evidence },
    qualityAssurance: { level: 'Q0', evidence: ['An identity document states no quality assurance.'] },
  };
  if (trustHits.length > 0) result.trustHits = trustHits;
  return result;
}

export const mdocFormat: FormatHandler = {
  claims(acquired: Acquired): boolean {
    return acquired.payload.type === 'cbor';
  },
  async verify(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
    try {
      return await verifyMdoc(acquired, ctx);
    } catch (error) {
      return empty(acquired, [
        check.error(
          'format.recognized',
          'ERR_INTERNAL',
          'unverifiable',
          'CredLens hit an internal error while checking this mdoc.',
          error instanceof Error ? error.message : String(error),
        ),
      ]);
    }
  },
};
