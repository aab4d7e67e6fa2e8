/**
 * The recruiter's three questions, answered from a report, and the headline that follows from
 * them (issue 16):
 *   1. Has it been changed?            → answers.changed
 *   2. Who stands behind it, who says? → answers.issuer, answers.vouchedBy
 *   3. Is it still valid?              → answers.validity
 * The six verdicts stay the machine contract (exit codes, --json); the headline is what a person
 * reads. It never says "authentic", or "issued by X" as a fact, below A2: there only the key is
 * proven, and the name is the key's own claim.
 */
import { NOT_FOUND_CODES, UNREACHABLE_CODES } from './source-failure';
import type { AuthenticityLevel, Check, Verdict, VerificationReport } from '../model/report';

/** What a person reads first: one of these, with its icon, colour and words. */
export type Headline =
  | 'verified'
  | 'verified-caveat'
  | 'identified'
  | 'unconfirmed-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'invalid'
  | 'not-found'
  | 'unreachable'
  | 'no-verifiable-form'
  | 'unknown-platform'
  | 'not-a-credential'
  | 'unsupported'
  | 'unverifiable';

export const HEADLINES: readonly Headline[] = [
  'verified',
  'verified-caveat',
  'identified',
  'unconfirmed-issuer',
  'expired',
  'not-yet-valid',
  'revoked',
  'invalid',
  'not-found',
  'unreachable',
  'no-verifiable-form',
  'unknown-platform',
  'not-a-credential',
  'unsupported',
  'unverifiable',
];

/** The headline a bare verdict stands for, when nothing else is known about the report. */
export const VERDICT_HEADLINE: Record<Verdict, Headline> = {
  verified: 'verified',
  'verified-untrusted': 'identified',
  expired: 'expired',
  revoked: 'revoked',
  invalid: 'invalid',
  unverifiable: 'unverifiable',
};

/** Who says who the issuer is. */
export type VouchedBy =
  | { kind: 'list'; label: string }
  | { kind: 'domain'; host: string }
  | { kind: 'certificate' }
  | { kind: 'platform'; name: string };

export interface Answers {
  /** 1. `no`: the content is what was signed (or the issuer's own hosted copy); `yes`: it is not. */
  changed: 'no' | 'yes' | 'unknown';
  /** 2. `trusted` (A3+), `identified` (A2), `self-declared` (A1: a key, and a name it gives itself), `unknown`. */
  issuer: 'trusted' | 'identified' | 'self-declared' | 'unknown';
  /** The issuer's name as shown (from a trust source, the issuer, or the key's own claim). */
  issuerName?: string;
  vouchedBy?: VouchedBy;
  /** 3. Whether it is valid now (or at the instant evaluated). */
  validity: 'valid' | 'expired' | 'not-yet-valid' | 'revoked' | 'revocation-unconfirmed' | 'unknown';
  /** The recipient check against what the recruiter entered: `differs` must stand at the top. */
  recipient: 'matches' | 'differs' | 'not-checked';
}

export interface Reading {
  headline: Headline;
  answers: Answers;
  /** The check that decided a negative headline (its message is the plain reason). */
  reason?: Check;
  /** A baked or file copy that differs from the issuer's copy today in fields that matter. */
  copyDiffers?: string[];
}

const RANK: Record<AuthenticityLevel, number> = { A0: 0, A1: 1, A2: 2, A3: 3, A4: 4 };

const NOT_A_CREDENTIAL = new Set([
  'ERR_FORMAT_UNKNOWN',
  'ERR_FORMAT_NOT_CREDENTIAL',
  'ERR_FORMAT_UNRECOGNIZED',
  'ERR_FORMAT_BAD_JSON',
  'ERR_FORMAT_NOT_OBJECT',
  'ERR_OB_UNRECOGNISED',
]);

const UNSUPPORTED = /^ERR_(?:JSONLD_CONTEXT_UNKNOWN|[A-Z0-9_]*_UNSUPPORTED)$/;

