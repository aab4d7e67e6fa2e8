/**
 * The EU standard elements of a micro-credential (Council Recommendation 2022/C 243/02, Annex I;
 * STANDARD-ELEMENTS.md): label shown to the reader and whether the Recommendation makes it
 * mandatory. One list for every format's mapping.
 */
import type { ElementKey } from '../model/report';

export const ELEMENT_LABELS: Readonly<Record<ElementKey, readonly [label: string, mandatory: boolean]>> = {
  learner: ['Identification of the learner', true],
  title: ['Title', true],
  country: ['Country/region of the issuer', true],
  awardingBody: ['Awarding body', true],
  issuedOn: ['Date of issuing', true],
  learningOutcomes: ['Learning outcomes', true],
  workload: ['Notional workload', true],
  level: ['Level (EQF / QF-EHEA)', true],
  assessment: ['Type of assessment', true],
  participation: ['Form of participation', true],
  qualityAssurance: ['Type of quality assurance', true],
  prerequisites: ['Prerequisites', false],
  supervision: ['Supervision and identity verification', false],
  grade: ['Grade achieved', false],
  stackability: ['Integration / stackability', false],
  furtherInformation: ['Further information', false],
};
