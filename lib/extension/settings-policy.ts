/**
 * The administrator's managed policy (`storage.managed`, schema in public/managed-schema.json,
 * example in the README). Policy values win over the user's settings and cannot be changed on the
 * options page; policy allow/deny lists are a separate trust source labelled as policy.
 */
import type { OrgListEntry } from '../trust/org-list';

/** The user's settings (storage.local `settings`). */
export interface UserSettings {
  /** Verify credentials as soon as they are found (true) or only when the popup is opened (false). */
  autoVerify: boolean;
  /** Ask online registries (EBSI TIR, federation fetch endpoints) while verifying. */
  onlineRegistries: boolean;
  /** Refresh trust sources in the background when they are missing or out of date. */
  autoRefresh: boolean;
  /** Per-source switches (SOURCE_CATALOG ids); absent means the source's default. */
  sources: Record<string, boolean>;
  /** Where a DEQAR snapshot is refreshed from (https). */
  deqarSnapshotUrl?: string;
  /** Where the EU List of Trusted Lists is fetched from (https; default the Commission's address). */
  euLotlUrl?: string;
  /**
   * Certificates (base64 DER) that replace the shipped LOTL signing certificates: for when the
   * Official Journal announces new ones before a CredLens update, or an organisation's own LOTL.
   */
  euLotlSigners?: string[];
}

export const DEFAULT_SETTINGS: UserSettings = { autoVerify: true, onlineRegistries: true, autoRefresh: true, sources: {} };

export interface ManagedPolicy {
  allow: OrgListEntry[];
  deny: OrgListEntry[];
  /** When true, the user's own allow/deny lists are ignored and cannot be edited. */
  lockOwnLists: boolean;
  settings: Partial<UserSettings>;
}

export type SettingKey = keyof UserSettings | `sources.${string}` | 'ownLists';

const MAX_POLICY_ENTRIES = 10_000;

function entries(v: unknown, errors: string[], key: string): OrgListEntry[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    errors.push(`${key} must be an array`);
    return [];
  }
  return v.slice(0, MAX_POLICY_ENTRIES).flatMap((x, i) => {
    const id = typeof x === 'object' && x !== null ? (x as { id?: unknown }).id : undefined;
    const name = typeof x === 'object' && x !== null ? (x as { name?: unknown }).name : undefined;
    if (typeof id !== 'string' || id.trim() === '' || id.length > 2048) {
      errors.push(`${key}[${i}].id must be an issuer URL or DID`);
      return [];
    }
    return [typeof name === 'string' ? { id: id.trim(), name: name.slice(0, 300) } : { id: id.trim() }];
  });
}

/** At most this many LOTL signing certificates, each at most this long (base64). */
const MAX_SIGNERS = 20;
const MAX_CERT_B64 = 16_384;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads LOTL signing certificates as an administrator or the Official Journal gives them: PEM
 * blocks, bare base64 DER (one per line), or a CredLens pin file (`{"certificates":[{"der"}]}`).
 * Checks the form only (base64 of a DER SEQUENCE); the list signature check uses them as given.
 */
export function parseSignerCertificates(v: unknown): { ok: true; certs: string[] } | { ok: false; error: string } {
  let items: unknown[] = [];
  if (Array.isArray(v)) items = v;
  else if (typeof v === 'string') {
    const text = v.trim();
    if (text.startsWith('{')) {
      try {
        const doc = JSON.parse(text) as { certificates?: { der?: unknown }[] };
        items = Array.isArray(doc.certificates) ? doc.certificates.map((c) => c?.der) : [];
      } catch {
        return { ok: false, error: 'the text starts like JSON but is not valid JSON' };
      }
    } else {
      const pem = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => m[1] ?? '');
      items = pem.length > 0 ? pem : text.split(/\s*\n\s*/);
    }
  } else return { ok: false, error: 'expected certificates (PEM, base64 or a pin file)' };
  const certs = items
    .map((x) => (typeof x === 'string' ? x.replace(/\s+/g, '') : ''))
    .filter((x) => x !== '');
  if (certs.length === 0) return { ok: false, error: 'no certificate found' };
  if (certs.length > MAX_SIGNERS) return { ok: false, error: `at most ${MAX_SIGNERS} certificates` };
  for (const [i, c] of certs.entries()) {
    // A DER certificate is a SEQUENCE with a long-form length: base64 "MII…" (or "MI…" when short).
    if (c.length > MAX_CERT_B64 || !B64.test(c) || !c.startsWith('MI')) return { ok: false, error: `certificate ${i + 1} is not a base64 DER certificate` };
  }
  return { ok: true, certs };
}

