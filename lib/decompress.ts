/**
 * Decompression with a hard output cap (DecompressionStream: in Node 20 and in the MV3 worker).
 * SECURITY: without the cap a few KiB of input (a "zip bomb") exhausts memory.
 */
import { concat } from './proof/crypto';

export type Decompressed =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; tooLarge: true }
  | { ok: false; tooLarge: false; error: string };

/** Decompresses `data` (zlib `deflate` or `gzip`), stopping as soon as the output passes `maxBytes`. Never throws. */
export async function decompressCapped(
  data: Uint8Array,
  format: 'deflate' | 'gzip',
  maxBytes: number,
): Promise<Decompressed> {
  const reader = new Blob([new Uint8Array(data)])
    .stream()
    .pipeThrough(new DecompressionStream(format))
    .getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const step = await reader.read();
      if (step.done) break;
      total += step.value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined);
        return { ok: false, tooLarge: true };
      }
      parts.push(step.value);
    }
  } catch (error) {
    return { ok: false, tooLarge: false, error: String(error) };
  }
  return { ok: true, bytes: concat(...parts) };
}
