import type { Candidate } from './candidate';
import { applyLinkRule, type LinkRule } from './rules';
import { cleanLabel, parseHttpUrl } from './url';
import { badgrRules } from './platforms/badgr';
import { credlyRules } from './platforms/credly';
import { obHostedRule } from './platforms/ob-hosted';

/** All platform link rules, most specific first. */
export const LINK_RULES: readonly LinkRule[] = [...credlyRules, ...badgrRules];

export interface LinkContext {
  /** Visible text of the link (or its list entry's title). */
  label?: string | null;
  /**
   * The page marks the link as an Open Badges document (`rel="openbadges"`,
   * `type="application/ld+json"`): verify the URL itself.
   */
  explicit?: boolean;
}

/** Classifies one link's href (absolute) into a credential candidate, or null. */
export function classifyLink(href: string, ctx: LinkContext = {}): Candidate | null {
  const url = parseHttpUrl(href);
  if (url === null) return null;
  const label = cleanLabel(ctx.label);
  const base = (platform: string, target: string): Candidate =>
    label === undefined
      ? { kind: 'link', url: target, pageUrl: url.href, platform }
      : { kind: 'link', url: target, pageUrl: url.href, platform, label };

  for (const rule of LINK_RULES) {
    const endpoint = applyLinkRule(rule, url);
    if (endpoint !== null) return base(rule.platform, endpoint);
  }
  if (ctx.explicit === true || looksLikeHostedAssertion(url)) {
    return base(obHostedRule.platform, url.href);
  }
  return null;
}

function looksLikeHostedAssertion(url: URL): boolean {
  const path = url.pathname.toLowerCase();
  return (
    obHostedRule.pathSuffixes.some((s) => path.endsWith(s)) &&
    obHostedRule.pathWords.some((w) => path.includes(w))
  );
}
