import type { AuthenticityLevel, LevelAssessment, QaLevel } from '../lib/model/report';
import { t } from './i18n';

/** Localised name of an authenticity level. */
export const authName = (l: AuthenticityLevel): string => t(`auth_${l}`);
/** Localised name of a QA level. */
export const qaName = (l: QaLevel): string => t(`qa_${l}`);

/** Authenticity and quality-assurance levels, each with its evidence. */
export function LevelsPanel(props: {
  authenticity: LevelAssessment<AuthenticityLevel>;
  qualityAssurance: LevelAssessment<QaLevel>;
}) {
  return (
    <div class="levels">
      <Level
        title={t('levels_who')}
        code={props.authenticity.level}
        name={authName(props.authenticity.level)}
        evidence={props.authenticity.evidence}
        testId="authenticity"
      />
      <Level
        title={t('levels_qa')}
        code={props.qualityAssurance.level}
        name={qaName(props.qualityAssurance.level)}
        evidence={props.qualityAssurance.evidence}
        testId="qa"
      />
    </div>
  );
}

function Level(p: { title: string; code: string; name: string; evidence: string[]; testId: string }) {
  return (
    <section class="level" data-testid={p.testId} data-level={p.code}>
      <h3>{p.title}</h3>
      <p class="level__value">
        <strong class="level__code">{p.code}</strong> {p.name}
      </p>
      {p.evidence.length > 0 ? (
        <ul class="evidence">
          {p.evidence.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('levels_noEvidence')}</p>
      )}
    </section>
  );
}
