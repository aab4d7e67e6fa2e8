/** Guard for `marks/update`, the one message a content script accepts (from our background only). */
import { VERDICT_ORDER } from '../model/report';
import { hasOnlyKeys, isHttpUrl, isRecord } from './guards';
import { MESSAGE_LIMITS, type Mark, type MarkState, type MarksUpdateMessage } from './messages';

/** Validates a `marks/update` message (or the `marks` of a MarksValue reply); null when malformed. */
export function parseMarksUpdate(raw: unknown): MarksUpdateMessage | null {
  if (!isRecord(raw) || raw['type'] !== 'marks/update' || !hasOnlyKeys(raw, ['type', 'marks'])) return null;
  const marks = parseMarks(raw['marks']);
  return marks === null ? null : { type: 'marks/update', marks };
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
  return v === 'pending' || v === 'waiting' || (typeof v === 'string' && (VERDICT_ORDER as readonly string[]).includes(v));
}
