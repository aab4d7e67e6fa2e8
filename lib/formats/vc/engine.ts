/**
 * The verification engine for one W3C Verifiable Credential (VC Data Model 1.1 / 2.0; OB 3.0 §8.2
 * "Verification"; CLR 2.0 §"Verification"), secured by Data Integrity or as a JWT. The same engine
 * verifies status list credentials and endorsements, one level deeper (bounded depth).
 * Checks, in order: format.recognized, format.schema, proof.signature (+ proof.<n>), proof.claims,
 * issuer.identity, status.*, validity.window, endorsement.<n>.
 */
import type { VerifyContext } from '../../model/format';
import type { Check } from '../../model/report';
import type { DidCache } from '../../did/cache';
import type { ResolveContext } from '../../did/resolve';
import type { CanonMemo } from '../../proof/hash-data';
import { verifyDataIntegrity, type ProofOutcome } from '../../proof/data-integrity';
import { checkProofForm, checkSignedForm, FORM_MESSAGE } from '../../proof/signed-form';
import { findSuiteByName } from '../../proof/suites';
import { checkStatus } from '../../status/check-status';
import { gradeVerdict } from '../../report/grade';
import { vcKind, VC_V1, type VcKind } from './claims';
import { diChecks } from './di-checks';
import { checkIssuerIdentity, type IssuerIdentity, type SignerKey } from './issuer';
import { checkSchema } from './schema';
import { asArray, check, idOf, isObj, type Json } from './util';
import { findReservedName } from '../../did/json';
import { checkValidity } from './validity';

/** Shared state of one top-level verification. */
export interface Engine {
  ctx: VerifyContext;
  resolve: ResolveContext;
  cache: DidCache;
  memo: CanonMemo;
  depth: number;
}

/** What verifying one credential produced. */
export interface VcRun {
  kind: VcKind;
  securing: 'di' | 'jwt';
  vc: Json;
  checks: Check[];
  issuerId?: string;
  /** The verification method of the (first valid) signature. */
  signerVmId?: string;
  identity?: IssuerIdentity;
  /** Verified endorsements (for the QA level). */
  endorsements: EndorsementSummary[];
}

/** One endorsement's outcome. */
export interface EndorsementSummary {
  endorser?: string;
  endorserName?: string;
  verdict: string;
}

/** SECURITY: nesting bound (credential → status list / endorsement → its status list). */
export const MAX_DEPTH = 2;

/** A nested engine one level down. */
export function deeper(engine: Engine): Engine {
  return { ...engine, depth: engine.depth + 1 };
}

/**
 * Whether a verified status list may be relied on: its verdict is verified(-untrusted), or it is
 * signed with the very key that signed the credential and only its issuer's documents were
 * unreachable (then it is exactly as authentic as the credential it speaks about).
 */
function acceptList(
  run: VcRun,
  signer: SignerKey | undefined,
): { ok: boolean; detail: string; issuer?: string } {
  const verdict = gradeVerdict(run.checks);
  const failing = run.checks.filter((c) => (c.status === 'failed' || c.status === 'error') && c.impact);
  const sameKey =
    !!signer &&
    run.signerVmId === signer.vmId &&
    run.checks.find((c) => c.id === 'proof.signature')?.status === 'passed';
  const onlyIdentity = failing.every(
    (c) => c.id === 'issuer.identity' && c.code === 'ERR_ISSUER_NOT_ESTABLISHED',
  );
  const ok = verdict === 'verified' || verdict === 'verified-untrusted' || (sameKey && onlyIdentity);
  const first = failing[0];
  const detail = ok
    ? verdict === 'verified' || verdict === 'verified-untrusted'
      ? 'Status list credential verified.'
      : `Status list credential signed with the credential's own key ${signer?.vmId ?? ''}; its issuer's documents could not be fetched.`
    : `Status list credential ${verdict}: ${first?.id ?? ''} ${first?.code ?? ''} ${first?.message ?? ''}`;
  const out: { ok: boolean; detail: string; issuer?: string } = { ok, detail };
  if (run.issuerId) out.issuer = run.issuerId;
  return out;
}

