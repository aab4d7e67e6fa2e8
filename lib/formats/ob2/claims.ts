/**
 * Recognition of Open Badges 2.0 and 1.x payloads (OB 2.0 §"JSON-LD" contexts; OB 1.0 assertions
 * with `verify: {type, url}`; OB 0.5 assertions with an embedded `badge.issuer.origin`; baked images
 * whose `openbadges` chunk holds a URL). Cheap and side-effect free.
 */
import type { Acquired } from '../../model/format';
import { acquiredFetchFailure } from './hosted';
import { parseJsonBytes } from './load-graph';
import { decodeJws } from './signed';
import { asArray, isObj, type Json } from './util';

/** Which Open Badges shape a payload has. */
export type ObKind = 'ob2' | 'ob1' | 'ob05';

const OB_NAMESPACES = [
  'https://w3id.org/openbadges',
  'http://w3id.org/openbadges',
  'https://openbadgespec.org/',
  'http://openbadgespec.org/',
];

function contextKind(ctx: unknown): ObKind | undefined {
  for (const c of asArray(ctx)) {
    if (typeof c === 'string') {
      if (/^https?:\/\/w3id\.org\/openbadges\/v1\/?$/.test(c)) return 'ob1';
      if (OB_NAMESPACES.some((ns) => c.startsWith(ns))) return 'ob2';
    } else if (isObj(c) && Object.values(c).some((v) => v === 'https://w3id.org/openbadges#')) {
      return 'ob2';
    }
  }
  return undefined;
}

/** Classifies a parsed JSON value; undefined when it is not an Open Badge object. */
export function classifyJson(value: unknown): ObKind | undefined {
  if (!isObj(value)) return undefined;
  if (value['@context'] !== undefined) return contextKind(value['@context']);
  const v: Json = value;
  if (isObj(v.badge) && isObj(v.badge.issuer) && typeof v.badge.issuer.origin === 'string') return 'ob05';
  if (isObj(v.verify) && typeof v.verify.url === 'string') return 'ob1';
  if (typeof v.uid === 'string' && typeof v.badge === 'string' && v.recipient !== undefined) return 'ob1';
  return undefined;
}

/** Classifies an acquired payload (JSON, JWS, or a baked URL). */
export function classify(acquired: Acquired): ObKind | 'url' | undefined {
  const p = acquired.payload;
  if (p.type === 'json') return classifyJson(p.value);
  if (p.type === 'jws') return classifyJson(decodeJws(p.token)?.payload);
  // A URL is ours when it came out of a baked `openbadges` chunk/element, or when its fetch
  // failed with an Open Badges body (410 Gone with the revoked assertion).
  if (acquired.container === 'png' || acquired.container === 'svg') return 'url';
  const fail = acquiredFetchFailure(acquired);
  if (fail?.bytes && classifyJson(parseJsonBytes(fail.bytes))) return 'url';
  return undefined;
}
