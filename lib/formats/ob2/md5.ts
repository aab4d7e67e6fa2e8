/**
 * MD5, only because Open Badges 1.x/2.0 allow `md5$` recipient hashes and WebCrypto has no MD5.
 * Never used for anything security-relevant beyond comparing a recipient hash.
 * (@noble/hashes: audited, dependency-free; also what later curves need.)
 */
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Hex MD5 of a UTF-8 string. */
export function md5Hex(text: string): string {
  return bytesToHex(md5(utf8ToBytes(text)));
}
