/**
 * Digital Credentials Consortium issuer registries (https://github.com/digitalcredentials/
 * dcc-known-registries): the `dcc-legacy` JSON form `{meta:{created,updated}, registry:{<DID>:
 * {name, location, url}}}` and the OpenID Federation form (OpenID Federation 1.0 §3 entity
 * statements: a trust anchor's Entity Configuration with `jwks` and
 * `federation_fetch_endpoint`; a subordinate statement `GET <fetch>?sub=<DID>` signed by the anchor).
 * Order = authority: the first registry naming a DID supplies its display name.
 */
import { compactVerify, importJWK, type JWK } from 'jose';
import type { TrustHit } from '../model/report';
import { decodeJwtPart, isObject, MAX_FIELD, parseJsonBounded, sha256Hex, str } from './json-guard';
import type { RefreshOutcome } from './source-state';
import { normaliseIssuerId, type TrustSource } from './source';

/** SECURITY: bounds on a registry; a huge file must not stall the worker. */
const MAX_ENTRIES = 20_000;

export interface DccEntry {
  did: string;
  name: string;
  location?: string;
  url?: string;
}

/** Compact, validated form of a legacy registry. */
export interface DccLegacyData {
  updated?: string;
  entries: DccEntry[];
}

/** Parses a `dcc-legacy` registry.json from untrusted bytes or JSON; never throws. */
export function parseDccLegacyRegistry(input: unknown): { ok: true; data: DccLegacyData } | { ok: false; error: string } {
  const parsed = input instanceof Uint8Array || typeof input === 'string' ? parseJsonBounded(input) : { ok: true as const, value: input };
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isObject(doc) || !isObject(doc['registry'])) return { ok: false, error: 'not a DCC registry: no "registry" object' };
  const raw = Object.entries(doc['registry']);
  if (raw.length > MAX_ENTRIES) return { ok: false, error: `more than ${MAX_ENTRIES} entries` };
  const entries: DccEntry[] = [];
  for (const [did, v] of raw) {
    // Keys are issuer DIDs (or URLs); anything else is ignored rather than trusted.
    if (did.length > MAX_FIELD || !/^(did:[a-z0-9]+:|https:\/\/)/.test(did) || !isObject(v)) continue;
    const name = str(v['name']);
    if (name === undefined) continue;
    const e: DccEntry = { did, name };
    const location = str(v['location']);
    const url = str(v['url']);
    if (location !== undefined) e.location = location;
    if (url !== undefined && /^https?:\/\//.test(url)) e.url = url;
    entries.push(e);
  }
  const meta = isObject(doc['meta']) ? doc['meta'] : {};
  const updated = str(meta['updated'], 64);
  return { ok: true, data: updated === undefined ? { entries } : { updated, entries } };
}

/** Turns fetched bytes into a refresh outcome (GitHub Pages serves no signature: "unsigned"). */
export async function refreshDccLegacy(bytes: Uint8Array, url: string): Promise<RefreshOutcome<DccLegacyData>> {
  const parsed = parseDccLegacyRegistry(bytes);
  if (!parsed.ok) return { kind: 'rejected', reason: `${url}: ${parsed.error}` };
  const hash = (await sha256Hex(new TextDecoder().decode(bytes))).slice(0, 12);
  return {
    kind: 'updated',
    data: parsed.data,
    version: parsed.data.updated ? `${parsed.data.updated.slice(0, 10)} #${hash}` : `#${hash}`,
    signature: { status: 'unsigned', detail: `The registry is a plain JSON file served over HTTPS from ${hostOf(url)}; it carries no signature of its own.` },
  };
}

/** A trust source over a legacy registry: every listed DID is an allow hit. */
export function createDccLegacySource(data: DccLegacyData, meta: { id: string; label: string; stale?: boolean }): TrustSource {
  const index = new Map(data.entries.map((e) => [normaliseIssuerId(e.did), e]));
  return {
    id: meta.id,
    label: meta.label,
    lookup(ids) {
      const hits: TrustHit[] = [];
      for (const id of new Set(ids.map(normaliseIssuerId))) {
        const e = index.get(id);
        if (e === undefined) continue;
        hits.push({
          sourceId: meta.id,
          sourceLabel: meta.label,
          list: 'allow',
          entryId: e.did,
          entryName: e.name,
          kind: 'registry',
          ...(meta.stale ? { stale: true } : {}),
        });
      }
      return hits;
    },
  };
}

// ---- OpenID Federation form ----

/** Algorithms accepted on entity statements. SECURITY: never `none` or HMAC (HS256 tokens are forgeable by anyone holding the "key"). */
const OIDF_ALGS = new Set(['ES256', 'ES384', 'ES512', 'EdDSA', 'RS256', 'PS256']);

