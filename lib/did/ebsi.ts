/**
 * did:ebsi resolution through the EBSI DID Registry API v5
 * (`GET {base}/did-registry/v5/identifiers/{did}`; EBSI DID method spec: legal-entity DIDs are
 * `did:ebsi:z` + base58btc of 17 bytes (version 0x01 + 16 random)). The registry is the authority;
 * the document must describe the DID asked for. Never throws.
 */
import type { RecordingFetch } from '../model/format';
import { isObj, parseJson, type Json } from './json';

/** EBSI pilot network (production-like); conformance/test networks are configurable. */
export const EBSI_DEFAULT_BASE = 'https://api-pilot.ebsi.eu';

/** SECURITY: a legal-entity did:ebsi is short; anything else is refused before it reaches a URL. */
const DID_EBSI = /^did:ebsi:z[1-9A-HJ-NP-Za-km-z]{16,60}$/;

export type EbsiResolution =
  | { ok: true; id: string; document: Json; source: string }
  | { ok: false; id: string; code: 'ERR_DID_MALFORMED' | 'ERR_DID_UNREACHABLE' | 'ERR_DID_NOT_FOUND' | 'ERR_DID_DOCUMENT_INVALID' | 'ERR_DID_ID_MISMATCH'; reason: string; unreachable: boolean };

/** True when `id` is a syntactically valid did:ebsi legal-entity identifier. */
export function isDidEbsi(id: string): boolean {
  return DID_EBSI.test(id);
}

/** The DID Registry URL of a did:ebsi. */
export function didEbsiUrl(did: string, base = EBSI_DEFAULT_BASE): string {
  return `${base.replace(/\/+$/, '')}/did-registry/v5/identifiers/${encodeURIComponent(did)}`;
}

/** Resolves a did:ebsi to its DID document through the EBSI DID Registry. */
export async function resolveDidEbsi(did: string, fetch: RecordingFetch, base = EBSI_DEFAULT_BASE): Promise<EbsiResolution> {
  if (!isDidEbsi(did)) return { ok: false, id: did, code: 'ERR_DID_MALFORMED', reason: 'not a did:ebsi legal-entity identifier', unreachable: false };
  const url = didEbsiUrl(did, base);
  const res = await fetch(url, 'EBSI DID registry', { accept: 'application/did+ld+json, application/json;q=0.9' });
  if (!res.ok) {
    if (res.status === 404) return { ok: false, id: did, code: 'ERR_DID_NOT_FOUND', reason: `the EBSI DID registry does not know ${did}`, unreachable: false };
    return { ok: false, id: did, code: 'ERR_DID_UNREACHABLE', reason: `${url} could not be fetched (${res.status ? `HTTP ${res.status}` : res.code})`, unreachable: true };
  }
  const doc = parseJson(res.bytes);
  if (!isObj(doc)) return { ok: false, id: did, code: 'ERR_DID_DOCUMENT_INVALID', reason: `${url} did not return a JSON object`, unreachable: false };
  // SECURITY: the document must describe the DID asked for, or the registry answer is not about this issuer.
  if (doc['id'] !== did) return { ok: false, id: did, code: 'ERR_DID_ID_MISMATCH', reason: `${url} describes ${JSON.stringify(doc['id'])}, not ${did}`, unreachable: false };
  if (doc['verificationMethod'] !== undefined && !Array.isArray(doc['verificationMethod'])) {
    return { ok: false, id: did, code: 'ERR_DID_DOCUMENT_INVALID', reason: 'verificationMethod is not an array', unreachable: false };
  }
  return { ok: true, id: did, document: doc, source: res.finalUrl };
}
