import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAccreditation } from '../../lib/qa/accreditation';
import { bundledDeqarIndex, defaultQaRegisters } from '../../lib/qa/bundled';
import { coveringReports, findDeqarInstitutions, parseDeqarSnapshot, reportValidTo } from '../../lib/qa/deqar';
import { statedEqfLevels } from '../../lib/qa/eqf';
import { gradeQualityAssurance, provenHosts, type QaInput } from '../../lib/qa/grade-qa';
import type { StandardElement } from '../../lib/model/report';

const REG = resolve('../shared/vectors/registries');
if (!existsSync(REG)) throw new Error(`Missing ${REG}: the shared vectors are required (../shared/vectors)`);

const el = (key: StandardElement['key'], values?: string[]): StandardElement =>
  values ? { key, label: key, mandatory: true, status: 'present', values } : { key, label: key, mandatory: true, status: 'missing' };

const base = (over: Partial<QaInput>): QaInput => ({
  verdict: 'verified-untrusted',
  authenticity: 'A2',
  formatQa: { level: 'Q0', evidence: ['Nothing stated.'] },
  issuerIds: [],
  elements: [],
  now: new Date('2026-01-01T00:00:00Z'),
  registers: defaultQaRegisters(),
  ...over,
});

describe('DEQAR snapshot', () => {
  it('the bundled snapshot is what scripts/deqar-snapshot.mjs makes from the vectors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deqar-'));
    const out = join(dir, 's.json');
    execFileSync(process.execPath, ['scripts/deqar-snapshot.mjs', '--out', out, '--generated-at', '2025-12-09T00:00:00Z']);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('lib/qa/deqar-snapshot.json', 'utf8'));
  });

  it('finds institutions by DID-EBSI identifier or web domain, and applies the 6-year rule', () => {
    const index = bundledDeqarIndex();
    expect(index?.institutions.map((i) => i.deqarId)).toEqual(['DEQARINST0382', 'DEQARINST0792', 'DEQARINST1709']);
    if (!index) return;
    expect(findDeqarInstitutions(index, { dids: ['did:ebsi:ziBBPgHRMxmPaKmW1TCm9Cj'], hosts: [] })[0]?.institution.name).toBe('Rovira i Virgili University');
    const aachen = findDeqarInstitutions(index, { dids: [], hosts: ['rwth-aachen.de'] })[0]?.institution;
    expect(aachen?.name).toBe('Aachen University');
    if (!aachen) return;
    expect(coveringReports(aachen, '2020-01-01').map((r) => r.id)).toEqual([47914]);
    expect(coveringReports(aachen, '2025-01-01')).toEqual([]);
    const tetovo = index.institutions.find((i) => i.id === 1709);
    expect(tetovo && reportValidTo(tetovo.reports[0]!)).toBe('2024-01-01');
  });

  it('rejects non-snapshots', () => {
    expect(parseDeqarSnapshot('{"format":"x"}').ok).toBe(false);
    expect(parseDeqarSnapshot({ format: 'credlens-deqar-snapshot/1', generatedAt: 'yesterday', institutions: [] }).ok).toBe(false);
  });
});

