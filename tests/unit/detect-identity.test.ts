/**
 * The parts behind "counted once" and "an image counts only with baked data": the identity of a
 * credential address and of a page's sighting, the rule that reads a report for baked data (with
 * the real verifier over real images), the platforms' badge image addresses, and the reply guard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKnownBadgeImage } from '../../lib/detect/classify-image';
import { BADGE_IMAGE_RULES } from '../../lib/detect/platforms/badge-images';
import { mergeSightings, sightedAddress, sightingKey } from '../../lib/detect/sighting';
import { BADGE_IMAGE_SRC } from '../../lib/detect/signals';
import { candidateIdentity, credentialIdentity } from '../../lib/detect/url';
import type { VerifyEnv } from '../../lib/model/env';
import { parseMarksValue } from '../../lib/protocol/parse-marks';
import { carriesBakedBadge } from '../../lib/scan/baked';
import { verifyCredential } from '../../lib/verify';
import { createVectorFetch, type ExtraRoute } from '../support/vector-web';
import { readVector } from '../support/vectors';

describe('credentialIdentity', () => {
  it('one address however written: case, default port, fragment, one trailing slash', () => {
    const id = 'https://www.coursera.org/verify/ABC123';
    for (const href of [
      id,
      `${id}/`,
      `${id}#details`,
      `${id}/#top`,
      'HTTPS://WWW.Coursera.org:443/verify/ABC123',
      ` ${id} `,
    ])
      expect(credentialIdentity(href), href).toBe(id);
  });

  it('keeps what tells credentials apart: scheme, path case, query, a kept fragment', () => {
    expect(credentialIdentity('http://x.example/a')).not.toBe(credentialIdentity('https://x.example/a'));
    expect(credentialIdentity('https://x.example/A')).not.toBe(credentialIdentity('https://x.example/a'));
    expect(credentialIdentity('https://x.example/a?id=1')).not.toBe(
      credentialIdentity('https://x.example/a?id=2'),
    );
    expect(credentialIdentity('https://x.example/v/#/share/1', true)).toBe('https://x.example/v#/share/1');
    expect(credentialIdentity('https://x.example/')).toBe('https://x.example/');
    expect(credentialIdentity('javascript:alert(1)')).toBeNull();
    expect(credentialIdentity('not a url')).toBeNull();
  });

  it('candidates: links by address, embedded ones by their payload key', () => {
    const link = {
      kind: 'link' as const,
      url: 'https://x.example/c/9/',
      pageUrl: 'https://x.example/c/9/',
      platform: 'p',
    };
    expect(candidateIdentity(link)).toBe('https://x.example/c/9');
    const viewer = { ...link, url: 'https://x.example/viewer#/shareview/abc' };
    expect(candidateIdentity(viewer)).toBe('https://x.example/viewer#/shareview/abc');
    const embedded = {
      kind: 'embedded' as const,
      url: 'https://p.example/#credlens-embedded=ab',
      pageUrl: 'https://p.example/',
      platform: 'jwt',
    };
    expect(candidateIdentity(embedded)).toBe(embedded.url);
  });
});

describe('sightingKey and mergeSightings (content script)', () => {
  it('a link is one sighting whatever its label, where, trailing slash or plain fragment', () => {
    const href = 'https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01';
    const keys = new Set(
      [
        { kind: 'link' as const, href, label: 'Header' },
        { kind: 'link' as const, href: `${href}/`, label: 'List' },
        { kind: 'link' as const, href: `${href}#dialog` },
        { kind: 'link' as const, href, where: 'page text' },
      ].map(sightingKey),
    );
    expect(keys.size).toBe(1);
  });

  it('a route fragment (a viewer keeping the id there) is part of the address', () => {
    const viewer = 'https://europa.eu/europass/digital-credentials/viewer/#/shareview/';
    expect(sightedAddress(`${viewer}aaaaaaaa11`)).not.toBe(sightedAddress(`${viewer}bbbbbbbb22`));
    expect(sightedAddress('https://verifierplus.org/#verify?vc=https://a.example/1')).toContain(
      '#verify?vc=',
    );
    expect(sightedAddress('https://x.example/page#section-2')).toBe('https://x.example/page');
  });

  it('images by address and the link around them; texts by their text', () => {
    expect(sightingKey({ kind: 'image', src: 'https://x.example/b.png', alt: 'A' })).toBe(
      sightingKey({ kind: 'image', src: 'https://x.example/b.png', alt: 'B', inCredentialSection: true }),
    );
    expect(sightingKey({ kind: 'image', src: 'https://x.example/b.png' })).not.toBe(
      sightingKey({ kind: 'image', src: 'https://x.example/b.png', linkHref: 'https://x.example/c.json' }),
    );
    expect(sightingKey({ kind: 'json', text: '{"a":1}' })).not.toBe(
      sightingKey({ kind: 'jwt', text: '{"a":1}' }),
    );
  });

  it('merging adds flags a later sighting has, and returns the known one when nothing is added', () => {
    const first = { kind: 'link' as const, href: 'https://v.example/c/9', label: 'Header' };
    const listed = mergeSightings(first, { kind: 'link', href: 'https://v.example/c/9/', listed: true });
    expect(listed).toEqual({ ...first, listed: true });
    expect(mergeSightings(listed, { kind: 'link', href: 'https://v.example/c/9' })).toBe(listed);
    const img = { kind: 'image' as const, src: 'https://x.example/b.png' };
    expect(mergeSightings(img, { ...img, inCredentialSection: true })).toEqual({
      ...img,
      inCredentialSection: true,
    });
  });
});

describe('carriesBakedBadge, over what the real verifier reports on image addresses', () => {
  const BAKED_PNG = new Uint8Array(
    readFileSync(join(import.meta.dirname, '../fixture-web/generated/baked-valid.png')),
  );
  const routes: Record<string, ExtraRoute> = {
    'https://img.example/baked.png': { body: BAKED_PNG, contentType: 'image/png' },
    'https://img.example/unbaked.png': {
      body: readVector('mozilla-openbadges-bakery/unbaked.png'),
      contentType: 'image/png',
    },
    'https://img.example/baked.svg': {
      body: readVector('mozilla-openbadges-bakery/baked.svg'),
      contentType: 'image/svg+xml',
    },
    'https://img.example/bad-json.svg': {
      body: readVector('mozilla-openbadges-bakery/bad-json.svg'),
      contentType: 'image/svg+xml',
    },
    'https://img.example/unbaked.svg': {
      body: readVector('mozilla-openbadges-bakery/unbaked.svg'),
      contentType: 'image/svg+xml',
    },
    'https://img.example/page.png': { body: '<!doctype html><title>x</title>', contentType: 'text/html' },
    'https://img.example/missing.png': { status: 404, body: 'no' },
  };
  const env = {
    fetch: createVectorFetch(routes),
    now: () => new Date('2026-01-01T00:00:00Z'),
    trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
  } as VerifyEnv;
  const baked = async (url: string) => carriesBakedBadge(await verifyCredential({ kind: 'url', url }, env));

  it.each([
    ['baked PNG (openbadges iTXt)', 'https://img.example/baked.png', true],
    ['baked SVG (openbadges:assertion)', 'https://img.example/baked.svg', true],
    [
      'baked SVG whose badge data is not JSON (refused, still badge data)',
      'https://img.example/bad-json.svg',
      true,
    ],
    ['plain PNG', 'https://img.example/unbaked.png', false],
    ['plain SVG', 'https://img.example/unbaked.svg', false],
    ['an HTML page', 'https://img.example/page.png', false],
    ['an image that could not be fetched', 'https://img.example/missing.png', false],
  ])('%s', async (_what, url, expected) => {
    expect(await baked(url)).toBe(expected);
  });
});

describe('platforms’ badge image addresses', () => {
  it('the content script pre-check lets through every rule, the background checks the host', () => {
    for (const rule of BADGE_IMAGE_RULES) {
      const host = rule.hosts.find((h) => !h.startsWith('*.')) ?? '';
      const url = `https://${host}/public/assertions/FxTr9cAsQpK2wLm4NvB7zQ/image`;
      expect(BADGE_IMAGE_SRC.test(url), url).toBe(true);
      expect(isKnownBadgeImage(new URL(url)), url).toBe(true);
    }
    expect(isKnownBadgeImage(new URL('https://evil.example/public/assertions/Fx/image'))).toBe(false);
    expect(isKnownBadgeImage(new URL('http://api.badgr.io/public/assertions/Fx/image'))).toBe(false);
  });
});

describe('reply guard', () => {
  it('accepts the probe flag only as `true`', () => {
    const url = 'https://x.example/b.png';
    expect(parseMarksValue({ found: [{ i: 0, url, probe: true }], marks: [] }, 1)).toEqual({
      found: [{ i: 0, url, probe: true }],
      marks: [],
    });
    expect(parseMarksValue({ found: [{ i: 0, url, probe: 'yes' }], marks: [] }, 1)).toBeNull();
  });
});
