/**
 * DEQAR (Database of External Quality Assurance Results, EQAR): a compact index of
 * higher-education institutions and their external QA reports, built from DEQAR Web API v2 shapes
 * (`/browse/institutions/…` detail, `/browse/reports/…` lists; see the EQAR docs) by
 * scripts/deqar-snapshot.mjs, bundled, and refreshed from a snapshot URL when one is configured.
 * A report covers a date inside valid_from…valid_to (valid_to null → valid_from + 6 years, as
 * DEQAR's `valid_to_calculated`).
 */
import { isObject, parseJsonBounded, str } from '../trust/json-guard';

export const DEQAR_SNAPSHOT_FORMAT = 'credlens-deqar-snapshot/1';

export interface DeqarReport {
  id: number;
  agency: string;
  activity?: string;
  validFrom: string;
  validTo?: string;
  decision: string;
  status: string;
  flag: string;
}

export interface DeqarInstitution {
  id: number;
  deqarId: string;
  name: string;
  website?: string;
  country?: string;
  /** Identifier resource → values (DID-EBSI, SCHAC, Erasmus, EU-PIC, …). */
  identifiers: { resource: string; value: string }[];
  qfEhea: string[];
  reports: DeqarReport[];
}

export interface DeqarIndex {
  format: typeof DEQAR_SNAPSHOT_FORMAT;
  generatedAt: string;
  source: string;
  institutions: DeqarInstitution[];
}

const MAX_INSTITUTIONS = 20_000;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}

function date(v: unknown): string | undefined {
  const s = str(v, 40);
  return s !== undefined && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
}

function readReport(r: unknown): DeqarReport | undefined {
  if (!isObject(r)) return undefined;
  const id = num(r['id']);
  const validFrom = date(r['validFrom'] ?? r['valid_from']);
  if (id === undefined || validFrom === undefined) return undefined;
  const out: DeqarReport = {
    id,
    agency: str(r['agency'] ?? r['agency_acronym'], 200) ?? 'unknown agency',
    validFrom,
    decision: str(r['decision'], 100) ?? 'not applicable',
    status: str(r['status'], 100) ?? 'unknown',
    flag: str(r['flag'], 50) ?? 'none',
  };
  const validTo = date(r['validTo'] ?? r['valid_to']);
  const activity = str(r['activity'] ?? r['agency_esg_activity_type'], 100);
  if (validTo !== undefined) out.validTo = validTo;
  if (activity !== undefined) out.activity = activity;
  return out;
}

function readInstitution(i: unknown): DeqarInstitution | undefined {
  if (!isObject(i)) return undefined;
  const id = num(i['id']);
  const name = str(i['name'], 300);
  const deqarId = str(i['deqarId'], 40);
  if (id === undefined || name === undefined || deqarId === undefined) return undefined;
  const inst: DeqarInstitution = {
    id,
    deqarId,
    name,
    identifiers: (Array.isArray(i['identifiers']) ? i['identifiers'] : [])
      .slice(0, 50)
      .flatMap((x) => (isObject(x) && str(x['resource'], 50) && str(x['value']) ? [{ resource: String(x['resource']), value: String(x['value']).trim() }] : [])),
    qfEhea: (Array.isArray(i['qfEhea']) ? i['qfEhea'] : []).filter((q): q is string => typeof q === 'string' && q.length < 50).slice(0, 8),
    reports: (Array.isArray(i['reports']) ? i['reports'] : []).slice(0, 500).flatMap((r) => {
      const rep = readReport(r);
      return rep ? [rep] : [];
    }),
  };
  const website = str(i['website']);
  const country = str(i['country'], 3);
  if (website !== undefined) inst.website = website;
  if (country !== undefined) inst.country = country;
  return inst;
}

/** Validates a snapshot from untrusted bytes/JSON (bundled or refreshed). Never throws. */
export function parseDeqarSnapshot(input: unknown): { ok: true; index: DeqarIndex } | { ok: false; error: string } {
  const parsed = input instanceof Uint8Array || typeof input === 'string' ? parseJsonBounded(input, 16 * 1024 * 1024) : { ok: true as const, value: input };
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isObject(doc) || doc['format'] !== DEQAR_SNAPSHOT_FORMAT) return { ok: false, error: `not a ${DEQAR_SNAPSHOT_FORMAT} document` };
  const generatedAt = str(doc['generatedAt'], 40);
  if (generatedAt === undefined || Number.isNaN(Date.parse(generatedAt))) return { ok: false, error: 'no generatedAt date' };
  if (!Array.isArray(doc['institutions']) || doc['institutions'].length > MAX_INSTITUTIONS) return { ok: false, error: 'institutions missing or too many' };
  const institutions = doc['institutions'].flatMap((i) => {
    const inst = readInstitution(i);
    return inst ? [inst] : [];
  });
  return { ok: true, index: { format: DEQAR_SNAPSHOT_FORMAT, generatedAt, source: str(doc['source'], 500) ?? 'DEQAR', institutions } };
}

/** Host without a leading "www.", lower-case. */
export function bareHost(urlOrHost: string): string | undefined {
  try {
    const host = urlOrHost.includes('://') ? new URL(urlOrHost).hostname : urlOrHost;
    return host.toLowerCase().replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Finds institutions by proven DIDs (DEQAR `DID-EBSI` identifiers) or by proven web hosts (website_link). */
export function findDeqarInstitutions(index: DeqarIndex, key: { dids: readonly string[]; hosts: readonly string[] }): { institution: DeqarInstitution; matchedBy: string }[] {
  const out: { institution: DeqarInstitution; matchedBy: string }[] = [];
  const hosts = new Set(key.hosts.map((h) => bareHost(h)).filter((h): h is string => h !== undefined));
  for (const inst of index.institutions) {
    const did = inst.identifiers.find((x) => x.resource.startsWith('DID') && key.dids.includes(x.value));
    if (did) {
      out.push({ institution: inst, matchedBy: `its DID ${did.value}` });
      continue;
    }
    const site = inst.website === undefined ? undefined : bareHost(inst.website);
    if (site !== undefined && hosts.has(site)) out.push({ institution: inst, matchedBy: `its web domain ${site}` });
  }
  return out;
}

/** Last day a report covers: valid_to, else valid_from + 6 years (DEQAR valid_to_calculated). */
export function reportValidTo(r: DeqarReport): string {
  if (r.validTo !== undefined) return r.validTo;
  const d = new Date(`${r.validFrom}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 6);
  return d.toISOString().slice(0, 10);
}

/**
 * Reports that vouch for the institution on `day` (YYYY-MM-DD): inside the validity window, a
 * decision that is not negative, and no high-level flag (EQAR flags serious concerns).
 */
export function coveringReports(inst: DeqarInstitution, day: string): DeqarReport[] {
  return inst.reports.filter(
    (r) => r.validFrom <= day && day <= reportValidTo(r) && !/negative/i.test(r.decision) && !/high/i.test(r.flag),
  );
}
