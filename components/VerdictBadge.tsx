import type { Verdict } from '../lib/model/report';
import { verdictWord } from './i18n';
import { PENDING_META, VERDICT_META } from './verdict-meta';

interface Props {
  verdict: Verdict | 'pending';
  large?: boolean;
  testId?: string;
}

/** The verdict as icon + word + colour (meaning never carried by colour alone); the word is localised. */
export function VerdictBadge({ verdict, large = false, testId }: Props) {
  const meta = verdict === 'pending' ? PENDING_META : VERDICT_META[verdict];
  return (
    <span
      class={`verdict${large ? ' verdict--large' : ''}`}
      style={{ color: meta.colour, background: meta.background }}
      data-testid={testId}
      data-verdict={verdict}
      title={meta.description}
    >
      <span class="verdict__icon" aria-hidden="true">
        {meta.icon}
      </span>
      <span class="verdict__label">{verdictWord(verdict)}</span>
    </span>
  );
}
