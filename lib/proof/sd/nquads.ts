/**
 * Blank-node label replacement in canonical N-Quads (vc-di-ecdsa §3.4 "labelReplacementCanonicalizeNQuads"
 * / "createLabelMapFunction" / "relabelBlankNodes"): every canonical blank node identifier `_:c14nN`
 * of the RDFC-1.0 output is replaced by `_:` + labelMap[`c14nN`], and the lines are sorted again.
 * Only blank-node TERMS are replaced (subject, object, graph); text inside a literal that merely
 * looks like `_:c14n0` is left alone. Pure; never throws.
 */

export type RelabelResult = { ok: true; nquads: string[] } | { ok: false; reason: string };

const BLANK = /^_:([A-Za-z0-9_.-]+)$/;

/** Splits one canonical N-Quad line (without its newline) into its terms. */
function terms(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (line[i] === '"') {
      // Literal: scan to the closing quote (escapes are \" \\ \n \r \t \b \f \uXXXX \UXXXXXXXX).
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return undefined;
      j++;
      // Datatype IRI or language tag belong to the literal term.
      while (j < line.length && line[j] !== ' ') j++;
      out.push(line.slice(i, j));
      i = j;
      continue;
    }
    let j = i;
    while (j < line.length && line[j] !== ' ') j++;
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

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
  const lines = canonical.slice(0, -1).split('\n');
  if (lines.length > maxQuads)
    return { ok: false, reason: `the document has ${lines.length} statements (limit ${maxQuads})` };
  const out: string[] = [];
  for (const line of lines) {
    const parts = terms(line);
    // subject predicate object [graph] "."
    if (!parts || parts.length < 4 || parts.length > 5 || parts[parts.length - 1] !== '.')
      return { ok: false, reason: `not a canonical N-Quad: ${line.slice(0, 120)}` };
    const relabelled: string[] = [];
    for (const [position, term] of parts.entries()) {
      const blank = position !== 1 && position < parts.length - 1 ? BLANK.exec(term) : null;
      if (!blank) {
        relabelled.push(term);
        continue;
      }
      const label = labelMap.get(blank[1] ?? '');
      if (label === undefined)
        return { ok: false, reason: `the label map has no entry for blank node _:${blank[1] ?? ''}` };
      relabelled.push(`_:${label}`);
    }
    out.push(`${relabelled.join(' ')}\n`);
  }
  // Same order as the signer's: JavaScript's default sort of the N-Quad strings.
  out.sort();
  return { ok: true, nquads: out };
}
