/** Guard for `marks/update`, the one message a content script accepts (from our background only). */
import { HEADLINES } from '../report/headline';
import { hasOnlyKeys, isHttpUrl, isIndex, isRecord } from './guards';
import {
  MESSAGE_LIMITS,
  type FoundSighting,
  type Mark,
  type MarkState,
  type MarksUpdateMessage,
  type MarksValue,
} from './messages';

/** Validates a `marks/update` message (or the `marks` of a MarksValue reply); null when malformed. */
export function parseMarksUpdate(raw: unknown): MarksUpdateMessage | null {
  if (!isRecord(raw) || raw['type'] !== 'marks/update' || !hasOnlyKeys(raw, ['type', 'marks'])) return null;
  const marks = parseMarks(raw['marks']);
  return marks === null ? null : { type: 'marks/update', marks };
}

/** Validates the reply to a `candidates/report` of `sent` sightings; null when malformed. */
export function parseMarksValue(raw: unknown, sent: number): MarksValue | null {
  if (
    !isRecord(raw) ||
    !Array.isArray(raw['found']) ||
    raw['found'].length > MESSAGE_LIMITS.maxCandidatesPerTab
  )
    return null;
  const marks = parseMarks(raw['marks']);
  if (marks === null) return null;
  const found: FoundSighting[] = [];
  for (const f of raw['found'] as unknown[]) {
    if (
      !isRecord(f) ||
      !isIndex(f['i']) ||
      f['i'] >= sent ||
      !isHttpUrl(f['url'], MESSAGE_LIMITS.maxUrlLength)
    )
      return null;
    if (f['probe'] !== undefined && f['probe'] !== true) return null;
    found.push(
      f['probe'] === true ? { i: f['i'], url: f['url'], probe: true } : { i: f['i'], url: f['url'] },
    );
  }
  return { found, marks };
}

/** Validates a list of marks; null when malformed. */
export function parseMarks(raw: unknown): Mark[] | null {
  if (!Array.isArray(raw) || raw.length > MESSAGE_LIMITS.maxCandidatesPerTab) return null;
  const out: Mark[] = [];
  for (const m of raw) {
    if (!isRecord(m) || !isHttpUrl(m['url'], MESSAGE_LIMITS.maxUrlLength) || !isMarkState(m['state']))
      return null;
    out.push({ url: m['url'], state: m['state'] });
  }
  return out;
}

function isMarkState(v: unknown): v is MarkState {
  return (
    v === 'pending' ||
    v === 'waiting' ||
    (typeof v === 'string' && (HEADLINES as readonly string[]).includes(v))
  );
}