function httpsUrl(v: unknown): string | undefined {
  return typeof v === 'string' && /^https:\/\/[^\s]{1,2000}$/.test(v) ? v : undefined;
}

/** Reads a managed policy from untrusted storage data; unknown keys are ignored, bad values reported. */
export function parseManagedPolicy(raw: Record<string, unknown>): { policy: ManagedPolicy; errors: string[] } {
  const errors: string[] = [];
  const settings: Partial<UserSettings> = {};
  for (const k of ['autoVerify', 'onlineRegistries', 'autoRefresh'] as const) {
    if (raw[k] === undefined) continue;
    if (typeof raw[k] === 'boolean') settings[k] = raw[k];
    else errors.push(`${k} must be true or false`);
  }
  if (raw['sources'] !== undefined) {
    const s = raw['sources'];
    if (typeof s === 'object' && s !== null && !Array.isArray(s)) {
      settings.sources = Object.fromEntries(Object.entries(s).filter((e): e is [string, boolean] => typeof e[1] === 'boolean').slice(0, 100));
    } else errors.push('sources must be an object of true/false switches');
  }
  if (raw['deqarSnapshotUrl'] !== undefined) {
    const u = httpsUrl(raw['deqarSnapshotUrl']);
    if (u === undefined) errors.push('deqarSnapshotUrl must be an https address');
    else settings.deqarSnapshotUrl = u;
  }
  if (raw['euLotlUrl'] !== undefined) {
    const u = httpsUrl(raw['euLotlUrl']);
    if (u === undefined) errors.push('euLotlUrl must be an https address');
    else settings.euLotlUrl = u;
  }
  if (raw['euLotlSigners'] !== undefined) {
    const c = parseSignerCertificates(raw['euLotlSigners']);
    if (!c.ok) errors.push(`euLotlSigners: ${c.error}`);
    else settings.euLotlSigners = c.certs;
  }
  return {
    policy: {
      allow: entries(raw['allow'], errors, 'allow'),
      deny: entries(raw['deny'], errors, 'deny'),
      lockOwnLists: raw['lockOwnLists'] === true,
      settings,
    },
    errors,
  };
}

/** Reads the user's settings from untrusted storage data, filling defaults. */
export function parseUserSettings(raw: unknown): UserSettings {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out: UserSettings = { ...DEFAULT_SETTINGS, sources: {} };
  for (const k of ['autoVerify', 'onlineRegistries', 'autoRefresh'] as const) if (typeof r[k] === 'boolean') out[k] = r[k];
  if (typeof r['sources'] === 'object' && r['sources'] !== null) {
    for (const [k, v] of Object.entries(r['sources'])) if (typeof v === 'boolean') out.sources[k] = v;
  }
  const u = httpsUrl(r['deqarSnapshotUrl']);
  if (u !== undefined) out.deqarSnapshotUrl = u;
  const lotl = httpsUrl(r['euLotlUrl']);
  if (lotl !== undefined) out.euLotlUrl = lotl;
  if (r['euLotlSigners'] !== undefined) {
    const c = parseSignerCertificates(r['euLotlSigners']);
    if (c.ok) out.euLotlSigners = c.certs;
  }
  return out;
}

/** The settings in force: every key the policy sets wins; `locked` names them for the options page. */
export function effectiveSettings(user: UserSettings, policy: ManagedPolicy | null): { settings: UserSettings; locked: Set<SettingKey> } {
  const locked = new Set<SettingKey>();
  if (policy === null) return { settings: user, locked };
  const p = policy.settings;
  const settings: UserSettings = { ...user, sources: { ...user.sources } };
  for (const k of ['autoVerify', 'onlineRegistries', 'autoRefresh'] as const) {
    const v = p[k];
    if (v !== undefined) {
      settings[k] = v;
      locked.add(k);
    }
  }
  for (const [id, on] of Object.entries(p.sources ?? {})) {
    settings.sources[id] = on;
    locked.add(`sources.${id}`);
  }
  for (const k of ['deqarSnapshotUrl', 'euLotlUrl'] as const) {
    const v = p[k];
    if (v !== undefined) {
      settings[k] = v;
      locked.add(k);
    }
  }
  if (p.euLotlSigners !== undefined) {
    settings.euLotlSigners = p.euLotlSigners;
    locked.add('euLotlSigners');
  }
  if (policy.lockOwnLists) locked.add('ownLists');
  return { settings, locked };
}
