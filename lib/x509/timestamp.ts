/**
 * RFC 3161 time-stamp tokens (§2.4.2 TSTInfo; CMS SignedData, RFC 5652 §5): the message imprint
 * over the time-stamped data, the TSA's signature, and the TSA certificate carried in the token.
 * Whether the TSA is trustworthy is decided by the caller (chain + trusted lists).
 */
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData, TSTInfo } from 'pkijs';
import { bytesEqual, digest, HASH_BY_OID, toArrayBuffer, toHex } from './bytes';
import { parseCertificate, type CertInfo } from './cert';
import { pkiEngine } from './engine';

/** SECURITY: a token larger than this is refused before parsing (bounded work). */
export const MAX_TOKEN_BYTES = 128 * 1024;

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4';

/** A parsed, cryptographically checked time-stamp token. */
export interface TimeStampResult {
  /** True when the imprint matches the data and the TSA signature verifies. */
  ok: boolean;
  /** The time asserted by the TSA (genTime), when readable. */
  genTime?: Date;
  /** The signing TSA certificate (from the token), when found. */
  tsa?: CertInfo;
  /** All certificates carried in the token. */
  certificates: CertInfo[];
  hashAlgorithm?: string;
  serialHex?: string;
  /** Plain-language problems. */
  problems: string[];
}

function fail(problem: string, partial: Partial<TimeStampResult> = {}): TimeStampResult {
  return { ok: false, certificates: [], ...partial, problems: [problem] };
}

/** Verifies a DER time-stamp token over `data`. Never throws. */
export async function verifyTimeStamp(token: Uint8Array, data: Uint8Array): Promise<TimeStampResult> {
  if (token.length === 0 || token.length > MAX_TOKEN_BYTES)
    return fail('the time-stamp token is empty or too large');
  try {
    const asn = asn1js.fromBER(toArrayBuffer(token));
    if (asn.offset === -1) return fail('the time-stamp token is not valid DER');
    const content = new ContentInfo({ schema: asn.result });
    if (content.contentType !== ID_SIGNED_DATA) return fail('the time-stamp token is not CMS SignedData');
    const signed = new SignedData({ schema: content.content });
    const eContent = signed.encapContentInfo.eContent;
    if (signed.encapContentInfo.eContentType !== ID_CT_TSTINFO || !eContent)
      return fail('the time-stamp token does not contain TSTInfo');
    const infoAsn = asn1js.fromBER(toArrayBuffer(new Uint8Array(eContent.getValue())));
    const info = new TSTInfo({ schema: infoAsn.result });
    const certificates: CertInfo[] = [];
    for (const c of signed.certificates ?? []) {
      if (!('tbsView' in c)) continue;
      const parsed = await parseCertificate(new Uint8Array(c.toSchema().toBER(false)));
      if (parsed) certificates.push(parsed);
    }
    const hashOid = info.messageImprint.hashAlgorithm.algorithmId;
    const hash = HASH_BY_OID[hashOid];
    const base = {
      genTime: info.genTime,
      certificates,
      serialHex: toHex(new Uint8Array(info.serialNumber.valueBlock.valueHexView)),
    };
    if (!hash || hash === 'SHA-1')
      return fail(`the time-stamp uses an unsupported digest (${hashOid})`, base);
    const expected = await digest(hash, data);
    const imprint = new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView);
    const problems: string[] = [];
    if (!bytesEqual(expected, imprint)) {
      return fail('the time-stamp was made for different data (message imprint mismatch)', {
        ...base,
        hashAlgorithm: hash,
      });
    }
    const verified = await signed
      .verify({ signer: 0, checkChain: false, extendedMode: true, data: toArrayBuffer(data) }, pkiEngine())
      .catch((e: unknown) => ({
        signatureVerified: false,
        signerCertificate: (e as { signerCertificate?: unknown }).signerCertificate ?? null,
        message: String(e),
      }));
    if (verified.signatureVerified !== true)
      problems.push('the time-stamp authority signature does not verify');
    const signer = verified.signerCertificate as { toSchema?: () => asn1js.BaseBlock } | null;
    const signerDer = signer?.toSchema ? new Uint8Array(signer.toSchema().toBER(false)) : undefined;
    const tsa = signerDer ? certificates.find((c) => bytesEqual(c.der, signerDer)) : undefined;
    if (!tsa) problems.push('the time-stamp does not carry its authority certificate');
    const result: TimeStampResult = { ok: problems.length === 0, ...base, hashAlgorithm: hash, problems };
    if (tsa) result.tsa = tsa;
    return result;
  } catch (error) {
    return fail(
      `the time-stamp token could not be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
