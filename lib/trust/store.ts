/** The trust store: asks every configured source about an issuer. */
import type { TrustLookup, TrustStore } from '../model/env';
import type { TrustDataVersion, TrustHit } from '../model/report';
import type { QaRegisters } from '../qa/registers';
import type { CertificateQuery, CertificateTrustAnswer } from './eu/types';
import type { TrustSource } from './source';

function mergeCertificateAnswers(sources: readonly TrustSource[], query: CertificateQuery): CertificateTrustAnswer {
  const out: CertificateTrustAnswer = { services: [], lists: [], unavailable: [], consulted: [] };
  for (const source of sources) {
    const a = source.lookupCertificate?.(query);
    if (!a) continue;
    out.services.push(...a.services);
    out.lists.push(...a.lists);
    out.unavailable.push(...a.unavailable);
    out.consulted.push(...a.consulted);
  }
  return out;
}

export interface TrustStoreOptions {
  /** Quality-assurance registers handed to lib/qa (DEQAR snapshot, accreditation records). */
  qa?: QaRegisters;
  /** Extra data versions to cite (e.g. the DEQAR snapshot), besides the sources'. */
  versions?: TrustDataVersion[];
}

/** Creates a trust store over the given sources (own lists, policy, registries, EBSI TIR, EU lists). */
export function createTrustStore(allSources: readonly TrustSource[], opts: TrustStoreOptions = {}): TrustStore {
  const sources = allSources.filter((s) => s.qaRegisters === undefined);
  const qaSources = allSources.filter((s) => s.qaRegisters !== undefined);
  const qa = opts.qa ?? qaSources.reduce<QaRegisters | undefined>((acc, s) => ({ ...acc, ...s.qaRegisters }), undefined);
  const certSources = sources.filter((s) => s.lookupCertificate !== undefined);
  return {
    ...(certSources.length === 0 ? {} : { lookupCertificate: async (query) => mergeCertificateAnswers(certSources, query) }),
    async lookupIssuer(ids, ctx): Promise<TrustLookup> {
      const usable = ids.filter((id) => typeof id === 'string' && id.length > 0);
      const hits: TrustHit[] = [];
      const notes: string[] = [];
      for (const source of sources) {
        for (const hit of source.lookup(usable)) hits.push(source.stale ? { ...hit, stale: true } : hit);
        if (source.lookupOnline !== undefined && ctx !== undefined) {
          try {
            const online = await source.lookupOnline(usable, ctx);
            hits.push(...online.hits);
            notes.push(...online.notes);
          } catch (e) {
            // SECURITY: an online source failing must not look like "not listed" silently.
            notes.push(`${source.label} could not be consulted (${e instanceof Error ? e.message : String(e)})`);
          }
        }
      }
      for (const s of sources) if (s.stale) notes.push(`${s.label} is out of date (could not be refreshed); it was used as last loaded.`);
      const out: TrustLookup = { hits, consulted: sources.map((source) => source.label) };
      if (notes.length > 0) out.notes = notes;
      return out;
    },
    versions(): TrustDataVersion[] {
      const own = allSources.map((s) => {
        const v: TrustDataVersion = { sourceId: s.id, label: s.label };
        if (s.version !== undefined) v.version = s.version;
        if (s.fetchedAt !== undefined) v.fetchedAt = s.fetchedAt;
        if (s.stale) v.stale = true;
        return v;
      });
      return [...own, ...(opts.versions ?? [])];
    },
    ...(qa === undefined ? {} : { qaRegisters: () => qa }),
  };
}