export interface EntityStatement {
  iss: string;
  sub: string;
  iat?: number;
  exp: number;
  jwks?: JWK[];
  organizationName?: string;
  legalName?: string;
  homepage?: string;
  fetchEndpoint?: string;
  listEndpoint?: string;
}

export type StatementResult = { ok: true; statement: EntityStatement } | { ok: false; error: string };

function readStatement(payload: Record<string, unknown>): StatementResult {
  const iss = str(payload['iss']);
  const sub = str(payload['sub']);
  const exp = payload['exp'];
  if (iss === undefined || sub === undefined) return { ok: false, error: 'the statement has no iss/sub' };
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { ok: false, error: 'the statement has no expiry (exp)' };
  const md = isObject(payload['metadata']) ? payload['metadata'] : {};
  const fe = isObject(md['federation_entity']) ? md['federation_entity'] : {};
  const extra = isObject(md['institution_additional_information']) ? md['institution_additional_information'] : {};
  const s: EntityStatement = { iss, sub, exp };
  if (typeof payload['iat'] === 'number') s.iat = payload['iat'];
  const keys = isObject(payload['jwks']) && Array.isArray(payload['jwks']['keys']) ? payload['jwks']['keys'].filter(isObject).slice(0, 20) : undefined;
  if (keys !== undefined) s.jwks = keys as JWK[];
  const put = (k: 'organizationName' | 'legalName' | 'homepage' | 'fetchEndpoint' | 'listEndpoint', v: string | undefined) => {
    if (v !== undefined) s[k] = v;
  };
  put('organizationName', str(fe['organization_name']));
  put('legalName', str(extra['legal_name']));
  put('homepage', str(fe['homepage_uri']));
  put('fetchEndpoint', str(fe['federation_fetch_endpoint']));
  put('listEndpoint', str(fe['federation_list_endpoint']));
  return { ok: true, statement: s };
}

/**
 * Verifies an entity statement JWT. `keys` are the keys allowed to sign it; for a trust anchor's
 * own Entity Configuration pass `'self'` (its authority then comes from the configured anchor URL,
 * fetched over HTTPS, and from pinning its keys on first use). Checks typ, alg, signature, exp,
 * and the expected iss/sub. Never throws.
 */
export async function verifyEntityStatement(
  jwt: string,
  opts: { keys: JWK[] | 'self'; now: Date; iss?: string; sub?: string },
): Promise<StatementResult> {
  const token = jwt.trim();
  if (token.length > 256 * 1024) return { ok: false, error: 'the statement is too large' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, error: 'not a compact JWS' };
  const header = decodeJwtPart(parts[0]);
  const payload = decodeJwtPart(parts[1]);
  if (header === undefined || payload === undefined) return { ok: false, error: 'the statement cannot be decoded' };
  if (header['typ'] !== 'entity-statement+jwt') return { ok: false, error: `wrong type "${String(header['typ'])}" (expected entity-statement+jwt)` };
  const alg = str(header['alg'], 16);
  if (alg === undefined || !OIDF_ALGS.has(alg)) return { ok: false, error: `algorithm ${String(header['alg'])} is not accepted` };
  const read = readStatement(payload);
  if (!read.ok) return read;
  const st = read.statement;
  const keys = opts.keys === 'self' ? (st.jwks ?? []) : opts.keys;
  const kid = str(header['kid'], 256);
  const candidates = keys.filter((k) => kid === undefined || k.kid === undefined || k.kid === kid);
  let verified = false;
  for (const jwk of candidates) {
    try {
      const key = await importJWK(jwk, alg);
      await compactVerify(token, key, { algorithms: [alg] });
      verified = true;
      break;
    } catch {
      // try the next key
    }
  }
  if (!verified) return { ok: false, error: candidates.length === 0 ? `no key ${kid ?? ''} to check the signature` : 'the signature does not verify' };
  if (opts.iss !== undefined && st.iss !== opts.iss) return { ok: false, error: `issued by ${st.iss}, expected ${opts.iss}` };
  if (opts.sub !== undefined && st.sub !== opts.sub) return { ok: false, error: `about ${st.sub}, expected ${opts.sub}` };
  if (st.exp * 1000 <= opts.now.getTime()) return { ok: false, error: `expired on ${new Date(st.exp * 1000).toISOString().slice(0, 10)}` };
  return { ok: true, statement: st };
}

/** Cached trust-anchor configuration of a federation registry. */
export interface OidfAnchorData {
  anchor: string;
  name?: string;
  fetchEndpoint: string;
  keys: JWK[];
  exp: number;
}

/**
 * Refresh of a federation registry: verifies the anchor's self-signed Entity Configuration.
 * SECURITY: when a previous copy pinned keys, the new configuration must be signed by one of
 * them (key rollover through the old key), so a hijacked host cannot swap in its own keys.
 */
