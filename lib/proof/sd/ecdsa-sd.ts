/**
 * `ecdsa-sd-2023` derived proofs (W3C vc-di-ecdsa §3.4 "ecdsa-sd-2023", "Verify Derived Proof",
 * "parseDerivedProofValue", "createVerifyData", "decompressLabelMap", "serializeSignData"):
 *
 * - proofValue = "u" + base64url-no-pad(0xd9 0x5d 0x01 ‖ CBOR [baseSignature(64), publicKey(35,
 *   multikey P-256 0x80 0x24), signatures[64-byte], compressedLabelMap{int → 32 bytes},
 *   mandatoryIndexes[int]]).
 * - A BASE proof (header 0xd9 0x5d 0x00) is for the holder only and is never verified here.
 * - proofHash = SHA-256(RDFC-1.0(proof options without proofValue, with the document's @context));
 *   the document's canonical N-Quads get their `_:c14nN` labels replaced via the label map and are
 *   re-sorted; quads at mandatoryIndexes are mandatory, the rest non-mandatory;
 *   mandatoryHash = SHA-256(joined mandatory N-Quads).
 * - baseSignature: ECDSA P-256/SHA-256 by the issuer's key over proofHash ‖ publicKey ‖ mandatoryHash;
 *   signatures[i]: ECDSA P-256/SHA-256 by the proof-scoped `publicKey` over the UTF-8 of nonMandatory[i].
 *
 * Everything is bounded (proofValue size, CBOR shape, signatures, labels, quads). Never throws.
 */
import { base64UrlDecode, base64UrlEncode, parseMulticodecKey } from '../../did/multibase';
import { keyFromRaw, type PublicKey } from '../../did/keys';
import type { CanonResult } from '../canonize';
import { concat, digest, verifyRaw } from '../crypto';
import { decodeBoundedCbor } from './cbor';
import { relabelCanonicalNQuads } from './nquads';

/** SECURITY: bounds of a derived proof (a credential has far fewer statements than these). */
export const SD_LIMITS = {
  /** Characters of the multibase proofValue. */
  maxProofValueChars: 200_000,
  /** Non-mandatory statement signatures. */
  maxSignatures: 1_024,
  /** Label map entries. */
  maxLabels: 1_024,
  /** Mandatory indexes. */
  maxMandatory: 4_096,
  /** Statements (N-Quads) in the revealed document. */
  maxQuads: 4_096,
} as const;

const HEADER_BASE = [0xd9, 0x5d, 0x00] as const;
const HEADER_DERIVED = [0xd9, 0x5d, 0x01] as const;

/** A parsed derived proof value (labelMap decompressed: `c14nN` → `u<base64url>`). */
export interface DerivedProofValue {
  baseSignature: Uint8Array;
  /** Multikey bytes (0x80 0x24 ‖ compressed P-256 point), as signed. */
  publicKey: Uint8Array;
  /** The proof-scoped key, ready for verification. */
  ephemeralKey: PublicKey;
  signatures: Uint8Array[];
  labelMap: Map<string, string>;
  mandatoryIndexes: number[];
}

/** Why a proof value was not accepted. */
export interface SdFailure {
  code: 'ERR_DI_SD_PROOF_VALUE' | 'ERR_DI_SD_BASE_PROOF' | 'ERR_DI_SD_LIMIT';
  detail: string;
}

export type ParseResult = { ok: true; value: DerivedProofValue } | { ok: false; failure: SdFailure };

const fail = (code: SdFailure['code'], detail: string): ParseResult => ({ ok: false, failure: { code, detail } });
const malformed = (detail: string): ParseResult => fail('ERR_DI_SD_PROOF_VALUE', `ecdsa-sd-2023 proofValue: ${detail}`);
/** A bound of SD_LIMITS exceeded (`what`: "12 signatures (limit 8)"). */
const overLimit = (what: string): ParseResult => fail('ERR_DI_SD_LIMIT', `ecdsa-sd-2023 proofValue: ${what}`);

const startsWith = (bytes: Uint8Array, header: readonly number[]): boolean =>
  bytes.length >= header.length && header.every((b, i) => bytes[i] === b);

const isBytes = (v: unknown, length: number): v is Uint8Array =>
  v instanceof Uint8Array && v.length === length;

