/**
 * The Open Badges 2.0 assertion pipeline (OB 2.0 §"Badge Verification"): normalise, validate the
 * Assertion → BadgeClass → Issuer graph, then hosted or signed proof, issuer identity, revocation,
 * validity window and recipient, in the fixed check order of result.ts.
 */
import type { Acquired, FormatResult, VerifyContext } from '../../model/format';
import type { Check, Difference, FormatInfo } from '../../model/report';
import { diffCopies } from './differences';
import { checkHostedCopy, checkHostedPolicy, goneFromAcquired, type HostedOutcome } from './hosted';
import { createBudget, resolveRef, type Budget, type Doc, type Loaded } from './load-graph';
import { checkRecipient } from './recipient';
import { buildResult, recipientOf } from './result';
import { checkHostedRevocation, checkSignedRevocation } from './revocation';
import { assertionProblems, badgeClassProblems, issuerProblems } from './schema';
import { checkKeyOwner, checkSignature } from './signed';
import { authority, blocks, check, isHttpUrl, isObj, str, types } from './util';
import { checkValidity } from './validity';

/** The linked documents of an assertion, as far as they could be loaded. */
interface Graph {
  badge?: Doc;
  issuer?: Doc;
  /** Why the badge class or issuer profile is missing. */
  failure?: Check;
  warnings: string[];
}

/** Loads BadgeClass and Issuer. SECURITY: the issuer profile is always fetched from its http(s) id
 * when it has one, because keys and hosting policy must come from the issuer, not the badge. */
export async function loadGraph(ctx: VerifyContext, a: Doc, budget: Budget): Promise<Graph> {
  const g: Graph = { warnings: [] };
  const b: Loaded = await resolveRef(ctx, a.data.badge, a.raw.badge, 'badge class', budget);
  if (!b.ok) {
    g.failure = check.error(
      'issuer.identity',
      b.failure.code,
      b.failure.impact,
      `The badge description could not be read: ${b.failure.message}`,
      b.failure.detail,
    );
    return g;
  }
  g.badge = b.doc;
  noteIdDifference(b.doc, 'badge class', g.warnings);
  const i: Loaded = await resolveRef(
    ctx,
    b.doc.data.issuer,
    b.doc.raw.issuer,
    'issuer profile',
    budget,
    true,
  );
  if (!i.ok) {
    g.failure = check.error(
      'issuer.identity',
      i.failure.code,
      i.failure.impact,
      `The issuer's profile could not be read: ${i.failure.message}`,
      i.failure.detail,
    );
    return g;
  }
  g.issuer = i.doc;
  noteIdDifference(i.doc, 'issuer profile', g.warnings);
  return g;
}

function noteIdDifference(doc: Doc, label: string, warnings: string[]): void {
  const id = str(doc.data.id);
  if (doc.url && id !== doc.url)
    warnings.push(`The ${label} fetched from ${doc.url} declares the id ${JSON.stringify(id ?? null)}.`);
}

/** SECURITY: a profile served at one site that claims another site's id is an impersonation. */
function issuerImpersonation(issuer: Doc | undefined): Check | undefined {
  const id = str(issuer?.data.id);
  if (!issuer?.url || !isHttpUrl(id) || id === issuer.url) return undefined;
  if (authority(id) === authority(issuer.url)) return undefined;
  return check.failed(
    'issuer.identity',
    'ERR_OB2_ISSUER_ID_MISMATCH',
    'invalid',
    `The issuer profile published at ${issuer.url} claims to be ${id}, a different organisation's address.`,
    'An issuer profile must be served from its own id.',
  );
}

