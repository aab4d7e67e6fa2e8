/**
 * EBSI Trusted Issuers Registry v5 (`GET {base}/trusted-issuers-registry/v5/issuers/{did}` →
 * `{did, attributes[{hash, body, issuerType, tao, rootTao}]}`; errors RFC 7807). An issuer is
 * accredited when an attribute has issuerType TI, TAO or RootTAO and its accreditation (the `body`
 * VC-JWT) names this DID and has not expired; `Revoked` is a deny. The registry is EBSI's
 * ledger-backed API reached over HTTPS: CredLens does not verify the accreditation's own signature
 * (that needs the accreditor's did:ebsi key and ES256K), and says so in the evidence.
 */
import { isDidEbsi, EBSI_DEFAULT_BASE } from '../did/ebsi';
import type { TrustLookupContext } from '../model/env';
import type { TrustHit } from '../model/report';
import { decodeJwtPart, isObject, parseJsonBounded, str } from './json-guard';
import type { TrustSource } from './source';

export type TirIssuerType = 'RootTAO' | 'TAO' | 'TI' | 'Revoked' | 'Undefined';

export interface TirAttribute {
  hash: string;
  issuerType: TirIssuerType;
  tao?: string;
  rootTao?: string;
  /** From the decoded body (unverified): accreditation types, subject, validity. */
  types: string[];
  subject?: string;
  accreditor?: string;
  notAfter?: string;
}

export interface TirIssuer {
  did: string;
  attributes: TirAttribute[];
}

const TYPES: readonly TirIssuerType[] = ['RootTAO', 'TAO', 'TI', 'Revoked', 'Undefined'];
const TYPE_WORDS: Record<TirIssuerType, string> = {
  RootTAO: 'Root Trusted Accreditation Organisation',
  TAO: 'Trusted Accreditation Organisation',
  TI: 'Trusted Issuer',
  Revoked: 'revoked issuer',
  Undefined: 'registered issuer without accreditation',
};

function issuerType(v: unknown): TirIssuerType {
  if (typeof v === 'number') return (['Undefined', 'RootTAO', 'TAO', 'TI', 'Revoked'] as const)[v] ?? 'Undefined';
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  return TYPES.find((t) => t.toLowerCase() === s) ?? 'Undefined';
}

function readBody(body: unknown): Pick<TirAttribute, 'types' | 'subject' | 'accreditor' | 'notAfter'> {
  const parts = typeof body === 'string' ? body.split('.') : [];
  const payload = parts.length === 3 ? decodeJwtPart(parts[1]) : undefined;
  if (payload === undefined) return { types: [] };
  const vc = isObject(payload['vc']) ? payload['vc'] : payload;
  const cs = isObject(vc['credentialSubject']) ? vc['credentialSubject'] : {};
  const out: ReturnType<typeof readBody> = {
    types: Array.isArray(vc['type']) ? vc['type'].filter((t): t is string => typeof t === 'string').slice(0, 10) : [],
  };
  const subject = str(payload['sub']) ?? str(cs['id']);
  const accreditor = str(payload['iss']) ?? str(vc['issuer']);
  const exp = typeof payload['exp'] === 'number' ? new Date(payload['exp'] * 1000).toISOString() : str(vc['expirationDate'], 40) ?? str(vc['validUntil'], 40);
  if (subject !== undefined) out.subject = subject;
  if (accreditor !== undefined) out.accreditor = accreditor;
  if (exp !== undefined && !Number.isNaN(Date.parse(exp))) out.notAfter = new Date(Date.parse(exp)).toISOString();
  return out;
}

/** Parses a TIR v5 issuer record (or a v3/v4 record of the same shape) from untrusted JSON. */
export function parseTirIssuer(input: unknown): { ok: true; issuer: TirIssuer } | { ok: false; error: string } {
  const parsed = input instanceof Uint8Array || typeof input === 'string' ? parseJsonBounded(input, 1024 * 1024) : { ok: true as const, value: input };
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isObject(doc)) return { ok: false, error: 'not a JSON object' };
  const did = str(doc['did']);
  if (did === undefined || !Array.isArray(doc['attributes'])) return { ok: false, error: 'not a TIR issuer record (no did/attributes)' };
  const attributes: TirAttribute[] = [];
  for (const a of doc['attributes'].slice(0, 50)) {
    if (!isObject(a)) continue;
    const hash = str(a['hash'], 200) ?? '';
    const attr: TirAttribute = { hash, issuerType: issuerType(a['issuerType']), ...readBody(a['body']) };
    const tao = str(a['tao']);
    const rootTao = str(a['rootTao']);
    if (tao !== undefined) attr.tao = tao;
    if (rootTao !== undefined) attr.rootTao = rootTao;
    attributes.push(attr);
  }
  return { ok: true, issuer: { did, attributes } };
}

