/**
 * The EU trusted lists on a fresh install and when their signers change (issue 4):
 * - the bundled snapshot (public/trust/eu-snapshot.json, built by scripts/build-eu-snapshot.mjs)
 *   seeds the trust store when it holds no EU lists yet, decides a seal from the first run, is
 *   labelled as bundled and stale, and is replaced at the first successful refresh;
 * - the LOTL address and its signing certificates can be replaced (user settings or the
 *   administrator's policy): a LOTL signed by another key is refused with the shipped pins and
 *   accepted with the configured ones.
 * The fixture LOTL and ES list are CredLens's own (tests/fixtures/edc/trust, real XMLDSig); the
 * real snapshot comes from the LOTL and national lists in ../shared/vectors.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrustSources, refreshDueSources, refreshTrustSources, SETTINGS_KEY, seedBundledSources } from '../../lib/extension/settings';
import { DEFAULT_SETTINGS, effectiveSettings, parseManagedPolicy, parseUserSettings } from '../../lib/extension/settings-policy';
import { parseSignerCertificates } from '../../lib/trust/eu/signers';
import { createMemoryArea } from '../../lib/extension/storage-area';
import { openTrustDb } from '../../lib/extension/trust-db';
import type { VerificationReport } from '../../lib/model/report';
import { bundledEuState, isBundledState, SHIPPED_LOTL_SIGNERS } from '../../lib/trust/catalog';
import type { EuTrustIndex } from '../../lib/trust/eu/types';
import type { ConditionalFetch } from '../../lib/trust/refresh-fetch';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { vector } from './edc-helpers';

const SNAPSHOT = JSON.parse(readFileSync(resolve(__dirname, '../../public/trust/eu-snapshot.json'), 'utf8')) as unknown;
const FIX = resolve(__dirname, '../fixtures/edc');
const fixture = (name: string): string => readFileSync(resolve(FIX, name), 'utf8');
const FIXTURE_SIGNERS = (JSON.parse(fixture('trust/lotl-signers.json')) as { certificates: { der: string }[] }).certificates.map((c) => c.der);
const EDC = 'ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)/Sample-MC-Annex1-signed.jsonld';
const SEALING_WEEK = new Date('2023-10-01T00:00:00Z');
const TODAY = new Date('2026-11-23T00:00:00Z');
const FIXTURE_LOTL = 'https://trust.credlens.test/eu-lotl.xml';

let dbn = 0;
const freshDb = () => openTrustDb(`test-eu-seed-${++dbn}`);
const offline: ConditionalFetch = async (url) => ({ ok: false, reason: `${url} could not be fetched (offline test)` });

/** Serves the fixture LOTL at FIXTURE_LOTL and the ES list where the LOTL points. */
const fixtureWeb: ConditionalFetch = async (url) => {
  const xml = url === FIXTURE_LOTL ? fixture('trust/eu-lotl.xml') : url === 'https://trust.credlens.test/ES/TSL_ES.xml' ? fixture('trust/TSL_ES.xml') : undefined;
  if (xml === undefined) return { ok: false, reason: `${url} could not be fetched (offline test)` };
  return { ok: true, notModified: false, bytes: new TextEncoder().encode(xml), finalUrl: url };
};

