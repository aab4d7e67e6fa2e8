/**
 * The report for a credential found on a platform that publishes no verifiable form:
 * `unverifiable`, saying so plainly, with nothing contacted. Same contract as every report.
 */
import type { Candidate } from '../detect/candidate';
import { UNLISTED_PLATFORM } from '../detect/classify-link';
import { platformInfo } from '../detect/platforms/index';
import { REPORT_VERSION, type VerificationReport } from '../model/report';

/** "found, not verifiable: <platform> publishes no verifiable form" as a report. */
export function notVerifiableReport(candidate: Candidate, now: Date): VerificationReport {
  const at = now.toISOString();
  const title = candidate.label;
  if (candidate.platform === UNLISTED_PLATFORM) return unlistedReport(candidate, at);
  const info = platformInfo(candidate.platform);
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

/** A credential link to a site CredLens has no rule for: found, not fetched, not verifiable. */
function unlistedReport(candidate: Candidate, at: string): VerificationReport {
  let host = candidate.url;
  try {
    host = new URL(candidate.url).hostname;
  } catch {
    // keep the URL as given
  }
  return {
    version: REPORT_VERSION,
    verdict: 'unverifiable',
    summary: `Found, not verifiable: ${host} is not a credential platform CredLens knows.`,
    format: { id: 'unknown', label: `${host} page`, container: 'url' },
    authenticity: { level: 'A0', evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: ['Nothing stated.'] },
    checks: [
      {
        id: 'format.recognized',
        status: 'failed',
        code: 'ERR_PLATFORM_UNKNOWN',
        impact: 'unverifiable',
        message: `The page lists this as a credential at ${host}, a site CredLens has no rule for: only that web page says the credential exists.`,
        detail:
          `${candidate.url} was found in the page's credentials section. CredLens does not guess how a platform it does not know publishes credentials, ` +
          'and did not fetch the page; ask the candidate for the credential file (or an Open Badges / Europass link), or check the page yourself.',
      },
    ],
    issuer: {},
    trust: [],
    credential: candidate.label === undefined ? {} : { title: candidate.label },
    elements: [],
    differences: [],
    contacted: [],
    checkedAt: at,
    evaluatedAt: at,
    source: candidate.url,
  };
}
