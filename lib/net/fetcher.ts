/**
 * The one safe fetcher all verification network goes through (ARCHITECTURE.md "All network
 * goes through one fetcher"): http(s) only, no private targets, no cookies, timeouts, size
 * caps, a redirect limit. Never throws: every failure is a typed FetchFail.
 */
import type { FetchErrorCode, FetchFail, FetchResult, SafeFetch, SafeFetchRequest } from '../model/env';
import { LIMITS } from '../model/input';
import { concat } from '../proof/crypto';
import { isPrivateHost } from './private-host';
import { mapUrl, unmapUrl, type UrlMap } from './url-map';

/** Options of createFetcher; every limit defaults to LIMITS. */
export interface FetcherOptions {
  /** The underlying fetch (default: globalThis.fetch, looked up at call time). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** 'manual' (Node/CLI): hops are followed and checked here. 'follow' (service worker): fetch follows, the final URL is checked. */
  redirectMode?: 'manual' | 'follow';
  /** `--map-url` rewriting; mapped targets may be loopback. */
  urlMap?: UrlMap;
  /** Allow private/loopback targets (local testing only). */
  allowPrivate?: boolean;
}

/** Default Accept header: JSON-LD first. */
export const DEFAULT_ACCEPT = 'application/ld+json, application/json;q=0.9, */*;q=0.1';

/** Largest error-response body kept (an OB 2.0 410 Gone carries the revoked assertion). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ABORTED = Symbol('aborted');

interface Config {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  redirectMode: 'manual' | 'follow';
  urlMap: UrlMap | undefined;
  allowPrivate: boolean;
}

/** Creates the safe fetcher. */
export function createFetcher(options: FetcherOptions = {}): SafeFetch {
  const cfg: Config = {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? LIMITS.timeoutMs,
    maxBytes: options.maxBytes ?? LIMITS.maxResponseBytes,
    maxRedirects: options.maxRedirects ?? LIMITS.maxRedirects,
    redirectMode: options.redirectMode ?? 'manual',
    urlMap: options.urlMap,
    allowPrivate: options.allowPrivate ?? false,
  };
  return async (url, req) => {
    const request = toRequest(req);
    if (request.body !== undefined && request.body.byteLength > LIMITS.maxRequestBodyBytes)
      return fail(url, 'ERR_NET_TOO_LARGE', `request body larger than ${LIMITS.maxRequestBodyBytes} bytes`);
    // SECURITY: a request may ask for its own response cap (a CRL is larger than a JSON document),
    // never above LIMITS.maxListResponseBytes.
    const capped: Config =
      req?.maxBytes === undefined
        ? cfg
        : { ...cfg, maxBytes: Math.max(0, Math.min(req.maxBytes, LIMITS.maxListResponseBytes)) };
    const controller = new AbortController();
    // SECURITY: one deadline covers every hop, the headers and the body; without it a server that
    // trickles bytes holds the verification (and the worker) forever.
    const timer = setTimeout(() => controller.abort(), cfg.timeoutMs);
    try {
      return await fetchHops(capped, url, request, controller.signal);
    } catch (error) {
      return fail(url, controller.signal.aborted ? 'ERR_NET_TIMEOUT' : 'ERR_NET_UNREACHABLE', reason(error));
    } finally {
      clearTimeout(timer);
    }
  };
}

/** One request as sent on every hop. */
interface Outgoing {
  accept: string;
  method: 'GET' | 'POST';
  body?: Uint8Array<ArrayBuffer>;
  contentType?: string;
}

function toRequest(req: SafeFetchRequest | undefined): Outgoing {
  const out: Outgoing = {
    accept: req?.accept ?? DEFAULT_ACCEPT,
    method: req?.method === 'POST' ? 'POST' : 'GET',
  };
  if (out.method === 'POST') {
    // A copy on its own ArrayBuffer (what fetch takes as a body).
    out.body = new Uint8Array(req?.body ?? new Uint8Array(0));
    if (req?.contentType !== undefined) out.contentType = req.contentType;
  }
  return out;
}

function fail(
  url: string,
  code: FetchErrorCode,
  message: string,
  status?: number,
  bytes?: Uint8Array,
): FetchFail {
  const out: FetchFail = { ok: false, url, code, message };
  if (status !== undefined) out.status = status;
  if (bytes !== undefined) out.bytes = bytes;
  return out;
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error)
      return `${error.message}: ${(cause as { code?: string }).code ?? cause.message}`;
    return error.message;
  }
  return String(error);
}

