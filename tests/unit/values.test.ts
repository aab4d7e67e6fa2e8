/** Values in plain language (lib/report/values.ts). */
import { describe, expect, it } from 'vitest';
import {
  booleanStatement,
  creditsText,
  dateTimeWords,
  dateWords,
  durationWords,
  identityTypeWords,
  isEcts,
  learnerValue,
  parseBoolean,
  statedDay,
} from '../../lib/report/values';

describe('durations in words', () => {
  it.each([
    ['PT60H', '60 hours'],
    ['P2M', '2 months'],
    ['P1Y6M', '1 year 6 months'],
    ['P3W', '3 weeks'],
    ['P2DT4H', '2 days 4 hours'],
    ['PT1H30M', '1 hour 30 minutes'],
    ['PT0.5H', '0.5 hours'],
    ['P0DT12H', '12 hours'],
  ])('%s → %s', (iso, words) => {
    expect(durationWords(iso)).toBe(words);
  });
  it.each(['60 hours', 'P', 'PT', 'P2X', '', 'PT-5H', 'P0D'])('%j is not a duration it can word', (text) => {
    expect(durationWords(text)).toBeUndefined();
  });
});

describe('the day a date states', () => {
  it('keeps the credential’s own offset (no off-by-one through UTC)', () => {
    expect(statedDay('2100-12-31T00:00:00+01:00')).toBe('2100-12-31');
    expect(statedDay('2024-01-01T23:30:00-05:00')).toBe('2024-01-01');
    expect(statedDay('2024-03-01')).toBe('2024-03-01');
  });
  it('refuses what is not a date', () => {
    expect(statedDay('31/12/2100')).toBeUndefined();
    expect(statedDay('2100-13-01T00:00:00Z')).toBeUndefined();
  });
});

describe('dates in checks are the days the credential states', () => {
  it('an expiry at midnight in +01:00 is that day, not the day before (as in UTC)', async () => {
    const { checkValidity } = await import('../../lib/formats/vc/validity');
    const c = checkValidity(
      { validFrom: '2024-01-01T00:00:00Z', validUntil: '2100-12-31T00:00:00+01:00' },
      new Date('2024-06-01T00:00:00Z'),
    );
    expect(c.message).toContain('until 2100-12-31');
    const expired = checkValidity(
      { validUntil: '2024-03-01T00:00:00+01:00' },
      new Date('2024-06-01T00:00:00Z'),
    );
    expect(expired.message).toBe('This credential expired on 2024-03-01.');
  });
});

describe('dates in the reader’s language, with month names', () => {
  it.each([
    ['en-GB', '7 December 2026'],
    ['en-US', 'December 7, 2026'],
    ['de', '7. Dezember 2026'],
    ['fr', '7 décembre 2026'],
    ['es', '7 de diciembre de 2026'],
  ])('%s', (locale, words) => {
    expect(dateWords('2026-12-07T00:00:00+01:00', locale)).toBe(words);
  });
  it('keeps the day the credential states, whatever the offset', () => {
    expect(dateWords('2100-12-31T00:00:00+01:00', 'en-GB')).toBe('31 December 2100');
    expect(dateWords('2024-01-01T23:30:00-05:00', 'en-GB')).toBe('1 January 2024');
  });
  it('is never numeric-only', () => {
    for (const l of ['en', 'en-US', 'en-GB', 'de', 'fr', 'es', 'nl', 'pl'])
      expect(dateWords('2026-12-07', l)).not.toMatch(/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/);
  });
  it('an unknown or malformed locale falls back to English instead of throwing', () => {
    expect(dateWords('2026-12-07', 'not a locale!')).toBe('December 7, 2026');
  });
  it('refuses what is not a date', () => {
    expect(dateWords('next Tuesday', 'en')).toBeUndefined();
    expect(dateWords('2026-13-07', 'en')).toBeUndefined();
  });
  it('times have hours and minutes, in the time zone asked for', () => {
    expect(dateTimeWords('2026-12-07T10:05:33.120Z', 'en-GB', 'UTC')).toBe('7 December 2026 at 10:05');
    expect(dateTimeWords('2026-12-07T10:05:33.120Z', 'de', 'Europe/Berlin')).toBe('7. Dezember 2026 um 11:05');
    expect(dateTimeWords('garbage', 'en')).toBeUndefined();
  });
});

