/**
 * JSON-LD 1.1 expansion (JSON-LD 1.1 Processing Algorithms §5.1 "Expansion Algorithm"), mirroring
 * jsonld.js 9 `expand.js` for the subset credential documents use. Produces a typed tree rather
 * than expanded JSON; every jsonld.js error or safe-mode event, and every feature outside the
 * subset, throws `Decline`.
 */
import {
  type ActiveContext,
  type ContextEnv,
  decline,
  expandIri,
  isAbsolute,
  isObject,
  mustBeAbsolute,
  processContext,
  REGEX_BCP47,
} from './context';

export interface ValueItem {
  k: 'value';
  value: unknown;
  /** Expanded @type (a datatype IRI or '@json'), undefined when absent. */
  type: string | undefined;
  language: string | undefined;
}
export interface NodeItem {
  k: 'node';
  id: string | undefined;
  types: string[];
  props: Map<string, Item[]>;
  /** Number of keys of the expanded object (jsonld.js counts them for dropping). */
  count: number;
}
export interface ListItem {
  k: 'list';
  items: Item[];
}
export interface GraphItem {
  k: 'graph';
  nodes: Item[];
}
export type Item = ValueItem | NodeItem | ListItem | GraphItem;

const containerOf = (ctx: ActiveContext, prop: string | null): string[] =>
  (prop === null ? undefined : ctx.terms.get(prop)?.container) ?? [];

function expandValue(ctx: ActiveContext, activeProperty: string, value: unknown): Item {
  const expandedProperty = expandIri(ctx, activeProperty, true);
  if (expandedProperty === '@id' || expandedProperty === '@type') decline('scalar under keyword');
  const def = ctx.terms.get(activeProperty);
  const type = def?.type ?? null;
  if ((type === '@id' || expandedProperty === '@graph') && typeof value === 'string') {
    const id = mustBeAbsolute(expandIri(ctx, value, false), 'relative object reference');
    return { k: 'node', id, types: [], props: new Map(), count: 1 };
  }
  if (type === '@vocab' && typeof value === 'string') {
    const id = mustBeAbsolute(expandIri(ctx, value, true), 'relative object reference');
    return { k: 'node', id, types: [], props: new Map(), count: 1 };
  }
  if (expandedProperty === null || expandedProperty.startsWith('@')) decline('keyword property value');
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    decline('non-scalar value');
  if (type && type !== '@id' && type !== '@vocab' && type !== '@none') {
    if (type === '@json') decline('@json via expandValue');
    return { k: 'value', value, type, language: undefined };
  }
  let language: string | undefined;
  if (typeof value === 'string') {
    const l = def?.hasLanguage ? def.language : (ctx.language ?? null);
    if (l !== null) language = l;
  }
  return { k: 'value', value, type: undefined, language };
}

interface Rec {
  id: string | undefined;
  types: string[] | undefined;
  hasValue: boolean;
  value: unknown;
  language: string | undefined;
  props: Map<string, Item[]>;
}

