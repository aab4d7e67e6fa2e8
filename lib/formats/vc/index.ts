/**
 * The W3C Verifiable Credentials format module: Open Badges 3.0, CLR 2.0 and generic VCs, as
 * JSON-LD with Data Integrity proofs or as VC-JWT / vc+jwt. `verify` never throws: an unexpected
 * error becomes an `error` check. Exported as `vcFormat` (per-verification DID cache) and
 * `createVcFormat` (a caller-owned cache, e.g. the extension's, that outlives one verification).
 */
import type { Acquired, FormatHandler, FormatResult, VerifyContext } from '../../model/format';
import { createDidCache, type DidCache } from '../../did/cache';
import { claimsVc } from './claims';
import { type Engine, type VcRun, verifyVcJson } from './engine';
import { verifyVcJwt } from './engine-jwt';
import { checkEndorsements } from './endorsements';
import { buildVcResult } from './result';
import { check, errorText, isObj } from './util';

async function run(acquired: Acquired, ctx: VerifyContext, cache: DidCache): Promise<FormatResult> {
  const engine: Engine = {
    ctx,
    resolve: { fetch: ctx.fetch, now: ctx.now, cache },
    cache,
    memo: new Map(),
    depth: 0,
  };
  const p = acquired.payload;
  let result: VcRun | undefined;
  if (p.type === 'json' && isObj(p.value)) result = await verifyVcJson(p.value, engine);
  else if (p.type === 'jws') result = await verifyVcJwt(p.token, engine);
  if (!result) return failure(acquired, 'ERR_VC_UNREADABLE', 'This credential could not be read.');
  const endorsed = await checkEndorsements(result.vc, engine);
  result.checks.push(...endorsed.checks);
  result.endorsements = endorsed.summaries;
  const endorserIds = endorsed.summaries.map((s) => s.endorser).filter((x): x is string => !!x);
  let trusted: string[] = [];
  if (endorserIds.length > 0) {
    const lookup = await ctx.trust.lookupIssuer(endorserIds);
    trusted = lookup.hits.filter((h) => h.list === 'allow').map((h) => h.entryId);
    trusted = endorserIds.filter(
      (e) => trusted.includes(e) || lookup.hits.some((h) => h.list === 'allow' && h.entryId === e),
    );
  }
  return buildVcResult(acquired, result, trusted);
}

function failure(acquired: Acquired, code: string, message: string, detail?: string): FormatResult {
  return {
    format: { id: 'unknown', label: 'W3C Verifiable Credential', container: acquired.container },
    checks: [check.error('format.recognized', code, 'unverifiable', message, detail)],
    issuer: {},
    issuerIds: [],
    credential: {},
    elements: [],
    differences: [],
    authenticity: { level: 'A0', evidence: [message] },
    qualityAssurance: { level: 'Q0', evidence: ['Nothing stated.'] },
  };
}

/** Creates the VC format handler; pass a DidCache to keep resolved documents across verifications. */
export function createVcFormat(opts: { cache?: DidCache } = {}): FormatHandler {
  return {
    claims(acquired: Acquired): boolean {
      try {
        return claimsVc(acquired);
      } catch {
        return false;
      }
    },
    async verify(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
      try {
        return await run(acquired, ctx, opts.cache ?? createDidCache());
      } catch (error) {
        // SECURITY: a bug must surface as an error check, never as a pass or a crash.
        return failure(
          acquired,
          'ERR_INTERNAL',
          'CredLens hit an internal error while checking this credential.',
          errorText(error),
        );
      }
    },
  };
}

/** The VC / OB 3.0 / CLR 2.0 format handler (fresh DID cache per verification). */
export const vcFormat: FormatHandler = createVcFormat();
