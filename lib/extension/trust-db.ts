/**
 * The extension's trust-source cache in IndexedDB (idb): one record per source state
 * (lib/trust/source-state.ts), plain JSON. Shared by the background worker and the options page
 * (same extension origin). Every call is guarded: a broken database reads as empty.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SourceState } from '../trust/source-state';

interface TrustSchema extends DBSchema {
  sources: { key: string; value: SourceState };
}

export const TRUST_DB_NAME = 'credlens-trust';

export interface TrustDb {
  all(): Promise<SourceState[]>;
  get(id: string): Promise<SourceState | undefined>;
  put(state: SourceState): Promise<void>;
  clear(): Promise<void>;
}

function isState(v: unknown): v is SourceState {
  return typeof v === 'object' && v !== null && typeof (v as SourceState).id === 'string' && Array.isArray((v as SourceState).audit);
}

/** Opens (creating on first use) the trust database. */
export function openTrustDb(name = TRUST_DB_NAME): TrustDb {
  let db: Promise<IDBPDatabase<TrustSchema>> | undefined;
  const conn = () =>
    (db ??= openDB<TrustSchema>(name, 1, {
      upgrade(d) {
        if (!d.objectStoreNames.contains('sources')) d.createObjectStore('sources', { keyPath: 'id' });
      },
    }));
  return {
    async all() {
      try {
        return (await (await conn()).getAll('sources')).filter(isState);
      } catch (e) {
        console.warn('CredLens: trust cache unreadable', e);
        return [];
      }
    },
    async get(id) {
      try {
        const v = await (await conn()).get('sources', id);
        return isState(v) ? v : undefined;
      } catch {
        return undefined;
      }
    },
    async put(state) {
      // Structured clone of plain JSON: round-trip through JSON so no class instance slips in.
      await (await conn()).put('sources', JSON.parse(JSON.stringify(state)) as SourceState);
    },
    async clear() {
      await (await conn()).clear('sources');
    },
  };
}
