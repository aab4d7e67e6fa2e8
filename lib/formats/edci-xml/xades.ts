/**
 * The XAdES seal of an EDCI (ELM v2) XML document (ETSI EN 319 132-1; W3C XMLDSig 1.1): reads
 * the one ds:Signature, checks that it covers the whole document minus signatures (XPath Filter
 * 2.0 "subtract /descendant::ds:Signature" then exclusive c14n) and its SignedProperties, and
 * verifies reference digests and the signature value with xmldsigjs over @xmldom/xmldom.
 * Anything outside this well-understood shape is reported as unverifiable with the reason.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { CryptoConfig, SignedXml, Transform, XmlDsigExcC14NTransform } from 'xmldsigjs';
import { ecNamedCurve, keepCurve, setupXmlDsig } from '../../trust/eu/tl-signature';
import { fromBase64 } from '../../x509/bytes';
import type { CertInfo } from '../../x509/cert';
import { children, path, paths, text } from '../../trust/eu/xml';

export const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const FILTER2 = 'http://www.w3.org/2002/06/xmldsig-filter2';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SIGNED_PROPERTIES = 'http://uri.etsi.org/01903#SignedProperties';
const DIGESTS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
};
const SIGNATURE_METHODS: Readonly<Record<string, { kind: 'rsa' | 'ecdsa'; hash: string }>> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { kind: 'rsa', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { kind: 'rsa', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { kind: 'rsa', hash: 'SHA-512' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { kind: 'ecdsa', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { kind: 'ecdsa', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { kind: 'ecdsa', hash: 'SHA-512' },
};
/** SECURITY: bounds on the unsigned properties (not covered by the signature). */
const MAX_VALUES = 32;

/** One parsed XAdES signature. */
export interface XadesSignature {
  signature: Element;
  signatureValue: Element;
  signatureMethod: string;
  /** KeyInfo/X509Data certificates (base64 DER). */
  keyInfoCerts: Uint8Array[];
  /** The SigningCertificate(V2) digests (WebCrypto hash name, base64 value). */
  certDigests: { hash: string; value: string }[];
  signingTime?: string;
  /** AllDataObjectsTimeStamp tokens (signed property). */
  contentTimeStamps: Uint8Array[];
  /** SignatureTimeStamp tokens (unsigned). */
  signatureTimeStamps: Uint8Array[];
  certificateValues: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
  /** Unsigned properties present that are not evaluated (archive time-stamps...). */
  notEvaluated: string[];
}

export type ReadXadesResult =
  | { ok: true; xades: XadesSignature }
  | { ok: false; code: string; impact: 'invalid' | 'unverifiable'; message: string; detail: string };

const unsupported = (detail: string): ReadXadesResult => ({
  ok: false,
  code: 'ERR_EDCI_XADES_UNSUPPORTED',
  impact: 'unverifiable',
  message: 'The seal on this credential uses a signature form CredLens cannot check.',
  detail,
});
const damaged = (detail: string): ReadXadesResult => ({
  ok: false,
  code: 'ERR_EDCI_XADES_MALFORMED',
  impact: 'invalid',
  message: 'The seal on this credential is damaged.',
  detail,
});

function algorithms(el: Element | undefined, ...names: string[]): (string | null)[] {
  return paths(el, ...names).map((t) => t.getAttribute('Algorithm'));
}

function b64Values(els: Element[]): Uint8Array[] {
  return els
    .slice(0, MAX_VALUES)
    .map((e) => fromBase64((text(e) ?? '').replace(/\s+/g, '')))
    .filter((d): d is Uint8Array => d !== undefined && d.length > 0);
}

/** True when the filter is exactly "subtract /descendant::<p>:Signature" with <p> bound to XMLDSig. */
function isSubtractAllSignatures(transform: Element): boolean {
  const xpaths = children(transform, 'XPath').filter((x) => x.namespaceURI === FILTER2);
  const x = xpaths[0];
  if (xpaths.length !== 1 || !x || x.getAttribute('Filter') !== 'subtract') return false;
  const m = /^\s*\/descendant::([A-Za-z_][\w.-]*):Signature\s*$/.exec(x.textContent ?? '');
  return m?.[1] !== undefined && x.lookupNamespaceURI(m[1]) === DSIG;
}

