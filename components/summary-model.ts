/**
 * The profile summary's numbers, computed from reports (pure, unit-tested): counts by verdict,
 * total ECTS and EQF levels from authentic credentials only, skills as stated, and the name check
 * (a hint: diacritics-, case- and order-insensitive; never a verdict).
 */
import type { Verdict, VerificationReport } from '../lib/model/report';
import { VERDICT_ORDER } from '../lib/model/report';
import { statedEqfLevels } from '../lib/qa/eqf';
import { HEADLINES, readReport, type Headline } from '../lib/report/headline';

export interface ProfileSummary {
  total: number;
  counts: Record<Verdict, number>;
  /** Counts by headline (what a person reads), in HEADLINES order, only those present. */
  headlines: [Headline, number][];
  /** ECTS summed over authentic credentials (verified or verified-untrusted). */
  ects: number;
  eqfLevels: number[];
  skills: string[];
}

const AUTHENTIC: ReadonlySet<Verdict> = new Set(['verified', 'verified-untrusted']);

/** ECTS stated in a report's workload element (largest figure, so "available" and "earned" are not added twice). */
export function ectsOf(report: VerificationReport): number {
  const w = report.elements.find((e) => e.key === 'workload');
  let best = 0;
  for (const v of w?.values ?? []) {
    const m = /(\d{1,4}(?:[.,]\d{1,2})?)\s*(?:ECTS|European Credit)/i.exec(v);
    if (m?.[1] !== undefined) best = Math.max(best, Number(m[1].replace(',', '.')));
  }
  return best;
}

/** Skill labels (ESCO and other frameworks) the credential aligns to; descriptions are not skills. */
export function skillsOf(report: VerificationReport): string[] {
  const lo = report.elements.find((e) => e.key === 'learningOutcomes');
  return (lo?.skills ?? []).map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= 120);
}

/** Summarises all reports of a profile. */
export function summariseProfile(reports: readonly VerificationReport[]): ProfileSummary {
  const counts = Object.fromEntries(VERDICT_ORDER.map((v) => [v, 0])) as Record<Verdict, number>;
  let ects = 0;
  const eqf = new Set<number>();
  const skills = new Set<string>();
  const byHeadline = new Map<Headline, number>();
  for (const r of reports) {
    counts[r.verdict] += 1;
    const h = r.headline ?? readReport(r).headline;
    byHeadline.set(h, (byHeadline.get(h) ?? 0) + 1);
    if (!AUTHENTIC.has(r.verdict)) continue;
    ects += ectsOf(r);
    statedEqfLevels(r.elements).forEach((l) => eqf.add(l));
    skillsOf(r).forEach((s) => skills.add(s));
  }
  const headlines = HEADLINES.filter((h) => byHeadline.has(h)).map((h): [Headline, number] => [
    h,
    byHeadline.get(h) ?? 0,
  ]);
  return {
    total: reports.length,
    counts,
    headlines,
    ects: Math.round(ects * 100) / 100,
    eqfLevels: [...eqf].sort(),
    skills: [...skills].slice(0, 40),
  };
}

/** Name tokens without diacritics, case or punctuation, sorted (order-insensitive). */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .sort();
}

/** The learner's name as the credential states it, if it states a name (not an e-mail or a hash). */
export function learnerNameOf(report: VerificationReport): string | undefined {
  const el = report.elements.find((e) => e.key === 'learner');
  const candidates = [...(el?.values ?? []), report.credential.recipient ?? ''];
  for (const c of candidates) {
    const v = c.split(',')[0]?.trim() ?? '';
    if (v === '' || /hashed|@|^(e-mail|web address|telephone)\b|^did:|^https?:/i.test(v)) continue;
    return v;
  }
  return undefined;
}

/** match: same tokens in any order (or one name contains all tokens of a shorter one of ≥ 2); differs; unknown. */
export function compareNames(
  profileName: string,
  learnerName: string | undefined,
): 'match' | 'differs' | 'unknown' {
  if (learnerName === undefined) return 'unknown';
  const a = nameTokens(profileName);
  const b = nameTokens(learnerName);
  if (a.length === 0 || b.length === 0) return 'unknown';
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const same = a.join(' ') === b.join(' ');
  const contained = short.length >= 2 && short.every((t) => long.includes(t));
  return same || contained ? 'match' : 'differs';
}

/** The profile name guessed from a page title ("Jane Doe | LinkedIn" → "Jane Doe"); the user can edit it. */
export function nameFromTitle(title: string): string {
  return (title.split(/\s[|–—-]\s/)[0] ?? '').trim().slice(0, 120);
}
