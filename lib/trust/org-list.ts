/**
 * The organisation's own allow/deny list of issuers:
 * `{"allow": [{"id": "<issuer URL or DID>", "name": "…"}], "deny": [{"id": "…", "name": "…"}]}`.
 */
import type { TrustHit } from '../model/report';
import { normaliseIssuerId, type TrustSource } from './source';

export interface OrgListEntry {
  id: string;
  name?: string;
}

export type ParseOrgListResult = { ok: true; source: TrustSource } | { ok: false; error: string };

/** SECURITY: bounds on a list file; a huge or deeply odd file must not stall the worker. */
const MAX_ENTRIES = 10_000;
const MAX_ID_LENGTH = 2_048;

function readEntries(value: unknown, key: 'allow' | 'deny'): OrgListEntry[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return `"${key}" must be an array of {"id", "name"} objects`;
  if (value.length > MAX_ENTRIES) return `"${key}" has more than ${MAX_ENTRIES} entries`;
  const entries: OrgListEntry[] = [];
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'object' || item === null) return `"${key}[${index}]" is not an object`;
    const { id, name } = item as { id?: unknown; name?: unknown };
    if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_ID_LENGTH) {
      return `"${key}[${index}].id" must be a non-empty issuer URL or DID`;
    }
    if (name !== undefined && typeof name !== 'string') return `"${key}[${index}].name" must be a string`;
    entries.push(name === undefined ? { id } : { id, name });
  }
  return entries;
}

/** Parses an allow/deny list document into a trust source; never throws. */
export function parseOrgList(json: unknown, meta: { id: string; label: string }): ParseOrgListResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: 'a trust list must be a JSON object with "allow" and/or "deny" arrays' };
  }
  const doc = json as { allow?: unknown; deny?: unknown };
  if (doc.allow === undefined && doc.deny === undefined) {
    return { ok: false, error: 'a trust list needs an "allow" or a "deny" array' };
  }
  const allow = readEntries(doc.allow, 'allow');
  if (typeof allow === 'string') return { ok: false, error: allow };
  const deny = readEntries(doc.deny, 'deny');
  if (typeof deny === 'string') return { ok: false, error: deny };
  return { ok: true, source: createOrgListSource(allow, deny, meta) };
}

/** Builds a trust source from already-validated entries. */
export function createOrgListSource(
  allow: readonly OrgListEntry[],
  deny: readonly OrgListEntry[],
  meta: { id: string; label: string },
): TrustSource {
  const index = new Map<string, { list: 'allow' | 'deny'; entry: OrgListEntry }[]>();
  const add = (list: 'allow' | 'deny', entry: OrgListEntry): void => {
    const key = normaliseIssuerId(entry.id);
    index.set(key, [...(index.get(key) ?? []), { list, entry }]);
  };
  allow.forEach((entry) => add('allow', entry));
  deny.forEach((entry) => add('deny', entry));
  return {
    id: meta.id,
    label: meta.label,
    lookup(ids) {
      const hits: TrustHit[] = [];
      for (const id of new Set(ids.map(normaliseIssuerId))) {
        for (const { list, entry } of index.get(id) ?? []) {
          hits.push({
            sourceId: meta.id,
            sourceLabel: meta.label,
            list,
            entryId: entry.id,
            ...(entry.name === undefined ? {} : { entryName: entry.name }),
          });
        }
      }
      return hits;
    },
  };
}
