/**
 * Conformance over every Open Badges 2.0 / 1.x sample in ../shared/vectors (read in place).
 * Each row names the MANIFEST's expected outcome and asserts the verdict-driving check (id,
 * status, code) so negatives fail for the right reason. The hosted assertions' own ids have no
 * file upstream: as the MANIFEST says, the input itself is served at its id.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { acquireInput } from '../../lib/acquire/acquire';
import { ob2Format } from '../../lib/formats/ob2/index';
import type { Acquired } from '../../lib/model/format';
import type { CheckStatus, Verdict } from '../../lib/model/report';
import { gradeVerdict } from '../../lib/report/grade';
import { createVectorContext, type ExtraRoute } from '../support/vector-web';
import { readVector, readVectorText, vectorPath } from '../support/vectors';

const V = '1edtech-dc-public-validator/ob20/';
const SPEC = '1edtech-openbadges-specification/extracted/ob2/';

interface Row {
  file: string;
  manifest: string;
  verdict: Verdict;
  /** The check that drives the verdict (or proves the pass). */
  check: [id: string, status: CheckStatus, code: string];
  /** Serve the input itself at its own id (hosted assertions). */
  serveSelf?: boolean;
  routes?: Record<string, ExtraRoute>;
  now?: string;
  /** Why CredLens differs from the upstream expectation, where it does. */
  note?: string;
}

const ok = (id = 'proof.hosted', code = 'OK_OB2_HOSTED'): Row['check'] => [id, 'passed', code];
const notAssertion: Row['check'] = ['format.recognized', 'failed', 'ERR_OB2_NOT_AN_ASSERTION'];

