/**
 * Verifies a JAdES seal end to end (ETSI TS 119 182-1; validation flow after ETSI EN 319 102-1
 * §5: signature, signer binding, time-stamps → best signing time, path at that time, revocation,
 * then the qualification decision against EU trusted lists). Returns checks in a fixed order.
 */
import type { VerifyContext } from '../../model/format';
import type { AuthenticityLevel, Check, LevelAssessment, TrustHit } from '../../model/report';
import { decideQualification } from '../../trust/eu/decide';
import { listLabel } from '../../trust/eu/source';
import { displayName, nameAttribute, validAt, type CertInfo } from '../../x509/cert';
import { readQcStatements } from '../../x509/qc';
import { readEtsiU } from './etsi-u';
import type { JadesSignature } from './jades-parse';
import { checkKid, checkThumbprint, verifyJadesSignature } from './jades-verify';
import { parseAll, sealerChain } from './seal-chain';
import { checkSealerRevocation } from './seal-status';
import { checkTimeStamps, type TimeOutcome } from './seal-time';
import { check, humanDate, isoSeconds } from './util';

/** The seal checks, the level they establish and the sealer's certificate. */
export interface SealOutcome {
  checks: Check[];
  level: LevelAssessment<AuthenticityLevel>;
  signer?: CertInfo;
  /** The EU trusted-list service vouching for the sealer (A3/A4 only). */
  trustHits?: TrustHit[];
}

const LATER = [
  'proof.certificate',
  'proof.timestamp',
  'issuer.identity',
  'status.revocation',
  'issuer.qualification',
];

/** Skips the later seal checks after `by` failed; the level is A0. */
export function blocked(checks: Check[], by: string, why: string): SealOutcome {
  const done = new Set(checks.map((c) => c.id));
  for (const id of LATER) if (!done.has(id)) checks.push(check.skipped(id, why, by));
  return { checks, level: { level: 'A0', evidence: [checks.find((c) => c.id === by)?.message ?? why] } };
}

/** The sealer as people read it: "CN (O)". */
export function sealer(c: CertInfo): string {
  const org = nameAttribute(c.cert.subject, '2.5.4.10');
  const cn = nameAttribute(c.cert.subject, '2.5.4.3');
  return org && cn && org !== cn ? `${cn} (${org})` : (org ?? cn ?? c.subject);
}

/** Verifies the seal; never throws for bad input (the caller wraps unexpected errors). */
export async function verifySeal(j: JadesSignature, ctx: VerifyContext): Promise<SealOutcome> {
  const checks: Check[] = [];
  const certs = await parseAll(j.x5c);
  const signer = certs[0];
  if (!signer || certs.length !== j.x5c.length) {
    checks.push(
      check.failed(
        'proof.signature',
        'ERR_EDC_CERT_MALFORMED',
        'invalid',
        "The sealer's certificate in this credential is damaged.",
        'An x5c entry is not a DER certificate.',
      ),
    );
    return blocked(checks, 'proof.signature', 'Not checked: the seal could not be read.');
  }
  const sigProblem = await verifyJadesSignature(j, signer);
  if (sigProblem) {
    checks.push(
      check.failed(
        'proof.signature',
        'ERR_EDC_SIGNATURE',
        'invalid',
        'The seal does not match: this credential was changed after it was sealed, or the seal is forged.',
        sigProblem,
      ),
    );
    return blocked(checks, 'proof.signature', 'Not checked: the seal is not valid.');
  }
  checks.push(
    check.passed(
      'proof.signature',
      'OK_EDC_SIGNATURE',
      `The seal is intact: nothing has changed since ${sealer(signer)} sealed this credential.`,
      `JAdES ${j.alg}, b64 ${String(j.b64)}, crit [${j.crit.join(', ')}]; signer ${signer.subject}.`,
    ),
  );
  const binding = (await checkThumbprint(j, signer)) ?? checkKid(j, signer);
  if (binding) {
    checks.push(
      check.failed(
        'proof.certificate',
        'ERR_EDC_CERT_BINDING',
        'invalid',
        'The seal names a different certificate than the one it carries.',
        binding,
      ),
    );
    return blocked(
      checks,
      'proof.certificate',
      'Not checked: the sealer certificate is not the one the seal names.',
    );
  }
  checks.push(
    check.passed(
      'proof.certificate',
      'OK_EDC_CERT_BINDING',
      'The seal is bound to the certificate it carries.',
      j.x5tS256 ? `x5t#S256 ${j.x5tS256}` : 'No x5t#S256; x5c[0] used.',
    ),
  );

  const u = readEtsiU(j.unprotected);
  const pool = [...certs.slice(1), ...(await parseAll(u.xVals))].filter((c) => c.sha256 !== signer.sha256);
  const time = await checkTimeStamps(j, u, pool, ctx);
  return assessSealer(
    checks,
    { signer, pool, time, claimed: { label: 'sigT', value: j.sigT }, ocsps: u.ocsps, crls: u.crls },
    ctx,
  );
}

