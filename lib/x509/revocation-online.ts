/**
 * A fresh revocation answer for a certificate, asked online the way EU DSS does: the OCSP
 * responder named in its Authority Information Access (id-ad-ocsp; RFC 6960, POST per appendix
 * A.1, GET when the responder refuses POST), failing that its CRL distribution points (RFC 5280
 * §4.2.1.13). Every request goes through the verification's recording fetcher (it lands in the
 * report's `contacted` list); the request carries the issuer's name and key hashes and the serial
 * number only. Answers count only when signed by the issuer (or, for OCSP, a responder it
 * appointed) and current; fresh ones are kept in the RevocationCache.
 */
import type { RecordingFetch } from '../model/format';
import { LIMITS } from '../model/input';
import type { ContactedUrl } from '../model/report';
import { fromBase64, toBase64 } from './bytes';
import { displayName, type CertInfo } from './cert';
import { crlLookup, readCrl } from './crl';
import { MAX_OCSP_BYTES, ocspRequest, readOcspResponse } from './ocsp';
import {
  cached,
  ocspKey,
  OCSP_NO_NEXT_UPDATE_REUSE_MS,
  store,
  type CachedCrl,
  type RevocationCache,
} from './revocation-cache';

export const OCSP_PURPOSE = 'certificate status (OCSP)';
export const CRL_PURPOSE = 'certificate revocation list';
/** SECURITY: the largest CRL read (a certificate authority's list can be several megabytes). */
export const MAX_CRL_BYTES = LIMITS.maxListResponseBytes;
/** SECURITY: at most this many responders and this many distribution points are asked per certificate. */
const MAX_URLS = 2;
const MAX_URL_LENGTH = 2048;
/** How long after its thisUpdate an answer without nextUpdate still speaks for a later time. */
export const NO_NEXT_UPDATE_WINDOW_MS = 60 * 60_000;

const ID_PE_AIA = '1.3.6.1.5.5.7.1.1';
const ID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
const ID_CE_CRL_DP = '2.5.29.31';

/** What the online look-up needs from the verification. */
export interface OnlineDeps {
  fetch: RecordingFetch;
  /** The verification's `now` (the CLI's --now): answers must be current then. */
  now: Date;
  contacted: ContactedUrl[];
  cache?: RevocationCache;
}

/** A status answer (embedded or online) as the decision reads it. */
export interface StatusAnswer {
  via: 'OCSP' | 'CRL';
  status: 'good' | 'revoked' | 'unknown';
  thisUpdate: Date;
  nextUpdate?: Date;
  producedAt?: Date;
  revokedAt?: Date;
  /** Who gave the answer: the OCSP signer, or the CRL's issuer. */
  responder?: string;
  /** OCSP archive cutoff / CRL ExpiredCertsOnCRL: expired certificates are still answered for, from this date. */
  keptExpiredFrom?: Date;
}

/** A fresh answer fetched online (or reused from the cache). */
export interface OnlineAnswer extends StatusAnswer {
  status: 'good' | 'revoked';
  url: string;
  cached: boolean;
}

/** Why one source gave no usable answer. */
export type AttemptOutcome =
  | 'unreachable'
  | 'too-large'
  | 'malformed'
  | 'refused'
  | 'unsigned'
  | 'scope'
  | 'no-answer'
  | 'unknown'
  | 'stale'
  | 'expired';

export interface Attempt {
  via: 'OCSP' | 'CRL';
  url: string;
  outcome: AttemptOutcome;
  detail: string;
}

export interface OnlineResult {
  answer?: OnlineAnswer;
  /** Sources asked that gave no usable answer, in order. */
  attempts: Attempt[];
  /** The http(s) addresses the certificate names (OCSP responders, CRL distribution points). */
  urls: { ocsp: string[]; crl: string[] };
}

