/**
 * One mdoc document (ISO/IEC 18013-5 §8.3.2.1.2.2 Document, §9.1.2.4 IssuerSigned): the issuer's
 * COSE_Sign1 over the Mobile Security Object, the digest of every disclosed IssuerSignedItem
 * against the MSO's valueDigests, the MSO's docType and validityInfo, the document signer's
 * certificate path, the MSO status reference, and what can be said about device authentication
 * from a file. Never throws.
 */
import type { VerifyContext } from '../../model/format';
import type { Check, TrustHit } from '../../model/report';
import { periodAt } from '../../trust/eu/decide';
import { bytesEqual, digest } from '../../x509/bytes';
import { displayName, parseCertificate, type CertInfo } from '../../x509/cert';
import { CLOCK_SKEW_MS } from '../ob2/validity';
import { parseAll, sealerChain } from '../edc/seal-chain';
import { check } from '../ob2/util';
import { Embedded, FullDate, TDate, decodeMdocCbor, get, realDate } from './cbor';
import { algName, readCoseSign1, verifyCoseSign1 } from './cose';
import { checkTokenStatus } from '../../status/token-status-list';

/** One disclosed data element. */
export interface MdocItem {
  namespace: string;
  name: string;
  value: unknown;
}

/** What one document gave. */
export interface DocumentOutcome {
  docType?: string;
  checks: Check[];
  level: 'A0' | 'A1' | 'A3';
  evidence: string[];
  items: MdocItem[];
  signer?: CertInfo;
  trustHits?: TrustHit[];
  validFrom?: string;
  validUntil?: string;
  signed?: string;
}

const HASHES: Readonly<Record<string, string>> = {
  'SHA-256': 'SHA-256',
  'SHA-384': 'SHA-384',
  'SHA-512': 'SHA-512',
};

/** IDs of the checks every document reports, in order (skipped when an earlier one blocks). */
const DOC_CHECKS = [
  'proof.signature',
  'proof.digests',
  'mdoc.doctype',
  'issuer.identity',
  'validity.window',
  'status.revocation',
  'proof.keyBinding',
] as const;

/** A message about the document: prefixed with its name when the response holds several. */
function say(who: string, text: string): string {
  return who ? `${who}: ${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function tdateText(v: unknown): string | undefined {
  // SECURITY: an impossible date (month 13, 30 February) would be NaN and pass every comparison.
  return v instanceof TDate && realDate(v.text) ? v.text : undefined;
}

/** Checks not reached because `blocker` failed. */
function skipRest(done: Check[], blocker: string, why: string): Check[] {
  const have = new Set(done.map((c) => c.id));
  return DOC_CHECKS.filter((id) => !have.has(id)).map((id) =>
    check.skipped(id, `Not checked: ${why}`, blocker),
  );
}

function validity(
  info: unknown,
  now: Date,
  who: string,
): { check: Check; from?: string; until?: string; signed?: string } {
  const ID = 'validity.window';
  if (!(info instanceof Map))
    return {
      check: check.failed(
        ID,
        'ERR_VALIDITY_DATE',
        'invalid',
        say(who, `the issuer's data carries no validity dates.`),
        'MSO validityInfo missing',
      ),
    };
  const raw = {
    signed: info.get('signed'),
    validFrom: info.get('validFrom'),
    validUntil: info.get('validUntil'),
  };
  const bad = (Object.keys(raw) as (keyof typeof raw)[]).find((k) => tdateText(raw[k]) === undefined);
  if (bad)
    return {
      check: check.failed(
        ID,
        'ERR_VALIDITY_DATE',
        'invalid',
        say(who, `the issuer's ${bad} date is not a valid date.`),
        `validityInfo.${bad} must be a tag-0 date-time (ISO 18013-5 §9.1.2.4); got ${describe(raw[bad])}.`,
      ),
    };
  const signed = tdateText(raw.signed) ?? '';
  const from = tdateText(raw.validFrom) ?? '';
  const until = tdateText(raw.validUntil) ?? '';
  const out = { signed, from, until };
  const [s, f, u] = [new Date(signed), new Date(from), new Date(until)];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const at = now.toISOString();
  if (u < f)
    return {
      ...out,
      check: check.failed(
        ID,
        'ERR_VALIDITY_ORDER',
        'invalid',
        say(who, `it ends before it starts.`),
        `validFrom ${from} > validUntil ${until}`,
      ),
    };
  if (f < s)
    return {
      ...out,
      check: check.failed(
        ID,
        'ERR_VALIDITY_ORDER',
        'invalid',
        say(who, `it claims to be valid before it was signed.`),
        `validFrom ${from} < signed ${signed} (ISO 18013-5 §9.1.2.4)`,
      ),
    };
  const late = now.getTime() + CLOCK_SKEW_MS;
  if (f.getTime() > late || s.getTime() > late)
    return {
      ...out,
      check: check.failed(
        ID,
        'ERR_NOT_YET_VALID',
        'expired',
        say(who, `it is not valid yet: it becomes valid on ${day(f.getTime() > late ? f : s)}.`),
        `signed ${signed}, validFrom ${from}; checked at ${at}.`,
      ),
    };
  if (u.getTime() < now.getTime())
    return {
      ...out,
      check: check.failed(
        ID,
        'ERR_EXPIRED',
        'expired',
        say(who, `it expired on ${day(u)}.`),
        `validUntil ${until} is before ${at}.`,
      ),
    };
  return {
    ...out,
    check: check.passed(
      ID,
      'OK_VALIDITY',
      say(who, `valid at the time checked (from ${day(f)} until ${day(u)}).`),
      `signed ${signed}; evaluated at ${at}.`,
    ),
  };
}

