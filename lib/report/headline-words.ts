/**
 * The words of a reading (headline.ts), in any UI language: the extension passes its
 * `i18n.getMessage`, the CLI and the report's `summary` use English. The message keys live in
 * public/_locales/<lang>/messages.json, so every surface says the same thing.
 */
import en from '../../public/_locales/en/messages.json';
import type { VerificationReport } from '../model/report';
import type { Headline, Reading, VouchedBy } from './headline';
import { headlineKey, type Words } from './headline-keys';

export { headlineHint, headlineKey, headlineLabel, type Words } from './headline-keys';

/** Formats a date the credential states (ISO 8601) for the reader. */
export type DateWords = (iso: string) => string;
import { statedDay } from './values';

type Messages = Record<string, { message: string } | undefined>;

/** English, straight from the English locale file. */
export const englishWords: Words = (key, ...subs) =>
  ((en as Messages)[key]?.message ?? key).replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "31 December 2100": the day the credential states, in its own offset (no locale data needed). */
export const englishDate: DateWords = (iso) => {
  const day = statedDay(iso);
  if (day === undefined) return iso;
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
};

function whoSays(by: VouchedBy | undefined, w: Words): string {
  if (by === undefined) return w('ans_by_certificate');
  switch (by.kind) {
    case 'list':
      return by.label;
    case 'domain':
      return w('ans_by_domain', by.host);
    case 'platform':
      return w('ans_by_platform', by.name);
    case 'certificate':
      return w('ans_by_certificate');
  }
}

/** The one sentence under the headline. */
export function headlineSentence(reading: Reading, w: Words): string {
  const { headline, answers } = reading;
  const name = answers.issuerName ?? w('ans_unnamed_issuer');
  const by = whoSays(answers.vouchedBy, w);
  if (headline === 'unconfirmed-issuer' && answers.issuerName === undefined)
    return w('head_unconfirmed_issuer_unnamed_sentence');
  const sentence = w(`${headlineKey(headline)}_sentence`, name, by);
  // "Valid" is said only with its caveat when revocation could not be confirmed now.
  return answers.validity === 'revocation-unconfirmed' && headline !== 'verified-caveat'
    ? `${sentence} ${w('ans_revocation_caveat')}`
    : sentence;
}

export interface AnswerLine {
  question: 'changed' | 'issuer' | 'valid';
  label: string;
  text: string;
  /** good / bad / open: for the icon next to the answer (never colour alone). */
  tone: 'good' | 'bad' | 'open';
}

const HOSTED_FORMATS = new Set(['ob2-hosted', 'ob1-hosted']);

/** Headlines where nothing was read to answer about: the three answers would all be "not known". */
const NOTHING_READ: ReadonlySet<Headline> = new Set<Headline>([
  'not-found',
  'unreachable',
  'no-verifiable-form',
  'unknown-platform',
  'not-a-credential',
]);

/** The three answers, each in plain words; none when there was no credential to ask about. */
export function answerLines(
  reading: Reading,
  report: VerificationReport,
  w: Words,
  date: DateWords,
): AnswerLine[] {
  if (NOTHING_READ.has(reading.headline)) return [];
  const a = reading.answers;
  const changed: AnswerLine = {
    question: 'changed',
    label: w('ans_q_changed'),
    text:
      a.changed === 'no'
        ? w(HOSTED_FORMATS.has(report.format.id) ? 'ans_changed_no_hosted' : 'ans_changed_no')
        : a.changed === 'yes'
          ? w('ans_changed_yes')
          : w('ans_changed_unknown'),
    tone: a.changed === 'no' ? 'good' : a.changed === 'yes' ? 'bad' : 'open',
  };
  const name = a.issuerName ?? w('ans_unnamed_issuer');
  const issuerText =
    a.issuer === 'trusted'
      ? w('ans_issuer_trusted', name, whoSays(a.vouchedBy, w))
      : a.issuer === 'identified'
        ? w('ans_issuer_identified', name, whoSays(a.vouchedBy, w))
        : a.issuer === 'self-declared'
          ? a.issuerName === undefined
            ? w('ans_issuer_self_declared_unnamed')
            : w('ans_issuer_self_declared', a.issuerName)
          : w('ans_issuer_unknown');
  const issuer: AnswerLine = {
    question: 'issuer',
    label: w('ans_q_issuer'),
    text: issuerText,
    tone: a.issuer === 'trusted' ? 'good' : 'open',
  };
  const expires = report.credential.expires;
  const from = report.credential.issuedOn;
  const validFrom =
    from !== undefined && Date.parse(from) > Date.parse(report.evaluatedAt) ? from : undefined;
  const validText = ((): string => {
    switch (a.validity) {
      case 'valid':
        return expires !== undefined ? w('ans_valid_until', date(expires)) : w('ans_valid_open');
      case 'expired':
        return expires !== undefined ? w('ans_valid_expired', date(expires)) : w('ans_valid_expired_undated');
      case 'not-yet-valid':
        return validFrom !== undefined
          ? w('ans_valid_not_yet', date(validFrom))
          : w('ans_valid_not_yet_undated');
      case 'revoked':
        return w('ans_valid_revoked');
      case 'revocation-unconfirmed':
        return w('ans_valid_unconfirmed');
      case 'unknown':
        return w('ans_valid_unknown');
    }
  })();
  const valid: AnswerLine = {
    question: 'valid',
    label: w('ans_q_valid'),
    text: validText,
    tone:
      a.validity === 'valid'
        ? 'good'
        : a.validity === 'unknown' || a.validity === 'revocation-unconfirmed'
          ? 'open'
          : 'bad',
  };
  return [changed, issuer, valid];
}

/** Headlines whose sentence says it all; the others add the deciding check's reason. */
const SELF_EXPLAINED: ReadonlySet<Headline> = new Set<Headline>([
  'verified',
  'identified',
  'no-verifiable-form',
  'unknown-platform',
]);

/**
 * The deciding check's message, when it adds to the sentence: not for headlines whose sentence
 * says it all, nor "no trust list names this issuer" under a sentence that already says so.
 */
export function reasonToShow(reading: Reading): string | undefined {
  const reason = reading.reason;
  if (reason === undefined || SELF_EXPLAINED.has(reading.headline)) return undefined;
  if (reading.headline === 'unconfirmed-issuer' && reason.id === 'issuer.trust') return undefined;
  return reason.message;
}

/** The plain-English summary stored in the report (and printed by the CLI). */
export function englishSummary(reading: Reading, report: VerificationReport): string {
  const sentence = headlineSentence(reading, englishWords);
  const reason = reasonToShow(reading);
  const why = reason !== undefined ? ` ${reason}` : '';
  const copy = reading.copyDiffers
    ? ` ${englishWords('ans_copy_differs', reading.copyDiffers.join(', '))}`
    : '';
  return `${sentence}${why}${copy}`.trim() || report.verdict;
}