/** True when a "not revoked" answer speaks for the instant `t` (RFC 5280 §6.3.3 (a); RFC 6960 §4.2.2.1). */
export function covers(a: { thisUpdate: Date; nextUpdate?: Date }, t: Date): boolean {
  const from = a.thisUpdate.getTime();
  const at = t.getTime();
  // Not revoked when the answer was given: not revoked at any earlier instant either.
  if (from >= at) return true;
  if (a.nextUpdate) return at <= a.nextUpdate.getTime();
  return at - from <= NO_NEXT_UPDATE_WINDOW_MS;
}

/**
 * True when a "good" answer still speaks for `leaf`: given while it was valid, or by a source that
 * keeps expired certificates (RFC 5280 §3.3 lets a CA drop expired certificates from its CRLs and
 * responders; ExpiredCertsOnCRL and the OCSP archive cutoff say it did not).
 */
export function speaksFor(a: StatusAnswer, leaf: CertInfo): boolean {
  if (a.thisUpdate.getTime() <= leaf.notAfter.getTime()) return true;
  return a.keptExpiredFrom !== undefined && a.keptExpiredFrom.getTime() <= leaf.notAfter.getTime();
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return undefined;
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value).href;
  } catch {
    return undefined;
  }
}

/** The http(s) OCSP responders (AIA id-ad-ocsp) and CRL distribution points the certificate names. */
export function revocationUrls(leaf: CertInfo): { ocsp: string[]; crl: string[] } {
  const ocsp: string[] = [];
  const crl: string[] = [];
  for (const ext of leaf.cert.extensions ?? []) {
    const parsed = ext.parsedValue as Record<string, unknown> | undefined;
    if (ext.extnID === ID_PE_AIA) {
      const access = Array.isArray(parsed?.accessDescriptions)
        ? (parsed.accessDescriptions as {
            accessMethod?: unknown;
            accessLocation?: { type?: unknown; value?: unknown };
          }[])
        : [];
      for (const a of access.slice(0, 16)) {
        if (a.accessMethod !== ID_AD_OCSP || a.accessLocation?.type !== 6) continue;
        const url = httpUrl(a.accessLocation.value);
        if (url && !ocsp.includes(url)) ocsp.push(url);
      }
    } else if (ext.extnID === ID_CE_CRL_DP) {
      const points = Array.isArray(parsed?.distributionPoints)
        ? (parsed.distributionPoints as {
            distributionPoint?: unknown;
            reasons?: unknown;
            cRLIssuer?: unknown;
          }[])
        : [];
      for (const p of points.slice(0, 16)) {
        // A point limited to some reasons, or whose list another authority issues, is not read.
        if (p.reasons !== undefined || p.cRLIssuer !== undefined || !Array.isArray(p.distributionPoint))
          continue;
        for (const name of (p.distributionPoint as { type?: unknown; value?: unknown }[]).slice(0, 16)) {
          if (name.type !== 6) continue;
          const url = httpUrl(name.value);
          if (url && !crl.includes(url)) crl.push(url);
        }
      }
    }
  }
  return { ocsp: ocsp.slice(0, MAX_URLS), crl: crl.slice(0, MAX_URLS) };
}

function fetchFailure(
  via: 'OCSP' | 'CRL',
  url: string,
  res: { code: string; status?: number; message: string },
): Attempt {
  return {
    via,
    url,
    outcome: res.code === 'ERR_NET_TOO_LARGE' ? 'too-large' : 'unreachable',
    detail: `${res.code}${res.status !== undefined ? ` (HTTP ${res.status})` : ''}: ${res.message}`,
  };
}

/** Until when (epoch ms) an answer may be reused. */
function reuseUntil(a: { nextUpdate?: Date }, now: Date): number {
  return a.nextUpdate ? a.nextUpdate.getTime() : now.getTime() + OCSP_NO_NEXT_UPDATE_REUSE_MS;
}

/** Judges a verified answer: usable now, or why not. A listed revocation is usable whatever its age. */
function judge(a: StatusAnswer, leaf: CertInfo, now: Date): AttemptOutcome | undefined {
  if (a.status === 'revoked') return undefined;
  if (a.status === 'unknown') return 'unknown';
  if (!speaksFor(a, leaf)) return 'expired';
  if (!covers(a, now)) return 'stale';
  return undefined;
}

