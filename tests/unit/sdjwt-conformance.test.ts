/**
 * Conformance over every SD-JWT / SD-JWT VC sample in ../shared/vectors (read in place):
 * ietf-sd-jwt-specs (RFC 9901 and SD-JWT VC draft examples), eudi-sdjwt-vc (EUDI reference
 * implementation) and the SD-JWT samples of w3c-vc-jose-cose-test-suite. Each row names the
 * MANIFEST's expectation, the instant it is evaluated at (`now`, chosen inside the sample's
 * validity window as the MANIFEST gives it, or after it where the row says so) and asserts the
 * verdict plus the check that drives it.
 *
 * Issuer keys: the spec examples have no published issuer metadata (MANIFEST: "use the
 * settings.yml key directly"), so rows marked `published` serve, at the issuer's
 * `/.well-known/jwt-vc-issuer` address, JWT VC Issuer Metadata built at test time from the public
 * part of the settings.yml example key — the lookup itself is then exercised for real. Without that
 * route the same sample is unverifiable offline (a row shows it). The W3C samples' key is served as
 * their issuer's controller document (assembled from vm-*.json, as in vc-conformance).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VerifyEnv } from '../../lib/model/env';
import type { CheckStatus, Verdict } from '../../lib/model/report';
import { verifyCredential } from '../../lib/verify';
import { createVectorFetch, type ExtraRoute } from '../support/vector-web';
import { readVector, readVectorText, vectorPath } from '../support/vectors';

const R = 'ietf-sd-jwt-specs/sd-jwt/';
const V = 'ietf-sd-jwt-specs/sd-jwt-vc/';
const E = 'eudi-sdjwt-vc/';
const J = 'w3c-vc-jose-cose-test-suite/input/';

/** The public part of the example issuer key of a settings.yml (issuer_keys[0] / issuer_key). */
function settingsKey(file: string): JsonWebKey {
  const text = readVectorText(file);
  const block = /issuer_keys?:\s*\n(?:\s*-)?([\s\S]*?)\n\s*\n/.exec(text)?.[1] ?? '';
  const get = (k: string): string => new RegExp(`\\b${k}:\\s*(\\S+)`).exec(block)?.[1] ?? '';
  return { kty: 'EC', crv: get('crv'), x: get('x'), y: get('y') };
}

const json = (v: unknown): ExtraRoute => ({ body: JSON.stringify(v), contentType: 'application/json' });
const published = (iss: string, key: JsonWebKey): Record<string, ExtraRoute> => {
  const u = new URL(iss);
  return {
    [`${u.origin}/.well-known/jwt-vc-issuer${u.pathname.replace(/\/$/, '')}`]: json({
      issuer: iss,
      jwks: { keys: [key] },
    }),
  };
};
const RFC_KEY = settingsKey(`${R}settings.yml`);
const VC_KEY = settingsKey(`${V}settings.yml`);

/** The body of an HTTP response file (fig14: status line, headers, blank line, JSON). */
function httpBody(file: string): string {
  const text = readVectorText(file).replace(/\r\n/g, '\n');
  return text.slice(text.indexOf('\n\n') + 2);
}

/** The vc-jose-cose issuer's controller document, from every vm-*.json (secret parts dropped). */
function joseController(): string {
  const id = 'https://example.issuer/vc-jose-cose';
  const methods = ['vm-ed25519.json', 'vm-p256.json', 'vm-p384.json', 'vm-p521.json'].map((f) => {
    const vm = JSON.parse(readFileSync(vectorPath(`${J}${f}`), 'utf8')) as Record<string, unknown>;
    delete vm.secretKeyJwk;
    return vm;
  });
  return JSON.stringify({
    '@context': ['https://www.w3.org/ns/did/v1'],
    id,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  });
}
const JOSE: Record<string, ExtraRoute> = {
  'https://example.issuer/vc-jose-cose': { body: joseController(), contentType: 'application/json' },
};

/** The Kotlin examples' RSA issuer key (examplesIssuerKey.json), public part only. */
function kotlinKey(): JsonWebKey {
  const k = JSON.parse(readVectorText(`${E}eudi-lib-jvm-sdjwt-kt/examplesIssuerKey.json`)) as Record<
    string,
    string
  >;
  return { kty: 'RSA', n: k.n ?? '', e: k.e ?? '' };
}