/** Fields of a copy whose difference from the issuer's copy a recruiter must see. */
const DECISIVE_FIELDS =
  /(^|\.)(recipient|badge|issuedOn|expires|revoked|revocationReason|credentialSubject|issuer|validFrom|validUntil|name)(\.|\[|$)/;

function impactOf(check: Check): Verdict | undefined {
  if (check.status === 'passed' || check.status === 'skipped') return undefined;
  if (check.impact) return check.impact;
  return check.status === 'error' ? 'unverifiable' : undefined;
}

function hostOf(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  if (id.startsWith('did:web:')) return decodeURIComponent(id.slice(8).split(':')[0] ?? '') || undefined;
  try {
    const u = new URL(id);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.host : undefined;
  } catch {
    return undefined;
  }
}

function vouchedBy(report: VerificationReport, issuer: Answers['issuer']): VouchedBy | undefined {
  if (issuer === 'trusted') {
    const hit = report.trust.find((h) => h.list === 'allow');
    return hit ? { kind: 'list', label: hit.sourceLabel } : { kind: 'certificate' };
  }
  if (issuer === 'identified') {
    if (report.platform) return { kind: 'platform', name: report.platform.name };
    const host = hostOf(report.issuer.id) ?? hostOf(report.issuer.url);
    return host !== undefined && report.format.id !== 'edc-jades' && report.format.id !== 'edci-xml'
      ? { kind: 'domain', host }
      : { kind: 'certificate' };
  }
  return undefined;
}

function issuerAnswer(report: VerificationReport): Answers['issuer'] {
  const rank = RANK[report.authenticity.level];
  if (rank >= 3) return 'trusted';
  if (rank === 2) return 'identified';
  if (rank === 1) return 'self-declared';
  return 'unknown';
}

function validityAnswer(report: VerificationReport, established: boolean): Answers['validity'] {
  switch (report.verdict) {
    case 'revoked':
      return 'revoked';
    case 'expired':
      return report.checks.some((c) => c.code === 'ERR_NOT_YET_VALID' && impactOf(c) === 'expired')
        ? 'not-yet-valid'
        : 'expired';
    case 'verified':
    case 'verified-untrusted':
      return report.checks.some(
        (c) => c.id === 'status.revocation' && c.status === 'warning' && c.impact === undefined,
      )
        ? 'revocation-unconfirmed'
        : 'valid';
    default:
      return established ? 'valid' : 'unknown';
  }
}

/** Reads a report into the three answers and its headline. Pure; works on stored reports too. */
export function readReport(report: VerificationReport): Reading {
  const verdict = report.verdict;
  const reason = report.checks.find((c) => impactOf(c) === verdict);
  const code = reason?.code ?? '';
  const established =
    verdict === 'verified' ||
    verdict === 'verified-untrusted' ||
    verdict === 'expired' ||
    verdict === 'revoked';
  const tampered =
    verdict === 'invalid' &&
    !NOT_FOUND_CODES.has(code) &&
    report.checks.some(
      (c) => impactOf(c) === 'invalid' && (c.id.startsWith('proof.') || c.id.startsWith('format.')),
    );
  const issuer = established ? issuerAnswer(report) : 'unknown';
  const recipientCheck = report.checks.find((c) => c.id === 'recipient.match');
  const answers: Answers = {
    changed: established ? 'no' : tampered ? 'yes' : 'unknown',
    issuer,
    validity: validityAnswer(report, established),
    recipient:
      recipientCheck?.status === 'failed'
        ? 'differs'
        : recipientCheck?.status === 'passed'
          ? 'matches'
          : 'not-checked',
  };
  const name = report.issuer.name;
  if (name !== undefined && established) answers.issuerName = name;
  const by = vouchedBy(report, issuer);
  if (by) answers.vouchedBy = by;

  const reading: Reading = { headline: headlineOf(verdict, code, answers), answers };
  if (reason) reading.reason = reason;
  const differs = [
    ...new Set(report.differences.filter((d) => DECISIVE_FIELDS.test(d.path)).map((d) => d.path)),
  ];
  if (differs.length > 0 && established) reading.copyDiffers = differs;
  return reading;
}

function headlineOf(verdict: Verdict, code: string, answers: Answers): Headline {
  switch (verdict) {
    case 'verified':
    case 'verified-untrusted':
      // The words follow the level, whatever the verdict: "verified" is only said of a trusted issuer.
      if (verdict === 'verified' && answers.issuer === 'trusted')
        return answers.validity === 'revocation-unconfirmed' ? 'verified-caveat' : 'verified';
      return answers.issuer === 'identified' || answers.issuer === 'trusted'
        ? 'identified'
        : 'unconfirmed-issuer';
    case 'expired':
      return answers.validity === 'not-yet-valid' ? 'not-yet-valid' : 'expired';
    case 'revoked':
      return 'revoked';
    case 'invalid':
      return NOT_FOUND_CODES.has(code) ? 'not-found' : 'invalid';
    case 'unverifiable':
      // The credential's address, or a key, DID document or status list it needs, did not answer.
      if (UNREACHABLE_CODES.has(code) || /^ERR_[A-Z0-9_]*_UNREACHABLE$/.test(code)) return 'unreachable';
      if (code === 'ERR_PLATFORM_NO_VERIFIABLE_FORM') return 'no-verifiable-form';
      if (code === 'ERR_PLATFORM_UNKNOWN') return 'unknown-platform';
      if (NOT_A_CREDENTIAL.has(code)) return 'not-a-credential';
      if (UNSUPPORTED.test(code)) return 'unsupported';
      return 'unverifiable';
  }
}

/** Headlines that are good news, bad news (red flags) or neither (could not tell). */
export type Tone = 'good' | 'fair' | 'caution' | 'bad' | 'unknown';

export const HEADLINE_TONE: Record<Headline, Tone> = {
  verified: 'good',
  'verified-caveat': 'caution',
  identified: 'fair',
  'unconfirmed-issuer': 'caution',
  expired: 'caution',
  'not-yet-valid': 'caution',
  revoked: 'bad',
  invalid: 'bad',
  'not-found': 'bad',
  unreachable: 'unknown',
  'no-verifiable-form': 'unknown',
  'unknown-platform': 'unknown',
  'not-a-credential': 'unknown',
  unsupported: 'unknown',
  unverifiable: 'unknown',
};