/** Runs the checks that follow a proof: issuer identity, status, validity. */
export async function afterProof(
  vc: Json,
  proofPassed: boolean,
  signer: SignerKey | undefined,
  engine: Engine,
  blocker: string,
  signedAt?: Date,
): Promise<{ checks: Check[]; identity?: IssuerIdentity }> {
  const checks: Check[] = [];
  const issuer = idOf(vc.issuer);
  let identity: IssuerIdentity | undefined;
  if (proofPassed && signer) {
    identity = await checkIssuerIdentity(issuer, signer, engine.resolve, engine.ctx);
    checks.push(identity.check);
  } else {
    checks.push(
      check.skipped('issuer.identity', 'Not checked: the signature could not be verified.', blocker),
    );
  }
  if (!proofPassed) {
    checks.push(
      check.skipped('status.revocation', 'Not checked: the signature could not be verified.', blocker),
    );
  } else if (engine.depth >= MAX_DEPTH && vc.credentialStatus !== undefined) {
    checks.push(
      check.failed(
        'status.revocation',
        'ERR_STATUS_DEPTH',
        'unverifiable',
        'Status not followed: nested too deeply.',
        `depth ${engine.depth}`,
      ),
    );
  } else {
    checks.push(
      ...(await checkStatus(vc, {
        fetch: engine.ctx.fetch,
        now: engine.ctx.now,
        cache: engine.cache,
        verifyList: async (doc) => acceptList(await verifyVcJson(doc, deeper(engine)), signer),
        vouchedFor: async (id) => {
          const found = await engine.ctx.trust.lookupIssuer([id]);
          return found.hits.some((h) => h.list === 'allow') && !found.hits.some((h) => h.list === 'deny');
        },
      })),
    );
  }
  checks.push(
    proofPassed
      ? checkValidity(vc, engine.ctx.now, signedAt)
      : check.skipped('validity.window', 'Not checked: the signature could not be verified.', blocker),
  );
  return identity ? { checks, identity } : { checks };
}

/**
 * Keys that hold one value. JSON-LD reads `[x]` as `x`, so the readers get `x` (a one-element
 * array hides nothing and must not change a verdict); two or more values stay an array, which
 * the readers refuse as malformed.
 */
const SINGLE_VALUED = new Set([
  'issuer',
  'validFrom',
  'validUntil',
  'issuanceDate',
  'expirationDate',
  'name',
  'description',
  'statusPurpose',
  'statusListIndex',
  'statusListCredential',
  'statusSize',
  'encodedList',
]);

/** The document as the readers see it: one-element arrays of single-valued keys unwrapped (bounded depth). */
export function readerView(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => readerView(v, depth + 1));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const single = SINGLE_VALUED.has(k) && Array.isArray(v) && v.length === 1 ? v[0] : v;
    out[k] = readerView(single, depth + 1);
  }
  return out;
}