/** jsonld.js api.expand for one element; null when the element expands to nothing. */
export function expand(
  ctx: ActiveContext,
  activeProperty: string | null,
  element: unknown,
  insideList: boolean,
  typeScoped: ActiveContext | null,
  env: ContextEnv,
): Item | Item[] | null {
  if (element === null || element === undefined) return null;
  if (Array.isArray(element)) {
    const out: Item[] = [];
    const list = insideList || containerOf(ctx, activeProperty).includes('@list');
    for (const e of element) {
      const r = expand(ctx, activeProperty, e, false, typeScoped, env);
      if (list && Array.isArray(r)) decline('list of lists');
      if (r === null) continue;
      if (Array.isArray(r)) out.push(...r);
      else out.push(r);
    }
    return out;
  }
  if (!isObject(element)) {
    if (!insideList && (activeProperty === null || expandIri(ctx, activeProperty, true) === '@graph'))
      decline('free-floating scalar');
    return expandValue(ctx, activeProperty as string, element);
  }
  const expandedActiveProperty = activeProperty === null ? null : expandIri(ctx, activeProperty, true);
  const pdef = activeProperty === null ? undefined : ctx.terms.get(activeProperty);
  typeScoped = typeScoped ?? (ctx.previous ? ctx : null);
  const keys = Object.keys(element).sort();
  let mustRevert = true;
  if (typeScoped && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const ep = expandIri(typeScoped, key, true);
      if (ep === '@value') {
        mustRevert = false;
        ctx = typeScoped;
        break;
      }
      if (ep === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  if (mustRevert) ctx = ctx.previous ?? ctx;
  if (pdef?.hasContext) ctx = processContext(ctx, pdef.context, true, true, env);
  if ('@context' in element) ctx = processContext(ctx, element['@context'], true, false, env);
  const typeScopedContext = ctx;
  let typeKey: string | null = null;
  for (const key of keys) {
    if (expandIri(ctx, key, true) !== '@type') continue;
    typeKey = typeKey ?? key;
    const value = element[key];
    const types = Array.isArray(value) ? (value.length > 1 ? value.slice().sort() : value) : [value];
    for (const type of types) {
      if (typeof type !== 'string') continue;
      const def = typeScopedContext.terms.get(type);
      if (def?.hasContext) ctx = processContext(ctx, def.context, false, false, env);
    }
  }
  const rec = expandObject(ctx, activeProperty, expandedActiveProperty, element, keys, typeKey, typeScopedContext, env);
  let count = rec.props.size + (rec.id !== undefined ? 1 : 0) + (rec.types !== undefined ? 1 : 0);
  let item: Item;
  if (rec.hasValue) {
    count += 1 + (rec.language !== undefined ? 1 : 0);
    if (rec.types !== undefined && rec.language !== undefined) decline('invalid value object');
    if (rec.props.size > 0 || rec.id !== undefined) decline('invalid value object');
    if (rec.types !== undefined && rec.types.length !== 1) decline('value object type count');
    const type = rec.types?.[0];
    if (type === '@json') {
      // any JSON value
    } else {
      if (rec.value === null) decline('null @value value');
      if (rec.language !== undefined && typeof rec.value !== 'string') decline('invalid language-tagged value');
      if (type !== undefined && (!isAbsolute(type) || type.startsWith('_:'))) decline('invalid typed value');
      if (typeof rec.value !== 'string' && typeof rec.value !== 'number' && typeof rec.value !== 'boolean')
        decline('invalid value object value');
    }
    item = { k: 'value', value: rec.value, type, language: rec.language };
  } else {
    if (rec.language !== undefined) decline('@language outside a value object');
    if (rec.types?.includes('@json')) decline('@json node type');
    item = { k: 'node', id: rec.id, types: rec.types ?? [], props: rec.props, count };
  }
  if (
    !insideList &&
    (activeProperty === null ||
      expandedActiveProperty === '@graph' ||
      containerOf(ctx, activeProperty).includes('@graph'))
  )
    dropUnsafe(item);
  return item;
}

function dropUnsafe(item: Item): void {
  if (item.k === 'value') decline('object with only @value');
  if (item.k === 'list') decline('object with only @list');
  if (item.k === 'node' && (item.count === 0 || (item.count === 1 && item.id !== undefined)))
    decline('empty object / object with only @id');
}

const asItems = (v: Item | Item[]): Item[] => (Array.isArray(v) ? v : [v]);

function expandObject(
  ctx: ActiveContext,
  activeProperty: string | null,
  expandedActiveProperty: string | null,
  element: Record<string, unknown>,
  keys: string[],
  typeKey: string | null,
  typeScopedContext: ActiveContext,
  env: ContextEnv,
): Rec {
  const rec: Rec = { id: undefined, types: undefined, hasValue: false, value: undefined, language: undefined, props: new Map() };
  const tv = typeKey === null ? undefined : element[typeKey];
  const firstType = Array.isArray(tv) ? tv[0] : tv;
  const isJsonType = Boolean(tv) && typeof firstType === 'string' && expandIri(ctx, firstType, true) === '@json';
  for (const key of keys) {
    if (key === '@context') continue;
    const value = element[key];
    const ep = expandIri(ctx, key, true);
    if (ep === null || !(isAbsolute(ep) || ep.startsWith('@'))) decline(`invalid property ${key}`);
    if (ep.startsWith('@')) {
      if (ep === '@id') {
        if (rec.id !== undefined) decline('colliding keywords');
        if (typeof value !== 'string') decline('invalid @id value');
        rec.id = mustBeAbsolute(expandIri(ctx, value, false), 'relative @id reference');
      } else if (ep === '@type') {
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0) continue;
        const types: string[] = rec.types ?? [];
        for (const v of list) {
          if (typeof v !== 'string') decline('invalid @type value');
          const t = expandIri(typeScopedContext, v, true);
          if (t !== '@json' && !isAbsolute(t)) decline('relative @type reference');
          types.push(t as string);
        }
        rec.types = types;
      } else if (ep === '@value') {
        if (rec.hasValue) decline('colliding keywords');
        rec.hasValue = true;
        if (!isJsonType && value !== null && typeof value === 'object') decline('invalid value object value');
        rec.value = value;
      } else if (ep === '@language') {
        if (rec.language !== undefined) decline('colliding keywords');
        if (value === null) continue;
        if (typeof value !== 'string') decline('invalid language-tagged string');
        const l = value.toLowerCase();
        if (!REGEX_BCP47.test(l)) decline('invalid @language value');
        rec.language = l;
      } else decline(`keyword ${ep}`);
      continue;
    }
    if (ep.startsWith('_:')) decline('blank node predicate');
    const def = ctx.terms.get(key);
    const termCtx = def?.hasContext ? processContext(ctx, def.context, true, true, env) : ctx;
    const container = def?.container ?? [];
    let expanded: Item | Item[] | null;
    if (container.includes('@language') && isObject(value)) {
      expanded = languageMap(termCtx, value);
    } else if (def?.type === '@json') {
      expanded = { k: 'value', value, type: '@json', language: undefined };
    } else {
      expanded = expand(termCtx, key, value, false, null, env);
    }
    if (expanded === null) continue;
    if (container.includes('@list')) expanded = { k: 'list', items: asItems(expanded) };
    if (container.includes('@graph')) {
      const arr = asItems(expanded);
      for (const v of arr) dropUnsafe(v);
      if (arr.length === 0) continue;
      expanded = arr.map((v): Item => ({ k: 'graph', nodes: [v] }));
    }
    const existing = rec.props.get(ep);
    if (existing) existing.push(...asItems(expanded));
    else rec.props.set(ep, asItems(expanded).slice());
  }
  void activeProperty;
  void expandedActiveProperty;
  return rec;
}

function languageMap(ctx: ActiveContext, map: Record<string, unknown>): Item[] {
  const out: Item[] = [];
  for (const key of Object.keys(map).sort()) {
    const expandedKey = expandIri(ctx, key, true);
    const vals = Array.isArray(map[key]) ? (map[key] as unknown[]) : [map[key]];
    for (const item of vals) {
      if (item === null) continue;
      if (typeof item !== 'string') decline('invalid language map value');
      let language: string | undefined;
      if (expandedKey !== '@none') {
        if (!REGEX_BCP47.test(key)) decline('invalid @language value');
        language = key.toLowerCase();
      }
      out.push({ k: 'value', value: item, type: undefined, language });
    }
  }
  return out;
}
