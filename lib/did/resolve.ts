/**
 * Resolution of controllers (DID Core §7.1 "DID Resolution", Controlled Identifiers 1.0 §3.3
 * "Retrieve Verification Method"): did:key and did:jwk offline, did:web and https controller
 * documents / OB 3.0 issuer profiles through the recording fetcher, did:ebsi through the EBSI DID
 * Registry, cached in a caller-owned cache.
 */
import type { RecordingFetch } from '../model/format';
import { cacheGet, cachePut, type DidCache } from './cache';
import { resolveDidEbsi } from './ebsi';
import { resolveDidJwk } from './did-jwk';
import { resolveDidKey } from './did-key';
import { didWebUrl } from './did-web';
import { isObj, parseJson, type Json } from './json';

/** What resolution needs from the caller. */
export interface ResolveContext {
  fetch: RecordingFetch;
  now: Date;
  cache?: DidCache;
}

/** Why a controller could not be resolved. */
export type ResolveErrorCode =
  | 'ERR_DID_METHOD_UNSUPPORTED'
  | 'ERR_DID_MALFORMED'
  | 'ERR_DID_UNREACHABLE'
  | 'ERR_DID_NOT_FOUND'
  | 'ERR_DID_DOCUMENT_INVALID'
  | 'ERR_DID_ID_MISMATCH'
  | 'ERR_VM_BAD_ID';

/** A resolved controller document, or the reason it is missing. */
export type Resolution =
  | {
      ok: true;
      id: string;
      document: Json;
      method: 'key' | 'jwk' | 'web' | 'https' | 'ebsi';
      source?: string;
      cached?: boolean;
    }
  | { ok: false; id: string; code: ResolveErrorCode; reason: string; unreachable: boolean };

const fail = (id: string, code: ResolveErrorCode, reason: string, unreachable = false): Resolution => ({
  ok: false,
  id,
  code,
  reason,
  unreachable,
});

/** The method name of a DID (`key`, `web`, ...), or undefined when not a DID. */
export function didMethod(id: string): string | undefined {
  return /^did:([a-z0-9]+):/.exec(id)?.[1];
}

async function fetchDocument(
  id: string,
  url: string,
  method: 'web' | 'https',
  ctx: ResolveContext,
  purpose: string,
): Promise<Resolution> {
  const now = ctx.now.getTime();
  const hit = cacheGet(ctx.cache, id, now);
  if (hit) return { ok: true, id, document: hit.document, method, source: hit.source ?? url, cached: true };
  const res = await ctx.fetch(url, purpose);
  if (!res.ok) {
    return fail(
      id,
      'ERR_DID_UNREACHABLE',
      `${url} could not be fetched (${res.status ? `HTTP ${res.status}` : res.code})`,
      true,
    );
  }
  const doc = parseJson(res.bytes);
  if (!isObj(doc)) return fail(id, 'ERR_DID_DOCUMENT_INVALID', `${url} did not return a JSON object`);
  // SECURITY: the document must describe the identifier asked for (DID Core §7.1.2; CID §3.3);
  // otherwise any host could serve another controller's keys.
  if (doc.id !== id) {
    return fail(id, 'ERR_DID_ID_MISMATCH', `${url} describes ${JSON.stringify(doc.id)}, not ${id}`);
  }
  cachePut(ctx.cache, id, { document: doc, source: res.finalUrl, storedAt: now });
  return { ok: true, id, document: doc, method, source: res.finalUrl };
}

/** Resolves a DID or an https controller URL (without fragment) to its document. Never throws. */
export async function resolveController(
  id: string,
  ctx: ResolveContext,
  purpose = 'DID document',
): Promise<Resolution> {
  if (id.startsWith('did:')) {
    const method = didMethod(id);
    if (method === 'key') {
      const r = resolveDidKey(id);
      return r.ok
        ? { ok: true, id, document: r.document, method: 'key' }
        : fail(id, 'ERR_DID_MALFORMED', r.reason);
    }
    if (method === 'jwk') {
      const r = resolveDidJwk(id);
      return r.ok
        ? { ok: true, id, document: r.document, method: 'jwk' }
        : fail(id, 'ERR_DID_MALFORMED', r.reason);
    }
    if (method === 'web') {
      const url = didWebUrl(id);
      if (!url) return fail(id, 'ERR_DID_MALFORMED', 'the did:web identifier is malformed');
      return fetchDocument(id, url, 'web', ctx, purpose);
    }
    if (method === 'ebsi') {
      const now = ctx.now.getTime();
      const hit = cacheGet(ctx.cache, id, now);
      if (hit) return { ok: true, id, document: hit.document, method: 'ebsi', source: hit.source ?? id, cached: true };
      const r = await resolveDidEbsi(id, ctx.fetch);
      if (!r.ok) {
        // A DID the registry does not know is a definite answer (not unreachable).
        return fail(id, r.code, r.reason, r.unreachable);
      }
      cachePut(ctx.cache, id, { document: r.document, source: r.source, storedAt: now });
      return { ok: true, id, document: r.document, method: 'ebsi', source: r.source };
    }
    return fail(id, 'ERR_DID_METHOD_UNSUPPORTED', `DID method "${method ?? '?'}" is not supported`);
  }
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    return fail(id, 'ERR_VM_BAD_ID', 'not a DID or an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail(id, 'ERR_VM_BAD_ID', `unsupported scheme ${url.protocol}`);
  return fetchDocument(id, id, 'https', ctx, purpose === 'DID document' ? 'controller document' : purpose);
}
