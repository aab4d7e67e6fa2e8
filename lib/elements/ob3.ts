/**
 * EU standard elements (Council Recommendation 2022/C 243/02, Annex I; mapping in
 * ../shared/design/STANDARD-ELEMENTS.md) read from an Open Badges 3.0 AchievementCredential or a
 * CLR 2.0 ClrCredential (OB 3.0 §"Achievement", §"AchievementSubject", §"Profile", §"Alignment",
 * §"Result"; CLR 2.0 §"ClrSubject": each contained achievement is listed). Never invents a value.
 */
import type { CredentialPart, ElementKey, StandardElement } from '../model/report';
import { asArray, isObj, type Json } from '../did/json';
import { ELEMENT_LABELS as LABELS } from './catalog';
import { identityTypeWords } from '../report/values';

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;

function element(
  key: ElementKey,
  values: (string | undefined)[],
  source: string,
  note?: string,
  missing = 'Not stated in the credential.',
): StandardElement {
  const [label, mandatory] = LABELS[key];
  const vs = values.filter((v): v is string => !!v);
  if (vs.length === 0) return { key, label, mandatory, status: 'missing', note: missing };
  const e: StandardElement = { key, label, mandatory, status: 'present', values: vs, source };
  if (note) e.note = note;
  return e;
}

function notExpressible(key: ElementKey, note: string): StandardElement {
  const [label, mandatory] = LABELS[key];
  return { key, label, mandatory, status: 'not-expressible', note };
}

function alignmentText(a: unknown): string | undefined {
  if (!isObj(a)) return undefined;
  const name = text(a.targetName);
  const fw = text(a.targetFramework);
  const url = text(a.targetUrl);
  return name ? `${name}${fw ? ` (${fw})` : ''}${url ? ` — ${url}` : ''}` : undefined;
}

const EQF = /eqf|european qualifications framework|nqf|qualifications framework/i;

