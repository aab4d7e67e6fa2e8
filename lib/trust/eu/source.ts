/**
 * The EU trusted lists as a trust source: certificate look-ups against the compiled index
 * (ETSI TS 119 615 §4.1: a CA/QC service matches a certificate path by its certificate or its
 * subject key identifier). Fast: only map look-ups, no XML.
 */
import type { TrustSource } from '../source';
import type { CertificateQuery, CertificateTrustAnswer, EuTrustIndex, TlListInfo, TlService } from './types';

/** Member states' own codes on the LOTL where they differ from ISO 3166 (Greece). */
const LIST_CODE: Readonly<Record<string, string>> = { GR: 'EL' };

function addTo(map: Map<string, TlService[]>, key: string, s: TlService): void {
  const list = map.get(key);
  if (list) list.push(s);
  else map.set(key, [s]);
}

/** Plain-language label of one list, e.g. "ES trusted list (sequence 184, issued 2026-03-26)". */
export function listLabel(l: TlListInfo): string {
  return `${l.kind === 'lotl' ? 'EU List of Trusted Lists' : `${l.country} trusted list`} (sequence ${l.sequence}, issued ${l.issued.slice(0, 10)})`;
}

/** Creates the trust source over a compiled index; `now` decides whether a list has expired. */
export function createEuTrustSource(index: EuTrustIndex, now: () => Date): TrustSource {
  const byCert = new Map<string, TlService[]>();
  const byKey = new Map<string, TlService[]>();
  for (const s of index.services) {
    s.certSha256.forEach((h) => addTo(byCert, h, s));
    s.skis.forEach((k) => addTo(byKey, k, s));
  }
  const lists = new Map(index.lists.map((l) => [l.country, l]));
  const label = `EU trusted lists (${index.lists.map((l) => l.country).join(', ') || 'none loaded'})`;
  return {
    id: 'eu-trusted-lists',
    label,
    lookup: () => [],
    lookupCertificate(query: CertificateQuery): CertificateTrustAnswer {
      const found = new Map<string, TlService>();
      for (const h of query.sha256) for (const s of byCert.get(h) ?? []) found.set(s.id, s);
      for (const k of query.keyIds) for (const s of byKey.get(k) ?? []) found.set(s.id, s);
      const answer: CertificateTrustAnswer = { services: [], lists: [], unavailable: [], consulted: [label] };
      const at = now().toISOString();
      for (const s of found.values()) {
        const list = lists.get(s.country);
        if (!list) continue;
        if (list.nextUpdate && list.nextUpdate < at) {
          if (!answer.unavailable.some((u) => u.country === s.country))
            answer.unavailable.push({
              country: s.country,
              reason: `the ${s.country} trusted list expired on ${list.nextUpdate.slice(0, 10)} (next update was due); load a fresh copy`,
            });
          continue;
        }
        answer.services.push(s);
        if (!answer.lists.includes(list)) answer.lists.push(list);
      }
      const wanted = query.country ? (LIST_CODE[query.country] ?? query.country) : undefined;
      if (wanted && answer.services.length === 0 && !lists.has(wanted)) {
        const problem = index.problems.find((p) => p.country === wanted);
        const announced = index.pointers.some((p) => p.country === wanted);
        answer.unavailable.push({
          country: wanted,
          reason:
            problem?.reason ??
            (announced
              ? `the ${wanted} trusted list has not been loaded`
              : index.lotl
                ? `the EU List of Trusted Lists names no ${wanted} list`
                : `no EU List of Trusted Lists is loaded, so the ${wanted} list cannot be used`),
        });
      }
      return answer;
    },
  };
}
