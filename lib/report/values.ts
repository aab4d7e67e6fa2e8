/**
 * Values in plain language (issue 16), shared by every format: ISO 8601 durations as words
 * ("60 hours", "2 months"), and the calendar date a credential states, in its own offset (an
 * expiry of 2100-12-31T00:00:00+01:00 is the 31st, not the 30th it is in UTC).
 */

const UNITS: readonly [key: string, one: string, many: string][] = [
  ['Y', 'year', 'years'],
  ['M', 'month', 'months'],
  ['W', 'week', 'weeks'],
  ['D', 'day', 'days'],
  ['h', 'hour', 'hours'],
  ['m', 'minute', 'minutes'],
  ['s', 'second', 'seconds'],
];

const DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * An ISO 8601 duration (`PT60H`, `P2M`, `P1Y6M`, `P3W`, `P2DT4H`) in English words, or undefined
 * when the text is not one (the caller shows it as written). Zero parts are left out.
 */
export function durationWords(value: string): string | undefined {
  const text = value.trim();
  const m = DURATION.exec(text);
  if (m === null || text === 'P' || text.endsWith('T')) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < UNITS.length; i++) {
    const raw = m[i + 1];
    if (raw === undefined) continue;
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n) || n === 0) continue;
    const [, one, many] = UNITS[i]!;
    parts.push(`${String(n)} ${n === 1 ? one : many}`);
  }
  return parts.length === 0 ? undefined : parts.join(' ');
}

const STATED_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/;

/**
 * The calendar day a date-time states, as written (its own offset, not converted to UTC):
 * `YYYY-MM-DD`, or undefined when the text does not start with a date.
 */
export function statedDay(value: string): string | undefined {
  const m = STATED_DATE.exec(value.trim());
  if (m === null) return undefined;
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${y}-${mo}-${d}` : undefined;
}
