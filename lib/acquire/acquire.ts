/**
 * acquire: turns what the user gave (a URL, a file, pasted text) into one machine-readable
 * payload — unbaking PNG/SVG badges and fetching hosted addresses. It recognises containers
 * only; deciding what a payload or a failed fetch means (410 Gone = revoked) is the format's job.
 */
import { base64UrlDecode } from '../did/multibase';
import type { FetchFail, FetchResult } from '../model/env';
import type { Acquired, Payload, RecordingFetch } from '../model/format';
import { LIMITS, type CredentialInput } from '../model/input';
import type { Check, Verdict } from '../model/report';
import { recogniseMdocBytes, textToBytes } from '../formats/mdoc/cbor';
import { hasPngSignature, readPngText } from './png';
import { readSvgBadge } from './svg';
import { credentialXmlRoot } from './xml';
import { splitCompact } from '../formats/sdjwt/disclosures';

/** Result of acquireInput: a payload, or the one `format.recognized` check explaining why not. */
export type AcquireResult = { ok: true; acquired: Acquired } | { ok: false; check: Check };

/** PNG text keywords of baked badges: OB 1.x/2.0, OB 3.0. */
export const BADGE_PNG_KEYWORDS: readonly string[] = ['openbadges', 'openbadgecredential'];

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const SVG_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]/;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

type Container = Acquired['container'];

function reject(
  code: string,
  message: string,
  detail?: string,
  impact: Verdict = 'unverifiable',
): AcquireResult {
  const check: Check = { id: 'format.recognized', status: 'failed', code, message, impact };
  if (detail !== undefined) check.detail = detail;
  return { ok: false, check };
}

function found(
  code: string,
  message: string,
  detail?: string,
  status: 'passed' | 'warning' = 'passed',
): Check {
  const check: Check = { id: 'format.container', status, code, message };
  if (detail !== undefined) check.detail = detail;
  return check;
}

/** True for a compact JWS whose first segment decodes to a JSON object header. */
export function isCompactJws(text: string): boolean {
  if (!COMPACT_JWS.test(text)) return false;
  try {
    const bytes = base64UrlDecode(text.slice(0, text.indexOf('.')));
    if (bytes === undefined) return false;
    const header: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof header === 'object' && header !== null && !Array.isArray(header);
  } catch {
    return false;
  }
}

/** True for a bare absolute http(s) URL. */
function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

type Classified = { ok: true; payload: Payload } | { ok: false; code: string; why: string };

/**
 * A compact SD-JWT / SD-JWT+KB (RFC 9901 §4): `<jwt>~<disclosure>~…~[<kb-jwt>]`. Whitespace (line
 * wraps, as in specifications and e-mails) is tolerated and removed; the issuer-signed JWT must
 * have a JSON object header. Returns the token without whitespace.
 */
function sdJwtToken(text: string): string | undefined {
  if (!text.includes('~') || !/^eyJ/.test(text)) return undefined;
  const sd = splitCompact(text);
  if (!sd || !isCompactJws(sd.jwt)) return undefined;
  return text.replace(/\s+/g, '');
}