describe('the bundled EU trusted-list snapshot', () => {
  it('is a compiled index of the LOTL and the lists it could verify; the others are named', () => {
    const state = bundledEuState(SNAPSHOT, TODAY);
    if (state === undefined) throw new Error('the shipped snapshot is not a compiled index');
    const index = state.data as EuTrustIndex;
    expect(index.lotl?.signerAuthority).toBe('pinned');
    expect(index.lists.every((l) => l.signerAuthority === 'lotl')).toBe(true);
    expect(index.lists.map((l) => l.country).sort()).toEqual(['CY', 'DK', 'ES', 'IE', 'IS']);
    expect(index.problems.length + index.lists.length).toBe(index.pointers.length);
    expect(index.problems.find((p) => p.country === 'DE')?.reason).toContain('not in the bundled snapshot');
    expect(state.version).toMatch(/^LOTL \d+ \(bundled snapshot\)$/);
    expect(isBundledState(state)).toBe(true);
    expect(state.signature.status).toBe('verified');
    expect(state.audit.map((a) => a.event)).toEqual(['loaded-bundled']);
  });

  it('rejects what is not a compiled index', () => {
    expect(bundledEuState(undefined, TODAY)).toBeUndefined();
    expect(bundledEuState({ version: 1, lists: [] }, TODAY)).toBeUndefined();
    expect(bundledEuState({ ...(SNAPSHOT as object), version: 99 }, TODAY)).toBeUndefined();
  });

  it('seeds a fresh install, which then judges a real EDC seal against the ES list (A3)', async () => {
    const db = freshDb();
    const local = createMemoryArea();
    await local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, autoRefresh: false, onlineRegistries: false } });
    const { sources } = await loadTrustSources(local, { managed: null, db, now: () => SEALING_WEEK, euSnapshot: async () => SNAPSHOT });
    const stored = await db.get('eu-lotl');
    expect(stored && isBundledState(stored)).toBe(true);
    const eu = sources.find((s) => s.id === 'eu-trusted-lists');
    expect(eu?.label).toContain('CY, DK, ES, IE, IS');
    const r: VerificationReport = await verifyCredential(
      { kind: 'bytes', bytes: new TextEncoder().encode(vector(EDC)), name: 'edc.json' },
      { fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }), now: () => SEALING_WEEK, trust: createTrustStore(sources) },
    );
    expect(r.authenticity.level).toBe('A3');
  }, 60_000);

  it('does not replace lists the store already has, and keeps the audit of failed refreshes', async () => {
    const db = freshDb();
    // A failed first refresh (offline) leaves a state without data; seeding keeps its audit.
    const [failed] = await refreshTrustSources(db, { ...DEFAULT_SETTINGS }, { only: 'eu-lotl', fetch: offline, now: () => TODAY });
    expect(failed?.data).toBeUndefined();
    const seeded = await seedBundledSources(db, await db.all(), { euSnapshot: async () => SNAPSHOT, now: () => TODAY });
    const eu = seeded.find((s) => s.id === 'eu-lotl');
    expect(eu?.audit.map((a) => a.event)).toEqual(['refresh-failed', 'loaded-bundled']);
    expect(eu?.lastError).toContain('offline test');
    // Seeding again changes nothing.
    const again = await seedBundledSources(db, await db.all(), { euSnapshot: async () => ({}), now: () => TODAY });
    expect(again.find((s) => s.id === 'eu-lotl')?.version).toBe(eu?.version);
  }, 60_000);

  it('is replaced by the first successful refresh (here: a LOTL with configured signers)', async () => {
    const db = freshDb();
    await seedBundledSources(db, [], { euSnapshot: async () => SNAPSHOT, now: () => TODAY });
    const settings = { ...DEFAULT_SETTINGS, euLotlUrl: FIXTURE_LOTL, euLotlSigners: FIXTURE_SIGNERS };
    const [next] = await refreshTrustSources(db, settings, { only: 'eu-lotl', fetch: fixtureWeb, now: () => TODAY });
    expect(next?.lastError).toBeUndefined();
    expect(next && isBundledState(next)).toBe(false);
    expect((next?.data as EuTrustIndex).lists.map((l) => l.country)).toEqual(['ES']);
    expect(next?.audit.map((a) => a.event)).toEqual(['loaded-bundled', 'fetched']);
  }, 60_000);
});