describe('QA level', () => {
  it('Q0 when nothing is stated and no register knows the issuer', () => {
    const qa = gradeQualityAssurance(base({ issuerIds: ['https://unknown.example/issuer'] }));
    expect(qa.level).toBe('Q0');
  });

  it('Q1 stays Q1 when claimed but not corroborated', () => {
    const qa = gradeQualityAssurance(base({ formatQa: { level: 'Q1', evidence: ['Accreditation claimed.'] }, issuerIds: ['https://unknown.example/issuer'] }));
    expect(qa.level).toBe('Q1');
    expect(qa.evidence).toContain('No quality-assurance register CredLens uses lists this issuer.');
  });

  it('Q2 when DEQAR has a report covering the date of issue for the proven issuer domain', () => {
    const qa = gradeQualityAssurance(base({ issuerIds: ['https://www.rwth-aachen.de/badges/issuer.json'], issuedOn: '2021-05-01T00:00:00Z' }));
    expect(qa.level).toBe('Q2');
    expect(qa.evidence.join(' ')).toMatch(/Aachen University \(DEQARINST0382.*AAQ.*positive.*2018-09-14 to 2024-09-30/);
  });

  it('no Q2 when the report does not cover the date of issue', () => {
    const qa = gradeQualityAssurance(base({ issuerIds: ['https://www.rwth-aachen.de/issuer'], issuedOn: '2025-03-01' }));
    expect(qa.level).toBe('Q0');
    expect(qa.evidence.join(' ')).toMatch(/no positive quality-assurance report covers 2025-03-01/);
  });

  it('never rises when the issuer identity is not established (A1) or the credential is not genuine', () => {
    const claimed = { issuerIds: ['https://www.rwth-aachen.de/issuer'], issuedOn: '2021-05-01' };
    expect(gradeQualityAssurance(base({ ...claimed, authenticity: 'A1' })).level).toBe('Q0');
    expect(gradeQualityAssurance(base({ ...claimed, verdict: 'invalid', authenticity: 'A0', formatQa: { level: 'Q1', evidence: ['x'] } })).level).toBe('Q0');
  });

  it('Q3 when the stated EQF level is among the cycles DEQAR records (did:ebsi issuer, URV)', () => {
    const snapshot = bundledDeqarIndex();
    if (!snapshot) throw new Error('no snapshot');
    // URV's record has no report in the documentation examples; add one to a copy for this test.
    const deqar = { ...snapshot, institutions: snapshot.institutions.map((i) => (i.id === 792 ? { ...i, reports: [{ id: 1, agency: 'AQU', validFrom: '2020-01-01', decision: 'positive', status: 'part of obligatory EQA system', flag: 'none' }] } : i)) };
    const input = base({ issuerIds: ['did:ebsi:ziBBPgHRMxmPaKmW1TCm9Cj'], issuedOn: '2023-01-01', registers: { deqar }, elements: [el('level', ['EQF level 7'])] });
    const qa = gradeQualityAssurance(input);
    expect(qa.level).toBe('Q3');
    expect(qa.evidence.at(-1)).toMatch(/EQF level 7 .*QF-EHEA first cycle, second cycle, third cycle/);
    const unconfirmed = gradeQualityAssurance({ ...input, elements: [el('level', ['EQF level 4'])] });
    expect(unconfirmed.level).toBe('Q2');
  });

  it('Q2 from an accreditation record the credential references and that names the issuer (QDR sample)', () => {
    const rec = parseAccreditation(JSON.parse(readFileSync(join(REG, 'edc-qdr-accreditation/qms-json/MockedSampleAccreditation_2.json'), 'utf8')));
    expect(rec?.aliases).toContain('https://data.deqar.eu/report/48198');
    if (!rec) return;
    const input = base({
      issuerIds: ['https://data.deqar.eu/institution/879'],
      issuedOn: '2022-01-01',
      registers: { accreditations: [rec] },
      elements: [el('qualityAssurance', ['https://data.deqar.eu/report/48198'])],
      formatQa: { level: 'Q1', evidence: ['Accreditation claimed in the credential.'] },
    });
    expect(gradeQualityAssurance(input).level).toBe('Q2');
    expect(gradeQualityAssurance({ ...input, issuedOn: '2026-01-01' }).level).toBe('Q1'); // expired 2025-05
    expect(gradeQualityAssurance({ ...input, issuerIds: ['https://other.example/'] }).level).toBe('Q1');
  });

  it('reads EQF levels and proven hosts', () => {
    expect(statedEqfLevels([el('level', ['http://data.europa.eu/snb/eqf/6', 'EQF 5', 'NQF 3'])])).toEqual([5, 6]);
    expect(provenHosts(['did:web:www.example.org:issuers:1', 'https://Sub.Example.com/x', 'did:key:z6Mk'])).toEqual(['example.org', 'sub.example.com']);
  });
});