function describe(a: StatusAnswer): string {
  return `${a.status}, thisUpdate ${a.thisUpdate.toISOString()}${a.nextUpdate ? `, nextUpdate ${a.nextUpdate.toISOString()}` : ''}${a.producedAt ? `, produced ${a.producedAt.toISOString()}` : ''}`;
}

async function askOcsp(
  url: string,
  leaf: CertInfo,
  issuer: CertInfo,
  deps: OnlineDeps,
): Promise<OnlineAnswer | Attempt> {
  const body = await ocspRequest(leaf, issuer);
  const common = { accept: 'application/ocsp-response', maxBytes: MAX_OCSP_BYTES };
  let res = await deps.fetch(url, OCSP_PURPOSE, {
    ...common,
    method: 'POST',
    body,
    contentType: 'application/ocsp-request',
  });
  // RFC 6960 A.1: a responder may take GET only; the request then travels base64 in the path.
  if (!res.ok && res.status === 405) {
    const path = encodeURIComponent(toBase64(body));
    res = await deps.fetch(`${url.endsWith('/') ? url : `${url}/`}${path}`, OCSP_PURPOSE, common);
  }
  if (!res.ok) return fetchFailure('OCSP', url, res);
  const read = await readOcspResponse(res.bytes, leaf, issuer);
  if (!read.ok)
    return {
      via: 'OCSP',
      url,
      outcome: read.problem === 'other' ? 'no-answer' : read.problem,
      detail: read.detail,
    };
  const s = read.status;
  const answer: StatusAnswer = {
    via: 'OCSP',
    status: s.status,
    thisUpdate: s.thisUpdate,
    producedAt: s.producedAt,
  };
  if (s.nextUpdate) answer.nextUpdate = s.nextUpdate;
  if (s.revokedAt) answer.revokedAt = s.revokedAt;
  if (s.responder) answer.responder = s.responder;
  if (s.archiveCutoff) answer.keptExpiredFrom = s.archiveCutoff;
  const problem = judge(answer, leaf, deps.now);
  if (problem) return { via: 'OCSP', url, outcome: problem, detail: describe(answer) };
  const out = { ...answer, status: answer.status as 'good' | 'revoked', url, cached: false };
  if (deps.cache)
    store(
      deps.cache.ocsp,
      ocspKey(issuer.sha256, leaf.serialHex),
      { url, status: s, until: reuseUntil(answer, deps.now) },
      deps.cache.maxOcspEntries,
    );
  return out;
}

/** A CRL as DER: DER as is, or the base64 body of a PEM "X509 CRL" block. */
function crlDer(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes[0] === 0x30) return bytes;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64));
  if (!text.startsWith('-----BEGIN')) return undefined;
  const pem = new TextDecoder().decode(bytes);
  const m = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+)-----END X509 CRL-----/.exec(pem);
  return m?.[1] === undefined ? undefined : fromBase64(m[1]);
}

function fromCrl(entry: CachedCrl, leaf: CertInfo, issuer: CertInfo): StatusAnswer {
  const s = crlLookup(entry, leaf);
  const answer: StatusAnswer = {
    via: 'CRL',
    status: s.status,
    thisUpdate: s.thisUpdate,
    responder: displayName(issuer),
  };
  if (s.nextUpdate) answer.nextUpdate = s.nextUpdate;
  if (s.revokedAt) answer.revokedAt = s.revokedAt;
  if (s.expiredCertsFrom) answer.keptExpiredFrom = s.expiredCertsFrom;
  return answer;
}

