/**
 * A cache of resolved DID / controller documents that the caller owns: plain data (it can live in
 * IndexedDB or a test), with a max-age and an entry cap. No module-level state (the MV3 worker stops).
 */

/** One cached document. */
export interface DidCacheEntry {
  document: Record<string, unknown>;
  /** The URL the document was fetched from (did:web / https), for the report. */
  source?: string;
  /** Epoch milliseconds when it was stored. */
  storedAt: number;
}

/** The cache: plain JSON data plus its knobs. */
export interface DidCache {
  /** Entries older than this are ignored (ms). */
  maxAgeMs: number;
  /** SECURITY: cap on entries, so a hostile run of credentials cannot grow it without bound. */
  maxEntries: number;
  entries: Record<string, DidCacheEntry>;
}

/** Creates an empty cache (default max-age 1 hour, 200 entries). */
export function createDidCache(opts: { maxAgeMs?: number; maxEntries?: number } = {}): DidCache {
  return { maxAgeMs: opts.maxAgeMs ?? 3_600_000, maxEntries: opts.maxEntries ?? 200, entries: {} };
}

/** A fresh entry for `key`, or undefined. */
export function cacheGet(cache: DidCache | undefined, key: string, now: number): DidCacheEntry | undefined {
  const entry = cache?.entries[key];
  if (!entry || !cache) return undefined;
  return now - entry.storedAt <= cache.maxAgeMs && now >= entry.storedAt - cache.maxAgeMs ? entry : undefined;
}

/** Stores an entry, evicting the oldest when full. */
export function cachePut(cache: DidCache | undefined, key: string, entry: DidCacheEntry): void {
  if (!cache) return;
  const keys = Object.keys(cache.entries);
  if (keys.length >= cache.maxEntries && !(key in cache.entries)) {
    const oldest = keys.reduce((a, b) =>
      (cache.entries[a]?.storedAt ?? 0) <= (cache.entries[b]?.storedAt ?? 0) ? a : b,
    );
    delete cache.entries[oldest];
  }
  cache.entries[key] = entry;
}
