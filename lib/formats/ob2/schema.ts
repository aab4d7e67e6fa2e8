/**
 * Required properties and value types of Open Badges 2.0 classes (OB 2.0 §"Assertion",
 * §"BadgeClass", §"Profile", §"IdentityObject", §"VerificationObject"; the rules mirror the
 * 1EdTech validator-core's property validation: data URIs only for BadgeClass/Profile images,
 * types must be OB classes or absolute IRIs).
 */
import { asArray, isHttpUrl, isObj, refId, str, types, type Json } from './util';

/** Classes defined by the OB v2 context (compacted term names). */
export const OB2_CLASSES = new Set([
  'Assertion',
  'BadgeClass',
  'Issuer',
  'Profile',
  'CryptographicKey',
  'RevocationList',
  'Endorsement',
  'AlignmentObject',
  'Criteria',
  'Evidence',
  'Extension',
  'IdentityObject',
  'Image',
  'HostedBadge',
  'hosted',
  'SignedBadge',
  'signed',
  'VerificationObject',
  'TypeValidation',
  'FrameValidation',
]);

function isIri(v: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(v);
}

/** Problems with a node's `type`: empty, or neither an OB class nor an absolute IRI. */
export function typeProblems(node: Json, path: string, expected?: readonly string[]): string[] {
  const t = types(node);
  if (t.length === 0) return [`${path}type is missing or empty`];
  const bad = t.filter((x) => !OB2_CLASSES.has(x) && !isIri(x));
  const out = bad.map((x) => `${path}type "${x}" is not an Open Badges class`);
  if (expected && !t.some((x) => expected.includes(x))) {
    out.push(`${path}type is ${JSON.stringify(t)}, expected ${expected.join(' or ')}`);
  }
  return out;
}

function iriOrDataProblems(value: unknown, path: string, allowData: boolean, required: boolean): string[] {
  const id = refId(value);
  if (id === undefined) return required ? [`${path} is missing`] : [];
  if (id.startsWith('data:'))
    return allowData ? [] : [`${path} must be a URL, not embedded data (data: URI)`];
  return isIri(id) ? [] : [`${path} "${id}" is not an absolute IRI`];
}

function requireText(node: Json, key: string, path: string): string[] {
  return str(node[key]) ? [] : [`${path}${key} is missing`];
}

/** Problems with an Assertion (compacted). */
export function assertionProblems(a: Json): string[] {
  const p: string[] = [...typeProblems(a, '', ['Assertion'])];
  const id = str(a.id);
  if (!id || !isIri(id)) p.push('id is missing or not an IRI');
  const r = a.recipient;
  if (!isObj(r)) p.push('recipient (IdentityObject) is missing');
  else {
    if (!str(r.identity)) p.push('recipient.identity is missing');
    if (!str(r.type)) p.push('recipient.type is missing');
    if (r.hashed !== undefined && typeof r.hashed !== 'boolean')
      p.push('recipient.hashed must be true or false');
  }
  if (a.badge === undefined) p.push('badge is missing');
  const v = a.verification;
  if (!isObj(v) || types(v).length === 0) p.push('verification (with a type) is missing');
  if (!str(a.issuedOn)) p.push('issuedOn is missing');
  p.push(...iriOrDataProblems(a.image, 'image', false, false));
  return p;
}

/** Problems with a BadgeClass (compacted). */
export function badgeClassProblems(b: Json, path = 'badge.'): string[] {
  const p: string[] = [...typeProblems(b, path, ['BadgeClass'])];
  if (!str(b.id)) p.push(`${path}id is missing`);
  p.push(...requireText(b, 'name', path), ...requireText(b, 'description', path));
  // The spec marks image required, but 1EdTech's validators accept BadgeClasses without one.
  p.push(...iriOrDataProblems(b.image, `${path}image`, true, false));
  if (b.criteria === undefined) p.push(`${path}criteria is missing`);
  if (b.issuer === undefined) p.push(`${path}issuer is missing`);
  for (const al of asArray(b.alignment)) {
    if (!isObj(al) || !str(al.targetName) || !refId(al.targetUrl))
      p.push(`${path}alignment needs targetName and targetUrl`);
  }
  return p;
}

/** Problems with an Issuer Profile (compacted). */
export function issuerProblems(i: Json, path = 'badge.issuer.'): string[] {
  const p: string[] = [...typeProblems(i, path, ['Issuer', 'Profile'])];
  if (!str(i.id)) p.push(`${path}id is missing`);
  p.push(...requireText(i, 'name', path));
  const url = refId(i.url);
  if (url !== undefined && !isIri(url)) p.push(`${path}url is not an absolute IRI`);
  p.push(...iriOrDataProblems(i.image, `${path}image`, true, false));
  return p;
}

/** True when an issuer id can be dereferenced (http/https). */
export function isHttpId(id: string | undefined): id is string {
  return isHttpUrl(id);
}