/** The checks a seal produces, in report order (skipped together when there is no seal). */
export const SEAL_CHECKS = [
  'proof.signature',
  'proof.certificate',
  'proof.timestamp',
  'issuer.identity',
  'status.revocation',
  'issuer.qualification',
] as const;

/** What the sealer assessment needs once the signature and its certificate binding are verified. */
export interface SealerInput {
  signer: CertInfo;
  /** Other certificates the seal carries (chain candidates), without the signer. */
  pool: CertInfo[];
  /** The time-stamp outcome (not failed). */
  time: TimeOutcome;
  /** The signing time the seal claims (JAdES sigT, XAdES SigningTime), for messages only. */
  claimed: { label: string; value: string | undefined };
  /** Embedded OCSP responses. */
  ocsps: readonly Uint8Array[];
  /** Embedded CRLs. */
  crls?: readonly Uint8Array[];
}

/**
 * The sealer's identity, revocation and qualification (shared by the JAdES and XAdES seals):
 * path at the proven time (or now), expired-without-proof handling, EU trusted-list decision.
 * Appends to `checks`; never throws for bad input.
 */
export async function assessSealer(
  checks: Check[],
  input: SealerInput,
  ctx: VerifyContext,
): Promise<SealOutcome> {
  const { signer, pool, time } = input;
  checks.push(time.check);
  if (time.check.status === 'failed')
    return blocked(checks, 'proof.timestamp', 'Not checked: a time-stamp does not match the seal.');
  const claimed = input.claimed.value;
  const at = time.provenTime ?? ctx.now;
  const { chain, answer, services } = await sealerChain(signer, pool, at, ctx);
  const path = chain.path.map((c) => c.subject).join('\n  ← ');
  const lists = answer.lists.map(listLabel).join('; ') || 'none';
  const unavailable = answer.unavailable.map((u2) => `${u2.country}: ${u2.reason}`);
  const detail = `Decision time ${isoSeconds(at)} (${time.provenTime ? 'trusted time-stamp' : 'now; no trusted time-stamp'}); claimed ${input.claimed.label} ${claimed ?? 'none'}.\nPath:\n  ${path}\nEnds: ${chain.end}. Trusted lists: ${lists}.${unavailable.length ? `\nUnavailable: ${unavailable.join('; ')}` : ''}${chain.problems.length ? `\nProblems: ${chain.problems.join('; ')}` : ''}`;
  const expiredUnproven = !time.provenTime && !validAt(signer, at) && at > signer.notAfter;
  if (expiredUnproven) {
    checks.push({
      ...check.warning(
        'issuer.identity',
        'WARN_EDC_CERT_EXPIRED_NO_POE',
        `The seal was made with a certificate of ${sealer(signer)} that expired on ${humanDate(signer.notAfter)}, and no trusted time-stamp proves the seal is older than that${claimed ? ` (it claims ${humanDate(new Date(claimed))})` : ''}.`,
        detail,
      ),
      impact: 'verified-untrusted',
    });
  } else if (!chain.ok && chain.problems.length > 0) {
    checks.push(
      check.failed(
        'issuer.identity',
        'ERR_EDC_CHAIN_INVALID',
        'invalid',
        `The sealer's certificate is not valid: ${chain.problems[0] ?? ''}.`,
        detail,
      ),
    );
    return blocked(checks, 'issuer.identity', 'Not checked: the sealer certificate is not valid.');
  } else if (chain.end === 'incomplete') {
    checks.push({
      ...check.warning(
        'issuer.identity',
        'WARN_EDC_CHAIN_INCOMPLETE',
        `Sealed by ${sealer(signer)}, but the certificate chain could not be completed to a known authority.`,
        detail,
      ),
      impact: 'verified-untrusted',
    });
  } else {
    checks.push(
      check.passed(
        'issuer.identity',
        'OK_EDC_CHAIN',
        `Sealed by ${sealer(signer)}, certified by ${chain.path[1] ? displayName(chain.path[1]) : 'itself'}.`,
        detail,
      ),
    );
  }
  checks.push(
    await checkSealerRevocation(
      {
        ocsps: input.ocsps,
        crls: input.crls ?? [],
        leaf: signer,
        issuer: chain.path[1],
        at,
        timeProven: time.provenTime !== undefined,
      },
      {
        fetch: ctx.fetch,
        now: ctx.now,
        contacted: ctx.contacted,
        ...(ctx.revocationCache ? { cache: ctx.revocationCache } : {}),
      },
    ),
  );
  const qc = readQcStatements(signer);
  const decision = decideQualification(chain, qc, signer.policies, services, at);
  const capped = expiredUnproven || chain.end === 'incomplete' ? 'A1' : decision.level;
  const why = [...decision.limits, ...unavailable];
  const qdetail = `${decision.evidence.join('\n')}${why.length ? `\nNot higher because: ${why.join('; ')}.` : ''}`;
  if (capped === 'A4')
    checks.push(
      check.passed(
        'issuer.qualification',
        'OK_EDC_QUALIFIED_SEAL',
        `A qualified electronic seal: certificate issued under ${decision.service?.name ?? 'a listed service'} on the ${decision.service?.country ?? ''} trusted list.`,
        qdetail,
      ),
    );
  else if (capped === 'A3')
    checks.push(
      check.passed(
        'issuer.qualification',
        'OK_EDC_ADVANCED_SEAL',
        `An advanced electronic seal from a trust service provider on the ${decision.service?.country ?? ''} trusted list (${decision.service?.tspName ?? ''}); not a qualified seal because ${decision.limits[0] ?? 'of the reasons shown'}.`,
        qdetail,
      ),
    );
  else
    checks.push(
      check.warning(
        'issuer.qualification',
        'WARN_EDC_NOT_LISTED',
        expiredUnproven
          ? 'CredLens cannot tell whether this was a qualified seal when it was made, because the time of sealing is not proven.'
          : decision.service
            ? `The sealer's certificate authority is on the ${decision.service.country} trusted list (${decision.service.tspName}), but ${decision.limits[0] ?? 'not in a way that confirms this seal'}.`
            : `The sealer's certificate authority is not confirmed by an EU trusted list${unavailable[0] ? `: ${unavailable[0]}` : '.'}`,
        qdetail,
      ),
    );
  const service = decision.service;
  const trustHits: TrustHit[] =
    (capped === 'A3' || capped === 'A4') && service
      ? [
          {
            sourceId: `eu-tl:${service.country}`,
            sourceLabel: `EU trusted list (${service.country})`,
            list: 'allow',
            entryId: service.name,
            entryName: service.tspName,
          },
        ]
      : [];
  return {
    checks,
    signer,
    ...(trustHits.length > 0 ? { trustHits } : {}),
    level: {
      level: capped,
      evidence:
        capped === decision.level
          ? decision.evidence
          : [checks.find((c) => c.id === 'issuer.identity')?.message ?? '', ...decision.evidence],
    },
  };
}