interface Row {
  file: string;
  manifest: string;
  now: string;
  routes?: Record<string, ExtraRoute>;
  nonce?: string;
  aud?: string;
  verdict: Verdict;
  check: [id: string, status: CheckStatus, code: string];
  signature?: CheckStatus;
  note?: string;
}

/** RFC 9901 KB-JWTs are dated 1748536865 (2025-05-29T16:41:05Z); the VC draft's 1787325881 (2026-08-21). */
const RFC_KB_NOW = '2025-05-29T16:42:00Z';
const VC_KB_NOW = '2026-08-21T15:25:00Z';

const ROWS: Row[] = [
  // --- RFC 9901 examples (issuer key published at test time; see header) ---
  {
    file: `${R}s5.1-issued-sd-jwt.txt`,
    manifest: 'VALID; exp 2029-09-01',
    now: '2025-06-01T00:00:00Z',
    routes: published('https://issuer.example.com', RFC_KEY),
    verdict: 'verified-untrusted',
    check: ['proof.disclosures', 'passed', 'OK_SDJWT_DISCLOSURES'],
    signature: 'passed',
    note: 'holder binding not presented: warning only (a credential file)',
  },
  {
    file: `${R}s5.1-issued-sd-jwt.txt`,
    manifest: 'VALID, but no issuer metadata exists for https://issuer.example.com',
    now: '2025-06-01T00:00:00Z',
    verdict: 'unverifiable',
    check: ['proof.signature', 'failed', 'ERR_ISSUER_METADATA_UNREACHABLE'],
    note: 'offline without the published key: unverifiable, never valid',
  },
  {
    file: `${R}s5.1-issued-sd-jwt.txt`,
    manifest: 'VALID issuance, but no KB-JWT while the verifier requires one',
    now: '2025-06-01T00:00:00Z',
    routes: published('https://issuer.example.com', RFC_KEY),
    nonce: '1234567890',
    verdict: 'unverifiable',
    check: ['proof.keyBinding', 'failed', 'ERR_KB_MISSING'],
    signature: 'passed',
  },
  {
    file: `${R}s5.2-presentation-sd-jwt-kb.txt`,
    manifest: 'VALID with nonce 1234567890 / aud https://verifier.example.org (KB iat 2025-05-29)',
    now: RFC_KB_NOW,
    routes: published('https://issuer.example.com', RFC_KEY),
    nonce: '1234567890',
    aud: 'https://verifier.example.org',
    verdict: 'verified-untrusted',
    check: ['proof.keyBinding', 'passed', 'OK_KB'],
    signature: 'passed',
  },
  {
    file: `${R}s5.2-presentation-sd-jwt-kb.txt`,
    manifest: 'KB iat = 2025-05-29: fails a strict freshness window',
    now: '2026-12-07T00:00:00Z',
    routes: published('https://issuer.example.com', RFC_KEY),
    nonce: '1234567890',
    aud: 'https://verifier.example.org',
    verdict: 'invalid',
    check: ['proof.keyBinding', 'failed', 'ERR_KB_STALE'],
    note: 'with a nonce expected, a binding older than 10 minutes is not an answer to the request',
  },
  {
    file: `${R}s5.2-presentation-sd-jwt-kb.txt`,
    manifest: 'VALID; read as a file (no nonce / audience expected)',
    now: '2026-12-07T00:00:00Z',
    routes: published('https://issuer.example.com', RFC_KEY),
    verdict: 'verified-untrusted',
    check: ['proof.keyBinding', 'passed', 'OK_KB'],
  },
  {
    file: `${R}a1-structured-presentation.txt`,
    manifest: 'VALID (2 disclosures, no KB)',
    now: '2025-06-01T00:00:00Z',
    routes: published('https://issuer.example.com', RFC_KEY),
    verdict: 'verified-untrusted',
    check: ['proof.disclosures', 'passed', 'OK_SDJWT_DISCLOSURES'],
    signature: 'passed',
  },
  {
    file: `${R}a3-sd-jwt-vc-issued.txt`,
    manifest: 'VALID (27 disclosures incl. recursive age_equal_or_over)',
    now: '2025-06-01T00:00:00Z',
    routes: published('https://pid-issuer.bund.de.example', RFC_KEY),
    verdict: 'verified-untrusted',
    check: ['proof.disclosures', 'passed', 'OK_SDJWT_DISCLOSURES'],
    signature: 'passed',
  },
  {
    file: `${R}a3-sd-jwt-vc-presentation-kb.txt`,
    manifest: 'VALID with nonce 1234567890 / aud https://verifier.example.org',
    now: RFC_KB_NOW,
    routes: published('https://pid-issuer.bund.de.example', RFC_KEY),
    nonce: '1234567890',
    aud: 'https://verifier.example.org',
    verdict: 'verified-untrusted',
    check: ['proof.keyBinding', 'passed', 'OK_KB'],
    signature: 'passed',
  },
  {
    file: `${R}a4-w3c-vcdm-presentation-kb.txt`,
    manifest: 'VALID signature/KB/sd_hash (W3C VCDM 1.1 payload, issuer https://example.com/issuer)',
    now: RFC_KB_NOW,
    routes: published('https://example.com/issuer', RFC_KEY),
    nonce: '1234567890',
    aud: 'https://verifier.example.org',
    verdict: 'verified-untrusted',
    check: ['proof.keyBinding', 'passed', 'OK_KB'],
    signature: 'passed',
    note: 'no iss: the VC `issuer` names the issuer (VC-JOSE-COSE)',
  },
  // --- SD-JWT VC draft examples ---
  {
    file: `${V}fig07-sd-jwt-vc.txt`,
    manifest: 'VALID (kid doc-signer-05-25-2022)',
    now: '2026-01-15T00:00:00Z',
    routes: published('https://example.com/issuer', {
      ...VC_KEY,
      kid: 'doc-signer-05-25-2022',
    } as JsonWebKey),
    verdict: 'verified-untrusted',
    check: ['issuer.identity', 'passed', 'OK_ISSUER_METADATA'],
    signature: 'passed',
  },
  {
    file: `${V}fig07-sd-jwt-vc.txt`,
    manifest:
      'fig14 metadata names issuer https://example.com, NOT https://example.com/issuer: does not validate',
    now: '2026-01-15T00:00:00Z',
    routes: {
      'https://example.com/.well-known/jwt-vc-issuer/issuer': {
        body: httpBody(`${V}fig14-jwt-vc-issuer-metadata.http`),
        contentType: 'application/json',
      },
    },
    verdict: 'unverifiable',
    check: ['proof.signature', 'failed', 'ERR_ISSUER_METADATA_MISMATCH'],
  },
  {
    file: `${V}fig08-presented-sd-jwt-kb.txt`,
    manifest: 'VALID with nonce 1234567890 / aud https://example.com/verifier (KB iat 2026-08-21)',
    now: VC_KB_NOW,
    routes: published('https://example.com/issuer', {
      ...VC_KEY,
      kid: 'doc-signer-05-25-2022',
    } as JsonWebKey),
    nonce: '1234567890',
    aud: 'https://example.com/verifier',
    verdict: 'verified-untrusted',
    check: ['proof.keyBinding', 'passed', 'OK_KB'],
    signature: 'passed',
  },
  {
    file: `${V}fig24-pid-issued.txt`,
    manifest: 'VALID (28 disclosures)',
    now: '2026-01-15T00:00:00Z',
    routes: published('https://pid-issuer.aendgard.example', VC_KEY),
    verdict: 'verified-untrusted',
    check: ['proof.disclosures', 'passed', 'OK_SDJWT_DISCLOSURES'],
    signature: 'passed',
  },
  // --- EUDI reference implementation ---
  {
    file: `${E}eudi-lib-kmp-etsi-1196x2/jp-poc-learning-credential.dc+sd-jwt.txt`,
    manifest: 'VALID signature; chain not anchored here (JP LoTE unavailable) → indeterminate offline',
    now: '2026-03-01T00:00:00Z',
    verdict: 'unverifiable',
    check: ['issuer.identity', 'failed', 'ERR_ISSUER_CERT_UNBOUND'],
    signature: 'passed',
    note: 'the signing certificate names no URI or domain, so it cannot be tied to iss https://test.issuer.com/',
  },
  {
    file: `${E}eudi-lib-jvm-sdjwt-kt/pid1-dev-issuer-backend.vc+sd-jwt.txt`,
    manifest:
      'VALID signature (_sd_alg sha3-256); x5c chains to PID Issuer CA - UT 01 (not a trust anchor here)',
    now: '2024-12-15T00:00:00Z',
    verdict: 'verified-untrusted',
    check: ['issuer.identity', 'warning', 'WARN_ISSUER_CERT_ALONE'],
    signature: 'passed',
  },
  {
    file: `${E}eudi-lib-jvm-sdjwt-kt/pid1-dev-issuer-backend.vc+sd-jwt.txt`,
    manifest: 'EXPIRED: exp 2025-01-01',
    now: '2026-12-07T00:00:00Z',
    verdict: 'expired',
    check: ['validity.window', 'failed', 'ERR_EXPIRED'],
    signature: 'passed',
  },
  {
    file: `${E}eudi-lib-jvm-sdjwt-kt/exampleIssuanceSdJwt.txt`,
    manifest: 'VALID signature with examplesIssuerKey.json; exp 2025-01-01',
    now: '2024-06-01T00:00:00Z',
    routes: published('https://example.com/issuer', kotlinKey()),
    verdict: 'verified-untrusted',
    check: ['proof.disclosures', 'passed', 'OK_SDJWT_DISCLOSURES'],
    signature: 'passed',
  },
  {
    file: `${E}eudi-lib-jvm-sdjwt-kt/examplePresentationSdJwt.txt`,
    manifest: 'VALID (2 of 4 disclosures); EXPIRED after 2025-01-01',
    now: '2026-12-07T00:00:00Z',
    routes: published('https://example.com/issuer', kotlinKey()),
    verdict: 'expired',
    check: ['validity.window', 'failed', 'ERR_EXPIRED'],
    signature: 'passed',
  },
  {
    file: `${E}eudi-lib-sdjwt-swift/issuer_metadata_sd_jwt.txt`,
    manifest:
      'VALID with the key from issuer_meta_data.json (served at https://leaf.example.com/.well-known/jwt-vc-issuer)',
    now: '2026-01-15T00:00:00Z',
    routes: {
      'https://leaf.example.com/.well-known/jwt-vc-issuer': {
        file: `${E}eudi-lib-sdjwt-swift/issuer_meta_data.json`,
        contentType: 'application/json',
      },
    },
    // The signature and the issuer metadata verify; but it is a plain SD-JWT (typ JWT, no vct):
    // RFC 9901 lets its issuer make an expiry or status selectively disclosable, top-level claims are
    // withheld and no plain exp is shown, so whether it is still valid is not known (spec over sample).
    verdict: 'unverifiable',
    check: ['validity.disclosure', 'warning', 'WARN_SDJWT_VALIDITY_MAY_BE_WITHHELD'],
    signature: 'passed',
    note: 'plain SD-JWT with withheld top-level claims and no plain exp: validity not known',
  },
  {
    file: `${E}eudi-lib-sdjwt-swift/primary_issuer_sd_jwt.pid.vc+sd-jwt.txt`,
    manifest: 'signature VALID; iss does not match the certificate; EXPIRED 2025-03-16',
    now: '2025-01-15T00:00:00Z',
    verdict: 'unverifiable',
    check: ['issuer.identity', 'failed', 'ERR_ISSUER_CERT_UNBOUND'],
    signature: 'passed',
    note: 'the certificate names no URI or domain',
  },
  {
    file: `${E}eudi-lib-sdjwt-swift/secondary_issuer_sd_jwt.pda1.dc+sd-jwt.txt`,
    manifest: 'VALID (iat 2025-12-04, exp 2026-03-04); status list unreachable offline',
    now: '2026-01-15T00:00:00Z',
    verdict: 'unverifiable',
    check: ['status.revocation', 'error', 'ERR_STATUS_LIST_UNREACHABLE'],
    signature: 'passed',
    note: 'an unreachable status list is never "valid"',
  },
  // --- W3C vc-jose-cose (controller document from vm-*.json) ---
  {
    file: `${J}credential-sdjwt-selective.txt`,
    manifest: 'VALID (ES384)',
    now: '2024-06-01T00:00:00Z',
    routes: JOSE,
    verdict: 'verified-untrusted',
    check: ['issuer.identity', 'passed', 'OK_ISSUER_DOMAIN'],
    signature: 'passed',
  },
  {
    file: `${J}credential-sdjwt-nested.txt`,
    manifest: 'VALID (ES512, P-521 key)',
    now: '2024-06-01T00:00:00Z',
    routes: JOSE,
    verdict: 'unverifiable',
    check: ['proof.signature', 'failed', 'ERR_VM_NOT_FOUND'],
    note: 'the controller-document key reader (lib/did/keys) does not read P-521 keys, so the ES512 key is not found',
  },
  {
    file: `${J}credential-sdjwt-bad-signature.txt`,
    manifest: 'INVALID SIGNATURE',
    now: '2024-06-01T00:00:00Z',
    routes: JOSE,
    verdict: 'invalid',
    check: ['proof.signature', 'failed', 'ERR_JWT_SIGNATURE'],
  },
  {
    file: `${J}credential-sdjwt-bad-media-type.txt`,
    manifest: 'FAIL bad media type',
    now: '2024-06-01T00:00:00Z',
    routes: JOSE,
    verdict: 'invalid',
    check: ['format.recognized', 'failed', 'ERR_SDJWT_TYP'],
  },
  {
    file: `${J}presentation-sdjwt-selective.txt`,
    manifest: 'VALID (vp+sd-jwt)',
    now: '2024-06-01T00:00:00Z',
    routes: JOSE,
    verdict: 'verified-untrusted',
    check: ['issuer.identity', 'passed', 'OK_ISSUER_DOMAIN'],
    signature: 'passed',
    note: 'the presentation is verified as one SD-JWT; its enveloped credentials are not verified one by one',
  },
  {
    file: `${J}presentation-sdjwt-bad-media-type.txt`,
    manifest: 'FAIL bad media type',
    now: '2024-06-01T00:00:00Z',
    routes: JOSE,
    verdict: 'invalid',
    check: ['format.recognized', 'failed', 'ERR_SDJWT_TYP'],
  },
  {
    file: `${J}presentation-sdjwt-bad-credential.txt`,
    manifest: 'FAIL bad credential (bad typ/cty)',
    now: '2024-06-01T00:00:00Z',
    routes: JOSE,
    verdict: 'invalid',
    check: ['format.recognized', 'failed', 'ERR_SDJWT_TYP'],
  },
];