function describe(v: unknown): string {
  if (v instanceof Uint8Array) return `a byte string of ${v.length} bytes`;
  if (v instanceof Map) return 'a map';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Embedded) return 'embedded CBOR';
  return typeof v === 'string' ? `the text ${JSON.stringify(v.slice(0, 40))}` : typeof v;
}

/** Hashes every IssuerSignedItemBytes and matches it to the MSO (ISO 18013-5 §9.1.2.4, §9.3.1). */
async function digests(
  nameSpaces: unknown,
  mso: Map<unknown, unknown>,
  who: string,
): Promise<{ check: Check; items: MdocItem[] }> {
  const ID = 'proof.digests';
  const alg = mso.get('digestAlgorithm');
  const hash = typeof alg === 'string' ? HASHES[alg] : undefined;
  if (!hash)
    return {
      items: [],
      check: check.failed(
        ID,
        'ERR_MDOC_DIGEST_ALG',
        'unverifiable',
        say(who, `the issuer's digest algorithm is not one ISO 18013-5 allows.`),
        `digestAlgorithm ${describe(alg)}`,
      ),
    };
  const valueDigests = mso.get('valueDigests');
  if (!(valueDigests instanceof Map))
    return {
      items: [],
      check: check.failed(
        ID,
        'ERR_MDOC_MSO',
        'unverifiable',
        say(who, `the issuer's signed data lists no element digests.`),
        'MSO valueDigests missing',
      ),
    };
  if (nameSpaces !== undefined && !(nameSpaces instanceof Map))
    return {
      items: [],
      check: check.failed(
        ID,
        'ERR_MDOC_STRUCTURE',
        'invalid',
        say(who, `the disclosed elements cannot be read.`),
        'nameSpaces is not a map',
      ),
    };
  const items: MdocItem[] = [];
  const problems: string[] = [];
  let count = 0;
  for (const [ns, list] of nameSpaces instanceof Map ? nameSpaces : new Map()) {
    const table = valueDigests.get(ns);
    if (typeof ns !== 'string' || !Array.isArray(list)) {
      problems.push(`namespace ${describe(ns)} is not a list of items`);
      continue;
    }
    const usedIds = new Set<number>();
    const usedNames = new Set<string>();
    for (const entry of list as unknown[]) {
      count += 1;
      if (!(entry instanceof Embedded)) {
        problems.push(`${ns}: an item is not tag-24 embedded CBOR (IssuerSignedItemBytes)`);
        continue;
      }
      const decoded = decodeMdocCbor(entry.inner);
      const item = decoded.ok ? decoded.value : undefined;
      const id = get(item, 'digestID');
      const name = get(item, 'elementIdentifier');
      if (
        !(item instanceof Map) ||
        typeof id !== 'number' ||
        !Number.isSafeInteger(id) ||
        id < 0 ||
        typeof name !== 'string' ||
        !(get(item, 'random') instanceof Uint8Array) ||
        !item.has('elementValue')
      ) {
        problems.push(
          `${ns}: an item is not a valid IssuerSignedItem${decoded.ok ? '' : ` (${decoded.reason})`}`,
        );
        continue;
      }
      if (usedIds.has(id) || usedNames.has(name)) {
        problems.push(`${ns}: ${name} (digestID ${id}) is disclosed twice`);
        continue;
      }
      usedIds.add(id);
      usedNames.add(name);
      const expected = table instanceof Map ? table.get(id) : undefined;
      if (!(expected instanceof Uint8Array)) {
        problems.push(`${ns}: ${name} has no digest in the issuer's signed data (digestID ${id})`);
        continue;
      }
      const actual = await digest(hash, entry.tagged);
      if (!bytesEqual(actual, expected)) {
        problems.push(`${ns}: ${name} does not match the issuer's digest (digestID ${id})`);
        continue;
      }
      items.push({ namespace: ns, name, value: item.get('elementValue') });
    }
  }
  if (problems.length > 0)
    return {
      items: [],
      check: check.failed(
        ID,
        'ERR_MDOC_DIGEST',
        'invalid',
        say(
          who,
          `${problems.length === 1 ? 'one disclosed element was' : `${problems.length} disclosed elements were`} not signed by the issuer as shown (altered or added).`,
        ),
        problems.slice(0, 20).join('; '),
      ),
    };
  return {
    items,
    check: check.passed(
      ID,
      'OK_MDOC_DIGESTS',
      say(
        who,
        count === 0
          ? "no elements were disclosed, so there is nothing to compare with the issuer's digests."
          : count === 1
            ? "the disclosed element matches the issuer's signed digest."
            : `all ${count} disclosed elements match the issuer's signed digests.`,
      ),
      `${alg as string} over each IssuerSignedItemBytes.`,
    ),
  };
}

