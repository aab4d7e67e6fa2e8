/**
 * The authenticity decision for an X.509-sealed credential against EU trusted lists
 * (TRUST-AND-QA.md A2–A4; ETSI TS 119 615 §4.3 status at a time, TS 119 172-4 / EN 319 412-5
 * for "qualified seal"): A4 = qualified certificate for seals, key on a QSCD, issued under a
 * CA/QC service granted for e-seals at signing time; A3 = chain to a service listed and active
 * at that time; otherwise A2 (chain to a root not on a list) or A1 (chain incomplete).
 */
import type { ChainResult } from '../../x509/chain';
import { displayName } from '../../x509/cert';
import { describeQc, type QcInfo } from '../../x509/qc';
import type { TlService, TlStatusPeriod } from './types';

const ACTIVE = new Set([
  'granted',
  'undersupervision',
  'accredited',
  'supervisionincessation',
  'recognisedatnationallevel',
]);
const QUALIFIED_ACTIVE = new Set(['granted', 'undersupervision', 'accredited', 'supervisionincessation']);
const CA_QC = 'http://uri.etsi.org/TrstSvc/Svctype/CA/QC';

/** The decision with its evidence. */
export interface QualificationDecision {
  level: 'A1' | 'A2' | 'A3' | 'A4';
  /** The listed service the path ends at, when any. */
  service?: TlService;
  /** The status period in force at the decision time. */
  period?: TlStatusPeriod;
  /** Plain-language evidence, most important first. */
  evidence: string[];
  /** Why the level is not higher (plain language), when it is not A4. */
  limits: string[];
}

/** The status period of a service in force at `at` (TS 119 612 §5.5.5 / §5.6). */
export function periodAt(s: TlService, at: Date): TlStatusPeriod | undefined {
  // Compared as instants: "2026-01-01T00:00:00Z" must be in force at 2026-01-01T00:00:00.000Z
  // (as strings, "…00Z" sorts after "…00.000Z", so a status was missed during its first second).
  const t = at.getTime();
  return s.history.find((p) => {
    const from = Date.parse(p.from);
    return !Number.isNaN(from) && from <= t;
  });
}

/** The service whose identity is the path's anchor (by certificate or key identifier). */
export function anchorService(chain: ChainResult, services: readonly TlService[]): TlService | undefined {
  const a = chain.anchor;
  if (!a) return undefined;
  return (
    services.find((s) => s.certSha256.includes(a.sha256)) ??
    services.find((s) => a.ski !== undefined && s.skis.includes(a.ski))
  );
}

function tlQscd(period: TlStatusPeriod, policies: readonly string[]): boolean | undefined {
  for (const q of period.qualifiers) {
    if (q.policies.length > 0 && !q.policies.some((p) => policies.includes(p))) continue;
    if (q.uris.some((u) => /^(QCWithSSCD|QCWithQSCD|QCQSCDManagedOnBehalf)$/.test(u))) return true;
    if (q.uris.some((u) => /^(QCNoSSCD|QCNoQSCD)$/.test(u))) return false;
  }
  return undefined;
}

function notQualified(period: TlStatusPeriod, policies: readonly string[]): boolean {
  return period.qualifiers.some(
    (q) =>
      q.uris.includes('NotQualified') &&
      (q.policies.length === 0 || q.policies.some((p) => policies.includes(p))),
  );
}

/** Decides the level for a validated path at `at` (the best proven signing time). */
export function decideQualification(
  chain: ChainResult,
  qc: QcInfo,
  policies: readonly string[],
  services: readonly TlService[],
  at: Date,
): QualificationDecision {
  const leaf = chain.path[0];
  const who = leaf ? displayName(leaf) : 'the sealer';
  // Evidence is read by recruiters: one plain sentence. The chain's problems (certificate names,
  // ISO instants) are engineers' detail: they stay in the limits (the qualification check's
  // detail) and in the identity check's detail.
  if (!chain.ok)
    return {
      level: chain.end === 'incomplete' ? 'A1' : 'A2',
      evidence: [
        chain.end === 'incomplete'
          ? `The certificate chain of ${who} could not be completed to a known certificate authority.`
          : `The certificate chain of ${who} was not valid on ${at.toISOString().slice(0, 10)}.`,
      ],
      limits: ['the certificate chain is not valid', ...chain.problems],
    };
  const service = anchorService(chain, services);
  if (!service) {
    const root = chain.path[chain.path.length - 1];
    return {
      level: 'A2',
      evidence: [
        `Certificate chain of ${who} ends at ${root ? displayName(root) : 'a root'}, which is on no EU trusted list loaded.`,
      ],
      limits: ['the certificate authority is not on a loaded EU trusted list'],
    };
  }
  const period = periodAt(service, at);
  const where = `${service.name} (${service.tspName}), ${service.country} trusted list`;
  const day = at.toISOString().slice(0, 10);
  if (!period || !ACTIVE.has(period.status))
    return {
      level: 'A2',
      service,
      evidence: [
        period
          ? `The certificate authority ${where} had status ${period.status} from ${period.from.slice(0, 10)}, so it was not active on ${day}.`
          : `The certificate authority ${where} was not yet listed on ${day}.`,
      ],
      limits: [
        period
          ? `the listed service was not active at signing time (${period.status} from ${period.from.slice(0, 10)})`
          : 'the listed service was not active at signing time (not yet listed)',
      ],
    };
  const base = { service, period };
  const evidence = [
    `Certificate chain to ${where}, status ${period.status} since ${period.from.slice(0, 10)}.`,
    `Signer certificate: ${describeQc(qc)}.`,
  ];
  const limits: string[] = [];
  if (period.type !== CA_QC) limits.push('the authority is not listed as issuing qualified certificates');
  if (!QUALIFIED_ACTIVE.has(period.status))
    limits.push(`the service status is ${period.status}, not granted`);
  if (!qc.compliance || qc.legislation.length > 0)
    limits.push('the certificate is not an EU qualified certificate');
  if (!qc.types.includes('eseal')) limits.push('the certificate is not for electronic seals');
  if (period.additional.length > 0 && !period.additional.includes('ForeSeals'))
    limits.push('the service is not granted for electronic seals');
  if (notQualified(period, policies))
    limits.push('the trusted list marks such certificates as not qualified');
  const qscd = tlQscd(period, policies) ?? qc.qscd;
  if (!qscd)
    limits.push(
      'no qualified signature-creation device (QSCD) is stated by the certificate or the trusted list',
    );
  return limits.length === 0
    ? { level: 'A4', ...base, evidence, limits }
    : { level: 'A3', ...base, evidence, limits };
}
