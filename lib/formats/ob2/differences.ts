/**
 * Differences between the copy the user has (baked image, file) and the authoritative hosted copy
 * (OB 2.0 §"Hosted verification": the hosted copy is authoritative). Listed, not a failure.
 */
import type { Difference } from '../../model/report';
import { abbreviate, isObj } from './util';

/** At most this many differences are listed. */
export const MAX_DIFFERENCES = 50;

function show(value: unknown): string {
  return abbreviate(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'), 200);
}

function walk(given: unknown, hosted: unknown, path: string, out: Difference[], depth: number): void {
  if (out.length >= MAX_DIFFERENCES) return;
  if (depth < 32 && isObj(given) && isObj(hosted)) {
    const keys = [...new Set([...Object.keys(given), ...Object.keys(hosted)])].sort();
    for (const k of keys) walk(given[k], hosted[k], path ? `${path}.${k}` : k, out, depth + 1);
    return;
  }
  if (depth < 32 && Array.isArray(given) && Array.isArray(hosted) && given.length === hosted.length) {
    given.forEach((g, i) => walk(g, hosted[i], `${path}[${i}]`, out, depth + 1));
    return;
  }
  if (JSON.stringify(given) === JSON.stringify(hosted)) return;
  const d: Difference = { path: path || '(document)' };
  if (given !== undefined) d.given = show(given);
  if (hosted !== undefined) d.hosted = show(hosted);
  out.push(d);
}

/** Paths where the given copy and the hosted copy differ (key order ignored). */
export function diffCopies(given: unknown, hosted: unknown): Difference[] {
  const out: Difference[] = [];
  walk(given, hosted, '', out, 0);
  return out;
}
