/**
 * How report values read on every screen (report page, profile summary, printable record): dates
 * in the reader's language with month names, element labels and statuses, the learner (a holder's
 * key is named as such, its DID kept for a detail), and the header's issuer line for a sealed
 * European Digital Credential. Plain TS (no DOM) so each rule is unit-tested; strings through i18n.
 */
import type { ElementKey, ElementStatus, StandardElement, VerificationReport } from '../lib/model/report';
import { dateTimeWords, dateWords, learnerValue } from '../lib/report/values';
import { t, uiLanguage, type MessageKey } from './i18n';

/** A date the credential states ("7 December 2026" / "7. Dezember 2026"), or the text as written. */
export function readableDate(value: string, locale: string = uiLanguage()): string {
  return dateWords(value, locale) ?? value;
}

/** An instant with hours and minutes in the reader's time zone, or the text as written. */
export function readableDateTime(value: string, locale: string = uiLanguage(), timeZone?: string): string {
  return dateTimeWords(value, locale, timeZone) ?? value;
}

/** The standard element's name in the reader's language (the report's English label as fallback). */
export function elementLabel(e: Pick<StandardElement, 'key' | 'label'>): string {
  const key = `element_${e.key}` as MessageKey;
  try {
    return t(key) || e.label;
  } catch {
    return e.label;
  }
}

const STATUS_KEYS: Record<ElementStatus, MessageKey> = {
  present: 'elements_present',
  missing: 'elements_missing',
  'not-expressible': 'elements_notExpressible',
  'not-disclosed': 'elements_notDisclosed',
};

/** "Present", "Missing", "Not in this format", in the reader's language. */
export function elementStatusWord(status: ElementStatus): string {
  return t(STATUS_KEYS[status]);
}

/** One value of an element as shown: dates of issue in words; everything else as the report has it. */
export function elementValueText(key: ElementKey, value: string, locale: string = uiLanguage()): string {
  return key === 'issuedOn' ? readableDate(value, locale) : value;
}

/** A learner value as shown: `text` always; `did` when it is a holder's key, for a folded detail. */
export interface LearnerShown {
  text: string;
  did?: string;
}

/**
 * The learner as a recruiter reads it: a DID becomes "holder key (DID)" (the DID itself goes into a
 * detail), a hashed e-mail says "hashed e-mail", and a name or e-mail address stays as stated.
 */
export function learnerShown(value: string): LearnerShown {
  const v = learnerValue(value);
  if (v.kind === 'did') return { text: t('learner_holderKey'), did: v.did };
  if (v.kind === 'hashed')
    return { text: /^e-?mail$/i.test(v.what) ? t('learner_hashedEmail') : value.trim() };
  return { text: v.text };
}

/** How the header names who stands behind the credential. */
export type IssuerLine =
  | { kind: 'sealed'; sealer: string; awardedBy: string; confirmed: boolean }
  | { kind: 'plain'; name: string | undefined };

const SEALED_FORMATS: ReadonlySet<string> = new Set(['edc-jades', 'edci-xml']);
const same = (a: string, b: string): boolean =>
  a.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase() ===
  b.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A European Digital Credential is sealed by one organisation (the seal's holder, `issuer`) and may
 * name another as its awarding body (standard element `awardingBody`): then the header says
 * "Sealed by X · awarded by Y". Only when they differ, and only for sealed formats.
 */
export function issuerLine(
  report: Pick<VerificationReport, 'format' | 'issuer' | 'elements'> & {
    authenticity?: VerificationReport['authenticity'];
  },
): IssuerLine {
  const sealer = report.issuer.name;
  const plain: IssuerLine = { kind: 'plain', name: sealer ?? report.issuer.id };
  if (sealer === undefined || !SEALED_FORMATS.has(report.format.id)) return plain;
  const body = report.elements.find((e) => e.key === 'awardingBody' && e.status === 'present');
  const names = (body?.values ?? []).map((v) => v.trim()).filter((v) => v !== '');
  if (names.length === 0 || names.some((n) => same(n, sealer))) return plain;
  // Below A2 nothing establishes the sealer: the line says whose names these are.
  const level = report.authenticity?.level;
  const confirmed = level !== 'A0' && level !== 'A1';
  return { kind: 'sealed', sealer, awardedBy: names.slice(0, 3).join(', '), confirmed };
}

/** The header's issuer line as one sentence ("Sealed by X · awarded by Y", or the name). */
export function issuerLineText(line: IssuerLine): string {
  return line.kind === 'sealed'
    ? t(line.confirmed ? 'report_sealedBy' : 'report_sealedByUnconfirmed', line.sealer, line.awardedBy)
    : (line.name ?? t('report_unknown'));
}

/**
 * Whether the report page offers the candidate's e-mail field: the credential names its learner by
 * an e-mail address (often hashed) and its format compares recipients (check `recipient.match`).
 */
export function wantsEmail(report: Pick<VerificationReport, 'checks' | 'credential'>): boolean {
  return (
    report.checks.some((c) => c.id === 'recipient.match') &&
    /\be-?mail\b/i.test(report.credential.recipient ?? '')
  );
}

/** An address worth checking (what the summary page accepts too); the trimmed address, or undefined. */
export function emailToCheck(text: string): string | undefined {
  const v = text.trim();
  return /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(v) ? v : undefined;
}
