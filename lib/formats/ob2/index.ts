/**
 * The Open Badges 2.0 / 1.x format module: hosted and signed OB 2.0 assertions, OB 1.0 hosted
 * and signed assertions, OB 0.5 assertions, and baked images that carry only a URL.
 * `verify` never throws: an unexpected error becomes an `error` check.
 */
import type { Acquired, FormatHandler, FormatResult, VerifyContext } from '../../model/format';
import type { Check } from '../../model/report';
import { verifyAssertion } from './assertion';
import { classify, classifyJson } from './claims';
import { verifyDocument } from './documents';
import { acquiredFetchFailure } from './hosted';
import { sourceFailure } from '../../report/source-failure';
import { normalise, parseJsonBytes } from './load-graph';
import { verifyOb05 } from './ob05';
import { verifyOb1 } from './ob1';
import { buildResult } from './result';
import { decodeJws } from './signed';
import { check, errorText, isObj, str, types } from './util';

function failure(acquired: Acquired, checks: Check[], label = 'Open Badges'): FormatResult {
  const ids = checks.map((c) => c.id);
  const blocker = [...checks].reverse().find((c) => c.status !== 'passed')?.id ?? 'format.recognized';
  const why =
    blocker === 'status.revocation'
      ? 'Not checked: the issuer withdrew this badge.'
      : 'Not checked: the badge could not be read.';
  for (const id of [
    'format.schema',
    'issuer.identity',
    'status.revocation',
    'validity.window',
    'recipient.match',
  ]) {
    if (!ids.includes(id)) checks.push(check.skipped(id, why, blocker));
  }
  return buildResult({ format: { id: 'unknown', label, container: acquired.container }, checks });
}

async function verifyJson(
  acquired: Acquired,
  ctx: VerifyContext,
  value: unknown,
  token?: string,
): Promise<FormatResult> {
  const kind = classifyJson(value);
  if (!isObj(value) || !kind) {
    return failure(acquired, [
      check.failed(
        'format.recognized',
        'ERR_OB_UNRECOGNISED',
        'unverifiable',
        'This is not an Open Badge CredLens can read.',
      ),
    ]);
  }
  if (kind === 'ob05') return verifyOb05(acquired, ctx, value);
  if (kind === 'ob1') return verifyOb1(acquired, ctx, value, token);
  const loaded = await normalise(value, 'badge');
  if (!loaded.ok) {
    const f = loaded.failure;
    return failure(
      acquired,
      [
        check.passed('format.recognized', 'OK_OB2', 'Recognised as an Open Badges 2.0 document.'),
        f.code === 'ERR_JSONLD_CONTEXT_UNKNOWN'
          ? check.error('format.schema', f.code, 'unverifiable', f.message, f.detail)
          : check.failed('format.schema', f.code, 'invalid', f.message, f.detail),
      ],
      'Open Badges 2.0',
    );
  }
  const t = types(loaded.doc.data);
  if (!t.includes('Assertion')) return verifyDocument(acquired, ctx, loaded.doc);
  return verifyAssertion(acquired, ctx, loaded.doc, token);
}

/** A baked image whose `openbadges` chunk holds only the assertion URL: fetch it, then verify. */
async function verifyUrl(acquired: Acquired, ctx: VerifyContext, url: string): Promise<FormatResult> {
  const failed = acquiredFetchFailure(acquired);
  if (failed) return verifyFetchFailure(acquired, ctx, url, failed.bytes);
  const res = await ctx.fetch(url, 'hosted assertion');
  if (!res.ok) {
    if (res.status === 410)
      return verifyFetchFailure({ ...acquired, fetchFailure: res }, ctx, url, res.bytes);
    const said = sourceFailure(res, 'this badge');
    return failure(acquired, [
      check.passed('format.recognized', 'OK_OB_BAKED_URL', `A baked Open Badge that points to ${url}.`),
      said.impact === 'invalid'
        ? check.failed('proof.hosted', said.code, said.impact, said.message, said.detail)
        : check.error('proof.hosted', said.code, said.impact, said.message, said.detail),
    ]);
  }
  const value = parseJsonBytes(res.bytes);
  const fetched: Acquired = {
    ...acquired,
    payload: { type: 'json', value, text: new TextDecoder().decode(res.bytes) },
    fetchedFrom: { url, finalUrl: res.finalUrl, redirects: res.redirects },
  };
  return verifyJson(fetched, ctx, value);
}

