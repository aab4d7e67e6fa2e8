/**
 * EU standard elements of a micro-credential (Council Recommendation 2022/C 243/02, Annex I;
 * mapping in ../shared/design/STANDARD-ELEMENTS.md) read from an Open Badges 2.0 badge, including
 * the edubadges (SURF) extensions confirmed in edubadges-server: BadgeClass
 * `extensions:ECTSExtension.ECTS`, `StudyLoadExtension.StudyLoad`, `TimeInvestmentExtension.TimeInvestment`,
 * `EQFExtension.EQF`, `LearningOutcomeExtension.LearningOutcome`, `LanguageExtension.Language`;
 * Issuer `extensions:InstitutionNameExtension.InstitutionName`,
 * `InstitutionIdentifierExtension.InstitutionIdentifier`. The BadgeClass fields `assessmentType`,
 * `participation`, `assessmentSupervised`, `assessmentIdVerified`, `qualityAssurance*`, `gradeAchieved`,
 * `stackable` are read in camelCase and snake_case (their OB 2.0 JSON spelling is not confirmed).
 */
import type { ElementKey, StandardElement } from '../../model/report';
import { booleanStatement, creditsText, parseBoolean, type BooleanFact } from '../../report/values';
import { describeRecipient, type Recipient } from './recipient';
import { asArray, isObj, refId, str, type Json } from './util';
import { ELEMENT_LABELS as LABELS } from '../../elements/catalog';
import { skillLabels, withSkills } from '../../elements/ob3';

/** The parts of a badge the elements are read from (compacted data + raw JSON for extensions). */
export interface ElementSources {
  assertion?: { data: Json; raw: Json };
  badge?: { data: Json; raw: Json };
  issuer?: { data: Json; raw: Json };
  recipient?: Recipient;
}

function el(key: ElementKey, values: string[], source: string, note?: string): StandardElement {
  const [label, mandatory] = LABELS[key];
  const e: StandardElement = { key, label, mandatory, status: 'present', values, source };
  if (note !== undefined) e.note = note;
  return e;
}

function absent(key: ElementKey, status: 'missing' | 'not-expressible', note: string): StandardElement {
  const [label, mandatory] = LABELS[key];
  return { key, label, mandatory, status, note };
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return str(v)?.trim() || undefined;
}

/** A yes/no field as a plain statement; any other value is shown as stated, named by its field. */
function statement(fact: BooleanFact, value: string, field: string): string {
  const b = parseBoolean(value);
  return b === undefined ? `${field}: ${value}` : booleanStatement(fact, b);
}

/** Reads `<ext>.<prop>` from a raw node's `extensions:<ext>` object. */
function ext(raw: Json | undefined, name: string, prop: string): string | undefined {
  const node = raw?.[`extensions:${name}`];
  return isObj(node) ? text(node[prop]) : undefined;
}

/** First present of camelCase / snake_case keys on a raw node. */
function field(raw: Json | undefined, ...keys: string[]): [string, string] | undefined {
  for (const k of keys) {
    const v = text(raw?.[k]);
    if (v !== undefined) return [v, k];
  }
  return undefined;
}

