import { REPORT_VERSION, type VerificationReport } from '../model/report';

/**
 * The report shown when the verifier itself failed unexpectedly (it is specified never
 * to throw; this keeps the UI contract if it does): `unverifiable`, with the reason.
 */
export function internalErrorReport(source: string, error: unknown, now: Date): VerificationReport {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const at = now.toISOString();
  return {
    version: REPORT_VERSION,
    verdict: 'unverifiable',
    summary: 'CredLens could not check this credential because of an internal error.',
    format: { id: 'unknown', label: 'Unknown', container: 'unknown' },
    authenticity: { level: 'A0', evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: [] },
    checks: [
      {
        id: 'internal.error',
        status: 'error',
        code: 'ERR_INTERNAL',
        message: 'The verifier failed unexpectedly; please report this.',
        detail,
        impact: 'unverifiable',
      },
    ],
    issuer: {},
    trust: [],
    credential: {},
    elements: [],
    differences: [],
    contacted: [],
    checkedAt: at,
    evaluatedAt: at,
    source,
  };
}
