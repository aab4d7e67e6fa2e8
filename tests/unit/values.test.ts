/** Values in plain language (lib/report/values.ts). */
import { describe, expect, it } from 'vitest';
import { durationWords, statedDay } from '../../lib/report/values';

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
