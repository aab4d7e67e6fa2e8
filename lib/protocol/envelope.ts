/**
 * The reply envelope for every runtime message (after fregante/webext-messenger):
 * `{ ok: true, value } | { ok: false, error: { code, message } }`. Plain JSON.
 */
export type ProtocolErrorCode =
  | 'ERR_PROTO_BAD_MESSAGE'
  | 'ERR_PROTO_UNKNOWN_TYPE'
  | 'ERR_PROTO_FORBIDDEN'
  | 'ERR_PROTO_TOO_LARGE'
  | 'ERR_PROTO_NOT_FOUND'
  | 'ERR_PROTO_NO_REPLY'
  | 'ERR_INTERNAL';

export interface ProtocolError {
  code: ProtocolErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** Wraps a value in a successful reply. */
export function ok<T>(value: T): Reply<T> {
  return { ok: true, value };
}

/** Builds a failed reply. */
export function fail<T = never>(code: ProtocolErrorCode, message: string): Reply<T> {
  return { ok: false, error: { code, message } };
}

/**
 * Reads a reply that came back over runtime messaging (itself `unknown`): the shape is
 * checked, the value is the caller's to validate further when it matters.
 */
export function readReply<T>(raw: unknown): Reply<T> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; error?: unknown };
    if (r.ok === true && 'value' in r) return { ok: true, value: r.value as T };
    if (r.ok === false && typeof r.error === 'object' && r.error !== null) {
      const e = r.error as { code?: unknown; message?: unknown };
      if (typeof e.code === 'string' && typeof e.message === 'string') {
        return { ok: false, error: { code: e.code as ProtocolErrorCode, message: e.message } };
      }
    }
  }
  return fail('ERR_PROTO_NO_REPLY', 'No valid reply from the CredLens background worker.');
}