/** The document signer's path, anchored on CA services of the trusted lists (like EDC / VC x5c). */
async function identity(
  leaf: CertInfo,
  chainDer: Uint8Array[],
  signed: string | undefined,
  ctx: VerifyContext,
  who: string,
): Promise<{ check: Check; level: 'A0' | 'A1' | 'A3'; hits?: TrustHit[] }> {
  const ID = 'issuer.identity';
  const name = displayName(leaf);
  const pool = (await parseAll(chainDer.slice(1))).filter((c) => c.sha256 !== leaf.sha256);
  const { chain, answer } = await sealerChain(leaf, pool, ctx.now, ctx);
  const detail = `Certificate path: ${chain.path.map((c) => displayName(c)).join(' → ')}${chain.problems.length > 0 ? `. Problems: ${chain.problems.join('; ')}` : ''}.`;
  // ISO 18013-5 §9.3.1: the MSO must have been signed while the document signer certificate was valid.
  const s = signed ? new Date(signed) : undefined;
  if (s && (s < leaf.notBefore || s > leaf.notAfter))
    return {
      level: 'A0',
      check: check.failed(
        ID,
        'ERR_MDOC_SIGNED_OUTSIDE_CERT',
        'unverifiable',
        say(
          who,
          `it was signed on ${signed?.slice(0, 10) ?? '?'}, when the issuer's certificate (${name}) was not valid.`,
        ),
        `Certificate valid ${leaf.notBefore.toISOString()} to ${leaf.notAfter.toISOString()}. ${detail}`,
      ),
    };
  if (!chain.ok && !(chain.end === 'incomplete' && chain.problems.length === 0))
    return {
      level: 'A0',
      check: check.failed(
        ID,
        'ERR_ISSUER_CERT_INVALID',
        'unverifiable',
        say(
          who,
          `the issuer's certificate (${name}) cannot be relied on now: ${chain.problems[0] ?? 'its path does not validate'}.`,
        ),
        detail,
      ),
    };
  if (chain.end === 'anchor' && chain.anchor) {
    const anchorSha = chain.anchor.sha256;
    const service = answer.services.find((sv) => {
      const period = periodAt(sv, ctx.now);
      return (
        sv.certSha256.includes(anchorSha) &&
        period?.status === 'granted' &&
        /\/Svctype\/CA\//.test(period.type)
      );
    });
    if (service)
      return {
        level: 'A3',
        check: check.passed(
          ID,
          'OK_ISSUER_CERT_LISTED',
          say(
            who,
            `signed with a certificate of ${name}, issued by ${service.tspName}, a certificate authority on the ${service.country} trusted list.`,
          ),
          detail,
        ),
        hits: [
          {
            sourceId: `eu-tl:${service.country}`,
            sourceLabel: `EU trusted list (${service.country})`,
            list: 'allow',
            entryId: service.name,
            entryName: service.tspName,
            evidence: `${service.tspName} is listed as a certificate authority.`,
          },
        ],
      };
  }
  const top = chain.path[chain.path.length - 1] ?? leaf;
  const why =
    chain.end === 'incomplete'
      ? leaf.issuer === leaf.subject
        ? 'that certificate names itself as its issuer, and no trusted list you use names it'
        : `its issuing authority (${leaf.issuer}) is not among the certificates CredLens was given`
      : chain.path.length === 1
        ? 'that certificate is self-signed and no trusted list you use names it'
        : `it chains to ${displayName(top)}, which no trusted list you use names`;
  // Integrity only: nothing establishes who issued it, so the verdict cannot be better than "untrusted".
  const c = check.warning(
    ID,
    'WARN_MDOC_ISSUER_UNLISTED',
    say(
      who,
      `signed with a certificate of ${name}, but ${why}. This proves the data is intact, not who issued it.`,
    ),
    `${detail}${answer.unavailable[0] ? ` ${answer.unavailable[0].reason}.` : ''}`,
  );
  c.impact = 'verified-untrusted';
  return { level: 'A1', check: c };
}

