/**
 * Inline hints next to found credentials, each in a CLOSED shadow root so the page can
 * neither read nor restyle what it says. Hints only: the verdict lives in the popup.
 *
 * SECURITY (issue 15): a mark tells the page nothing. Its host is one fixed-size box whatever the
 * verdict (`contain: strict`, every size set), so its measurements do not give the verdict away;
 * the word is inside the shadow root, visually hidden, for assistive technology and the tooltip;
 * and every host property is set `!important` in `:host`, which wins over the page's own
 * `!important` rules, so page CSS can neither hide a mark nor move or resize it.
 */
import type { MarkState } from '../../lib/protocol/messages';
import { BADGE_LOOK } from '../../components/verdict-meta';
import { headlineHint, headlineLabel, type Words } from '../../lib/report/headline-keys';

/** The extension's own i18n (content scripts have it); the key itself if it is missing. */
const words: Words = (key, ...subs) => {
  const g = globalThis as { browser?: { i18n?: { getMessage?: (k: string, s?: string[]) => string } } };
  const c = globalThis as { chrome?: { i18n?: { getMessage?: (k: string, s?: string[]) => string } } };
  try {
    return (g.browser?.i18n ?? c.chrome?.i18n)?.getMessage?.(key, subs) || key;
  } catch {
    return key;
  }
};

/** Tag of the mark host elements; the scanner skips them. */
export const MARK_TAG = 'credlens-mark';

/** The side of every mark, in CSS pixels. */
export const MARK_SIZE_PX = 18;

const CSS = `
:host { all: initial !important; display: inline-block !important; position: relative !important;
  box-sizing: border-box !important; width: ${MARK_SIZE_PX}px !important; height: ${MARK_SIZE_PX}px !important;
  min-width: ${MARK_SIZE_PX}px !important; max-width: ${MARK_SIZE_PX}px !important;
  min-height: ${MARK_SIZE_PX}px !important; max-height: ${MARK_SIZE_PX}px !important;
  margin: 0 0 0 4px !important; padding: 0 !important; vertical-align: middle !important;
  overflow: hidden !important; contain: strict !important; visibility: visible !important;
  opacity: 1 !important; transform: none !important; float: none !important; }
span { box-sizing: border-box; display: flex; cursor: pointer; align-items: center; justify-content: center;
  width: ${MARK_SIZE_PX}px; height: ${MARK_SIZE_PX}px; border-radius: 50%; border: 1px solid currentColor;
  font: 700 11px/1 system-ui, sans-serif; overflow: hidden; }
span:focus-visible { outline: 2px solid #1a4f9c; outline-offset: -2px; }
i { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

interface MarkView {
  pill: HTMLSpanElement;
}

/**
 * Creates the marker: `attach` adds a mark after an element, `update` sets states by candidate URL.
 * `open(url)` is called when the recruiter clicks a mark (or presses Enter or Space on it): only
 * for real input, never for events the page makes up.
 */
export function createMarker(open: (url: string) => void = () => undefined) {
  const byUrl = new Map<string, MarkView[]>();
  const marked = new WeakSet<Element>();
  const states = new Map<string, MarkState>();
  /** A mark's content (style and a pending pill), built once: each mark is one native clone of it. */
  let pendingContent: DocumentFragment | undefined;

  function content(): DocumentFragment {
    if (pendingContent === undefined) {
      const style = document.createElement('style');
      style.textContent = CSS;
      const pill = document.createElement('span');
      pill.setAttribute('role', 'button');
      pill.setAttribute('tabindex', '0');
      render({ pill }, 'pending');
      pendingContent = document.createDocumentFragment();
      pendingContent.append(style, pill);
    }
    return pendingContent.cloneNode(true) as DocumentFragment;
  }

  function render(view: MarkView, state: MarkState): void {
    const meta = BADGE_LOOK[state] ?? BADGE_LOOK.unverifiable;
    const label = headlineLabel(state, words);
    view.pill.style.color = meta.colour;
    view.pill.style.background = meta.background;
    view.pill.title = `CredLens: ${label}. ${headlineHint(state, words)} ${words('mark_openReport')}`;
    view.pill.replaceChildren();
    const icon = document.createElement('b');
    icon.textContent = meta.icon;
    icon.setAttribute('aria-hidden', 'true');
    // The word, visually hidden: it never sizes the mark.
    const word = document.createElement('i');
    word.textContent = `CredLens: ${label}`;
    view.pill.append(icon, word);
  }

  return {
    attach(element: Element, url: string): void {
      if (marked.has(element) || !element.isConnected) return;
      marked.add(element);
      const host = document.createElement(MARK_TAG);
      const shadow = host.attachShadow({ mode: 'closed' });
      const fragment = content();
      const view = { pill: fragment.lastChild as HTMLSpanElement };
      shadow.append(fragment);
      view.pill.addEventListener('click', (e) => {
        if (!e.isTrusted) return;
        e.preventDefault();
        e.stopPropagation();
        open(url);
      });
      view.pill.addEventListener('keydown', (e) => {
        if (!e.isTrusted || (e.key !== 'Enter' && e.key !== ' ')) return;
        e.preventDefault();
        open(url);
      });
      const state = states.get(url) ?? 'pending';
      if (state !== 'pending') render(view, state);
      element.after(host);
      const list = byUrl.get(url) ?? [];
      list.push(view);
      byUrl.set(url, list);
    },
    update(url: string, state: MarkState): void {
      // A state can arrive twice (the report's reply, then the update): only changes are drawn.
      if (states.get(url) === state) return;
      states.set(url, state);
      for (const view of byUrl.get(url) ?? []) render(view, state);
    },
    /** Forgets everything (SPA navigation). Old marks stay until the page removes them. */
    reset(): void {
      byUrl.clear();
      states.clear();
    },
  };
}