/** Decides what the TIR record says about `did` at `now`: allow, deny or nothing, with evidence. */
export function judgeTirIssuer(issuer: TirIssuer, did: string, now: Date, meta: { id: string; label: string }): TrustHit | undefined {
  // SECURITY: the record must be about the DID asked for (a misrouted answer must not accredit another issuer).
  if (issuer.did !== did) return undefined;
  const revoked = issuer.attributes.find((a) => a.issuerType === 'Revoked');
  if (revoked) {
    return { sourceId: meta.id, sourceLabel: meta.label, list: 'deny', entryId: did, kind: 'ebsi-tir', evidence: `The EBSI Trusted Issuers Registry marks ${did} as revoked.` };
  }
  const nowIso = now.toISOString();
  const good = issuer.attributes.filter(
    (a) =>
      (a.issuerType === 'TI' || a.issuerType === 'TAO' || a.issuerType === 'RootTAO') &&
      (a.subject === undefined || a.subject === did) &&
      (a.notAfter === undefined || a.notAfter > nowIso),
  );
  const best = good[0];
  if (best === undefined) return undefined;
  const chain = [best.tao ? `accredited by ${best.tao}` : undefined, best.rootTao && best.rootTao !== best.tao ? `root ${best.rootTao}` : undefined].filter(Boolean).join(', ');
  const kind = best.types.filter((t) => t !== 'VerifiableCredential' && t !== 'VerifiableAttestation').join(', ');
  return {
    sourceId: meta.id,
    sourceLabel: meta.label,
    list: 'allow',
    entryId: did,
    entryName: TYPE_WORDS[best.issuerType],
    kind: 'ebsi-tir',
    evidence: `EBSI Trusted Issuers Registry lists ${did} as ${TYPE_WORDS[best.issuerType]}${chain ? ` (${chain})` : ''}${kind ? `; accreditation ${kind}` : ''}${best.notAfter ? ` valid until ${best.notAfter.slice(0, 10)}` : ''}. The accreditation's own signature was not checked by CredLens.`,
  };
}

/** The TIR issuer URL of a DID. */
export function tirIssuerUrl(did: string, base = EBSI_DEFAULT_BASE): string {
  return `${base.replace(/\/+$/, '')}/trusted-issuers-registry/v5/issuers/${encodeURIComponent(did)}`;
}

/**
 * The EBSI TIR as a trust source: asked online, only for did:ebsi issuers, through the
 * recording fetcher (so the report lists the request).
 */
export function createEbsiTirSource(opts: { base?: string; id?: string; label?: string } = {}): TrustSource {
  const base = opts.base ?? EBSI_DEFAULT_BASE;
  const meta = { id: opts.id ?? 'ebsi-tir', label: opts.label ?? `EBSI Trusted Issuers Registry (${new URL(base).host})` };
  return {
    ...meta,
    lookup: () => [],
    async lookupOnline(ids: readonly string[], ctx: TrustLookupContext) {
      const hits: TrustHit[] = [];
      const notes: string[] = [];
      for (const did of [...new Set(ids)].filter(isDidEbsi).slice(0, 3)) {
        const url = tirIssuerUrl(did, base);
        const res = await ctx.fetch(url, 'EBSI Trusted Issuers Registry');
        if (!res.ok) {
          notes.push(res.status === 404 ? `${did} is not in the EBSI Trusted Issuers Registry` : `the EBSI Trusted Issuers Registry could not be reached (${res.status ? `HTTP ${res.status}` : res.code})`);
          continue;
        }
        const parsed = parseTirIssuer(res.bytes);
        if (!parsed.ok) {
          notes.push(`the EBSI Trusted Issuers Registry answer was not usable: ${parsed.error}`);
          continue;
        }
        const hit = judgeTirIssuer(parsed.issuer, did, ctx.now, meta);
        if (hit) hits.push(hit);
        else notes.push(`the EBSI Trusted Issuers Registry has no current accreditation for ${did}`);
      }
      return { hits, notes };
    },
  };
}
