/** Assembles a FormatResult for Open Badges from the loaded documents and the checks. */
import type { FormatResult } from '../../model/format';
import type {
  AuthenticityLevel,
  Check,
  CredentialSummary,
  CredentialTextField,
  Difference,
  FormatInfo,
  IssuerInfo,
  LevelAssessment,
} from '../../model/report';
import { extractElements, qaLevel, type ElementSources } from './elements';
import type { Doc } from './load-graph';
import { describeRecipient, looksHashed, type Recipient } from './recipient';
import { isHttpUrl, isObj, refId, str, type Json } from './util';

/** Fixed order of the checks this module emits. */
export const CHECK_ORDER = [
  'format.recognized',
  'format.schema',
  'proof.hosted',
  'proof.signature',
  'issuer.identity',
  'status.revocation',
  'validity.window',
  'recipient.match',
] as const;

/** The recipient of an OB 2.0 IdentityObject (or OB 1.0 recipient object), if well-formed. */
export function recipientOf(node: Json | undefined): Recipient | undefined {
  const r = node?.recipient;
  if (!isObj(r)) return undefined;
  const identity = str(r.identity);
  if (!identity) return undefined;
  const hashedRaw = r.hashed;
  const hashed =
    hashedRaw === true || hashedRaw === 'true' || (hashedRaw === undefined && looksHashed(identity));
  const out: Recipient = { type: str(r.type) ?? 'email', identity, hashed };
  const salt = str(r.salt);
  if (salt !== undefined) out.salt = salt;
  return out;
}

/** Inputs to the result. */
export interface ResultParts {
  format: FormatInfo;
  checks: Check[];
  assertion?: Doc;
  badge?: Doc;
  issuer?: Doc;
  recipient?: Recipient;
  differences?: Difference[];
}

function issuerInfo(issuer: Doc | undefined): IssuerInfo {
  const info: IssuerInfo = {};
  if (!issuer) return info;
  const d = issuer.data;
  const id = str(d.id);
  const name = str(d.name);
  const url = refId(d.url);
  const email = str(d.email);
  if (id) info.id = id;
  if (name) info.name = name;
  if (url) info.url = url;
  if (email) info.email = email;
  if (issuer.url) info.fetchedFrom = issuer.finalUrl ?? issuer.url;
  return info;
}

function summary(a: Json | undefined, b: Json | undefined, r: Recipient | undefined): CredentialSummary {
  const c: CredentialSummary = {};
  const set = (k: CredentialTextField, v: string | undefined): void => {
    if (v !== undefined) c[k] = v;
  };
  set('title', str(b?.name));
  set('description', str(b?.description));
  const image = refId(a?.image) ?? refId(b?.image);
  set('image', image && (isHttpUrl(image) || image.startsWith('data:image/')) ? image : undefined);
  set(
    'issuedOn',
    str(a?.issuedOn) ??
      (typeof a?.issuedOn === 'number' ? new Date(a.issuedOn * 1000).toISOString() : undefined),
  );
  set('expires', str(a?.expires));
  set('id', str(a?.id) ?? str(a?.uid));
  set('recipient', r ? describeRecipient(r) : undefined);
  return c;
}

function authenticity(checks: readonly Check[]): LevelAssessment<AuthenticityLevel> {
  const proof = checks.find((c) => c.id === 'proof.hosted' || c.id === 'proof.signature');
  const identity = checks.find((c) => c.id === 'issuer.identity');
  if (proof?.status !== 'passed')
    return { level: 'A0', evidence: [proof?.message ?? 'No proof could be checked.'] };
  if (identity?.status === 'passed') return { level: 'A2', evidence: [proof.message, identity.message] };
  if (identity?.status === 'warning') return { level: 'A1', evidence: [proof.message, identity.message] };
  return { level: 'A0', evidence: [identity?.message ?? 'The issuer could not be established.'] };
}

/** Orders checks by CHECK_ORDER (unknown ids keep their place at the end). */
export function orderChecks(checks: readonly Check[]): Check[] {
  const rank = (c: Check): number => {
    const i = (CHECK_ORDER as readonly string[]).indexOf(c.id);
    return i < 0 ? CHECK_ORDER.length : i;
  };
  return [...checks].sort((x, y) => rank(x) - rank(y));
}

/** Builds the FormatResult (elements, issuer, summary, levels). */
export function buildResult(p: ResultParts): FormatResult {
  const checks = orderChecks(p.checks);
  const sources: ElementSources = {};
  if (p.assertion) sources.assertion = p.assertion;
  if (p.badge) sources.badge = p.badge;
  if (p.issuer) sources.issuer = p.issuer;
  if (p.recipient) sources.recipient = p.recipient;
  const elements = p.assertion ? extractElements(sources) : [];
  const issuer = issuerInfo(p.issuer);
  const ids = [issuer.id, p.issuer?.url].filter((x): x is string => !!x && isHttpUrl(x));
  return {
    format: p.format,
    checks,
    issuer,
    issuerIds: [...new Set(ids)],
    credential: summary(p.assertion?.data, p.badge?.data, p.recipient),
    elements,
    differences: p.differences ?? [],
    authenticity: authenticity(checks),
    qualityAssurance: qaLevel(elements),
  };
}
