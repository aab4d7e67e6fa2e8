/**
 * Values in plain language (issue 16), shared by every format: ISO 8601 durations as words
 * ("60 hours", "2 months"); the calendar date a credential states, in its own offset (an
 * expiry of 2100-12-31T00:00:00+01:00 is the 31st, not the 30th it is in UTC), and in words of
 * the reader's language; credit points ("2 ECTS credits"); yes/no facts as statements; how a
 * learner is identified (a holder's key, a hashed e-mail, a name).
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

/** A locale Intl accepts: the one given, else English (an unknown tag must not throw). */
function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}

/**
 * The day a credential states, in words of `locale` with the month's name ("7 December 2026",
 * "7. Dezember 2026"), never numeric-only. The day is the one written in the credential's own
 * offset (statedDay). Undefined when the text does not start with a date.
 */
export function dateWords(value: string, locale: string): string | undefined {
  const day = statedDay(value);
  if (day === undefined) return undefined;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Intl.DateTimeFormat(safeLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/**
 * An instant (such as when a check ran) with its date in words and hours and minutes, in `locale`
 * and the reader's time zone (or `timeZone`). Undefined when the text is not a date-time.
 */
export function dateTimeWords(value: string, locale: string, timeZone?: string): string | undefined {
  if (statedDay(value) === undefined) return undefined;
  const d = new Date(value.trim());
  if (Number.isNaN(d.getTime())) return undefined;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };
  if (timeZone !== undefined) opts.timeZone = timeZone;
  return new Intl.DateTimeFormat(safeLocale(locale), opts).format(d);
}

/** The ELM concept for ECTS in the education-credit scheme (http://data.europa.eu/snb/education-credit). */
const ECTS_CONCEPT = 'http://data.europa.eu/snb/education-credit/6fcec5c5af';

/** True when a credit framework (its concept id or its label) is ECTS. */
export function isEcts(framework: { id?: string; label?: string }): boolean {
  if (framework.id === ECTS_CONCEPT) return true;
  return /\bECTS\b|european credit transfer/i.test(framework.label ?? '');
}

/**
 * Credit points in words: "2 ECTS credits" (not "2 European Credit Transfer System"), "1 ECTS
 * credit", "5 credits (Scottish credit framework)" for another named system, "5 credits" when
 * none is named. Undefined when there is no number of points.
 */
export function creditsText(
  points: string,
  framework: { id?: string; label?: string } = {},
): string | undefined {
  const n = points.trim();
  if (!/^\d{1,6}(?:[.,]\d{1,3})?$/.test(n))
    return n === '' ? undefined : `${n} ${isEcts(framework) ? 'ECTS credits' : 'credits'}`;
  const one = Number(n.replace(',', '.')) === 1;
  if (isEcts(framework)) return `${n} ECTS ${one ? 'credit' : 'credits'}`;
  const label = framework.label?.trim();
  return `${n} ${one ? 'credit' : 'credits'}${label ? ` (${label})` : ''}`;
}

/** A true/false value as the credential may write it (JSON boolean, "true", "False"); else undefined. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/** The yes/no facts standard elements carry (edubadges `stackable`, ELM `isPartialQualification`, ...). */
export type BooleanFact = 'stackable' | 'partialQualification' | 'supervised' | 'identityVerified';

const STATEMENTS: Readonly<Record<BooleanFact, readonly [yes: string, no: string]>> = {
  stackable: ['Can be combined with other credentials', 'Stands alone: not designed to be combined'],
  partialQualification: [
    'Part of a larger qualification: can be combined towards it',
    'A full qualification in its own right, not part of a larger one',
  ],
  supervised: ['The assessment was supervised', 'The assessment was not supervised'],
  identityVerified: [
    "The learner's identity was checked at the assessment",
    "The learner's identity was not checked at the assessment",
  ],
};

/** A yes/no fact as a plain statement, never "true" / "false". */
export function booleanStatement(fact: BooleanFact, value: boolean): string {
  const [yes, no] = STATEMENTS[fact];
  return value ? yes : no;
}

const IDENTITY_TYPES: Readonly<Record<string, string>> = {
  emailaddress: 'e-mail',
  email: 'e-mail',
  phone: 'telephone number',
  telephone: 'telephone number',
  url: 'web address',
  did: 'DID',
  name: 'name',
  sourcedid: 'identifier',
  studentid: 'student number',
  nationalidentitynumber: 'national identity number',
  passportnumber: 'passport number',
  driverslicensenumber: "driver's licence number",
  issuerid: 'identifier given by the issuer',
};

/** An Open Badges 3.0 IdentityObject `identityType` in words ("emailAddress" → "e-mail"). */
export function identityTypeWords(identityType: string | undefined): string {
  const t = identityType?.trim() ?? '';
  if (t === '') return 'identity';
  const known = IDENTITY_TYPES[t.replace(/^ext:/i, '').toLowerCase()];
  if (known !== undefined) return known;
  return t
    .replace(/^ext:/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .slice(0, 60);
}

/** How a learner value is to be shown: a holder's key (a DID), a hashed identity, or text as stated. */
export type LearnerValue =
  { kind: 'did'; did: string } | { kind: 'hashed'; what: string } | { kind: 'text'; text: string };

/** Classifies one learner value of a report ("did:key:z6Mk…", "hashed e-mail", "Ana Andromeda"). */
export function learnerValue(value: string): LearnerValue {
  const v = value.trim();
  if (/^did:[a-z0-9]+:\S+$/i.test(v)) return { kind: 'did', did: v };
  const hashed = /^hashed\s+(.{1,60})$/i.exec(v);
  if (hashed !== null) return { kind: 'hashed', what: (hashed[1] ?? '').trim() };
  return { kind: 'text', text: v };
}
