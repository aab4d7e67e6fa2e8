/**
 * Compiles the LOTL and national trusted lists into the plain-JSON EuTrustIndex (ETSI TS 119 612
 * §5.3.13 for the LOTL pointers; TS 119 615 §4 for which certificates may sign which list).
 * Slow (XML parsing, XMLDSig): run at refresh time, off the verification path, and cache the result.
 */
import { digest, fromBase64, toBase64, toHex } from '../../x509/bytes';
import { displayName, parseCertificate } from '../../x509/cert';
import { readList, type ParsedList } from './tl-parse';
import { verifyListSignature } from './tl-signature';
import { EU_INDEX_VERSION, type EuTrustIndex, type TlListInfo, type TlService } from './types';
import { parseXml } from './xml';

/** One list document to compile. */
export interface ListInput {
  xml: string;
  /** Where it came from (URL or file name), for evidence. */
  source: string;
  /** ISO time it was fetched or loaded. */
  fetchedAt: string;
}

/** Inputs: the LOTL (optional; without it no national list can be authorised) and national lists. */
export interface CompileInput {
  lotl?: ListInput;
  lists: ListInput[];
  /** Base64 DER certificates pinned as LOTL signers (public/trust/eu-lotl-signers.json). */
  pinnedLotlSigners: readonly string[];
  now: Date;
}

async function toServices(list: ParsedList, country: string, into: TlService[]): Promise<void> {
  for (const [i, raw] of list.services.entries()) {
    const certSha256: string[] = [];
    const skis = new Set(raw.skis);
    for (const b64 of raw.certs) {
      const der = fromBase64(b64);
      if (!der) continue;
      certSha256.push(toHex(await digest('SHA-256', der)));
      // Parsing is the slow part of compiling: only when the list gives no X509SKI for the service.
      if (raw.skis.length > 0) continue;
      const info = await parseCertificate(der);
      if (info?.ski) skis.add(info.ski);
    }
    into.push({
      id: `${country}/${i}`,
      country,
      tspName: raw.tspName,
      name: raw.name,
      history: raw.history,
      certs: raw.certs.map((c) => toBase64(fromBase64(c) ?? new Uint8Array())),
      certSha256,
      skis: [...skis],
      subjects: raw.subjects,
    });
  }
}

function info(
  list: ParsedList,
  input: ListInput,
  signer: string,
  authority: TlListInfo['signerAuthority'],
): TlListInfo {
  const out: TlListInfo = {
    country: list.territory,
    kind: list.isLotl ? 'lotl' : 'tl',
    sequence: list.sequence,
    issued: list.issued,
    fetchedAt: input.fetchedAt,
    source: input.source,
    signer,
    signerAuthority: authority,
    serviceCount: list.services.length,
  };
  if (list.nextUpdate) out.nextUpdate = list.nextUpdate;
  return out;
}

/** Compiles the index. Never throws: every list that cannot be used is named in `problems`. */
export async function compileEuTrustIndex(input: CompileInput): Promise<EuTrustIndex> {
  const index: EuTrustIndex = {
    version: EU_INDEX_VERSION,
    compiledAt: input.now.toISOString(),
    pointers: [],
    lists: [],
    services: [],
    problems: [],
  };
  const problem = (country: string, source: string, reason: string): void => {
    index.problems.push({ country, source, reason });
  };
  if (input.lotl) {
    const parsed = parseXml(input.lotl.xml);
    const list = parsed.ok ? readList(parsed.root) : parsed.reason;
    if (!parsed.ok || typeof list === 'string')
      problem(
        'EU',
        input.lotl.source,
        `the List of Trusted Lists is unreadable: ${typeof list === 'string' ? list : ''}`,
      );
    else if (!list.isLotl) problem('EU', input.lotl.source, 'this file is not the EU List of Trusted Lists');
    else {
      const sig = await verifyListSignature(parsed.doc, parsed.root, input.pinnedLotlSigners);
      if (!sig.ok)
        problem('EU', input.lotl.source, `the List of Trusted Lists cannot be trusted: ${sig.reason}`);
      else {
        index.lotl = info(list, input.lotl, displayName(sig.signer), 'pinned');
        index.pointers = list.pointers.filter((p) => p.country !== 'EU');
      }
    }
  }
  for (const tl of input.lists) {
    const parsed = parseXml(tl.xml);
    const list = parsed.ok ? readList(parsed.root) : parsed.reason;
    if (!parsed.ok || typeof list === 'string') {
      problem('?', tl.source, `the trusted list is unreadable: ${typeof list === 'string' ? list : ''}`);
      continue;
    }
    const country = list.territory;
    const pointer = index.pointers.find((p) => p.country === country);
    if (!pointer) {
      problem(
        country,
        tl.source,
        index.lotl
          ? `the List of Trusted Lists does not announce a trusted list for ${country}`
          : `the ${country} trusted list cannot be authorised without a verified List of Trusted Lists`,
      );
      continue;
    }
    const sig = await verifyListSignature(parsed.doc, parsed.root, pointer.signers);
    if (!sig.ok) {
      problem(country, tl.source, `the ${country} trusted list cannot be trusted: ${sig.reason}`);
      continue;
    }
    index.lists = index.lists.filter((l) => l.country !== country);
    index.services = index.services.filter((s) => s.country !== country);
    index.lists.push(info(list, tl, displayName(sig.signer), 'lotl'));
    await toServices(list, country, index.services);
  }
  return index;
}
