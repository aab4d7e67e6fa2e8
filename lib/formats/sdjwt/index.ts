/**
 * The SD-JWT format module: SD-JWT and SD-JWT+KB (RFC 9901) and SD-JWT VC
 * (draft-ietf-oauth-sd-jwt-vc: `typ` `dc+sd-jwt`, older `vc+sd-jwt`), also W3C VCs secured with
 * SD-JWT (VC-JOSE-COSE `vc+sd-jwt`). Checks, in order:
 * - format.recognized: the compact serialisation, the issuer-signed JWT's header (`typ`, `cty`,
 *   `alg` allow-list, no `crit`) and `_sd_alg` (unknown → refused);
 * - proof.signature / issuer.identity: lib/formats/sdjwt/issuer-key.ts (x5c, issuer metadata, DID);
 * - proof.disclosures: every disclosure matched to exactly one digest (disclosures.ts);
 * - proof.keyBinding: the KB-JWT against `cnf`, `sd_hash`, `iat`, nonce and audience (key-binding.ts);
 * - validity.window: `iat`, `nbf`, `exp` (NumericDate) at ctx.now, with the usual clock skew;
 * - status.revocation: IETF Token Status List (`status.status_list`), lib/status/token-status-list.ts.
 * The processed payload (disclosures applied) gives the summary and the EU standard elements.
 * `verify` never throws.
 */
import { decodeProtectedHeader, decodeJwt as joseDecodeJwt } from 'jose';
import type { Acquired, FormatHandler, FormatResult, VerifyContext } from '../../model/format';
import type {
  AuthenticityLevel,
  Check,
  CredentialPart,
  FormatInfo,
  LevelAssessment,
} from '../../model/report';
import { createDidCache } from '../../did/cache';
import { idOf, isObj, type Json } from '../../did/json';
import { checkTokenStatus } from '../../status/token-status-list';
import { check, errorText } from '../vc/util';
import { MAX_NUMERIC_DATE } from '../vc/jwt-claims';
import { checkValidity } from '../vc/validity';
import { claimText, LEARNING_CREDENTIAL_VCT, sdJwtElements } from './elements';
import { processDisclosures, SD_ALGS, splitCompact, type CompactSdJwt } from './disclosures';
import { SDJWT_ALGORITHMS, verifyIssuerJwt, type IssuerKeyOutcome } from './issuer-key';
import { checkKeyBinding } from './key-binding';

/** `typ` values of an SD-JWT VC (the current media type and the one older issuers use). */
const VC_TYPS = ['dc+sd-jwt', 'vc+sd-jwt', 'application/dc+sd-jwt', 'application/vc+sd-jwt'];
/** `cty` values accepted (VC-JOSE-COSE: the payload is a VC or a VP). */
const CTYS = ['vc', 'vp', 'application/vc', 'application/vp', 'vc+ld+json', 'application/vc+ld+json'];
const MAX_PARTS = 100;
/** SD-JWT VC §3.2.2: claims that must not be selectively disclosable. */
const VC_PLAIN_CLAIMS: readonly string[] = ['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status'];

/** The compact SD-JWT of an acquired payload, if it is one. */
function compactOf(acquired: Acquired): CompactSdJwt | undefined {
  return acquired.payload.type === 'sd-jwt' ? splitCompact(acquired.payload.token) : undefined;
}

function decodeJson(f: () => unknown): Json | undefined {
  try {
    const v = f();
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A NumericDate as an ISO instant, undefined when absent; null when present but not a valid NumericDate. */
function numericDate(v: unknown): Date | null | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_NUMERIC_DATE) return null;
  return new Date(v * 1000);
}

/**
 * The validity.window check over the JWT's iat / nbf / exp: each must be a NumericDate; the window
 * itself is the VC module's (nbf as the start, exp as the end, iat as the signature's date), so
 * every format words and grades dates the same way.
 */
function checkWindow(payload: Json, now: Date): Check {
  const dates = {
    iat: numericDate(payload.iat),
    nbf: numericDate(payload.nbf),
    exp: numericDate(payload.exp),
  };
  for (const name of ['iat', 'nbf', 'exp'] as const)
    if (dates[name] === null)
      return check.failed(
        'validity.window',
        'ERR_VALIDITY_DATE',
        'invalid',
        `The credential's ${name} date is not a valid date.`,
        `${name}: ${JSON.stringify(payload[name])}`,
      );
  const span: Json = {};
  if (dates.nbf) span.validFrom = dates.nbf.toISOString();
  if (dates.exp) span.validUntil = dates.exp.toISOString();
  return checkValidity(span, now, dates.iat ?? undefined);
}

