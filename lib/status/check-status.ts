/**
 * The `status.<purpose>` checks (VC Data Model 2.0 §4.10 "Status"; Bitstring Status List 1.0
 * §3.2 "Validate Algorithm"; StatusList2021; 1EdTech Revocation List). The status list credential
 * is itself verified through the same engine. Fail closed: an unreachable or unverifiable list
 * makes the verdict `unverifiable` — never "not revoked" — unless a fresh cached copy exists.
 */
import type { Check } from '../model/report';
import type { RecordingFetch } from '../model/format';
import { cacheGet, cachePut, type DidCache } from '../did/cache';
import { asArray, idOf, isObj, parseJson, type Json } from '../did/json';
import { check } from '../formats/ob2/util';
import { decodeEncodedList, readStatus } from './bitstring';
import { revocationListCheck } from './revocation-list';

/** What status checking needs from the engine. */
export interface StatusDeps {
  fetch: RecordingFetch;
  now: Date;
  cache?: DidCache;
  /** Verifies a status list credential (same engine, one level deeper). */
  verifyList(doc: Json): Promise<{ ok: boolean; detail: string; issuer?: string }>;
  /** Whether a trust source vouches for an issuer other than the credential's (optional). */
  vouchedFor?(issuer: string): Promise<boolean>;
}

/** SECURITY: bounds the status entries followed per credential (each one costs a fetch and a verification). */
export const MAX_STATUS_ENTRIES = 4;
const LIST_TYPES = ['BitstringStatusListEntry', 'StatusList2021Entry'];
/** Every status method CredLens reads. */
const STATUS_METHODS = [...LIST_TYPES, '1EdTechRevocationList'];

const unverifiable = (id: string, code: string, message: string, detail: string): Check =>
  check.failed(id, code, 'unverifiable', message, detail);

async function loadList(
  url: string,
  deps: StatusDeps,
): Promise<{ doc: Json; cached: boolean } | { error: string }> {
  const key = `status:${url}`;
  const hit = cacheGet(deps.cache, key, deps.now.getTime());
  if (hit) return { doc: hit.document, cached: true };
  const res = await deps.fetch(url, 'status list');
  if (!res.ok) return { error: `${url}: ${res.status ? `HTTP ${res.status}` : res.code} ${res.message}` };
  const doc = parseJson(res.bytes);
  if (!isObj(doc)) return { error: `${url} did not return a JSON status list credential` };
  return { doc, cached: false };
}

/**
 * A status index or size: decimal digits only (Bitstring Status List §2.1: "a string
 * representation of an integer"); "1e1", "0x9", " 9" and "-1" are malformed, not numbers.
 * A JSON integer is accepted as the same value.
 */
