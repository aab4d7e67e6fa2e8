/**
 * The cryptographic checks of a JAdES seal (ETSI TS 119 182-1 §5.1.7–5.1.8; RFC 7515 §5.2,
 * RFC 7797): the signature over the protected header and the payload with the key of x5c[0],
 * and the `x5t#S256` / `kid` (IssuerSerial) bindings of that certificate.
 */
import * as asn1js from 'asn1js';
import { flattenedVerify } from 'jose';
import { digest, toArrayBuffer, toBase64Url, toHex } from '../../x509/bytes';
import type { CertInfo } from '../../x509/cert';
import { fromBase64 } from '../../x509/bytes';
import type { JadesSignature } from './jades-parse';
import { UNDERSTOOD_CRIT } from './jades-parse';
import { errorText } from './util';

const HASH: Readonly<Record<string, string>> = { '256': 'SHA-256', '384': 'SHA-384', '512': 'SHA-512' };
const CURVE: Readonly<Record<string, string>> = { '256': 'P-256', '384': 'P-384', '512': 'P-521' };

function importParams(alg: string): RsaHashedImportParams | EcKeyImportParams | undefined {
  const bits = alg.slice(2);
  const hash = HASH[bits];
  if (!hash) return undefined;
  if (alg.startsWith('RS')) return { name: 'RSASSA-PKCS1-v1_5', hash };
  if (alg.startsWith('PS')) return { name: 'RSA-PSS', hash };
  const namedCurve = CURVE[bits];
  return alg.startsWith('ES') && namedCurve ? { name: 'ECDSA', namedCurve } : undefined;
}

/** Verifies the JWS signature with the public key of `signer`; returns a problem text or undefined. */
export async function verifyJadesSignature(j: JadesSignature, signer: CertInfo): Promise<string | undefined> {
  const params = importParams(j.alg);
  if (!params) return `unsupported alg ${j.alg}`;
  try {
    const spki = new Uint8Array(signer.cert.subjectPublicKeyInfo.toSchema().toBER(false));
    const key = await crypto.subtle.importKey('spki', toArrayBuffer(spki), params, false, ['verify']);
    const crit = Object.fromEntries(UNDERSTOOD_CRIT.filter((c) => c !== 'b64').map((c) => [c, true]));
    await flattenedVerify(
      { payload: j.payload, protected: j.protectedB64, signature: j.signature, header: j.unprotected },
      key,
      { algorithms: [j.alg], crit },
    );
    return undefined;
  } catch (error) {
    return errorText(error);
  }
}

/** Checks `x5t#S256` against x5c[0] (TS 119 182-1 §5.1.7); a problem text, or undefined when it matches. */
export async function checkThumbprint(j: JadesSignature, signer: CertInfo): Promise<string | undefined> {
  if (j.x5tS256 === undefined) return undefined;
  const actual = toBase64Url(await digest('SHA-256', signer.der));
  return actual === j.x5tS256 ? undefined : `x5t#S256 ${j.x5tS256} ≠ SHA-256(x5c[0]) ${actual}`;
}

/**
 * Checks `kid` when it is a base64 DER IssuerSerial (TS 119 182-1 §5.1.4): the issuer and serial
 * must be those of x5c[0]. A `kid` in another form is ignored (returns undefined).
 */
export function checkKid(j: JadesSignature, signer: CertInfo): string | undefined {
  const der = j.kid ? fromBase64(j.kid) : undefined;
  if (!der) return undefined;
  const asn = asn1js.fromBER(toArrayBuffer(der));
  if (asn.offset === -1 || !(asn.result instanceof asn1js.Sequence)) return undefined;
  const [names, serial] = asn.result.valueBlock.value;
  if (!(serial instanceof asn1js.Integer) || !(names instanceof asn1js.Sequence)) return undefined;
  const serialHex = toHex(new Uint8Array(serial.valueBlock.valueHexView));
  if (serialHex !== signer.serialHex)
    return `kid names serial ${serialHex}, the certificate has ${signer.serialHex}`;
  const directory = names.valueBlock.value[0] as asn1js.Constructed | undefined;
  const name = directory?.valueBlock.value[0];
  const issuerDer = toHex(new Uint8Array(signer.cert.issuer.toSchema().toBER(false)));
  if (name && toHex(new Uint8Array(name.toBER(false))) !== issuerDer)
    return 'kid names a different certificate issuer';
  return undefined;
}