/** The status.revocation check: Token Status List when referenced; nothing when no status is given. */
async function checkStatus(
  payload: Json,
  key: IssuerKeyOutcome,
  iss: string | undefined,
  ctx: VerifyContext,
): Promise<Check | undefined> {
  const ID = 'status.revocation';
  // A status the credential names but CredLens does not read is never passed over in silence:
  // whether it was revoked is not known, so the credential cannot be confirmed.
  const unread = (what: string, value: unknown): Check => ({
    ...check.warning(
      ID,
      'WARN_STATUS_UNKNOWN_MECHANISM',
      'The credential names a status mechanism CredLens does not read for this format, so whether it was revoked is not known.',
      `${what}: ${JSON.stringify(value).slice(0, 200)}`,
    ),
    impact: 'unverifiable',
  });
  if (payload.credentialStatus !== undefined) return unread('credentialStatus', payload.credentialStatus);
  if (payload.status === undefined) return undefined;
  const list = isObj(payload.status) ? payload.status.status_list : undefined;
  if (list === undefined) return unread('status', payload.status);
  if (
    !isObj(list) ||
    typeof list.uri !== 'string' ||
    typeof list.idx !== 'number' ||
    !Number.isInteger(list.idx) ||
    list.idx < 0
  )
    return check.failed(
      ID,
      'ERR_STATUS_REF',
      'invalid',
      "The credential's status reference is malformed.",
      `status.status_list: ${JSON.stringify(list).slice(0, 200)}`,
    );
  if (key.signature.status !== 'passed')
    return check.skipped(ID, 'Not checked: the signature could not be verified.', 'proof.signature');
  const issuer: Parameters<typeof checkTokenStatus>[2] = {};
  if (iss !== undefined) issuer.iss = iss;
  if (key.key) issuer.issuerKey = key.key;
  if (key.x5c) issuer.issuerCertificates = key.x5c;
  return checkTokenStatus({ idx: list.idx, uri: list.uri }, ctx, issuer);
}