const JSON_ROWS: Row[] = [
  {
    file: `${V}assertion-with-data-image.json`,
    manifest: 'FAIL (data: URI image)',
    verdict: 'invalid',
    check: ['format.schema', 'failed', 'ERR_OB2_SCHEMA'],
    serveSelf: true,
  },
  {
    file: `${V}assertion-with-endorsements.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  {
    file: `${V}assertion-with-extension-node-basic.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  // Deviation: the extension's JSON schema (openbadgespec.org) is not bundled; extensions are kept as claims.
  {
    file: `${V}assertion-with-extension-node-invalid.json`,
    manifest: 'FAIL (extension schema) — not checked',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  {
    file: `${V}assertion-with-multiple-extensions.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  {
    file: `${V}badge-class-with-language.json`,
    manifest: 'BadgeClass input',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${V}basic-assertion-expired-before-issued.json`,
    manifest: 'FAIL (expires before issuedOn)',
    verdict: 'invalid',
    check: ['validity.window', 'failed', 'ERR_OB2_EXPIRES_BEFORE_ISSUED'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-expired.json`,
    manifest: 'EXPIRED',
    verdict: 'expired',
    check: ['validity.window', 'failed', 'ERR_OB2_EXPIRED'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-in-future.json`,
    manifest: 'FAIL (issuedOn in future)',
    verdict: 'expired',
    check: ['validity.window', 'failed', 'ERR_NOT_YET_VALID'],
    note: 'one meaning of "not yet valid" in every format: outside its validity window, not tampered',
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-invalid-context.json`,
    manifest: 'FAIL (invalid @context)',
    verdict: 'unverifiable',
    check: ['format.schema', 'error', 'ERR_JSONLD_CONTEXT_UNKNOWN'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-invalid-type.json`,
    manifest: 'FAIL (invalid type)',
    verdict: 'invalid',
    check: ['format.schema', 'failed', 'ERR_JSONLD_UNSAFE'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-no-public-key.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json`,
    manifest: 'FAIL (startsWith)',
    verdict: 'invalid',
    check: ['issuer.identity', 'failed', 'ERR_OB2_HOSTED_OUTSIDE_POLICY'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-with-allowed-origins-invalid-starts-with.json`,
    manifest: 'FAIL (startsWith)',
    verdict: 'invalid',
    check: ['issuer.identity', 'failed', 'ERR_OB2_HOSTED_OUTSIDE_POLICY'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-with-allowed-origins-valid-multiple-starts-with.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ['issuer.identity', 'passed', 'OK_OB2_HOSTED_ON_ISSUER_DOMAIN'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-with-allowed-origins-valid-starts-with.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ['issuer.identity', 'passed', 'OK_OB2_HOSTED_ON_ISSUER_DOMAIN'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-with-allowed-origins.json`,
    manifest: 'VALID (allowedOrigins)',
    verdict: 'verified',
    check: ['issuer.identity', 'passed', 'OK_OB2_HOSTED_ON_ISSUER_DOMAIN'],
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion-with-language.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  {
    file: `${V}basic-assertion.json`,
    manifest: 'VALID (here its id redirects to another origin that serves it)',
    verdict: 'invalid',
    check: ['issuer.identity', 'failed', 'ERR_OB2_HOSTED_OUTSIDE_POLICY'],
    routes: {
      'https://example.org/beths-robotics-badge.json': { redirectTo: 'https://mirror.example/beths.json' },
      'https://mirror.example/beths.json': { file: `${V}basic-assertion.json` },
    },
    note: "the origin of the address finally served counts, not only the id's (issue 14)",
  },
  {
    file: `${V}basic-assertion.json`,
    manifest: 'VALID',
    verdict: 'verified',
    check: ['issuer.identity', 'passed', 'OK_OB2_HOSTED_ON_ISSUER_DOMAIN'],
    serveSelf: true,
  },
  {
    file: `${V}issuer-compact-iri-validation.json`,
    manifest: 'VALID (Issuer input)',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${V}warning-issuer-non-http.json`,
    manifest: 'VALID with WARNING',
    verdict: 'verified',
    check: ['issuer.identity', 'warning', 'WARN_OB2_ISSUER_NOT_WEB'],
    serveSelf: true,
  },
  {
    file: `${V}warning-with-redirection.json`,
    manifest: 'VALID with WARNING',
    verdict: 'verified',
    check: ['format.schema', 'warning', 'WARN_OB2_ID_DIFFERS'],
    serveSelf: true,
  },
  {
    file: `${V}rdf-validation/badge-class-invalid-issuer-type.json`,
    manifest: 'FAIL (issuer type)',
    verdict: 'invalid',
    check: ['format.schema', 'failed', 'ERR_OB2_SCHEMA'],
  },
  {
    file: `${V}rdf-validation/invalid-class.json`,
    manifest: 'FAIL (RDF class)',
    verdict: 'invalid',
    check: ['format.schema', 'failed', 'ERR_JSONLD_UNSAFE'],
  },
  {
    file: `${V}rdf-validation/invalid-empty-type.json`,
    manifest: 'FAIL (empty type)',
    verdict: 'invalid',
    check: ['format.schema', 'failed', 'ERR_OB2_SCHEMA'],
  },
  {
    file: `${V}rdf-validation/invalid-one-invalid-class.json`,
    manifest: 'FAIL (one invalid class)',
    verdict: 'invalid',
    check: ['format.schema', 'failed', 'ERR_JSONLD_UNSAFE'],
  },
  {
    file: `${V}rdf-validation/valid-alignment-object.json`,
    manifest: 'VALID',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${V}rdf-validation/valid-badge-class-empty-criteria-type.json`,
    manifest: 'VALID',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${V}rdf-validation/valid-badge-class.json`,
    manifest: 'VALID',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${V}rdf-validation/valid-cool-class.json`,
    manifest: 'VALID',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${V}rdf-validation/valid-issuer-extension.json`,
    manifest: 'VALID',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${SPEC}assertion-hosted.json`,
    manifest: 'EXPIRED',
    verdict: 'expired',
    check: ['validity.window', 'failed', 'ERR_OB2_EXPIRED'],
    serveSelf: true,
  },
  {
    file: `${SPEC}assertion-hosted.json`,
    manifest: 'hosted id answers 410 with the revoked body → REVOKED',
    verdict: 'revoked',
    check: ['status.revocation', 'failed', 'ERR_OB2_REVOKED'],
    routes: {
      'https://example.org/beths-robotics-badge.json': {
        status: 410,
        file: `${SPEC}revoked-hosted-assertion.json`,
      },
    },
  },
  {
    file: `${SPEC}signed-assertion-claims.json`,
    manifest: 'decoded claims of a signed badge (no JWS)',
    verdict: 'unverifiable',
    check: ['proof.signature', 'error', 'ERR_OB2_SIGNATURE_MISSING'],
  },
  {
    file: `${SPEC}issuer-profile.json`,
    manifest: 'Issuer Profile',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${SPEC}revocation-list.json`,
    manifest: 'RevocationList',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  {
    file: `${SPEC}cryptographic-key-abbreviated.json`,
    manifest: 'CryptographicKey (abbreviated PEM)',
    verdict: 'unverifiable',
    check: notAssertion,
  },
  // The revoked body itself, given as a file: only an id and revoked: true.
  {
    file: `${SPEC}revoked-hosted-assertion.json`,
    manifest: 'revoked body',
    verdict: 'unverifiable',
    check: notAssertion,
  },
];

const JWS_ROWS: Row[] = [
  {
    file: `${V}simple.jwt`,
    manifest: 'VALID (key1)',
    verdict: 'verified',
    check: ['proof.signature', 'passed', 'OK_OB2_JWS'],
  },
  {
    file: `${V}simple-not-revoked.jwt`,
    manifest: 'VALID (list, not listed)',
    verdict: 'verified',
    check: ['status.revocation', 'passed', 'OK_OB2_NOT_REVOKED'],
  },
  {
    file: `${V}simple-revoked.jwt`,
    manifest: 'REVOKED',
    verdict: 'revoked',
    check: ['status.revocation', 'failed', 'ERR_OB2_REVOKED'],
  },
  // Spec JWS (whitespace removed): its key https://example.org/publicKey does not exist, and the issuer does not list it.
  {
    file: `${SPEC}signed-assertion-spaced.jws.txt`,
    manifest: 'INVALID / unknown key',
    verdict: 'unverifiable',
    check: ['proof.signature', 'error', 'ERR_OB2_UNREACHABLE'],
  },
];

const IMAGE_ROWS: Row[] = [
  {
    file: `${V}simple-badge.png`,
    manifest: 'VALID (baked PNG)',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  {
    file: '1edtech-openbadges-validator-core/baked_heart.png',
    manifest: 'VALID extraction; hosted',
    verdict: 'verified',
    check: ok(),
    serveSelf: true,
  },
  {
    file: 'mozilla-openbadges-backpack/valid-baked.png',
    manifest: 'OB 1.x URL, no hosted file',
    verdict: 'unverifiable',
    check: ['proof.hosted', 'error', 'ERR_SOURCE_UNREACHABLE'],
  },
  {
    file: 'mozilla-openbadges-backpack/404.png',
    manifest: 'hosted assertion 404',
    // The issuer's server says the badge does not exist: a red flag (issue 16), not "could not check".
    verdict: 'invalid',
    check: ['proof.hosted', 'failed', 'ERR_SOURCE_NOT_FOUND'],
    routes: { 'https://example.org/404': { status: 404, body: 'not found' } },
  },
  {
    file: 'mozilla-openbadges-bakery/baked.svg',
    manifest: 'OB 1.0 {verify:{url}}; URL unreachable',
    verdict: 'unverifiable',
    check: ['proof.hosted', 'error', 'ERR_OB1_HOSTED_UNREACHABLE'],
  },
];

function verdictOf(checks: Parameters<typeof gradeVerdict>[0]): Verdict {
  return gradeVerdict(checks);
}

async function run(acquired: Acquired, row: Row, selfBody?: string) {
  const routes: Record<string, ExtraRoute> = { ...row.routes };
  if (row.serveSelf && acquired.payload.type === 'json') {
    const id = (acquired.payload.value as { id?: unknown }).id;
    if (typeof id === 'string' && !routes[id])
      routes[id] = selfBody !== undefined ? { body: selfBody } : { file: row.file };
  }
  const ctx = createVectorContext({ extraRoutes: routes, ...(row.now ? { now: new Date(row.now) } : {}) });
  expect(ob2Format.claims(acquired)).toBe(true);
  return { result: await ob2Format.verify(acquired, ctx), ctx };
}

function assertRow(row: Row, checks: Parameters<typeof gradeVerdict>[0]): void {
  const [id, status, code] = row.check;
  const c = checks.find((x) => x.id === id);
  expect(c, `${row.file}: check ${id}`).toBeDefined();
  expect({ id: c?.id, status: c?.status, code: c?.code }).toEqual({ id, status, code });
  expect(verdictOf(checks)).toBe(row.verdict);
}

describe('OB 2.0 / 1.x conformance (../shared/vectors)', () => {
  it('covers every OB 2.0 JSON/JWT sample in the validator corpus', () => {
    const listed = new Set([...JSON_ROWS, ...JWS_ROWS].map((r) => r.file));
    const all = readdirSync(vectorPath(V))
      .filter((f) => /\.(json|jwt)$/.test(f))
      .map((f) => V + f)
      .concat(readdirSync(vectorPath(`${V}rdf-validation`)).map((f) => `${V}rdf-validation/${f}`))
      .filter((f) => f !== `${V}redirected-validation-subject.json`);
    expect(all.filter((f) => !listed.has(f))).toEqual([]);
  });

  it.each(JSON_ROWS)('$file → $verdict ($manifest)', async (row) => {
    const text = readVectorText(row.file);
    const acquired: Acquired = {
      container: 'json',
      payload: { type: 'json', value: JSON.parse(text) as unknown, text },
      source: row.file,
      checks: [],
    };
    const { result } = await run(acquired, row);
    assertRow(row, result.checks);
  });

  it.each(JWS_ROWS)('$file → $verdict ($manifest)', async (row) => {
    const token = readVectorText(row.file).replace(/\s+/g, '');
    const acquired: Acquired = {
      container: 'jws',
      payload: { type: 'jws', token },
      source: row.file,
      checks: [],
    };
    const { result } = await run(acquired, row);
    assertRow(row, result.checks);
  });

  it.each(IMAGE_ROWS)('$file → $verdict ($manifest)', async (row) => {
    const input = { kind: 'bytes' as const, bytes: readVector(row.file), name: row.file };
    // First unbake to learn the embedded JSON (served at its own id), then verify through the vector web.
    const probe = await acquireInput(input, createVectorContext().fetch);
    const embedded =
      probe.ok && probe.acquired.payload.type === 'json' ? probe.acquired.payload.text : undefined;
    const routes: Record<string, ExtraRoute> = { ...row.routes };
    if (row.serveSelf && embedded !== undefined) {
      const id = (JSON.parse(embedded) as { id: string }).id;
      routes[id] = { body: embedded };
    }
    const ctx = createVectorContext({ extraRoutes: routes });
    const acquired = await acquireInput(input, ctx.fetch);
    expect(acquired.ok).toBe(true);
    if (!acquired.ok) return;
    expect(ob2Format.claims(acquired.acquired)).toBe(true);
    const result = await ob2Format.verify(acquired.acquired, ctx);
    assertRow(row, result.checks);
  });

  it('the spec baked SVG (as published) is not well-formed XML; its CDATA assertion is unverifiable (no hosted file)', async () => {
    const svg = readVectorText(`${SPEC}baking-spec-example-1.svg`);
    const acquiredSvg = await acquireInput(
      { kind: 'text', text: svg, name: 'baking-spec-example-1.svg' },
      createVectorContext().fetch,
    );
    expect(acquiredSvg.ok).toBe(false);
    const json = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(svg)?.[1] ?? '';
    const acquired: Acquired = {
      container: 'svg',
      payload: { type: 'json', value: JSON.parse(json) as unknown, text: json },
      source: 'svg',
      checks: [],
    };
    const ctx = createVectorContext();
    const result = await ob2Format.verify(acquired, ctx);
    assertRow(
      {
        file: 'svg',
        manifest: '',
        verdict: 'unverifiable',
        check: ['proof.hosted', 'error', 'ERR_OB2_UNREACHABLE'],
      },
      result.checks,
    );
    expect(result.credential.recipient).toBe('e-mail alice@example.org');
  });

  it('unparseable spec extracts are not claimed as JSON (acquire rejects them)', async () => {
    for (const f of [
      `${SPEC}badgeclass.json`,
      `${SPEC}assertion-embedded-linked-data.json`,
      `${V}redirected-validation-subject.json`,
    ]) {
      const r = await acquireInput(
        { kind: 'text', text: readVectorText(f), name: f },
        createVectorContext().fetch,
      );
      expect(r.ok, f).toBe(false);
    }
  });
});
