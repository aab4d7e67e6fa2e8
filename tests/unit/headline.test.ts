/**
 * Issue 16's wording rules: the headline and the three answers never claim more than was proven,
 * and failures that are different facts read differently. Real reports come from the real
 * pipeline (verifyCredential over generated fixtures and a loopback-like fetch); the grid test
 * reads synthetic reports, because the thing under test there is the reader, not the verifier.
 */
import { describe, expect, it } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import type { FetchResult } from '../../lib/model/env';
import type { AuthenticityLevel, Check, Verdict, VerificationReport } from '../../lib/model/report';
import { HEADLINES, HEADLINE_TONE, readReport } from '../../lib/report/headline';
import {
  answerLines,
  englishDate,
  englishWords,
  headlineKey,
  headlineSentence,
} from '../../lib/report/headline-words';
import { verifyCredential } from '../../lib/verify';
import { fixtureRoutes, readFixture } from '../support/vc-web';
import { createVectorFetch } from '../support/vector-web';
import { readVectorText } from '../support/vectors';

const env = (fetch = createVectorFetch(fixtureRoutes())) => ({
  fetch,
  now: () => new Date('2024-06-01T00:00:00Z'),
  trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
});

/** Everything a person reads about one report, in English. */
function allWords(r: VerificationReport): string {
  const reading = readReport(r);
  return [
    r.summary,
    headlineSentence(reading, englishWords),
    englishWords(`${headlineKey(reading.headline)}_label`),
    ...answerLines(reading, r, englishWords, englishDate).map((l) => l.text),
  ].join(' | ');
}

describe('the rule: "authentic" and "issued by" only from A2 up', () => {
  it('a did:key credential (A1) reads "unchanged … a key that calls itself", never "authentic"', async () => {
    const r = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-didkey.json') }, env());
    expect(r.authenticity.level).toBe('A1');
    expect(r.headline).toBe('unconfirmed-issuer');
    expect(r.answers).toMatchObject({ changed: 'no', issuer: 'self-declared', validity: 'valid' });
    const words = allWords(r);
    expect(words).toMatch(/a key that calls itself “.+”/);
    expect(words).not.toMatch(/authentic|issued by/i);
  });

  it('a did:web credential (A2) may say authentic, and names who identified the issuer', async () => {
    const r = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-didweb.json') }, env());
    expect(r.authenticity.level).toBe('A2');
    expect(r.headline).toBe('identified');
    expect(r.summary).toMatch(
      /^Authentic and valid: issued by .+, identified by its web domain issuer\.credlens\.test\./,
    );
  });

  const verdicts: Verdict[] = [
    'verified',
    'verified-untrusted',
    'expired',
    'revoked',
    'invalid',
    'unverifiable',
  ];
  const levels: AuthenticityLevel[] = ['A0', 'A1', 'A2', 'A3', 'A4'];
  it.each(verdicts.flatMap((v) => levels.map((l) => [v, l] as const)))(
    'verdict %s at %s: no "authentic" or "issued by" below A2',
    (verdict, level) => {
      const r = synthetic(verdict, level);
      const words = allWords(r);
      if (level === 'A0' || level === 'A1') expect(words).not.toMatch(/authentic|issued by|genuine and/i);
    },
  );
});