/** The message of a refused private target somewhere in an error's causes, if any. */
function refusedTarget(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if ((current as { code?: unknown }).code === 'ERR_NET_PRIVATE_TARGET') return current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

type Target =
  { ok: true; href: string; mapped: boolean } | { ok: false; code: FetchErrorCode; message: string };

/** Checks one hop (in the caller's URL space) and rewrites it through the URL map. */
function checkTarget(cfg: Config, url: URL): Target {
  // SECURITY: http(s) only; without it file:, data:, javascript: or blob: URLs named in a credential would be read.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      code: 'ERR_NET_SCHEME',
      message: `only http(s) addresses are fetched, not ${url.protocol}`,
    };
  }
  // SECURITY: user:password@ in a URL would be sent as an Authorization header to a host the credential names.
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      code: 'ERR_NET_BAD_URL',
      message: 'addresses with embedded credentials are not fetched',
    };
  }
  const mapped = mapUrl(cfg.urlMap, url.href);
  if (mapped !== undefined) return { ok: true, href: mapped, mapped: true };
  // SECURITY: refuse private/loopback targets (SSRF into the user's network); --map-url targets are named by the user.
  if (!cfg.allowPrivate && isPrivateHost(url.hostname)) {
    return {
      ok: false,
      code: 'ERR_NET_PRIVATE_TARGET',
      message: `refusing to contact a private or local address (${url.hostname})`,
    };
  }
  return { ok: true, href: url.href, mapped: false };
}

/** Resolves a Location header into the caller's URL space. */
function nextHop(cfg: Config, location: string, current: URL, actual: string): URL | undefined {
  try {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location)) {
      const absolute = new URL(location).href;
      return new URL(unmapUrl(cfg.urlMap, absolute) ?? absolute);
    }
    // Relative: resolve in the caller's space; fall back to the mapped URL if that fails.
    return new URL(location, current.href);
  } catch {
    try {
      return new URL(location, actual);
    } catch {
      return undefined;
    }
  }
}

async function fetchHops(
  cfg: Config,
  url: string,
  request: Outgoing,
  signal: AbortSignal,
): Promise<FetchResult> {
  const post = request.method === 'POST';
  const headers: Record<string, string> = { Accept: request.accept };
  if (post && request.contentType !== undefined) headers['Content-Type'] = request.contentType;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return fail(url, 'ERR_NET_BAD_URL', 'not an absolute URL');
  }
  const redirects: string[] = [];
  const seen = new Set([current.href]);
  for (;;) {
    const target = checkTarget(cfg, current);
    if (!target.ok) return fail(url, target.code, target.message);
    let res: Response;
    try {
      res = await cfg.fetch(target.href, {
        method: request.method,
        // SECURITY: a POST is never redirected (its body must not be re-sent to another address);
        // in 'follow' mode fetch itself refuses the redirect.
        redirect: post && cfg.redirectMode === 'follow' ? 'error' : cfg.redirectMode,
        // SECURITY: no cookies, no referrer, no cache: a credential must not learn who is looking or ride a session.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        headers,
        ...(post ? { body: request.body ?? new Uint8Array(0) } : {}),
        signal,
      });
    } catch (error) {
      // The CLI's fetch refuses a name that resolves to a private address (cli/guarded-fetch.ts).
      const refused = refusedTarget(error);
      if (refused !== undefined) return fail(url, 'ERR_NET_PRIVATE_TARGET', refused);
      if (signal.aborted) return fail(url, 'ERR_NET_TIMEOUT', `no answer within ${cfg.timeoutMs} ms`);
      // In 'follow' mode a failed hop looks the same as an unreachable host (the extension's rule
      // blocks private addresses at any hop): say both.
      const hops =
        cfg.redirectMode === 'follow'
          ? ' (or an address it redirected to: private and local addresses are refused)'
          : '';
      return fail(url, 'ERR_NET_UNREACHABLE', `could not reach ${current.host}${hops}: ${reason(error)}`);
    }
    if (res.type === 'opaqueredirect') {
      return fail(
        url,
        'ERR_NET_REDIRECT_OPAQUE',
        'the redirect cannot be inspected here (use redirectMode "follow")',
      );
    }
    if (cfg.redirectMode === 'manual' && REDIRECT_STATUSES.has(res.status)) {
      if (post) {
        discard(res);
        return fail(
          url,
          'ERR_NET_HTTP_STATUS',
          `HTTP ${res.status}: a POST request is not redirected`,
          res.status,
        );
      }
      const location = res.headers.get('location');
      discard(res);
      if (location === null)
        return fail(url, 'ERR_NET_HTTP_STATUS', `HTTP ${res.status} without a Location`, res.status);
      const next = nextHop(cfg, location, current, target.href);
      if (next === undefined) return fail(url, 'ERR_NET_BAD_URL', `bad redirect target ${location}`);
      // SECURITY: loop and hop limits; without them a server bounces the verifier around forever.
      if (seen.has(next.href)) return fail(url, 'ERR_NET_REDIRECT_LOOP', `redirect loop at ${next.href}`);
      if (redirects.length >= cfg.maxRedirects) {
        return fail(url, 'ERR_NET_REDIRECT_LIMIT', `more than ${cfg.maxRedirects} redirects`);
      }
      seen.add(next.href);
      redirects.push(next.href);
      current = next;
      continue;
    }
    let finalUrl = current.href;
    if (cfg.redirectMode === 'follow' && res.redirected && res.url !== '') {
      const unmapped = unmapUrl(cfg.urlMap, res.url);
      const landed = new URL(res.url);
      // SECURITY: fetch already followed the hops; refuse to use what a public URL redirected to on a private host.
      if (landed.protocol !== 'http:' && landed.protocol !== 'https:') {
        discard(res);
        return fail(url, 'ERR_NET_SCHEME', `redirected to a ${landed.protocol} address`);
      }
      if (unmapped === undefined && !cfg.allowPrivate && isPrivateHost(landed.hostname)) {
        discard(res);
        return fail(
          url,
          'ERR_NET_PRIVATE_TARGET',
          `redirected to a private or local address (${landed.hostname})`,
        );
      }
      finalUrl = unmapped ?? landed.href;
      if (finalUrl !== current.href) redirects.push(finalUrl);
    }
    return finish(cfg, url, res, finalUrl, redirects, signal);
  }
}

