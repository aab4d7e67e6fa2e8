/**
 * The administrator's managed policy (`storage.managed`, schema in public/managed-schema.json,
 * example in the README). Policy values win over the user's settings and cannot be changed on the
 * options page; policy allow/deny lists are a separate trust source labelled as policy.
 */
import { parseSignerCertificates } from '../trust/eu/signers';
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
