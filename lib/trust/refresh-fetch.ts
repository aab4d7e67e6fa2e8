/**
 * Conditional GET for trust-source refreshes, over the one safe fetcher (lib/net/fetcher.ts):
 * the underlying fetch is wrapped to send If-None-Match and to read ETag / Cache-Control, so every
 * limit of the safe fetcher (size, time, scheme, private targets) still applies.
 */
import { createFetcher, type FetcherOptions } from '../net/fetcher';

export type ConditionalResult =
  | { ok: true; notModified: false; bytes: Uint8Array; etag?: string; cacheControl?: string; finalUrl: string }
  | { ok: true; notModified: true; etag?: string; cacheControl?: string }
  | { ok: false; reason: string };

export type ConditionalFetch = (url: string, etag?: string, accept?: string) => Promise<ConditionalResult>;

/** Creates the conditional fetcher; `options` are passed to createFetcher (tests inject `fetch`). */
export function createConditionalFetch(options: FetcherOptions = {}): ConditionalFetch {
  return async (url, etag, accept) => {
    const seen: { etag?: string; cacheControl?: string } = {};
    const base = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const wrapped: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (etag !== undefined) headers.set('If-None-Match', etag);
      const res = await base(input, { ...init, headers });
      const e = res.headers.get('etag');
      const cc = res.headers.get('cache-control');
      if (e !== null && e.length < 200) seen.etag = e;
      if (cc !== null && cc.length < 200) seen.cacheControl = cc;
      return res;
    };
    const safe = createFetcher({ ...options, fetch: wrapped });
    const res = await safe(url, { accept: accept ?? 'application/json, application/jwt;q=0.9, */*;q=0.1' });
    if (res.ok) return { ok: true, notModified: false, bytes: res.bytes, finalUrl: res.finalUrl, ...seen };
    if (res.status === 304) return { ok: true, notModified: true, ...seen };
    return { ok: false, reason: `${url} could not be fetched (${res.status !== undefined ? `HTTP ${res.status}` : res.code}: ${res.message})` };
  };
}
