/**
 * ELM v3 → the EU standard elements of a micro-credential (Council Recommendation 2022/C 243/02,
 * Annex I; STANDARD-ELEMENTS.md, ELM v3 column). Values are the issuer's claims, in the preferred
 * language with English fallback, each with the path it came from.
 */
import { booleanStatement, creditsText, durationWords, parseBoolean, type BooleanFact } from '../../report/values';
import type { ElementKey, StandardElement } from '../../model/report';
import { claims, collect, follow, label, ml, type Found } from './elm-read';
import { isObj, str, type Json } from './util';
import { ELEMENT_LABELS as LABELS } from '../../elements/catalog';
import { withSkills } from '../../elements/ob3';

function element(
  key: ElementKey,
  found: { values: string[]; paths: string[] },
  note?: string,
): StandardElement {
  const [label_, mandatory] = LABELS[key];
  if (found.values.length === 0)
    return {
      key,
      label: label_,
      mandatory,
      status: 'missing',
      note: note ?? 'Not stated in the credential.',
    };
  const e: StandardElement = {
    key,
    label: label_,
    mandatory,
    status: 'present',
    values: found.values,
    source: found.paths.join(', '),
  };
  if (note !== undefined) e.note = note;
  return e;
}

function credit(lang: string) {
  return (v: unknown): string | undefined => {
    if (!isObj(v)) return undefined;
    const point = str(v.point) ?? (typeof v.point === 'number' ? String(v.point) : undefined);
    if (!point) return undefined;
    const id = isObj(v.framework) ? str(v.framework.id) : str(v.framework);
    const name = label(v.framework, lang);
    return creditsText(point, { ...(id === undefined ? {} : { id }), ...(name === undefined || name === id ? {} : { label: name }) });
  };
}

function person(subject: unknown, lang: string): string | undefined {
  if (!isObj(subject)) return undefined;
  const name =
    ml(subject.fullName, lang) ??
    [ml(subject.givenName, lang), ml(subject.familyName, lang)].filter(Boolean).join(' ');
  const email = follow([{ value: subject, path: '' }], 'contactPoint.emailAddress').map((f) =>
    str(isObj(f.value) ? f.value.id : f.value),
  )[0];
  const parts = [
    name || undefined,
    str(subject.dateOfBirth) ? `born ${String(subject.dateOfBirth).slice(0, 10)}` : undefined,
    email?.replace(/^mailto:/, ''),
  ];
  return parts.filter(Boolean).join(', ') || undefined;
}

function eqf(v: unknown, lang: string): string | undefined {
  const id = isObj(v) ? str(v.id) : str(v);
  const n = id?.match(/^http:\/\/data\.europa\.eu\/snb\/eqf\/(\d)$/)?.[1];
  return n ? `EQF level ${n}` : label(v, lang);
}

/** A concept's label, or a yes/no value as a plain statement (never "true" / "false"). */
function yesNo(v: unknown, fact: BooleanFact, lang: string): string | undefined {
  const b = parseBoolean(isObj(v) && !('id' in v) ? v['@value'] : v);
  return b === undefined ? (ml(v, lang) ?? label(v, lang)) : booleanStatement(fact, b);
}

function merge(
  a: { values: string[]; paths: string[] },
  b: { values: string[]; paths: string[] },
): { values: string[]; paths: string[] } {
  return { values: [...a.values, ...b.values], paths: [...a.paths, ...b.paths] };
}

/** Extracts every element in the report's fixed order; `lang` is the preferred language (e.g. "de"). */
export function extractElmElements(c: Json, lang = 'en'): StandardElement[] {
  const root: Found[] = [{ value: c, path: 'credential' }];
  const cl = claims(c);
  const spec = [...follow(cl, 'specifiedBy'), ...follow(follow(cl, 'influencedBy'), 'specifiedBy')];
  const body = follow(cl, 'awardedBy.awardingBody');
  const assess = follow(cl, 'provenBy');
  const pick = (
    from: Found[],
    paths: string[],
    describe?: (v: unknown) => string | undefined,
  ): { values: string[]; paths: string[] } => collect(from, paths, lang, describe);
  const learner = follow(root, 'credentialSubject').map((f) => ({ v: person(f.value, lang), p: f.path }));
  return [
    element('learner', {
      values: learner.flatMap((l) => (l.v ? [l.v] : [])),
      paths: learner.map((l) => l.p),
    }),
    element('title', pick([...cl, ...spec], ['title'])),
    element('country', pick(body, ['location.address.countryCode', 'registration.spatial'])),
    element('awardingBody', pick(body, ['legalName'])),
    element(
      'issuedOn',
      pick(
        [...root, ...follow(cl, 'awardedBy')],
        ['issued', 'issuanceDate', 'validFrom', 'awardingDate'],
        (v) => str(v),
      ),
    ),
    withSkills(
      element(
        'learningOutcomes',
        pick(
          [...spec, ...cl],
          ['learningOutcome', 'learningOutcome.relatedESCOSkill', 'learningOutcomeSummary'],
        ),
      ),
      [
        ...new Set(
          pick([...spec, ...cl], ['learningOutcome.relatedESCOSkill', 'learningOutcome.relatedSkill']).values,
        ),
      ],
    ),
    element(
      'workload',
      pick(
        spec,
        ['creditPoint', 'volumeOfLearning'],
        (v) => credit(lang)(v) ?? (typeof v === 'string' ? (durationWords(v) ?? v) : undefined),
      ),
    ),
    element(
      'level',
      merge(
        pick(spec, ['eqfLevel'], (v) => eqf(v, lang)),
        pick(spec, ['nqfLevel']),
      ),
    ),
    element('assessment', pick([...assess, ...follow(assess, 'specifiedBy')], ['title', 'dcType'])),
    element('participation', pick(spec, ['mode'])),
    element('qualityAssurance', pick([...spec, ...body, ...root], ['accreditation'])),
    element('prerequisites', pick(spec, ['entryRequirement'])),
    element(
      'supervision',
      merge(
        pick([...assess, ...follow(assess, 'specifiedBy')], ['idVerification'], (v) => yesNo(v, 'identityVerified', lang)),
        pick([...assess, ...follow(assess, 'specifiedBy')], ['supervisionVerification'], (v) => yesNo(v, 'supervised', lang)),
      ),
    ),
    element('grade', pick(assess, ['grade'])),
    element(
      'stackability',
      merge(
        // ELM: isPartialQualification (xsd:boolean) says whether it is part of a larger qualification.
        pick([...cl, ...spec], ['isPartialQualification'], (v) => {
          const b = parseBoolean(isObj(v) ? v['@value'] : v);
          return b === undefined ? undefined : booleanStatement('partialQualification', b);
        }),
        pick([...cl, ...spec], ['hasPart', 'entitlesTo', 'isPartOf']),
      ),
    ),
    element(
      'furtherInformation',
      pick([...spec, ...cl], ['homepage', 'supplementaryDocument', 'additionalNote']),
    ),
  ];
}

/** Quality-assurance level claimed in the credential (Q1 at most until registers are consulted). */
export function elmQaLevel(elements: readonly StandardElement[]): { level: 'Q0' | 'Q1'; evidence: string[] } {
  const qa = elements.find((e) => e.key === 'qualityAssurance');
  return qa?.status === 'present'
    ? {
        level: 'Q1',
        evidence: [
          // The field path stays in the element's `source` (details), never in this recruiter-facing line.
          `Accreditation claimed in the credential: ${(qa.values ?? []).join('; ')}; not yet checked against a register.`,
        ],
      }
    : { level: 'Q0', evidence: ['Nothing stated.'] };
}
