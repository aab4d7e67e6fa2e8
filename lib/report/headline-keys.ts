/**
 * Message keys of the headlines (lib/report/headline.ts), without any words: the content script
 * takes its words from the extension's i18n, so it must not bundle the English file.
 */
import type { Headline } from './headline';

/** A message getter: key and $1…$9 substitutions → text. */
export type Words = (key: string, ...subs: string[]) => string;

/** A headline's message-key stem: `head_<headline with _ for ->`. */
export const headlineKey = (h: Headline | 'pending' | 'waiting'): string => `head_${h.replace(/-/g, '_')}`;

export const headlineLabel = (h: Headline | 'pending' | 'waiting', w: Words): string =>
  w(`${headlineKey(h)}_label`);

export const headlineHint = (h: Headline | 'pending' | 'waiting', w: Words): string =>
  w(`${headlineKey(h)}_hint`);
