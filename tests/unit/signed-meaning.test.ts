/**
 * Signed meaning (issue 14): every JSON-LD-equivalent rewrite of every RDF-signed vector and
 * fixture either keeps the original's verdict and displayed elements or is refused — it never
 * gets a better verdict. The hiding rewrites must keep the signature valid (so they really are
 * the same graph) and be refused by `proof.form`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyEnv } from '../../lib/model/env';
import type { VerificationReport, Verdict } from '../../lib/model/report';
import { verifyCredential } from '../../lib/verify';
import { REWRITES } from '../support/rewrites';
import { CLAIMS } from '../support/verdict-rank';
import { fixtureRoutes, readFixture, VC_ROUTES } from '../support/vc-web';
import { createVectorFetch } from '../support/vector-web';
import { VECTORS_DIR } from '../support/vectors';

type Json = Record<string, unknown>;

/** Better verdicts rank higher. */
const RANK = CLAIMS;

const TRUSTED = 'did:web:issuer.credlens.test';
function env(): VerifyEnv {
  return {
    fetch: createVectorFetch({ ...fixtureRoutes(), ...VC_ROUTES }),
    now: () => new Date('2024-06-01T00:00:00Z'),
    trust: {
      // The fixture issuer is on the organisation's allow-list, so the originals can reach ✔ verified.
      lookupIssuer: async (ids: string[]) => ({
        hits: ids.includes(TRUSTED)
          ? [{ sourceId: 'org', sourceName: 'Organisation list', list: 'allow' as const, entryId: TRUSTED }]
          : [],
        consulted: ['org'],
      }),
    },
  } as unknown as VerifyEnv;
}

function rdfSignedVectors(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(json|jsonld)$/.test(f)) out.push(p);
    }
  };
  for (const d of [
    '1edtech-dc-public-validator',
    'w3c-vc-di-eddsa',
    'w3c-vc-di-ecdsa',
    '1edtech-openbadges-specification',
  ])
    walk(join(VECTORS_DIR, d));
  return out.filter((p) => {
    try {
      const doc = JSON.parse(readFileSync(p, 'utf8')) as Json;
      return (
        doc !== null && typeof doc === 'object' && doc.proof !== undefined && doc['@context'] !== undefined
      );
    } catch {
      return false;
    }
  });
}

const FIXTURES = [
  'ob3-di-didweb.json',
  'ob3-di-revoked.json',
  'ob3-di-suspended.json',
  'ob3-di-expired.json',
  'ob3-di-didkey.json',
  'ob3-di-endorsement-revoked.json',
  'vc1-di-expired.json',
];

const verify = (doc: Json, name: string) =>
  verifyCredential({ kind: 'text', text: JSON.stringify(doc), name }, env());

const jcs = (doc: Json) => JSON.stringify(doc.proof ?? '').includes('-jcs-');
const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id);
const shown = (r: VerificationReport) =>
  JSON.stringify({ elements: r.elements, issuer: r.issuer, credential: r.credential });

async function cases(): Promise<{ name: string; doc: Json; original: VerificationReport }[]> {
  const out = [];
  for (const f of FIXTURES) {
    const doc = JSON.parse(readFixture(f)) as Json;
    out.push({ name: `fixture ${f}`, doc, original: await verify(doc, f) });
  }
  for (const p of rdfSignedVectors()) {
    const doc = JSON.parse(readFileSync(p, 'utf8')) as Json;
    const original = await verify(doc, p);
    // Only documents whose RDF signature verifies can be rewritten without breaking it.
    if (check(original, 'proof.signature')?.status !== 'passed' || check(original, 'proof.form')) continue;
    out.push({ name: p.slice(VECTORS_DIR.length + 1), doc, original });
  }
  return out;
}