export function decimal(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^[0-9]{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** The status list credential types a list must carry (Bitstring Status List §2.2; StatusList2021). */
const LIST_CREDENTIAL_TYPES = ['BitstringStatusListCredential', 'StatusList2021Credential'];

async function checkListEntry(
  id: string,
  entry: Json,
  issuer: string | undefined,
  deps: StatusDeps,
): Promise<Check> {
  const purpose = typeof entry.statusPurpose === 'string' ? entry.statusPurpose : undefined;
  const url = typeof entry.statusListCredential === 'string' ? entry.statusListCredential : undefined;
  const index = decimal(entry.statusListIndex);
  const size = entry.statusSize === undefined ? 1 : decimal(entry.statusSize);
  if (!url || index === undefined || size === undefined || size < 1 || purpose === undefined)
    return check.failed(
      id,
      'ERR_STATUS_ENTRY',
      'invalid',
      "The credential's status entry is malformed.",
      JSON.stringify(entry).slice(0, 300),
    );
  const loaded = await loadList(url, deps);
  if ('error' in loaded)
    return unverifiable(
      id,
      'ERR_STATUS_UNREACHABLE',
      `The issuer's ${purpose} list could not be fetched, so it is unknown whether this credential was ${purpose === 'suspension' ? 'suspended' : 'revoked'}.`,
      loaded.error,
    );
  const types = asArray(loaded.doc.type);
  if (!types.some((t) => typeof t === 'string' && LIST_CREDENTIAL_TYPES.includes(t)))
    return unverifiable(
      id,
      'ERR_STATUS_LIST_TYPE',
      `The issuer's ${purpose} list is not a status list credential, so it cannot be relied on.`,
      `${url}: type ${JSON.stringify(loaded.doc.type)}; expected one of ${LIST_CREDENTIAL_TYPES.join(', ')}.`,
    );
  if (loaded.doc.id !== undefined && loaded.doc.id !== url)
    return unverifiable(
      id,
      'ERR_STATUS_LIST_ID',
      `The ${purpose} list found at the credential's address says it is another list, so it cannot be relied on.`,
      `fetched ${url}; the list's id is ${JSON.stringify(loaded.doc.id).slice(0, 200)}.`,
    );
  const verified = await deps.verifyList(loaded.doc);
  if (!verified.ok)
    return unverifiable(
      id,
      'ERR_STATUS_LIST_UNVERIFIED',
      `The issuer's ${purpose} list could not be verified, so it cannot be relied on.`,
      `${url}: ${verified.detail}`,
    );
  if (!loaded.cached)
    cachePut(deps.cache, `status:${url}`, {
      document: loaded.doc,
      source: url,
      storedAt: deps.now.getTime(),
    });
  const subject = asArray(loaded.doc.credentialSubject).find(isObj);
  const listPurposes = asArray(subject?.statusPurpose);
  if (listPurposes.length > 0 && !listPurposes.includes(purpose))
    return unverifiable(
      id,
      'ERR_STATUS_PURPOSE',
      `The status list does not serve the purpose "${purpose}".`,
      `${url} statusPurpose ${JSON.stringify(subject?.statusPurpose)}`,
    );
  const bits =
    typeof subject?.encodedList === 'string'
      ? await decodeEncodedList(subject.encodedList)
      : { ok: false as const, reason: 'no encodedList' };
  if (!bits.ok)
    return unverifiable(
      id,
      'ERR_STATUS_LIST_MALFORMED',
      'The status list is damaged.',
      `${url}: ${bits.reason}`,
    );
  const value = readStatus(bits.bytes, index, size);
  if (value === undefined)
    return unverifiable(
      id,
      'ERR_STATUS_INDEX',
      'The credential points outside its status list.',
      `index ${index} × size ${size} beyond ${bits.bytes.length * 8} bits of ${url}`,
    );
  // Status is established only by the credential's own issuer (or an issuer the trust sources vouch for).
  if (!verified.issuer || !issuer || verified.issuer !== issuer)
    if (!(verified.issuer && (await deps.vouchedFor?.(verified.issuer))))
      return unverifiable(
        id,
        'ERR_STATUS_LIST_ISSUER',
        `The ${purpose} list is not published by the credential's issuer, so whether it was ${purpose === 'suspension' ? 'suspended' : 'revoked'} is not established.`,
        `${url} is issued by ${verified.issuer ?? '(no issuer)'}; the credential's issuer is ${issuer ?? '(none)'}.`,
      );
  const signer =
    verified.issuer !== issuer
      ? ` The list is issued by ${verified.issuer}, which a trust source vouches for.`
      : '';
  const detail = `${url} index ${index}${size > 1 ? ` (statusSize ${size})` : ''} = ${value}${loaded.cached ? ' (cached copy)' : ''}. ${verified.detail}${signer}`;
  const message = asArray(entry.statusMessage).find((m) => isObj(m) && Number(m.status) === value);
  const text = isObj(message) && typeof message.message === 'string' ? ` (${message.message})` : '';
  if (purpose === 'message' || size > 1)
    return value === 0
      ? check.passed(id, 'OK_STATUS_MESSAGE', `Status: ${value}${text}.`, detail)
      : check.warning(
          id,
          'WARN_STATUS_MESSAGE',
          `The issuer set a status on this credential: ${value}${text}.`,
          detail,
        );
  if (value === 0)
    return check.passed(
      id,
      'OK_STATUS',
      `Not ${purpose === 'suspension' ? 'suspended' : 'revoked'}: the issuer's ${purpose} list was checked.`,
      detail,
    );
  if (purpose === 'suspension')
    return check.failed(
      id,
      'ERR_STATUS_SUSPENDED',
      'revoked',
      'The issuer has suspended this credential.',
      detail,
    );
  if (purpose === 'revocation')
    return check.failed(
      id,
      'ERR_STATUS_REVOKED',
      'revoked',
      'The issuer has revoked this credential.',
      detail,
    );
  return check.warning(
    id,
    'WARN_STATUS_SET',
    `The issuer set the "${purpose}" status on this credential.`,
    detail,
  );
}

/** Checks every status entry of a credential. Never throws. */
export async function checkStatus(vc: Json, deps: StatusDeps): Promise<Check[]> {
  const entries = asArray(vc.credentialStatus).filter(isObj);
  if (entries.length === 0)
    return [
      check.passed(
        'status.revocation',
        'OK_STATUS_NONE',
        'The issuer publishes no revocation status for this credential.',
        'No credentialStatus.',
      ),
    ];
  const issuer = idOf(vc.issuer);
  const out: Check[] = [];
  const seen = new Map<string, number>();
  for (const entry of entries.slice(0, MAX_STATUS_ENTRIES)) {
    const types = asArray(entry.type).filter((t): t is string => typeof t === 'string');
    // SECURITY: a status type the signature does not cover (1EdTechRevocationList under contexts
    // that do not define it) written next to a signed one would switch the method: an entry naming
    // two methods is not read at all.
    const methods = types.filter((t) => STATUS_METHODS.includes(t));
    if (methods.length > 1) {
      out.push(
        unverifiable(
          'status.revocation',
          'ERR_STATUS_TYPE_AMBIGUOUS',
          'The credential names more than one status method for one entry, so its status cannot be read.',
          `types ${JSON.stringify(types)}`,
        ),
      );
      continue;
    }
    const type = methods[0] ?? types[0] ?? '(no type)';
    const purpose =
      type === '1EdTechRevocationList'
        ? 'revocation'
        : typeof entry.statusPurpose === 'string'
          ? entry.statusPurpose
          : 'status';
    const n = (seen.get(purpose) ?? 0) + 1;
    seen.set(purpose, n);
    const id = `status.${purpose}${n > 1 ? `.${n}` : ''}`;
    if (LIST_TYPES.includes(type)) out.push(await checkListEntry(id, entry, issuer, deps));
    else if (type === '1EdTechRevocationList' && typeof entry.id === 'string') {
      out.push(
        await revocationListCheck(id, entry.id, typeof vc.id === 'string' ? vc.id : undefined, deps.fetch),
      );
    } else
      out.push(
        unverifiable(
          id,
          'ERR_STATUS_TYPE',
          `The credential uses a status method CredLens does not support ("${type}").`,
          JSON.stringify(entry).slice(0, 300),
        ),
      );
  }
  if (entries.length > MAX_STATUS_ENTRIES)
    out.push(
      unverifiable(
        'status.more',
        'ERR_STATUS_TOO_MANY',
        'The credential has more status entries than CredLens follows.',
        `${entries.length} > ${MAX_STATUS_ENTRIES}`,
      ),
    );
  return out;
}
