/**
 * Certification path building and basic path validation (RFC 5280 §6.1, simplified): issuer by
 * name and key identifier, each signature, validity at the given time, basic constraints and
 * key usage of CA certificates, unknown critical extensions. Revocation is separate (revocation.ts).
 */
import { displayName, validAt, type CertInfo } from './cert';
import { pkiEngine } from './engine';

/** SECURITY: bounded path length and issuer candidates, so a crafted pool cannot loop or explode. */
const MAX_DEPTH = 8;
const MAX_CANDIDATES = 16;

/** Extensions this validator understands; any other critical extension fails the path (RFC 5280 §4.2). */
const KNOWN_EXTENSIONS = new Set([
  '2.5.29.14',
  '2.5.29.15',
  '2.5.29.17',
  '2.5.29.18',
  '2.5.29.19',
  '2.5.29.31',
  '2.5.29.32',
  '2.5.29.35',
  '2.5.29.37',
  '2.5.29.46',
  '1.3.6.1.5.5.7.1.1',
  '1.3.6.1.5.5.7.1.3',
  '1.3.6.1.5.5.7.48.1.5',
]);

/** What the end-entity certificate is used for (its key usage is checked accordingly). */
export type CertPurpose = 'seal' | 'timestamp' | 'ocsp';

/** The outcome of building and validating a path. */
export interface ChainResult {
  /** True when every certificate on the path passed and the path ends at an anchor or a root. */
  ok: boolean;
  /** Leaf first. */
  path: CertInfo[];
  /** How the path ends. */
  end: 'anchor' | 'self-signed' | 'incomplete';
  /** The trust anchor reached (a certificate from a trusted list), if any. */
  anchor?: CertInfo;
  /** Plain-language problems, one per failed rule. */
  problems: string[];
}

function leafProblems(leaf: CertInfo, purpose: CertPurpose): string[] {
  const who = displayName(leaf);
  const ku = leaf.keyUsage;
  const eku = leaf.extKeyUsage;
  if (purpose === 'seal') {
    if (ku && !ku.includes('digitalSignature') && !ku.includes('nonRepudiation'))
      return [`${who} is not allowed to sign (key usage ${ku.join(', ')})`];
    return [];
  }
  if (purpose === 'timestamp') {
    // RFC 3161 §2.3: the TSA certificate has exactly one, critical, extended key usage: timeStamping.
    if (!eku || eku.length !== 1 || eku[0] !== '1.3.6.1.5.5.7.3.8')
      return [`${who} is not a time-stamping certificate`];
    return [];
  }
  return eku?.includes('1.3.6.1.5.5.7.3.9') ? [] : [`${who} is not an OCSP responder certificate`];
}

function certProblems(info: CertInfo, at: Date, isCa: boolean): string[] {
  const out: string[] = [];
  const who = displayName(info);
  if (!validAt(info, at))
    out.push(
      `${who} was not valid on ${at.toISOString()} (valid ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()})`,
    );
  const unknown = info.criticalExtensions.filter((oid) => !KNOWN_EXTENSIONS.has(oid));
  if (unknown.length > 0)
    out.push(`${who} has critical extensions CredLens does not process (${unknown.join(', ')})`);
  if (isCa) {
    if (info.isCa !== true)
      out.push(`${who} is used as a certificate authority but is not one (basic constraints)`);
    if (info.keyUsage && !info.keyUsage.includes('keyCertSign'))
      out.push(`${who} may not certify other keys (key usage)`);
  }
  return out;
}

async function signedBy(child: CertInfo, issuer: CertInfo): Promise<boolean> {
  try {
    return await child.cert.verify(issuer.cert, pkiEngine());
  } catch {
    return false;
  }
}

function issuerCandidates(current: CertInfo, pool: readonly CertInfo[]): CertInfo[] {
  return pool
    .filter(
      (c) =>
        c.sha256 !== current.sha256 &&
        current.cert.issuer.isEqual(c.cert.subject) &&
        (current.aki === undefined || c.ski === undefined || current.aki === c.ski),
    )
    .slice(0, MAX_CANDIDATES);
}

/**
 * Builds the path from `leaf` through `pool` to one of `anchors` (or a self-signed root) and
 * validates it at `at`. Never throws.
 */
export async function buildChain(
  leaf: CertInfo,
  pool: readonly CertInfo[],
  anchors: readonly CertInfo[],
  at: Date,
  purpose: CertPurpose,
): Promise<ChainResult> {
  const path: CertInfo[] = [leaf];
  const problems: string[] = [...leafProblems(leaf, purpose), ...certProblems(leaf, at, false)];
  const anchorIds = new Set(anchors.map((a) => a.sha256));
  let end: ChainResult['end'] = 'incomplete';
  let anchor: CertInfo | undefined;
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (anchorIds.has(current.sha256)) {
      end = 'anchor';
      anchor = current;
      break;
    }
    const candidates = issuerCandidates(current, [...anchors, ...pool]);
    let next: CertInfo | undefined;
    for (const c of candidates) {
      if (await signedBy(current, c)) {
        next = c;
        break;
      }
    }
    if (!next) {
      if (current.cert.issuer.isEqual(current.cert.subject) && (await signedBy(current, current)))
        end = 'self-signed';
      else if (candidates.length > 0)
        problems.push(`The signature on ${displayName(current)} does not verify with its issuer's key`);
      break;
    }
    if (path.some((p) => p.sha256 === next.sha256)) break;
    path.push(next);
    problems.push(...certProblems(next, at, true));
    current = next;
  }
  const result: ChainResult = { ok: problems.length === 0 && end !== 'incomplete', path, end, problems };
  if (anchor) result.anchor = anchor;
  return result;
}