describe('different failures look different', () => {
  const failing = (status: number | undefined, code: 'ERR_NET_HTTP_STATUS' | 'ERR_NET_UNREACHABLE') =>
    env(async (url): Promise<FetchResult> => ({
      ok: false,
      url,
      code,
      message: 'x',
      ...(status ? { status } : {}),
    }));

  it('404 from the address: "does not exist", a red flag (invalid), not "not a credential format"', async () => {
    const r = await verifyCredential(
      { kind: 'url', url: 'https://badges.example/a/1' },
      failing(404, 'ERR_NET_HTTP_STATUS'),
    );
    expect([r.verdict, r.headline, HEADLINE_TONE[r.headline!]]).toEqual(['invalid', 'not-found', 'bad']);
    expect(r.summary).toMatch(/^The site says this credential does not exist\./);
    expect(r.summary).toContain('badges.example says this credential does not exist (HTTP 404).');
    expect(r.summary).not.toMatch(/not a credential format/i);
  });

  it('410 without a revocation statement: does not exist either', async () => {
    const r = await verifyCredential(
      { kind: 'url', url: 'https://badges.example/a/2' },
      failing(410, 'ERR_NET_HTTP_STATUS'),
    );
    expect(r.headline).toBe('not-found');
  });

  it('no answer: "could not be reached, try again", grey (unverifiable)', async () => {
    const r = await verifyCredential(
      { kind: 'url', url: 'https://badges.example/a/3' },
      failing(undefined, 'ERR_NET_UNREACHABLE'),
    );
    expect([r.verdict, r.headline, HEADLINE_TONE[r.headline!]]).toEqual([
      'unverifiable',
      'unreachable',
      'unknown',
    ]);
    expect(r.summary).toMatch(/Try again later\./);
  });

  it('a server error is "try again" too, not "does not exist"', async () => {
    const r = await verifyCredential(
      { kind: 'url', url: 'https://badges.example/a/4' },
      failing(503, 'ERR_NET_HTTP_STATUS'),
    );
    expect(r.headline).toBe('unreachable');
  });

  it('a page that is no credential: "not a credential"', async () => {
    const html = env(async (url) => ({
      ok: true,
      url,
      finalUrl: url,
      status: 200,
      contentType: 'text/html',
      bytes: new TextEncoder().encode('<html><body>hello</body></html>'),
      redirects: [],
    }));
    const r = await verifyCredential({ kind: 'url', url: 'https://badges.example/page' }, html);
    expect(r.headline).toBe('not-a-credential');
  });

  it('the five grey cases have five different labels and hints, in every language', () => {
    const grey = HEADLINES.filter((h) => HEADLINE_TONE[h] === 'unknown');
    expect(grey.length).toBeGreaterThanOrEqual(5);
    for (const file of [en, de, fr, es] as Record<string, { message: string }>[]) {
      const labels = grey.map((h) => file[`${headlineKey(h)}_label`]?.message);
      const hints = grey.map((h) => file[`${headlineKey(h)}_hint`]?.message);
      expect(new Set(labels).size).toBe(grey.length);
      expect(new Set(hints).size).toBe(grey.length);
    }
  });
});

describe('validity and recipient', () => {
  it('revoked and expired fixtures answer "still valid?" with no, and keep the issuer answer at its level', async () => {
    const revoked = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-revoked.json') }, env());
    expect(revoked.answers?.validity).toBe('revoked');
    const expired = await verifyCredential({ kind: 'text', text: readFixture('ob3-di-expired.json') }, env());
    expect(expired.answers?.validity).toBe('expired');
    for (const r of [revoked, expired])
      if (r.authenticity.level < 'A2') expect(allWords(r)).not.toMatch(/authentic|issued by/i);
  });

  it('a stale revocation answer is a caveat on a trusted issuer, not "issuer not on your lists"', () => {
    const r = synthetic('verified', 'A4', [
      { id: 'status.revocation', status: 'warning', code: 'WARN_EDC_REVOCATION_UNCONFIRMED', message: 'x' },
    ]);
    const reading = readReport(r);
    expect([reading.headline, reading.answers.validity, reading.answers.issuer]).toEqual([
      'verified-caveat',
      'revocation-unconfirmed',
      'trusted',
    ]);
  });

  it('a recipient mismatch leads the summary, not a trailing caution', async () => {
    const text = readVectorText('1edtech-dc-public-validator/ob20/basic-assertion.json');
    const fetch = createVectorFetch({ 'https://example.org/beths-robotics-badge.json': { body: text } });
    const r = await verifyCredential(
      { kind: 'text', text },
      { ...env(fetch), recipients: [{ type: 'email', value: 'someone.else@example.org' }] },
    );
    expect(r.checks.find((c) => c.id === 'recipient.match')?.status).toBe('failed');
    expect(r.answers?.recipient).toBe('differs');
    expect(r.summary).toMatch(/^Awarded to someone else: /);
    expect(r.summary).not.toMatch(/Caution:/);
  });
});

