/**
 * Readable values on the screens (components/readable.ts, components/source-status.ts) and the
 * element values the formats produce for them: dates with month names, learner, the sealed-EDC
 * issuer line, the e-mail field rule, trust-source states, yes/no facts and credit points.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  elementLabel,
  elementStatusWord,
  elementValueText,
  emailToCheck,
  issuerLine,
  issuerLineText,
  learnerShown,
  readableDate,
  readableDateTime,
  wantsEmail,
} from '../../components/readable';
import { plainRefreshReason, sourceStatus } from '../../components/source-status';
import { extractOb3Elements } from '../../lib/elements/ob3';
import { extractElements } from '../../lib/formats/ob2/elements';
import type { Json } from '../../lib/did/json';
import type { StandardElement, VerificationReport } from '../../lib/model/report';
import { emptySourceState, type SourceState } from '../../lib/trust/source-state';
import { verifyCredential } from '../../lib/verify';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('dates on screen', () => {
  it('a stated day with the month name in the UI language, never numeric-only', () => {
    expect(readableDate('2026-12-07T00:00:00+01:00', 'en-GB')).toBe('7 December 2026');
    expect(readableDate('2026-12-07T00:00:00+01:00', 'de')).toBe('7. Dezember 2026');
    expect(readableDate('2026-12-07', 'en')).not.toMatch(/\d+\/\d+\/\d+/);
  });
  it('what is not a date is shown as written, not as "Invalid Date"', () => {
    expect(readableDate('sometime in 2026', 'en')).toBe('sometime in 2026');
  });
  it('checkedAt has hours and minutes', () => {
    expect(readableDateTime('2026-12-07T09:41:07.000Z', 'en-GB', 'UTC')).toBe('7 December 2026 at 09:41');
  });
  it('only the date of issuing is turned into words among element values', () => {
    expect(elementValueText('issuedOn', '2023-09-27T13:54:17+02:00', 'en-GB')).toBe('27 September 2023');
    expect(elementValueText('title', '2023-09-27 Summer school', 'en-GB')).toBe('2023-09-27 Summer school');
  });
});

describe('elements in the reader’s language', () => {
  it('labels and statuses come from the locale (English outside the extension)', () => {
    expect(elementLabel({ key: 'workload', label: 'x' })).toBe('Notional workload');
    expect(elementStatusWord('not-expressible')).toBe('Not in this format');
  });
});

describe('the learner', () => {
  it('a DID is "holder key (DID)" with the DID kept for the detail', () => {
    expect(learnerShown('did:key:z6MkTEST')).toEqual({ text: 'holder key (DID)', did: 'did:key:z6MkTEST' });
  });
  it('a hashed e-mail says so; a name or an e-mail address stays as stated', () => {
    expect(learnerShown('hashed e-mail')).toEqual({ text: 'hashed e-mail' });
    expect(learnerShown('Ana Andromeda, born 1999-10-01, ana@example.org')).toEqual({
      text: 'Ana Andromeda, born 1999-10-01, ana@example.org',
    });
    expect(learnerShown('e-mail jane@example.com')).toEqual({ text: 'e-mail jane@example.com' });
  });
  it('OB 3.0: a hashed emailAddress identifier reads "hashed e-mail", an unhashed one "e-mail <address>"', () => {
    const vc = {
      credentialSubject: {
        id: 'did:key:z6MkLearner',
        identifier: [
          { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: 'sha256$abc' },
          {
            type: 'IdentityObject',
            identityType: 'emailAddress',
            hashed: false,
            identityHash: 'jane@example.com',
          },
        ],
        achievement: { name: 'A' },
      },
      issuer: { name: 'I' },
    } as unknown as Json;
    const learner = extractOb3Elements(vc).find((e) => e.key === 'learner');
    expect(learner?.values).toEqual(['hashed e-mail', 'e-mail jane@example.com', 'did:key:z6MkLearner']);
  });
});

const el = (key: StandardElement['key'], values: string[]): StandardElement => ({
  key,
  label: key,
  mandatory: true,
  status: 'present',
  values,
});
const edc = (
  issuer: string | undefined,
  bodies: string[],
  formatId: VerificationReport['format']['id'] = 'edc-jades',
) => ({
  format: { id: formatId, label: 'EDC', container: 'json' as const },
  issuer: issuer === undefined ? { id: 'urn:x' } : { name: issuer },
  elements: bodies.length === 0 ? [] : [el('awardingBody', bodies)],
});

describe('the header’s issuer line for a sealed EDC', () => {
  it('sealed by one organisation, awarded by another: both named', () => {
    const line = issuerLine(edc('ORGANIZACION TEST', ['University of Zed']));
    expect(line).toEqual({
      kind: 'sealed',
      sealer: 'ORGANIZACION TEST',
      awardedBy: 'University of Zed',
      confirmed: true,
    });
    expect(issuerLineText(line)).toBe('Sealed by ORGANIZACION TEST · awarded by University of Zed');
    // Below A2 nothing establishes the sealer: neither name is stated as a fact.
    const a1 = issuerLine({
      ...edc('ORGANIZACION TEST', ['University of Zed']),
      authenticity: { level: 'A1', evidence: [] },
    });
    expect(issuerLineText(a1)).toBe(
      'Sealed with a certificate naming “ORGANIZACION TEST” · names University of Zed as awarding body (neither confirmed)',
    );
  });
  it('the same organisation (any case or spacing): only its name', () => {
    expect(issuerLine(edc('University of  Zed', ['university of zed']))).toEqual({
      kind: 'plain',
      name: 'University of  Zed',
    });
  });
  it('no awarding body, no issuer name, or a format without a seal: the plain line', () => {
    expect(issuerLine(edc('ORGANIZACION TEST', []))).toEqual({ kind: 'plain', name: 'ORGANIZACION TEST' });
    expect(issuerLine(edc(undefined, ['University of Zed']))).toEqual({ kind: 'plain', name: 'urn:x' });
    expect(issuerLine(edc('Badge Platform', ['Other'], 'ob3-di'))).toEqual({
      kind: 'plain',
      name: 'Badge Platform',
    });
  });
  it('the real sample: sealed by ORGANIZACION TEST, awarded by University of Zed', async () => {
    const dir = join(
      process.cwd(),
      '..',
      'shared',
      'vectors',
      'ec-european-learning-model',
      'Credentials',
      'JSON-LD Examples (ELM v3)',
    );
    const text = readFileSync(join(dir, 'Sample-MC-Annex1-signed.jsonld'), 'utf8');
    const r = await verifyCredential(
      { kind: 'text', text },
      {
        fetch: async () => ({ ok: false, code: 'ERR_NET_UNREACHABLE', message: 'offline' }) as never,
        now: () => NOW,
        trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
      },
    );
    // Its seal certificate expired and no trusted time-stamp proves the seal older: A1, so unconfirmed.
    expect(r.authenticity.level).toBe('A1');
    expect(issuerLineText(issuerLine(r))).toBe(
      'Sealed with a certificate naming “ORGANIZACION TEST” · names University of Zed as awarding body (neither confirmed)',
    );
    const stack = r.elements.find((e) => e.key === 'stackability');
    expect(stack?.values?.join(' ')).not.toMatch(/\b(true|false)\b/);
    expect(r.elements.find((e) => e.key === 'workload')?.values).toContain('2 ECTS credits');
  });
});

describe('the e-mail field on the report page', () => {
  const rep = (recipient: string | undefined, withCheck = true) => ({
    checks: withCheck ? [{ id: 'recipient.match', status: 'skipped' as const, code: 'X', message: 'm' }] : [],
    credential: recipient === undefined ? {} : { recipient },
  });
  it('offered when the credential names its learner by e-mail and its format compares recipients', () => {
    expect(wantsEmail(rep('hashed e-mail'))).toBe(true);
    expect(wantsEmail(rep('e-mail jane@example.com'))).toBe(true);
    expect(wantsEmail(rep('hashed telephone number'))).toBe(false);
    expect(wantsEmail(rep('did:key:z6Mk'))).toBe(false);
    expect(wantsEmail(rep('hashed e-mail', false))).toBe(false);
  });
  it('accepts an address, trimmed; refuses what is not one', () => {
    expect(emailToCheck('  jane.doe@example.com ')).toBe('jane.doe@example.com');
    expect(emailToCheck('jane doe@example.com')).toBeUndefined();
    expect(emailToCheck('nobody')).toBeUndefined();
  });
});

describe('yes/no facts and credits in Open Badges 2.0 (edubadges fields)', () => {
  const sources = (badge: Record<string, unknown>) => ({
    badge: { data: { name: 'B' } as Json, raw: badge as Json },
    recipient: { type: 'email', identity: 'sha256$00', hashed: true },
  });
  it('stackable, supervised and identity verified become statements', () => {
    const els = extractElements(
      sources({ stackable: true, assessmentSupervised: false, assessment_id_verified: 'true' }),
    );
    const get = (k: string) => els.find((e) => e.key === k)?.values;
    expect(get('stackability')).toEqual(['Can be combined with other credentials']);
    expect(get('supervision')).toEqual([
      'The assessment was not supervised',
      "The learner's identity was checked at the assessment",
    ]);
    expect(
      extractElements(sources({ stackable: false })).find((e) => e.key === 'stackability')?.values,
    ).toEqual(['Stands alone: not designed to be combined']);
  });
  it('a value that is not yes/no is shown as stated, named by its field', () => {
    expect(
      extractElements(sources({ stackable: 'with the MSc' })).find((e) => e.key === 'stackability')?.values,
    ).toEqual(['stackable: with the MSc']);
  });
  it('ECTS reads "N ECTS credits"', () => {
    const els = extractElements(sources({ 'extensions:ECTSExtension': { ECTS: 2.5 } }));
    expect(els.find((e) => e.key === 'workload')?.values).toEqual(['2.5 ECTS credits']);
  });
});

describe('trust sources on a fresh install and after', () => {
  const def = { kind: 'dcc-legacy' as const };
  const base = (): SourceState => emptySourceState({ id: 'dcc-member', kind: 'dcc-legacy', label: 'DCC' });
  it('nothing yet: "Not fetched yet", not an error', () => {
    expect(sourceStatus(def, undefined, NOW, false)).toEqual({
      status: 'missing',
      kind: 'not-fetched',
      text: 'Not fetched yet',
    });
    expect(sourceStatus(def, base(), NOW, false)).toEqual({
      status: 'missing',
      kind: 'not-fetched',
      text: 'Not fetched yet',
    });
  });
  it('while its refresh runs: "Refreshing…"', () => {
    expect(sourceStatus(def, base(), NOW, true).text).toBe('Refreshing…');
  });
  it('fetched and inside its validity: up to date, with the date', () => {
    const s = {
      ...base(),
      data: {},
      fetchedAt: '2026-12-06T08:00:00Z',
      expiresAt: '2026-12-08T08:00:00Z',
      audit: [{ at: '2026-12-06T08:00:00Z', event: 'fetched' as const, detail: '' }],
    };
    expect(sourceStatus(def, s, NOW, false)).toEqual({
      status: 'fresh',
      kind: 'fresh',
      text: expect.stringMatching(/^Up to date \(fetched (December 6, 2026|6 December 2026)\)$/),
    });
  });
  it('past its expiry: stale since then, used offline', () => {
    const s = {
      ...base(),
      data: {},
      fetchedAt: '2026-12-01T08:00:00Z',
      expiresAt: '2026-12-02T08:00:00Z',
      audit: [],
    };
    expect(sourceStatus(def, s, NOW, false)).toMatchObject({
      status: 'stale',
      kind: 'stale',
      text: expect.stringMatching(/^Stale since (December 2, 2026|2 December 2026), used offline$/),
    });
  });
  it('bundled data no refresh replaced: said so, not "stale"', () => {
    const s = {
      ...base(),
      data: {},
      fetchedAt: '2026-11-01T00:00:00Z',
      audit: [{ at: '2026-12-07T00:00:00Z', event: 'loaded-bundled' as const, detail: '' }],
    };
    expect(sourceStatus(def, s, NOW, false).text).toMatch(
      /^Copy bundled with CredLens \((November 1, 2026|1 November 2026)\), used until the first refresh$/,
    );
  });
  it('a failed first refresh: "Failed: <plain reason>", the recorded reason kept for the tooltip', () => {
    const reason =
      'https://digitalcredentials.github.io/dcc-registry/registry.json could not be fetched (ERR_NET_UNREACHABLE: fetch failed)';
    const st = sourceStatus(def, { ...base(), lastError: reason }, NOW, false);
    expect(st).toEqual({
      status: 'missing',
      kind: 'failed',
      text: 'Failed: the server could not be reached',
      failure: { plain: 'the server could not be reached', detail: reason },
    });
  });
  it('an online registry is asked per credential', () => {
    expect(sourceStatus({ kind: 'ebsi-tir' }, undefined, NOW, false)).toEqual({
      status: 'online',
      kind: 'online',
      text: 'Asked online',
    });
  });
  it('plain reasons for HTTP statuses and network codes; a sentence stays as written', () => {
    expect(plainRefreshReason('https://x could not be fetched (HTTP 404: Not Found)')).toBe(
      'nothing at its address (HTTP 404)',
    );
    expect(plainRefreshReason('https://x could not be fetched (HTTP 503: busy)')).toBe(
      'the server answered with an error (HTTP 503)',
    );
    expect(plainRefreshReason('https://x could not be fetched (ERR_NET_TIMEOUT: slow)')).toBe(
      'the server did not answer in time',
    );
    expect(plainRefreshReason('https://x could not be fetched (ERR_NET_PRIVATE_TARGET: 10.0.0.1)')).toBe(
      'the address leads into a local network and was blocked',
    );
    expect(plainRefreshReason('No address to refresh from is configured.')).toBe(
      'no address to fetch it from is set',
    );
    expect(plainRefreshReason('The LOTL signature cannot be trusted.')).toBe(
      'The LOTL signature cannot be trusted',
    );
  });
});

describe('the CLI’s text output', () => {
  it('dates in English with month names, the day the credential states', async () => {
    const { formatReportText } = await import('../../cli/format-text');
    const r = {
      version: '1.0',
      verdict: 'verified',
      summary: 's',
      format: { id: 'ob2-hosted', label: 'OB 2.0', container: 'url' },
      authenticity: { level: 'A2', evidence: [] },
      qualityAssurance: { level: 'Q0', evidence: [] },
      checks: [],
      issuer: {},
      trust: [],
      credential: { issuedOn: '2100-12-31T00:00:00+01:00', expires: 'not a date' },
      elements: [],
      differences: [],
      contacted: [],
      checkedAt: '2026-12-07T00:00:00Z',
      evaluatedAt: '2026-12-07T00:00:00Z',
      source: 'x',
    } as unknown as VerificationReport;
    const text = formatReportText(r, false);
    expect(text).toContain('issued: 31 December 2100');
    expect(text).toContain('expires: not a date');
  });
});
