/**
 * Who is calling. Privilege is decided from the runtime's `sender`, never from the
 * message body (after uBlock Origin's split of privileged and unprivileged handlers).
 */

/** The parts of `runtime.MessageSender` this module reads (a structural subset). */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/** This extension's identity, passed in (lib/ reads no browser globals). */
export interface SelfIdentity {
  /** `runtime.id`. */
  id: string;
  /** Extension origin with trailing slash: `runtime.getURL('/')`. */
  origin: string;
}

export type Caller =
  /** Our content script in a web page tab (unprivileged: the page may influence it). */
  | { kind: 'content'; tabId: number; frameId: number; url: string }
  /** One of our own pages: popup, report page, options (privileged). */
  | { kind: 'extension-page'; url: string }
  | { kind: 'unknown' };

/**
 * Classifies a message sender.
 * SECURITY: an extension page opened in a tab also has `sender.tab`; it is recognised by
 * its URL on our origin first. Anything from another extension id is `unknown`.
 */
export function classifySender(sender: unknown, self: SelfIdentity): Caller {
  if (typeof sender !== 'object' || sender === null) return { kind: 'unknown' };
  const s = sender as SenderLike;
  if (typeof s.id !== 'string' || s.id !== self.id) return { kind: 'unknown' };
  const url = typeof s.url === 'string' ? s.url : '';
  if (self.origin.length > 0 && url.startsWith(self.origin)) {
    return { kind: 'extension-page', url };
  }
  const tabId = s.tab?.id;
  if (typeof tabId === 'number' && Number.isSafeInteger(tabId) && tabId >= 0 && /^https?:/i.test(url)) {
    return { kind: 'content', tabId, frameId: typeof s.frameId === 'number' ? s.frameId : -1, url };
  }
  return { kind: 'unknown' };
}

/**
 * True when a message comes from the background worker to a content script:
 * same extension id and no tab (the worker has none).
 */
export function isFromBackground(sender: unknown, selfId: string): boolean {
  if (typeof sender !== 'object' || sender === null) return false;
  const s = sender as SenderLike;
  return s.id === selfId && s.tab === undefined;
}