/**
 * The MSO's `status` (ISO 18013-5 second edition / draft-ietf-oauth-status-list: `status_list`
 * { idx, uri }), checked on the issuer's Token Status List with the document's own x5chain as the
 * issuer's certificates.
 */
async function statusCheck(
  mso: Map<unknown, unknown>,
  x5chain: Uint8Array[],
  ctx: VerifyContext,
  who: string,
): Promise<Check> {
  const ID = 'status.revocation';
  const status = mso.get('status');
  if (status === undefined)
    return check.passed(
      ID,
      'OK_STATUS_NONE',
      say(who, `the issuer publishes no revocation status for it.`),
      'No status in the MSO.',
    );
  const list = get(status, 'status_list');
  const idx = get(list, 'idx');
  const uri = get(list, 'uri');
  if (typeof uri !== 'string' || typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0)
    return check.error(
      ID,
      'ERR_STATUS_UNSUPPORTED',
      'unverifiable',
      say(
        who,
        `the issuer gives a revocation status in a form CredLens cannot check, so it may have been revoked.`,
      ),
      `MSO status: ${valueText(status)}.`,
    );
  const c = await checkTokenStatus({ idx, uri }, ctx, { issuerCertificates: x5chain });
  return { ...c, message: say(who, `${c.message}`) };
}

/** A COSE_Key (RFC 9052 §7, RFC 9053) in words: key type and curve. */
function deviceKeyText(key: Map<unknown, unknown>): string {
  const kty: Record<number, string> = { 1: 'OKP', 2: 'EC2' };
  const crv: Record<number, string> = {
    1: 'P-256',
    2: 'P-384',
    3: 'P-521',
    4: 'X25519',
    5: 'X448',
    6: 'Ed25519',
    7: 'Ed448',
  };
  const t = key.get(1);
  const c = key.get(-1);
  return `${typeof t === 'number' ? (kty[t] ?? `kty ${t}`) : 'unknown key type'}${typeof c === 'number' ? ` ${crv[c] ?? `curve ${c}`}` : ''}`;
}

