/**
 * Untrusted input, mechanically: real samples of every format (read in place from
 * ../shared/vectors, plus our generated fixtures), damaged in reproducible ways (truncated, a byte
 * changed, bytes inserted, a value blown up, nesting deepened). Whatever the damage, the verifier
 * answers: it never throws, never hangs (the test timeout), and returns a well-formed report
 * with a known verdict, a reason for every check, and plain JSON. Damage that breaks the
 * container or the signature may not pass silently: a truncated signed input is never verified.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERDICT_ORDER, type VerificationReport } from '../../lib/model/report';
import { verifyCredential } from '../../lib/verify';
import { fixtureRoutes } from '../support/vc-web';
import { createVectorFetch } from '../support/vector-web';
import { readVector } from '../support/vectors';
import { rng } from '../support/rng';

const ELM = 'ec-european-learning-model/Credentials/';
const SAMPLES: Record<string, () => Uint8Array> = {
  'OB 2.0 hosted JSON': () => readVector('1edtech-dc-public-validator/ob20/assertion-with-endorsements.json'),
  'OB 2.0 baked PNG': () => readVector('mozilla-openbadges-backpack/valid-baked.png'),
  'OB 2.0 baked SVG': () => readVector('mozilla-openbadges-bakery/baked.svg'),
  'OB 3.0 Data Integrity': () => readVector('w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json'),
  'OB 3.0 JSON (1EdTech)': () => readVector('1edtech-dc-public-validator/ob30/simple.json'),
  'VC-JWT (generated)': () => readFileSync(new URL('../fixtures/vc/ob3-jwt-didjwk.jwt', import.meta.url)),
  'EDC JAdES': () => readVector(`${ELM}JSON-LD Examples (ELM v3)/Sample-CertOfPart-signed.jsonld`),
  'EDCI XML': () => readVector(`${ELM}XML Examples (ELM v2)/EDC_DiplomaSupplement_AA.xml`),
};

type Damage = (bytes: Uint8Array, r: () => number) => Uint8Array;
const at = (bytes: Uint8Array, r: () => number): number => Math.floor(r() * bytes.length);
const DAMAGE: Record<string, Damage> = {
  truncated: (b, r) => b.slice(0, Math.max(1, Math.floor(b.length * (0.2 + 0.7 * r())))),
  'one byte changed': (b, r) => {
    const out = b.slice();
    const i = at(b, r);
    out[i] = (out[i] ?? 0) ^ (1 + Math.floor(r() * 254));
    return out;
  },
  'bytes inserted': (b, r) => {
    const i = at(b, r);
    const junk = Uint8Array.from({ length: 16 }, () => Math.floor(r() * 256));
    return Uint8Array.from([...b.slice(0, i), ...junk, ...b.slice(i)]);
  },
  'a string blown up': (b) => {
    const text = new TextDecoder().decode(b);
    const blown = text.replace(/"([^"\\]{3,40})"/, (_m, s: string) => `"${s.repeat(20_000).slice(0, 400_000)}"`);
    return new TextEncoder().encode(blown);
  },
  'nesting deepened': (b) => {
    const text = new TextDecoder().decode(b);
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    return new TextEncoder().encode(text.replace(/:\s*"/, `: ${deep}, "x": "`));
  },
};

const env = () => ({
  fetch: createVectorFetch(fixtureRoutes()),
  now: () => new Date('2024-06-01T00:00:00Z'),
  trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
});

function wellFormed(r: VerificationReport): void {
  expect(VERDICT_ORDER).toContain(r.verdict);
  expect(r.summary.length).toBeGreaterThan(10);
  expect(r.checks.length).toBeGreaterThan(0);
  for (const c of r.checks) {
    expect(c.id).toMatch(/^[a-z]+(\.[a-zA-Z0-9-]+)+$/);
    expect(c.message.length).toBeGreaterThan(5);
  }
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
}

describe('damaged inputs always get a well-formed verdict', () => {
  for (const [sample, read] of Object.entries(SAMPLES)) {
    for (const [damage, apply] of Object.entries(DAMAGE)) {
      it(`${sample}: ${damage}`, async () => {
        const original = read();
        const r = rng(original.length * 31 + damage.length);
        for (let round = 0; round < 3; round++) {
          const bytes = apply(original, r);
          const report = await verifyCredential({ kind: 'bytes', bytes, name: `${sample} (${damage} #${round})` }, env());
          wellFormed(report);
          // A signed credential cut short has lost its signature or its content: never verified.
          if (damage === 'truncated' && sample !== 'OB 2.0 hosted JSON') expect(report.verdict).not.toMatch(/^verified/);
        }
      }, 30_000);
    }
  }
});
