/**
 * The loopback web for VC / OB 3.0 conformance tests, over ../shared/vectors read in place:
 * the MANIFEST's URL → file map (1EdTech BitstringStatusList `testlist`), plus controller documents
 * assembled at test time from the vectors' verification-method files (vc-jose-cose `vm-*.json`,
 * secret parts dropped) for `https://example.issuer/vc-jose-cose`. Nothing is copied into the repo.
 */
import { readFileSync } from 'node:fs';
import type { ExtraRoute } from './vector-web';
import { vectorPath } from './vectors';

/** URL → vectors file, as listed in the vectors MANIFEST. */
export const VC_ROUTES: Record<string, ExtraRoute> = {
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist':
    { file: '1edtech-dc-public-validator/ob30/bit-string-list/testlist', contentType: 'application/json' },
};

/** The vc-jose-cose issuer's controller document, built from its verification-method files. */
export function joseControllerDocument(): string {
  const id = 'https://example.issuer/vc-jose-cose';
  const methods = ['vm-ed25519.json', 'vm-p256.json', 'vm-p384.json'].map((f) => {
    const vm = JSON.parse(
      readFileSync(vectorPath(`w3c-vc-jose-cose-test-suite/input/${f}`), 'utf8'),
    ) as Record<string, unknown>;
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

/** Folder of CredLens's own generated fixtures (tests/fixtures/vc, made by generate.mjs). */
export const FIXTURES_DIR = new URL('../fixtures/vc/', import.meta.url);

/** Routes for the generated did:web documents and status lists: https://<host>/<path> → fixtures/vc/web/<host>/<path>. */
export function fixtureRoutes(): Record<string, ExtraRoute> {
  const routes: Record<string, ExtraRoute> = {};
  const files = [
    'issuer.credlens.test/.well-known/did.json',
    'issuer.credlens.test/status/revocation',
    'issuer.credlens.test/status/suspension',
    'issuer.credlens.test/status/foreign',
    'endorser.credlens.test/api/v1/issuers/42/did.json',
    'endorser.credlens.test/status/revocation',
  ];
  for (const f of files) {
    routes[`https://${f}`] = {
      body: readFileSync(new URL(`web/${f}`, FIXTURES_DIR), 'utf8'),
      contentType: 'application/json',
    };
  }
  return routes;
}

/** Text of a generated fixture. */
export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES_DIR), 'utf8');
}
