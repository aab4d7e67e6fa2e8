/** Extension pages → background: sends a typed request and reads the reply envelope. */
import { browser } from 'wxt/browser';
import { readReply, type Reply } from '../protocol/envelope';
import type { BackgroundRequest } from '../protocol/messages';

/** Sends one request to the background; never rejects (failures come back as `ok: false`). */
export async function request<T>(msg: BackgroundRequest): Promise<Reply<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(msg);
  } catch (e) {
    return {
      ok: false,
      error: { code: 'ERR_PROTO_NO_REPLY', message: e instanceof Error ? e.message : String(e) },
    };
  }
  return readReply<T>(raw);
}
