import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { didEbsiUrl, isDidEbsi, resolveDidEbsi } from '../../lib/did/ebsi';
import type { FetchResult } from '../../lib/model/env';
import { createEbsiTirSource, judgeTirIssuer, parseTirIssuer, tirIssuerUrl } from '../../lib/trust/ebsi-tir';
import { createTrustStore } from '../../lib/trust/store';

const VECTORS = resolve('../shared/vectors/registries/ebsi-tir');
if (!existsSync(VECTORS)) throw new Error(`Missing ${VECTORS}: the shared vectors are required (../shared/vectors)`);
const read = (p: string) => readFileSync(resolve(VECTORS, p));
const meta = { id: 'ebsi-tir', label: 'EBSI TIR' };
const TI = 'did:ebsi:zrCaMa5923UdhhWA69hArZS';

function fakeFetch(routes: Record<string, { status: number; body: Uint8Array | string }>) {
  const seen: string[] = [];
  const fetch = async (url: string): Promise<FetchResult> => {
    seen.push(url);
    const r = routes[url];
    const bytes = typeof r?.body === 'string' ? new TextEncoder().encode(r.body) : (r?.body ?? new Uint8Array());
    if (!r) return { ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline' };
    if (r.status >= 400) return { ok: false, url, status: r.status, code: 'ERR_NET_HTTP_STATUS', message: 'http', bytes };
    return { ok: true, url, finalUrl: url, status: r.status, contentType: 'application/json', bytes, redirects: [] };
  };
  return { fetch, seen };
}

describe('EBSI Trusted Issuers Registry', () => {
  it('accepts a Trusted Issuer whose accreditation names it and is current (walt.id TIR record)', () => {
    const parsed = parseTirIssuer(read('waltid-trusted-issuer-chain/ti-tir-record.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const hit = judgeTirIssuer(parsed.issuer, TI, new Date('2023-06-01'), meta);
    expect(hit).toEqual(expect.objectContaining({ list: 'allow', entryName: 'Trusted Issuer', kind: 'ebsi-tir' }));
    expect(hit?.evidence).toMatch(/accredited by did:ebsi:zfVxfjBQWZTAH5FejWoxTaE.*VerifiableAccreditationTIDiploma.*2024-01-01/);
    // After the accreditation expired, the record no longer vouches.
    expect(judgeTirIssuer(parsed.issuer, TI, new Date('2024-06-01'), meta)).toBeUndefined();
    // A record about another DID never accredits the asked one.
    expect(judgeTirIssuer(parsed.issuer, 'did:ebsi:zfVxfjBQWZTAH5FejWoxTaE', new Date('2023-06-01'), meta)).toBeUndefined();
  });

  it('the v5 OpenAPI example: the accreditation body names a different DID, so it is not accepted', () => {
    const parsed = parseTirIssuer(read('tir-v5-openapi-examples/issuer.pilot.json'));
    expect(parsed.ok && parsed.issuer.attributes[0]?.issuerType).toBe('TAO');
    if (!parsed.ok) return;
    expect(judgeTirIssuer(parsed.issuer, 'did:ebsi:zr2rWDHHrUCdZAW7wsSb5nQ', new Date('2023-06-01'), meta)).toBeUndefined();
  });

  it('a Revoked issuer type is a deny', () => {
    const hit = judgeTirIssuer({ did: TI, attributes: [{ hash: 'h', issuerType: 'Revoked', types: [] }] }, TI, new Date(), meta);
    expect(hit?.list).toBe('deny');
  });

  it('is asked online for did:ebsi issuers only, through the recording fetcher; 404 and offline become notes', async () => {
    const base = 'https://api-pilot.ebsi.eu';
    const { fetch, seen } = fakeFetch({
      [tirIssuerUrl(TI, base)]: { status: 200, body: read('waltid-trusted-issuer-chain/ti-tir-record.json') },
      [tirIssuerUrl('did:ebsi:zfVxfjBQWZTAH5FejWoxTaF', base)]: { status: 404, body: read('tir-v5-openapi-examples/error-404.problem.json') },
    });
    const store = createTrustStore([createEbsiTirSource({ base })]);
    const ctx = { fetch, now: new Date('2023-06-01') };
    const ok = await store.lookupIssuer([TI, 'https://example.org/issuer'], ctx);
    expect(ok.hits.map((h) => h.list)).toEqual(['allow']);
    expect(seen).toEqual([`${base}/trusted-issuers-registry/v5/issuers/did%3Aebsi%3AzrCaMa5923UdhhWA69hArZS`]);
    const missing = await store.lookupIssuer(['did:ebsi:zfVxfjBQWZTAH5FejWoxTaF'], ctx);
    expect(missing.hits).toEqual([]);
    expect(missing.notes).toEqual(['did:ebsi:zfVxfjBQWZTAH5FejWoxTaF is not in the EBSI Trusted Issuers Registry']);
    const offline = await store.lookupIssuer(['did:ebsi:zfVxfjBQWZTAH5FejWoxTaG'], ctx);
    expect(offline.notes?.[0]).toMatch(/could not be reached/);
    expect((await store.lookupIssuer([TI])).hits).toEqual([]); // no context: offline-only look-up
  });

  it('rejects oversized or malformed answers', () => {
    expect(parseTirIssuer('[]').ok).toBe(false);
    expect(parseTirIssuer('{"did":"x"}').ok).toBe(false);
    expect(parseTirIssuer(new Uint8Array(2 * 1024 * 1024)).ok).toBe(false);
  });
});

describe('did:ebsi resolution', () => {
  it('validates the identifier and the document id', async () => {
    expect(isDidEbsi(TI)).toBe(true);
    expect(isDidEbsi('did:ebsi:../../x')).toBe(false);
    const doc = JSON.parse(read('waltid-ebsi-misc/did-ebsi-23R3YwWEc7J1chejmwjh5JDaRjqvvf6ogHnxJNHUvaep4f98.json').toString()) as Record<string, unknown>;
    const { fetch } = fakeFetch({
      [didEbsiUrl(TI)]: { status: 200, body: JSON.stringify({ ...doc, id: TI }) },
      [didEbsiUrl('did:ebsi:zfVxfjBQWZTAH5FejWoxTaE')]: { status: 200, body: JSON.stringify(doc) },
    });
    const rec = (url: string) => fetch(url);
    const ok = await resolveDidEbsi(TI, rec);
    expect(ok.ok).toBe(true);
    const mismatch = await resolveDidEbsi('did:ebsi:zfVxfjBQWZTAH5FejWoxTaE', rec);
    expect(mismatch.ok === false && mismatch.code).toBe('ERR_DID_ID_MISMATCH');
    const bad = await resolveDidEbsi('did:ebsi:bad', rec);
    expect(bad.ok === false && bad.code).toBe('ERR_DID_MALFORMED');
    const gone = await resolveDidEbsi('did:ebsi:zfVxfjBQWZTAH5FejWoxTaX', rec);
    expect(gone.ok === false && gone.unreachable).toBe(true);
  });
});
