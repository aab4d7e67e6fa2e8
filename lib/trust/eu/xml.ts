/**
 * Safe XML parsing for trusted lists with @xmldom/xmldom (no DOM needed; runs in the MV3 worker),
 * plus small child-path helpers that never descend into foreign subtrees by accident.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/** SECURITY: the largest list accepted (the biggest EU lists are ~3 MB). */
export const MAX_XML_BYTES = 16 * 1024 * 1024;

export type ParseXmlResult = { ok: true; doc: Document; root: Element } | { ok: false; reason: string };

/** Parses XML text; refuses DOCTYPE/ENTITY declarations and oversized input. Never throws. */
export function parseXml(text: string): ParseXmlResult {
  if (text.length > MAX_XML_BYTES) return { ok: false, reason: `larger than ${MAX_XML_BYTES} bytes` };
  // SECURITY: no DTDs at all — entity expansion (billion laughs) and external entities are refused up front.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return { ok: false, reason: 'contains a DOCTYPE or ENTITY declaration' };
  const errors: string[] = [];
  try {
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(text, 'application/xml');
    const root = doc.documentElement;
    if (errors.length > 0 || !root)
      return { ok: false, reason: `not well-formed XML (${errors[0] ?? 'no root element'})` };
    return { ok: true, doc, root };
  } catch (error) {
    return {
      ok: false,
      reason: `not well-formed XML (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** Element children of a node with the given local name. */
export function children(el: Element | undefined, name: string): Element[] {
  const out: Element[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === name) out.push(n as Element);
  }
  return out;
}

/** The first element reached by following local names from `el`. */
export function path(el: Element | undefined, ...names: string[]): Element | undefined {
  let cur = el;
  for (const name of names) cur = children(cur, name)[0];
  return cur;
}

/** All elements reached by following local names (every branch). */
export function paths(el: Element | undefined, ...names: string[]): Element[] {
  let cur: Element[] = el ? [el] : [];
  for (const name of names) cur = cur.flatMap((c) => children(c, name));
  return cur;
}

/** Trimmed text content of an element. */
export function text(el: Element | undefined): string | undefined {
  const t = el?.textContent?.trim();
  return t ? t : undefined;
}

/** The English `Name` among multilingual names, else the first. */
export function englishName(el: Element | undefined): string | undefined {
  const names = children(el, 'Name');
  const en = names.find((n) => n.getAttribute('xml:lang') === 'en');
  return text(en ?? names[0]);
}

/** The last path segment of a TS 119 612 URI ("…/Svcstatus/granted" → "granted"). */
export function uriSuffix(uri: string | undefined): string {
  return (uri ?? '').replace(/\/+$/, '').split('/').pop() ?? '';
}
