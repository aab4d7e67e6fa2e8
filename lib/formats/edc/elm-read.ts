/**
 * Reading ELM v3 JSON-LD (compacted with the EDC AP context): multilingual values with a
 * language preference and English fallback, concept labels, and path walking over nested claims.
 */
import { asArray, isObj, str, type Json } from './util';

/** SECURITY: bounds on walking the (untrusted) credential graph. */
const MAX_CLAIMS = 200;
const MAX_DEPTH = 8;

/** A multilingual value in the preferred language, then English, then the first available. */
export function ml(value: unknown, lang: string): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return ml(value[0], lang);
  if (!isObj(value)) return undefined;
  if (typeof value['@value'] === 'string') return value['@value'];
  // Only a language map ({"en": "…", "de": "…"}) is read here; ELM nodes (with id/type) are not.
  if (!Object.keys(value).every((k) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(k))) return undefined;
  const pick =
    value[lang] ??
    value[lang.split('-')[0] ?? ''] ??
    value.en ??
    Object.values(value).find((v) => typeof v === 'string' || Array.isArray(v));
  return typeof pick === 'string'
    ? pick
    : Array.isArray(pick) && typeof pick[0] === 'string'
      ? pick[0]
      : undefined;
}

/** A human label for an ELM node: concept prefLabel, title, legalName, noteLiteral, notation, else its id. */
export function label(node: unknown, lang: string): string | undefined {
  if (typeof node === 'string') return node;
  if (!isObj(node)) return undefined;
  for (const k of ['prefLabel', 'title', 'legalName', 'fullName', 'noteLiteral', 'contentURL', 'notation']) {
    const v = ml(node[k], lang);
    if (v) return v;
  }
  return str(node.id);
}

/** A value found in the credential with the path it came from. */
export interface Found {
  value: unknown;
  path: string;
}

/** Follows a dotted property path from each start node, fanning out over arrays. */
export function follow(starts: readonly Found[], dotted: string): Found[] {
  let cur: Found[] = [...starts];
  for (const key of dotted.split('.')) {
    cur = cur.flatMap((f) =>
      isObj(f.value)
        ? asArray(f.value[key]).map((v, i, all) => ({
            value: v,
            path: `${f.path}.${key}${all.length > 1 ? `[${i}]` : ''}`,
          }))
        : [],
    );
  }
  return cur;
}

/** Every claim of the credential subject, nested parts flattened (hasClaim → hasPart …) with their path. */
export function claims(credential: Json): Found[] {
  const out: Found[] = [];
  const visit = (nodes: Found[], depth: number): void => {
    for (const n of nodes) {
      if (out.length >= MAX_CLAIMS || depth > MAX_DEPTH || !isObj(n.value)) continue;
      out.push(n);
      visit([...follow([n], 'hasPart'), ...follow([n], 'hasClaim')], depth + 1);
    }
  };
  visit(
    follow([{ value: credential, path: '' }], 'credentialSubject.hasClaim').map((f) => ({
      ...f,
      path: f.path.replace(/^\./, ''),
    })),
    0,
  );
  return out;
}

/** Labels of the values found under `dotted` from each claim, de-duplicated, with their source paths. */
export function collect(
  from: readonly Found[],
  dotted: readonly string[],
  lang: string,
  describe: (v: unknown) => string | undefined = (v) => ml(v, lang) ?? label(v, lang),
): { values: string[]; paths: string[] } {
  const values: string[] = [];
  const paths: string[] = [];
  for (const d of dotted) {
    for (const f of follow(from, d)) {
      const text = describe(f.value);
      if (!text || values.includes(text)) continue;
      values.push(text);
      if (paths.length < 6) paths.push(f.path);
    }
  }
  return { values: values.slice(0, 50), paths };
}
