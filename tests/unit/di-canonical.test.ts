/**
 * Data Integrity internals against the W3C vectors (read in place): our canonical N-Quads equal
 * jsonld.js's (safe mode, pinned loader) for every DI vector and equal the vectors' own
 * intermediate canonical files; every W3C DI proof verifies; tampering one field breaks it.
 * This differential test is the guard for any future speed-up of canonicalisation.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import canonicalize from 'canonicalize';
import jsonld from 'jsonld';
import { createContextLoader } from '../../lib/net/jsonld-loader';
import { canonizeRdfc } from '../../lib/proof/canonize';
import { verifyDataIntegrity } from '../../lib/proof/data-integrity';
import { readVectorText, vectorPath } from '../support/vectors';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
  );
}
const rel = (p: string) => relative(vectorPath('.'), p);
const SIGNED = ['w3c-vc-di-eddsa', 'w3c-vc-di-ecdsa']
  .flatMap((d) => walk(vectorPath(d)))
  .filter((p) => /\/signed[^/]*\.json$/.test(p))
  .map(rel);
const OB = ['1edtech-dc-public-validator/ob30', '1edtech-dc-public-validator/clr20']
  .flatMap((d) => walk(vectorPath(d)))
  .filter((p) => p.endsWith('.json') || p.endsWith('testlist'))
  .map(rel);
const offline = {
  fetch: async (url: string) => ({
    ok: false as const,
    url,
    code: 'ERR_NET_UNREACHABLE' as const,
    message: 'offline',
  }),
  now: new Date('2024-06-01T00:00:00Z'),
};
const unsecured = (file: string) => {
  const doc = JSON.parse(readVectorText(file)) as Record<string, unknown>;
  delete doc.proof;
  return doc;
};

describe('canonical N-Quads: CredLens vs jsonld.js (differential)', () => {
  for (const file of [...SIGNED, ...OB]) {
    it(file, async () => {
      const doc = unsecured(file);
      const ours = await canonizeRdfc(doc);
      let theirs: string | undefined;
      try {
        theirs = await jsonld.canonize(doc, {
          algorithm: 'RDFC-1.0',
          format: 'application/n-quads',
          documentLoader: createContextLoader(),
          safe: true,
          base: null,
        });
      } catch {
        theirs = undefined; // jsonld.js safe mode refuses: we must refuse too, or apply a named rule
      }
      if (theirs === undefined) expect(ours.ok ? ours.rules.length : 'refused').not.toBe(0);
      else expect(ours.ok ? ours.nquads : ours.detail).toBe(theirs);
    });
  }
});

describe('canonical N-Quads equal the vectors’ intermediate files', () => {
  const pairs = SIGNED.map((s) => {
    const dir = s.slice(0, s.lastIndexOf('/'));
    const canon = walk(vectorPath(dir)).find(
      (p) => /\/canonDoc[^/]*\.txt$/.test(p) && p.slice(0, p.lastIndexOf('/')) === vectorPath(dir),
    );
    return [s, canon ? rel(canon) : undefined] as const;
  }).filter((p): p is readonly [string, string] => p[1] !== undefined);
  it('has intermediates to compare', () => expect(pairs.length).toBeGreaterThanOrEqual(6));
  for (const [signed, canon] of pairs) {
    it(`${signed} ↔ ${canon}`, async () => {
      const want = readVectorText(canon);
      if (signed.includes('jcs')) {
        expect(canonicalize(unsecured(signed))).toBe(want); // JCS (RFC 8785) suites
        return;
      }
      const p384 = signed.includes('p384');
      const ours = await canonizeRdfc(unsecured(signed), p384 ? 'SHA-384' : 'SHA-256');
      expect(ours.ok && ours.nquads).toBe(want);
    });
  }
});

describe('W3C DI vectors verify; one changed field breaks them', () => {
  for (const file of SIGNED) {
    it(file, async () => {
      const doc = JSON.parse(readVectorText(file)) as Record<string, unknown>;
      const good = await verifyDataIntegrity(doc, { resolve: offline, now: offline.now });
      expect(good.length).toBeGreaterThan(0);
      expect(good.map((o) => o.status)).toEqual(good.map(() => 'verified'));
      const bad = await verifyDataIntegrity(
        { ...doc, validFrom: '2001-01-01T00:00:00Z' },
        { resolve: offline, now: offline.now },
      );
      expect(bad.some((o) => o.code === 'ERR_DI_SIGNATURE')).toBe(true);
    });
  }

  it('a proof chain whose previousProof is missing fails', async () => {
    const doc = JSON.parse(readVectorText('w3c-vc-di-eddsa/proof-set-chain/signedProofChain2.json')) as {
      proof: unknown[];
    };
    const outcomes = await verifyDataIntegrity(
      { ...doc, proof: doc.proof.slice(2) },
      { resolve: offline, now: offline.now },
    );
    expect(outcomes.map((o) => o.code)).toContain('ERR_DI_PREVIOUS_PROOF_MISSING');
  });

  it('wrong proofPurpose and expired proofs are refused', async () => {
    const doc = JSON.parse(readVectorText('w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json')) as {
      proof: Record<string, unknown>;
    };
    const purpose = await verifyDataIntegrity(
      { ...doc, proof: { ...doc.proof, proofPurpose: 'authentication' } },
      { resolve: offline, now: offline.now },
    );
    expect(purpose[0]?.code).toBe('ERR_DI_PROOF_PURPOSE');
    const expired = await verifyDataIntegrity(
      { ...doc, proof: { ...doc.proof, expires: '2020-01-01T00:00:00Z' } },
      { resolve: offline, now: offline.now },
    );
    expect(expired[0]?.code).toBe('ERR_DI_PROOF_EXPIRED');
  });

  it('the OB 3.0 extension-type rule is named when it applies (complete_v1.json)', async () => {
    const r = await canonizeRdfc(unsecured('1edtech-dc-public-validator/ob30/complete_v1.json'));
    expect(r.ok && r.rules.join(' ')).toMatch(/OB3-EXTENSION-TYPES \(1EdTechJsonSchemaValidator2019\)/);
  });
});
