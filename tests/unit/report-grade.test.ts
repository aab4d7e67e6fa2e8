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
    expect(gradeVerdict([check('warning', 'verified-untrusted'), check('failed', 'expired')])).toBe('expired');
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
  const allow = { sourceId: 's', sourceLabel: 'HR list', list: 'allow' as const, entryId: 'https://i.example/' };
  it('is A0 with the failing reason when the verdict is invalid or unverifiable', () => {
    const failing = [check('failed', 'invalid')];
    expect(gradeAuthenticity('invalid', a2, [allow], failing)).toEqual({ level: 'A0', evidence: ['failed invalid'] });
  });
  it('rises to A3 on an allow-list hit, not on a deny', () => {
    expect(gradeAuthenticity('verified', a2, [allow], []).level).toBe('A3');
    expect(gradeAuthenticity('verified', a2, [allow, { ...allow, list: 'deny' }], []).level).toBe('A2');
    expect(gradeAuthenticity('verified-untrusted', a2, [], [])).toEqual(a2);
  });
});

describe('summary', () => {
  it('names the verdict reason and warns about a recipient mismatch', async () => {
    const { summarise } = await import('../../lib/report/grade');
    const mismatch: Check = { id: 'recipient.match', status: 'failed', code: 'ERR', message: 'The badge was not awarded to a@b.example.' };
    const text = summarise('verified', [mismatch], { name: 'Uni' });
    expect(text).toContain('issued by Uni');
    expect(text).toContain('Caution: The badge was not awarded to a@b.example.');
    expect(summarise('invalid', [check('failed', 'invalid')], {})).toBe('Not genuine: failed invalid');
  });
});
