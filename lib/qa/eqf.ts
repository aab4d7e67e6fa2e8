/**
 * EQF/NQF levels as stated in a credential's `level` element, and the QF-EHEA cycles DEQAR uses
 * (Bologna framework ↔ EQF: short cycle = 5, first = 6, second = 7, third = 8; EQF Recommendation
 * 2017/C 189/03, Annex III).
 */
import type { StandardElement } from '../model/report';

/** QF-EHEA cycle name (as DEQAR writes it) → EQF level. */
export const QF_EHEA_TO_EQF: Readonly<Record<string, number>> = {
  'short cycle': 5,
  'first cycle': 6,
  'second cycle': 7,
  'third cycle': 8,
};

/** EQF levels (1–8) stated in the `level` element: "EQF level 6", ".../snb/eqf/6", "EQF 6". */
export function statedEqfLevels(elements: readonly StandardElement[]): number[] {
  const level = elements.find((e) => e.key === 'level');
  if (level?.status !== 'present') return [];
  const out = new Set<number>();
  for (const v of level.values ?? []) {
    const m = /(?:snb\/eqf\/|\bEQF(?:\s*level)?\s*)([1-8])\b/i.exec(v);
    if (m?.[1] !== undefined) out.add(Number(m[1]));
  }
  return [...out].sort();
}

/** NQF statements (free text) in the `level` element, for evidence only. */
export function statedNqf(elements: readonly StandardElement[]): string[] {
  const level = elements.find((e) => e.key === 'level');
  return (level?.values ?? []).filter((v) => /\bNQF\b|nqf/i.test(v));
}
