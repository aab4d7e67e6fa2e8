/**
 * The quality-assurance level Q0–Q3 (TRUST-AND-QA.md), computed separately from authenticity:
 * Q1 claimed in the credential; Q2 corroborated by an external register (DEQAR, an accreditation
 * record) for an issuer whose identity CredLens proved; Q3 = Q2 and the stated EQF level is
 * confirmed by the register. SECURITY: only registers (bundled or fetched by CredLens) and the
 * issuer identity the verifier established can raise the level; nothing the page supplied does.
 */
import type { AuthenticityLevel, LevelAssessment, QaLevel, StandardElement, Verdict } from '../model/report';
import { accreditationCovers, type AccreditationRecord } from './accreditation';
import { bareHost, coveringReports, findDeqarInstitutions, reportValidTo, type DeqarInstitution } from './deqar';
import { QF_EHEA_TO_EQF, statedEqfLevels } from './eqf';
import type { QaRegisters } from './registers';

export interface QaInput {
  verdict: Verdict;
  authenticity: AuthenticityLevel;
  /** The format module's own assessment (Q0/Q1 claims; Q2 from a trusted endorsement). */
  formatQa: LevelAssessment<QaLevel>;
  /** Issuer identifiers the format module established (profile URL, DID). */
  issuerIds: readonly string[];
  elements: readonly StandardElement[];
  issuedOn?: string;
  now: Date;
  registers?: QaRegisters;
}

const RANK: Record<QaLevel, number> = { Q0: 0, Q1: 1, Q2: 2, Q3: 3 };

/** Hosts the issuer proved control of: https profile URLs and did:web domains. */
export function provenHosts(ids: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    if (/^https:\/\//i.test(id)) {
      const h = bareHost(id);
      if (h) out.add(h);
    } else if (id.startsWith('did:web:')) {
      const host = decodeURIComponent(id.slice(8).split(':')[0] ?? '');
      const h = bareHost(host.replace(/%3A\d+$/i, ''));
      if (h) out.add(h);
    }
  }
  return [...out];
}

function deqarEvidence(registers: QaRegisters, input: QaInput, day: string): { q2?: string; inst?: DeqarInstitution; notes: string[] } {
  const index = registers.deqar;
  if (index === undefined) return { notes: [] };
  const matches = findDeqarInstitutions(index, { dids: input.issuerIds.filter((i) => i.startsWith('did:')), hosts: provenHosts(input.issuerIds) });
  const cite = registers.deqarLabel ?? `DEQAR (snapshot ${index.generatedAt.slice(0, 10)})`;
  const notes: string[] = [];
  for (const { institution, matchedBy } of matches) {
    const reports = coveringReports(institution, day);
    const r = reports[0];
    if (r !== undefined) {
      return {
        inst: institution,
        notes,
        q2: `${institution.name} (${institution.deqarId}, matched by ${matchedBy}) has an external quality-assurance report in ${cite}: ${r.agency}, ${r.activity ?? 'evaluation'}, decision "${r.decision}", valid ${r.validFrom} to ${reportValidTo(r)} (report ${r.id}).`,
      };
    }
    notes.push(`${cite} lists ${institution.name} (${institution.deqarId}), but no positive quality-assurance report covers ${day}.`);
  }
  return { notes };
}

function accreditationEvidence(records: readonly AccreditationRecord[], input: QaInput, at: string): { q2?: string; rec?: AccreditationRecord } {
  const claimed = input.elements.find((e) => e.key === 'qualityAssurance')?.values ?? [];
  const orgIds = new Set(input.issuerIds);
  const hosts = new Set(provenHosts(input.issuerIds));
  for (const rec of records) {
    // The credential must reference the record, and the record must name the proven issuer.
    const referenced = claimed.some((v) => v === rec.id || rec.aliases.includes(v));
    const isIssuer = rec.organisation.some((o) => orgIds.has(o) || (o.includes('://') && hosts.has(bareHost(o) ?? '')));
    if (!referenced || !isIssuer || !accreditationCovers(rec, at)) continue;
    return {
      rec,
      q2: `Accreditation record ${rec.id}${rec.title ? ` ("${rec.title}")` : ''} names ${rec.organisationName ?? 'the issuer'} as accredited${rec.agent ? ` by ${rec.agent}` : ''}${rec.expires ? ` until ${rec.expires.slice(0, 10)}` : ''}.`,
    };
  }
  return {};
}

/** Computes the QA level with its evidence. Never throws. */
export function gradeQualityAssurance(input: QaInput): LevelAssessment<QaLevel> {
  if (input.verdict === 'invalid' || input.verdict === 'unverifiable') {
    return { level: 'Q0', evidence: ['The credential could not be confirmed, so its quality-assurance statements cannot be relied on.'] };
  }
  const base = input.formatQa;
  const at = input.issuedOn !== undefined && !Number.isNaN(Date.parse(input.issuedOn)) ? new Date(Date.parse(input.issuedOn)).toISOString() : input.now.toISOString();
  const day = at.slice(0, 10);
  const registers = input.registers;
  // Registers are asked about the issuer only when its identity is bound (A2+): otherwise the
  // issuer's name or URL is just what the credential (or the page) says.
  if (registers === undefined) return base;
  if (input.authenticity === 'A0' || input.authenticity === 'A1') {
    return { level: base.level, evidence: [...base.evidence, 'Quality-assurance registers were not consulted: the issuer’s identity is not established.'] };
  }
  const deqar = deqarEvidence(registers, input, day);
  const acc = accreditationEvidence(registers.accreditations ?? [], input, at);
  const corroboration = [deqar.q2, acc.q2].filter((x): x is string => x !== undefined);
  if (corroboration.length === 0) {
    const none = registers.deqar || registers.accreditations?.length ? ['No quality-assurance register CredLens uses lists this issuer.'] : [];
    return { level: base.level, evidence: [...base.evidence.filter((e) => e !== 'Nothing stated.' || base.level !== 'Q0'), ...deqar.notes, ...none].filter((e, i, a) => a.indexOf(e) === i) };
  }
  const evidence = [...(base.level === 'Q0' ? [] : base.evidence), ...corroboration];
  const stated = statedEqfLevels(input.elements);
  const covered = new Set<number>([
    ...(deqar.inst?.qfEhea.map((q) => QF_EHEA_TO_EQF[q.toLowerCase()]).filter((n): n is number => n !== undefined) ?? []),
    ...(acc.rec?.eqfLevels ?? []),
  ]);
  const confirmed = stated.find((n) => covered.has(n));
  let level: QaLevel = 'Q2';
  if (confirmed !== undefined) {
    level = 'Q3';
    evidence.push(`EQF level ${confirmed} stated in the credential is within the levels the register records for this institution${deqar.inst ? ` (QF-EHEA ${deqar.inst.qfEhea.join(', ')})` : ''}.`);
  } else if (stated.length > 0) {
    evidence.push(`EQF level ${stated.join(', ')} is stated in the credential but not confirmed by a register.`);
  } else {
    evidence.push('No EQF/NQF level is stated, so the qualifications-framework step (Q3) does not apply.');
  }
  return RANK[base.level] > RANK[level] ? base : { level, evidence };
}
