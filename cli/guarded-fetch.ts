/**
 * The CLI's network access (issue 15): a fetch on node:http / node:https whose DNS lookup is the
 * check. A host name is resolved once, every private, loopback, link-local or unique-local answer
 * is refused, and the connection goes only to an address that was checked — so a name that
 * resolves (or rebinds) to an address inside the recruiter's network is never contacted. A name
 * is allowed to resolve to such an address only when it is the host of a `--map-url` target (the
 * user named it), or with `--allow-private`. IP literals are refused earlier, by the fetcher.
 * Redirects are not followed here: the fetcher follows them hop by hop (`redirect: 'manual'`),
 * each hop going through this lookup again.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { isPrivateHost } from '../lib/net/private-host';

/** The resolver (node:dns lookup with `all: true`); tests give their own. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** A refused address, as the fetcher reports it (ERR_NET_PRIVATE_TARGET). */
export class PrivateTargetError extends Error {
  readonly code = 'ERR_NET_PRIVATE_TARGET';
  constructor(message: string) {
    super(message);
    this.name = 'PrivateTargetError';
  }
}

export interface GuardedFetchOptions {
  /** Host names that may resolve to private addresses: the hosts of `--map-url` targets. */
  allowedHosts?: Iterable<string>;
  /** `--allow-private`: no address is refused. */
  allowPrivate?: boolean;
  resolve?: Resolve;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** The request body as bytes: the fetcher sends a Uint8Array (an OCSP request); nothing else is taken. */
function bodyBytes(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  throw new TypeError('unsupported request body (bytes or text only)');
}

/**
 * A fetch for the fetcher's `fetch` option (GET or POST with a byte body, headers, signal;
 * redirects returned, not followed).
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  const allowed = new Set([...(options.allowedHosts ?? [])].map((h) => h.toLowerCase()));
  const resolve = options.resolve ?? systemResolve;
  const lookup = (
    hostname: string,
    opts: { all?: boolean },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    resolve(hostname).then(
      (addresses) => {
        const mayBePrivate = options.allowPrivate === true || allowed.has(hostname.toLowerCase());
        const usable = mayBePrivate ? addresses : addresses.filter((a) => !isPrivateHost(a.address));
        if (usable.length === 0) {
          const seen = addresses.map((a) => a.address).join(', ') || 'no address';
          callback(
            new PrivateTargetError(
              `refusing to contact ${hostname}: it resolves to a private or local address (${seen})`,
            ),
            '',
          );
          return;
        }
        // SECURITY: the connection uses exactly these checked addresses (no second resolution).
        if (opts.all === true) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), ''),
    );
  };

  return (input, init) =>
    new Promise<Response>((fulfil, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, key) => {
        headers[key] = value;
      });
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) {
        reject(new DOMException('The operation was aborted.', 'AbortError'));
        return;
      }
      let body: Buffer | undefined;
      try {
        body = bodyBytes(init?.body);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (body !== undefined) headers['content-length'] = String(body.byteLength);
      const req = send(
        url,
        { method: init?.method ?? 'GET', headers, lookup: lookup as never },
        (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 599) {
            res.destroy();
            reject(new Error(`unexpected HTTP status ${status}`));
            return;
          }
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(key, v);
          }
          const body = NULL_BODY.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
          if (body === null) res.resume();
          fulfil(
            new Response(body, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }),
          );
        },
      );
      const abort = () => {
        req.destroy(new DOMException('The operation was aborted.', 'AbortError'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      req.on('error', (error) => {
        signal?.removeEventListener('abort', abort);
        reject(error);
      });
      req.end(body);
    });
}
