/**
 * Settings kept in `storage.local`: the organisation's own allow/deny list of issuers
 * (`{"allow":[{"id","name"}],"deny":[...]}`), written by the options page or an admin.
 */
import { parseOrgList } from '../trust/org-list';
import type { TrustSource } from '../trust/source';
import type { StorageAreaLike } from './storage-area';

/** storage.local key of the organisation's allow/deny list. */
export const ORG_TRUST_LIST_KEY = 'orgTrustList';

export interface LoadedTrustSources {
  sources: TrustSource[];
  /** Why the stored list was not usable (shown in logs / options), when it was not. */
  error?: string;
}

/** Reads the organisation's list from storage and parses it into trust sources. */
export async function loadTrustSources(local: StorageAreaLike): Promise<LoadedTrustSources> {
  const raw = (await local.get(ORG_TRUST_LIST_KEY))[ORG_TRUST_LIST_KEY];
  if (raw === undefined) return { sources: [] };
  const parsed = parseOrgList(raw, { id: 'org-list', label: "Your organisation's list" });
  return parsed.ok ? { sources: [parsed.source] } : { sources: [], error: parsed.error };
}
