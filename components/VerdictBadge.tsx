import type { Verdict, VerificationReport } from '../lib/model/report';
import { readReport, type Headline } from '../lib/report/headline';
import { headlineHint, headlineLabel } from '../lib/report/headline-words';
import { words } from './i18n';
import { BADGE_LOOK, type BadgeState } from './verdict-meta';

interface Props {
  /** What to show: a headline (report.headline), or pending / waiting. */
  state: BadgeState;
  /** The machine verdict, kept as an attribute for tests and tools. */
  verdict?: Verdict | 'pending';
  large?: boolean;
  testId?: string;
}

/** The headline of a report, also for reports stored before report 1.1 (no `headline` field). */
export function headlineOf(report: VerificationReport): Headline {
  return report.headline ?? readReport(report).headline;
}

/** The headline as icon + word + colour (meaning never carried by colour alone); the word is localised. */
export function VerdictBadge({ state, verdict, large = false, testId }: Props) {
  const look = BADGE_LOOK[state] ?? BADGE_LOOK.unverifiable;
  return (
    <span
      class={`verdict${large ? ' verdict--large' : ''}`}
      style={{ color: look.colour, background: look.background }}
      data-testid={testId}
      data-verdict={verdict ?? (state === 'pending' ? 'pending' : undefined)}
      data-headline={state}
      title={headlineHint(state, words)}
    >
      <span class="verdict__icon" aria-hidden="true">
        {look.icon}
      </span>
      <span class="verdict__label">{headlineLabel(state, words)}</span>
    </span>
  );
}
