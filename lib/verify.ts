/**
 * The verification pipeline: acquire → recognise → verify (format module) → trust → grade.
 * `verifyCredential` never throws: every failure becomes a check with a reason.
 */
import { acquireInput } from './acquire/acquire';
import { FORMATS } from './formats/index';
import type { VerifyEnv } from './model/env';
import type { Acquired, FormatResult, RecordingFetch, VerifyContext } from './model/format';
import type { CredentialInput } from './model/input';
import type { Check, ContactedUrl, FormatInfo, VerificationReport } from './model/report';
import { REPORT_VERSION } from './model/report';
import { gradeAuthenticity, gradeVerdict, withReading } from './report/grade';
import { sourceFailure } from './report/source-failure';
import { checkIssuerTrust } from './trust/check-trust';
import { defaultQaRegisters, qaDataVersions } from './qa/bundled';
import { gradeQualityAssurance } from './qa/grade-qa';
import { platformAttestation } from './trust/platform';
import { createRevocationCache } from './x509/revocation-cache';

const UNKNOWN_FORMAT: FormatInfo = { id: 'unknown', label: 'Not recognised', container: 'unknown' };

/** Wraps the safe fetcher so every request lands in the report's `contacted` list. */
function createRecordingFetch(env: VerifyEnv, contacted: ContactedUrl[]): RecordingFetch {
  return async (url, purpose, req) => {
    const result = await env.fetch(url, req);
    const entry: ContactedUrl = { url, purpose };
    if (result.status !== undefined) entry.status = result.status;
    if (!result.ok) entry.error = result.code;
    contacted.push(entry);
    return result;
  };
}

