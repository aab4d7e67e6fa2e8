/**
 * Cheap recognition of XML credentials by their root element (no parsing here: the format module
 * parses safely). Today: the Europass / EDCI XML format (ELM v2), whose root is a
 * `verifiablePresentation` (namespace http://data.europa.eu/snb/vp) or a `europassCredential`
 * (namespace http://data.europa.eu/snb).
 */

/** Root element local name → the namespaces it may have for an EDCI document. */
const EDCI_ROOTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['verifiablePresentation', ['http://data.europa.eu/snb/vp']],
  ['europassCredential', ['http://data.europa.eu/snb']],
]);

/** SECURITY: only the head of the document is scanned for the root (bounded work). */
const HEAD = 64 * 1024;

/** The XML prolog: declaration, processing instructions, comments, whitespace and a DOCTYPE. */
// SECURITY: every alternative matches a unique span (no nested ambiguity), so no catastrophic backtracking.
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[^\]]*\])*>)*/i;
const START_TAG =
  /^<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;

/**
 * The root element of an XML credential this version reads, as `{prefix:}local {namespace}`, or
 * undefined for any other text (HTML, SVG, other XML, not XML at all).
 */
export function credentialXmlRoot(text: string): string | undefined {
  const head = text.slice(0, HEAD);
  const prolog = PROLOG.exec(head)?.[0] ?? '';
  const tag = START_TAG.exec(head.slice(prolog.length));
  if (!tag) return undefined;
  const [, prefix, local = '', attrs = ''] = tag;
  const allowed = EDCI_ROOTS.get(local);
  if (!allowed) return undefined;
  const nsAttr = prefix ? `xmlns:${prefix}` : 'xmlns';
  const decl = new RegExp(`(?:^|\\s)${nsAttr.replace(/\./g, '\\.')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(
    attrs,
  );
  const ns = decl?.[1] ?? decl?.[2];
  return ns !== undefined && allowed.includes(ns)
    ? `${prefix ? `${prefix}:` : ''}${local} {${ns}}`
    : undefined;
}
