import { describe, expect, it } from 'vitest';
import type { Check } from '../../lib/model/report';
import { gradeAuthenticity, gradeVerdict } from '../../lib/report/grade';

const check = (status: Check['status'], impact?: Check['impact']): Check => ({
  id: 'x',
  status,
  code: 'C',
  message: `${status} ${impact ?? ''}`,
  ...(impact ? { impact } : {}),
});

describe('verdict precedence', () => {
  it('is verified when nothing lowers it', () => {
    expect(gradeVerdict([check('passed'), check('skipped'), check('warning')])).toBe('verified');
  });
  it('takes the worst impact: invalid > revoked > expired > unverifiable > verified-untrusted', () => {
    expect(gradeVerdict([check('warning', 'verified-untrusted'), check('failed', 'expired')])).toBe(
      'expired',
    );
    expect(gradeVerdict([check('failed', 'expired'), check('failed', 'revoked')])).toBe('revoked');
    expect(gradeVerdict([check('failed', 'revoked'), check('failed', 'invalid')])).toBe('invalid');
    expect(gradeVerdict([check('error', 'unverifiable'), check('failed', 'expired')])).toBe('expired');
    expect(gradeVerdict([check('error'), check('warning', 'verified-untrusted')])).toBe('unverifiable');
  });
  it('ignores the impact of passed and skipped checks', () => {
    expect(gradeVerdict([check('passed', 'invalid'), check('skipped', 'revoked')])).toBe('verified');
  });
});

describe('authenticity level', () => {
  const a2 = { level: 'A2' as const, evidence: ['hosted on the issuer domain'] };
  const allow = {
    sourceId: 's',
    sourceLabel: 'HR list',
    list: 'allow' as const,
    entryId: 'https://i.example/',
  };
  it('is A0 with the failing reason when the verdict is invalid or unverifiable', () => {
    const failing = [check('failed', 'invalid')];
    expect(gradeAuthenticity('invalid', a2, [allow], failing)).toEqual({
      level: 'A0',
      evidence: ['failed invalid'],
    });
  });
  it('rises to A3 on an allow-list hit, not on a deny', () => {
    expect(gradeAuthenticity('verified', a2, [allow], []).level).toBe('A3');
    expect(gradeAuthenticity('verified', a2, [allow, { ...allow, list: 'deny' }], []).level).toBe('A2');
    expect(gradeAuthenticity('verified-untrusted', a2, [], [])).toEqual(a2);
  });
});

describe('summary', () => {
  it('leads with a recipient mismatch and gives the deciding reason of a negative verdict', async () => {
    const { withReading } = await import('../../lib/report/grade');
    const mismatch: Check = {
      id: 'recipient.match',
      status: 'failed',
      code: 'ERR',
      message: 'The badge was not awarded to a@b.example.',
    };
    const base = {
      version: '1.1',
      format: { id: 'ob2-hosted' as const, label: 'OB', container: 'url' as const },
      authenticity: { level: 'A2' as const, evidence: [] },
      qualityAssurance: { level: 'Q0' as const, evidence: [] },
      issuer: { name: 'Uni', nameSource: 'issuer' as const, id: 'https://uni.example/' },
      trust: [],
      credential: {},
      elements: [],
      differences: [],
      contacted: [],
      checkedAt: '2026-01-01T00:00:00Z',
      evaluatedAt: '2026-01-01T00:00:00Z',
      source: 'x',
    };
    const text = withReading({ ...base, verdict: 'verified-untrusted', checks: [mismatch] }).summary;
    expect(text).toMatch(
      /^Awarded to someone else: this credential does not name the candidate you entered\. The badge was not awarded to a@b\.example\. /,
    );
    expect(text).toContain('issued by Uni');
    const invalid = withReading({ ...base, verdict: 'invalid', checks: [check('failed', 'invalid')] });
    expect(invalid.summary).toBe(
      'Not genuine: it was changed after it was signed, or its proof does not match. failed invalid',
    );
    expect(invalid.headline).toBe('invalid');
  });
});
