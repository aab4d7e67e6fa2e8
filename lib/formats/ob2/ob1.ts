/**
 * Open Badges 1.0 and 0.5 assertions that still circulate (OB 1.0 §"Assertion", §"Badge
 * Verification"; mozilla/openbadges-validator rules). 1.0 hosted: the copy at `verify.url` is
 * authoritative (same `uid`) and must be on the issuer's domain; 1.0 signed: a JWS (RS256) whose
 * `verify.url` is the issuer's PEM public key, revocation by the issuer's `revocationList`
 * (uid → reason). 0.5: no id or verification URL — checkable only when fetched from the issuer's
 * `origin`. 1.x JSON is read as plain JSON: the v1 context imports
 * https://w3id.org/openbadges/legacy-v1, which is not available, and 1.x defines no JSON-LD semantics
 * a verifier relies on.
 */
import { sourceFailure } from '../../report/source-failure';
import { compactVerify, importSPKI } from 'jose';
import type { Acquired, FormatResult, VerifyContext } from '../../model/format';
import type { Check, Difference, FormatInfo } from '../../model/report';
import { diffCopies } from './differences';
import { acquiredFetchFailure } from './hosted';
import { createBudget, parseJsonBytes, type Budget, type Doc } from './load-graph';
import { checkRecipient } from './recipient';
import { buildResult, recipientOf } from './result';
import { OB2_JWS_ALGORITHMS } from './signed';
import { authority, check, errorText, isHttpUrl, isObj, str, type Json } from './util';
import { checkValidity } from './validity';

/** A plain-JSON (not JSON-LD) document, as OB 1.x and 0.5 objects are read. */
export const doc = (raw: Json, url?: string): Doc =>
  url
    ? { raw, data: raw, url, ignoredTerms: [], extensions: [] }
    : { raw, data: raw, ignoredTerms: [], extensions: [] };

async function fetchJson(
  ctx: VerifyContext,
  url: string,
  purpose: string,
  budget: Budget,
): Promise<
  | { ok: true; json: Json; finalUrl: string }
  | { ok: false; status?: number; message: string; bytes?: Uint8Array }
> {
  if (!isHttpUrl(url)) return { ok: false, message: `${url} is not a web address.` };
  if (budget.used >= budget.max) return { ok: false, message: 'Too many linked documents.' };
  budget.used++;
  const res = await ctx.fetch(url, purpose);
  if (!res.ok) {
    const out: { ok: false; status?: number; message: string; bytes?: Uint8Array } = {
      ok: false,
      message: `${res.code}: ${res.message}`,
    };
    if (res.status !== undefined) out.status = res.status;
    if (res.bytes !== undefined) out.bytes = res.bytes;
    return out;
  }
  const json = parseJsonBytes(res.bytes);
  return isObj(json)
    ? { ok: true, json, finalUrl: res.finalUrl }
    : { ok: false, message: `${url} did not answer with a JSON object.` };
}

/** SECURITY: the hosted copy / key must live on the issuer's own domain (or a subdomain). */
export function sameSite(url: string | undefined, issuerUrl: string | undefined): boolean {
  const a = authority(url)?.toLowerCase();
  const b = authority(issuerUrl)
    ?.toLowerCase()
    .replace(/^www\./, '');
  return !!a && !!b && (a === b || a.endsWith(`.${b}`) || a.replace(/^www\./, '') === b);
}

function ob1Problems(a: Json, badge?: Json, issuer?: Json): string[] {
  const p: string[] = [];
  if (typeof a.uid !== 'string') p.push('uid is missing');
  if (!isObj(a.recipient) || !str(a.recipient.identity)) p.push('recipient is missing');
  if (typeof a.badge !== 'string') p.push('badge (URL) is missing');
  if (!isObj(a.verify) || !str(a.verify.url)) p.push('verify.url is missing');
  if (a.issuedOn === undefined) p.push('issuedOn is missing');
  if (badge)
    for (const k of ['name', 'description', 'image', 'criteria', 'issuer'])
      if (badge[k] === undefined) p.push(`badge.${k} is missing`);
  if (issuer)
    for (const k of ['name', 'url']) if (issuer[k] === undefined) p.push(`badge.issuer.${k} is missing`);
  return p;
}

/** Pushes `skipped` checks for `ids`, all blocked by the same check. */
export const skipAll = (checks: Check[], ids: string[], message: string, blockedBy: string): void => {
  for (const id of ids) checks.push(check.skipped(id, message, blockedBy));
};