function schemaCheck(a: Doc, g: Graph, extra: string[]): Check {
  const problems = [...assertionProblems(a.data), ...extra];
  if (g.badge) problems.push(...badgeClassProblems(g.badge.data));
  if (g.issuer) problems.push(...issuerProblems(g.issuer.data));
  const ignored = [a, g.badge, g.issuer].flatMap((d) => d?.ignoredTerms ?? []);
  const exts = [a, g.badge, g.issuer].flatMap((d) => d?.extensions ?? []);
  const notes = [
    ignored.length > 0
      ? `Terms not defined by the Open Badges context (ignored): ${[...new Set(ignored)].join(', ')}.`
      : '',
    exts.length > 0
      ? `Extensions kept as the issuer's claims, not JSON-LD-validated: ${[...new Set(exts)].join(', ')}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (problems.length > 0) {
    return check.failed(
      'format.schema',
      'ERR_OB2_SCHEMA',
      'invalid',
      `The badge data is malformed: ${problems[0] ?? ''}.`,
      [problems.join('; '), notes].filter(Boolean).join(' '),
    );
  }
  if (g.warnings.length > 0) {
    return check.warning(
      'format.schema',
      'WARN_OB2_ID_DIFFERS',
      'The badge data is complete, but a linked document is published under a different address than it declares.',
      [g.warnings.join(' '), notes].filter(Boolean).join(' '),
    );
  }
  return check.passed(
    'format.schema',
    'OK_OB2_SCHEMA',
    'The badge data has every required Open Badges 2.0 property.',
    notes || undefined,
  );
}

/** The URL the user gave serves a copy that claims the issuer's id but differs from the issuer's copy. */
function hostedCopyDiffers(acquired: Acquired, given: Doc): Check {
  const id = str(given.data.id) ?? '?';
  return check.failed(
    'proof.hosted',
    'ERR_OB2_HOSTED_COPY_DIFFERS',
    'invalid',
    `The address checked serves a copy of this badge that differs from the issuer's own copy at ${id}, so it is not genuine.`,
    `Checked ${acquired.fetchedFrom?.url ?? acquired.source}; it declares id ${id}. The differing fields are listed under differences.`,
  );
}

