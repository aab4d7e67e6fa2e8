/**
 * Blank-node label replacement in canonical N-Quads (vc-di-ecdsa §3.4 "labelReplacementCanonicalizeNQuads"
 * / "createLabelMapFunction" / "relabelBlankNodes"): every canonical blank node identifier `_:c14nN`
 * of the RDFC-1.0 output is replaced by `_:` + labelMap[`c14nN`], and the lines are sorted again.
 * Only blank-node TERMS are replaced (subject, object, graph); text inside a literal that merely
 * looks like `_:c14n0` is left alone. The N-Quads are read and written by rdf-canonize, which made
 * them. Pure; never throws.
 */
import rdfCanonize, { type Quad, type Term } from 'rdf-canonize';

export type RelabelResult = { ok: true; nquads: string[] } | { ok: false; reason: string };

/**
 * Replaces canonical blank-node labels using `labelMap` (`c14nN` → new label) in RDFC-1.0 canonical
 * N-Quads text, and returns the N-Quads as sorted lines, each ending in "\n" (as signed).
 */
export function relabelCanonicalNQuads(
  canonical: string,
  labelMap: ReadonlyMap<string, string>,
  maxQuads: number,
): RelabelResult {
  if (canonical === '') return { ok: true, nquads: [] };
  if (!canonical.endsWith('\n')) return { ok: false, reason: 'canonical N-Quads do not end with a newline' };
  const count = canonical.split('\n').length - 1;
  if (count > maxQuads) return { ok: false, reason: `the document has ${count} statements (limit ${maxQuads})` };
  let quads: Quad[];
  try {
    quads = rdfCanonize.NQuads.parse(canonical);
  } catch (e) {
    return { ok: false, reason: `not canonical N-Quads: ${String((e as Error)?.message ?? e).slice(0, 120)}` };
  }
  let missing: string | undefined;
  const relabel = (t: Term): Term => {
    if (t.termType !== 'BlankNode') return t;
    const label = labelMap.get(t.value);
    if (label === undefined) missing ??= t.value;
    return { ...t, value: label ?? t.value };
  };
  const out = quads.map((q) =>
    rdfCanonize.NQuads.serializeQuadComponents(relabel(q.subject), q.predicate, relabel(q.object), relabel(q.graph)),
  );
  if (missing !== undefined) return { ok: false, reason: `the label map has no entry for blank node _:${missing}` };
  // Same order as the signer's: JavaScript's default sort of the N-Quad strings.
  out.sort();
  return { ok: true, nquads: out };
}
