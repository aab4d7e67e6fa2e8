/**
 * Hand-written guards for messages reaching the background. Each returns the typed
 * message or an error code; nothing is trusted until it passes.
 */
import { CANDIDATE_LIMITS, type Candidate } from '../detect/candidate';
import { SIGHTING_LIMITS, type Sighting } from '../detect/sighting';
import { LIMITS } from '../model/input';
import { base64Length } from './base64';
import type { ProtocolError, ProtocolErrorCode } from './envelope';
import { hasOnlyKeys, isBoundedString, isHttpUrl, isIndex, isOptionalString, isRecord } from './guards';
import { MESSAGE_LIMITS, type BackgroundRequest, type VerifyRequestInput } from './messages';

/** A parsed request, or the error to reply with. */
export type Parsed = { ok: true; msg: BackgroundRequest } | { ok: false; error: ProtocolError };

const reject = (code: ProtocolErrorCode, message: string): Parsed => ({
  ok: false,
  error: { code, message },
});
const bad = (message: string): Parsed => reject('ERR_PROTO_BAD_MESSAGE', message);

/** Validates an incoming message (of unknown shape) into a typed background request. */
export function parseRequest(raw: unknown): Parsed {
  if (!isRecord(raw) || typeof raw['type'] !== 'string') return bad('Message must be an object with a type.');
  switch (raw['type']) {
    case 'candidates/report':
      return parseCandidatesReport(raw);
    case 'tab/get':
      if (!hasOnlyKeys(raw, ['type', 'tabId']) || !isIndex(raw['tabId']))
        return bad('tab/get needs a tabId.');
      return { ok: true, msg: { type: 'tab/get', tabId: raw['tabId'] } };
    case 'report/get':
      if (
        !hasOnlyKeys(raw, ['type', 'reportId']) ||
        !isBoundedString(raw['reportId'], MESSAGE_LIMITS.maxReportIdLength, 1)
      ) {
        return bad('report/get needs a reportId.');
      }
      return { ok: true, msg: { type: 'report/get', reportId: raw['reportId'] } };
    case 'credential/verify':
      return parseVerify(raw);
    case 'file/scan':
      return parseFileScan(raw);
    case 'mark/open':
      if (!hasOnlyKeys(raw, ['type', 'url']) || !isHttpUrl(raw['url'], CANDIDATE_LIMITS.maxUrlLength))
        return bad("mark/open needs the mark's candidate URL.");
      return { ok: true, msg: { type: 'mark/open', url: raw['url'] } };
    case 'candidate/verify': {
      const { tabId, url } = raw;
      if (!hasOnlyKeys(raw, ['type', 'tabId', 'url']) || !isIndex(tabId))
        return bad('candidate/verify needs a tabId and, optionally, a candidate URL.');
      if (url !== undefined && !isHttpUrl(url, CANDIDATE_LIMITS.maxUrlLength))
        return bad('candidate/verify needs a tabId and, optionally, a candidate URL.');
      return { ok: true, msg: { type: 'candidate/verify', tabId, ...(url === undefined ? {} : { url }) } };
    }
    default:
      return reject('ERR_PROTO_UNKNOWN_TYPE', 'Unknown message type.');
  }
}

function parseCandidatesReport(raw: Record<string, unknown>): Parsed {
  if (!hasOnlyKeys(raw, ['type', 'reset', 'sightings']))
    return bad('Unexpected fields in candidates/report.');
  const list = raw['sightings'];
  if (typeof raw['reset'] !== 'boolean' || !Array.isArray(list))
    return bad('candidates/report needs reset and sightings.');
  if (list.length > MESSAGE_LIMITS.maxSightingsPerMessage) {
    return reject('ERR_PROTO_TOO_LARGE', 'Too many sightings in one message.');
  }
  const sightings: Sighting[] = [];
  let textChars = 0;
  for (const item of list) {
    const s = parseSighting(item);
    if (s === null) return bad('A sighting is malformed.');
    if (s.kind === 'json' || s.kind === 'jwt') textChars += s.text.length;
    if (textChars > MESSAGE_LIMITS.maxEmbeddedCharsPerMessage)
      return reject('ERR_PROTO_TOO_LARGE', 'Too much embedded text in one message.');
    sightings.push(s);
  }
  return { ok: true, msg: { type: 'candidates/report', reset: raw['reset'], sightings } };
}