/** vc-di-ecdsa §3.4 "parseDerivedProofValue" with the shape checks it lists, bounded. */
export function parseDerivedProofValue(proofValue: unknown): ParseResult {
  if (typeof proofValue !== 'string' || !proofValue.startsWith('u'))
    return malformed('not a multibase base64url-no-pad ("u") string.');
  if (proofValue.length > SD_LIMITS.maxProofValueChars)
    return fail(
      'ERR_DI_SD_LIMIT',
      `ecdsa-sd-2023 proofValue has ${proofValue.length} characters (limit ${SD_LIMITS.maxProofValueChars}).`,
    );
  const bytes = /=/.test(proofValue) ? undefined : base64UrlDecode(proofValue.slice(1));
  if (!bytes) return malformed('not valid base64url-no-pad.');
  if (startsWith(bytes, HEADER_BASE))
    return fail(
      'ERR_DI_SD_BASE_PROOF',
      'base proof: the holder must derive a proof before sharing. This is an ecdsa-sd-2023 BASE proof ' +
        '(header 0xd9 0x5d 0x00), meant only for the holder; a verifier checks derived proofs only.',
    );
  if (!startsWith(bytes, HEADER_DERIVED))
    return malformed('does not start with the derived-proof header 0xd9 0x5d 0x01.');
  const decoded = decodeBoundedCbor(bytes.subarray(HEADER_DERIVED.length), {
    maxDepth: 3,
    maxItems: 8 + SD_LIMITS.maxSignatures + 2 * SD_LIMITS.maxLabels + SD_LIMITS.maxMandatory,
    maxLength: Math.max(SD_LIMITS.maxSignatures, SD_LIMITS.maxLabels, SD_LIMITS.maxMandatory),
  });
  if (!decoded.ok) {
    if (decoded.limit)
      return overLimit(`${decoded.reason}.`);
    return malformed(`${decoded.reason}.`);
  }
  const c = decoded.value;
  if (!Array.isArray(c) || c.length !== 5)
    return malformed('the CBOR value is not an array of five components.');
  const [baseSignature, publicKey, signatures, compressed, mandatoryIndexes] = c as unknown[];
  if (!isBytes(baseSignature, 64)) return malformed('baseSignature is not a 64-byte string.');
  if (!isBytes(publicKey, 35)) return malformed('publicKey is not a 35-byte P-256 multikey.');
  const multikey = parseMulticodecKey(publicKey);
  if (!multikey || multikey.key !== 'P-256' || publicKey[0] !== 0x80 || publicKey[1] !== 0x24)
    return malformed('publicKey does not carry the P-256 multikey header 0x80 0x24.');
  const ephemeral = keyFromRaw('P-256', multikey.raw);
  if (!ephemeral.ok) return malformed(`publicKey: ${ephemeral.reason}.`);
  if (!Array.isArray(signatures) || !signatures.every((s) => isBytes(s, 64)))
    return malformed('signatures is not an array of 64-byte strings.');
  if (signatures.length > SD_LIMITS.maxSignatures)
    return overLimit(`${signatures.length} signatures (limit ${SD_LIMITS.maxSignatures}).`);
  if (!(compressed instanceof Map)) return malformed('the label map is not a CBOR map.');
  if (compressed.size > SD_LIMITS.maxLabels)
    return overLimit(`${compressed.size} label map entries (limit ${SD_LIMITS.maxLabels}).`);
  // vc-di-ecdsa §3.4 "decompressLabelMap": k → "c14n" + k, v → "u" + base64url-no-pad(v).
  const labelMap = new Map<string, string>();
  for (const [k, v] of compressed as Map<unknown, unknown>) {
    if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0)
      return malformed('a label map key is not a non-negative integer.');
    if (!isBytes(v, 32)) return malformed(`label map entry ${k} is not a 32-byte string.`);
    labelMap.set(`c14n${k}`, `u${base64UrlEncode(v)}`);
  }
  if (
    !Array.isArray(mandatoryIndexes) ||
    !mandatoryIndexes.every((i) => typeof i === 'number' && Number.isSafeInteger(i) && i >= 0)
  )
    return malformed('mandatoryIndexes is not an array of non-negative integers.');
  if (mandatoryIndexes.length > SD_LIMITS.maxMandatory)
    return overLimit(`${mandatoryIndexes.length} mandatory indexes (limit ${SD_LIMITS.maxMandatory}).`);
  return {
    ok: true,
    value: {
      baseSignature: new Uint8Array(baseSignature),
      publicKey: new Uint8Array(publicKey),
      ephemeralKey: ephemeral.key,
      signatures: (signatures as Uint8Array[]).map((s) => new Uint8Array(s)),
      labelMap,
      mandatoryIndexes: mandatoryIndexes as number[],
    },
  };
}

