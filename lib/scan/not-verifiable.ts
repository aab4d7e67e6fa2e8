/**
 * The report for a credential found on a platform that publishes no verifiable form (or on a
 * site CredLens has no rule for): `unverifiable`, saying so plainly, with nothing contacted.
 * Same contract as every report.
 */
import type { Candidate } from '../detect/candidate';
import { UNLISTED_PLATFORM } from '../detect/classify-link';
import { platformInfo } from '../detect/platforms/index';
import { REPORT_VERSION, type VerificationReport } from '../model/report';
import { withReading } from '../report/grade';

/** "found, not verifiable: <platform> publishes no verifiable form" as a report. */
export function notVerifiableReport(candidate: Candidate, now: Date): VerificationReport {
  if (candidate.platform === UNLISTED_PLATFORM) {
    const host = hostOf(candidate.url);
    return foundReport(candidate, now, {
      summary: `Found, not verifiable: ${host} is not a credential platform CredLens knows.`,
      pageLabel: `${host} page`,
      code: 'ERR_PLATFORM_UNKNOWN',
      message: `The page lists this as a credential at ${host}, a site CredLens has no rule for: only that web page says the credential exists.`,
      detail:
        `${candidate.url} was found in the page's credentials section. CredLens does not guess how a platform it does not know publishes credentials, ` +
        'and did not fetch the page; ask the candidate for the credential file (or an Open Badges / Europass link), or check the page yourself.',
      source: candidate.url,
    });
  }
  const info = platformInfo(candidate.platform);
  return foundReport(candidate, now, {
    summary: `Found, not verifiable: ${info.name} publishes no verifiable form of this credential.`,
    pageLabel: `${info.name} page`,
    code: 'ERR_PLATFORM_NO_VERIFIABLE_FORM',
    message: `${info.name} publishes no verifiable form: only its web page says this credential exists.`,
    detail:
      `${candidate.pageUrl} is a ${info.name} page${info.vouches ? ` (${info.vouches})` : ''}. ` +
      'CredLens does not treat a web page as evidence and did not fetch it; ask the candidate for the credential file or check the page yourself.',
    source: candidate.pageUrl,
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

interface Said {
  summary: string;
  pageLabel: string;
  code: string;
  message: string;
  detail: string;
  source: string;
}

function foundReport(candidate: Candidate, now: Date, said: Said): VerificationReport {
  const at = now.toISOString();
  return withReading(
    {
      version: REPORT_VERSION,
      verdict: 'unverifiable',
      format: { id: 'unknown', label: said.pageLabel, container: 'url' },
      authenticity: { level: 'A0', evidence: [] },
      qualityAssurance: { level: 'Q0', evidence: ['Nothing stated.'] },
      checks: [
        {
          id: 'format.recognized',
          status: 'failed',
          code: said.code,
          impact: 'unverifiable',
          message: said.message,
          detail: said.detail,
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
      source: said.source,
    },
    said.summary,
  );
}
