/** The trust store: asks every configured source about an issuer. */
import type { TrustStore } from '../model/env';
import type { TrustSource } from './source';

/** Creates a trust store over the given sources (later sources: EU lists, EBSI, registries). */
export function createTrustStore(sources: readonly TrustSource[]): TrustStore {
  return {
    async lookupIssuer(ids) {
      const usable = ids.filter((id) => typeof id === 'string' && id.length > 0);
      return {
        hits: sources.flatMap((source) => source.lookup(usable)),
        consulted: sources.map((source) => source.label),
      };
    },
  };
}