function deviceCheck(deviceSigned: unknown, deviceKey: unknown, who: string): Check {
  const ID = 'proof.keyBinding';
  const auth = get(deviceSigned, 'deviceAuth');
  const kind =
    get(auth, 'deviceSignature') !== undefined
      ? 'device signature'
      : get(auth, 'deviceMac') !== undefined
        ? 'device MAC'
        : undefined;
  const keyNote =
    deviceKey instanceof Map
      ? `The issuer bound it to a device key (deviceKeyInfo: ${deviceKeyText(deviceKey)}).`
      : 'The issuer named no device key (deviceKeyInfo missing).';
  if (kind === undefined)
    return check.warning(
      ID,
      'WARN_MDOC_NO_DEVICE_AUTH',
      say(who, `it carries no proof from the holder's device, so nothing shows the holder presented it.`),
      keyNote,
    );
  return check.warning(
    ID,
    'WARN_MDOC_DEVICE_AUTH_UNCHECKED',
    say(
      who,
      `the holder's ${kind} was not checked. It covers the exchange with the verifier it was presented to, which a file does not contain, so nothing here shows the holder presented it to you.`,
    ),
    `${keyNote} DeviceAuthentication needs the SessionTranscript (ISO 18013-5 §9.1.3).`,
  );
}

