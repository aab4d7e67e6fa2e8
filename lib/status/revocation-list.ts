/**
 * 1EdTech Revocation List Status Method (OB 3.0 §"credentialStatus" with type
 * `1EdTechRevocationList`; 1EdTech VC Revocation List 1.0: GET the status `id` → a RevocationList
 * `{ id, issuer, revokedCredentials: [{ id, revocationReason? }] }`; the credential is revoked when
 * its id is listed). The list is unsigned: it counts because it is served from the URL the
 * issuer signed into the credential.
 */
import { asArray, isObj, parseJson } from '../did/json';
import type { RecordingFetch } from '../model/format';
import type { Check } from '../model/report';
import { check } from '../formats/ob2/util';

/** Result of looking a credential up in a 1EdTech revocation list. */
export type RevocationListResult =
  | { ok: true; revoked: boolean; reason?: string; url: string }
  | { ok: false; unreachable: boolean; detail: string; url: string };

/** Fetches the list and looks `credentialId` up. Never throws. */
export async function checkRevocationList(
  url: string,
  credentialId: string | undefined,
  fetch: RecordingFetch,
): Promise<RevocationListResult> {
  const res = await fetch(url, 'revocation list');
  if (!res.ok)
    return {
      ok: false,
      unreachable: true,
      url,
      detail: `${url}: ${res.status ? `HTTP ${res.status}` : res.code}`,
    };
  const list = parseJson(res.bytes);
  if (!isObj(list) || !Array.isArray(list.revokedCredentials))
    return {
      ok: false,
      unreachable: false,
      url,
      detail: `${url} is not a 1EdTech RevocationList (no revokedCredentials array)`,
    };
  if (!credentialId)
    return { ok: false, unreachable: false, url, detail: 'the credential has no id to look up' };
  for (const entry of asArray(list.revokedCredentials)) {
    if (isObj(entry) && entry.id === credentialId && entry.revoked !== false) {
      const out: RevocationListResult = { ok: true, revoked: true, url };
      if (typeof entry.revocationReason === 'string') out.reason = entry.revocationReason;
      return out;
    }
  }
  return { ok: true, revoked: false, url };
}

/** The `status.revocation` check for a 1EdTechRevocationList entry. Never throws. */
export async function revocationListCheck(
  id: string,
  url: string,
  credentialId: string | undefined,
  fetch: RecordingFetch,
): Promise<Check> {
  const r = await checkRevocationList(url, credentialId, fetch);
  if (!r.ok)
    return check.failed(
      id,
      r.unreachable ? 'ERR_STATUS_UNREACHABLE' : 'ERR_STATUS_LIST_MALFORMED',
      'unverifiable',
      "The issuer's revocation list could not be read, so it is unknown whether this credential was revoked.",
      r.detail,
    );
  if (r.revoked)
    return check.failed(
      id,
      'ERR_STATUS_REVOKED',
      'revoked',
      `The issuer has revoked this credential${r.reason ? `: ${r.reason}` : '.'}`,
      r.url,
    );
  return check.passed(id, 'OK_STATUS', "Not revoked: the issuer's revocation list was checked.", r.url);
}
