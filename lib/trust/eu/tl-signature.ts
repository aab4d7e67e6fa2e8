/**
 * XMLDSig verification of a trusted list (ETSI TS 119 612 §5.7; W3C XMLDSig enveloped signature)
 * with xmldsigjs over @xmldom/xmldom. The key comes from an *allowed* certificate (pinned LOTL
 * signers, or those the LOTL announces for the country), never from the signature's own KeyInfo.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { setNodeDependencies } from 'xml-core';
import { Application, SignedXml } from 'xmldsigjs';
import { digest, fromBase64, toArrayBuffer, toHex } from '../../x509/bytes';
import { displayName, parseCertificate, type CertInfo } from '../../x509/cert';
import { children, path, paths, text } from './xml';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

let ready = false;
/** Gives xmldsigjs its XML DOM (@xmldom/xmldom) and WebCrypto engine; no browser DOM needed (MV3 worker). */
export function setupXmlDsig(): void {
  if (ready) return;
  // xmldsigjs needs a DOM parser/serializer and a WebCrypto engine; both are passed explicitly.
  setNodeDependencies({ DOMParser, XMLSerializer });
  Application.setEngine('WebCrypto', crypto);
  ready = true;
}

/** The result of checking a list's signature. */
export type ListSignatureResult =
  { ok: true; signer: CertInfo } | { ok: false; reason: string; signer?: CertInfo };

/** The named curve of an EC public key (P-256, P-384, P-521), or undefined. */
export function ecNamedCurve(info: CertInfo): string | undefined {
  if (info.cert.subjectPublicKeyInfo.algorithm.algorithmId !== '1.2.840.10045.2.1') return undefined;
  const curve = (
    info.cert.subjectPublicKeyInfo.algorithm.algorithmParams as { valueBlock?: { toString(): string } }
  )?.valueBlock?.toString();
  return { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' }[curve ?? ''];
}

/**
 * xmldsigjs re-imports the verification key with the SignatureMethod's parameters, which carry no
 * curve for ECDSA (WebCrypto then refuses, and the signature would read as "does not match"): add
 * the key's curve. Call after LoadXml.
 */
export function keepCurve(signed: SignedXml, params: RsaHashedImportParams | EcKeyImportParams): void {
  if (params.name === 'ECDSA' && signed.Algorithm)
    signed.Algorithm = { ...signed.Algorithm, namedCurve: (params as EcKeyImportParams).namedCurve } as unknown as EcdsaParams;
}

function importParams(info: CertInfo): RsaHashedImportParams | EcKeyImportParams | undefined {
  if (info.cert.subjectPublicKeyInfo.algorithm.algorithmId === '1.2.840.113549.1.1.1')
    return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const named = ecNamedCurve(info);
  return named ? { name: 'ECDSA', namedCurve: named } : undefined;
}

/** SECURITY: the signature must cover the whole list (Reference URI "" or the root Id, enveloped transform). */
function coversWholeList(sig: Element, root: Element): boolean {
  const rootId = root.getAttribute('Id');
  return paths(sig, 'SignedInfo', 'Reference').some((ref) => {
    const uri = ref.getAttribute('URI');
    const whole = uri === '' || (rootId !== null && rootId !== '' && uri === `#${rootId}`);
    const transforms = paths(ref, 'Transforms', 'Transform').map((t) => t.getAttribute('Algorithm'));
    return whole && transforms.includes(ENVELOPED);
  });
}

/**
 * Verifies the enveloped signature of `doc` and that its signer is one of `allowed` (base64 DER).
 * Never throws.
 */
export async function verifyListSignature(
  doc: Document,
  root: Element,
  allowed: readonly string[],
): Promise<ListSignatureResult> {
  try {
    setupXmlDsig();
    const sigs = children(root, 'Signature').filter((s) => s.namespaceURI === DSIG);
    if (sigs.length !== 1)
      return { ok: false, reason: `the list has ${sigs.length} signatures (expected exactly one)` };
    const sig = sigs[0] as Element;
    if (!coversWholeList(sig, root))
      return { ok: false, reason: 'the signature does not cover the whole list' };
    const certB64 = text(path(sig, 'KeyInfo', 'X509Data', 'X509Certificate'))?.replace(/\s+/g, '');
    const der = certB64 ? fromBase64(certB64) : undefined;
    const signer = der ? await parseCertificate(der) : undefined;
    if (!signer) return { ok: false, reason: 'the signature does not carry a readable signing certificate' };
    const allowedIds = new Set<string>();
    for (const a of allowed) {
      const bytes = fromBase64(a);
      if (bytes) allowedIds.add(toHex(await digest('SHA-256', bytes)));
    }
    // SECURITY: xmldsigjs would trust any KeyInfo certificate; the signer must be an authorised one.
    if (!allowedIds.has(signer.sha256))
      return {
        ok: false,
        signer,
        reason: `the list was signed by ${displayName(signer)}, which is not an authorised signer for it`,
      };
    const params = importParams(signer);
    if (!params) return { ok: false, signer, reason: 'the signing key type is not supported' };
    const spki = new Uint8Array(signer.cert.subjectPublicKeyInfo.toSchema().toBER(false));
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(spki), params, true, ['verify']);
    const signed = new SignedXml(doc as unknown as ConstructorParameters<typeof SignedXml>[0]);
    signed.LoadXml(sig as unknown as Parameters<SignedXml['LoadXml']>[0]);
    keepCurve(signed, params);
    // xmldsigjs throws (an XmlError) on a reference digest mismatch and returns false on a bad signature value.
    const valid = await signed.Verify(key).catch(() => false);
    return valid
      ? { ok: true, signer }
      : { ok: false, signer, reason: 'the signature does not match the list content' };
  } catch (error) {
    return {
      ok: false,
      reason: `the signature could not be checked (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