function describeInput(input: CredentialInput): string {
  if (input.kind === 'url') return input.url;
  return input.name ?? '(input)';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** An empty format result for inputs no module could verify. */
function emptyResult(format: FormatInfo, checks: Check[]): FormatResult {
  return {
    format,
    checks,
    issuer: {},
    issuerIds: [],
    credential: {},
    elements: [],
    differences: [],
    authenticity: { level: 'A0', evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: ['Nothing stated.'] },
  };
}

async function runFormat(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
  const handler = FORMATS.find((h) => h.claims(acquired));
  if (!handler && acquired.fetchFailure) {
    // The address itself failed: say what the site answered, not "not a credential format".
    const said = sourceFailure(acquired.fetchFailure);
    return emptyResult({ ...UNKNOWN_FORMAT, label: 'Credential address', container: acquired.container }, [
      ...acquired.checks,
      {
        id: 'format.recognized',
        status: said.impact === 'invalid' ? 'failed' : 'error',
        code: said.code,
        impact: said.impact,
        message: said.message,
        detail: said.detail,
      },
    ]);
  }
  if (!handler) {
    return emptyResult({ ...UNKNOWN_FORMAT, container: acquired.container }, [
      ...acquired.checks,
      {
        id: 'format.recognized',
        status: 'failed',
        code: 'ERR_FORMAT_UNKNOWN',
        impact: 'unverifiable',
        message: 'This is not a credential format CredLens can verify.',
        detail: `Container: ${acquired.container}; payload: ${acquired.payload.type}.`,
      },
    ]);
  }
  try {
    const result = await handler.verify(acquired, ctx);
    return { ...result, checks: [...acquired.checks, ...result.checks] };
  } catch (error) {
    // SECURITY: a bug in a format module must not turn into a pass or crash the worker.
    return emptyResult({ ...UNKNOWN_FORMAT, container: acquired.container }, [
      ...acquired.checks,
      {
        id: 'format.recognized',
        status: 'error',
        code: 'ERR_INTERNAL',
        impact: 'unverifiable',
        message: 'CredLens hit an internal error while checking this credential.',
        detail: errorMessage(error),
      },
    ]);
  }
}

/** Issuer-dependent checks need a proven issuer; otherwise trust is skipped, naming the blocker. */
async function trustCheck(
  result: FormatResult,
  ctx: VerifyContext,
): Promise<{ check: Check; hits: VerificationReport['trust'] }> {
  const identity = result.checks.find((c) => c.id === 'issuer.identity');
  const blocker =
    identity && identity.status !== 'passed' && identity.status !== 'warning'
      ? identity
      : result.checks.find((c) => c.status === 'failed' && c.impact === 'invalid');
  if (blocker || (result.issuerIds.length === 0 && !result.trustHits?.length)) {
    return {
      hits: [],
      check: {
        id: 'issuer.trust',
        status: 'skipped',
        code: 'SKIP_NO_ISSUER',
        message: 'Trust lists were not consulted because the issuer could not be established.',
        blockedBy: blocker?.id ?? 'issuer.identity',
      },
    };
  }
  const found = await ctx.trust.lookupIssuer(result.issuerIds, { fetch: ctx.fetch, now: ctx.now });
  // Hits the format proved itself (an EU-listed sealer) count like list entries; an org deny still wins.
  const lookup = result.trustHits?.length ? { ...found, hits: [...result.trustHits, ...found.hits] } : found;
  return { hits: lookup.hits, check: checkIssuerTrust(result.issuer, result.issuerIds, lookup) };
}

/**
 * Says where the issuer's name comes from: a trust source's entry wins (its name is shown), an
 * established issuer (A2 and up) states its own, and below that the name is self-declared.
 */
function withNameSource(
  issuer: VerificationReport['issuer'],
  level: VerificationReport['authenticity']['level'],
  hits: VerificationReport['trust'],
): VerificationReport['issuer'] {
  const listed = hits.find((h) => h.list === 'allow' && h.entryName);
  if (listed?.entryName) return { ...issuer, name: listed.entryName, nameSource: 'trust-source' };
  if (issuer.name === undefined) return issuer;
  return { ...issuer, nameSource: level === 'A0' || level === 'A1' ? 'self-declared' : 'issuer' };
}

/** Verifies one credential input end to end. Never throws. */
export async function verifyCredential(input: CredentialInput, env: VerifyEnv): Promise<VerificationReport> {
  const contacted: ContactedUrl[] = [];
  const now = env.now();
  const ctx: VerifyContext = {
    fetch: createRecordingFetch(env, contacted),
    now,
    trust: env.trust,
    recipients: env.recipients ?? [],
    contacted,
    revocationCache: env.revocationCache ?? createRevocationCache(),
  };
  if (env.expectedNonce !== undefined) ctx.expectedNonce = env.expectedNonce;
  if (env.expectedAudience !== undefined) ctx.expectedAudience = env.expectedAudience;
  let result: FormatResult;
  try {
    const acquiredResult = await acquireInput(input, ctx.fetch);
    result = acquiredResult.ok
      ? await runFormat(acquiredResult.acquired, ctx)
      : emptyResult(UNKNOWN_FORMAT, [acquiredResult.check]);
  } catch (error) {
    result = emptyResult(UNKNOWN_FORMAT, [
      {
        id: 'format.recognized',
        status: 'error',
        code: 'ERR_INTERNAL',
        impact: 'unverifiable',
        message: 'CredLens hit an internal error while reading this input.',
        detail: errorMessage(error),
      },
    ]);
  }

  const checks = [...result.checks];
  let hits: VerificationReport['trust'] = [];
  if (result.format.id !== 'unknown') {
    try {
      const trust = await trustCheck(result, ctx);
      checks.push(trust.check);
      hits = trust.hits;
    } catch (error) {
      checks.push({
        id: 'issuer.trust',
        status: 'error',
        code: 'ERR_TRUST_STORE',
        impact: 'verified-untrusted',
        message: 'The trust lists could not be consulted.',
        detail: errorMessage(error),
      });
    }
  }
  const verdict = gradeVerdict(checks);
  const authenticity = gradeAuthenticity(verdict, result.authenticity, hits, checks);
  const issuer = withNameSource(result.issuer, authenticity.level, hits);
  const registers = env.trust.qaRegisters?.() ?? defaultQaRegisters();
  const qaInput: Parameters<typeof gradeQualityAssurance>[0] = {
    verdict,
    authenticity: authenticity.level,
    formatQa: result.qualityAssurance,
    issuerIds: result.issuerIds,
    elements: result.elements,
    now,
    registers,
  };
  if (result.credential.issuedOn !== undefined) qaInput.issuedOn = result.credential.issuedOn;
  const platform = result.format.id === 'unknown' ? undefined : platformAttestation(contacted);
  const storeVersions = env.trust.versions?.() ?? [];
  const trustData = [
    ...storeVersions,
    ...qaDataVersions(registers).filter((v) => !storeVersions.some((s) => s.sourceId === v.sourceId)),
  ];
  return withReading({
    version: REPORT_VERSION,
    verdict,
    format: result.format,
    authenticity,
    qualityAssurance: gradeQualityAssurance(qaInput),
    checks,
    issuer,
    trust: hits,
    credential: result.credential,
    elements: result.elements,
    differences: result.differences,
    contacted,
    checkedAt: (env.clock?.() ?? new Date()).toISOString(),
    evaluatedAt: now.toISOString(),
    source: describeInput(input),
    ...(platform === undefined ? {} : { platform }),
    ...(trustData.length === 0 ? {} : { trustData }),
  });
}