function formatInfo(header: Json, payload: Json, acquired: Acquired): FormatInfo {
  const typ = typeof header.typ === 'string' ? header.typ.replace(/^application\//, '') : undefined;
  const w3c = payload['@context'] !== undefined;
  const kb = compactOf(acquired)?.kbJwt !== undefined ? ', presented with key binding' : '';
  const label = w3c
    ? `W3C Verifiable ${typ === 'vp+sd-jwt' ? 'Presentation' : 'Credential'} (SD-JWT${kb})`
    : typ === 'dc+sd-jwt'
      ? `SD-JWT VC (dc+sd-jwt${kb})`
      : typ === 'vc+sd-jwt'
        ? `SD-JWT VC (vc+sd-jwt, older media type${kb})`
        : `SD-JWT${kb ? ` (${kb.slice(2)})` : ''}`;
  return { id: 'sd-jwt-vc', label, container: acquired.container };
}

/** The disclosed claims and what was withheld, as parts of the credential summary. */
function disclosureParts(disclosed: string[], undisclosed: number, payload: Json): CredentialPart[] {
  const parts: CredentialPart[] = disclosed.slice(0, MAX_PARTS).map((path) => {
    const top = path.split(/[.[]/)[0] ?? path;
    const value = path === top ? claimText(payload[top]).join(', ') : '';
    const part: CredentialPart = { title: path, kind: 'disclosed by the holder', source: path };
    if (value) part.details = [value.length > 200 ? `${value.slice(0, 199)}…` : value];
    return part;
  });
  const out: CredentialPart[] = [
    {
      title: `${disclosed.length} claim(s) disclosed by the holder`,
      kind: 'selective disclosure',
      source: '~disclosures',
      parts,
    },
  ];
  if (undisclosed > 0)
    out.push({
      title: `${undisclosed} digest(s) not disclosed (withheld claims or decoys)`,
      kind: 'selective disclosure',
      source: '_sd',
    });
  return out;
}

function result(
  format: FormatInfo,
  checks: Check[],
  extra: Partial<FormatResult> = {},
  authenticity: LevelAssessment<AuthenticityLevel> = { level: 'A0', evidence: ['Nothing could be proven.'] },
): FormatResult {
  return {
    format,
    checks,
    issuer: {},
    issuerIds: [],
    credential: {},
    elements: [],
    differences: [],
    authenticity,
    qualityAssurance: { level: 'Q0', evidence: ['Nothing stated.'] },
    ...extra,
  };
}

async function run(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
  const unknown: FormatInfo = { id: 'unknown', label: 'SD-JWT', container: acquired.container };
  const sd = compactOf(acquired);
  const header = sd ? decodeJson(() => decodeProtectedHeader(sd.jwt)) : undefined;
  const payload = sd ? decodeJson(() => joseDecodeJwt(sd.jwt)) : undefined;
  if (!sd || !header || !payload)
    return result(unknown, [
      check.failed(
        'format.recognized',
        'ERR_SDJWT_MALFORMED',
        'invalid',
        'This looks like a selective-disclosure token (SD-JWT), but it is damaged.',
        'The issuer-signed JWT does not decode to a JSON header and payload.',
      ),
    ]);
  const format = formatInfo(header, payload, acquired);
  const checks: Check[] = [];
  const typ = typeof header.typ === 'string' ? header.typ : undefined;
  const isVc = typ !== undefined && VC_TYPS.includes(typ);
  const alg = typeof header.alg === 'string' ? header.alg : '(none)';
  const sdAlg = payload._sd_alg === undefined ? 'sha-256' : payload._sd_alg;
  // Header rules (RFC 9901 §4.1 / SD-JWT VC §3.2.1 / VC-JOSE-COSE §3.2): refuse what does not fit.
  let refused: Check | undefined;
  if (typ !== undefined && typ !== 'JWT' && !/^(application\/)?[\w.-]+\+sd-jwt$/.test(typ))
    refused = check.failed(
      'format.recognized',
      'ERR_SDJWT_TYP',
      'invalid',
      'The token declares a type that is not a selective-disclosure credential.',
      `typ ${JSON.stringify(typ)} (expected dc+sd-jwt, vc+sd-jwt or another +sd-jwt type).`,
    );
  else if (header.cty !== undefined && !CTYS.includes(String(header.cty)))
    refused = check.failed(
      'format.recognized',
      'ERR_SDJWT_CTY',
      'invalid',
      'The token declares a content type that is not a credential.',
      `cty ${JSON.stringify(header.cty)}.`,
    );
  else if (alg === 'none' || alg === '(none)')
    refused = check.failed(
      'format.recognized',
      'ERR_JWT_ALG_NONE',
      'invalid',
      'The credential is not signed.',
      'alg none.',
    );
  else if (!SDJWT_ALGORITHMS.includes(alg))
    refused = check.failed(
      'format.recognized',
      'ERR_JWT_ALG',
      'unverifiable',
      'This credential is signed with a method CredLens does not verify.',
      `Algorithm ${alg} is not on the allow-list (${SDJWT_ALGORITHMS.join(', ')}).`,
    );
  else if (header.crit !== undefined)
    refused = check.failed(
      'format.recognized',
      'ERR_JWT_CRIT',
      'invalid',
      'The token marks extensions as critical that CredLens does not understand.',
      `crit ${JSON.stringify(header.crit)} (RFC 7515 §4.1.11).`,
    );
  else if (typeof sdAlg !== 'string' || !SD_ALGS.includes(sdAlg))
    refused = check.failed(
      'format.recognized',
      'ERR_SDJWT_SD_ALG',
      'unverifiable',
      'The credential uses a digest method CredLens does not support, so its disclosed claims cannot be checked.',
      `_sd_alg ${JSON.stringify(sdAlg)}; supported: ${SD_ALGS.join(', ')}.`,
    );
  else if (isVc && typ === 'dc+sd-jwt' && typeof payload.vct !== 'string')
    refused = check.failed(
      'format.recognized',
      'ERR_SDJWT_VC_NO_VCT',
      'invalid',
      'The credential does not say what type of credential it is (no vct).',
      'SD-JWT VC §3.2.2.1: vct is required.',
    );
  if (refused) return result(format, [refused]);
  const alg256 = sdAlg as string;
  checks.push(
    check.passed(
      'format.recognized',
      isVc ? 'OK_SDJWT_VC' : 'OK_SDJWT',
      `Recognised as ${format.label}${typeof payload.vct === 'string' ? ` of type ${payload.vct}` : ''}.`,
      `${sd.disclosures.length} disclosure(s)${sd.kbJwt ? ' and a Key Binding JWT' : ''}; alg ${alg}; _sd_alg ${alg256}.`,
    ),
  );

  // A W3C VC secured with SD-JWT may name its issuer in `issuer` only (VC-JOSE-COSE §3.1.2).
  const iss =
    typeof payload.iss === 'string'
      ? payload.iss
      : payload['@context'] !== undefined
        ? idOf(payload.issuer)
        : undefined;
  const rctx = { fetch: ctx.fetch, now: ctx.now, cache: createDidCache() };
  const key = await verifyIssuerJwt(sd.jwt, header, iss, ctx, rctx);
  checks.push(key.signature);

  const processed = await processDisclosures(payload, sd.disclosures, alg256);
  if (!processed.ok) {
    checks.push(
      check.failed(
        'proof.disclosures',
        processed.code,
        'invalid',
        processed.code === 'ERR_SDJWT_DISCLOSURE_UNREFERENCED'
          ? 'A disclosed claim does not belong to this credential: the issuer never signed it.'
          : processed.code === 'ERR_SDJWT_DISCLOSURE_DUPLICATE' ||
              processed.code === 'ERR_SDJWT_DIGEST_DUPLICATE'
            ? 'A disclosed claim is given twice: the credential has been tampered with.'
            : 'The disclosed claims do not fit the signed credential: it has been tampered with.',
        processed.reason,
      ),
    );
  } else if (processed.disclosed.some((d) => VC_PLAIN_CLAIMS.includes(d))) {
    // SD-JWT VC §3.2.2: these claims must be signed in the clear; a holder could otherwise withhold
    // the expiry or the status reference.
    const names = processed.disclosed.filter((d) => VC_PLAIN_CLAIMS.includes(d));
    checks.push(
      check.failed(
        'proof.disclosures',
        'ERR_SDJWT_VC_PROTECTED_CLAIM',
        'invalid',
        'The credential lets the holder hide claims that must always be shown (such as its expiry or status).',
        `Selectively disclosable: ${names.join(', ')} (SD-JWT VC §3.2.2: ${VC_PLAIN_CLAIMS.join(', ')} must not be).`,
      ),
    );
  } else {
    const withheld = Object.values(processed.undisclosed).reduce((a, b) => a + b, 0);
    checks.push(
      check.passed(
        'proof.disclosures',
        'OK_SDJWT_DISCLOSURES',
        `Every claim the holder disclosed (${processed.disclosed.length}) is one the issuer signed.${withheld > 0 ? ' Some signed claims were not disclosed.' : ''}`,
        `${processed.disclosed.length} disclosure(s) matched; ${withheld} undisclosed digest(s) in objects, ${Object.values(processed.undisclosedElements).reduce((a, b) => a + b, 0)} in arrays (withheld claims or decoys).`,
      ),
    );
  }

  // The claims as presented (disclosures applied): dates, cnf and status may be disclosed claims
  // in a plain SD-JWT (an SD-JWT VC refuses that above).
  const claims = processed.ok ? processed.payload : payload;
  const kbInput: Parameters<typeof checkKeyBinding>[0] = {
    presented: sd.presented,
    sdAlg: alg256,
    cnf: claims.cnf,
    now: ctx.now,
  };
  if (sd.kbJwt !== undefined) kbInput.kbJwt = sd.kbJwt;
  if (ctx.expectedNonce !== undefined) kbInput.expectedNonce = ctx.expectedNonce;
  if (ctx.expectedAudience !== undefined) kbInput.expectedAudience = ctx.expectedAudience;
  checks.push(await checkKeyBinding(kbInput));

  if (key.identity) checks.push(key.identity);
  else
    checks.push(
      check.skipped(
        'issuer.identity',
        'Not checked: the signature could not be verified.',
        'proof.signature',
      ),
    );

  // A W3C VC secured with SD-JWT (VC-JOSE-COSE) states its validity in validFrom / validUntil;
  // registered claims (nbf / exp) are read there only when they are NumericDates.
  const w3c = payload['@context'] !== undefined;
  const vcDated = claims;
  const iatAt = numericDate(claims.iat);
  // Both are read when both are stated: the JWT's own iat / nbf / exp always bind (an expired `exp`
  // is not excused by a later validUntil), and the worse of the two answers decides.
  // A W3C VC's registered claims count only as NumericDates (its dates are validFrom / validUntil).
  const registered = w3c
    ? Object.fromEntries(
        (['iat', 'nbf', 'exp'] as const).flatMap((k) =>
          typeof claims[k] === 'number' ? [[k, claims[k]]] : [],
        ),
      )
    : claims;
  const jwtWindow = checkWindow(registered, ctx.now);
  const vcWindow =
    w3c &&
    (vcDated.validFrom !== undefined || vcDated.validUntil !== undefined || typeof claims.iat !== 'number')
      ? checkValidity(vcDated, ctx.now, iatAt ?? undefined)
      : undefined;
  checks.push(vcWindow === undefined || jwtWindow.status !== 'passed' ? jwtWindow : vcWindow);
  const status = await checkStatus(claims, key, iss, ctx);
  if (status) checks.push(status);
  // SD-JWT VC forbids hiding exp / status (checked above when disclosed). A plain SD-JWT does not:
  // when its holder withheld top-level claims and no expiry is shown, one may be among them.
  if (!isVc && processed.ok && (processed.undisclosed[''] ?? 0) > 0 && claims.exp === undefined)
    checks.push({
      ...check.warning(
        'validity.disclosure',
        'WARN_SDJWT_VALIDITY_MAY_BE_WITHHELD',
        "The holder withheld some of this token's claims, and its format allows an expiry date or a status to be among them, so whether it is still valid is not known.",
        `${processed.undisclosed[''] ?? 0} undisclosed top-level digest(s); typ ${typ ?? '(none)'} is not an SD-JWT VC type; no plain exp.`,
      ),
      impact: 'unverifiable',
    });

  const withheldTop = processed.ok && (processed.undisclosed[''] ?? 0) > 0;
  const credential: FormatResult['credential'] = {};
  const first = (...names: string[]): string | undefined =>
    names.map((n) => claimText(claims[n])[0]).find((v) => v !== undefined);
  const title = first('achievement_title', 'title', 'name');
  if (title) credential.title = title;
  const description = first('achievement_description', 'description');
  if (description) credential.description = description;
  const iat = numericDate(claims.iat);
  const issued = first('date_of_issuance') ?? (iat ? iat.toISOString() : undefined);
  if (issued) credential.issuedOn = issued;
  const exp = numericDate(claims.exp);
  if (exp) credential.expires = exp.toISOString();
  const jti = first('jti');
  if (jti) credential.id = jti;
  const holder = [first('given_name'), first('family_name')].filter((v) => v !== undefined).join(' ');
  if (holder) credential.recipient = holder;
  if (processed.ok) {
    const undisclosed = Object.values(processed.undisclosed).reduce((a, b) => a + b, 0);
    credential.parts = disclosureParts(processed.disclosed, undisclosed, claims);
  }

  const issuer: FormatResult['issuer'] = {};
  if (iss) issuer.id = iss;
  const issuerName = first('issuing_authority');
  if (issuerName) issuer.name = issuerName;
  if (key.fetchedFrom) issuer.fetchedFrom = key.fetchedFrom;

  const identityOk =
    key.identity !== undefined && (key.identity.status === 'passed' || key.identity.status === 'warning');
  const proven = key.signature.status === 'passed' && processed.ok && identityOk && key.level !== undefined;
  const authenticity: LevelAssessment<AuthenticityLevel> = proven
    ? { level: key.level ?? 'A1', evidence: [key.signature.message, key.identity?.message ?? ''] }
    : { level: 'A0', evidence: [key.identity?.message ?? key.signature.message] };
  const extra: Partial<FormatResult> = {
    issuer,
    issuerIds: iss && identityOk ? [iss] : [],
    credential,
    elements: sdJwtElements(claims, withheldTop),
  };
  if (key.trustHits && key.identity?.status === 'passed') extra.trustHits = key.trustHits;
  return result(format, checks, extra, authenticity);
}

/** The SD-JWT / SD-JWT VC format handler. */
export const sdJwtFormat: FormatHandler = {
  claims(acquired: Acquired): boolean {
    try {
      return compactOf(acquired) !== undefined;
    } catch {
      return false;
    }
  },
  async verify(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
    try {
      return await run(acquired, ctx);
    } catch (error) {
      // SECURITY: a bug must surface as an error check, never as a pass or a crash.
      return result({ id: 'unknown', label: 'SD-JWT', container: acquired.container }, [
        check.error(
          'format.recognized',
          'ERR_INTERNAL',
          'unverifiable',
          'CredLens hit an internal error while checking this credential.',
          errorText(error),
        ),
      ]);
    }
  },
};

export { LEARNING_CREDENTIAL_VCT };