/** Verifies an OB 1.0 hosted assertion (or a baked `{verify: {url}}` pointer) or, with `token`, a signed one. */
export async function verifyOb1(
  acquired: Acquired,
  ctx: VerifyContext,
  given: Json,
  token?: string,
): Promise<FormatResult> {
  const budget = createBudget();
  const signed = token !== undefined;
  const format: FormatInfo = {
    id: signed ? 'ob1-signed' : 'ob1-hosted',
    label: signed ? 'Open Badges 1.0 (signed)' : 'Open Badges 1.0 (hosted)',
    container: acquired.container,
  };
  const checks: Check[] = [
    check.passed('format.recognized', 'OK_OB1', `Recognised as an ${format.label} badge.`),
  ];
  const verifyUrl = isObj(given.verify) ? str(given.verify.url) : undefined;
  let auth = given;
  let differences: Difference[] = [];
  let proof: Check;
  let gone: string | undefined | null = null;

  if (!signed) {
    const from = acquired.fetchedFrom;
    const failed = acquiredFetchFailure(acquired);
    const res =
      from && verifyUrl && (from.url === verifyUrl || from.finalUrl === verifyUrl)
        ? { ok: true as const, json: given, finalUrl: from.finalUrl }
        : failed?.status === 410 && failed.url === verifyUrl
          ? {
              ok: false as const,
              status: 410,
              message: failed.message,
              ...(failed.bytes ? { bytes: failed.bytes } : {}),
            }
          : verifyUrl
            ? await fetchJson(ctx, verifyUrl, 'hosted assertion', budget)
            : { ok: false as const, message: 'verify.url is missing.' };
    if (res.ok) {
      auth = res.json;
      if (auth !== given) differences = diffCopies(given, auth);
      proof =
        typeof given.uid === 'string' && auth.uid !== given.uid
          ? check.failed(
              'proof.hosted',
              'ERR_OB1_HOSTED_MISMATCH',
              'invalid',
              "The copy published at the badge's address is a different badge, so this copy is not genuine.",
              `uid ${String(given.uid)} vs ${String(auth.uid)}.`,
            )
          : check.passed(
              'proof.hosted',
              'OK_OB1_HOSTED',
              `The issuer's copy of this badge was fetched from ${verifyUrl ?? '?'}.`,
            );
    } else if (res.status === 410) {
      const body = res.bytes ? parseJsonBytes(res.bytes) : undefined;
      gone = isObj(body) ? str(body.revocationReason) : undefined;
      proof = check.passed(
        'proof.hosted',
        'OK_OB1_HOSTED_GONE',
        `The issuer's server answered for this badge at ${verifyUrl ?? '?'} (HTTP 410 Gone: withdrawn).`,
      );
    } else if (res.status === 404) {
      // The issuer's server says the badge does not exist: a red flag, not "try again".
      const said = sourceFailure({ ...res, url: verifyUrl ?? '' }, 'this badge');
      proof = check.failed('proof.hosted', said.code, said.impact, said.message, said.detail);
    } else {
      proof = check.error(
        'proof.hosted',
        'ERR_OB1_HOSTED_UNREACHABLE',
        'unverifiable',
        `The issuer's copy of this badge at ${verifyUrl ?? '(no address)'} could not be fetched${res.status ? ` (HTTP ${res.status})` : ''}, so it cannot be checked.`,
        res.message,
      );
    }
  } else {
    proof = check.error(
      'proof.signature',
      'ERR_OB1_KEY_UNREACHABLE',
      'unverifiable',
      "The issuer's public key could not be fetched, so the signature cannot be checked.",
    );
    if (verifyUrl && isHttpUrl(verifyUrl) && budget.used < budget.max) {
      budget.used++;
      const res = await ctx.fetch(verifyUrl, 'public key', {
        accept: 'application/x-pem-file, text/plain;q=0.9, */*;q=0.1',
      });
      if (res.ok) {
        const keyPem = new TextDecoder().decode(res.bytes).trim();
        try {
          const key = await importSPKI(keyPem, 'RS256');
          await compactVerify(token, key, { algorithms: [...OB2_JWS_ALGORITHMS] });
          proof = check.passed(
            'proof.signature',
            'OK_OB1_JWS',
            'The digital signature is valid: the badge has not been changed since it was signed.',
            `RS256 with ${verifyUrl}.`,
          );
        } catch (error) {
          proof = /signature/i.test(errorText(error))
            ? check.failed(
                'proof.signature',
                'ERR_OB1_SIGNATURE_INVALID',
                'invalid',
                'The digital signature does not match: this badge was altered or signed with a different key.',
                errorText(error),
              )
            : check.error(
                'proof.signature',
                'ERR_OB1_KEY_MALFORMED',
                'unverifiable',
                "The issuer's public key or the signature could not be used.",
                errorText(error),
              );
        }
      } else {
        proof = check.error(
          'proof.signature',
          'ERR_OB1_KEY_UNREACHABLE',
          'unverifiable',
          `The issuer's public key at ${verifyUrl} could not be fetched, so the signature cannot be checked.`,
          `${res.code}: ${res.message}`,
        );
      }
    }
  }

  let badge: Json | undefined;
  let issuer: Json | undefined;
  let issuerUrl: string | undefined;
  if (proof.status === 'passed' && gone === null) {
    const b =
      typeof auth.badge === 'string' ? await fetchJson(ctx, auth.badge, 'badge class', budget) : undefined;
    if (b?.ok) {
      badge = b.json;
      issuerUrl = str(badge.issuer);
      const i = issuerUrl ? await fetchJson(ctx, issuerUrl, 'issuer profile', budget) : undefined;
      if (i?.ok) issuer = i.json;
    }
  }
  const problems = gone === null ? ob1Problems(auth, badge, issuer) : [];
  const schema =
    problems.length > 0
      ? check.failed(
          'format.schema',
          'ERR_OB1_SCHEMA',
          'invalid',
          `The badge data is malformed: ${problems[0] ?? ''}.`,
          problems.join('; '),
        )
      : gone !== null
        ? check.skipped('format.schema', 'Not checked: the issuer withdrew this badge.', 'status.revocation')
        : check.passed(
            'format.schema',
            'OK_OB1_SCHEMA',
            'The badge data has every required Open Badges 1.0 property.',
          );
  checks.push(
    proof.status === 'passed'
      ? schema
      : check.skipped('format.schema', 'Not checked: the badge itself could not be fetched.', proof.id),
    proof,
  );
  const recipient = recipientOf(auth);
  const rest = ['issuer.identity', 'status.revocation', 'validity.window', 'recipient.match'];

  if (gone !== null) {
    checks.push(
      check.skipped('issuer.identity', 'Not checked: the issuer withdrew this badge.', 'status.revocation'),
    );
    checks.push(
      check.failed(
        'status.revocation',
        'ERR_OB1_REVOKED',
        'revoked',
        gone ? `This badge was revoked by its issuer: ${gone}` : 'This badge was revoked by its issuer.',
        `${verifyUrl ?? ''} answered HTTP 410 Gone.`,
      ),
    );
    skipAll(
      checks,
      ['validity.window', 'recipient.match'],
      'Not checked: the issuer withdrew this badge.',
      'status.revocation',
    );
  } else if (proof.status !== 'passed' || schema.status !== 'passed') {
    skipAll(
      checks,
      rest,
      'Not checked: the badge itself could not be verified.',
      proof.status !== 'passed' ? proof.id : 'format.schema',
    );
  } else {
    const site = issuer ? str(issuer.url) : undefined;
    const where = signed ? verifyUrl : (acquired.fetchedFrom?.finalUrl ?? verifyUrl);
    checks.push(
      sameSite(where, site)
        ? check.passed(
            'issuer.identity',
            'OK_OB1_ISSUER_DOMAIN',
            `The badge ${signed ? 'key' : 'copy'} is published on the issuer's own site ${authority(site) ?? ''}.`,
          )
        : check.failed(
            'issuer.identity',
            'ERR_OB1_NOT_ISSUER_DOMAIN',
            'invalid',
            `The badge ${signed ? 'key' : 'copy'} is published on ${authority(where) ?? '?'}, not on the issuer's site ${authority(site) ?? '?'}, so the issuer did not vouch for it.`,
          ),
    );
    checks.push(await ob1Revocation(ctx, auth, issuer, signed, budget));
    checks.push(checkValidity(auth.issuedOn, auth.expires, ctx.now));
    checks.push(await checkRecipient(recipient, ctx.recipients));
  }
  const parts: Parameters<typeof buildResult>[0] = { format, checks, assertion: doc(auth), differences };
  if (badge) parts.badge = doc(badge);
  if (issuer) parts.issuer = doc(issuer, issuerUrl);
  if (recipient) parts.recipient = recipient;
  return buildResult(parts);
}