export async function refreshOidfAnchor(jwt: string, anchorUrl: string, now: Date, pinned?: JWK[]): Promise<RefreshOutcome<OidfAnchorData>> {
  const self = await verifyEntityStatement(jwt, { keys: 'self', now });
  if (!self.ok) return { kind: 'rejected', reason: `trust anchor configuration at ${anchorUrl}: ${self.error}` };
  const st = self.statement;
  if (st.iss !== st.sub) return { kind: 'rejected', reason: 'the trust anchor configuration is not self-issued (iss ≠ sub)' };
  const expectedSub = anchorUrl.replace(/\/\.well-known\/openid-federation$/, '');
  if (st.sub !== expectedSub) return { kind: 'rejected', reason: `the configuration names ${st.sub}, not ${expectedSub}` };
  if (pinned !== undefined && pinned.length > 0) {
    const byPinned = await verifyEntityStatement(jwt, { keys: pinned, now });
    if (!byPinned.ok) return { kind: 'rejected', reason: 'the trust anchor configuration is not signed by the key CredLens saw before (possible takeover); the previous copy is kept' };
  }
  if (st.fetchEndpoint === undefined || !st.fetchEndpoint.startsWith('https://')) return { kind: 'rejected', reason: 'the trust anchor names no https federation_fetch_endpoint' };
  const data: OidfAnchorData = { anchor: st.sub, fetchEndpoint: st.fetchEndpoint, keys: st.jwks ?? [], exp: st.exp };
  const name = st.organizationName ?? st.legalName;
  if (name !== undefined) data.name = name;
  return {
    kind: 'updated',
    data,
    version: `iat ${st.iat === undefined ? '?' : new Date(st.iat * 1000).toISOString().slice(0, 16)}Z`,
    expiresAt: new Date(st.exp * 1000).toISOString(),
    signature: { status: 'verified', detail: `Entity Configuration signed by the anchor's own key${pinned?.length ? ' (matches the pinned key)' : ''}.` },
  };
}

/** The fetch URL for one subject: `<fetch_endpoint>?sub=<DID>` (OpenID Federation 1.0 §8.1.1). */
export function oidfFetchUrl(anchor: OidfAnchorData, sub: string): string | undefined {
  try {
    const u = new URL(anchor.fetchEndpoint);
    u.searchParams.set('sub', sub);
    return u.href;
  } catch {
    return undefined;
  }
}

/** Checks a subordinate statement for `sub` against the anchor's keys; an allow hit when registered. */
export async function checkOidfSubordinate(
  jwt: string,
  anchor: OidfAnchorData,
  sub: string,
  meta: { id: string; label: string },
  now: Date,
): Promise<{ ok: true; hit: TrustHit } | { ok: false; error: string }> {
  const r = await verifyEntityStatement(jwt, { keys: anchor.keys, now, iss: anchor.anchor, sub });
  if (!r.ok) return r;
  const name = r.statement.organizationName ?? r.statement.legalName;
  return {
    ok: true,
    hit: {
      sourceId: meta.id,
      sourceLabel: meta.label,
      list: 'allow',
      entryId: sub,
      ...(name === undefined ? {} : { entryName: name }),
      kind: 'registry',
      evidence: `Registered with ${anchor.name ?? anchor.anchor} (OpenID Federation statement signed by the trust anchor, valid until ${new Date(r.statement.exp * 1000).toISOString().slice(0, 10)}).`,
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One entry of known-did-registries.json. */
export interface KnownRegistry {
  name: string;
  type: 'dcc-legacy' | 'oidf';
  url: string;
  governanceUrl?: string;
}

/** Parses DCC's known-did-registries.json (older copies use `fetchEndpoint` for oidf entries). */
export function parseKnownRegistries(input: unknown): KnownRegistry[] {
  const parsed = input instanceof Uint8Array || typeof input === 'string' ? parseJsonBounded(input, 256 * 1024) : { ok: true as const, value: input };
  if (!parsed.ok || !Array.isArray(parsed.value)) return [];
  const out: KnownRegistry[] = [];
  for (const item of parsed.value.slice(0, 100)) {
    if (!isObject(item)) continue;
    const name = str(item['name'], 200);
    const type = item['type'];
    const url = type === 'dcc-legacy' ? str(item['url']) : str(item['trustAnchorEC']);
    if (name === undefined || (type !== 'dcc-legacy' && type !== 'oidf') || url === undefined || !url.startsWith('https://')) continue;
    const gov = str(item['governanceUrl']);
    out.push({ name, type, url, ...(gov === undefined ? {} : { governanceUrl: gov }) });
  }
  return out;
}