/** The environment of one row. */
function rowEnv(row: Pick<Row, 'now' | 'routes' | 'nonce' | 'aud'>): VerifyEnv {
  const env: VerifyEnv = {
    fetch: createVectorFetch(row.routes ?? {}),
    now: () => new Date(row.now),
    trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
  };
  if (row.nonce !== undefined) env.expectedNonce = row.nonce;
  if (row.aud !== undefined) env.expectedAudience = row.aud;
  return env;
}

describe('SD-JWT / SD-JWT VC conformance over ../shared/vectors', () => {
  for (const row of ROWS) {
    it(`${row.file} @${row.now}${row.nonce ? ' nonce' : ''} → ${row.verdict} (${row.check[0]} ${row.check[2]}) [${row.manifest}]`, async () => {
      const report = await verifyCredential(
        { kind: 'bytes', bytes: readVector(row.file), name: row.file },
        rowEnv(row),
      );
      const driving = report.checks.find((c) => c.id === row.check[0]);
      expect(driving, JSON.stringify(report.checks, null, 1)).toBeDefined();
      expect([driving?.status, driving?.code]).toEqual([row.check[1], row.check[2]]);
      if (row.signature)
        expect(report.checks.find((c) => c.id === 'proof.signature')?.status).toBe(row.signature);
      expect(report.verdict, JSON.stringify(report.checks, null, 1)).toBe(row.verdict);
      expect(report.format.id).toBe('sd-jwt-vc');
      for (const c of report.checks) expect(c.message.length).toBeGreaterThan(10);
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    });
  }
});

describe('every SD-JWT sample in the vector folders has a row', () => {
  it('lists them all', async () => {
    const { readdirSync } = await import('node:fs');
    const dirs = [
      `${R}`,
      `${V}`,
      `${E}eudi-lib-kmp-etsi-1196x2/`,
      `${E}eudi-lib-jvm-sdjwt-kt/`,
      `${E}eudi-lib-sdjwt-swift/`,
    ];
    const tokens = dirs.flatMap((d) =>
      readdirSync(vectorPath(d))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => d + f),
    );
    const w3c = readdirSync(vectorPath(J))
      .filter((f) => f.includes('sdjwt'))
      .map((f) => J + f);
    const covered = new Set(ROWS.map((r) => r.file));
    expect([...tokens, ...w3c].filter((f) => !covered.has(f))).toEqual([]);
    expect(tokens.length + w3c.length).toBe(23);
  });
});
