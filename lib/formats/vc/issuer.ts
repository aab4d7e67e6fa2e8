/**
 * The `issuer.identity` check: is the key that made the (valid) signature the issuer's?
 * VC Data Model 2.0 §4.7 "Issuer" + §7.1 "Verification" (the verifier confirms the issuer controls
 * the verification method); Controlled Identifiers 1.0 §3.3 (the controller document must list
 * the method under assertionMethod); OB 3.0 §8.2 (issuer.id may be an https Profile URL).
 * Outcomes are precise: the key's controller is named whenever it is not the issuer.
 */
import type { VerifyContext } from '../../model/format';
import type { Check, TrustHit } from '../../model/report';
import { didMethod, resolveController, type ResolveContext } from '../../did/resolve';
import { isAuthorised } from '../../did/verification-method';
import { check } from './util';
import { checkX5cIdentity } from './x5c';

/** The key a valid signature was made with, as far as it is known. */
export interface SignerKey {
  vmId: string;
  /** The controller whose document authorised the key (absent when self-asserted). */
  controller?: string;
  /** Why the key is only self-asserted (header jwk, unreachable controller). */
  selfAsserted?: string;
  /** Where the controller's document came from (did:web / https). */
  source?: string;
  /** The JWT's `x5c` chain, when the key came from it (the identity is then the certificate's). */
  x5c?: string[];
}

/** What the identity check found out, for levels and the report. */
export interface IssuerIdentity {
  check: Check;
  /** A1 (key with no established owner), A2 (issuer on its own domain or certificate), A3 (certificate from an EU-listed CA). */
  level?: 'A1' | 'A2' | 'A3';
  /** Trusted-list hits found while establishing the identity (x5c anchored on an EU-listed CA). */
  trustHits?: TrustHit[];
  /** The issuer document, when one was fetched (OB 3.0 Profile / DID document). */
  document?: Record<string, unknown>;
  fetchedFrom?: string;
}

const ID = 'issuer.identity';

function domainBound(issuer: string): boolean {
  return issuer.startsWith('https://') || didMethod(issuer) === 'web';
}

function passed(
  issuer: string,
  how: string,
  fetched?: { document: Record<string, unknown>; source?: string },
): IssuerIdentity {
  const bound = domainBound(issuer);
  const c = bound
    ? check.passed(ID, 'OK_ISSUER_DOMAIN', `The signing key is published by the issuer ${issuer}.`, how)
    : didMethod(issuer) === 'ebsi'
      ? check.warning(
          ID,
          'WARN_ISSUER_EBSI_DID',
          `Signed by a key of ${issuer}, registered in the EBSI DID registry. Whether it is an accredited issuer is for the EBSI Trusted Issuers Registry to say.`,
          how,
        )
      : check.warning(
          ID,
          'WARN_ISSUER_KEY_ONLY',
          `Signed by the key ${issuer}, which is not tied to any organisation or domain.`,
          how,
        );
  const out: IssuerIdentity = { check: c, level: bound ? 'A2' : 'A1' };
  if (fetched) {
    out.document = fetched.document;
    if (fetched.source) out.fetchedFrom = fetched.source;
  }
  return out;
}

/** Decides whether the signer key belongs to the issuer. Never throws. */
export async function checkIssuerIdentity(
  issuer: string | undefined,
  signer: SignerKey,
  rctx: ResolveContext,
  ctx?: VerifyContext,
): Promise<IssuerIdentity> {
  if (!issuer)
    return {
      check: check.failed(ID, 'ERR_ISSUER_MISSING', 'invalid', 'The credential does not name its issuer.'),
    };
  if (signer.x5c && ctx) return checkX5cIdentity(issuer, signer.x5c, ctx);
  if (signer.controller === issuer) {
    const doc =
      issuer.startsWith('did:key:') || issuer.startsWith('did:jwk:')
        ? undefined
        : await resolveController(issuer, rctx, 'issuer profile');
    return passed(
      issuer,
      `Key ${signer.vmId} is listed under assertionMethod by ${issuer}${signer.source ? ` (${signer.source})` : ''}.`,
      doc?.ok ? doc : undefined,
    );
  }
  const owner = signer.selfAsserted
    ? `a key the credential supplies itself (${signer.selfAsserted})`
    : `a key controlled by ${signer.controller ?? 'an unknown controller'}`;
  if (signer.selfAsserted && signer.vmId.split('#')[0] === issuer) {
    // The issuer's own document was already tried for the key, and could not be fetched.
    return {
      check: check.failed(
        ID,
        'ERR_ISSUER_NOT_ESTABLISHED',
        'unverifiable',
        `The signature matches the key named in the credential, but the issuer's key list at ${issuer} could not be fetched, so the key is not confirmed as the issuer's.`,
        `Key ${signer.vmId}: ${signer.selfAsserted}.`,
      ),
    };
  }
  // The issuer may authorise another controller's key in its own document (by reference).
  const resolved = await resolveController(issuer, rctx, 'issuer profile');
  if (
    resolved.ok &&
    isAuthorised(resolved.document, signer.vmId, 'assertionMethod') &&
    !signer.selfAsserted
  ) {
    return passed(
      issuer,
      `${issuer} lists ${signer.vmId} (controlled by ${signer.controller ?? '?'}) under assertionMethod.`,
      resolved,
    );
  }
  if (!resolved.ok) {
    const out: IssuerIdentity = {
      check: check.failed(
        ID,
        'ERR_ISSUER_NOT_ESTABLISHED',
        'unverifiable',
        `The signature is valid, but it was made with ${owner}, and the issuer ${issuer} could not be checked to confirm the key is theirs.`,
        `Key ${signer.vmId}. Issuer document: ${resolved.code} ${resolved.reason}.`,
      ),
    };
    return out;
  }
  // Resolved and not listed: a definite mismatch (the issuer's own document disowns the key).
  const out: IssuerIdentity = {
    check: check.failed(
      ID,
      'ERR_ISSUER_KEY_MISMATCH',
      signer.selfAsserted ? 'unverifiable' : 'invalid',
      `The signature was made with ${owner}, which the named issuer ${issuer} does not list as its own.`,
      `Key ${signer.vmId}; ${issuer}${resolved.source ? ` (${resolved.source})` : ''} has no assertionMethod entry for it.`,
    ),
    document: resolved.document,
  };
  if (resolved.source) out.fetchedFrom = resolved.source;
  return out;
}
