/**
 * Unbakes an SVG badge: the `openbadges:assertion` element (OB 1.x/2.0 "Baking", namespace
 * http://openbadges.org) or `openbadges:credential` (OB 3.0 §5.3.2, namespace
 * https://purl.imsglobal.org/ob/v3p0). Uses @xmldom/xmldom, never the browser DOM, so it runs
 * in Node and in the MV3 service worker.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Element as XmlElement } from '@xmldom/xmldom';

/** Machine codes of SVG unbaking failures. */
export type SvgErrorCode =
  | 'ERR_SVG_DOCTYPE'
  | 'ERR_SVG_MALFORMED'
  | 'ERR_SVG_NOT_SVG'
  | 'ERR_SVG_NO_BADGE'
  | 'ERR_SVG_MULTIPLE_BADGES'
  | 'ERR_SVG_EMPTY_BADGE';

/** The badge element found in the SVG. */
export interface SvgBadge {
  /** `assertion` (OB 1.x/2.0) or `credential` (OB 3.0). */
  element: 'assertion' | 'credential';
  namespace: string;
  /** The `verify` attribute: a hosted URL or a compact JWS. */
  verify?: string;
  /** Trimmed text/CDATA content (JSON, or sometimes a JWS). */
  content?: string;
}

/** Result of readSvgBadge; never throws. */
export type SvgBadgeResult =
  ({ ok: true } & SvgBadge) | { ok: false; code: SvgErrorCode; message: string; detail?: string };

/** Namespaces under which badge elements are recognised. */
export const OPENBADGES_NAMESPACES: readonly string[] = [
  'http://openbadges.org',
  'https://purl.imsglobal.org/ob/v3p0',
];

type Failure = Extract<SvgBadgeResult, { ok: false }>;
const failure = (code: SvgErrorCode, message: string, detail?: string): Failure =>
  detail === undefined ? { ok: false, code, message } : { ok: false, code, message, detail };

/**
 * SECURITY: refuses entity declarations and internal DTD subsets before parsing; without it an
 * entity bomb ("billion laughs") or external entity (XXE) reaches the parser. A DOCTYPE with only
 * an external identifier (common in SVG editors' output) is allowed: xmldom never loads it.
 */
function findDtdHazard(text: string): string | undefined {
  if (/<!ENTITY/i.test(text)) return 'entity declaration';
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype === null) return undefined;
  const rest = text.slice(doctype.index);
  const end = rest.indexOf('>');
  const subset = rest.indexOf('[');
  if (subset !== -1 && (end === -1 || subset < end)) return 'DOCTYPE with an internal subset';
  return undefined;
}

function normaliseNs(ns: string | null): string {
  return (ns ?? '').replace(/\/+$/, '');
}

/** Finds the one Open Badges element in an SVG document. Never throws. */
export function readSvgBadge(text: string): SvgBadgeResult {
  const hazard = findDtdHazard(text);
  if (hazard !== undefined) {
    return failure(
      'ERR_SVG_DOCTYPE',
      'This SVG image contains XML declarations CredLens refuses to process.',
      hazard,
    );
  }
  const problems: string[] = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message);
      },
    }).parseFromString(text, 'image/svg+xml');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failure('ERR_SVG_MALFORMED', 'The SVG image is not well-formed XML.', problems[0] ?? message);
  }
  // Recoverable errors (undefined entity...) still mean the document is not well-formed: fail closed.
  if (problems.length > 0)
    return failure('ERR_SVG_MALFORMED', 'The SVG image is not well-formed XML.', problems.join('; '));
  if (doc.doctype?.internalSubset) {
    return failure(
      'ERR_SVG_DOCTYPE',
      'This SVG image contains XML declarations CredLens refuses to process.',
      'internal subset',
    );
  }
  const root = doc.documentElement;
  if (root === null || root.localName !== 'svg') {
    return failure(
      'ERR_SVG_NOT_SVG',
      'The file is XML but not an SVG image.',
      `root element ${root?.nodeName ?? '(none)'}`,
    );
  }
  const hits: XmlElement[] = [];
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all.item(i);
    if (el === null) continue;
    const known = OPENBADGES_NAMESPACES.includes(normaliseNs(el.namespaceURI));
    if (known && (el.localName === 'assertion' || el.localName === 'credential')) hits.push(el);
  }
  const [el, second] = hits;
  if (el === undefined) {
    return failure(
      'ERR_SVG_NO_BADGE',
      'This SVG image is not a baked badge (it carries no badge data).',
      'no openbadges:assertion or openbadges:credential element',
    );
  }
  if (second !== undefined) {
    // SECURITY: the baking spec allows one badge; picking one of several lets a forger hide a second credential.
    return failure(
      'ERR_SVG_MULTIPLE_BADGES',
      'This SVG image carries more than one badge, which the Open Badges baking rules forbid.',
      hits.map((h) => h.nodeName).join(', '),
    );
  }
  const verify = el.getAttribute('verify')?.trim();
  const content = (el.textContent ?? '').trim();
  if ((verify === undefined || verify === '') && content === '') {
    return failure(
      'ERR_SVG_EMPTY_BADGE',
      'The badge element in this SVG image is empty.',
      `${el.nodeName} has no verify attribute and no content`,
    );
  }
  const out: { ok: true } & SvgBadge = {
    ok: true,
    element: el.localName === 'assertion' ? 'assertion' : 'credential',
    namespace: normaliseNs(el.namespaceURI),
  };
  if (verify !== undefined && verify !== '') out.verify = verify;
  if (content !== '') out.content = content;
  return out;
}
