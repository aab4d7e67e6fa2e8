/** Verifies what a scan found, one report per candidate, as `credlens verify` would. */
import type { Candidate } from '../detect/candidate';
import type { CredentialInput } from '../model/input';
import type { VerificationReport } from '../model/report';
import { candidateInput } from './candidate-input';
import { notVerifiableReport } from './not-verifiable';

/** Embedded content that could not be decoded: verified as empty text, which reports why. */
const DAMAGED: CredentialInput = { kind: 'text', text: '', name: '(damaged embedded content)' };

export interface VerifiedCandidate {
  candidate: Candidate;
  report: VerificationReport;
}

/**
 * Verifies candidates in order (at most `max`; the caller's verify bounds its own
 * network). A platform without a verifiable form gets its "found, not verifiable" report
 * without any request. `verify` is expected never to throw (lib/verify.ts does not).
 */
export async function verifyCandidates(
  candidates: readonly Candidate[],
  verify: (input: CredentialInput, candidate: Candidate) => Promise<VerificationReport>,
  now: () => Date,
  max = 30,
): Promise<VerifiedCandidate[]> {
  const out: VerifiedCandidate[] = [];
  for (const candidate of candidates.slice(0, max)) {
    const report =
      candidate.noVerifiableForm === true
        ? notVerifiableReport(candidate, now())
        : await verify(candidateInput(candidate) ?? DAMAGED, candidate);
    out.push({ candidate, report });
  }
  return out;
}
