/**
 * Refreshing the EU trusted lists as one cached trust source (ETSI TS 119 612 §5.3.13, TS 119 615
 * §4): fetch the List of Trusted Lists, check it against the pinned signers, fetch every national
 * list it points to, and compile them into the EuTrustIndex kept in the trust store. Slow (XML,
 * XMLDSig over several megabytes): run at refresh time, never on the verification path.
 *
 * Rules: a LOTL that cannot be trusted rejects the whole refresh (the cached index stays); a
 * national list that cannot be fetched or verified is named in the index's `problems`, so a
 * verification that needs it says which list and why.
 */
import type { ConditionalFetch } from '../refresh-fetch';
import type { RefreshOutcome } from '../source-state';
import { compileEuTrustIndex, type ListInput } from './compile';
import type { EuTrustIndex } from './types';

/** The Commission's published location of the LOTL. */
export const EU_LOTL_URL = 'https://ec.europa.eu/tools/lotl/eu-lotl.xml';

/** More lists than the EU/EEA has: a LOTL pointing at more is not followed beyond this. */
const MAX_NATIONAL_LISTS = 40;

const XML_ACCEPT = 'application/vnd.etsi.tsl+xml, application/xml;q=0.9, text/xml;q=0.8';

/**
 * Fetches and compiles the LOTL at `url` and the national lists it announces. Unconditional: the
 * LOTL rarely changes while national lists change weekly, so an unchanged LOTL says nothing about them.
 */
export async function refreshEuLists(
  url: string,
  fetch: ConditionalFetch,
  now: Date,
  pinnedLotlSigners: readonly string[],
  ttlMs: number,
): Promise<RefreshOutcome<EuTrustIndex>> {
  const res = await fetch(url, undefined, XML_ACCEPT);
  if (!res.ok) return { kind: 'failed', reason: res.reason };
  if (res.notModified) return { kind: 'failed', reason: `${url} answered "not modified" to an unconditional request` };
  const fetchedAt = now.toISOString();
  const lotl: ListInput = { xml: new TextDecoder().decode(res.bytes), source: res.finalUrl, fetchedAt };
  // First the LOTL alone: its signature decides whether any pointer may be followed.
  const head = await compileEuTrustIndex({ lotl, lists: [], pinnedLotlSigners, now });
  if (head.lotl === undefined) {
    return { kind: 'rejected', reason: head.problems.map((p) => p.reason).join('; ') || 'the List of Trusted Lists cannot be used' };
  }
  const lists: ListInput[] = [];
  const unreachable: { country: string; source: string; reason: string }[] = [];
  for (const pointer of head.pointers.slice(0, MAX_NATIONAL_LISTS)) {
    const r = await fetch(pointer.location, undefined, XML_ACCEPT);
    if (r.ok && !r.notModified) lists.push({ xml: new TextDecoder().decode(r.bytes), source: r.finalUrl, fetchedAt });
    else unreachable.push({ country: pointer.country, source: pointer.location, reason: r.ok ? `${pointer.location} answered without a body` : `the ${pointer.country} trusted list could not be fetched: ${r.reason}` });
  }
  const index = await compileEuTrustIndex({ lotl, lists, pinnedLotlSigners, now });
  index.problems.push(...unreachable);
  const outcome: RefreshOutcome<EuTrustIndex> = {
    kind: 'updated',
    data: index,
    version: `LOTL ${index.lotl?.sequence ?? '?'}`,
    signature: {
      status: 'verified',
      detail: `List of Trusted Lists signed by ${index.lotl?.signer ?? '?'} (a pinned signer); ${index.lists.length} of ${head.pointers.length} national lists verified against the certificates it announces${index.problems.length > 0 ? `; not usable: ${index.problems.map((p) => p.country).join(', ')}` : ''}.`,
    },
  };
  // National lists change often: refresh after `ttlMs`, or sooner when the LOTL's NextUpdate is due.
  // Each national list's own NextUpdate is checked at look-up (an overdue list is not relied on).
  const due = Math.min(now.getTime() + ttlMs, Date.parse(index.lotl?.nextUpdate ?? '') || Infinity);
  outcome.expiresAt = new Date(due).toISOString();
  return outcome;
}