describe('replacing the LOTL address and signers', () => {
  it('a LOTL signed by another key is refused with the shipped pins; the good data stays', async () => {
    const db = freshDb();
    await seedBundledSources(db, [], { euSnapshot: async () => SNAPSHOT, now: () => TODAY });
    const [next] = await refreshTrustSources(db, { ...DEFAULT_SETTINGS, euLotlUrl: FIXTURE_LOTL }, { only: 'eu-lotl', fetch: fixtureWeb, now: () => TODAY });
    expect(next?.audit.at(-1)?.event).toBe('rejected');
    expect(next?.lastError).toMatch(/cannot be trusted/);
    expect(next && isBundledState(next)).toBe(true);
    expect(FIXTURE_SIGNERS.some((c) => SHIPPED_LOTL_SIGNERS.includes(c))).toBe(false);
  }, 60_000);

  it('reads certificates as PEM, base64 lines or a pin file, and refuses anything else', () => {
    const der = FIXTURE_SIGNERS[0] ?? '';
    const pem = `-----BEGIN CERTIFICATE-----\n${der.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
    expect(parseSignerCertificates(pem)).toEqual({ ok: true, certs: [der] });
    expect(parseSignerCertificates(`${der}\n${der}`)).toEqual({ ok: true, certs: [der, der] });
    expect(parseSignerCertificates(fixture('trust/lotl-signers.json'))).toEqual({ ok: true, certs: FIXTURE_SIGNERS });
    expect(parseSignerCertificates('hello world')).toMatchObject({ ok: false });
    expect(parseSignerCertificates('{"certificates": 1')).toMatchObject({ ok: false, error: expect.stringContaining('JSON') });
    expect(parseSignerCertificates('')).toMatchObject({ ok: false, error: 'no certificate found' });
    expect(parseSignerCertificates(Array.from({ length: 21 }, () => der))).toMatchObject({ ok: false });
    expect(parseSignerCertificates(42)).toMatchObject({ ok: false });
  });

  it('the policy sets and locks them; bad values are reported, not applied; user values are validated', () => {
    const { policy, errors } = parseManagedPolicy({ euLotlUrl: FIXTURE_LOTL, euLotlSigners: FIXTURE_SIGNERS });
    expect(errors).toEqual([]);
    const user = parseUserSettings({ euLotlUrl: 'https://elsewhere.example/lotl.xml', euLotlSigners: ['not a certificate'] });
    expect(user.euLotlSigners).toBeUndefined();
    const { settings, locked } = effectiveSettings(user, policy);
    expect(settings.euLotlUrl).toBe(FIXTURE_LOTL);
    expect(settings.euLotlSigners).toEqual(FIXTURE_SIGNERS);
    expect([...locked].sort()).toEqual(['euLotlSigners', 'euLotlUrl']);
    expect(parseManagedPolicy({ euLotlUrl: 'http://plain.example/', euLotlSigners: 'x' }).errors).toEqual([
      'euLotlUrl must be an https address',
      'euLotlSigners: certificate 1 is not a base64 DER certificate',
    ]);
  });
});

describe('the scheduled refresh (background alarm)', () => {
  it('seeds, then refreshes what is due; nothing when background refresh is off', async () => {
    const local = createMemoryArea();
    const db = freshDb();
    await local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, autoRefresh: false } });
    expect(await refreshDueSources(local, { managed: null, db, fetch: fixtureWeb, now: () => TODAY, euSnapshot: async () => SNAPSHOT })).toEqual([]);
    expect(await db.get('eu-lotl')).toBeUndefined();

    await local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, euLotlUrl: FIXTURE_LOTL, euLotlSigners: FIXTURE_SIGNERS } });
    const done = await refreshDueSources(local, { managed: null, db, fetch: fixtureWeb, now: () => TODAY, euSnapshot: async () => SNAPSHOT });
    expect(done).toContain('eu-lotl');
    const eu = await db.get('eu-lotl');
    expect(eu && isBundledState(eu)).toBe(false);
    expect(eu?.audit.map((a) => a.event)).toEqual(['loaded-bundled', 'fetched']);
    // Just refreshed: not due again an hour later.
    const later = new Date(TODAY.getTime() + 3_600_000);
    expect(await refreshDueSources(local, { managed: null, db, fetch: fixtureWeb, now: () => later, euSnapshot: async () => SNAPSHOT })).not.toContain('eu-lotl');
  }, 60_000);
});