const isUrlField = (v: unknown): v is string => isBoundedString(v, SIGHTING_LIMITS.maxUrlLength, 1);
const isLabel = (v: unknown): v is string | undefined => isOptionalString(v, SIGHTING_LIMITS.maxLabelLength);

/**
 * Validates one sighting's shape and bounds. Its meaning (is it a credential, where does it
 * lead) is the background's to decide: classifySighting applies the rules to it.
 */
export function parseSighting(v: unknown): Sighting | null {
  if (!isRecord(v)) return null;
  switch (v['kind']) {
    case 'link': {
      const { href, label, explicit, listed, where } = v;
      if (!hasOnlyKeys(v, ['kind', 'href', 'label', 'explicit', 'listed', 'where'])) return null;
      if (!isUrlField(href) || !isLabel(label) || !isOptionalString(where, SIGHTING_LIMITS.maxWhereLength))
        return null;
      if ((explicit !== undefined && explicit !== true) || (listed !== undefined && listed !== true))
        return null;
      return {
        kind: 'link',
        href,
        ...(label !== undefined ? { label } : {}),
        ...(explicit === true ? { explicit } : {}),
        ...(listed === true ? { listed } : {}),
        ...(where !== undefined ? { where } : {}),
      };
    }
    case 'image': {
      const { src, alt, title, inCredentialSection, linkHref } = v;
      if (!hasOnlyKeys(v, ['kind', 'src', 'alt', 'title', 'inCredentialSection', 'linkHref'])) return null;
      if (!isUrlField(src) || !isLabel(alt) || !isLabel(title)) return null;
      if (inCredentialSection !== undefined && inCredentialSection !== true) return null;
      if (linkHref !== undefined && !isUrlField(linkHref)) return null;
      return {
        kind: 'image',
        src,
        ...(alt !== undefined ? { alt } : {}),
        ...(title !== undefined ? { title } : {}),
        ...(inCredentialSection === true ? { inCredentialSection } : {}),
        ...(linkHref !== undefined ? { linkHref } : {}),
      };
    }
    case 'json':
    case 'jwt': {
      const { kind, text } = v;
      if (!hasOnlyKeys(v, ['kind', 'text']) || !isBoundedString(text, SIGHTING_LIMITS.maxTextLength, 1))
        return null;
      return { kind, text };
    }
    default:
      return null;
  }
}

/** Where a candidate comes from decides two bounds: what its URLs may be and how big its content. */
export interface CandidateBounds {
  url: (value: unknown) => value is string;
  maxContentLength: number;
}

/** Candidates from a page's content script: http(s) URLs, page-sized content. */
const PAGE_CANDIDATE: CandidateBounds = {
  url: (v): v is string => isHttpUrl(v, CANDIDATE_LIMITS.maxUrlLength),
  maxContentLength: CANDIDATE_LIMITS.maxContentLength,
};