/** Names of the alignments to skills/competency frameworks (ESCO and others; not qualification levels). */
export function skillLabels(alignments: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const x of alignments) {
    if (!isObj(x)) continue;
    const name = text(x.targetName);
    if (name && !EQF.test(`${text(x.targetFramework) ?? ''} ${name}`) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Adds skill labels to a present learningOutcomes element. */
export function withSkills(e: StandardElement, skills: string[]): StandardElement {
  return e.status === 'present' && skills.length > 0 ? { ...e, skills } : e;
}

/** Extracts the elements from an OB 3.0 / CLR 2.0 credential (`qa` lists verified endorsements). */
export function extractOb3Elements(vc: Json, endorsers: string[] = []): StandardElement[] {
  const subject = asArray(vc.credentialSubject).find(isObj) ?? {};
  const issuer = isObj(vc.issuer) ? vc.issuer : {};
  const clrAchievements = asArray(subject.verifiableCredential)
    .map((c) => (isObj(c) ? asArray(c.credentialSubject).find(isObj)?.achievement : undefined))
    .concat(asArray(subject.achievement).filter(() => asArray(subject.verifiableCredential).length > 0));
  const a = isObj(subject.achievement) ? subject.achievement : {};
  const criteria = isObj(a.criteria) ? a.criteria : {};
  const address = isObj(issuer.address) ? issuer.address : {};
  const alignments = asArray(a.alignment);
  const identifiers = asArray(subject.identifier).filter(isObj);
  const results = asArray(subject.result).filter(isObj);
  const clr = clrAchievements.filter(isObj);
  const titles = clr.length > 0 ? clr.map((x) => text(x.name)) : [text(a.name) ?? text(vc.name)];
  const learner = [
    text(subject.name),
    ...identifiers.map((i) =>
      i.hashed === true
        ? `hashed ${identityTypeWords(text(i.identityType))}`
        : text(i.identityHash) && `${identityTypeWords(text(i.identityType))} ${text(i.identityHash) ?? ''}`,
    ),
    text(subject.id),
  ];
  return [
    element(
      'learner',
      learner,
      'credentialSubject.name / identifier[] / id',
      identifiers.some((i) => i.hashed === true) ? 'hashed identity' : undefined,
    ),
    element(
      'title',
      titles,
      clr.length > 0
        ? 'credentialSubject.verifiableCredential[].credentialSubject.achievement.name'
        : 'credentialSubject.achievement.name',
    ),
    element(
      'country',
      [text(address.addressCountry), text(address.addressCountryCode), text(address.addressRegion)],
      'issuer.address',
    ),
    element(
      'awardingBody',
      [text(issuer.name) ?? text(vc.issuer), text(isObj(a.creator) ? a.creator.name : undefined)],
      'issuer.name / achievement.creator.name',
    ),
    element(
      'issuedOn',
      [text(vc.validFrom) ?? text(vc.issuanceDate), text(vc.awardedDate)],
      'validFrom / issuanceDate / awardedDate',
    ),
    withSkills(
      element(
        'learningOutcomes',
        [text(a.description), text(criteria.narrative), ...alignments.map(alignmentText)],
        'achievement.description / criteria.narrative / alignment[]',
      ),
      skillLabels(alignments),
    ),
    element(
      'workload',
      [
        text(a.creditsAvailable) && `${text(a.creditsAvailable)} credits available`,
        text(subject.creditsEarned) && `${text(subject.creditsEarned)} credits earned`,
      ],
      'achievement.creditsAvailable / credentialSubject.creditsEarned',
      'No unit: OB 3.0 credits are not necessarily ECTS.',
    ),
    element(
      'level',
      alignments
        .filter((x) => isObj(x) && EQF.test(`${text(x.targetFramework) ?? ''} ${text(x.targetName) ?? ''}`))
        .map(alignmentText),
      'achievement.alignment[] (qualifications framework)',
      undefined,
      `Not stated${text(a.achievementType) ? `; achievementType ${text(a.achievementType)} tells the kind, not the level` : ''}.`,
    ),
    element(
      'assessment',
      [
        text(criteria.narrative),
        ...asArray(a.resultDescription).map((r) =>
          isObj(r)
            ? `${text(r.name) ?? ''}${text(r.resultType) ? ` (${text(r.resultType)})` : ''}`
            : undefined,
        ),
      ],
      'criteria.narrative / resultDescription[]',
    ),
    notExpressible('participation', 'Open Badges 3.0 has no field for the form of participation.'),
    element(
      'qualityAssurance',
      [
        ...endorsers.map((e) => `Endorsed by ${e}`),
        text(a.achievementType) === 'QualityAssuranceCredential' ? 'QualityAssuranceCredential' : undefined,
      ],
      'endorsement[] / achievementType',
    ),
    notExpressible('prerequisites', 'Open Badges 3.0 has no field for prerequisites.'),
    notExpressible('supervision', 'Open Badges 3.0 has no field for supervision.'),
    element(
      'grade',
      results.map((r) => text(r.value) ?? text(r.achievedLevel)),
      'credentialSubject.result[].value / achievedLevel',
    ),
    element(
      'stackability',
      [...asArray(a.related).map((r) => (isObj(r) ? text(r.id) : text(r)))],
      'achievement.related',
    ),
    element(
      'furtherInformation',
      [
        text(criteria.id),
        text(a.id),
        ...asArray(vc.evidence).map((e) => (isObj(e) ? (text(e.id) ?? text(e.name)) : undefined)),
      ],
      'criteria.id / achievement.id / evidence[]',
    ),
  ];
}

/**
 * CLR 2.0 (§ClrSubject): the achievements of the contained credentials, one part each, with
 * their achievement type and credits. Bounded. Empty for a single OB 3.0 credential.
 */
export function clrParts(vc: Json): CredentialPart[] {
  const subject = asArray(vc.credentialSubject).find(isObj) ?? {};
  return asArray(subject.verifiableCredential)
    .slice(0, 200)
    .flatMap((c, i): CredentialPart[] => {
      if (!isObj(c)) return [];
      const achievement = asArray(c.credentialSubject).find(isObj)?.achievement;
      const a = isObj(achievement) ? achievement : {};
      const title = text(a.name) ?? text(c.name);
      if (!title) return [];
      const part: CredentialPart = { title, kind: 'achievement', source: `credentialSubject.verifiableCredential[${i}]` };
      const details = [
        text(a.achievementType),
        text(a.creditsAvailable) && `${text(a.creditsAvailable)} credits available`,
      ].filter((d): d is string => !!d);
      if (details.length > 0) part.details = details;
      return [part];
    });
}