describe('credit points', () => {
  it('ECTS by its ELM concept or by name: "2 ECTS credits"', () => {
    expect(creditsText('2', { id: 'http://data.europa.eu/snb/education-credit/6fcec5c5af' })).toBe('2 ECTS credits');
    expect(creditsText('2', { label: 'European Credit Transfer System' })).toBe('2 ECTS credits');
    expect(creditsText('2,5', { label: 'European Credit Transfer and Accumulation System' })).toBe('2,5 ECTS credits');
    expect(creditsText('1', { label: 'ECTS' })).toBe('1 ECTS credit');
  });
  it('another system keeps its name; none named says only credits', () => {
    expect(creditsText('10', { label: 'SCQF credit points' })).toBe('10 credits (SCQF credit points)');
    expect(creditsText('1')).toBe('1 credit');
    expect(creditsText('  ')).toBeUndefined();
  });
  it('isEcts: the ECTS name or concept, not any credit system', () => {
    expect(isEcts({ label: 'ECTS-like points' })).toBe(true);
    expect(isEcts({ label: 'Credits' })).toBe(false);
    expect(isEcts({ id: 'http://data.europa.eu/snb/education-credit/other' })).toBe(false);
  });
});

describe('yes/no facts as statements', () => {
  it.each([
    ['stackable', true, 'Can be combined with other credentials'],
    ['stackable', false, 'Stands alone: not designed to be combined'],
    ['partialQualification', true, 'Part of a larger qualification: can be combined towards it'],
    ['partialQualification', false, 'A full qualification in its own right, not part of a larger one'],
    ['supervised', true, 'The assessment was supervised'],
    ['supervised', false, 'The assessment was not supervised'],
    ['identityVerified', true, "The learner's identity was checked at the assessment"],
    ['identityVerified', false, "The learner's identity was not checked at the assessment"],
  ] as const)('%s %s', (fact, value, text) => {
    expect(booleanStatement(fact, value)).toBe(text);
    expect(booleanStatement(fact, value)).not.toMatch(/\b(true|false)\b/i);
  });
  it('reads JSON booleans and their spellings, nothing else', () => {
    expect([true, false, 'true', ' False ', 'TRUE'].map(parseBoolean)).toEqual([true, false, true, false, true]);
    expect(['yes', '1', 0, null, undefined, {}].map(parseBoolean)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('the learner', () => {
  it('a DID is a holder key, kept for the detail', () => {
    expect(learnerValue('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).toEqual({
      kind: 'did',
      did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    });
  });
  it('a hashed identity says what was hashed; a name or e-mail stays as is', () => {
    expect(learnerValue('hashed e-mail')).toEqual({ kind: 'hashed', what: 'e-mail' });
    expect(learnerValue('Ana Andromeda, born 1999-10-01')).toEqual({ kind: 'text', text: 'Ana Andromeda, born 1999-10-01' });
    expect(learnerValue('e-mail jane@example.com')).toEqual({ kind: 'text', text: 'e-mail jane@example.com' });
    expect(learnerValue('did: not one')).toEqual({ kind: 'text', text: 'did: not one' });
  });
  it('OB 3.0 identity types in words', () => {
    expect(identityTypeWords('emailAddress')).toBe('e-mail');
    expect(identityTypeWords('sourcedId')).toBe('identifier');
    expect(identityTypeWords('ext:LinkedInProfile')).toBe('linked in profile');
    expect(identityTypeWords(undefined)).toBe('identity');
  });
});
