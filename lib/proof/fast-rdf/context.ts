/**
 * JSON-LD 1.1 context processing (JSON-LD 1.1 Processing Algorithms §4.1 "Context Processing",
 * §4.2 "Create Term Definition", §5.2 "IRI Expansion") for the subset the bundled credential
 * contexts use, mirroring jsonld.js 9 step by step. Anything outside the subset, and every
 * condition jsonld.js reports as an error or a safe-mode event, throws `Decline`: the caller then
 * falls back to jsonld.js. Processed contexts are immutable and cached per (active context, local
 * context), so each pinned context is processed once per process.
 */

/** Thrown when the fast path does not implement something exactly: the caller falls back. */
export class Decline extends Error {
  override readonly name = 'Decline';
}

/** Thrown when a bundled context URL has not been loaded (pin-checked) yet; the caller loads it and retries. */
export class NeedContext extends Error {
  override readonly name = 'NeedContext';
  readonly url: string;
  constructor(url: string) {
    super(`context ${url} not loaded`);
    this.url = url;
  }
}

export function decline(reason: string): never {
  throw new Decline(reason);
}

/** A term definition (the fields jsonld.js keeps in a mapping). */
export interface TermDef {
  id: string | null;
  /** jsonld.js `_prefix`; undefined when jsonld.js leaves the key out. */
  prefix: boolean | undefined;
  protected: boolean;
  type: string | undefined;
  container: string[] | undefined;
  hasContext: boolean;
  context: unknown;
  hasLanguage: boolean;
  language: string | null;
  /** Canonical form of everything jsonld.js compares for protected redefinition. */
  sig: string;
}

/** An active context. Never mutated after processing returns it. */
export interface ActiveContext {
  terms: Map<string, TermDef>;
  vocab: string | undefined;
  language: string | undefined;
  previous: ActiveContext | undefined;
  hasProtected: boolean;
}

const KEYWORDS = new Set([
  '@base', '@container', '@context', '@default', '@direction', '@embed', '@explicit', '@graph', '@id',
  '@import', '@included', '@index', '@json', '@language', '@list', '@nest', '@none', '@omitDefault',
  '@prefix', '@preserve', '@propagate', '@protected', '@requireAll', '@reverse', '@set', '@type',
  '@value', '@version', '@vocab',
]);
export const isKeyword = (v: unknown): boolean => typeof v === 'string' && KEYWORDS.has(v);
const REGEX_KEYWORD = /^@[a-zA-Z]+$/;
export const REGEX_BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
/** jsonld.js url.isAbsolute: an absolute IRI or a blank node identifier. */
export const isAbsolute = (v: unknown): boolean => typeof v === 'string' && ABSOLUTE.test(v);

/** The IRI when it is absolute (jsonld.js isAbsolute), else declines. */
export function mustBeAbsolute(v: string | null, reason: string): string {
  if (v === null || !ABSOLUTE.test(v)) decline(reason);
  return v;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** JSON with keys sorted (order-independent comparison, like jsonld.js _deepCompare). */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

export const INITIAL: ActiveContext = Object.freeze({
  terms: new Map<string, TermDef>(),
  vocab: undefined,
  language: undefined,
  previous: undefined,
  hasProtected: false,
});

function clone(ctx: ActiveContext): ActiveContext {
  return {
    terms: new Map(ctx.terms),
    vocab: ctx.vocab,
    language: ctx.language,
    previous: ctx.previous,
    hasProtected: ctx.hasProtected,
  };
}

/** Resolves a context URL to its (pin-checked) `@context` value, or undefined when not bundled. */
export type ContextSource = (url: string) => { loaded: true; context: unknown } | { loaded: false } | undefined;

interface Env {
  source: ContextSource;
  depth: number;
}

type Defined = Map<string, boolean>;

const CACHE = new WeakMap<ActiveContext, Map<string, ActiveContext>>();
const CACHE_LIMIT = 512;
/** The clone of a context that remembers it as the previous context (non-propagated contexts). */
const WITH_PREVIOUS = new WeakMap<ActiveContext, ActiveContext>();

/** jsonld.js _expandIri (vocab / base relative-to options; base is always null here). */
export function expandIri(
  ctx: ActiveContext,
  value: string | null,
  vocab: boolean,
  local?: { ctx: Record<string, unknown>; defined: Defined; env: Env },
): string | null {
  if (value === null || isKeyword(value)) return value;
  if (REGEX_KEYWORD.test(value)) return null;
  if (local && has(local.ctx, value) && local.defined.get(value) !== true)
    createTermDefinition(ctx, local.ctx, value, local.defined, local.env, false);
  if (vocab) {
    const def = ctx.terms.get(value);
    if (def) return def.id;
  }
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const suffix = value.slice(colon + 1);
    if (prefix === '_' || suffix.startsWith('//')) return value;
    if (local && has(local.ctx, prefix))
      createTermDefinition(ctx, local.ctx, prefix, local.defined, local.env, false);
    const def = ctx.terms.get(prefix);
    if (def?.prefix) {
      if (def.id === null) decline('prefix mapped to null');
      return def.id + suffix;
    }
    if (isAbsolute(value)) return value;
  }
  if (vocab && ctx.vocab !== undefined) return ctx.vocab + value;
  return value;
}

