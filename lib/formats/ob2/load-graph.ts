/**
 * Fetching the documents an Open Badges 2.0 assertion links to (OB 2.0 §"Verification":
 * Assertion → BadgeClass → Issuer Profile → CryptographicKey / RevocationList), each through the
 * recording fetcher with its purpose, each compacted to the OB v2 context.
 * SECURITY: a per-verification document budget (LIMITS.maxDocuments) stops link chains and loops.
 */
import type { FetchFail } from '../../model/env';
import type { VerifyContext } from '../../model/format';
import type { Verdict } from '../../model/report';
import { LIMITS } from '../../model/input';
import { compactOb2 } from './compact';
import { isHttpUrl, isObj, type Json } from './util';

/** Purposes recorded for each request (shown in the report's `contacted`). */
export type Purpose =
  'hosted assertion' | 'badge class' | 'issuer profile' | 'public key' | 'revocation list';

/** One loaded Badge Object. */
export interface Doc {
  /** The URL it was fetched from, or undefined when it was embedded / given. */
  url?: string;
  finalUrl?: string;
  /** The JSON as published. */
  raw: Json;
  /** The same, compacted to the OB v2 context. */
  data: Json;
  /** Terms the context does not define (ignored). */
  ignoredTerms: string[];
  /** Extension keys kept as raw JSON. */
  extensions: string[];
}

/** Why a document could not be used. */
export interface LoadFailure {
  code: string;
  impact: Verdict;
  message: string;
  detail: string;
  url?: string;
  /** The failed fetch, when it was a network/HTTP failure (410 bodies matter to revocation). */
  fetch?: FetchFail;
}

export type Loaded = { ok: true; doc: Doc } | { ok: false; failure: LoadFailure };

/** Counts documents fetched during one verification. */
export interface Budget {
  used: number;
  max: number;
}

/** A fresh document budget. */
export function createBudget(max: number = LIMITS.maxDocuments): Budget {
  return { used: 0, max };
}

/** Decodes bytes as UTF-8 JSON; undefined when not JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Compacts an already parsed document (given input or embedded copy). */
export async function normalise(raw: unknown, label: string, url?: string): Promise<Loaded> {
  if (!isObj(raw)) {
    return fail(
      'ERR_OB2_NOT_JSON_OBJECT',
      'invalid',
      `The ${label} is not a JSON object.`,
      'Expected a JSON object.',
      url,
    );
  }
  const c = await compactOb2(raw);
  if (!c.ok) {
    if (c.code === 'ERR_JSONLD_CONTEXT_UNKNOWN') {
      return fail(
        'ERR_JSONLD_CONTEXT_UNKNOWN',
        'unverifiable',
        `The ${label} uses a vocabulary (JSON-LD context) CredLens does not know: ${c.url ?? '?'}.`,
        c.detail,
        url,
      );
    }
    return fail(c.code, 'invalid', `The ${label} is not well-formed Open Badges data.`, c.detail, url);
  }
  const doc: Doc = { raw, data: c.data, ignoredTerms: c.ignoredTerms, extensions: c.extensions };
  if (url !== undefined) doc.url = url;
  return { ok: true, doc };
}

function fail(
  code: string,
  impact: Verdict,
  message: string,
  detail: string,
  url?: string,
  fetch?: FetchFail,
): Loaded {
  const failure: LoadFailure = { code, impact, message, detail };
  if (url !== undefined) failure.url = url;
  if (fetch !== undefined) failure.fetch = fetch;
  return { ok: false, failure };
}

/** Fetches and normalises one linked document. Never throws. */
export async function fetchDoc(
  ctx: VerifyContext,
  url: string,
  purpose: Purpose,
  budget: Budget,
): Promise<Loaded> {
  const label = purpose;
  if (!isHttpUrl(url)) {
    return fail(
      'ERR_OB2_NOT_DEREFERENCEABLE',
      'unverifiable',
      `The ${label} address is not a web address: ${url}.`,
      'Only http(s) ids can be fetched.',
      url,
    );
  }
  // SECURITY: without the budget a hostile issuer could chain or loop documents without end.
  if (budget.used >= budget.max) {
    return fail(
      'ERR_OB2_TOO_MANY_DOCUMENTS',
      'unverifiable',
      `Too many linked documents; the ${label} was not fetched.`,
      `Limit: ${budget.max} documents.`,
      url,
    );
  }
  budget.used++;
  const res = await ctx.fetch(url, purpose, { accept: 'application/ld+json, application/json;q=0.9' });
  if (!res.ok) {
    const status = res.status !== undefined ? ` (HTTP ${res.status})` : '';
    return fail(
      res.status === 410 ? 'ERR_OB2_GONE' : 'ERR_OB2_UNREACHABLE',
      'unverifiable',
      `The ${label} at ${url} could not be fetched${status}.`,
      `${res.code}: ${res.message}`,
      url,
      res,
    );
  }
  const raw = parseJsonBytes(res.bytes);
  if (raw === undefined) {
    return fail(
      'ERR_OB2_NOT_JSON',
      'unverifiable',
      `The ${label} at ${url} is not JSON.`,
      `Content-Type: ${res.contentType}`,
      url,
    );
  }
  const loaded = await normalise(raw, label, url);
  if (loaded.ok) loaded.doc.finalUrl = res.finalUrl;
  return loaded;
}

/**
 * Resolves a reference that may be an id or an embedded object. Embedded objects are used as
 * given (they are covered by the assertion's own proof); `forceFetch` dereferences an embedded
 * object's http(s) id anyway (issuer profiles: SECURITY, see hosted.ts/signed.ts).
 */
export async function resolveRef(
  ctx: VerifyContext,
  ref: unknown,
  rawRef: unknown,
  purpose: Purpose,
  budget: Budget,
  forceFetch = false,
): Promise<Loaded & { embedded?: boolean }> {
  if (isObj(ref)) {
    const id = typeof ref.id === 'string' ? ref.id : undefined;
    if (forceFetch && id !== undefined && isHttpUrl(id)) return fetchDoc(ctx, id, purpose, budget);
    const raw = isObj(rawRef) ? rawRef : ref;
    return { ok: true, doc: { raw, data: ref, ignoredTerms: [], extensions: [] }, embedded: true };
  }
  if (typeof ref === 'string') return fetchDoc(ctx, ref, purpose, budget);
  return fail('ERR_OB2_MISSING_LINK', 'invalid', `The ${purpose} is missing.`, 'No id or embedded object.');
}
