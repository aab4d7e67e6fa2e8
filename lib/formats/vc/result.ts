/** Assembles the FormatResult of a VC / OB 3.0 / CLR 2.0 verification (levels per TRUST-AND-QA.md). */
import type { Acquired, FormatResult } from '../../model/format';
import type {
  AuthenticityLevel,
  Check,
  CredentialTextField,
  FormatId,
  LevelAssessment,
  QaLevel,
} from '../../model/report';
import { clrParts, extractOb3Elements } from '../../elements/ob3';
import type { VcRun } from './engine';
import { asArray, isHttpUrl, isObj, str, type Json } from './util';

const IDS: Record<VcRun['kind'], 'ob3' | 'clr2' | 'vc'> = {
  ob3: 'ob3',
  endorsement: 'ob3',
  clr2: 'clr2',
  vc: 'vc',
};
const LABELS = { ob3: 'Open Badges 3.0', clr2: 'CLR 2.0', vc: 'W3C Verifiable Credential' };

function authenticity(run: VcRun): LevelAssessment<AuthenticityLevel> {
  const proof = run.checks.find((c) => c.id === 'proof.signature');
  const identity = run.identity;
  if (proof?.status !== 'passed' || !identity?.level || identity.check.status === 'failed')
    return {
      level: 'A0',
      evidence: [identity?.check.message ?? proof?.message ?? 'Nothing could be proven.'],
    };
  return { level: identity.level, evidence: [proof.message, identity.check.message] };
}

function qa(run: VcRun, trusted: string[]): LevelAssessment<QaLevel> {
  const verified = run.endorsements.filter(
    (e) => e.verdict === 'verified' || e.verdict === 'verified-untrusted',
  );
  const byTrusted = verified.filter((e) => e.endorser && trusted.includes(e.endorser));
  if (byTrusted.length > 0)
    return {
      level: 'Q2',
      evidence: byTrusted.map(
        (e) =>
          `Verified endorsement by ${e.endorserName ?? e.endorser ?? '?'}, an endorser on your trust lists.`,
      ),
    };
  if (run.endorsements.length > 0)
    return {
      level: 'Q1',
      evidence: run.endorsements.map(
        (e) =>
          `Endorsement by ${e.endorserName ?? e.endorser ?? 'an unnamed endorser'} (${e.verdict}); the endorser is not on your trust lists.`,
      ),
    };
  return { level: 'Q0', evidence: ['Nothing stated.'] };
}

/** Builds the FormatResult from an engine run. `trustedEndorsers` are endorser ids with an allow-list hit. */
export function buildVcResult(acquired: Acquired, run: VcRun, trustedEndorsers: string[] = []): FormatResult {
  const family = IDS[run.kind];
  const id = `${family}-${run.securing}` as FormatId;
  const vc = run.vc;
  const issuerNode: Json = isObj(vc.issuer) ? vc.issuer : {};
  const profile = run.identity?.document;
  const issuer: FormatResult['issuer'] = {};
  const set = (k: 'id' | 'name' | 'url' | 'email' | 'fetchedFrom', v: string | undefined): void => {
    if (v !== undefined) issuer[k] = v;
  };
  set('id', run.issuerId);
  set('name', str(issuerNode.name) ?? str(profile?.name));
  set('url', str(issuerNode.url) ?? str(profile?.url));
  set('email', str(issuerNode.email) ?? str(profile?.email));
  set('fetchedFrom', run.identity?.fetchedFrom);
  const subject = asArray(vc.credentialSubject).find(isObj);
  const achievement = isObj(subject?.achievement) ? subject.achievement : undefined;
  const credential: FormatResult['credential'] = {};
  const put = <K extends CredentialTextField>(k: K, v: string | undefined): void => {
    if (v !== undefined) credential[k] = v;
  };
  put('title', str(achievement?.name) ?? str(vc.name));
  put('description', str(achievement?.description) ?? str(vc.description));
  const image =
    str(isObj(achievement?.image) ? achievement.image.id : achievement?.image) ??
    str(isObj(vc.image) ? vc.image.id : vc.image);
  put('image', image && (isHttpUrl(image) || image.startsWith('data:image/')) ? image : undefined);
  put('issuedOn', str(vc.validFrom) ?? str(vc.issuanceDate));
  put('expires', str(vc.validUntil) ?? str(vc.expirationDate));
  put('id', str(vc.id));
  put('recipient', str(subject?.name) ?? str(subject?.id));
  const parts = run.kind === 'clr2' ? clrParts(vc) : [];
  if (parts.length > 0) credential.parts = parts;
  const endorsers = run.endorsements
    .filter((e) => e.verdict === 'verified' || e.verdict === 'verified-untrusted')
    .map((e) => e.endorserName ?? e.endorser ?? '?');
  const checks: Check[] = run.checks;
  return {
    format: {
      id,
      label: `${LABELS[family]} (${run.securing === 'di' ? 'Data Integrity proof' : 'JWT'})`,
      container: acquired.container,
    },
    checks,
    issuer,
    issuerIds: run.issuerId ? [run.issuerId] : [],
    credential,
    elements: run.kind === 'vc' ? [] : extractOb3Elements(vc, endorsers),
    differences: [],
    authenticity: authenticity(run),
    qualityAssurance: qa(run, trustedEndorsers),
    ...(run.identity?.trustHits && run.identity.check.status === 'passed'
      ? { trustHits: run.identity.trustHits }
      : {}),
  };
}
