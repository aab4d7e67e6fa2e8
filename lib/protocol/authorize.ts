import type { ProtocolError } from './envelope';
import { MESSAGE_PRIVILEGE, type BackgroundRequest } from './messages';
import type { Caller } from './sender';

/**
 * Decides whether `caller` may send a message of `type`; null when allowed.
 * SECURITY: without it a page (through its content script) could read reports of other
 * tabs or make the worker verify arbitrary input; privilege comes only from the sender.
 */
export function authorize(type: BackgroundRequest['type'], caller: Caller): ProtocolError | null {
  const needed = MESSAGE_PRIVILEGE[type];
  if (caller.kind === 'unknown') return forbidden(type);
  if (needed === 'extension-page') return caller.kind === 'extension-page' ? null : forbidden(type);
  // Content-script messages: only from our content script in a tab's top frame.
  if (caller.kind !== 'content' || caller.frameId !== 0) return forbidden(type);
  return null;
}

function forbidden(type: string): ProtocolError {
  return { code: 'ERR_PROTO_FORBIDDEN', message: `${type} is not allowed from this sender.` };
}