async function askCrl(
  url: string,
  leaf: CertInfo,
  issuer: CertInfo,
  deps: OnlineDeps,
): Promise<OnlineAnswer | Attempt> {
  const res = await deps.fetch(url, CRL_PURPOSE, {
    accept: 'application/pkix-crl, application/x-pkcs7-crl;q=0.9, */*;q=0.1',
    maxBytes: MAX_CRL_BYTES,
  });
  if (!res.ok) return fetchFailure('CRL', url, res);
  const der = crlDer(res.bytes);
  if (!der) return { via: 'CRL', url, outcome: 'malformed', detail: 'not a DER or PEM CRL' };
  const read = await readCrl(der, issuer, MAX_CRL_BYTES);
  if (!read.ok) return { via: 'CRL', url, outcome: read.problem, detail: read.detail };
  const entry: CachedCrl = {
    url,
    issuerSha256: issuer.sha256,
    ...read.crl,
    until: reuseUntil(read.crl, deps.now),
  };
  const answer = fromCrl(entry, leaf, issuer);
  const problem = judge(answer, leaf, deps.now);
  // Only a current list is kept (a revoked serial in an old list is still used for this answer).
  if (deps.cache && covers(read.crl, deps.now)) store(deps.cache.crl, url, entry, deps.cache.maxCrlEntries);
  if (problem) return { via: 'CRL', url, outcome: problem, detail: describe(answer) };
  return { ...answer, status: answer.status as 'good' | 'revoked', url, cached: false };
}

/** The cached answer for `leaf`, recorded in `contacted` as a cached request. */
function fromCache(
  leaf: CertInfo,
  issuer: CertInfo,
  urls: { ocsp: string[]; crl: string[] },
  deps: OnlineDeps,
): OnlineAnswer | undefined {
  const cache = deps.cache;
  if (!cache) return undefined;
  const now = deps.now.getTime();
  const o = cached(cache.ocsp, ocspKey(issuer.sha256, leaf.serialHex), now);
  if (o && urls.ocsp.includes(o.url)) {
    const a: StatusAnswer = {
      via: 'OCSP',
      status: o.status.status,
      thisUpdate: o.status.thisUpdate,
      producedAt: o.status.producedAt,
    };
    if (o.status.nextUpdate) a.nextUpdate = o.status.nextUpdate;
    if (o.status.revokedAt) a.revokedAt = o.status.revokedAt;
    if (o.status.responder) a.responder = o.status.responder;
    if (o.status.archiveCutoff) a.keptExpiredFrom = o.status.archiveCutoff;
    if (judge(a, leaf, deps.now) === undefined) {
      deps.contacted.push({ url: o.url, purpose: OCSP_PURPOSE, cached: true });
      return { ...a, status: a.status as 'good' | 'revoked', url: o.url, cached: true };
    }
  }
  for (const url of urls.crl) {
    const c = cached(cache.crl, url, now);
    if (!c || c.issuerSha256 !== issuer.sha256) continue;
    const a = fromCrl(c, leaf, issuer);
    if (judge(a, leaf, deps.now) !== undefined) continue;
    deps.contacted.push({ url, purpose: CRL_PURPOSE, cached: true });
    return { ...a, status: a.status as 'good' | 'revoked', url, cached: true };
  }
  return undefined;
}

/**
 * Asks for a fresh status of `leaf` (issued by `issuer`): a cached fresh answer, else each OCSP
 * responder, else each CRL distribution point, until one gives a usable answer. Never throws.
 */
export async function onlineStatus(
  leaf: CertInfo,
  issuer: CertInfo,
  deps: OnlineDeps,
): Promise<OnlineResult> {
  const urls = revocationUrls(leaf);
  const attempts: Attempt[] = [];
  const hit = fromCache(leaf, issuer, urls, deps);
  if (hit) return { answer: hit, attempts, urls };
  const sources: ['OCSP' | 'CRL', string][] = [
    ...urls.ocsp.map((u): ['OCSP', string] => ['OCSP', u]),
    ...urls.crl.map((u): ['CRL', string] => ['CRL', u]),
  ];
  for (const [via, url] of sources) {
    const got = await (
      via === 'OCSP' ? askOcsp(url, leaf, issuer, deps) : askCrl(url, leaf, issuer, deps)
    ).catch((error: unknown): Attempt => ({
      via,
      url,
      outcome: 'malformed',
      detail: error instanceof Error ? error.message : String(error),
    }));
    if ('outcome' in got) attempts.push(got);
    else return { answer: got, attempts, urls };
  }
  return { attempts, urls };
}
