/**
 * The extension's network guard (issue 15), what the platform gives for it:
 *  - declarativeNetRequest block rules, limited to requests the extension itself starts (its own
 *    origin as initiator), that block loopback, private, link-local, unique-local and other
 *    non-public IP literals and local host names. The browser applies them to every request,
 *    redirect hops included, so a public address that redirects into the recruiter's network
 *    is stopped at that hop, before anything is sent there;
 * What it cannot do (measured in Chromium 156; docs/security.md, "Remaining risks"):
 *  - see a public host name whose DNS answer is a private address (rules see URLs, not addresses);
 *  - count redirect hops: the Fetch standard's `manual` mode hides the next address, and
 *    webRequest reports none of the extension's own service-worker requests, so the 5-hop limit is
 *    the CLI's; in the browser fetch stops after 20 hops, each of them checked by the rule.
 */
import { browser } from 'wxt/browser';
import { PRIVATE_TARGET_REGEXES } from '../net/private-patterns';

/** The ids of the dynamic rules (replaced on every start). */
export const PRIVATE_TARGET_RULE_IDS = [1_501, 1_502, 1_503, 1_504] as const;

/**
 * Makes sure the rules for this extension's own requests are in force. Dynamic rules persist
 * across worker restarts and browser sessions, so a wake-up only reads them; they are written
 * when missing or different (first install, an update that changed them).
 */
export async function installNetworkGuard(): Promise<void> {
  const initiator = new URL(browser.runtime.getURL('/')).host;
  const wanted = PRIVATE_TARGET_REGEXES.map((regexFilter, i) => ({
    id: PRIVATE_TARGET_RULE_IDS[i]!,
    priority: 1,
    action: { type: 'block' as const },
    condition: { regexFilter, initiatorDomains: [initiator] },
  }));
  const present = await browser.declarativeNetRequest.getDynamicRules();
  const inForce = wanted.every((w) =>
    present.some(
      (r) =>
        r.id === w.id &&
        r.action.type === 'block' &&
        r.condition.regexFilter === w.condition.regexFilter &&
        JSON.stringify(r.condition.initiatorDomains) === JSON.stringify([initiator]),
    ),
  );
  if (inForce) return;
  await browser.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: [...PRIVATE_TARGET_RULE_IDS],
    addRules: wanted,
  });
}
