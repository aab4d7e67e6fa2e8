/** Assembles the FormatResult of an EDC: validity window (ELM v3 validFrom / expirationDate / validUntil), issuer, summary, elements. */
import type { FormatResult, VerifyContext } from '../../model/format';
import type {
  AuthenticityLevel,
  Check,
  CredentialSummary,
  FormatInfo,
  IssuerInfo,
  LevelAssessment,
  TrustHit,
} from '../../model/report';
import { displayName, type CertInfo } from '../../x509/cert';
import { elmQaLevel, extractElmElements } from './elements';
import { claimTree, issuerRenderings, label, ml } from './elm-read';
import { check, humanDate, isObj, str, type Json } from './util';
import { CLOCK_SKEW_MS } from '../ob2/validity';
import { statedDay } from '../../report/values';

/**
 * The check that keeps the sealed document unproven (shared by the ELM v3 and v2 readers): the
 * first of `format.recognized` and the `proof.*` checks (signature, certificate binding,
 * time-stamps) that failed, erred or was skipped; undefined when the seal proves the document.
 * Until then its dates and status say nothing (lib/report/grade.ts, establishesDocument).
 */
export function documentBlocker(checks: readonly Check[]): string | undefined {
  return checks.find(
    (c) =>
      (c.id === 'format.recognized' || c.id.startsWith('proof.')) &&
      (c.status === 'failed' || c.status === 'error' || c.status === 'skipped'),
  )?.id;
}

/**
 * The `validity.window` check from the credential's stated start and expiry (shared by the ELM v3
 * and v2 readers); `fields` names where each came from. Skipped, naming `blockedBy`, when the
 * document is not proven (documentBlocker).
 */
export function validityWindow(
  from: string | undefined,
  until: string | undefined,
  now: Date,
  blockedBy: string | undefined,
  fields: { from: string; until: string },
): Check {
  const id = 'validity.window';
  if (blockedBy !== undefined)
    return check.skipped(id, 'Not checked: the credential could not be authenticated.', blockedBy);
  const f = from ? new Date(from) : undefined;
  const u = until ? new Date(until) : undefined;
  // Days as the credential states them (its own offset), not as they fall in UTC.
  const day = (raw: string | undefined, d: Date) => {
    const stated = raw === undefined ? undefined : statedDay(raw);
    return humanDate(stated === undefined ? d : new Date(`${stated}T00:00:00Z`));
  };
  // "Not yet valid" has one meaning in every format (lib/formats/vc/validity.ts).
  if (f && !Number.isNaN(f.getTime()) && now.getTime() + CLOCK_SKEW_MS < f.getTime())
    return check.failed(
      id,
      'ERR_NOT_YET_VALID',
      'expired',
      `This credential is not valid yet: it becomes valid on ${day(from, f)}.`,
      `${fields.from} ${from ?? ''}`,
    );
  if (u && !Number.isNaN(u.getTime()) && now > u)
    return check.failed(
      id,
      'ERR_EDC_EXPIRED',
      'expired',
      `This credential expired on ${day(until, u)}.`,
      `${fields.until} ${until ?? ''}`,
    );
  return check.passed(
    id,
    'OK_EDC_VALIDITY',
    u && !Number.isNaN(u.getTime())
      ? `Valid until ${day(until, u)}.`
      : 'The credential states no expiry date.',
    `${fields.from} ${from ?? '—'}, expiry ${until ?? '—'}`,
  );
}

function validity(c: Json, now: Date, blockedBy: string | undefined): Check {
  return validityWindow(
    str(c.validFrom) ?? str(c.issuanceDate),
    str(c.expirationDate) ?? str(c.validUntil),
    now,
    blockedBy,
    {
      from: 'validFrom',
      until: 'expirationDate',
    },
  );
}

function issuerOf(c: Json | undefined, signer: CertInfo | undefined, lang: string): IssuerInfo {
  const info: IssuerInfo = {};
  const issuer = c?.issuer;
  const id = isObj(issuer) ? str(issuer.id) : str(issuer);
  const name = isObj(issuer) ? (ml(issuer.legalName, lang) ?? label(issuer, lang)) : undefined;
  if (id) info.id = id;
  if (name && name !== id) info.name = name;
  else if (signer) info.name = displayName(signer);
  const home = isObj(issuer) && isObj(issuer.homepage) ? str(issuer.homepage.contentURL) : undefined;
  if (home) info.url = home;
  return info;
}

function summary(c: Json | undefined, lang: string): CredentialSummary {
  const s: CredentialSummary = {};
  if (!c) return s;
  const title =
    ml(c.title, lang) ??
    (isObj(c.credentialSubject) && isObj(c.credentialSubject.hasClaim)
      ? ml(c.credentialSubject.hasClaim.title, lang)
      : undefined);
  if (title) s.title = title;
  const description = ml(c.description, lang);
  if (description) s.description = description;
  const issued = str(c.issued) ?? str(c.issuanceDate) ?? str(c.validFrom);
  if (issued) s.issuedOn = issued;
  const expires = str(c.expirationDate) ?? str(c.validUntil);
  if (expires) s.expires = expires;
  const id = str(c.id);
  if (id) s.id = id;
  const parts = claimTree(c, lang);
  if (parts.length > 0) s.parts = parts;
  const rendering = issuerRenderings(c);
  if (rendering.length > 0) s.rendering = rendering;
  return s;
}

/** Builds the result; authenticity comes from the seal, quality assurance from the claimed accreditation. */
export function edcResult(
  format: FormatInfo,
  checks: Check[],
  credential: Json | undefined,
  signer: CertInfo | undefined,
  level: LevelAssessment<AuthenticityLevel>,
  ctx: VerifyContext,
  lang: string,
  trustHits: TrustHit[] = [],
): FormatResult {
  const blockedBy = documentBlocker(checks);
  const blocked = blockedBy !== undefined;
  const all = credential ? [...checks, validity(credential, ctx.now, blockedBy)] : checks;
  const elements = credential ? extractElmElements(credential, lang) : [];
  const issuer = issuerOf(credential, signer, lang);
  return {
    format,
    checks: all,
    issuer,
    issuerIds: blocked || !issuer.id ? [] : [issuer.id],
    credential: summary(credential, lang),
    elements,
    differences: [],
    authenticity: level,
    qualityAssurance: elmQaLevel(elements),
    ...(blocked || trustHits.length === 0 ? {} : { trustHits }),
  };
}
