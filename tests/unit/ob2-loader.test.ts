/** The pinned JSON-LD loader: bundled contexts only, each re-hashed before it is served. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { BUNDLED_CONTEXTS } from '../../lib/net/contexts/index';
import {
  canonicalJson,
  createContextLoader,
  findLoaderError,
  JsonLdLoaderError,
} from '../../lib/net/jsonld-loader';
import { repoRoot } from '../support/vectors';

describe('jsonld-loader', () => {
  it('serves the Open Badges contexts the brief requires', async () => {
    const load = createContextLoader();
    for (const url of [
      'https://w3id.org/openbadges/v2',
      'https://openbadgespec.org/v2/context.json',
      'https://w3id.org/openbadges/v1',
      'https://w3id.org/openbadges/extensions/exampleExtension/context.json',
      'https://w3id.org/openbadges/extensions/applyLinkExtension/context.json',
    ]) {
      const doc = await load(url);
      expect(doc.documentUrl).toBe(url);
      expect(doc.document).toHaveProperty('@context');
    }
  });

  it('pins every bundled context by the SHA-256 of its canonical JSON', () => {
    for (const c of BUNDLED_CONTEXTS) {
      expect(createHash('sha256').update(canonicalJson(c.document)).digest('hex'), c.url).toBe(c.sha256);
    }
  });

  it('refuses an unknown URL with ERR_JSONLD_CONTEXT_UNKNOWN, without any network', async () => {
    const load = createContextLoader();
    await expect(load('https://example.com/ctx.json')).rejects.toMatchObject({
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN',
      url: 'https://example.com/ctx.json',
    });
    await expect(load('http://w3id.org/openbadges/v2')).rejects.toBeInstanceOf(JsonLdLoaderError);
  });

  it('refuses a bundled document that no longer matches its pin', async () => {
    const entry = BUNDLED_CONTEXTS.find((c) => c.url === 'https://w3id.org/openbadges/v2');
    if (!entry) throw new Error('missing');
    const tampered = { ...entry, document: { '@context': { name: 'http://evil.example/name' } } };
    await expect(createContextLoader([tampered])(entry.url)).rejects.toMatchObject({
      code: 'ERR_JSONLD_CONTEXT_PIN',
    });
  });

  it('hands out copies, so a caller cannot alter the bundle', async () => {
    const load = createContextLoader();
    const a = await load('https://w3id.org/openbadges/v2');
    (a.document as Record<string, unknown>)['@context'] = null;
    const b = await load('https://w3id.org/openbadges/v2');
    expect((b.document as Record<string, unknown>)['@context']).not.toBeNull();
  });

  it("the refusal is recoverable from jsonld's wrapped error", async () => {
    const error = await jsonld
      .compact(
        { '@context': 'https://example.com/x', name: 'y' },
        {},
        { documentLoader: createContextLoader() },
      )
      .catch((e: unknown) => e);
    expect(findLoaderError(error)?.url).toBe('https://example.com/x');
  });

  it('the generated bundle is up to date with scripts/bundle-contexts.mjs', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/bundle-contexts.mjs', '--check'], {
        cwd: repoRoot,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});
