import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  checkOidfSubordinate,
  createDccLegacySource,
  parseDccLegacyRegistry,
  parseKnownRegistries,
  refreshDccLegacy,
  refreshOidfAnchor,
  verifyEntityStatement,
  type OidfAnchorData,
} from '../../lib/trust/registry-dcc';
import { applyRefresh, emptySourceState, freshness } from '../../lib/trust/source-state';
import { createTrustStore } from '../../lib/trust/store';

const VECTORS = resolve('../shared/vectors/registries/dcc-registries');
if (!existsSync(VECTORS)) throw new Error(`Missing ${VECTORS}: the shared vectors are required (../shared/vectors)`);
const read = (p: string) => readFileSync(resolve(VECTORS, p));
const text = (p: string) => read(p).toString('utf8').trim();

const ANCHOR_URL = 'https://test.registry.dcconsortium.org/.well-known/openid-federation';
const AT_EC = new Date('2025-04-29T18:00:00Z'); // inside the sample Entity Configuration's iat..exp
const AT_FETCH = new Date('2025-04-25T18:00:00Z'); // inside the sample subordinate statements' iat..exp

describe('DCC legacy registries (real registry.json files)', () => {
  it('parses the community registry and finds a listed did:key', async () => {
    const parsed = parseDccLegacyRegistry(read('dcc-legacy/community-registry.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.entries.length).toBeGreaterThan(3);
    expect(parsed.data.updated).toBe('2025-10-31T07:11:34+00:00');
    const source = createDccLegacySource(parsed.data, { id: 'dcc-community', label: 'DCC Community Registry' });
    const store = createTrustStore([source]);
    const hit = await store.lookupIssuer(['did:key:z6MkpLDL3RoAoMRTwTgo3rs39ZwssfaPKtGdZw7AGRN7CK4W']);
    expect(hit.hits).toEqual([
      expect.objectContaining({ list: 'allow', entryName: 'My University', kind: 'registry', sourceLabel: 'DCC Community Registry' }),
    ]);
    expect((await store.lookupIssuer(['did:key:z6MkNotListed'])).hits).toEqual([]);
  });

  it.each(['dcc-legacy/sandbox-registry.json', 'dcc-legacy/dcc-registry.json'])('parses %s', (file) => {
    const parsed = parseDccLegacyRegistry(read(file));
    expect(parsed.ok && parsed.data.entries.length > 0).toBe(true);
  });

  it('refresh gives a content version and says the file is unsigned', async () => {
    const out = await refreshDccLegacy(read('dcc-legacy/community-registry.json'), 'https://digitalcredentials.github.io/community-registry/registry.json');
    expect(out.kind).toBe('updated');
    if (out.kind !== 'updated') return;
    expect(out.version).toMatch(/^2025-10-31 #[0-9a-f]{12}$/);
    expect(out.signature.status).toBe('unsigned');
  });

  it('rejects broken or hostile registry files', async () => {
    expect(parseDccLegacyRegistry('{"registry": []}').ok).toBe(false);
    expect(parseDccLegacyRegistry('not json').ok).toBe(false);
    expect(parseDccLegacyRegistry(new Uint8Array(5 * 1024 * 1024)).ok).toBe(false);
    const odd = parseDccLegacyRegistry({ registry: { 'javascript:alert(1)': { name: 'x' }, 'did:key:z6Mk1': { name: 42 }, 'did:web:ok.example': { name: 'OK', url: 'javascript:x' } } });
    expect(odd.ok && odd.data.entries).toEqual([{ did: 'did:web:ok.example', name: 'OK' }]);
    expect((await refreshDccLegacy(new TextEncoder().encode('{"oops":1}'), 'https://x.example/r.json')).kind).toBe('rejected');
  });

  it('reads known-did-registries.json (both forms)', () => {
    const known = parseKnownRegistries(read('known-did-registries.json'));
    expect(known.filter((k) => k.type === 'oidf').length).toBe(4);
    expect(known.filter((k) => k.type === 'dcc-legacy').map((k) => k.name)).toContain('DCC Community Registry');
  });
});

describe('DCC registries, OpenID Federation form (real entity statements)', () => {
  it('accepts the trust anchor configuration and a registered issuer', async () => {
    const anchor = await refreshOidfAnchor(text('oidf/oidfECResponseDCC.jwt'), ANCHOR_URL, AT_EC);
    expect(anchor.kind).toBe('updated');
    if (anchor.kind !== 'updated') return;
    expect(anchor.signature.status).toBe('verified');
    expect(anchor.data.fetchEndpoint).toBe('https://test.registry.dcconsortium.org/fetch');
    const sub = await checkOidfSubordinate(text('oidf/oidfFetchResponseA.jwt'), anchor.data, 'did:web:oneuni.testuni.edu', { id: 'dcc-oidf', label: 'Test DCC Member Registry' }, AT_FETCH);
    expect(sub).toEqual({ ok: true, hit: expect.objectContaining({ list: 'allow', entryName: 'OneUni University', kind: 'registry' }) });
  });

  it('rejects expired statements, wrong subjects, tampered and HMAC tokens', async () => {
    const anchor = (await refreshOidfAnchor(text('oidf/oidfECResponseDCC.jwt'), ANCHOR_URL, AT_EC)) as { data: OidfAnchorData };
    const meta = { id: 'x', label: 'x' };
    const fetchB = text('oidf/oidfFetchResponseB.jwt');
    expect(await checkOidfSubordinate(fetchB, anchor.data, 'did:web:twotr.testschool.edu', meta, new Date('2026-01-01'))).toEqual({ ok: false, error: 'expired on 2025-04-26' });
    expect((await checkOidfSubordinate(fetchB, anchor.data, 'did:web:oneuni.testuni.edu', meta, AT_FETCH)).ok).toBe(false);
    const [h, p, s] = fetchB.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    payload['sub'] = 'did:web:evil.example';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await checkOidfSubordinate(forged, anchor.data, 'did:web:evil.example', meta, AT_FETCH)).toEqual({ ok: false, error: 'the signature does not verify' });
    const hmac = await refreshOidfAnchor(text('oidf/oidfECResponseDCC2.jwt'), 'https://registry.dcconsortium.org/.well-known/openid-federation', AT_EC);
    expect(hmac.kind).toBe('rejected');
  });

  it('a re-keyed anchor is rejected while an old key is pinned (takeover), and the good copy stays', async () => {
    const good = await refreshOidfAnchor(text('oidf/oidfECResponseDCC.jwt'), ANCHOR_URL, AT_EC);
    if (good.kind !== 'updated') throw new Error('setup');
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'attacker' };
    const iat = Math.floor(AT_EC.getTime() / 1000);
    const evil = await new SignJWT({
      jwks: { keys: [jwk] },
      metadata: { federation_entity: { federation_fetch_endpoint: 'https://test.registry.dcconsortium.org/fetch' } },
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'entity-statement+jwt', kid: 'attacker' })
      .setIssuer('https://test.registry.dcconsortium.org')
      .setSubject('https://test.registry.dcconsortium.org')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(privateKey);
    expect((await refreshOidfAnchor(evil, ANCHOR_URL, AT_EC)).kind).toBe('updated'); // first use: nothing pinned
    const pinned = await refreshOidfAnchor(evil, ANCHOR_URL, AT_EC, good.data.keys);
    expect(pinned.kind).toBe('rejected');
    let state = applyRefresh(emptySourceState<OidfAnchorData>({ id: 'dcc-oidf', kind: 'dcc-oidf', label: 'Test DCC' }), good, AT_EC);
    state = applyRefresh(state, pinned, AT_EC);
    expect(state.data?.keys[0]?.kid).toBe('issuerregistry-key1');
    expect(state.lastError).toMatch(/takeover/);
    expect(state.audit.map((a) => a.event)).toEqual(['fetched', 'rejected']);
  });

  it('requires the entity-statement type', async () => {
    expect(await verifyEntityStatement('a.b.c', { keys: 'self', now: AT_EC })).toEqual({ ok: false, error: 'the statement cannot be decoded' });
  });
});

describe('source state', () => {
  const meta = { id: 's', kind: 'dcc-legacy' as const, label: 'Registry' };
  it('a failed or tampered refresh never replaces a good cached copy; stale data stays usable', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    let s = applyRefresh(emptySourceState<{ n: number }>(meta), { kind: 'updated', data: { n: 1 }, version: 'v1', etag: '"a"', expiresAt: '2026-01-02T00:00:00Z', signature: { status: 'verified', detail: 'ok' } }, t0);
    expect(freshness(s, t0)).toBe('fresh');
    s = applyRefresh(s, { kind: 'failed', reason: 'offline' }, new Date('2026-01-03T00:00:00Z'));
    s = applyRefresh(s, { kind: 'updated', data: { n: 666 }, version: 'evil', signature: { status: 'failed', detail: 'bad signature' } }, new Date('2026-01-03T00:00:00Z'));
    expect(s.data).toEqual({ n: 1 });
    expect(s.version).toBe('v1');
    expect(s.etag).toBe('"a"');
    expect(freshness(s, new Date('2026-01-03T00:00:00Z'))).toBe('stale');
    expect(s.audit.map((a) => a.event)).toEqual(['fetched', 'refresh-failed', 'rejected']);
    s = applyRefresh(s, { kind: 'not-modified', expiresAt: '2026-02-01T00:00:00Z' }, new Date('2026-01-04T00:00:00Z'));
    expect(freshness(s, new Date('2026-01-04T00:00:00Z'))).toBe('fresh');
    expect(s.lastError).toBeUndefined();
  });

  it('stale sources are labelled on hits and in notes', async () => {
    const parsed = parseDccLegacyRegistry({ registry: { 'did:web:a.example': { name: 'A' } } });
    if (!parsed.ok) throw new Error('setup');
    const src = { ...createDccLegacySource(parsed.data, { id: 'r', label: 'Registry R' }), stale: true };
    const r = await createTrustStore([src]).lookupIssuer(['did:web:a.example']);
    expect(r.hits[0]?.stale).toBe(true);
    expect(r.notes?.[0]).toMatch(/Registry R is out of date/);
  });
});

describe('trust files for the CLI', () => {
  it('reads a DCC registry.json and a DEQAR snapshot; other JSON is left to the org-list parser', async () => {
    const { trustSourceFromJson } = await import('../../lib/trust/load-file');
    const reg = trustSourceFromJson(JSON.parse(text('dcc-legacy/community-registry.json')), 'community.json');
    expect(reg?.ok && reg.source.version).toBe('2025-10-31');
    const snap = trustSourceFromJson(JSON.parse(readFileSync('lib/qa/deqar-snapshot.json', 'utf8')), 'deqar.json');
    expect(snap?.ok && snap.source.qaRegisters?.deqar?.institutions.length).toBe(3);
    expect(trustSourceFromJson({ allow: [] }, 'org.json')).toBeNull();
    expect(trustSourceFromJson({ registry: 5 }, 'bad.json')).toEqual({ ok: false, error: 'not a DCC registry: no "registry" object' });
  });
});