describe('a copy that differs from the issuer\'s copy today', () => {
  it('a file whose recipient differs from the hosted copy says so in the summary, not only in a table', async () => {
    const hosted = readVectorText('1edtech-dc-public-validator/ob20/basic-assertion.json');
    const given = JSON.parse(hosted) as { recipient: Record<string, unknown> };
    given.recipient = { type: 'email', hashed: false, identity: 'someone.else@example.org' };
    const fetch = createVectorFetch({ 'https://example.org/beths-robotics-badge.json': { body: hosted } });
    const r = await verifyCredential({ kind: 'text', text: JSON.stringify(given) }, env(fetch));
    expect(r.differences.map((d) => d.path).some((p) => p.startsWith('recipient'))).toBe(true);
    const reading = readReport(r);
    expect(reading.copyDiffers?.some((p) => p.startsWith('recipient'))).toBe(true);
    expect(r.summary).toMatch(/The copy given differs from the issuer’s copy today \(recipient/);
  });
});

describe('the words exist in all four languages, with the same placeholders', () => {
  const keys = Object.keys(en).filter((k) => k.startsWith('head_') || k.startsWith('ans_'));
  it.each([
    ['de', de],
    ['fr', fr],
    ['es', es],
  ] as const)('%s', (_lang, file) => {
    const f = file as Record<string, { message: string } | undefined>;
    for (const k of keys) {
      const theirs = f[k]?.message;
      expect(theirs, k).toBeDefined();
      const mine = (en as Record<string, { message: string }>)[k]!.message;
      expect(theirs!.match(/\$\d/g)?.sort(), k).toEqual(mine.match(/\$\d/g)?.sort());
      if (mine.length > 12) expect(theirs, `${k} is translated`).not.toBe(mine);
    }
    for (const h of [...HEADLINES, 'pending', 'waiting'] as const) {
      expect(f[`${headlineKey(h)}_label`], h).toBeDefined();
      expect(f[`${headlineKey(h)}_hint`], h).toBeDefined();
    }
  });
});

/** A report as the pipeline would make it for a verdict and level (only what the reader reads). */
function synthetic(verdict: Verdict, level: AuthenticityLevel, extra: Check[] = []): VerificationReport {
  const impact: Check[] =
    verdict === 'verified'
      ? []
      : [
          {
            id: verdict === 'verified-untrusted' ? 'issuer.trust' : 'x.check',
            status: 'failed',
            code: 'ERR_X',
            message: 'Because.',
            impact: verdict,
          },
        ];
  return {
    version: '1.1',
    verdict,
    summary: '',
    format: { id: 'vc-di', label: 'VC', container: 'json' },
    authenticity: { level, evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: [] },
    checks: [...impact, ...extra],
    issuer: {
      id: 'did:key:z6Mk',
      name: 'Uni of Zed',
      nameSource: level === 'A0' || level === 'A1' ? 'self-declared' : 'issuer',
    },
    trust:
      level >= 'A3'
        ? [{ sourceId: 's', sourceLabel: 'EU trusted list (ES)', list: 'allow', entryId: 'x' }]
        : [],
    credential: { expires: '2100-12-31T00:00:00+01:00' },
    elements: [],
    differences: [],
    contacted: [],
    checkedAt: '2026-12-07T00:00:00Z',
    evaluatedAt: '2026-12-07T00:00:00Z',
    source: '(input)',
  };
}