/** Verifies a JSON-LD credential secured with Data Integrity proofs. Never throws (callers wrap). */
export async function verifyVcJson(received: Json, engine: Engine): Promise<VcRun> {
  // SECURITY: refused before any library (jsonld.js) sees it; see findReservedName.
  const reserved = findReservedName(received);
  if (reserved) return reservedRun(reserved);
  // The proofs are verified over the received document; everything else reads the reader view.
  const vc = readerView(received) as Json;
  const kind = vcKind(vc);
  const v1 = asArray(vc['@context'])[0] === VC_V1;
  const checks: Check[] = [
    check.passed(
      'format.recognized',
      'OK_VC_JSONLD',
      `Recognised as ${LABEL[kind]} (VC Data Model ${v1 ? '1.1' : '2.0'}, JSON-LD with embedded proof).`,
    ),
    checkSchema(vc, kind),
  ];
  const outcomes = await verifyDataIntegrity(received, {
    resolve: engine.resolve,
    now: engine.ctx.now,
    memo: engine.memo,
  });
  const issuerId = idOf(vc.issuer);
  const di = diChecks(outcomes, issuerId);
  checks.push(...di.checks);
  let proofPassed = di.checks[0]?.status === 'passed';
  let blocker = 'proof.signature';
  if (proofPassed) {
    const form = await signedFormCheck(received, outcomes);
    if (form) {
      checks.push(form);
      proofPassed = false;
      blocker = form.id;
    }
  }
  const rest = await afterProof(vc, proofPassed, di.signer, engine, blocker, signedAt(received, outcomes));
  checks.push(...rest.checks);
  const run: VcRun = { kind, securing: 'di', vc, checks, endorsements: [] };
  if (issuerId) run.issuerId = issuerId;
  if (rest.identity) run.identity = rest.identity;
  if (di.signer) run.signerVmId = di.signer.vmId;
  return run;
}

/** The latest `created` of the verified proofs: a signature dated in the future is not valid yet. */
function signedAt(doc: Json, outcomes: readonly ProofOutcome[]): Date | undefined {
  const proofs = asArray(doc.proof);
  let latest: Date | undefined;
  for (const o of outcomes) {
    const p = proofs[o.index];
    if (o.status !== 'verified' || !isObj(p) || typeof p.created !== 'string') continue;
    const d = new Date(p.created);
    if (!Number.isNaN(d.getTime()) && (!latest || d > latest)) latest = d;
  }
  return latest;
}

/**
 * Signed meaning (lib/proof/signed-form.ts): when a verified proof signs RDF, the JSON every
 * reader reads must be the plain compacted form of what was signed; otherwise the document is
 * refused before its status, dates or issuer are read. Undefined when the form is sound.
 */
async function signedFormCheck(vc: Json, outcomes: readonly ProofOutcome[]): Promise<Check | undefined> {
  const rdf = outcomes.filter(
    (o) => o.status === 'verified' && findSuiteByName(o.suite)?.transform === 'rdfc',
  );
  if (rdf.length === 0) return undefined;
  const proofs = asArray(vc.proof);
  for (const o of rdf) {
    const proof = proofs[o.index];
    const result = isObj(proof)
      ? checkProofForm(proof, proofs.length > 1 ? `$.proof[${o.index}]` : '$.proof')
      : undefined;
    if (result && !result.ok)
      return check.failed('proof.form', result.code, 'invalid', FORM_MESSAGE, result.detail);
  }
  const { proof: _proofs, ...unsecured } = vc;
  const result = await checkSignedForm(unsecured);
  return result.ok
    ? undefined
    : check.failed('proof.form', result.code, 'invalid', FORM_MESSAGE, result.detail);
}

/** The run of a document refused for a reserved name (`__proto__`, `constructor`, `prototype`). */
function reservedRun(where: string): VcRun {
  const message = where.includes('nested deeper')
    ? 'This credential is nested too deeply to be checked safely, so CredLens refuses it.'
    : 'This credential uses a name reserved by JavaScript ("__proto__", "constructor" or "prototype"), so CredLens refuses it.';
  return {
    kind: 'vc',
    securing: 'di',
    vc: {},
    checks: [
      check.failed('format.recognized', 'ERR_RESERVED_NAME', 'invalid', message, `At ${where}.`),
      check.skipped('proof.signature', 'Not checked: the document was refused.', 'format.recognized'),
    ],
    endorsements: [],
  };
}

/** Human labels of the kinds. */
export const LABEL: Record<VcKind, string> = {
  ob3: 'an Open Badges 3.0 credential',
  clr2: 'a Comprehensive Learner Record 2.0',
  endorsement: 'an Open Badges 3.0 endorsement',
  vc: 'a W3C Verifiable Credential',
};
