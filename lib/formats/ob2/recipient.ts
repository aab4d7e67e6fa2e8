/**
 * Recipient binding (OB 2.0 §"IdentityObject": `identity` is the plaintext value or
 * `<alg>$<hex>` of identity+salt, sha256 or md5; validator-core `verify_recipient_against_trusted_profile`).
 * E-mail comparison is case-insensitive: besides the address as typed, its lower-case form is
 * hashed (issuers such as edubadges lower-case before hashing), and hex digests compare
 * case-insensitively.
 */
import type { RecipientHint } from '../../model/env';
import type { Check } from '../../model/report';
import { md5Hex } from './md5';
import { check } from './util';

/** The recipient as an assertion states it (OB 2.0 IdentityObject, or OB 0.5 string + salt). */
export interface Recipient {
  type: string;
  identity: string;
  hashed: boolean;
  salt?: string;
}

/** How the learner is identified, in plain words ("hashed e-mail", "e-mail a@b.c"). */
export function describeRecipient(r: Recipient): string {
  const kind =
    r.type === 'email'
      ? 'e-mail'
      : r.type === 'url'
        ? 'web address'
        : r.type === 'telephone'
          ? 'telephone number'
          : r.type;
  return r.hashed ? `hashed ${kind}` : `${kind} ${r.identity}`;
}

/** True when `identity` looks hashed (`sha256$` / `md5$`). */
export function looksHashed(identity: string): boolean {
  return /^(sha256|md5)\$[0-9a-f]+$/i.test(identity);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function hashWith(alg: string, value: string): Promise<string | undefined> {
  if (alg === 'sha256') return sha256Hex(value);
  if (alg === 'md5') return md5Hex(value);
  return undefined;
}

/** Does one hint match the recipient? */
export async function matchesRecipient(r: Recipient, hint: RecipientHint): Promise<boolean> {
  if (hint.type !== r.type) return false;
  const raw = hint.value.trim();
  const variants = r.type === 'email' ? [...new Set([raw, raw.toLowerCase()])] : [raw];
  if (!r.hashed) {
    return variants.some((v) =>
      r.type === 'email' ? v.toLowerCase() === r.identity.trim().toLowerCase() : v === r.identity.trim(),
    );
  }
  const m = /^([a-z0-9]+)\$([0-9a-f]+)$/i.exec(r.identity.trim());
  if (!m) return false;
  const alg = (m[1] ?? '').toLowerCase();
  const want = (m[2] ?? '').toLowerCase();
  for (const v of variants) {
    if ((await hashWith(alg, v + (r.salt ?? ''))) === want) return true;
  }
  return false;
}

/** The recipient.match check against the hints the user gave. */
export async function checkRecipient(
  r: Recipient | undefined,
  hints: readonly RecipientHint[],
): Promise<Check> {
  if (!r)
    return check.skipped(
      'recipient.match',
      'The badge names no recipient that could be compared.',
      'format.schema',
    );
  const what = describeRecipient(r);
  if (r.hashed && !/^(sha256|md5)\$/i.test(r.identity)) {
    return check.warning(
      'recipient.match',
      'WARN_OB2_RECIPIENT_HASH_UNKNOWN',
      `The recipient is stored as a ${what} in a form CredLens cannot compare.`,
      `identity ${r.identity.slice(0, 24)}…`,
    );
  }
  const relevant = hints.filter((h) => h.type === r.type);
  if (hints.length === 0 || relevant.length === 0) {
    const ask =
      r.type === 'email'
        ? "Enter the candidate's e-mail address to check that it was awarded to them."
        : `Enter the candidate's ${what.replace(/^hashed /, '')} to check it.`;
    return check.skipped('recipient.match', `The badge identifies its recipient by ${what}. ${ask}`);
  }
  for (const h of relevant) {
    if (await matchesRecipient(r, h)) {
      return check.passed(
        'recipient.match',
        'OK_OB2_RECIPIENT',
        `The badge was awarded to ${h.value.trim()}.`,
        `Matched the ${what}${r.salt !== undefined ? ' (salted)' : ''}.`,
      );
    }
  }
  // Decision: no verdict impact — the badge itself stays authentic; the UI shows this failure.
  return {
    id: 'recipient.match',
    status: 'failed',
    code: 'ERR_OB2_RECIPIENT_MISMATCH',
    message: `This badge was not awarded to ${relevant.map((h) => h.value.trim()).join(' or ')}.`,
    detail: `None of the given ${r.type} values matches the badge's ${what}.`,
  };
}