/** Reads and checks the shape of the document's one XAdES signature. Never throws. */
export function readXades(doc: Document): ReadXadesResult {
  const all = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature'));
  if (all.length === 0)
    return {
      ok: false,
      code: 'ERR_EDCI_UNSIGNED',
      impact: 'unverifiable',
      message:
        'This European Digital Credential carries no electronic seal, so nothing proves who issued it or that it is unchanged.',
      detail: 'No ds:Signature element.',
    };
  if (all.length > 1)
    return unsupported(`${all.length} ds:Signature elements (CredLens checks exactly one).`);
  const sig = all[0] as Element;
  const signedInfo = path(sig, 'SignedInfo');
  const c14n = algorithms(signedInfo, 'CanonicalizationMethod');
  if (c14n.length !== 1 || c14n[0] !== EXC_C14N)
    return unsupported(`SignedInfo canonicalization ${String(c14n[0])} (supported: exclusive c14n).`);
  const method = algorithms(signedInfo, 'SignatureMethod')[0] ?? '';
  if (!SIGNATURE_METHODS[method]) return unsupported(`Signature method ${method || 'missing'}.`);
  const refs = children(signedInfo, 'Reference');
  for (const ref of refs) {
    const alg = algorithms(ref, 'DigestMethod')[0] ?? '';
    if (!DIGESTS[alg])
      return unsupported(`Reference digest method ${alg || 'missing'} (SHA-1 is not accepted).`);
  }
  const whole = refs.filter((r) => r.getAttribute('URI') === '');
  const propsRefs = refs.filter((r) => r.getAttribute('Type') === SIGNED_PROPERTIES);
  if (refs.length !== 2 || whole.length !== 1 || propsRefs.length !== 1)
    return unsupported(
      `${refs.length} references; CredLens checks one over the whole document (URI "") plus the SignedProperties.`,
    );
  const wholeRef = whole[0] as Element;
  const transforms = paths(wholeRef, 'Transforms', 'Transform');
  const [first, second] = transforms;
  if (
    transforms.length !== 2 ||
    first?.getAttribute('Algorithm') !== FILTER2 ||
    !isSubtractAllSignatures(first) ||
    second?.getAttribute('Algorithm') !== EXC_C14N
  )
    return unsupported(
      `Whole-document reference transforms [${transforms.map((t) => t.getAttribute('Algorithm')).join(', ')}]; supported: XPath Filter 2.0 "subtract /descendant::ds:Signature" then exclusive c14n.`,
    );
  const propsRef = propsRefs[0] as Element;
  const propsTransforms = algorithms(propsRef, 'Transforms', 'Transform');
  if (propsTransforms.some((a) => a !== EXC_C14N))
    return unsupported(`SignedProperties transforms [${propsTransforms.join(', ')}].`);
  const qp = paths(sig, 'Object', 'QualifyingProperties').filter((q) => q.namespaceURI === XADES);
  const q = qp[0];
  if (qp.length !== 1 || !q) return damaged('No (or several) XAdES 1.3.2 QualifyingProperties in ds:Object.');
  const sigId = sig.getAttribute('Id');
  if (!sigId || q.getAttribute('Target') !== `#${sigId}`)
    return damaged('QualifyingProperties/@Target does not name this signature.');
  const props = path(q, 'SignedProperties');
  const propsId = props?.getAttribute('Id');
  if (!props || !propsId || propsRef.getAttribute('URI') !== `#${propsId}`)
    return damaged(
      'The SignedProperties reference does not point at the QualifyingProperties/SignedProperties.',
    );
  const ssp = path(props, 'SignedSignatureProperties');
  const signingCert = path(ssp, 'SigningCertificateV2') ?? path(ssp, 'SigningCertificate');
  const certDigests = paths(signingCert, 'Cert', 'CertDigest').map((d) => ({
    hash: DIGESTS[algorithms(d, 'DigestMethod')[0] ?? ''] ?? '',
    value: (text(path(d, 'DigestValue')) ?? '').replace(/\s+/g, ''),
  }));
  if (certDigests.length === 0 || certDigests.some((d) => !d.hash || !d.value))
    return damaged(
      'No usable SigningCertificate(V2) digest in the signed properties (XAdES-B requires one).',
    );
  const signatureValue = path(sig, 'SignatureValue');
  if (!signatureValue) return damaged('No ds:SignatureValue.');
  const usp = path(q, 'UnsignedProperties', 'UnsignedSignatureProperties');
  const known = ['SignatureTimeStamp', 'CertificateValues', 'RevocationValues'];
  const notEvaluated: string[] = [];
  for (let n = usp?.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 1 && !known.includes((n as Element).localName ?? ''))
      notEvaluated.push((n as Element).localName ?? '');
  const signatureStamps = paths(usp, 'SignatureTimeStamp');
  if (signatureStamps.some((s) => algorithms(s, 'CanonicalizationMethod').some((a) => a !== EXC_C14N)))
    return unsupported('A SignatureTimeStamp uses a canonicalization other than exclusive c14n.');
  const contentStamps = paths(props, 'SignedDataObjectProperties', 'AllDataObjectsTimeStamp');
  const xades: XadesSignature = {
    signature: sig,
    signatureValue,
    signatureMethod: method,
    keyInfoCerts: b64Values(paths(sig, 'KeyInfo', 'X509Data', 'X509Certificate')),
    certDigests,
    contentTimeStamps: b64Values(contentStamps.flatMap((s) => children(s, 'EncapsulatedTimeStamp'))),
    signatureTimeStamps: b64Values(signatureStamps.flatMap((s) => children(s, 'EncapsulatedTimeStamp'))),
    certificateValues: b64Values(paths(usp, 'CertificateValues', 'EncapsulatedX509Certificate')),
    ocsps: b64Values(paths(usp, 'RevocationValues', 'OCSPValues', 'EncapsulatedOCSPValue')),
    crls: b64Values(paths(usp, 'RevocationValues', 'CRLValues', 'EncapsulatedCRLValue')),
    notEvaluated,
  };
  const time = text(path(ssp, 'SigningTime'));
  if (time) xades.signingTime = time;
  return { ok: true, xades };
}

