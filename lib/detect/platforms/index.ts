import type { LinkRule } from '../rules';
import { accredibleRules } from './accredible';
import { badgrRules } from './badgr';
import { credlyRules } from './credly';
import { edubadgesRules } from './edubadges';
import { europassRules } from './europass';
import { moocRules } from './moocs';
import { openBadgeFactoryRules } from './open-badge-factory';
import { vendorCertRules } from './vendor-certs';
import { verifierPlusRules } from './verifier-plus';

/**
 * Every platform's link rules, most specific first. Velocert is not here: its public URL
 * shape is not known to us, and CredLens does not guess one (add a module when it is). Its
 * "Show credential" links in a credentials section are still found, as any unknown platform's
 * are (classifyUnlistedCredentialLink): "found, not verifiable", never fetched.
 */
export const PLATFORM_RULES: readonly LinkRule[] = [
  ...credlyRules,
  ...badgrRules,
  ...openBadgeFactoryRules,
  ...edubadgesRules,
  ...europassRules,
  ...verifierPlusRules,
  ...accredibleRules,
  ...vendorCertRules,
  ...moocRules,
];

/** Display facts about a platform id (for UI and the "not verifiable" reason). */
export interface PlatformInfo {
  name: string;
  vouches?: string;
}

const GENERIC: Record<string, PlatformInfo> = {
  // Links to documents on hosts no rule knows, by what they are (lib/detect/classify-link.ts
  // credentialFileLink); components/row-facts.ts shows these three in the user's language.
  'ob-hosted': { name: 'Open Badges link' },
  'edc-link': { name: 'European Digital Credential link' },
  'credential-link': { name: 'Credential link' },
  'baked-image': { name: 'Badge image' },
  'json-ld': { name: 'Embedded credential (JSON-LD)' },
  jwt: { name: 'Embedded credential (JWT)' },
  'credential-file': { name: 'Credential file' },
  attachment: { name: 'File attached to the PDF' },
  'qr-code': { name: 'QR code' },
  // lib/detect/classify-link.ts UNLISTED_PLATFORM (a string here: no import cycle).
  'unlisted-platform': { name: 'Credential page of a platform CredLens does not know' },
};

/** The display name (and what it vouches for) of a platform id; the id itself when unknown. */
export function platformInfo(platform: string): PlatformInfo {
  const rule = PLATFORM_RULES.find((r) => r.platform === platform);
  if (rule !== undefined) {
    const info: PlatformInfo = { name: rule.name ?? rule.platform };
    if (rule.vouches !== undefined) info.vouches = rule.vouches;
    return info;
  }
  return GENERIC[platform] ?? { name: platform };
}
