/** What to verify for a candidate: its URL, or the embedded text/bytes; null when nothing (no verifiable form). */
import type { Candidate } from '../detect/candidate';
import type { CredentialInput } from '../model/input';
import { decodeBase64 } from '../protocol/base64';

/** The verifier input for a candidate; null when it has no verifiable form or its content is damaged. */
export function candidateInput(c: Candidate): CredentialInput | null {
  if (c.noVerifiableForm === true) return null;
  if (c.kind !== 'embedded') return { kind: 'url', url: c.url };
  if (c.content === undefined) return null;
  const name = c.where ?? c.platform;
  if (c.contentEncoding === 'base64') {
    const bytes = decodeBase64(c.content);
    return bytes === null ? null : { kind: 'bytes', bytes, name };
  }
  return { kind: 'text', text: c.content, name };
}
