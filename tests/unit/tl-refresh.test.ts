/**
 * The EU trusted lists as a cached, refreshable trust source (the extension's path): the LOTL is
 * fetched from its published address and checked against the pinned signers, every national list
 * it points to is fetched and checked against the certificates the LOTL announces for it, and the
 * compiled index becomes a trust source. Served from ../shared/vectors in place: the LOTL and the
 * national lists the vectors hold (CY, DK, ES, IE, IS); every other country's address fails, as
 * it would offline. A tampered or unreachable LOTL never replaces the good cached index.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../lib/model/report';
import { buildTrustSources, refreshSource, SOURCE_CATALOG } from '../../lib/trust/catalog';
import { compileEuTrustIndex } from '../../lib/trust/eu/compile';
import { EU_LOTL_URL } from '../../lib/trust/eu/refresh';
import type { EuTrustIndex } from '../../lib/trust/eu/types';
import type { ConditionalFetch } from '../../lib/trust/refresh-fetch';
import type { SourceState } from '../../lib/trust/source-state';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { PINNED, vector } from './edc-helpers';

const IN_VECTORS = ['CY', 'DK', 'ES', 'IE', 'IS'];
const REFRESHED_AT = new Date('2026-11-01T00:00:00Z');
const SEALING_WEEK = new Date('2023-10-01T00:00:00Z');
const EDC = 'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)/Sample-MC-Annex1-signed.jsonld';
const DEF = SOURCE_CATALOG.find((d) => d.id === 'eu-lotl');

let locations: Map<string, string>;
let lotlXml: string;
beforeAll(async () => {
  lotlXml = vector('eu-trusted-lists/eu-lotl.xml');
  const head = await compileEuTrustIndex({ lotl: { xml: lotlXml, source: 'lotl', fetchedAt: '' }, lists: [], pinnedLotlSigners: PINNED, now: REFRESHED_AT });
  locations = new Map(head.pointers.map((p) => [p.location, p.country]));
}, 60_000);

/** Serves the LOTL (or `lotl`) at its address and the vectors' national lists at theirs. */
function web(lotl = () => lotlXml): { fetch: ConditionalFetch; asked: string[] } {
  const asked: string[] = [];
  const fetch: ConditionalFetch = async (url) => {
    asked.push(url);
    const country = locations.get(url);
    const xml = url === EU_LOTL_URL ? lotl() : country && IN_VECTORS.includes(country) ? vector(`eu-trusted-lists/${country}/TSL_${country}.xml`) : undefined;
    if (xml === undefined) return { ok: false, reason: `${url} could not be fetched (ERR_NET_UNREACHABLE: offline test)` };
    return { ok: true, notModified: false, bytes: new TextEncoder().encode(xml), finalUrl: url };
  };
  return { fetch, asked };
}

describe('EU trusted lists as a refreshable source', () => {
  let good: SourceState;
  beforeAll(async () => {
    if (!DEF) throw new Error('eu-lotl is missing from SOURCE_CATALOG');
    good = await refreshSource(DEF, undefined, web().fetch, REFRESHED_AT);
  }, 120_000);

  it('fetches the LOTL and every list it announces; verifies them; names the ones it could not get', () => {
    const index = good.data as EuTrustIndex;
    expect(good.signature.status).toBe('verified');
    expect(good.signature.detail).toContain('pinned signer');
    expect(index.lotl?.signerAuthority).toBe('pinned');
    expect(index.lists.map((l) => l.country).sort()).toEqual(IN_VECTORS);
    expect(index.pointers.length).toBeGreaterThan(25);
    expect(index.problems.find((p) => p.country === 'DE')?.reason).toContain('could not be fetched');
    expect(good.version).toMatch(/^LOTL \d+$/);
    // Refreshed daily at the latest: national lists change more often than the LOTL.
    expect(Date.parse(good.expiresAt ?? '')).toBeLessThanOrEqual(REFRESHED_AT.getTime() + 24 * 3_600_000);
  });

  it('becomes a trust source that decides an EDC seal (A3 with the ES list, verified)', async () => {
    const { sources } = buildTrustSources([good], { now: SEALING_WEEK, enabled: () => true, online: false });
    const eu = sources.find((s) => s.id === 'eu-trusted-lists');
    expect(eu?.version).toBe(good.version);
    const r: VerificationReport = await verifyCredential(
      { kind: 'bytes', bytes: new TextEncoder().encode(vector(EDC)), name: 'edc.json' },
      { fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }), now: () => SEALING_WEEK, trust: createTrustStore(sources) },
    );
    expect(r.authenticity.level).toBe('A3');
    expect(r.verdict).toBe('verified');
  });

  it('switched off, the source is not used', () => {
    const { sources } = buildTrustSources([good], { now: SEALING_WEEK, enabled: (id) => id !== 'eu-lotl', online: false });
    expect(sources.some((s) => s.id === 'eu-trusted-lists')).toBe(false);
  });

  it('a tampered LOTL is rejected and the good index stays', async () => {
    if (!DEF) return;
    // The sequence number changed inside the signed LOTL.
    const tampered = lotlXml.replace(/<TSLSequenceNumber>(\d+)</, (_m, n: string) => `<TSLSequenceNumber>${Number(n) + 1}<`);
    expect(tampered).not.toBe(lotlXml);
    const { fetch, asked } = web(() => tampered);
    const next = await refreshSource(DEF, good, fetch, new Date(REFRESHED_AT.getTime() + 86_400_000));
    expect(next.data).toBe(good.data);
    expect(next.version).toBe(good.version);
    expect(next.lastError).toMatch(/cannot be trusted/);
    expect(next.audit.at(-1)?.event).toBe('rejected');
    expect(asked).toEqual([EU_LOTL_URL]); // no pointer of an untrusted LOTL is followed
  }, 60_000);

  it('an unreachable LOTL is a failed refresh; the cached index is used and labelled stale when overdue', async () => {
    if (!DEF) return;
    const offline: ConditionalFetch = async (url) => ({ ok: false, reason: `${url} could not be fetched (offline)` });
    const later = new Date(REFRESHED_AT.getTime() + 3 * 86_400_000);
    const next = await refreshSource(DEF, good, offline, later);
    expect(next.data).toBe(good.data);
    expect(next.audit.at(-1)?.event).toBe('refresh-failed');
    const { sources } = buildTrustSources([next], { now: later, enabled: () => true, online: false });
    expect(sources.find((s) => s.id === 'eu-trusted-lists')?.stale).toBe(true);
  });
});
