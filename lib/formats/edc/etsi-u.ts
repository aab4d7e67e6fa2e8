/**
 * The unsigned JAdES properties in `header.etsiU` (ETSI TS 119 182-1 §5.3): signature time-stamps
 * (`sigTst`, §5.3.4), certificate values (`xVals`, §5.3.5.1), revocation values (`rVals`,
 * §5.3.5.2) and archive time-stamps (`arcTst`, §5.3.6). Entries may be base64url JSON or plain JSON.
 */
import { fromBase64 } from '../../x509/bytes';
import { b64urlText, isObj, parseJson, type Json } from './util';

/** SECURITY: bounds on the unsigned properties (they are not covered by the signature). */
const MAX_ENTRIES = 64;
const MAX_VALUES = 32;

/** The decoded unsigned properties, DER values as bytes. */
export interface EtsiU {
  sigTst: Uint8Array[];
  arcTst: Uint8Array[];
  xVals: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
  /** Property names present that CredLens does not use. */
  other: string[];
  /** Entries that could not be decoded. */
  broken: number;
}

function vals(list: unknown, pick: (item: Json) => unknown): Uint8Array[] {
  if (!Array.isArray(list)) return [];
  const out: Uint8Array[] = [];
  for (const item of list.slice(0, MAX_VALUES)) {
    const v = isObj(item) ? pick(item) : undefined;
    const der = typeof v === 'string' ? fromBase64(v) : undefined;
    if (der) out.push(der);
  }
  return out;
}

function tokens(prop: unknown): Uint8Array[] {
  return isObj(prop) ? vals(prop.tstTokens, (t) => t.val) : [];
}

/** Decodes `header.etsiU`; an absent array gives empty lists. Never throws. */
export function readEtsiU(unprotected: Json): EtsiU {
  const out: EtsiU = { sigTst: [], arcTst: [], xVals: [], crls: [], ocsps: [], other: [], broken: 0 };
  const list = Array.isArray(unprotected.etsiU) ? unprotected.etsiU.slice(0, MAX_ENTRIES) : [];
  for (const entry of list) {
    const value = typeof entry === 'string' ? parseJson(b64urlText(entry) ?? '') : entry;
    if (!isObj(value)) {
      out.broken++;
      continue;
    }
    for (const [name, prop] of Object.entries(value)) {
      if (name === 'sigTst') out.sigTst.push(...tokens(prop));
      else if (name === 'arcTst') out.arcTst.push(...tokens(prop));
      else if (name === 'xVals')
        out.xVals.push(...vals(prop, (x) => (isObj(x.x509Cert) ? x.x509Cert.val : undefined)));
      else if (name === 'rVals' && isObj(prop)) {
        out.crls.push(...vals(prop.crlVals, (x) => x.val));
        out.ocsps.push(...vals(prop.ocspVals, (x) => x.val));
      } else out.other.push(name);
    }
  }
  return out;
}

/** The `adoTst` tokens of the protected header (TS 119 182-1 §5.2.8.1). */
export function readAdoTst(header: Json): Uint8Array[] {
  return tokens(header.adoTst);
}