const TERM_KEYS = new Set(['@id', '@type', '@container', '@context', '@protected', '@language']);
const CONTAINERS = new Set(['@set', '@list', '@graph', '@language']);

function createTermDefinition(
  ctx: ActiveContext,
  localCtx: Record<string, unknown>,
  term: string,
  defined: Defined,
  env: Env,
  overrideProtected: boolean,
): void {
  if (defined.has(term)) {
    if (defined.get(term)) return;
    decline('cyclic IRI mapping');
  }
  defined.set(term, false);
  let value = localCtx[term];
  if (term === '' || term.startsWith('@')) decline(`term ${term}`);
  const previous = ctx.terms.get(term);
  ctx.terms.delete(term);
  let simpleTerm = false;
  if (typeof value === 'string' || value === null) {
    simpleTerm = true;
    value = { '@id': value };
  }
  if (!isObject(value)) return decline('invalid term definition');
  for (const k of Object.keys(value)) if (!TERM_KEYS.has(k)) decline(`term definition key ${k}`);
  const colon = term.indexOf(':');
  const termHasColon = colon > 0;
  let id: string | null | undefined;
  let prefix: boolean | undefined;
  if ('@id' in value) {
    const raw = value['@id'];
    if (raw !== null && typeof raw !== 'string') decline('invalid IRI mapping');
    if (raw === null) id = null;
    else if (!isKeyword(raw) && REGEX_KEYWORD.test(raw)) decline('reserved @id value');
    else if (raw !== term) {
      const e0 = expandIri(ctx, raw, true, { ctx: localCtx, defined, env });
      const e = e0 !== null && isKeyword(e0) ? e0 : mustBeAbsolute(e0, 'invalid IRI mapping');
      if (/(?::[^:])|\//.test(term)) {
        const termDefined = new Map(defined).set(term, true);
        if (expandIri(ctx, term, true, { ctx: localCtx, defined: termDefined, env }) !== e)
          decline('term in form of IRI must expand to definition');
      }
      id = e;
      prefix = simpleTerm && !termHasColon && /[:/?#[\]@]$/.test(e);
    }
  }
  if (id === undefined) {
    if (termHasColon) {
      const p = term.slice(0, colon);
      if (has(localCtx, p)) createTermDefinition(ctx, localCtx, p, defined, env, false);
      const pdef = ctx.terms.get(p);
      if (pdef) {
        if (pdef.id === null) decline('prefix mapped to null');
        id = pdef.id + term.slice(colon + 1);
      } else id = term;
    } else {
      if (ctx.vocab === undefined) decline('term without @id and no @vocab');
      id = ctx.vocab + term;
    }
  }
  let isProtected =
    value['@protected'] === true || (defined.get('@protected') === true && value['@protected'] !== false);
  if (isProtected) ctx.hasProtected = true;
  defined.set(term, true);
  let type: string | undefined;
  if ('@type' in value) {
    const t = value['@type'];
    if (typeof t !== 'string') return decline('invalid type mapping');
    if (t === '@json' || t === '@none' || t === '@id' || t === '@vocab') type = t;
    else {
      const e = mustBeAbsolute(expandIri(ctx, t, true, { ctx: localCtx, defined, env }), 'invalid type mapping');
      if (e.startsWith('_:')) decline('invalid type mapping');
      type = e;
    }
  }
  let container: string[] | undefined;
  if ('@container' in value) {
    const c = value['@container'];
    const list = typeof c === 'string' ? [c] : c;
    if (!Array.isArray(list) || !list.every((x): x is string => typeof x === 'string' && CONTAINERS.has(x)))
      return decline('container');
    const main = list.filter((x) => x !== '@set');
    if (main.length > 1 || list.length - main.length > 1 || list.length === 0) decline('container combination');
    if (main[0] === '@list' && list.length !== 1) decline('container @list with others');
    container = list;
  }
  const hasContext = '@context' in value;
  const context = hasContext ? value['@context'] : undefined;
  let hasLanguage = false;
  let language: string | null = null;
  if ('@language' in value && !('@type' in value)) {
    const l = value['@language'];
    if (l !== null && typeof l !== 'string') decline('invalid language mapping');
    hasLanguage = true;
    language = l === null ? null : l.toLowerCase();
  }
  if (id === '@context' || id === '@preserve') decline('invalid keyword alias');
  const sig = stable([
    id,
    prefix === undefined ? '~' : prefix,
    type ?? '~',
    container ?? '~',
    hasContext ? ['c', context] : '~',
    hasLanguage ? ['l', language] : '~',
  ]);
  if (previous?.protected && !overrideProtected) {
    isProtected = true;
    ctx.hasProtected = true;
    if (previous.sig !== sig) decline('protected term redefinition');
  }
  ctx.terms.set(term, {
    id,
    prefix,
    protected: isProtected,
    type,
    container,
    hasContext,
    context,
    hasLanguage,
    language,
    sig,
  });
}

const CONTEXT_KEYS = new Set(['@version', '@vocab', '@language', '@protected', '@propagate']);

function processOne(active: ActiveContext, item: unknown, overrideProtected: boolean, env: Env): ActiveContext {
  if (item === null) {
    if (!overrideProtected && active.hasProtected) decline('invalid context nullification');
    return { ...INITIAL, terms: new Map() };
  }
  let ctx: unknown = item;
  if (typeof item === 'string') {
    const got = env.source(item);
    if (!got) decline(`context ${item} not bundled`);
    if (!got.loaded) throw new NeedContext(item);
    ctx = got.context;
  }
  if (isObject(ctx) && '@context' in ctx) ctx = ctx['@context'];
  if (!isObject(ctx)) return decline('context is not an object');
  const local = ctx;
  const rval = clone(active);
  for (const k of Object.keys(local)) if (k.startsWith('@') && !CONTEXT_KEYS.has(k)) decline(`context key ${k}`);
  const defined: Defined = new Map();
  if ('@version' in local) {
    if (local['@version'] !== 1.1) decline('invalid @version value');
    defined.set('@version', true);
  }
  if ('@propagate' in local) {
    if (typeof local['@propagate'] !== 'boolean') decline('invalid @propagate value');
    defined.set('@propagate', true);
  }
  if ('@vocab' in local) {
    const v = local['@vocab'];
    if (v === null) rval.vocab = undefined;
    else {
      if (typeof v !== 'string') return decline('invalid vocab mapping');
      const e = mustBeAbsolute(expandIri(rval, v, true), '@vocab not absolute');
      if (e.startsWith('_:')) decline('@vocab not absolute');
      rval.vocab = e;
    }
    defined.set('@vocab', true);
  }
  if ('@language' in local) {
    const l = local['@language'];
    if (l === null) rval.language = undefined;
    else {
      if (typeof l !== 'string' || !REGEX_BCP47.test(l)) return decline('invalid default language');
      rval.language = l.toLowerCase();
    }
    defined.set('@language', true);
  }
  defined.set('@protected', local['@protected'] === true);
  for (const key of Object.keys(local)) {
    if (CONTEXT_KEYS.has(key)) continue;
    createTermDefinition(rval, local, key, defined, env, overrideProtected);
    const v = local[key];
    if (isObject(v) && '@context' in v) {
      // jsonld.js validates every scoped context eagerly and fails the whole context on an error.
      if (env.depth > 6) decline('scoped context depth');
      processContext(rval, v['@context'], true, true, { ...env, depth: env.depth + 1 });
    }
  }
  return rval;
}

/** jsonld.js context.process (propagate / overrideProtected as in expansion). */
export function processContext(
  active: ActiveContext,
  local: unknown,
  propagate: boolean,
  overrideProtected: boolean,
  env: Env,
): ActiveContext {
  const items = Array.isArray(local) ? local : [local];
  if (items.length === 0) return active;
  const urls = items.filter((x) => typeof x === 'string');
  if (urls.length > 10 || new Set(urls).size !== urls.length) decline('context URL list');
  const first: unknown = items[0];
  if (isObject(first) && typeof first['@propagate'] === 'boolean') propagate = first['@propagate'];
  if (typeof first === 'string') {
    const got = env.source(first);
    if (got?.loaded && isObject(got.context) && '@propagate' in got.context) decline('remote @propagate');
  }
  let rval = active;
  if (!propagate && !rval.previous) {
    let wrapped = WITH_PREVIOUS.get(active);
    if (!wrapped) {
      wrapped = { ...clone(active), previous: active };
      WITH_PREVIOUS.set(active, wrapped);
    }
    rval = wrapped;
  }
  for (const item of items) {
    if (item !== null && typeof item !== 'string' && !isObject(item)) decline('invalid local context');
    const key = `${overrideProtected ? 1 : 0}${typeof item === 'string' ? `u${item}` : `j${stable(item)}`}`;
    let perCtx = CACHE.get(rval);
    const hit = perCtx?.get(key);
    if (hit) {
      rval = hit;
      continue;
    }
    const next = processOne(rval, item, overrideProtected, env);
    if (!perCtx) {
      perCtx = new Map();
      CACHE.set(rval, perCtx);
    }
    if (perCtx.size < CACHE_LIMIT) perCtx.set(key, next);
    rval = next;
  }
  return rval;
}

export type { Env as ContextEnv };
