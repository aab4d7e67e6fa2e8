/** How much a verdict claims, least first: a rewrite or mutation of a credential may never claim more. */
import type { Verdict } from '../../lib/model/report';

export const CLAIMS: Record<Verdict, number> = {
  invalid: 0,
  unverifiable: 1,
  revoked: 2,
  expired: 3,
  'verified-untrusted': 4,
  verified: 5,
};
