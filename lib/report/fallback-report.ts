import { REPORT_VERSION, type Check, type VerificationReport } from '../model/report';
import { withReading } from './grade';

/** A report that rests on one failed check: `unverifiable`, A0, nothing else known. */
function oneCheckReport(source: string, check: Check, label: string, now: Date): VerificationReport {
  const at = now.toISOString();
  return withReading({
    version: REPORT_VERSION,
    verdict: 'unverifiable',
    format: { id: 'unknown', label, container: 'unknown' },
    authenticity: { level: 'A0', evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: [] },
    checks: [check],
    issuer: {},
    trust: [],
    credential: {},
    elements: [],
    differences: [],
    contacted: [],
    checkedAt: at,
    evaluatedAt: at,
    source,
  });
}

/**
 * The report shown when the verifier itself failed unexpectedly (it is specified never
 * to throw; this keeps the UI contract if it does): `unverifiable`, with the reason.
 */
export function internalErrorReport(source: string, error: unknown, now: Date): VerificationReport {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return oneCheckReport(
    source,
    {
      id: 'internal.error',
      status: 'error',
      code: 'ERR_INTERNAL',
      message: 'The verifier failed unexpectedly; please report this.',
      detail,
      impact: 'unverifiable',
    },
    'Unknown',
    now,
  );
}

/** The report of an input that could not be read (a missing file in a CLI batch): `unverifiable`. */
export function unreadableInputReport(source: string, reason: string, now: Date): VerificationReport {
  const message = `This input could not be read: ${reason}.`;
  return oneCheckReport(
    source,
    { id: 'input.read', status: 'error', code: 'ERR_INPUT_UNREADABLE', impact: 'unverifiable', message },
    'Not read',
    now,
  );
}