/** Extracts every element, in the report's fixed order. */
export function extractElements(s: ElementSources): StandardElement[] {
  const b = s.badge?.data;
  const braw = s.badge?.raw;
  const i = s.issuer?.data;
  const iraw = s.issuer?.raw;
  const a = s.assertion?.data;
  const out: StandardElement[] = [];

  out.push(
    s.recipient
      ? el(
          'learner',
          [describeRecipient(s.recipient)],
          'recipient',
          s.recipient.hashed ? 'Stored as a salted hash; enter an address to check it.' : undefined,
        )
      : absent('learner', 'missing', 'The badge names no recipient.'),
  );

  const title = text(b?.name);
  out.push(title ? el('title', [title], 'badge.name') : absent('title', 'missing', 'The badge has no name.'));

  const country = ext(iraw, 'InstitutionCountryExtension', 'InstitutionCountry');
  out.push(
    country
      ? el('country', [country], 'badge.issuer.extensions:InstitutionCountryExtension', "The issuer's claim.")
      : absent(
          'country',
          'not-expressible',
          "Open Badges 2.0 has no field for the issuer's country; a trust list entry may name it.",
        ),
  );

  const body = [
    text(i?.name),
    ext(iraw, 'InstitutionNameExtension', 'InstitutionName'),
    refId(i?.url),
    text(i?.email),
  ].filter((x): x is string => !!x);
  out.push(
    body.length > 0
      ? el('awardingBody', [...new Set(body)], 'badge.issuer')
      : absent('awardingBody', 'missing', 'No issuer profile.'),
  );

  const issued = text(a?.issuedOn);
  out.push(issued ? el('issuedOn', [issued], 'issuedOn') : absent('issuedOn', 'missing', 'No issue date.'));

  const outcomes: string[] = [];
  const sources: string[] = [];
  const lo = ext(braw, 'LearningOutcomeExtension', 'LearningOutcome');
  if (lo) {
    outcomes.push(lo);
    sources.push('badge.extensions:LearningOutcomeExtension');
  }
  const narrative = isObj(b?.criteria) ? text(b.criteria.narrative) : undefined;
  if (narrative) {
    outcomes.push(narrative);
    sources.push('badge.criteria.narrative');
  }
  for (const al of asArray(b?.alignment).filter(isObj)) {
    const name = text(al.targetName);
    if (name) outcomes.push(text(al.targetFramework) ? `${name} (${text(al.targetFramework)})` : name);
  }
  if (asArray(b?.alignment).length > 0) sources.push('badge.alignment');
  const desc = text(b?.description);
  if (outcomes.length === 0 && desc) {
    outcomes.push(desc);
    sources.push('badge.description');
  }
  out.push(
    outcomes.length > 0
      ? withSkills(el('learningOutcomes', outcomes, sources.join(', ')), skillLabels(asArray(b?.alignment)))
      : absent('learningOutcomes', 'missing', 'No criteria, alignment or description.'),
  );

  const ects = ext(braw, 'ECTSExtension', 'ECTS');
  const load = ext(braw, 'StudyLoadExtension', 'StudyLoad');
  const time = ext(braw, 'TimeInvestmentExtension', 'TimeInvestment');
  out.push(
    ects
      ? el(
          'workload',
          [creditsText(ects, { label: 'ECTS' }) ?? `${ects} ECTS credits`],
          'badge.extensions:ECTSExtension.ECTS',
          "The issuer's claim (edubadges extension).",
        )
      : load
        ? el(
            'workload',
            [`${load} hours`],
            'badge.extensions:StudyLoadExtension.StudyLoad',
            'Study load in hours (edubadges extension).',
          )
        : time
          ? el(
              'workload',
              [`${time} hours`],
              'badge.extensions:TimeInvestmentExtension.TimeInvestment',
              'Time investment in hours (edubadges extension).',
            )
          : absent('workload', 'not-expressible', 'Open Badges 2.0 has no workload field.'),
  );

  const eqf = ext(braw, 'EQFExtension', 'EQF');
  const eqfAlign = asArray(b?.alignment)
    .filter(isObj)
    .find((al) =>
      /\bEQF\b|european qualifications framework/i.test(
        `${text(al.targetFramework) ?? ''} ${text(al.targetName) ?? ''}`,
      ),
    );
  out.push(
    eqf
      ? el(
          'level',
          [`EQF level ${eqf}`],
          'badge.extensions:EQFExtension.EQF',
          "The issuer's claim (edubadges extension).",
        )
      : eqfAlign
        ? el(
            'level',
            [text(eqfAlign.targetName) ?? ''],
            'badge.alignment',
            'Alignment to a qualifications framework.',
          )
        : absent('level', 'not-expressible', 'Open Badges 2.0 has no level field.'),
  );

  const assess = field(braw, 'assessmentType', 'assessment_type');
  out.push(
    assess
      ? el('assessment', [assess[0]], `badge.${assess[1]}`, "The issuer's claim.")
      : narrative
        ? el(
            'assessment',
            [narrative],
            'badge.criteria.narrative',
            'Free text: the criteria may describe the assessment.',
          )
        : absent('assessment', 'missing', 'No criteria narrative.'),
  );

  const part = field(braw, 'participation', 'formOfParticipation');
  out.push(
    part
      ? el('participation', [part[0]], `badge.${part[1]}`, "The issuer's claim.")
      : absent(
          'participation',
          'not-expressible',
          'Open Badges 2.0 has no field for the form of participation.',
        ),
  );

  const qa = [
    field(braw, 'qualityAssuranceName', 'quality_assurance_name'),
    field(braw, 'qualityAssuranceUrl', 'quality_assurance_url'),
    field(braw, 'qualityAssuranceDescription', 'quality_assurance_description'),
  ].filter((x): x is [string, string] => !!x);
  const endorsements = [a, b, i].flatMap((n) => asArray(n?.endorsement)).length;
  out.push(
    qa.length > 0
      ? el(
          'qualityAssurance',
          qa.map((x) => x[0]),
          qa.map((x) => `badge.${x[1]}`).join(', '),
          'Claimed by the issuer, not corroborated.',
        )
      : endorsements > 0
        ? el(
            'qualityAssurance',
            [`${endorsements} endorsement(s)`],
            'endorsement',
            'Endorsements are claims; not corroborated.',
          )
        : absent('qualityAssurance', 'not-expressible', 'Open Badges 2.0 has no quality-assurance field.'),
  );

  out.push(absent('prerequisites', 'not-expressible', 'Open Badges 2.0 has no prerequisites field.'));
  const sup = [
    field(braw, 'assessmentSupervised', 'assessment_supervised'),
    field(braw, 'assessmentIdVerified', 'assessment_id_verified'),
  ];
  out.push(
    sup[0] || sup[1]
      ? el(
          'supervision',
          [
            sup[0] ? statement('supervised', sup[0][0], 'supervised') : '',
            sup[1] ? statement('identityVerified', sup[1][0], 'identity verified') : '',
          ].filter(Boolean),
          'badge',
          "The issuer's claim.",
        )
      : absent('supervision', 'not-expressible', 'Open Badges 2.0 has no supervision field.'),
  );
  const grade =
    field(s.assertion?.raw, 'gradeAchieved', 'grade_achieved') ??
    field(braw, 'gradeAchieved', 'grade_achieved');
  out.push(
    grade
      ? el('grade', [grade[0]], grade[1], "The issuer's claim.")
      : absent('grade', 'not-expressible', 'Open Badges 2.0 has no grade field.'),
  );
  const stack = field(braw, 'stackable');
  out.push(
    stack
      ? el('stackability', [statement('stackable', stack[0], 'stackable')], 'badge.stackable', "The issuer's claim.")
      : absent('stackability', 'not-expressible', 'Open Badges 2.0 has no stackability field.'),
  );

  const info: string[] = [];
  const criteriaUrl = refId(b?.criteria);
  if (criteriaUrl && !criteriaUrl.startsWith('_:')) info.push(criteriaUrl);
  for (const ev of asArray(a?.evidence)) {
    const v = isObj(ev) ? (text(ev.narrative) ?? refId(ev)) : text(ev);
    if (v && !v.startsWith('_:')) info.push(v);
  }
  out.push(
    info.length > 0
      ? el('furtherInformation', info, 'badge.criteria.id, evidence')
      : absent('furtherInformation', 'missing', 'No criteria page or evidence.'),
  );
  return out;
}

/** Quality-assurance level claimed by the badge (Q1 at most: OB 2.0 claims are not corroborated). */
export function qaLevel(elements: readonly StandardElement[]): { level: 'Q0' | 'Q1'; evidence: string[] } {
  const qa = elements.find((e) => e.key === 'qualityAssurance');
  if (qa?.status === 'present')
    return {
      level: 'Q1',
      // The field path stays in the element's `source` (details), never in this recruiter-facing line.
      evidence: [`Claimed in the badge: ${(qa.values ?? []).join('; ')}.`],
    };
  return { level: 'Q0', evidence: ['Nothing stated.'] };
}
