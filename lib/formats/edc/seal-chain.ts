/**
 * The sealer's certificate path (RFC 5280 §6; ETSI TS 119 182-1 §5.1.8 x5c, §5.3.5.1 xVals),
 * anchored on EU trusted-list services when the trust store has them.
 */
import type { VerifyContext } from '../../model/format';
import type { CertificateTrustAnswer, TlService } from '../../trust/eu/types';
import { fromBase64 } from '../../x509/bytes';
import { nameAttribute, parseCertificate, type CertInfo } from '../../x509/cert';
import { buildChain, type ChainResult } from '../../x509/chain';

/** Parses base64 or DER certificates, dropping unreadable ones. */
export async function parseAll(items: readonly (string | Uint8Array)[]): Promise<CertInfo[]> {
  const out: CertInfo[] = [];
  for (const item of items.slice(0, 64)) {
    const der = typeof item === 'string' ? fromBase64(item) : item;
    const info = der ? await parseCertificate(der) : undefined;
    if (info && !out.some((o) => o.sha256 === info.sha256)) out.push(info);
  }
  return out;
}

/** The look-up keys of a path: certificate digests, SKIs and the leaf's AKI, and the leaf's country. */
export function certQuery(certs: readonly CertInfo[]): {
  sha256: string[];
  keyIds: string[];
  country?: string;
} {
  const keyIds = certs.flatMap((c) => [c.ski, c.aki]).filter((k): k is string => k !== undefined);
  const q: { sha256: string[]; keyIds: string[]; country?: string } = {
    sha256: certs.map((c) => c.sha256),
    keyIds: [...new Set(keyIds)],
  };
  const country = certs[0] ? nameAttribute(certs[0].cert.subject, '2.5.4.6') : undefined;
  if (country) q.country = country;
  return q;
}

/** The path and what the trusted lists said. */
export interface ChainOutcome {
  chain: ChainResult;
  answer: CertificateTrustAnswer;
  services: TlService[];
}

/** Builds and validates the sealer's path at `at`, anchored on listed CA services. */
export async function sealerChain(
  signer: CertInfo,
  pool: CertInfo[],
  at: Date,
  ctx: VerifyContext,
): Promise<ChainOutcome> {
  const empty: CertificateTrustAnswer = { services: [], lists: [], unavailable: [], consulted: [] };
  const answer = (await ctx.trust.lookupCertificate?.(certQuery([signer, ...pool]))) ?? empty;
  const services = answer.services.filter((s) => /\/Svctype\/CA\//.test(s.history[0]?.type ?? ''));
  const anchors = await parseAll(services.flatMap((s) => s.certs));
  const chain = await buildChain(signer, pool, anchors, at, 'seal');
  return { chain, answer, services };
}