/** Verifies a normalised OB 2.0 assertion (hosted when `token` is undefined, else signed). */
export async function verifyAssertion(
  acquired: Acquired,
  ctx: VerifyContext,
  given: Doc,
  token?: string,
): Promise<FormatResult> {
  const budget = createBudget();
  const vtypes = isObj(given.data.verification) ? types(given.data.verification) : [];
  const signedType = vtypes.some((t) => t === 'signed' || t === 'SignedBadge');
  const signed = token !== undefined;
  const format: FormatInfo = {
    id: signed ? 'ob2-signed' : 'ob2-hosted',
    label: signed ? 'Open Badges 2.0 (signed)' : 'Open Badges 2.0 (hosted)',
    container: acquired.container,
  };
  const checks: Check[] = [
    check.passed('format.recognized', 'OK_OB2', `Recognised as an ${format.label} badge.`),
  ];
  const extra: string[] = [];
  if (signed && !signedType) extra.push('verification.type must be SignedBadge for a signed (JWS) badge');

  if (!signed && signedType) {
    // A signed badge's payload without its JWS: nothing can prove it.
    const g = await loadGraph(ctx, given, budget);
    checks.push(schemaCheck(given, g, extra));
    checks.push(
      check.error(
        'proof.signature',
        'ERR_OB2_SIGNATURE_MISSING',
        'unverifiable',
        'This is the content of a signed badge without its signature, so it cannot be checked. Ask for the signed badge (the baked image or the JWS text).',
      ),
    );
    for (const id of ['issuer.identity', 'status.revocation', 'validity.window', 'recipient.match']) {
      checks.push(check.skipped(id, 'Not checked: the signature is missing.', 'proof.signature'));
    }
    return buildResult({
      format: { ...format, id: 'ob2-signed', label: 'Open Badges 2.0 (signed)' },
      checks,
      assertion: given,
      ...pick(g),
    });
  }

  let auth: Doc = given;
  let hosted: HostedOutcome | undefined;
  let differences: Difference[] = [];
  let proof: Check | undefined;
  if (!signed) {
    const gone = goneFromAcquired(acquired);
    hosted = gone
      ? {
          gone,
          check: check.passed(
            'proof.hosted',
            'OK_OB2_HOSTED_GONE',
            `The issuer's server answered for this badge (HTTP 410 Gone: withdrawn).`,
          ),
        }
      : await checkHostedCopy(ctx, acquired, given, budget);
    proof = hosted.check;
    if (hosted.hosted) {
      auth = hosted.hosted;
      if (hosted.hosted.raw !== given.raw) differences = diffCopies(given.raw, hosted.hosted.raw);
      // A baked or file copy may legitimately differ from the hosted one (it was baked at issue
      // time). An address that serves a *different* badge under the issuer's id is a forgery.
      if (acquired.container === 'url' && differences.length > 0) proof = hostedCopyDiffers(acquired, given);
    }
  }
  const g = await loadGraph(ctx, auth, budget);
  const schema = schemaCheck(auth, g, extra);
  checks.push(schema);
  let key: Doc | undefined;
  if (signed) {
    const s = await checkSignature(ctx, token, given, g.issuer, budget);
    proof = s.signature;
    key = s.key;
  }
  proof ??= check.error('proof.hosted', 'ERR_INTERNAL', 'unverifiable', 'No proof was checked.');
  checks.push(proof);
  const recipient = recipientOf(auth.data);
  const blockedBy = blocks(proof) ? proof.id : blocks(schema) ? 'format.schema' : undefined;
  const skip = (id: string, what: string): Check => check.skipped(id, `Not checked: ${what}.`, blockedBy);

  if (blockedBy && !(hosted?.gone && blockedBy === 'proof.hosted')) {
    for (const id of ['issuer.identity', 'status.revocation', 'validity.window', 'recipient.match'])
      checks.push(
        skip(
          id,
          blockedBy === 'format.schema'
            ? 'the badge data is malformed'
            : 'the badge itself could not be verified',
        ),
      );
    const parts: Parameters<typeof buildResult>[0] = {
      format,
      checks,
      assertion: auth,
      differences,
      ...pick(g),
    };
    if (recipient) parts.recipient = recipient;
    return buildResult(parts);
  }
  if (hosted?.gone && !hosted.hosted) {
    checks.push(
      check.skipped('issuer.identity', 'Not checked: the issuer withdrew this badge.', 'status.revocation'),
    );
    checks.push(checkHostedRevocation(undefined, hosted.gone));
    checks.push(
      check.skipped('validity.window', 'Not checked: the issuer withdrew this badge.', 'status.revocation'),
    );
    checks.push(
      check.skipped('recipient.match', 'Not checked: the issuer withdrew this badge.', 'status.revocation'),
    );
    return buildResult({ format, checks, assertion: auth, ...pick(g) });
  }

  // issuer.identity
  const impersonation = issuerImpersonation(g.issuer);
  if (g.failure) checks.push(g.failure);
  else if (impersonation) checks.push(impersonation);
  else if (!g.issuer)
    checks.push(
      check.error(
        'issuer.identity',
        'ERR_OB2_NO_ISSUER',
        'unverifiable',
        'The issuer could not be identified.',
      ),
    );
  else if (signed) {
    if (!key)
      checks.push(
        check.skipped(
          'issuer.identity',
          'Not checked: the signing key could not be verified.',
          'proof.signature',
        ),
      );
    else if (!g.issuer.url)
      checks.push(
        check.error(
          'issuer.identity',
          'ERR_OB2_ISSUER_NOT_WEB',
          'unverifiable',
          'The issuer profile has no web address to fetch, so the signing key cannot be tied to the issuer.',
        ),
      );
    else checks.push(checkKeyOwner(key, g.issuer));
  } else {
    checks.push(checkHostedPolicy(str(auth.data.id) ?? '', g.issuer, hosted?.hosted?.finalUrl));
  }

  // status.revocation
  if (signed) {
    checks.push(
      g.issuer
        ? await checkSignedRevocation(ctx, auth, g.issuer, budget)
        : check.skipped(
            'status.revocation',
            'Not checked: the issuer profile (which names the revocation list) is unavailable.',
            'issuer.identity',
          ),
    );
  } else {
    checks.push(checkHostedRevocation(hosted?.hosted, hosted?.gone));
  }
  checks.push(checkValidity(auth.data.issuedOn, auth.data.expires, ctx.now));
  checks.push(await checkRecipient(recipient, ctx.recipients));
  const result: Parameters<typeof buildResult>[0] = {
    format,
    checks,
    assertion: auth,
    differences,
    ...pick(g),
  };
  if (recipient) result.recipient = recipient;
  return buildResult(result);
}

function pick(g: Graph): { badge?: Doc; issuer?: Doc } {
  const out: { badge?: Doc; issuer?: Doc } = {};
  if (g.badge) out.badge = g.badge;
  if (g.issuer) out.issuer = g.issuer;
  return out;
}
