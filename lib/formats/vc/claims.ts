/**
 * Recognition of W3C Verifiable Credentials (VC Data Model 1.1 §4.1 / 2.0 §4.3 "Contexts": the
 * first context is the base context), Open Badges 3.0 (`OpenBadgeCredential` /
 * `AchievementCredential` / `EndorsementCredential`), CLR 2.0 (`ClrCredential`), as JSON-LD or as
 * VC-JWT (VC-JWT 1.1 `vc` claim; VC-JOSE-COSE 2.0 `vc+jwt` payload = the credential).
 * Cheap and side-effect free.
 */
import type { Acquired } from '../../model/format';
import { base64UrlDecode } from '../../did/multibase';
import { asArray, isObj, parseJson, typesOf, type Json } from './util';

/** The VC base contexts: v2 (VC DM 2.0) and v1 (VC DM 1.1). */
export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';

/** What kind of credential a document is. */
export type VcKind = 'ob3' | 'clr2' | 'endorsement' | 'vc';

/** True when a JSON value looks like a VC (base context or VerifiableCredential type). */
export function isVcJson(value: unknown): value is Json {
  if (!isObj(value)) return false;
  const first = asArray(value['@context'])[0];
  return first === VC_V2 || first === VC_V1 || typesOf(value).includes('VerifiableCredential');
}

/** The kind of a credential, from its types. */
export function vcKind(vc: Json): VcKind {
  const t = typesOf(vc);
  if (t.includes('ClrCredential')) return 'clr2';
  if (t.includes('EndorsementCredential')) return 'endorsement';
  if (t.includes('OpenBadgeCredential') || t.includes('AchievementCredential')) return 'ob3';
  return 'vc';
}

/** A decoded compact JWS: protected header and JSON payload (signature not checked). */
export interface DecodedJwt {
  header: Json;
  payload: Json;
}

/** Decodes a compact JWS whose header and payload are JSON objects; undefined otherwise. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const h = base64UrlDecode(parts[0] ?? '');
  const p = base64UrlDecode(parts[1] ?? '');
  const header = h ? parseJson(h) : undefined;
  const payload = p ? parseJson(p) : undefined;
  return isObj(header) && isObj(payload) ? { header, payload } : undefined;
}

/** The credential inside a JWT payload: the `vc` claim (VC-JWT 1.1) or the payload itself (VC-JOSE-COSE). */
export function jwtCredential(decoded: DecodedJwt): Json | undefined {
  const typ = decoded.header.typ;
  if (typ === 'vc+jwt' || typ === 'vc+ld+jwt') return isVcJson(decoded.payload) ? decoded.payload : undefined;
  if (isObj(decoded.payload.vc) && isVcJson(decoded.payload.vc)) return decoded.payload.vc;
  return isVcJson(decoded.payload) ? decoded.payload : undefined;
}

/** True when this module should verify the acquired payload. */
export function claimsVc(acquired: Acquired): boolean {
  const p = acquired.payload;
  if (p.type === 'json') return isVcJson(p.value);
  if (p.type === 'jws') {
    const d = decodeJwt(p.token);
    return !!d && jwtCredential(d) !== undefined;
  }
  return false;
}
