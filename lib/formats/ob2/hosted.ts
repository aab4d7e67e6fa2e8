/**
 * Hosted verification (OB 2.0 §"Badge Verification" → "HostedBadge"): the assertion's id must be
 * an http(s) URL, the copy served at that URL is authoritative and must carry the same id, and
 * the id must sit inside the issuer's verification policy (`allowedOrigins`, `startsWith`; by
 * default the issuer id's own origin — validator-core `hosted_id_in_verification_scope`).
 * A 410 Gone answer (optionally with `{revoked: true, revocationReason}`) means revoked.
 */
import type { FetchFail } from '../../model/env';
import type { Acquired, VerifyContext } from '../../model/format';
import type { Check } from '../../model/report';
import { sourceFailure } from '../../report/source-failure';
import { fetchDoc, parseJsonBytes, type Budget, type Doc } from './load-graph';
import { abbreviate, asArray, authority, check, isHttpUrl, isObj, str, type Json } from './util';

/** What the hosted-copy step learned. */
export interface HostedOutcome {
  check: Check;
  /** The authoritative copy, when it could be fetched (or the input was fetched from its id). */
  hosted?: Doc;
  /** Set when the server answered 410 Gone: the issuer withdrew the badge. */
  gone?: { reason?: string; url: string };
}

/** The fetch failure the acquirer recorded for a URL input (410 body etc.), when present. */
export function acquiredFetchFailure(acquired: Acquired): FetchFail | undefined {
  const f = (acquired as Acquired & { fetchFailure?: FetchFail }).fetchFailure;
  return f && f.ok === false ? f : undefined;
}

function goneReason(fail: FetchFail | undefined): string | undefined {
  if (!fail?.bytes) return undefined;
  const body = parseJsonBytes(fail.bytes);
  return isObj(body) ? str(body.revocationReason) : undefined;
}

/** Fetches the hosted copy from the assertion id (or reuses the input when it came from there). */
export async function checkHostedCopy(
  ctx: VerifyContext,
  acquired: Acquired,
  given: Doc,
  budget: Budget,
): Promise<HostedOutcome> {
  const id = str(given.data.id);
  if (id === undefined || !isHttpUrl(id)) {
    return {
      check: check.failed(
        'proof.hosted',
        'ERR_OB2_HOSTED_ID_NOT_URL',
        'invalid',
        'This badge says it is hosted by its issuer, but its id is not a web address where it could be checked.',
        `Hosted assertions need an http(s) id; got ${JSON.stringify(id ?? null)}.`,
      ),
    };
  }
  const from = acquired.fetchedFrom;
  if (from && (from.url === id || from.finalUrl === id) && acquired.payload.type === 'json') {
    const hosted: Doc = { ...given, url: from.url, finalUrl: from.finalUrl };
    return {
      hosted,
      check: check.passed(
        'proof.hosted',
        'OK_OB2_HOSTED',
        `The badge was read directly from its issuer's address ${id}.`,
        from.redirects.length > 0 ? `Redirects: ${from.redirects.join(' → ')}` : undefined,
      ),
    };
  }
  const loaded = await fetchDoc(ctx, id, 'hosted assertion', budget);
  if (!loaded.ok) {
    const f = loaded.failure;
    if (f.fetch?.status === 410) {
      const reason = goneReason(f.fetch);
      const gone: { url: string; reason?: string } = { url: id };
      if (reason !== undefined) gone.reason = reason;
      return {
        gone,
        check: check.passed(
          'proof.hosted',
          'OK_OB2_HOSTED_GONE',
          `The issuer's server answered for this badge at ${id} (HTTP 410 Gone: withdrawn).`,
        ),
      };
    }
    if (f.fetch?.status === 404) {
      // The issuer's own server says the badge does not exist: a red flag, not "try again".
      const said = sourceFailure(f.fetch, 'this badge');
      return { check: check.failed('proof.hosted', said.code, said.impact, said.message, said.detail) };
    }
    return {
      check: check.error(
        'proof.hosted',
        f.code,
        f.impact,
        `The issuer's copy of this badge could not be checked: ${f.message}`,
        f.detail,
      ),
    };
  }
  const hosted = loaded.doc;
  const hostedId = str(hosted.data.id);
  if (hostedId !== id) {
    return {
      check: check.failed(
        'proof.hosted',
        'ERR_OB2_HOSTED_ID_MISMATCH',
        'invalid',
        "The copy published at the badge's address is a different badge, so this copy is not genuine.",
        `Given id ${id}; the document at that URL has id ${JSON.stringify(hostedId ?? null)}.`,
      ),
    };
  }
  const redirected =
    hosted.finalUrl && hosted.finalUrl !== id ? `Served from ${hosted.finalUrl} after redirect.` : undefined;
  return {
    hosted,
    check: check.passed(
      'proof.hosted',
      'OK_OB2_HOSTED',
      `The issuer's copy of this badge was fetched from ${id} and has the same id.`,
      redirected,
    ),
  };
}

