/**
 * EU standard elements (Council Recommendation 2022/C 243/02, Annex I; STANDARD-ELEMENTS.md) read
 * from an SD-JWT VC's processed payload:
 * - the EUDI Learning Credential (`vct` urn:eu.europa.ec.eudi:learning:credential:1; claims per
 *   EUDI.md and the issuer's type metadata): mapped claim by claim. A claim that is absent while
 *   the issuer-signed JWT still holds undisclosed digests at that level may have been withheld by
 *   the holder: it is "not disclosed", not "missing";
 * - a W3C VC / Open Badges 3.0 payload (credentialSubject.achievement): the OB 3.0 reader;
 * - any other `vct`: only the elements that map obviously (title, awarding body, date of issuing).
 * Never invents a value.
 */
import type { ElementKey, StandardElement } from '../../model/report';
import { asArray, isObj, type Json } from '../../did/json';
import { ELEMENT_LABELS } from '../../elements/catalog';
import { extractOb3Elements } from '../../elements/ob3';

export const LEARNING_CREDENTIAL_VCT = 'urn:eu.europa.ec.eudi:learning:credential:1';

const NOT_DISCLOSED = 'Not disclosed by the holder.';
const MAX_VALUES = 50;

/** Plain text of a claim value: strings, numbers, booleans, arrays of those; null and objects give nothing readable. */
export function claimText(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.slice(0, MAX_VALUES).flatMap((v) => claimText(v));
  if (isObj(value)) {
    const flat = JSON.stringify(value);
    return [flat.length > 300 ? `${flat.slice(0, 299)}…` : flat];
  }
  return [];
}

interface Ctx {
  payload: Json;
  /** True when the top level holds digests the holder did not disclose (or decoys). */
  withheld: boolean;
}

function element(
  c: Ctx,
  key: ElementKey,
  claims: string[],
  values: string[],
  note?: string,
): StandardElement {
  const [label, mandatory] = ELEMENT_LABELS[key];
  if (values.length > 0) {
    const e: StandardElement = {
      key,
      label,
      mandatory,
      status: 'present',
      values,
      source: claims.join(', '),
    };
    if (note) e.note = note;
    return e;
  }
  if (c.withheld)
    return {
      key,
      label,
      mandatory,
      status: 'not-disclosed',
      note: `${NOT_DISCLOSED} (${claims.join(', ')})`,
    };
  return {
    key,
    label,
    mandatory,
    status: 'missing',
    note: `Not stated in the credential (${claims.join(', ')}).`,
  };
}

function notExpressible(key: ElementKey, note: string): StandardElement {
  const [label, mandatory] = ELEMENT_LABELS[key];
  return { key, label, mandatory, status: 'not-expressible', note };
}

const vals = (c: Ctx, ...names: string[]): string[] => names.flatMap((n) => claimText(c.payload[n]));

/** The Learning Credential's elements. */
function learningCredential(c: Ctx): StandardElement[] {
  const p = c.payload;
  const name = [...claimText(p.given_name), ...claimText(p.family_name)].join(' ');
  const learner = [
    ...(name ? [name] : []),
    ...claimText(p.learner_identification).map((v) => `Identifier: ${v}`),
  ];
  const level = claimText(p.level_of_learning_experience).map((v) =>
    /^[1-8]$/.test(v) ? `EQF level ${v}` : v,
  );
  const furtherInfo = claimText(p.language_of_classes).map((v) => `Language of classes: ${v}`);
  return [
    element(c, 'learner', ['family_name', 'given_name', 'learner_identification'], learner),
    element(c, 'title', ['achievement_title'], vals(c, 'achievement_title')),
    element(c, 'country', ['issuing_country'], vals(c, 'issuing_country')),
    element(c, 'awardingBody', ['issuing_authority'], vals(c, 'issuing_authority')),
    element(c, 'issuedOn', ['date_of_issuance'], vals(c, 'date_of_issuance')),
    element(c, 'learningOutcomes', ['learning_outcomes'], vals(c, 'learning_outcomes')),
    element(c, 'workload', ['expected_study_time'], vals(c, 'expected_study_time')),
    element(
      c,
      'level',
      ['level_of_learning_experience'],
      level,
      level.length > 0 ? 'As the issuer states it in level_of_learning_experience.' : undefined,
    ),
    notExpressible('assessment', 'The Learning Credential has no claim for the type of assessment.'),
    notExpressible('participation', 'The Learning Credential has no claim for the form of participation.'),
    element(c, 'qualityAssurance', ['types_of_quality_assurance'], vals(c, 'types_of_quality_assurance')),
    element(c, 'prerequisites', ['prerequisites_to_enroll'], vals(c, 'prerequisites_to_enroll')),
    notExpressible(
      'supervision',
      'The Learning Credential has no claim for supervision or identity verification.',
    ),
    element(c, 'grade', ['assessment_grade'], vals(c, 'assessment_grade')),
    element(
      c,
      'stackability',
      ['integration_stackability_options'],
      vals(c, 'integration_stackability_options'),
    ),
    element(c, 'furtherInformation', ['language_of_classes'], furtherInfo),
  ];
}

/** Elements of the processed payload of an SD-JWT (VC). `withheld`: the top level has undisclosed digests. */
export function sdJwtElements(payload: Json, withheld: boolean): StandardElement[] {
  const c: Ctx = { payload, withheld };
  if (payload.vct === LEARNING_CREDENTIAL_VCT) return learningCredential(c);
  const subject = asArray(payload.credentialSubject).find(isObj);
  if (subject && isObj(subject.achievement)) {
    return extractOb3Elements(payload, []).map((e) =>
      e.status === 'missing' && withheld
        ? { ...e, status: 'not-disclosed' as const, note: NOT_DISCLOSED }
        : e,
    );
  }
  // Any other payload: only what maps obviously, and only when it is there.
  const out: StandardElement[] = [];
  const title = vals(c, 'achievement_title', 'title', 'name');
  if (title.length > 0)
    out.push(element(c, 'title', ['achievement_title / title / name'], title.slice(0, 1)));
  const body = vals(c, 'issuing_authority');
  if (body.length > 0) out.push(element(c, 'awardingBody', ['issuing_authority'], body));
  const country = vals(c, 'issuing_country');
  if (country.length > 0) out.push(element(c, 'country', ['issuing_country'], country));
  const issued = vals(c, 'date_of_issuance', 'issuance_date');
  if (issued.length > 0) out.push(element(c, 'issuedOn', ['date_of_issuance'], issued.slice(0, 1)));
  return out;
}
