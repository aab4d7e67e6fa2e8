/**
 * An in-memory web over ../shared/vectors for Open Badges tests (read in place, never copied).
 * `VECTOR_ROUTES` is plain data — the loopback map of the vectors MANIFEST — so the HTTPS fixture
 * server can serve the same table later; `createVectorFetch` answers from it without a network.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FetchResult, SafeFetch } from '../../lib/model/env';
import type { RecordingFetch, VerifyContext } from '../../lib/model/format';
import type { ContactedUrl } from '../../lib/model/report';
import { vectorPath } from './vectors';

/** One prefix mapping: every `<prefix><name>` is served from `<dir>/<name>` inside the vectors. */
export interface PrefixRoute {
  prefix: string;
  dir: string;
}

/** The MANIFEST's loopback map (URL prefix → vectors folder). */
export const VECTOR_ROUTES: readonly PrefixRoute[] = [
  { prefix: 'https://example.org/', dir: '1edtech-dc-public-validator/ob20/assets/' },
  { prefix: 'https://www.example.org/', dir: '1edtech-dc-public-validator/ob20/assets/' },
  { prefix: 'http://example.org/', dir: '1edtech-dc-public-validator/ob20/assets/' },
];

/** A one-off answer for one URL (the hosted assertion's own id, a 410, a redirect...). */
export interface ExtraRoute {
  status?: number;
  /** Body: a vectors-relative file (`file`), or literal text/bytes (`body`). */
  file?: string;
  body?: string | Uint8Array;
  contentType?: string;
  /** Answer with a redirect to this URL (followed by the fake fetcher). */
  redirectTo?: string;
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.json') || name.endsWith('.jsonld')) return 'application/ld+json';
  if (name.endsWith('.png')) return 'image/png';
  if (name.endsWith('.html')) return 'text/html';
  return 'application/octet-stream';
}

/** Resolves a URL to a vectors-relative file through VECTOR_ROUTES, when one exists. */
export function routeToFile(url: string): string | undefined {
  for (const r of VECTOR_ROUTES) {
    if (!url.startsWith(r.prefix)) continue;
    const name = url.slice(r.prefix.length);
    if (!name || name.includes('..') || name.includes('?') || name.includes('#')) return undefined;
    const rel = r.dir + name;
    return existsSync(vectorPath(rel)) ? rel : undefined;
  }
  return undefined;
}

/** A SafeFetch over VECTOR_ROUTES plus per-test routes; URLs with no file are unreachable. */
export function createVectorFetch(extraRoutes: Record<string, ExtraRoute> = {}): SafeFetch {
  const fetchOnce = async (url: string, hops: string[]): Promise<FetchResult> => {
    const extra = extraRoutes[url];
    if (extra?.redirectTo) {
      if (hops.length >= 5)
        return { ok: false, url, code: 'ERR_NET_REDIRECT_LIMIT', message: 'too many redirects' };
      return fetchOnce(extra.redirectTo, [...hops, url]);
    }
    let bytes: Uint8Array | undefined;
    let contentType = 'application/json';
    let status = 200;
    if (extra) {
      status = extra.status ?? 200;
      if (extra.file) {
        bytes = new Uint8Array(readFileSync(vectorPath(extra.file)));
        contentType = contentTypeOf(extra.file);
      } else if (extra.body !== undefined) {
        bytes = typeof extra.body === 'string' ? new TextEncoder().encode(extra.body) : extra.body;
      }
      if (extra.contentType) contentType = extra.contentType;
    } else {
      const file = routeToFile(url);
      if (file) {
        bytes = new Uint8Array(readFileSync(vectorPath(file)));
        contentType = contentTypeOf(file);
      } else {
        // MANIFEST.md: a URL with no file is "referenced but not available": unreachable, not a 404.
        return { ok: false, url: hops[0] ?? url, code: 'ERR_NET_UNREACHABLE', message: 'no file in the vector web' };
      }
    }
    const first = hops[0] ?? url;
    if (status >= 400) {
      const fail: FetchResult = {
        ok: false,
        url: first,
        status,
        code: 'ERR_NET_HTTP_STATUS',
        message: `HTTP ${status}`,
      };
      if (bytes) fail.bytes = bytes;
      return fail;
    }
    return {
      ok: true,
      url: first,
      finalUrl: url,
      status,
      contentType,
      bytes: bytes ?? new Uint8Array(),
      redirects: hops.slice(1).concat(hops.length > 0 ? [url] : []),
    };
  };
  return (url) => fetchOnce(url, []);
}

/** Wraps a SafeFetch as the pipeline does: every request is recorded with its purpose. */
export function createRecordingFetch(fetch: SafeFetch, contacted: ContactedUrl[]): RecordingFetch {
  return async (url, purpose, req) => {
    const res = await fetch(url, req);
    const entry: ContactedUrl = { url, purpose };
    if (res.status !== undefined) entry.status = res.status;
    if (!res.ok) entry.error = res.code;
    contacted.push(entry);
    return res;
  };
}

/** A VerifyContext over the vector web, for calling a format module directly. */
export function createVectorContext(
  opts: {
    now?: Date;
    extraRoutes?: Record<string, ExtraRoute>;
    recipients?: VerifyContext['recipients'];
  } = {},
): VerifyContext {
  const contacted: ContactedUrl[] = [];
  return {
    fetch: createRecordingFetch(createVectorFetch(opts.extraRoutes), contacted),
    now: opts.now ?? new Date('2024-06-01T00:00:00Z'),
    trust: { lookupIssuer: async () => ({ hits: [], consulted: [] }) },
    recipients: opts.recipients ?? [],
    contacted,
  };
}
