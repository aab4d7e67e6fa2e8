/**
 * How each headline is shown: icon, colour and words together (never colour alone). The words
 * are in the locale files (head_<headline>_label / _hint); this holds only what is drawn.
 * Plain TS (no Preact) so the content script can use it without pulling in UI code.
 */
import type { Headline } from '../lib/report/headline';

export type BadgeState = Headline | 'pending' | 'waiting';

export interface BadgeLook {
  /** A text symbol; decorative (the label carries the meaning). */
  icon: string;
  /** Foreground colour (AA contrast on its background and on white). */
  colour: string;
  /** Tinted background for badges. */
  background: string;
}

const GOOD: Omit<BadgeLook, 'icon'> = { colour: '#1e6b30', background: '#e3f4e7' };
const FAIR: Omit<BadgeLook, 'icon'> = { colour: '#1a4f9c', background: '#e4edfb' };
const CAUTION: Omit<BadgeLook, 'icon'> = { colour: '#7a4d00', background: '#fcf0d6' };
const BAD: Omit<BadgeLook, 'icon'> = { colour: '#a1221a', background: '#fbe5e3' };
const GREY: Omit<BadgeLook, 'icon'> = { colour: '#4a4f55', background: '#eceef0' };

/** Green only for a trusted issuer; red for the red flags; grey for "could not tell". */
export const BADGE_LOOK: Record<BadgeState, BadgeLook> = {
  verified: { icon: '✔', ...GOOD },
  'verified-caveat': { icon: '✔', ...CAUTION },
  identified: { icon: '✔', ...FAIR },
  'unconfirmed-issuer': { icon: '◐', ...CAUTION },
  expired: { icon: '⌛', ...CAUTION },
  'not-yet-valid': { icon: '⌛', ...CAUTION },
  revoked: { icon: '⊘', ...BAD },
  invalid: { icon: '✖', ...BAD },
  'not-found': { icon: '∄', ...BAD },
  unreachable: { icon: '↻', ...GREY },
  'no-verifiable-form': { icon: '–', ...GREY },
  'unknown-platform': { icon: '–', ...GREY },
  'not-a-credential': { icon: '∅', ...GREY },
  unsupported: { icon: '?', ...GREY },
  unverifiable: { icon: '?', ...GREY },
  pending: { icon: '…', ...GREY },
  waiting: { icon: '?', ...GREY },
};