/** Verifies one document: `issuerSigned` (and `deviceSigned` when present). */
export async function verifyDocument(
  docType: string | undefined,
  issuerSigned: unknown,
  deviceSigned: unknown,
  ctx: VerifyContext,
  who: string,
): Promise<DocumentOutcome> {
  const checks: Check[] = [];
  const fail = (c: Check, blocker: string, why: string): DocumentOutcome => {
    checks.push(c);
    return {
      ...(docType ? { docType } : {}),
      checks: [...checks, ...skipRest([...checks], blocker, why)],
      level: 'A0',
      evidence: [c.message],
      items: [],
    };
  };
  const sig = readCoseSign1(get(issuerSigned, 'issuerAuth'));
  if (!sig.ok)
    return fail(
      check.failed(
        'proof.signature',
        'ERR_MDOC_COSE',
        'invalid',
        say(who, `the issuer's signature cannot be read.`),
        sig.reason,
      ),
      'proof.signature',
      'the issuer signature could not be read.',
    );
  const leaf = await parseCertificate(sig.sign1.x5chain[0] ?? new Uint8Array());
  if (!leaf)
    return fail(
      check.failed(
        'proof.signature',
        'ERR_ISSUER_CERT_UNREADABLE',
        'unverifiable',
        say(who, `the issuer's certificate cannot be read.`),
        'x5chain[0] is not an X.509 certificate',
      ),
      'proof.signature',
      'the issuer certificate could not be read.',
    );
  const problem = await verifyCoseSign1(sig.sign1, leaf);
  if (problem)
    return fail(
      check.failed(
        'proof.signature',
        'ERR_SIGNATURE_INVALID',
        'invalid',
        say(
          who,
          `the issuer's signature does not verify: the signed data was changed or was not signed with this certificate.`,
        ),
        `${algName(sig.sign1.alg)} with ${displayName(leaf)}: ${problem}`,
      ),
      'proof.signature',
      'the issuer signature does not verify.',
    );
  checks.push(
    check.passed(
      'proof.signature',
      'OK_SIGNATURE',
      say(who, `the issuer's signature verifies with the certificate of ${displayName(leaf)}.`),
      `COSE_Sign1 ${algName(sig.sign1.alg)}; certificate ${leaf.subject}.`,
    ),
  );
  const payload = decodeMdocCbor(sig.sign1.payload);
  let mso: unknown;
  let msoProblem: string | undefined;
  if (!payload.ok) msoProblem = payload.reason;
  else if (!(payload.value instanceof Embedded))
    msoProblem = 'the payload is not MobileSecurityObjectBytes (tag 24)';
  else {
    const inner = decodeMdocCbor(payload.value.inner);
    if (inner.ok) mso = inner.value;
    else msoProblem = inner.reason;
  }
  if (msoProblem || !(mso instanceof Map))
    return fail(
      check.failed(
        'proof.digests',
        'ERR_MDOC_MSO',
        'unverifiable',
        say(
          who,
          `the issuer's signed data is not encoded as ISO 18013-5 requires, so the elements cannot be checked against it.`,
        ),
        msoProblem ?? 'the MSO is not a map',
      ),
      'proof.digests',
      "the issuer's signed data could not be read.",
    );
  const msoDocType = mso.get('docType');
  const d = await digests(get(issuerSigned, 'nameSpaces'), mso, who);
  checks.push(d.check);
  if (typeof msoDocType !== 'string')
    checks.push(
      check.failed(
        'mdoc.doctype',
        'ERR_MDOC_DOCTYPE',
        'invalid',
        say(who, `the issuer's signed data names no document type.`),
        'MSO docType missing',
      ),
    );
  else if (docType !== undefined && docType !== msoDocType)
    checks.push(
      check.failed(
        'mdoc.doctype',
        'ERR_MDOC_DOCTYPE',
        'invalid',
        say(who, `it is presented as ${docType}, but the issuer signed a ${msoDocType}.`),
        `Document docType ${docType} ≠ MSO docType ${msoDocType}`,
      ),
    );
  else
    checks.push(
      check.passed(
        'mdoc.doctype',
        'OK_MDOC_DOCTYPE',
        say(who, `document type ${msoDocType}, as the issuer signed it.`),
      ),
    );
  const v = validity(mso.get('validityInfo'), ctx.now, who);
  const id = await identity(leaf, sig.sign1.x5chain, v.signed, ctx, who);
  const broken0 = checks.some((c) => c.status === 'failed' && c.impact === 'invalid');
  const st = broken0
    ? check.skipped(
        'status.revocation',
        'Not checked: the document failed an earlier check.',
        checks.find((c) => c.status === 'failed' && c.impact === 'invalid')?.id,
      )
    : await statusCheck(mso, sig.sign1.x5chain, ctx, who);
  checks.push(
    id.check,
    v.check,
    st,
    deviceCheck(deviceSigned, get(mso.get('deviceKeyInfo'), 'deviceKey'), who),
  );
  const broken = checks.some((c) => c.status === 'failed' && c.impact === 'invalid');
  const out: DocumentOutcome = {
    ...(typeof msoDocType === 'string' ? { docType: msoDocType } : docType !== undefined ? { docType } : {}),
    checks,
    level: broken ? 'A0' : id.level,
    evidence: broken
      ? [checks.find((c) => c.status === 'failed' && c.impact === 'invalid')?.message ?? '']
      : id.level === 'A0'
        ? [id.check.message]
        : [checks[0]?.message ?? '', d.check.message, id.check.message],
    items: d.items,
    signer: leaf,
  };
  if (id.hits && !broken) out.trustHits = id.hits;
  if (v.from) out.validFrom = v.from;
  if (v.until) out.validUntil = v.until;
  if (v.signed) out.signed = v.signed;
  return out;
}

/** Text of an element value for display (dates as written, binary data summarised). */
export function valueText(v: unknown, depth = 0): string {
  if (v instanceof TDate || v instanceof FullDate) return v.text;
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 199)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (v instanceof Uint8Array) return `(binary data, ${v.length} bytes)`;
  if (v instanceof Embedded) return `(embedded data, ${v.inner.length} bytes)`;
  if (depth > 3) return '…';
  if (Array.isArray(v))
    return v
      .slice(0, 20)
      .map((x) => valueText(x, depth + 1))
      .join('; ');
  if (v instanceof Map)
    return [...v.entries()]
      .slice(0, 20)
      .map(([k, x]) => `${String(k)}: ${valueText(x, depth + 1)}`)
      .join(', ');
  return typeof v;
}
