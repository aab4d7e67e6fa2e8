/**
 * Accreditation records as the Europass QDR serves them to EDC verification
 * (`…/eportfolio/api/learning-opportunities/accreditations/{uri}`; shape of the EDC repository's
 * ServiceSampleAccreditation.json) and ELM v3 `Accreditation` objects. The EDC "accredited"
 * rule (QMSAccreditationsService): the issuing date lies within issued…expiry, and the accredited
 * organisation is the awarding body.
 */
import { isObject, str } from '../trust/json-guard';

export interface AccreditationRecord {
  id: string;
  /** Other ids the record is known by (DEQAR report permalinks, …). */
  aliases: string[];
  type?: string;
  title?: string;
  /** Identifiers of the accredited organisation (DEQAR permalink, ETER, DID, homepage URL). */
  organisation: string[];
  organisationName?: string;
  agent?: string;
  issued?: string;
  expires?: string;
  eqfLevels: number[];
  withdrawn: boolean;
}

function isoDate(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString();
  const s = str(v, 40);
  return s !== undefined && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : undefined;
}

function values(list: unknown, key: string): string[] {
  return (Array.isArray(list) ? list : []).slice(0, 50).flatMap((x) => {
    const v = isObject(x) ? str(x[key]) : undefined;
    return v === undefined ? [] : [v];
  });
}

function firstLabel(list: unknown): string | undefined {
  return values(list, 'value')[0];
}

/** Reads a QDR (QMS JSON) or ELM v3 compact `Accreditation` record from untrusted JSON. */
export function parseAccreditation(doc: unknown): AccreditationRecord | undefined {
  if (!isObject(doc)) return undefined;
  const id = str(doc['id']);
  if (id === undefined) return undefined;
  const org = isObject(doc['accreditedOrganization']) ? doc['accreditedOrganization'] : isObject(doc['organisation']) ? doc['organisation'] : {};
  const agent = isObject(doc['accreditingAgent']) ? doc['accreditingAgent'] : {};
  const rec: AccreditationRecord = {
    id,
    aliases: values(doc['identifiers'], 'value'),
    organisation: [
      ...(str(org['registration']) ? [String(org['registration'])] : []),
      ...(str(org['id']) ? [String(org['id'])] : []),
      ...values(org['identifiers'], 'value'),
      ...values(org['homepages'], 'url'),
    ],
    eqfLevels: (Array.isArray(doc['limitEQFLevels'] ?? doc['limitEQFLevel']) ? ((doc['limitEQFLevels'] ?? doc['limitEQFLevel']) as unknown[]) : [])
      .map((v) => /([1-8])\s*$/.exec(typeof v === 'string' ? v : isObject(v) ? String(v['id'] ?? v['uri'] ?? '') : '')?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number),
    withdrawn: JSON.stringify(doc['status'] ?? '').toLowerCase().includes('withdrawn'),
  };
  const type = str(doc['type']);
  const title = firstLabel(doc['titles']) ?? str(doc['title']);
  const orgName = firstLabel(org['prefLabels']) ?? str(org['legalName']);
  const agentName = firstLabel(agent['prefLabels']) ?? str(agent['legalName']);
  const issued = isoDate(doc['issuedDate'] ?? doc['dateIssued']);
  const expires = isoDate(doc['expiryDate']);
  if (type !== undefined) rec.type = type;
  if (title !== undefined) rec.title = title;
  if (orgName !== undefined) rec.organisationName = orgName;
  if (agentName !== undefined) rec.agent = agentName;
  if (issued !== undefined) rec.issued = issued;
  if (expires !== undefined) rec.expires = expires;
  return rec;
}

/** True when the record is in force at `at` (ISO). */
export function accreditationCovers(rec: AccreditationRecord, at: string): boolean {
  if (rec.withdrawn) return false;
  if (rec.issued !== undefined && at < rec.issued) return false;
  if (rec.expires !== undefined && at > rec.expires) return false;
  return true;
}