/** How a derived proof came out. */
export type SdVerifyResult =
  | { status: 'verified'; code: 'OK_DI_SIGNATURE'; detail: string; rules: string[] }
  | {
      status: 'invalid' | 'undecidable';
      code: string;
      detail: string;
      rules: string[];
    };

/** Canonical (RDFC-1.0, SHA-256) N-Quads of a JSON-LD value, memoised by the caller. */
export type Canonize = (value: Record<string, unknown>) => Promise<CanonResult>;

const enc = new TextEncoder();

/**
 * vc-di-ecdsa §3.4 "Verify Derived Proof (ecdsa-sd-2023)" for an already parsed proof value.
 * `unsecured` is the document without `proof`; `proofOptions` the proof without `proofValue`,
 * with the document's `@context`; `issuerKey` the P-256 key of the proof's verificationMethod.
 */
export async function verifyDerivedProof(
  unsecured: Record<string, unknown>,
  proofOptions: Record<string, unknown>,
  parsed: DerivedProofValue,
  issuerKey: PublicKey,
  canonize: Canonize,
): Promise<SdVerifyResult> {
  const [doc, cfg] = await Promise.all([canonize(unsecured), canonize(proofOptions)]);
  for (const [part, r] of [
    ['document', doc],
    ['proof options', cfg],
  ] as const) {
    if (!r.ok)
      return {
        status: r.code === 'ERR_JSONLD_CONTEXT_UNKNOWN' ? 'undecidable' : 'invalid',
        code: r.code,
        detail: `Canonicalising the ${part}: ${r.detail}`,
        rules: [],
      };
  }
  if (!doc.ok || !cfg.ok) return { status: 'invalid', code: 'ERR_JSONLD_INVALID', detail: '', rules: [] };
  const rules = [...new Set([...doc.rules, ...cfg.rules])];
  const fail = (code: string, detail: string): SdVerifyResult => ({ status: 'invalid', code, detail, rules });

  const relabelled = relabelCanonicalNQuads(doc.nquads, parsed.labelMap, SD_LIMITS.maxQuads);
  if (!relabelled.ok) return fail('ERR_DI_SD_LABEL_MAP', `ecdsa-sd-2023: ${relabelled.reason}.`);
  const mandatoryIndexes = new Set(parsed.mandatoryIndexes);
  const mandatory: string[] = [];
  const nonMandatory: string[] = [];
  relabelled.nquads.forEach((nq, index) => (mandatoryIndexes.has(index) ? mandatory : nonMandatory).push(nq));
  if (parsed.signatures.length !== nonMandatory.length)
    return fail(
      'ERR_DI_SD_SIGNATURE_COUNT',
      `ecdsa-sd-2023: ${parsed.signatures.length} statement signatures for ${nonMandatory.length} disclosed non-mandatory statements.`,
    );
  const [proofHash, mandatoryHash] = await Promise.all([
    digest('SHA-256', enc.encode(cfg.nquads)),
    digest('SHA-256', enc.encode(mandatory.join(''))),
  ]);
  // vc-di-ecdsa §3.4 "serializeSignData": proofHash ‖ publicKey ‖ mandatoryHash.
  const toVerify = concat(proofHash, parsed.publicKey, mandatoryHash);
  if (!(await verifyRaw(issuerKey, toVerify, parsed.baseSignature, 'SHA-256')))
    return fail(
      'ERR_DI_SD_SIGNATURE',
      'ecdsa-sd-2023 base signature does not match the proof options, the mandatory statements and the issuer key.',
    );
  for (const [i, signature] of parsed.signatures.entries()) {
    if (!(await verifyRaw(parsed.ephemeralKey, enc.encode(nonMandatory[i] ?? ''), signature, 'SHA-256')))
      return fail(
        'ERR_DI_SD_SIGNATURE',
        `ecdsa-sd-2023 signature ${i + 1} of ${parsed.signatures.length} does not match its disclosed statement.`,
      );
  }
  return {
    status: 'verified',
    code: 'OK_DI_SIGNATURE',
    detail: `base signature and ${parsed.signatures.length} statement signature(s) verified; ${mandatory.length} mandatory statement(s)`,
    rules,
  };
}