/** The 410 answer of a URL input, when the acquirer could not fetch it. */
export function goneFromAcquired(acquired: Acquired): HostedOutcome['gone'] | undefined {
  const f = acquiredFetchFailure(acquired);
  if (f?.status !== 410) return undefined;
  const reason = goneReason(f);
  return reason !== undefined ? { url: f.url, reason } : { url: f.url };
}

/**
 * Hosted verification policy of the issuer (default: same origin as the issuer id). Both the
 * assertion id and the address the hosted copy was finally served from (after redirects) must
 * sit inside it: an id on the issuer's domain that redirects elsewhere is not the issuer's word.
 */
export function checkHostedPolicy(assertionId: string, issuer: Doc, servedFrom?: string): Check {
  const id = checkHostedPlace(assertionId, issuer);
  if (id.status !== 'passed' || servedFrom === undefined || servedFrom === assertionId) return id;
  const served = checkHostedPlace(servedFrom, issuer);
  if (served.status === 'passed')
    return { ...id, detail: `${id.detail ?? ''} Served from ${servedFrom}, also inside it.`.trim() };
  return {
    ...served,
    message: `This badge's address redirects to ${authority(servedFrom) ?? servedFrom}, which its issuer does not allow, so the issuer did not vouch for the copy served there.`,
    detail: `Assertion ${assertionId} was served from ${servedFrom}. ${served.detail ?? ''}`.trim(),
  };
}

function checkHostedPlace(assertionId: string, issuer: Doc): Check {
  const issuerId = str(issuer.data.id) ?? '';
  const policy: Json = isObj(issuer.data.verification) ? issuer.data.verification : {};
  const startsWith = asArray(policy.startsWith).filter((s): s is string => typeof s === 'string');
  if (startsWith.length > 0 && !startsWith.some((s) => assertionId.startsWith(s))) {
    return check.failed(
      'issuer.identity',
      'ERR_OB2_HOSTED_OUTSIDE_POLICY',
      'invalid',
      'This badge is not published where its issuer says its badges live, so the issuer did not vouch for it.',
      `Assertion ${assertionId} does not start with any of ${JSON.stringify(startsWith)} (issuer ${issuerId} verification.startsWith).`,
    );
  }
  const declared = asArray(policy.allowedOrigins).filter((s): s is string => typeof s === 'string');
  const origins = declared.length > 0 ? declared : [authority(issuerId)].filter((s): s is string => !!s);
  if (origins.length === 0 || !isHttpUrl(issuerId)) {
    return check.warning(
      'issuer.identity',
      'WARN_OB2_ISSUER_NOT_WEB',
      "The issuer profile has no web address, so CredLens could not confirm the badge is hosted on the issuer's own site.",
      `Issuer id ${abbreviate(issuerId)} is not http(s); hosted verification policy cannot be enforced.`,
    );
  }
  const host = authority(assertionId);
  if (!host || !origins.includes(host)) {
    return check.failed(
      'issuer.identity',
      'ERR_OB2_HOSTED_OUTSIDE_POLICY',
      'invalid',
      `This badge is hosted on ${host ?? '?'}, which its issuer (${issuerId}) does not allow, so the issuer did not vouch for it.`,
      `Allowed origins: ${JSON.stringify(origins)}${declared.length > 0 ? ' (issuer verification.allowedOrigins)' : ' (default: origin of the issuer id)'}.`,
    );
  }
  return check.passed(
    'issuer.identity',
    'OK_OB2_HOSTED_ON_ISSUER_DOMAIN',
    `The badge is hosted on ${host}, a domain its issuer ${issuerId} controls.`,
    `Allowed origins: ${JSON.stringify(origins)}${startsWith.length > 0 ? `; startsWith ${JSON.stringify(startsWith)}` : ''}.`,
  );
}
