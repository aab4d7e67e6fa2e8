/**
 * Reads a trusted list or the List of Trusted Lists (ETSI TS 119 612 §5.3 scheme information,
 * §5.3.13 pointers to other lists, §5.4–5.6 TSPs, services and service history) from a parsed
 * XML document into plain data. Signature checking is separate (tl-signature.ts).
 */
import type { Element } from '@xmldom/xmldom';
import type { TlPointer, TlStatusPeriod } from './types';
import { children, englishName, path, paths, text, uriSuffix } from './xml';

/** SECURITY: bounds on list contents (the largest EU list has a few thousand services). */
const MAX_TSPS = 2_000;
const MAX_SERVICES = 20_000;
const TSL_MIME = 'application/vnd.etsi.tsl+xml';

/** A service as read from XML, before certificate digests are computed. */
export interface RawService {
  tspName: string;
  name: string;
  history: TlStatusPeriod[];
  certs: string[];
  skis: string[];
  subjects: string[];
}

/** The parts of a list CredLens uses. */
export interface ParsedList {
  territory: string;
  isLotl: boolean;
  sequence: number;
  issued: string;
  nextUpdate?: string;
  pointers: TlPointer[];
  services: RawService[];
}

function digitalIds(info: Element | undefined): Pick<RawService, 'certs' | 'skis' | 'subjects'> {
  const ids = paths(info, 'ServiceDigitalIdentity', 'DigitalId');
  const pick = (name: string): string[] =>
    ids
      .flatMap((d) => children(d, name))
      .map((e) => (text(e) ?? '').replace(/\s+/g, ''))
      .filter((v) => v !== '');
  return {
    certs: pick('X509Certificate'),
    skis: pick('X509SKI'),
    subjects: ids.flatMap((d) => children(d, 'X509SubjectName')).map((e) => text(e) ?? ''),
  };
}

function period(info: Element): TlStatusPeriod {
  const exts = paths(info, 'ServiceInformationExtensions', 'Extension');
  const additional = exts
    .flatMap((e) => children(e, 'AdditionalServiceInformation'))
    .map((a) => uriSuffix(text(path(a, 'URI'))));
  const qualifiers = exts
    .flatMap((e) => paths(e, 'Qualifications', 'QualificationElement'))
    .map((q) => ({
      uris: paths(q, 'Qualifiers', 'Qualifier').map((x) => uriSuffix(x.getAttribute('uri') ?? '')),
      // Policy criteria (TS 119 612 §5.5.9.2.2); nested CriteriaList and KeyUsage criteria are not evaluated.
      policies: paths(q, 'CriteriaList', 'PolicySet', 'PolicyIdentifier', 'Identifier').map((x) =>
        (text(x) ?? '').replace(/^urn:oid:/, ''),
      ),
    }));
  return {
    status: uriSuffix(text(path(info, 'ServiceStatus'))),
    from: text(path(info, 'StatusStartingTime')) ?? '',
    type: text(path(info, 'ServiceTypeIdentifier')) ?? '',
    additional,
    qualifiers,
  };
}

function readServices(root: Element): RawService[] {
  const out: RawService[] = [];
  for (const tsp of paths(root, 'TrustServiceProviderList', 'TrustServiceProvider').slice(0, MAX_TSPS)) {
    const tspName = englishName(path(tsp, 'TSPInformation', 'TSPName')) ?? '(unnamed provider)';
    for (const svc of paths(tsp, 'TSPServices', 'TSPService')) {
      if (out.length >= MAX_SERVICES) return out;
      const info = path(svc, 'ServiceInformation');
      if (!info) continue;
      const history = [period(info), ...paths(svc, 'ServiceHistory', 'ServiceHistoryInstance').map(period)];
      history.sort((a, b) => b.from.localeCompare(a.from));
      out.push({
        tspName,
        name: englishName(path(info, 'ServiceName')) ?? '(unnamed service)',
        history,
        ...digitalIds(info),
      });
    }
  }
  return out;
}

function readPointers(info: Element | undefined): TlPointer[] {
  return paths(info, 'PointersToOtherTSL', 'OtherTSLPointer').flatMap((p) => {
    const other = paths(p, 'AdditionalInformation', 'OtherInformation');
    const mime = other.map((o) => text(path(o, 'MimeType'))).find((m) => m !== undefined);
    const country = other.map((o) => text(path(o, 'SchemeTerritory'))).find((m) => m !== undefined);
    const location = text(path(p, 'TSLLocation'));
    if (mime !== TSL_MIME || !country || !location) return [];
    const signers = paths(
      p,
      'ServiceDigitalIdentities',
      'ServiceDigitalIdentity',
      'DigitalId',
      'X509Certificate',
    ).map((e) => (text(e) ?? '').replace(/\s+/g, ''));
    return [{ country, location, signers }];
  });
}

/** Reads a TrustServiceStatusList element; a reason string when it is not one. */
export function readList(root: Element): ParsedList | string {
  if (root.localName !== 'TrustServiceStatusList')
    return `the root element is ${root.localName}, not TrustServiceStatusList`;
  const info = path(root, 'SchemeInformation');
  const territory = text(path(info, 'SchemeTerritory'));
  const sequence = Number(text(path(info, 'TSLSequenceNumber')));
  const issued = text(path(info, 'ListIssueDateTime'));
  if (!territory || !Number.isFinite(sequence) || !issued)
    return 'the scheme information lacks territory, sequence number or issue date';
  const type = text(path(info, 'TSLType')) ?? '';
  const list: ParsedList = {
    territory,
    isLotl: /EUlistofthelists$/i.test(type),
    sequence,
    issued,
    pointers: readPointers(info),
    services: readServices(root),
  };
  const next = text(path(info, 'NextUpdate', 'dateTime'));
  if (next) list.nextUpdate = next;
  return list;
}
