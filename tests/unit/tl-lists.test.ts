import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xmldsigjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileEuTrustIndex } from '../../lib/trust/eu/compile';
import { createEuTrustSource } from '../../lib/trust/eu/source';
import { setupXmlDsig, verifyListSignature } from '../../lib/trust/eu/tl-signature';
import { readList } from '../../lib/trust/eu/tl-parse';
import type { EuTrustIndex } from '../../lib/trust/eu/types';
import { parseXml } from '../../lib/trust/eu/xml';
import { compileVectors, PINNED, vector } from './edc-helpers';

const NOW = new Date('2026-11-01T00:00:00Z');
let index: EuTrustIndex;
beforeAll(async () => {
  index = await compileVectors(['CY', 'DK', 'IE', 'IS']); // parsed once for this file
}, 60_000);

describe('real LOTL and national lists (eu-trusted-lists vectors)', () => {
  it('the LOTL verifies against the pinned signers and announces the national lists', () => {
    expect(index.lotl?.sequence).toBe(390);
    expect(index.lotl?.signerAuthority).toBe('pinned');
    expect(index.pointers.map((p) => p.country)).toEqual(
      expect.arrayContaining(['ES', 'DK', 'CY', 'IE', 'IS', 'DE']),
    );
    expect(index.pointers.find((p) => p.country === 'ES')?.signers.length).toBeGreaterThan(0);
  });

  it('each national list verifies against the certificates the LOTL announces for it', () => {
    expect(index.problems).toEqual([]);
    expect(index.lists.map((l) => l.country).sort()).toEqual(['CY', 'DK', 'IE', 'IS']);
    for (const l of index.lists) expect(l.signerAuthority).toBe('lotl');
    expect(index.services.length).toBeGreaterThan(20);
  });

  it('services keep type, status history, additional information and identities', () => {
    const dk = index.services.filter((s) => s.country === 'DK');
    const qc = dk.find((s) => s.history[0]?.type.endsWith('/CA/QC'));
    expect(qc?.certs.length).toBeGreaterThan(0);
    expect(qc?.certSha256[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(
      dk.some((s) =>
        s.history.some((p) => p.additional.includes('ForeSignatures') || p.additional.includes('ForeSeals')),
      ),
    ).toBe(true);
  });

  it('the compiled index is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(index))).toEqual(index);
  });

  it('an expired list is reported, not used', () => {
    const ie = index.lists.find((l) => l.country === 'IE');
    const after = new Date(Date.parse(ie?.nextUpdate ?? '2030-01-01') + 86_400_000);
    const source = createEuTrustSource(index, () => after);
    const svc = index.services.find((s) => s.country === 'IE' && s.certSha256.length > 0);
    const answer = source.lookupCertificate?.({ sha256: [svc?.certSha256[0] ?? ''], keyIds: [] });
    expect(answer?.services).toEqual([]);
    expect(answer?.unavailable[0]?.reason).toMatch(/IE trusted list expired/);
  });

  it('a missing national list is named', () => {
    const answer = createEuTrustSource(index, () => NOW).lookupCertificate?.({
      sha256: [],
      keyIds: ['nope'],
      country: 'ES',
    });
    expect(answer?.unavailable).toEqual([
      { country: 'ES', reason: 'the ES trusted list has not been loaded' },
    ]);
  });
});

describe('broken copies', () => {
  const lotl = vector('eu-trusted-lists/eu-lotl.xml');
  const cy = vector('eu-trusted-lists/CY/TSL_CY.xml');

  it('bad signature: one changed element fails', async () => {
    const broken = cy.replace(
      /<TSLSequenceNumber>(\d+)</,
      (_m, n: string) => `<TSLSequenceNumber>${Number(n) + 1}<`,
    );
    const out = await compileEuTrustIndex({
      lotl: { xml: lotl, source: 'lotl', fetchedAt: NOW.toISOString() },
      lists: [{ xml: broken, source: 'cy', fetchedAt: NOW.toISOString() }],
      pinnedLotlSigners: PINNED,
      now: NOW,
    });
    expect(out.lists).toEqual([]);
    expect(out.problems[0]?.reason).toMatch(
      /CY trusted list cannot be trusted: the signature does not match/,
    );
  });

  it('wrong signer: the LOTL with no pinned signer, and a list signed by another country', async () => {
    const noPins = await compileEuTrustIndex({
      lotl: { xml: lotl, source: 'lotl', fetchedAt: NOW.toISOString() },
      lists: [{ xml: cy, source: 'cy', fetchedAt: NOW.toISOString() }],
      pinnedLotlSigners: [],
      now: NOW,
    });
    expect(noPins.lotl).toBeUndefined();
    expect(noPins.problems.map((p) => p.reason).join('\n')).toMatch(
      /not an authorised signer[\s\S]*cannot be authorised without a verified List of Trusted Lists/,
    );
    const parsed = parseXml(cy);
    if (!parsed.ok) throw new Error(parsed.reason);
    const dkSigners = index.pointers.find((p) => p.country === 'DK')?.signers ?? [];
    const result = await verifyListSignature(parsed.doc, parsed.root, dkSigners);
    expect(result.ok).toBe(false);
  });

  it('refuses DOCTYPE / entities and non-lists', () => {
    expect(parseXml('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toEqual({
      ok: false,
      reason: 'contains a DOCTYPE or ENTITY declaration',
    });
    const other = parseXml('<root/>');
    expect(other.ok && readList(other.root)).toMatch(/not TrustServiceStatusList/);
  });
});

describe('a list signed with ECDSA (P-256)', () => {
  // The test certificate and key of tests/fixtures/x5c (TEST ONLY); a minimal signed document.
  const dir = new URL('../fixtures/x5c/', import.meta.url);
  const certB64 = readFileSync(new URL('leaf.pem', dir), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  async function signedList(): Promise<string> {
    setupXmlDsig();
    const pkcs8 = readFileSync(new URL('leaf.key', dir), 'utf8').replace(/-----[^-]+-----|\s/g, '');
    const key = await crypto.subtle.importKey('pkcs8', Buffer.from(pkcs8, 'base64'), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const doc = new DOMParser().parseFromString('<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" Id="tsl"><tsl:SchemeInformation><tsl:TSLSequenceNumber>1</tsl:TSLSequenceNumber></tsl:SchemeInformation></tsl:TrustServiceStatusList>', 'application/xml');
    const signed = new SignedXml();
    await signed.Sign({ name: 'ECDSA', hash: 'SHA-256' } as Algorithm, key, doc as unknown as Parameters<SignedXml['Sign']>[2], {
      references: [{ hash: 'SHA-256', uri: '', transforms: ['enveloped', 'exc-c14n'] }],
      x509: [certB64],
    });
    doc.documentElement?.appendChild(signed.GetXml() as unknown as Parameters<NonNullable<typeof doc.documentElement>["appendChild"]>[0]);
    return new XMLSerializer().serializeToString(doc);
  }
  it('verifies, and a changed copy does not', async () => {
    const xml = await signedList();
    const ok = parseXml(xml);
    if (!ok.ok) throw new Error(ok.reason);
    expect(await verifyListSignature(ok.doc, ok.root, [certB64])).toMatchObject({ ok: true });
    const bad = parseXml(xml.replace('<tsl:TSLSequenceNumber>1<', '<tsl:TSLSequenceNumber>2<'));
    if (!bad.ok) throw new Error(bad.reason);
    expect(await verifyListSignature(bad.doc, bad.root, [certB64])).toMatchObject({ ok: false });
  });
});
