/**
 * Reading ELM v3 JSON-LD (compacted with the EDC AP context): multilingual values with a
 * language preference and English fallback, concept labels, and path walking over nested claims.
 */
import type { CredentialPart, IssuerRendering } from '../../model/report';
import { creditsText } from '../../report/values';
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

/** Bounds on the claim tree and the rendering images taken from a credential. */
const MAX_PARTS = 200;
const MAX_PART_DEPTH = 6;
const MAX_RENDERINGS = 4;
const MAX_RENDERING_BASE64 = 1_500_000;

const KIND: Readonly<Record<string, string>> = {
  LearningAchievement: 'learning achievement',
  LearningActivity: 'learning activity',
  LearningAssessment: 'assessment',
  LearningEntitlement: 'entitlement',
  Qualification: 'qualification',
};

/** The claims of an ELM credential as a tree (hasClaim → hasPart), with credits, level and grade. */
export function claimTree(credential: Json, lang: string): CredentialPart[] {
  let count = 0;
  const build = (nodes: Found[], depth: number): CredentialPart[] => {
    const out: CredentialPart[] = [];
    for (const n of nodes) {
      if (count >= MAX_PARTS || depth > MAX_PART_DEPTH || !isObj(n.value)) continue;
      count++;
      const node = n.value;
      const spec = follow([n], 'specifiedBy');
      const title = ml(node.title, lang) ?? spec.map((s) => (isObj(s.value) ? ml(s.value.title, lang) : undefined)).find(Boolean) ?? str(node.id) ?? '(untitled)';
      const part: CredentialPart = { title, source: n.path };
      const kind = asArray(node.type)
        .map((t) => (typeof t === 'string' ? KIND[t] : undefined))
        .find((k): k is string => k !== undefined);
      if (kind) part.kind = kind;
      const details: string[] = [];
      for (const c of follow(spec, 'creditPoint')) {
        const v = c.value;
        const point = isObj(v) ? (str(v.point) ?? (typeof v.point === 'number' ? String(v.point) : undefined)) : undefined;
        const fw = isObj(v) ? v.framework : undefined;
        const id = isObj(fw) ? str(fw.id) : str(fw);
        const name = label(fw, lang);
        const text = point ? creditsText(point, { ...(id === undefined ? {} : { id }), ...(name === undefined || name === id ? {} : { label: name }) }) : undefined;
        if (text) details.push(text);
      }
      for (const l of follow(spec, 'eqfLevel')) {
        const id = isObj(l.value) ? str(l.value.id) : str(l.value);
        const level = id?.match(/\/eqf\/(\d)$/)?.[1];
        if (level) details.push(`EQF level ${level}`);
      }
      for (const g of [...follow([n], 'grade'), ...follow([n], 'provenBy.grade')]) {
        const text = label(g.value, lang) ?? ml(g.value, lang);
        if (text) details.push(`grade ${text}`);
      }
      if (details.length > 0) part.details = [...new Set(details)].slice(0, 6);
      const children = build([...follow([n], 'hasPart'), ...follow([n], 'hasClaim')], depth + 1);
      if (children.length > 0) part.parts = children;
      out.push(part);
    }
    return out;
  };
  return build(follow([{ value: credential, path: '' }], 'credentialSubject.hasClaim').map((f) => ({ ...f, path: f.path.replace(/^\./, '') })), 0);
}

/**
 * The issuer's rendering images (ELM displayParameter → individualDisplay → displayDetail →
 * image): JPEG or PNG, base64, checked by their first bytes. Anything else is left out.
 */
export function issuerRenderings(credential: Json): IssuerRendering[] {
  const out: IssuerRendering[] = [];
  const root = asArray(credential.displayParameter).map((value, i, all) => ({ value, path: `displayParameter${all.length > 1 ? `[${i}]` : ''}` }));
  for (const d of follow(root, 'individualDisplay.displayDetail')) {
    if (out.length >= MAX_RENDERINGS || !isObj(d.value) || !isObj(d.value.image)) continue;
    const img = d.value.image;
    const content = typeof img.content === 'string' ? img.content.replace(/\s+/g, '') : '';
    if (content.length === 0 || content.length > MAX_RENDERING_BASE64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(content)) continue;
    const declared = `${str(isObj(img.contentType) ? img.contentType.id : img.contentType) ?? ''}`.toUpperCase();
    // SECURITY: the media type is taken from the bytes, not from the declaration.
    const mediaType = content.startsWith('/9j/') ? 'image/jpeg' : content.startsWith('iVBORw0KGgo') ? 'image/png' : undefined;
    if (!mediaType || (declared !== '' && !declared.endsWith(mediaType === 'image/jpeg' ? 'JPEG' : 'PNG'))) continue;
    const r: IssuerRendering = { mediaType, dataUrl: `data:${mediaType};base64,${content}`, source: `${d.path}.image` };
    if (typeof d.value.page === 'number' && Number.isInteger(d.value.page)) r.page = d.value.page;
    out.push(r);
  }
  return out;
}