/** Validates one candidate's shape and bounds (not its meaning: the background re-derives that). */
export function parseCandidate(c: unknown, bounds: CandidateBounds = PAGE_CANDIDATE): Candidate | null {
  if (
    !isRecord(c) ||
    !hasOnlyKeys(c, [
      'kind',
      'url',
      'pageUrl',
      'platform',
      'label',
      'noVerifiableForm',
      'content',
      'contentEncoding',
      'where',
    ])
  )
    return null;
  const { kind, url, pageUrl, platform, label, noVerifiableForm, content, contentEncoding, where } = c;
  if (kind !== 'link' && kind !== 'image' && kind !== 'embedded') return null;
  if (!bounds.url(url) || !bounds.url(pageUrl)) return null;
  if (!isBoundedString(platform, CANDIDATE_LIMITS.maxPlatformLength, 1)) return null;
  if (!isOptionalString(label, CANDIDATE_LIMITS.maxLabelLength)) return null;
  if (noVerifiableForm !== undefined && noVerifiableForm !== true) return null;
  if (!isOptionalString(content, bounds.maxContentLength)) return null;
  if (contentEncoding !== undefined && contentEncoding !== 'utf8' && contentEncoding !== 'base64')
    return null;
  if (!isOptionalString(where, CANDIDATE_LIMITS.maxWhereLength)) return null;
  // An embedded candidate carries its content; others never do.
  if ((kind === 'embedded') !== (content !== undefined)) return null;
  const out: Candidate = { kind, url, pageUrl, platform };
  if (label !== undefined) out.label = label;
  if (noVerifiableForm === true) out.noVerifiableForm = true;
  if (content !== undefined) out.content = content;
  if (contentEncoding !== undefined) out.contentEncoding = contentEncoding;
  if (where !== undefined) out.where = where;
  return out;
}

function parseVerify(raw: Record<string, unknown>): Parsed {
  if (!hasOnlyKeys(raw, ['type', 'input'])) return bad('Unexpected fields in credential/verify.');
  const input = parseVerifyInput(raw['input']);
  if (input === 'too-large')
    return reject('ERR_PROTO_TOO_LARGE', 'The file is larger than CredLens accepts.');
  if (input === null) return bad('credential/verify needs a URL, file bytes or text.');
  return { ok: true, msg: { type: 'credential/verify', input } };
}

function parseVerifyInput(v: unknown): VerifyRequestInput | null | 'too-large' {
  if (!isRecord(v)) return null;
  if (v['kind'] === 'url') {
    if (!hasOnlyKeys(v, ['kind', 'url']) || !isHttpUrl(v['url'], MESSAGE_LIMITS.maxUrlLength)) return null;
    return { kind: 'url', url: v['url'] };
  }
  const name = v['name'];
  if (!isOptionalString(name, MESSAGE_LIMITS.maxFileNameLength)) return null;
  if (v['kind'] === 'bytes') {
    const { base64, mediaType } = v;
    if (!hasOnlyKeys(v, ['kind', 'base64', 'name', 'mediaType'])) return null;
    if (typeof base64 !== 'string') return null;
    if (base64.length > base64Length(LIMITS.maxInputBytes)) return 'too-large';
    if (!isOptionalString(mediaType, MESSAGE_LIMITS.maxMediaTypeLength)) return null;
    const out: VerifyRequestInput = { kind: 'bytes', base64 };
    if (name !== undefined) out.name = name;
    if (mediaType !== undefined) out.mediaType = mediaType;
    return out;
  }
  if (v['kind'] === 'text') {
    if (!hasOnlyKeys(v, ['kind', 'text', 'name']) || typeof v['text'] !== 'string') return null;
    if (v['text'].length > LIMITS.maxInputBytes) return 'too-large';
    const out: VerifyRequestInput = { kind: 'text', text: v['text'] };
    if (name !== undefined) out.name = name;
    return out;
  }
  return null;
}

function parseFileScan(raw: Record<string, unknown>): Parsed {
  if (!hasOnlyKeys(raw, ['type', 'input'])) return bad('Unexpected fields in file/scan.');
  const input = parseVerifyInput(raw['input']);
  if (input === 'too-large')
    return reject('ERR_PROTO_TOO_LARGE', 'The file is larger than CredLens accepts.');
  if (input === null || input.kind === 'text') return bad('file/scan needs a URL or file bytes.');
  return { ok: true, msg: { type: 'file/scan', input } };
}
