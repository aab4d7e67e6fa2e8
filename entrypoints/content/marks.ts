/**
 * Inline hints next to found credentials, each in a CLOSED shadow root so the page can
 * neither read nor restyle what it says. Hints only: the verdict lives in the popup.
 */
import type { MarkState } from '../../lib/protocol/messages';
import { PENDING_META, VERDICT_META, WAITING_META } from '../../components/verdict-meta';

/** Tag of the mark host elements; the scanner skips them. */
export const MARK_TAG = 'credlens-mark';

const CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 0 0 6px; }
span { display: inline-flex; align-items: center; gap: 4px; padding: 1px 7px; border-radius: 999px;
  font: 600 11px/1.6 system-ui, sans-serif; border: 1px solid currentColor; white-space: nowrap; }
b { font-weight: 700; }
`;

interface MarkView {
  pill: HTMLSpanElement;
}

/** Creates the marker: `attach` adds a mark after an element, `update` sets states by candidate URL. */
export function createMarker() {
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
      pill.setAttribute('role', 'note');
      render({ pill }, 'pending');
      pendingContent = document.createDocumentFragment();
      pendingContent.append(style, pill);
    }
    return pendingContent.cloneNode(true) as DocumentFragment;
  }

  function render(view: MarkView, state: MarkState): void {
    const meta = state === 'pending' ? PENDING_META : state === 'waiting' ? WAITING_META : VERDICT_META[state];
    view.pill.style.color = meta.colour;
    view.pill.style.background = meta.background;
    view.pill.title = `CredLens hint: ${meta.description} Open the CredLens toolbar button for the full report.`;
    view.pill.replaceChildren();
    const icon = document.createElement('b');
    icon.textContent = meta.icon;
    icon.setAttribute('aria-hidden', 'true');
    view.pill.append(icon, document.createTextNode(`CredLens: ${meta.label}`));
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
