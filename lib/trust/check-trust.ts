/** The `issuer.trust` check: is the (proven) issuer on a trust list the organisation relies on? */
import type { TrustLookup } from '../model/env';
import type { Check, IssuerInfo } from '../model/report';

/** Builds the issuer.trust check from a trust-store answer. */
export function checkIssuerTrust(issuer: IssuerInfo, issuerIds: readonly string[], lookup: TrustLookup): Check {
  const who = issuer.name ? `${issuer.name} (${issuer.id ?? issuerIds[0] ?? 'no id'})` : (issuer.id ?? issuerIds[0] ?? '');
  const consulted = lookup.consulted.length > 0 ? lookup.consulted.join(', ') : 'none configured';
  const notes = lookup.notes && lookup.notes.length > 0 ? ` Notes: ${lookup.notes.join('; ')}.` : '';
  const deny = lookup.hits.find((h) => h.list === 'deny');
  if (deny) {
    return {
      id: 'issuer.trust',
      status: 'failed',
      code: 'ERR_TRUST_DENIED',
      impact: 'verified-untrusted',
      message: `Your organisation's list "${deny.sourceLabel}" marks this issuer as not trusted${
        deny.entryName ? ` (${deny.entryName})` : ''
      }.`,
      detail: `Issuer ${who} matched deny entry ${deny.entryId}.${deny.evidence ? ` ${deny.evidence}` : ''} Trust lists consulted: ${consulted}.${notes}`,
    };
  }
  const allow = lookup.hits.find((h) => h.list === 'allow');
  if (allow) {
    return {
      id: 'issuer.trust',
      status: 'passed',
      code: 'OK_TRUST_LISTED',
      message: `The issuer is on your trust list "${allow.sourceLabel}"${allow.entryName ? ` as ${allow.entryName}` : ''}${
        allow.stale ? ' (that list is out of date)' : ''
      }.`,
      detail: `Issuer ${who} matched allow entry ${allow.entryId}.${allow.evidence ? ` ${allow.evidence}` : ''} Trust lists consulted: ${consulted}.${notes}`,
    };
  }
  return {
    id: 'issuer.trust',
    status: 'warning',
    code: 'WARN_TRUST_UNLISTED',
    impact: 'verified-untrusted',
    message: 'No trust list you use names this issuer.',
    detail: `Issuer ${who || '(unnamed)'}; looked up: ${issuerIds.join(', ') || '(no identifier)'}. Trust lists consulted: ${consulted}.${notes}`,
  };
}
