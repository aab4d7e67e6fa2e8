import type { AuthenticityLevel, LevelAssessment, QaLevel } from '../lib/model/report';

const AUTH: Record<AuthenticityLevel, string> = {
  A0: 'Nothing proven',
  A1: 'Integrity only',
  A2: 'Issuer bound to a domain or certificate',
  A3: 'Issuer on an authoritative list',
  A4: 'Qualified electronic seal',
};
const QA: Record<QaLevel, string> = {
  Q0: 'No quality assurance stated',
  Q1: 'Quality assurance claimed, not corroborated',
  Q2: 'Quality assurance corroborated',
  Q3: 'Referenced to a qualifications framework',
};

/** Authenticity and quality-assurance levels, each with its evidence. */
export function LevelsPanel(props: {
  authenticity: LevelAssessment<AuthenticityLevel>;
  qualityAssurance: LevelAssessment<QaLevel>;
}) {
  return (
    <div class="levels">
      <Level
        title="Who stands behind it"
        code={props.authenticity.level}
        name={AUTH[props.authenticity.level]}
        evidence={props.authenticity.evidence}
        testId="authenticity"
      />
      <Level
        title="Quality assurance"
        code={props.qualityAssurance.level}
        name={QA[props.qualityAssurance.level]}
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
        <p class="muted">No evidence.</p>
      )}
    </section>
  );
}
