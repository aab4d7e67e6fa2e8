/**
 * UI strings through the extension's locale mechanism (public/_locales/<lang>/messages.json,
 * `i18n.getMessage`). Outside the extension (unit tests) the English file answers.
 * Plain TS so every surface can use it.
 */
import en from '../public/_locales/en/messages.json';
import type { Verdict } from '../lib/model/report';
import { VERDICT_HEADLINE } from '../lib/report/headline';
import { headlineLabel, type Words } from '../lib/report/headline-words';

export type MessageKey = keyof typeof en;

type GetMessage = (key: string, subs?: string[]) => string;

function getMessage(): GetMessage | undefined {
  const g = globalThis as {
    chrome?: { i18n?: { getMessage?: GetMessage } };
    browser?: { i18n?: { getMessage?: GetMessage } };
  };
  return g.browser?.i18n?.getMessage ?? g.chrome?.i18n?.getMessage;
}

/** The message in the browser's UI language, with $1…$9 filled in. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const s = subs.map(String);
  const got = getMessage()?.(key, s);
  if (got) return got;
  return en[key].message.replace(/\$(\d)/g, (_m, n: string) => s[Number(n) - 1] ?? '');
}

/** The browser UI language (e.g. "de"), for dates and multilingual credential values. */
export function uiLanguage(): string {
  const g = globalThis as { chrome?: { i18n?: { getUILanguage?: () => string } } };
  try {
    return (
      g.chrome?.i18n?.getUILanguage?.() ?? (typeof navigator === 'undefined' ? 'en' : navigator.language)
    );
  } catch {
    return 'en';
  }
}

/** `t` as a message getter for lib/report/headline-words (keys built at run time). */
export const words: Words = (key, ...subs) => t(key as MessageKey, ...subs);

/** The localised headline word of a verdict alone (lists that hold only a verdict). */
export function verdictWord(v: Verdict | 'pending'): string {
  return headlineLabel(v === 'pending' ? 'pending' : VERDICT_HEADLINE[v], words);
}

/** Tells assistive technology which language the page speaks: the UI language, not the HTML's `en`. */
export function setDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = uiLanguage().split(/[-_]/)[0] || 'en';
}
