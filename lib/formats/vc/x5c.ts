/**
 * The `issuer.identity` check for a JWT signed with a key from its `x5c` header (RFC 7515 §4.1.6;
 * VC-JOSE-COSE 2.0 leaves the issuer binding to the verifier): the certificate must name the
 * issuer (subjectAltName URI equal to the issuer id, or a dNSName equal to the host of an https
 * issuer or the domain of a did:web issuer; RFC 6125 wildcards for one label), and its path is
 * built and validated now (RFC 5280 §6) and anchored, when the trust store has them, on CA
 * services of the EU trusted lists (ETSI TS 119 615 §4.1).
 *
 * Levels (TRUST-AND-QA.md): A3 when the path ends at a CA service currently granted on an EU
 * trusted list; A2 for a valid path to a root no list names; A1 when the certificate stands alone
 * (nobody vouches for it). The trusted list's hit is reported like a trust-list hit.
 */
import type { VerifyContext } from '../../model/format';
import type { Check, TrustHit } from '../../model/report';
import { displayName, parseCertificateB64, type CertInfo } from '../../x509/cert';
import { parseAll, sealerChain } from '../edc/seal-chain';
import { periodAt } from '../../trust/eu/decide';
import { didMethod } from '../../did/resolve';
import { check } from './util';

const ID = 'issuer.identity';

/** What the certificate identity check found out. */
export interface X5cIdentity {
  check: Check;
  level?: 'A1' | 'A2' | 'A3';
  trustHits?: TrustHit[];
}

/** The DNS name an issuer id is bound to: host of an https id, domain of a did:web. */
function issuerHost(issuer: string): string | undefined {
  if (issuer.startsWith('https://')) {
    try {
      return new URL(issuer).hostname.toLowerCase();
    } catch {
      return undefined;
    }
  }
  if (didMethod(issuer) === 'web') {
    const host = decodeURIComponent(issuer.slice('did:web:'.length).split(':')[0] ?? '');
    return host.replace(/:\d+$/, '').toLowerCase() || undefined;
  }
  return undefined;
}

/** RFC 6125 §6.4.3: a leading `*.` matches exactly one left-most label. */
function dnsMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === host;
  const rest = host.indexOf('.');
  return rest > 0 && host.slice(rest + 1) === p.slice(2) && p.slice(2).includes('.');
}

function names(leaf: CertInfo): string {
  return [...leaf.altNames.uri, ...leaf.altNames.dns].join(', ');
}

/** Decides whether the x5c certificate is the issuer's, and how far its path is vouched for. Never throws. */
export async function checkX5cIdentity(
  issuer: string,
  x5c: readonly string[],
  ctx: VerifyContext,
): Promise<X5cIdentity> {
  // SECURITY: the leaf is x5c[0], the certificate whose key verified the signature (RFC 7515 §4.1.6).
  const leaf = x5c[0] === undefined ? undefined : await parseCertificateB64(x5c[0]);
  const pool = (await parseAll(x5c.slice(1, 10))).filter((c) => c.sha256 !== leaf?.sha256);
  if (!leaf)
    return {
      check: check.failed(
        ID,
        'ERR_ISSUER_CERT_UNREADABLE',
        'unverifiable',
        'The certificate the token carries cannot be read.',
      ),
    };
  const who = displayName(leaf);
  const host = issuerHost(issuer);
  const bound =
    leaf.altNames.uri.includes(issuer) ||
    (host !== undefined && leaf.altNames.dns.some((d) => dnsMatches(d, host)));
  if (!bound) {
    if (leaf.altNames.uri.length + leaf.altNames.dns.length === 0)
      return {
        check: check.failed(
          ID,
          'ERR_ISSUER_CERT_UNBOUND',
          'unverifiable',
          `The token is signed with a certificate of ${who}, which names no web address or domain, so it cannot be tied to the issuer ${issuer}.`,
          `Certificate subject: ${leaf.subject}.`,
        ),
      };
    return {
      check: check.failed(
        ID,
        'ERR_ISSUER_CERT_MISMATCH',
        'invalid',
        `The token is signed with a certificate of ${who} for ${names(leaf)}, not for the issuer ${issuer}.`,
        `Certificate subject: ${leaf.subject}.`,
      ),
    };
  }
  const now = ctx.now;
  const { chain, answer } = await sealerChain(leaf, pool, now, ctx);
  const detail = `Certificate path: ${chain.path.map((c) => displayName(c)).join(' → ')}${chain.problems.length > 0 ? `. Problems: ${chain.problems.join('; ')}` : ''}.`;
  // An incomplete path with no other problem is a certificate nobody vouches for (handled below).
  if (!chain.ok && !(chain.end === 'incomplete' && chain.problems.length === 0))
    return {
      check: check.failed(
        ID,
        'ERR_ISSUER_CERT_INVALID',
        'unverifiable',
        `The certificate of ${who} names the issuer, but it cannot be relied on now: ${chain.problems[0] ?? 'its path does not validate'}.`,
        detail,
      ),
    };
  if (chain.end === 'anchor' && chain.anchor) {
    const anchorSha = chain.anchor.sha256;
    const service = answer.services.find((s) => {
      const period = periodAt(s, now);
      return (
        s.certSha256.includes(anchorSha) &&
        period?.status === 'granted' &&
        /\/Svctype\/CA\//.test(period.type)
      );
    });
    if (service) {
      const list = answer.lists.find((l) => l.country === service.country);
      return {
        check: check.passed(
          ID,
          'OK_ISSUER_CERT_LISTED',
          `Signed with a certificate of ${who}, issued for the issuer's address by ${service.tspName}, a certificate authority on the ${service.country} trusted list.`,
          detail,
        ),
        level: 'A3',
        trustHits: [
          {
            sourceId: `eu-tl:${service.country}`,
            sourceLabel: `EU trusted list (${service.country})`,
            list: 'allow',
            entryId: service.name,
            entryName: service.tspName,
            evidence: `${service.tspName} is listed as a certificate authority${list ? ` (list issued ${list.issued.slice(0, 10)})` : ''}.`,
          },
        ],
      };
    }
  }
  if (chain.end !== 'incomplete' && chain.path.length > 1) {
    const top = chain.path[chain.path.length - 1] ?? leaf;
    const listed = answer.services.find((s) => s.certSha256.includes(top.sha256));
    const period = listed ? periodAt(listed, now) : undefined;
    return {
      check: check.passed(
        ID,
        'OK_ISSUER_CERT',
        `Signed with a certificate of ${who} for the issuer's address, issued by ${displayName(top)}, ${listed ? `whose service on the ${listed.country} trusted list is ${period?.status ?? 'not in force'} now` : 'which no trusted list you use names'}.`,
        detail,
      ),
      level: 'A2',
    };
  }
  return {
    check: check.warning(
      ID,
      'WARN_ISSUER_CERT_ALONE',
      `Signed with a certificate of ${who} that names the issuer, but no certificate authority known to CredLens vouches for it.`,
      `${detail}${answer.unavailable[0] ? ` ${answer.unavailable[0].reason}.` : ''}`,
    ),
    level: 'A1',
  };
}