describe('signed meaning: JSON-LD-equivalent rewrites never improve a verdict', async () => {
  const all = await cases();
  /** Rewrite → how many documents it applied to with the signature intact (and was refused). */
  const caught = new Map<string, number>();

  it('the corpus is real: fixtures with each verdict, and vectors whose signatures verify', () => {
    const verdicts = new Set(all.map((c) => c.original.verdict));
    for (const v of ['verified', 'revoked', 'expired'] as Verdict[]) expect(verdicts).toContain(v);
    expect(all.length).toBeGreaterThan(25);
  });

  for (const c of all) {
    it(`${c.name} (${c.original.verdict})`, async () => {
      let applied = 0;
      for (const rw of REWRITES) {
        const doc = rw.apply(c.doc);
        if (!doc) continue;
        applied++;
        const r = await verify(doc, `${c.name} / ${rw.name}`);
        const label = `${rw.name}: ${r.verdict} ${JSON.stringify(r.checks.filter((x) => x.status !== 'passed').map((x) => [x.id, x.code]))}`;
        expect(RANK[r.verdict], label).toBeLessThanOrEqual(RANK[c.original.verdict]);
        const refused = check(r, 'proof.form')?.status === 'failed';
        if (rw.kind === 'hiding') {
          // Refused, by the form check (the same graph: the signature still verifies) or, where the
          // rewrite is not exactly the same graph for this document, by the signature itself.
          expect(r.verdict, label).toBe('invalid');
          expect(check(r, 'status.revocation')?.status ?? 'skipped', label).toBe('skipped');
          if (check(r, 'proof.signature')?.status === 'passed') {
            expect(refused, label).toBe(true);
            caught.set(rw.name, (caught.get(rw.name) ?? 0) + 1);
          }
        } else if (!jcs(c.doc)) {
          // (A JCS signature covers the JSON text itself: any rewrite of it breaks the signature.)
          expect(refused, label).toBe(false);
          expect(r.verdict, label).toBe(c.original.verdict);
          expect(shown(r), label).toBe(shown(c.original));
        }
      }
      expect(applied).toBeGreaterThan(1);
    });
  }

  it('every hiding rewrite kept a signature valid somewhere (it is the same graph) and was refused', () => {
    for (const rw of REWRITES.filter((x) => x.kind === 'hiding'))
      expect(caught.get(rw.name) ?? 0, rw.name).toBeGreaterThan(0);
  });
});

describe('signed meaning wherever an RDF-signed document is read', () => {
  const LIST = 'https://issuer.credlens.test/status/revocation';
  const envWith = (routes: Record<string, { body: string; contentType: string }>): VerifyEnv =>
    ({ ...env(), fetch: createVectorFetch({ ...fixtureRoutes(), ...VC_ROUTES, ...routes }) }) as VerifyEnv;

  it('a status list credential rewritten (its subject as a list inside a list) is not relied on', async () => {
    const list = JSON.parse(fixtureRoutes()[LIST]!.body as string) as Json;
    list.credentialSubject = [[list.credentialSubject]];
    const r = await verifyCredential(
      { kind: 'text', text: readFixture('ob3-di-revoked.json') },
      envWith({ [LIST]: { body: JSON.stringify(list), contentType: 'application/json' } }),
    );
    const status = check(r, 'status.revocation');
    expect([status?.code, r.verdict]).toEqual(['ERR_STATUS_LIST_UNVERIFIED', 'unverifiable']);
    // Read on its own, the rewritten list keeps its signature and is refused for its form.
    const alone = await verify(list, 'rewritten list');
    expect([check(alone, 'proof.signature')?.status, check(alone, 'proof.form')?.status]).toEqual([
      'passed',
      'failed',
    ]);
  });

  it('an embedded endorsement rewritten (its status under the full IRI) makes the document refused', async () => {
    const doc = JSON.parse(readFixture('ob3-di-endorsement-revoked.json')) as Json;
    const achievement = (doc.credentialSubject as Json).achievement as Json;
    const endorsement = (achievement.endorsement as Json[])[0]!;
    endorsement['https://www.w3.org/2018/credentials#credentialStatus'] = endorsement.credentialStatus;
    delete endorsement.credentialStatus;
    const r = await verify(doc, 'endorsement rewrite');
    expect(check(r, 'proof.signature')?.status).toBe('passed');
    expect([check(r, 'proof.form')?.status, r.verdict]).toEqual(['failed', 'invalid']);
  });

  it('a baked copy of a rewritten revoked credential is refused like the JSON', async () => {
    const { badgePng, bakePng } = await import('../../scripts/lib/png.mjs');
    const doc = JSON.parse(readFixture('ob3-di-revoked.json')) as Json;
    doc.credentialStatus = [[doc.credentialStatus]];
    const png = bakePng(badgePng(32, [10, 80, 160]), 'openbadgecredential', JSON.stringify(doc));
    const r = await verifyCredential({ kind: 'bytes', bytes: new Uint8Array(png), name: 'baked.png' }, env());
    expect(check(r, 'proof.signature')?.status).toBe('passed');
    expect([check(r, 'proof.form')?.status, r.verdict]).toEqual(['failed', 'invalid']);
  });
});