async function verifyFetchFailure(
  acquired: Acquired,
  ctx: VerifyContext,
  url: string,
  bytes: Uint8Array | undefined,
): Promise<FormatResult> {
  const body = bytes ? parseJsonBytes(bytes) : undefined;
  const status = acquiredFetchFailure(acquired)?.status;
  if (status === 410) {
    // OB 2.0: a revoked hosted assertion answers 410 Gone, often with the assertion (or a notice) as body.
    if (isObj(body) && classifyJson(body) === 'ob2') {
      const loaded = await normalise(body, 'revoked badge', url);
      if (loaded.ok && types(loaded.doc.data).includes('Assertion'))
        return verifyAssertion(acquired, ctx, loaded.doc);
    }
    const reason = isObj(body) ? str(body.revocationReason) : undefined;
    return failure(acquired, [
      check.passed('format.recognized', 'OK_OB_BAKED_URL', `An Open Badge hosted at ${url}.`),
      check.passed(
        'proof.hosted',
        'OK_OB2_HOSTED_GONE',
        `The issuer's server answered for this badge at ${url} (HTTP 410 Gone: withdrawn).`,
      ),
      check.failed(
        'status.revocation',
        'ERR_OB2_REVOKED',
        'revoked',
        reason ? `This badge was revoked by its issuer: ${reason}` : 'This badge was revoked by its issuer.',
        `${url} answered HTTP 410 Gone.`,
      ),
    ]);
  }
  const fail = acquiredFetchFailure(acquired);
  const said = fail
    ? sourceFailure(fail, 'this badge')
    : sourceFailure({ url, code: 'ERR_NET_UNREACHABLE', message: 'not fetched' }, 'this badge');
  return failure(acquired, [
    check.passed('format.recognized', 'OK_OB_BAKED_URL', `An Open Badge that points to ${url}.`),
    said.impact === 'invalid'
      ? check.failed('proof.hosted', said.code, said.impact, said.message, said.detail)
      : check.error('proof.hosted', said.code, said.impact, said.message, said.detail),
  ]);
}

async function dispatch(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
  const p = acquired.payload;
  if (p.type === 'json') return verifyJson(acquired, ctx, p.value);
  if (p.type === 'jws') {
    const decoded = decodeJws(p.token);
    if (!decoded)
      return failure(acquired, [
        check.failed(
          'format.recognized',
          'ERR_OB_JWS_MALFORMED',
          'invalid',
          'The signed badge is damaged and cannot be read.',
        ),
      ]);
    return verifyJson(acquired, ctx, decoded.payload, p.token);
  }
  if (p.type !== 'url')
    return failure(acquired, [
      check.failed(
        'format.recognized',
        'ERR_OB_UNRECOGNISED',
        'unverifiable',
        p.type === 'xml' ? 'This XML document is not a badge.' : 'This is not a badge.',
      ),
    ]);
  return verifyUrl(acquired, ctx, p.url);
}

/** The Open Badges 2.0 / 1.x format handler. */
export const ob2Format: FormatHandler = {
  claims(acquired: Acquired): boolean {
    try {
      return classify(acquired) !== undefined;
    } catch {
      return false;
    }
  },
  async verify(acquired: Acquired, ctx: VerifyContext): Promise<FormatResult> {
    try {
      return await dispatch(acquired, ctx);
    } catch (error) {
      // SECURITY: a bug must surface as an error check, never as a pass or a crash.
      return failure(acquired, [
        check.error(
          'format.recognized',
          'ERR_INTERNAL',
          'unverifiable',
          'CredLens hit an internal error while checking this Open Badge.',
          errorText(error),
        ),
      ]);
    }
  },
};
