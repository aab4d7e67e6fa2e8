/**
 * The time-stamps of a JAdES seal (ETSI TS 119 182-1 §5.2.8.1 adoTst over the payload,
 * §5.3.4 sigTst over the base64url signature value; RFC 3161) and whether their TSA is on a
 * trusted list (TS 119 612 service type TSA/QTST). A trusted sigTst is the proven signing time.
 */
import type { VerifyContext } from '../../model/format';
import type { Check } from '../../model/report';
import { periodAt } from '../../trust/eu/decide';
import { buildChain } from '../../x509/chain';
import { displayName, type CertInfo } from '../../x509/cert';
import { verifyTimeStamp } from '../../x509/timestamp';
import { readAdoTst, type EtsiU } from './etsi-u';
import type { JadesSignature } from './jades-parse';
import { certQuery, parseAll } from './seal-chain';
import { check, humanDate, isoSeconds } from './util';

/** Outcome: the check, and the proven signing time when a trusted signature time-stamp exists. */
export interface TimeOutcome {
  check: Check;
  provenTime?: Date;
}

async function tsaTrusted(
  tsa: CertInfo,
  pool: CertInfo[],
  at: Date,
  ctx: VerifyContext,
): Promise<string | undefined> {
  const answer = await ctx.trust.lookupCertificate?.(certQuery([tsa, ...pool]));
  const services = (answer?.services ?? []).filter((s) => /\/Svctype\/TSA/.test(periodAt(s, at)?.type ?? ''));
  const anchors = await parseAll(services.flatMap((s) => s.certs));
  const chain = await buildChain(tsa, pool, anchors, at, 'timestamp');
  const service = services.find((s) => chain.anchor && s.certSha256.includes(chain.anchor.sha256));
  const period = service ? periodAt(service, at) : undefined;
  return chain.ok &&
    service &&
    period &&
    ['granted', 'undersupervision', 'accredited'].includes(period.status)
    ? `${service.name} (${service.country} trusted list)`
    : undefined;
}

/** One RFC 3161 token and the bytes it must time-stamp; `kind` starting with "signature" marks a signature time-stamp. */
export interface TimeStampJob {
  kind: string;
  token: Uint8Array;
  data: Uint8Array;
}

/** Verifies adoTst and sigTst tokens. Never throws (errors become the check). */
export async function checkTimeStamps(
  j: JadesSignature,
  u: EtsiU,
  pool: CertInfo[],
  ctx: VerifyContext,
): Promise<TimeOutcome> {
  const enc = new TextEncoder();
  // The payload as it appears in the JWS Signing Input: base64url text when b64 is true, the
  // payload itself when b64 is false (RFC 7797) — `j.payload` holds exactly that in both cases.
  const signedPayload = enc.encode(j.payload);
  const jobs = [
    ...readAdoTst(j.header).map((t) => ({ kind: 'content (adoTst)', token: t, data: signedPayload })),
    ...u.sigTst.map((t) => ({ kind: 'signature (sigTst)', token: t, data: enc.encode(j.signature) })),
  ];
  const note =
    u.arcTst.length > 0
      ? `${u.arcTst.length} archive time-stamp(s) (arcTst) present, not evaluated.`
      : undefined;
  return checkTimeStampJobs(jobs, pool, ctx, note);
}

/**
 * Verifies time-stamp tokens over the data they must cover (shared by the JAdES and XAdES seals):
 * a trusted signature time-stamp gives the proven signing time. Never throws.
 */
export async function checkTimeStampJobs(
  all: readonly TimeStampJob[],
  pool: CertInfo[],
  ctx: VerifyContext,
  note?: string,
): Promise<TimeOutcome> {
  const jobs = all.slice(0, 8);
  if (jobs.length === 0)
    return {
      check: check.warning(
        'proof.timestamp',
        'WARN_EDC_NO_TIMESTAMP',
        'The seal carries no time-stamp, so its time rests on the sealer’s own clock.',
      ),
    };
  const lines: string[] = [];
  let provenTime: Date | undefined;
  let untrusted: string | undefined;
  for (const job of jobs) {
    const r = await verifyTimeStamp(job.token, job.data);
    if (!r.ok || !r.genTime || !r.tsa)
      return {
        check: check.failed(
          'proof.timestamp',
          'ERR_EDC_TIMESTAMP',
          'invalid',
          'A time-stamp on this seal does not match the sealed credential.',
          `${job.kind}: ${r.problems.join('; ')}`,
        ),
      };
    const trusted = await tsaTrusted(r.tsa, [...r.certificates, ...pool], r.genTime, ctx);
    lines.push(
      `${job.kind}: ${isoSeconds(r.genTime)} by ${displayName(r.tsa)} — ${trusted ? `TSA listed: ${trusted}` : 'TSA on no loaded trusted list'}`,
    );
    if (!trusted) untrusted ??= displayName(r.tsa);
    if (trusted && job.kind.startsWith('signature') && (!provenTime || r.genTime < provenTime))
      provenTime = r.genTime;
  }
  if (note) lines.push(note);
  const detail = lines.join('\n');
  if (provenTime)
    return {
      provenTime,
      check: check.passed(
        'proof.timestamp',
        'OK_EDC_TIMESTAMP',
        `A trusted time-stamp proves the seal existed on ${humanDate(provenTime)}.`,
        detail,
      ),
    };
  return {
    check: check.warning(
      'proof.timestamp',
      'WARN_EDC_TIMESTAMP_UNTRUSTED',
      `The seal's time-stamps are intact but come from ${untrusted ?? 'a time-stamping service'}, which no trusted list names, so CredLens does not rely on them.`,
      detail,
    ),
  };
}