describe('found by an attacker pass: ids respelled through prefixes, unsigned status types', () => {
  /** A fetch that reads addresses as a browser does (the URL parser), serving the attacker's host too. */
  const parsingEnv = (): VerifyEnv => {
    const inner = createVectorFetch({
      ...fixtureRoutes(),
      'https://credlens.test/status/revocation': {
        body: '{"revokedCredentials": []}',
        contentType: 'application/json',
      },
    });
    return {
      ...env(),
      fetch: (url, req) => {
        let parsed = url;
        try {
          const u = new URL(url);
          u.hash = '';
          parsed = u.href;
        } catch {
          // left as written
        }
        return inner(parsed, req);
      },
    } as VerifyEnv;
  };
  const revoked = () => JSON.parse(readFixture('ob3-di-revoked.json')) as Json;

  it('revoked + a prefix term named "https" + an unsigned 1EdTech type: refused, never verified', async () => {
    const doc = revoked();
    doc['@context'] = [
      ...(doc['@context'] as string[]),
      { https: { '@id': 'https://issuer.', '@prefix': true } },
    ];
    const entry = doc.credentialStatus as Json;
    entry.id = 'https:credlens.test/status/revocation#9';
    entry.type = ['1EdTechRevocationList', 'BitstringStatusListEntry'];
    const r = await verifyCredential({ kind: 'text', text: JSON.stringify(doc) }, parsingEnv());
    expect(check(r, 'proof.signature')?.status).toBe('passed');
    expect([check(r, 'proof.form')?.status, r.verdict]).toEqual(['failed', 'invalid']);
  });

  it('an id written through a prefix term of its own context is refused', async () => {
    const doc = revoked();
    doc['@context'] = [...(doc['@context'] as string[]), { st: 'https://issuer.credlens.test/status/' }];
    (doc.credentialStatus as Json).id = 'st:revocation#9';
    const r = await verifyCredential({ kind: 'text', text: JSON.stringify(doc) }, parsingEnv());
    expect(check(r, 'proof.signature')?.status).toBe('passed');
    expect([check(r, 'proof.form')?.status, r.verdict]).toEqual(['failed', 'invalid']);
    expect(check(r, 'proof.form')?.detail).toMatch(/compact IRI/);
  });

  it('a status entry naming a signed and an unsigned status method is not read', async () => {
    const doc = revoked();
    (doc.credentialStatus as Json).type = ['1EdTechRevocationList', 'BitstringStatusListEntry'];
    const r = await verifyCredential({ kind: 'text', text: JSON.stringify(doc) }, parsingEnv());
    expect(check(r, 'proof.signature')?.status).toBe('passed');
    expect([check(r, 'status.revocation')?.code, r.verdict]).toEqual([
      'ERR_STATUS_TYPE_AMBIGUOUS',
      'unverifiable',
    ]);
  });

  it("the learner's id respelled through a scheme-named prefix is refused", async () => {
    const doc = JSON.parse(readFixture('ob3-di-didweb.json')) as Json;
    doc['@context'] = [
      ...(doc['@context'] as string[]),
      { mailto: { '@id': 'did:example:learner-', '@prefix': true } },
    ];
    (doc.credentialSubject as Json).id = 'mailto:1';
    const r = await verify(doc, 'subject id respelled');
    expect(check(r, 'proof.signature')?.status).toBe('passed');
    expect([check(r, 'proof.form')?.status, r.verdict]).toEqual(['failed', 'invalid']);
  });
});
