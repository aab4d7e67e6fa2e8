/**
 * Credentials embedded in a page or file as text: JSON-LD in `<script>` blocks, JSON
 * files, and compact JWS/JWT (VC-JWT, OB 2.0 signed assertions) anywhere in text.
 * Only objects that are credentials count (schema.org metadata does not).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { CANDIDATE_LIMITS, type Candidate } from './candidate';
import { findJws } from './signals';

/** Types that make a JSON object a verifiable credential (or a presentation of some). */
const CREDENTIAL_TYPES = new Set([
  'VerifiableCredential',
  'VerifiablePresentation',
  'OpenBadgeCredential',
  'AchievementCredential',
  'EndorsementCredential',
  'ClrCredential',
  'EuropeanDigitalCredential',
  'Assertion',
]);

/** Context URLs of credential vocabularies. */
const CREDENTIAL_CONTEXT =
  /^https?:\/\/(?:www\.w3\.org\/(?:2018|ns)\/credentials|w3id\.org\/openbadges|purl\.imsglobal\.org\/spec\/(?:ob|clr)\/|openbadgespec\.org|data\.europa\.eu\/snb\/model\/context)/;

function typesOf(o: Record<string, unknown>): string[] {
  const t = o['type'] ?? o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** True when a parsed JSON value is a credential (VC, OB 2.0 assertion, EDC, presentation). */
export function isCredentialJson(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const types = typesOf(o);
  const ctx = o['@context'];
  const contexts = (Array.isArray(ctx) ? ctx : [ctx]).filter((x): x is string => typeof x === 'string');
  const vocab = contexts.some((c) => CREDENTIAL_CONTEXT.test(c));
  if (types.includes('Assertion')) return vocab || ('badge' in o && 'recipient' in o);
  if (types.some((t) => CREDENTIAL_TYPES.has(t))) return vocab || 'proof' in o || 'credentialSubject' in o;
  // A JWT payload: `vc` / `vp` claim (VC-JWT 1.1).
  return isCredentialJson(o['vc']) || isCredentialJson(o['vp']);
}

function decodeB64url(part: string): string | null {
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True when a compact JWS carries a credential in its payload. */
export function isCredentialJws(jws: string): boolean {
  const [, payload] = jws.split('.');
  if (payload === undefined || payload.length > CANDIDATE_LIMITS.maxContentLength) return false;
  const text = decodeB64url(payload);
  return text !== null && isCredentialJson(parseJson(text));
}

/** The key an embedded credential is known by: the page (without fragment) and a hash of the content. */
export function embeddedKey(pageUrl: string, content: string): string {
  const hash = bytesToHex(sha256(utf8ToBytes(content))).slice(0, 32);
  return `${pageUrl.split('#')[0] ?? ''}#credlens-embedded=${hash}`;
}

interface EmbedContext {
  pageUrl: string;
  where?: string;
  label?: string;
}

/**
 * An embedded candidate. `identity` is what the key hashes: the same credential written twice (two
 * scripts, or a script and a `@graph` item, spaced differently) is the same payload, so one key.
 */
function embedded(
  platform: 'json-ld' | 'jwt',
  content: string,
  ctx: EmbedContext,
  identity = content,
): Candidate {
  const c: Candidate = {
    kind: 'embedded',
    url: embeddedKey(ctx.pageUrl, identity),
    pageUrl: ctx.pageUrl,
    platform,
    content,
  };
  if (ctx.where !== undefined) c.where = ctx.where.slice(0, CANDIDATE_LIMITS.maxWhereLength);
  if (ctx.label !== undefined) c.label = ctx.label.slice(0, CANDIDATE_LIMITS.maxLabelLength);
  return c;
}

/**
 * Credentials in one JSON text (a `<script type="application/ld+json">` block or a file):
 * the object itself, each item of a top-level array or `@graph`. Bounded.
 */
export function classifyJsonText(text: string, ctx: EmbedContext): Candidate[] {
  if (text.length > CANDIDATE_LIMITS.maxContentLength) return [];
  const v = parseJson(text.trim());
  if (v === undefined) return [];
  // The key hashes the parsed value written without spacing (JSON.stringify): the same payload.
  if (isCredentialJson(v)) return [embedded('json-ld', text.trim(), ctx, JSON.stringify(v))];
  const items = Array.isArray(v)
    ? v
    : typeof v === 'object' && v !== null && Array.isArray((v as Record<string, unknown>)['@graph'])
      ? ((v as Record<string, unknown>)['@graph'] as unknown[])
      : [];
  return items
    .slice(0, 20)
    .filter(isCredentialJson)
    .map((item) => embedded('json-ld', JSON.stringify(item), ctx));
}

/** Credentials as compact JWS/JWT in free text (at most `max`). */
export function classifyJwsInText(text: string, ctx: EmbedContext, max = 10): Candidate[] {
  const out: Candidate[] = [];
  for (const jws of findJws(text, max * 5)) {
    if (out.length >= max) break;
    if (jws.length > CANDIDATE_LIMITS.maxContentLength || !isCredentialJws(jws)) continue;
    if (out.some((c) => c.content === jws)) continue;
    out.push(embedded('jwt', jws, ctx));
  }
  return out;
}

/** Classifies one embedded text as a whole: a JSON credential or a single compact JWS. */
export function classifyEmbeddedText(text: string, ctx: EmbedContext): Candidate | null {
  const t = text.trim();
  if (t.startsWith('{') || t.startsWith('[')) return classifyJsonText(t, ctx)[0] ?? null;
  if (/^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(t) && isCredentialJws(t))
    return embedded('jwt', t, ctx);
  return null;
}
