/**
 * The report for a credential found on a platform that publishes no verifiable form:
 * `unverifiable`, saying so plainly, with nothing contacted. Same contract as every report.
 */
import type { Candidate } from '../detect/candidate';
import { platformInfo } from '../detect/platforms/index';
import { REPORT_VERSION, type VerificationReport } from '../model/report';

/** "found, not verifiable: <platform> publishes no verifiable form" as a report. */
export function notVerifiableReport(candidate: Candidate, now: Date): VerificationReport {
  const info = platformInfo(candidate.platform);
  const at = now.toISOString();
  const title = candidate.label;
  return {
    version: REPORT_VERSION,
    verdict: 'unverifiable',
    summary: `Found, not verifiable: ${info.name} publishes no verifiable form of this credential.`,
    format: { id: 'unknown', label: `${info.name} page`, container: 'url' },
    authenticity: { level: 'A0', evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: ['Nothing stated.'] },
    checks: [
      {
        id: 'format.recognized',
        status: 'failed',
        code: 'ERR_PLATFORM_NO_VERIFIABLE_FORM',
        impact: 'unverifiable',
        message: `${info.name} publishes no verifiable form: only its web page says this credential exists.`,
        detail:
          `${candidate.pageUrl} is a ${info.name} page${info.vouches ? ` (${info.vouches})` : ''}. ` +
          'CredLens does not treat a web page as evidence and did not fetch it; ask the candidate for the credential file or check the page yourself.',
      },
    ],
    issuer: {},
    trust: [],
    credential: title === undefined ? {} : { title },
    elements: [],
    differences: [],
    contacted: [],
    checkedAt: at,
    evaluatedAt: at,
    source: candidate.pageUrl,
  };
}