async function ob1Revocation(
  ctx: VerifyContext,
  a: Json,
  issuer: Json | undefined,
  signed: boolean,
  budget: Budget,
): Promise<Check> {
  if (a.revoked === true)
    return check.failed(
      'status.revocation',
      'ERR_OB1_REVOKED',
      'revoked',
      'This badge was revoked by its issuer.',
    );
  const listUrl = issuer ? str(issuer.revocationList) : undefined;
  if (!signed || !listUrl)
    return check.passed(
      'status.revocation',
      'OK_OB1_NOT_REVOKED',
      signed ? 'The issuer publishes no revocation list.' : 'The issuer still publishes this badge.',
    );
  const res = await fetchJson(ctx, listUrl, 'revocation list', budget);
  if (!res.ok)
    return check.error(
      'status.revocation',
      'ERR_OB1_REVOCATION_UNREACHABLE',
      'unverifiable',
      "The issuer's revocation list could not be read, so CredLens cannot tell whether this badge was revoked.",
      res.message,
    );
  const reason = typeof a.uid === 'string' ? res.json[a.uid] : undefined;
  return reason !== undefined
    ? check.failed(
        'status.revocation',
        'ERR_OB1_REVOKED',
        'revoked',
        typeof reason === 'string' && reason
          ? `This badge was revoked by its issuer: ${reason}`
          : 'This badge was revoked by its issuer.',
      )
    : check.passed(
        'status.revocation',
        'OK_OB1_NOT_REVOKED',
        "The badge is not on its issuer's revocation list.",
      );
}
