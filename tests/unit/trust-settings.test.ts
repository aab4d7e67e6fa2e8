import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrustSources, readSettings, refreshTrustSources, saveOwnLists, SETTINGS_KEY } from '../../lib/extension/settings';
import { DEFAULT_SETTINGS } from '../../lib/extension/settings-policy';
import { createMemoryArea } from '../../lib/extension/storage-area';
import { openTrustDb } from '../../lib/extension/trust-db';
import type { ConditionalFetch } from '../../lib/trust/refresh-fetch';
import { createConditionalFetch } from '../../lib/trust/refresh-fetch';
import { createTrustStore } from '../../lib/trust/store';

const VECTORS = resolve('../shared/vectors/registries/dcc-registries');
if (!existsSync(VECTORS)) throw new Error(`Missing ${VECTORS}: the shared vectors are required`);
const MEMBER_URL = 'https://digitalcredentials.github.io/dcc-registry/registry.json';
const ISSUER = 'did:web:good.example';

function managed(data: Record<string, unknown>) {
  const area = createMemoryArea();
  void area.set(data);
  return area;
}

let dbn = 0;
const freshDb = () => openTrustDb(`test-trust-${++dbn}`);

describe('managed policy and own lists', () => {
  it('policy deny wins over a user allow; users cannot override the policy', async () => {
    const local = createMemoryArea();
    await saveOwnLists(local, { allow: [{ id: ISSUER, name: 'Good' }], deny: [] });
    const deps = { managed: managed({ deny: [{ id: ISSUER, name: 'Blocked by IT' }], onlineRegistries: false }), db: null };
    const { sources } = await loadTrustSources(local, deps);
    const lookup = await createTrustStore(sources).lookupIssuer([ISSUER]);
    expect(lookup.hits.map((h) => [h.list, h.kind])).toEqual([['deny', 'policy'], ['allow', 'org']]);
    const snap = await readSettings(local, deps);
    expect(snap.effective.onlineRegistries).toBe(false);
    expect(snap.locked.has('onlineRegistries')).toBe(true);
    // The user switching it on does not change the effective setting.
    await local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, onlineRegistries: true } });
    expect((await readSettings(local, deps)).effective.onlineRegistries).toBe(false);
  });

  it('lockOwnLists ignores the user lists; bad policy values are reported, not applied', async () => {
    const local = createMemoryArea();
    await saveOwnLists(local, { allow: [{ id: ISSUER }], deny: [] });
    const deps = { managed: managed({ lockOwnLists: true, allow: [{ id: 'did:web:corp.example' }], autoVerify: 'yes' }), db: null };
    const { sources } = await loadTrustSources(local, deps);
    expect((await createTrustStore(sources).lookupIssuer([ISSUER])).hits).toEqual([]);
    const snap = await readSettings(local, deps);
    expect(snap.policyErrors).toEqual(['autoVerify must be true or false']);
    expect(snap.effective.autoVerify).toBe(true);
  });

  it('rejects an invalid own list', async () => {
    expect(await saveOwnLists(createMemoryArea(), { allow: [{ id: '' }], deny: [] })).toEqual({ ok: false, error: '"allow[0].id" must be a non-empty issuer URL or DID' });
  });
});

describe('registry refresh into IndexedDB', () => {
  const registry = (name: string) => JSON.stringify({ meta: { updated: '2026-01-01T00:00:00Z' }, registry: { [ISSUER]: { name } } });

  it('stores the registry with its ETag, sends If-None-Match, keeps the good copy when a refresh is broken', async () => {
    const db = freshDb();
    const seen: (string | null)[] = [];
    let body = registry('Good University');
    let status = 200;
    const fetch = createConditionalFetch({
      allowPrivate: true,
      fetch: async (_input, init) => {
        seen.push(new Headers(init?.headers).get('if-none-match'));
        return new Response(status === 304 ? null : body, { status, headers: { etag: '"v1"', 'cache-control': 'max-age=3600', 'content-type': 'application/json' } });
      },
    });
    const s = { ...DEFAULT_SETTINGS, sources: { 'dcc-member-oidf': false, 'ebsi-tir': false, 'eu-lotl': false } };
    const t0 = new Date('2026-02-01T00:00:00Z');
    await refreshTrustSources(db, s, { fetch, now: () => t0 });
    const first = await db.get('dcc-member');
    expect(first).toEqual(expect.objectContaining({ etag: '"v1"', version: expect.stringMatching(/^2026-01-01 #/), url: MEMBER_URL, expiresAt: '2026-02-01T01:00:00.000Z' }));
    status = 304;
    await refreshTrustSources(db, s, { fetch, now: () => t0 });
    expect(seen).toEqual([null, '"v1"']);
    status = 200;
    body = '{"registry": "tampered"}';
    await refreshTrustSources(db, s, { fetch, now: () => t0 });
    const kept = await db.get('dcc-member');
    expect(kept?.version).toBe(first?.version);
    expect(kept?.lastError).toMatch(/not a DCC registry/);
    expect(kept?.audit.map((a) => a.event)).toEqual(['fetched', 'not-modified', 'rejected']);

    // The cached registry is used for verification; after expiry it is used but marked stale.
    const later = new Date('2026-03-01T00:00:00Z');
    const { sources } = await loadTrustSources(createMemoryArea(), { managed: null, db, now: () => later });
    const store = createTrustStore(sources);
    const hit = (await store.lookupIssuer([ISSUER])).hits[0];
    expect(hit).toEqual(expect.objectContaining({ entryName: 'Good University', stale: true, kind: 'registry' }));
    expect(store.versions?.().find((v) => v.sourceId === 'dcc-member')).toEqual(expect.objectContaining({ stale: true }));
    expect(store.qaRegisters?.().deqar?.institutions.length).toBe(3);
  });

  it('an unreachable registry is recorded, and nothing is lost', async () => {
    const db = freshDb();
    const failing: ConditionalFetch = async () => ({ ok: false, reason: 'offline' });
    const [state] = await refreshTrustSources(db, DEFAULT_SETTINGS, { only: 'dcc-member', fetch: failing });
    expect(state?.data).toBeUndefined();
    expect(state?.lastError).toBe('offline');
  });

  it('the OpenID Federation anchor refreshes from the real configuration', async () => {
    const db = freshDb();
    const jwt = readFileSync(resolve(VECTORS, 'oidf/oidfECResponseDCC.jwt'));
    const fetch: ConditionalFetch = async () => ({ ok: true, notModified: false, bytes: jwt, finalUrl: 'x' });
    // The sample names the test registry; with the production anchor URL it must be rejected.
    const [state] = await refreshTrustSources(db, DEFAULT_SETTINGS, { only: 'dcc-member-oidf', fetch, now: () => new Date('2025-04-29T18:00:00Z') });
    expect(state?.lastError).toMatch(/names https:\/\/test.registry.dcconsortium.org, not https:\/\/registry.dcconsortium.org/);
  });
});
