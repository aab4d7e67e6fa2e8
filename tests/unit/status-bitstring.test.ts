/**
 * Status list decoding (Bitstring Status List 1.0 §3.2; StatusList2021) against the vectors:
 * the 1EdTech testlist has index 23 set; the Blockcerts StatusList2021-style lists (plain base64url)
 * have 23547 (revocation) and 12354/23548 (suspension) set — as decoded in the vectors MANIFEST.
 */
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { decodeEncodedList, readStatus } from '../../lib/status/bitstring';
import { readVectorText } from '../support/vectors';

const encoded = (file: string) =>
  (JSON.parse(readVectorText(file)) as { credentialSubject: { encodedList: string } }).credentialSubject
    .encodedList;

async function setBits(file: string): Promise<number[]> {
  const bits = await decodeEncodedList(encoded(file));
  if (!bits.ok) throw new Error(bits.reason);
  const out: number[] = [];
  for (let i = 0; i < bits.bytes.length * 8; i++) if (readStatus(bits.bytes, i) === 1) out.push(i);
  return out;
}

describe('status lists in the vectors', () => {
  it('1EdTech BitstringStatusList testlist: {23}', async () => {
    expect(await setBits('1edtech-dc-public-validator/ob30/bit-string-list/testlist')).toEqual([23]);
  });
  it('Blockcerts revocation list: {23547}', async () => {
    expect(await setBits('blockcerts-cert-verifier-js/fixtures/blockcerts-status-list-2021.json')).toEqual([
      23547,
    ]);
  });
  it('Blockcerts suspension list: {12354, 23548}', async () => {
    expect(
      await setBits('blockcerts-cert-verifier-js/fixtures/blockcerts-status-list-2021-suspension.json'),
    ).toEqual([12354, 23548]);
  });
});

describe('readStatus', () => {
  const bits = Uint8Array.from([0b1010_0000, 0b0000_0011]);
  it('reads left-most bit first', () => {
    expect([0, 1, 2, 3].map((i) => readStatus(bits, i))).toEqual([1, 0, 1, 0]);
  });
  it('reads multi-bit statuses (statusSize)', () => {
    expect(readStatus(bits, 0, 2)).toBe(0b10);
    expect(readStatus(bits, 7, 2)).toBe(0b11);
  });
  it('out of range is undefined, never 0', () => {
    expect(readStatus(bits, 16)).toBeUndefined();
    expect(readStatus(bits, -1)).toBeUndefined();
  });
  it('SECURITY: refuses a gzip bomb', async () => {
    const big = `u${Buffer.from(gzipSync(new Uint8Array(2 * 1024 * 1024))).toString('base64url')}`;
    const r = await decodeEncodedList(big);
    expect(r.ok).toBe(false);
  });
});