/**
 * XPath Filter 2.0 restricted to the one form readXades admits: subtract every ds:Signature
 * subtree (https://www.w3.org/TR/xmldsig-filter2/ §3). Mutates its input like xmldsigjs' own
 * enveloped-signature transform; the exclusive c14n transform then serialises the result.
 */
class SubtractSignaturesTransform extends Transform {
  override Algorithm = FILTER2;
  override GetOutput(): string {
    const input = this.innerXml as unknown as Element | null;
    const el = this.Element as unknown as Element | undefined;
    // SECURITY: refuse any other filter rather than computing a different node-set.
    if (!input || !el || !isSubtractAllSignatures(el))
      throw new Error('unsupported XPath Filter 2.0 transform');
    for (const s of Array.from(input.getElementsByTagNameNS(DSIG, 'Signature'))) s.parentNode?.removeChild(s);
    // xmldsigjs passes the (mutated) input on to the c14n transform; this value is not used.
    return '';
  }
}

let registered = false;
/** xmldsigjs has no public transform registry: route the Filter 2.0 URI to the restricted transform. */
function registerFilter2(): void {
  if (registered) return;
  const original = CryptoConfig.CreateFromName.bind(CryptoConfig);
  CryptoConfig.CreateFromName = ((name: string | null) =>
    name === FILTER2
      ? new SubtractSignaturesTransform()
      : original(name)) as typeof CryptoConfig.CreateFromName;
  registered = true;
}

function importParams(
  method: string,
  signer: CertInfo,
): RsaHashedImportParams | EcKeyImportParams | undefined {
  const m = SIGNATURE_METHODS[method];
  const alg = signer.cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (m?.kind === 'rsa' && alg === '1.2.840.113549.1.1.1') return { name: 'RSASSA-PKCS1-v1_5', hash: m.hash };
  if (m?.kind !== 'ecdsa' || alg !== '1.2.840.10045.2.1') return undefined;
  const named = ecNamedCurve(signer);
  return named ? { name: 'ECDSA', namedCurve: named } : undefined;
}

/**
 * Verifies the reference digests and the signature value with the signer's key (the caller has
 * bound the signer to the SigningCertificate digest). Returns a problem text, or undefined when valid.
 */
export async function verifyXadesSignature(
  doc: Document,
  x: XadesSignature,
  signer: CertInfo,
): Promise<string | undefined> {
  setupXmlDsig();
  registerFilter2();
  const params = importParams(x.signatureMethod, signer);
  if (!params) return `the signer's key does not fit the signature method ${x.signatureMethod}`;
  const spki = new Uint8Array(signer.cert.subjectPublicKeyInfo.toSchema().toBER(false));
  const key = await crypto.subtle.importKey('spki', spki, params, true, ['verify']);
  const signed = new SignedXml(doc as unknown as ConstructorParameters<typeof SignedXml>[0]);
  signed.LoadXml(x.signature as unknown as Parameters<SignedXml['LoadXml']>[0]);
  keepCurve(signed, params);
  // xmldsigjs throws (an XmlError) on a reference digest mismatch and returns false on a bad signature value.
  try {
    return (await signed.Verify(key))
      ? undefined
      : 'the signature value does not verify with the signer certificate key';
  } catch (error) {
    return `a reference digest does not match (${error instanceof Error ? error.message : String(error)})`;
  }
}

function excC14n(node: Element): Uint8Array {
  const t = new XmlDsigExcC14NTransform();
  t.LoadInnerXml(node as unknown as Parameters<XmlDsigExcC14NTransform['LoadInnerXml']>[0]);
  return new TextEncoder().encode(String(t.GetOutput()));
}

/** The bytes a SignatureTimeStamp covers: the exclusive-c14n ds:SignatureValue element (EN 319 132-1 §5.3). */
export function signatureValueBytes(x: XadesSignature): Uint8Array {
  return excC14n(x.signatureValue);
}

/**
 * The bytes an AllDataObjectsTimeStamp covers: the output of the whole-document reference's
 * transforms (EN 319 132-1 §5.2.8.1), i.e. exclusive c14n of the document without signatures.
 */
export function signedContentBytes(doc: Document): Uint8Array | undefined {
  const root = doc.documentElement;
  if (!root) return undefined;
  const clone = root.cloneNode(true) as Element;
  for (const s of Array.from(clone.getElementsByTagNameNS(DSIG, 'Signature'))) s.parentNode?.removeChild(s);
  return excC14n(clone);
}
