import { t } from './i18n';
import { learnerShown } from './readable';

/**
 * One learner value: a name or e-mail as stated, "hashed e-mail", or "holder key (DID)" with the
 * DID folded into a keyboard-usable detail (and a tooltip), never a raw DID in the line.
 */
export function LearnerValue({ value }: { value: string }) {
  const shown = learnerShown(value);
  if (shown.did === undefined) return <span data-testid="learner-value">{shown.text}</span>;
  return (
    <details class="learner-did" data-testid="learner-value" data-kind="did">
      <summary title={shown.did}>{shown.text}</summary>
      <span class="muted small block">{t('learner_holderKeyHint')}</span>
      <code class="url">{shown.did}</code>
    </details>
  );
}