/** Classifies text as a JSON object, a compact JWS, a compact SD-JWT or an http(s) URL. */
function classify(raw: string): Classified {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        code: 'ERR_FORMAT_BAD_JSON',
        why: `invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, code: 'ERR_FORMAT_NOT_OBJECT', why: 'JSON that is not an object' };
    }
    return { ok: true, payload: { type: 'json', value, text } };
  }
  if (isCompactJws(text)) return { ok: true, payload: { type: 'jws', token: text } };
  const sdJwt = sdJwtToken(text);
  if (sdJwt !== undefined) return { ok: true, payload: { type: 'sd-jwt', token: sdJwt } };
  if (/^eyJ[A-Za-z0-9_.\s-]*~/.test(text)) {
    return {
      ok: false,
      code: 'ERR_FORMAT_JWS_MALFORMED',
      why: 'looks like a selective-disclosure token (SD-JWT) but is incomplete or damaged',
    };
  }
  // "eyJ" is base64url for '{"': a JWS header. Name the damage instead of "unrecognised".
  if (/^eyJ[A-Za-z0-9_.-]*$/.test(text)) {
    return {
      ok: false,
      code: 'ERR_FORMAT_JWS_MALFORMED',
      why: `looks like a signed token (JWS) but is incomplete or damaged: ${text.split('.').length} of 3 parts`,
    };
  }
  if (isHttpUrl(text)) return { ok: true, payload: { type: 'url', url: new URL(text).href } };
  return {
    ok: false,
    code: 'ERR_FORMAT_UNRECOGNIZED',
    why: text === '' ? 'empty' : `starts with ${JSON.stringify(text.slice(0, 20))}`,
  };
}

/** Fetches a credential address; a failed fetch is kept for the format module to judge. */
async function fetchPayload(
  url: string,
  container: Container,
  source: string,
  fetch: RecordingFetch,
  checks: Check[],
): Promise<AcquireResult> {
  let res: FetchResult;
  try {
    res = await fetch(url, 'credential');
  } catch (error) {
    res = { ok: false, url, code: 'ERR_NET_UNREACHABLE', message: String(error) };
  }
  if (!res.ok) {
    const fetchFailure: FetchFail = res;
    return { ok: true, acquired: { container, payload: { type: 'url', url }, source, checks, fetchFailure } };
  }
  const contentType = res.contentType.split(';')[0]?.trim() || 'no content type';
  // An address may serve the badge image itself (a baked PNG/SVG linked from a page): unbake it.
  // SECURITY: only for the address given (container 'url'); an address found inside a baked image
  // is fetched with the image's container, so an image pointing at an image cannot recurse.
  if (container === 'url' && hasPngSignature(res.bytes)) return fromPng(res.bytes, url, fetch);
  if (container === 'url' && /^image\/svg\+xml$/i.test(contentType)) {
    const svgText = decodeUtf8(res.bytes);
    if (svgText !== undefined) return fromSvg(svgText, url, fetch);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(res.bytes);
  } catch {
    return reject(
      'ERR_FORMAT_NOT_CREDENTIAL',
      `The address did not return a credential: got ${contentType}.`,
      `${res.finalUrl}: body is not UTF-8 text`,
    );
  }
  // An address may serve an XML credential (EDCI); only for the address given, like images.
  const xml =
    container === 'url'
      ? fromXml(text.replace(/^\uFEFF/, '').trim(), source, checks, 'url', {
          url,
          finalUrl: res.finalUrl,
          redirects: res.redirects,
        })
      : undefined;
  if (xml) return xml;
  const got = classify(text);
  if (!got.ok || got.payload.type === 'url') {
    return reject(
      'ERR_FORMAT_NOT_CREDENTIAL',
      `The address did not return a credential: got ${contentType}.`,
      `${res.finalUrl}: ${got.ok ? 'another address' : got.why}`,
    );
  }
  const fetched = `Fetched from ${res.finalUrl}${res.redirects.length > 0 ? ` after ${res.redirects.length} redirect(s)` : ''}.`;
  const out = [...checks];
  if (!JSON_TYPE.test(res.contentType) && got.payload.type === 'json') {
    out.push(
      found(
        'WARN_FORMAT_CONTENT_TYPE',
        `The address answered with JSON labelled ${contentType}.`,
        fetched,
        'warning',
      ),
    );
  }
  const fetchedFrom = { url, finalUrl: res.finalUrl, redirects: res.redirects };
  return { ok: true, acquired: { container, payload: got.payload, source, fetchedFrom, checks: out } };
}

/** Turns a classified payload into the result, fetching URLs. */
function settle(
  got: Classified,
  container: Container,
  source: string,
  fetch: RecordingFetch,
  check: Check,
  what: string,
): Promise<AcquireResult> | AcquireResult {
  if (!got.ok) return reject(got.code, `${what} does not contain a credential CredLens can read.`, got.why);
  if (got.payload.type === 'url') return fetchPayload(got.payload.url, container, source, fetch, [check]);
  return { ok: true, acquired: { container, payload: got.payload, source, checks: [check] } };
}

async function fromPng(bytes: Uint8Array, source: string, fetch: RecordingFetch): Promise<AcquireResult> {
  const png = await readPngText(bytes, BADGE_PNG_KEYWORDS);
  if (!png.ok) {
    const impact =
      png.code === 'ERR_PNG_BAD_CRC' || png.code === 'ERR_PNG_MULTIPLE_BADGES' ? 'invalid' : 'unverifiable';
    return reject(png.code, png.message, png.detail, impact);
  }
  const check = found(
    'OK_FORMAT_PNG',
    `Baked PNG badge: ${png.keyword} ${png.chunkType} chunk found.`,
    png.compressed ? 'compressed chunk' : undefined,
  );
  return settle(classify(png.text), 'png', source, fetch, check, 'The badge data in this PNG image');
}

function fromSvg(
  text: string,
  source: string,
  fetch: RecordingFetch,
): Promise<AcquireResult> | AcquireResult {
  const svg = readSvgBadge(text);
  if (!svg.ok)
    return reject(
      svg.code,
      svg.message,
      svg.detail,
      svg.code === 'ERR_SVG_MULTIPLE_BADGES' ? 'invalid' : 'unverifiable',
    );
  const name = `openbadges:${svg.element}`;
  if (svg.content !== undefined) {
    const check = found(
      'OK_FORMAT_SVG',
      `Baked SVG badge: ${name} element found.`,
      svg.verify !== undefined ? `verify="${svg.verify.slice(0, 80)}"` : undefined,
    );
    return settle(classify(svg.content), 'svg', source, fetch, check, 'The badge data in this SVG image');
  }
  const verify = classify(svg.verify ?? '');
  const urlOnly = verify.ok && verify.payload.type === 'url';
  const check = urlOnly
    ? found(
        'WARN_FORMAT_SVG_NO_JSON',
        `Baked SVG badge: ${name} holds only the badge address, not the badge data.`,
        `verify="${svg.verify ?? ''}"`,
        'warning',
      )
    : found('OK_FORMAT_SVG', `Baked SVG badge: ${name} element with a signed badge found.`);
  return settle(verify, 'svg', source, fetch, check, 'The verify attribute of this SVG image');
}

/** An XML document whose root is a credential this version reads (EDCI / ELM v2); undefined otherwise. */
function fromXml(
  text: string,
  source: string,
  checks: Check[],
  container: Container = 'xml',
  fetchedFrom?: Acquired['fetchedFrom'],
): AcquireResult | undefined {
  const root = credentialXmlRoot(text);
  if (root === undefined) return undefined;
  const check = found('OK_FORMAT_XML', 'XML credential document found.', `Root element ${root}.`);
  const acquired: Acquired = {
    container,
    payload: { type: 'xml', text, root },
    source,
    checks: [...checks, check],
  };
  if (fetchedFrom) acquired.fetchedFrom = fetchedFrom;
  return { ok: true, acquired };
}

/** CBOR bytes that form an ISO 18013-5 mdoc root (DeviceResponse / IssuerSigned); undefined otherwise. */
function fromCbor(bytes: Uint8Array, source: string, encoding?: string): AcquireResult | undefined {
  const root = recogniseMdocBytes(bytes);
  if (root === undefined) return undefined;
  const check = found(
    'OK_FORMAT_CBOR',
    `ISO mdoc data found (${root}).`,
    encoding ? `CBOR given as ${encoding} text.` : 'CBOR bytes.',
  );
  return {
    ok: true,
    acquired: { container: 'cbor', payload: { type: 'cbor', bytes, root }, source, checks: [check] },
  };
}

/** Text that is hex, base64 or base64url of an mdoc's CBOR. */
function mdocFromText(text: string, source: string): AcquireResult | undefined {
  const bytes = textToBytes(text);
  if (bytes === undefined) return undefined;
  const compact = text.replace(/\s+/g, '');
  const encoding = /^[0-9a-fA-F]+$/.test(compact) ? 'hex' : /[-_]/.test(compact) ? 'base64url' : 'base64';
  return fromCbor(bytes, source, encoding);
}

function fromText(
  raw: string,
  source: string,
  fetch: RecordingFetch,
): Promise<AcquireResult> | AcquireResult {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('<')) {
    const xml = fromXml(text, source, []);
    if (xml) return xml;
    if (SVG_ELEMENT.test(text)) return fromSvg(text, source, fetch);
    return reject(
      'ERR_FORMAT_UNRECOGNIZED',
      'This is an XML or HTML document, not a credential CredLens can read.',
      `starts with ${JSON.stringify(text.slice(0, 20))}`,
    );
  }
  const got = classify(text);
  if (!got.ok && got.code === 'ERR_FORMAT_UNRECOGNIZED') {
    const mdoc = mdocFromText(text, source);
    if (mdoc) return mdoc;
  }
  if (!got.ok) {
    const message =
      got.code === 'ERR_FORMAT_JWS_MALFORMED'
        ? 'This looks like a signed badge (JWS), but it is incomplete or damaged.'
        : 'This input is not a credential CredLens can read.';
    return reject(got.code, message, got.why);
  }
  // An SD-JWT is a signed token with disclosures appended: its container is 'jws'.
  const container: Container = got.payload.type === 'sd-jwt' ? 'jws' : got.payload.type;
  const label = {
    json: 'JSON document found.',
    jws: 'Compact signed token (JWS) found.',
    'sd-jwt': 'Compact selective-disclosure token (SD-JWT) found.',
    cbor: 'ISO mdoc data found.',
    url: 'Credential address given.',
    xml: 'XML credential document found.',
  }[got.payload.type];
  const code = got.payload.type === 'sd-jwt' ? 'OK_FORMAT_SD_JWT' : `OK_FORMAT_${container.toUpperCase()}`;
  return settle(got, container, source, fetch, found(code, label), 'This input');
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const tooLarge = (size: number): AcquireResult =>
  reject(
    'ERR_FORMAT_TOO_LARGE',
    'The file is too large to be a credential.',
    `${size} bytes, limit ${LIMITS.maxInputBytes}`,
  );

/** Recognises the input's container and extracts (or fetches) its payload. Never throws. */
export async function acquireInput(input: CredentialInput, fetch: RecordingFetch): Promise<AcquireResult> {
  if (input.kind === 'url') {
    const url = input.url.trim();
    if (!isHttpUrl(url))
      return reject('ERR_FORMAT_BAD_URL', 'Only http(s) addresses can be checked.', url.slice(0, 200));
    const href = new URL(url).href;
    return fetchPayload(href, 'url', input.url, fetch, [found('OK_FORMAT_URL', 'Credential address given.')]);
  }
  const source = input.name ?? '(input)';
  if (input.kind === 'text') {
    // SECURITY: size cap before any parsing; UTF-8 is never shorter than the UTF-16 length.
    if (input.text.length > LIMITS.maxInputBytes) return tooLarge(input.text.length);
    const size = new TextEncoder().encode(input.text).length;
    if (size > LIMITS.maxInputBytes) return tooLarge(size);
    return fromText(input.text, source, fetch);
  }
  // SECURITY: size cap before any parsing; without it a huge drop or page image exhausts the worker.
  if (input.bytes.length > LIMITS.maxInputBytes) return tooLarge(input.bytes.length);
  if (hasPngSignature(input.bytes)) return fromPng(input.bytes, source, fetch);
  const mdoc = fromCbor(input.bytes, source);
  if (mdoc) return mdoc;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
  } catch {
    const pdf =
      input.bytes[0] === 0x25 &&
      input.bytes[1] === 0x50 &&
      input.bytes[2] === 0x44 &&
      input.bytes[3] === 0x46;
    return reject(
      'ERR_FORMAT_UNRECOGNIZED',
      'This file is not a credential CredLens can read.',
      pdf ? 'PDF files are not supported yet' : 'binary file that is not a PNG image',
    );
  }
  return fromText(text, source, fetch);
}