async function finish(
  cfg: Config,
  url: string,
  res: Response,
  finalUrl: string,
  redirects: string[],
  signal: AbortSignal,
): Promise<FetchResult> {
  const contentType = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const body = await readCapped(res, Math.min(MAX_ERROR_BODY_BYTES, cfg.maxBytes), signal);
    const text = res.statusText === '' ? '' : ` ${res.statusText}`;
    return fail(
      url,
      'ERR_NET_HTTP_STATUS',
      `HTTP ${res.status}${text}`,
      res.status,
      body.ok ? body.bytes : undefined,
    );
  }
  const body = await readCapped(res, cfg.maxBytes, signal);
  if (!body.ok) {
    if (body.why === 'too-large')
      return fail(url, 'ERR_NET_TOO_LARGE', `response larger than ${cfg.maxBytes} bytes`);
    if (body.why === 'timeout')
      return fail(url, 'ERR_NET_TIMEOUT', `no complete answer within ${cfg.timeoutMs} ms`);
    return fail(url, 'ERR_NET_UNREACHABLE', `the connection failed while reading: ${body.detail}`);
  }
  return { ok: true, url, finalUrl, status: res.status, contentType, bytes: body.bytes, redirects };
}

function discard(res: Response): void {
  res.body?.cancel().catch(() => undefined);
}

type BodyRead =
  { ok: true; bytes: Uint8Array } | { ok: false; why: 'too-large' | 'timeout' | 'error'; detail: string };

/** Reads a body up to `cap` bytes, racing every read against the deadline. */
async function readCapped(res: Response, cap: number, signal: AbortSignal): Promise<BodyRead> {
  // SECURITY: size cap on the declared length and while streaming; without it a 50 MB (or endless) answer exhausts memory.
  const declared = Number(res.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > cap) {
    discard(res);
    return { ok: false, why: 'too-large', detail: `Content-Length ${declared}` };
  }
  if (res.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = res.body.getReader();
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const step = await Promise.race([reader.read(), aborted]);
      if (step === ABORTED) {
        reader.cancel().catch(() => undefined);
        return { ok: false, why: 'timeout', detail: 'deadline reached' };
      }
      if (step.done) break;
      total += step.value.byteLength;
      if (total > cap) {
        reader.cancel().catch(() => undefined);
        return { ok: false, why: 'too-large', detail: `more than ${cap} bytes` };
      }
      chunks.push(step.value);
    }
  } catch (error) {
    return { ok: false, why: signal.aborted ? 'timeout' : 'error', detail: reason(error) };
  }
  return { ok: true, bytes: concat(...chunks) };
}
