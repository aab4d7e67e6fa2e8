import { describe, expect, it } from 'vitest';
import { buildRecord, renderRecordHtml } from '../../components/export-record';
import { t } from '../../components/i18n';
import { compareNames, ectsOf, learnerNameOf, nameFromTitle, summariseProfile } from '../../components/summary-model';
import type { StandardElement, Verdict, VerificationReport } from '../../lib/model/report';
import en from '../../public/_locales/en/messages.json';
import de from '../../public/_locales/de/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import es from '../../public/_locales/es/messages.json';

const el = (key: StandardElement['key'], values: string[]): StandardElement => ({ key, label: key, mandatory: true, status: 'present', values });

function report(verdict: Verdict, elements: StandardElement[], extra: Partial<VerificationReport> = {}): VerificationReport {
  return {
    version: '1.0',
    verdict,
    summary: `summary <${verdict}>`,
    format: { id: 'ob2-hosted', label: 'OB 2.0', container: 'url' },
    authenticity: { level: 'A2', evidence: ['domain'] },
    qualityAssurance: { level: 'Q0', evidence: [] },
    checks: [{ id: 'proof.signature', status: 'passed', code: 'OK', message: 'ok' }],
    issuer: { name: 'Issuer & Co' },
    trust: [],
    credential: { title: 'T' },
    elements,
    differences: [],
    contacted: [],
    checkedAt: '2026-01-01T00:00:00.000Z',
    evaluatedAt: '2026-01-01T00:00:00.000Z',
    source: 'https://x.example/a',
    ...extra,
  };
}

describe('profile summary', () => {
  it('counts verdicts; ECTS, EQF and skills only from authentic credentials', () => {
    const s = summariseProfile([
      report('verified', [el('workload', ['5 ECTS']), el('level', ['EQF level 6']), { ...el('learningOutcomes', ['Data analysis (ESCO)', 'A long description of the course that is not a skill']), skills: ['Data analysis'] }]),
      report('verified-untrusted', [el('workload', ['2,5 European Credit Transfer and Accumulation System', '3 credits available'])]),
      report('invalid', [el('workload', ['60 ECTS']), el('level', ['EQF level 8'])]),
      report('revoked', [el('workload', ['10 ECTS'])]),
    ]);
    expect(s.total).toBe(4);
    expect(s.counts).toEqual({ invalid: 1, revoked: 1, expired: 0, unverifiable: 0, 'verified-untrusted': 1, verified: 1 });
    expect(s.ects).toBe(7.5);
    expect(s.eqfLevels).toEqual([6]);
    expect(s.skills).toEqual(['Data analysis']);
    expect(ectsOf(report('verified', [el('workload', ['3 credits earned'])]))).toBe(0);
  });

  it('name check ignores diacritics, case and order, and is only a hint', () => {
    expect(compareNames('Jane Doe', 'DOE, Jane')).toBe('match');
    expect(compareNames('Zoë Müller-Lüdenscheidt', 'zoe muller ludenscheidt')).toBe('match');
    expect(compareNames('Jane Mary Doe', 'Jane Doe')).toBe('match');
    expect(compareNames('Jane Doe', 'John Doe')).toBe('differs');
    expect(compareNames('Jane Doe', undefined)).toBe('unknown');
    expect(learnerNameOf(report('verified', [el('learner', ['hashed e-mail'])]))).toBeUndefined();
    expect(learnerNameOf(report('verified', [el('learner', ['Jane Doe, born 1990-01-01'])]))).toBe('Jane Doe');
    expect(nameFromTitle('Jane Doe | LinkedIn')).toBe('Jane Doe');
  });
});

describe('export record', () => {
  it('holds time, verdicts, evidence and trust data versions; HTML escapes everything', () => {
    const r = report('verified', [], { trustData: [{ sourceId: 'deqar', label: 'DEQAR', version: '2025-12-09' }], platform: { platform: 'credly', name: 'Credly', host: 'api.credly.com', statement: 'Hosted by Credly' } });
    const rec = buildRecord([r], { now: new Date('2026-02-02T10:00:00Z'), version: '0.1.0', page: 'https://www.linkedin.com/in/x' });
    expect(rec).toEqual(expect.objectContaining({ format: 'credlens-verification-record/1', createdAt: '2026-02-02T10:00:00.000Z' }));
    expect(rec.credentials[0]).toEqual(expect.objectContaining({ verdict: 'verified', platform: 'Hosted by Credly', trustData: [expect.objectContaining({ version: '2025-12-09' })] }));
    const html = renderRecordHtml(rec, { lang: 'en' });
    expect(html).toContain('summary &#60;verified&#62;');
    expect(html).toContain('Issuer &#38; Co');
    expect(html).not.toContain('<verified>');
    expect(html).not.toMatch(/<script(?! type="application\/json")/);
  });
});

describe('locales', () => {
  it('de, fr and es translate every English key with the same placeholders', () => {
    for (const loc of [de, fr, es] as Record<string, { message: string }>[]) {
      expect(Object.keys(loc).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(en)) expect(loc[k]?.message.match(/\$\d/g) ?? []).toEqual(v.message.match(/\$\d/g) ?? []);
    }
  });
  it('t() falls back to English outside the extension and fills placeholders', () => {
    expect(t('popup_found', 3)).toBe('3 found on this page');
  });
});
