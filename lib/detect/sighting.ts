/**
 * What the content script saw on a page, before any classification: links and images it
 * picked with the cheap page-side signals (lib/detect/signals.ts, link-needles.ts), and the
 * text of JSON-LD scripts and compact JWS written in the page. The background classifies
 * them with the platform rules (classify-sighting.ts); the page never loads those rules.
 * Plain JSON, bounded by SIGHTING_LIMITS; every field is page-controlled.
 */
import { CANDIDATE_LIMITS } from './candidate';
import { credentialIdentity } from './url';

export type Sighting =
  | {
      kind: 'link';
      /** The link's address as the browser resolved it (`a.href`), or a URL written in the text. */
      href: string;
      /** Visible text of the link, or its list entry's title. */
      label?: string;
      /** The page marks the link as an Open Badges document (`rel="openbadges"`, `type="application/ld+json"`). */
      explicit?: true;
      /** A "Show credential" button in a section the page heads as credentials ("Licenses & certifications"). */
      listed?: true;
      /** Where it was seen, for people ("page text"). */
      where?: string;
    }
  | {
      kind: 'image';
      /** `img.currentSrc || img.src`. */
      src: string;
      alt?: string;
      title?: string;
      /** The image sits in a section headed as credentials. */
      inCredentialSection?: true;
      /**
       * The link around the image, when the page-side pre-check took it for a credential link or it
       * points at a PNG/SVG file (the image linked as a file of its own).
       */
      linkHref?: string;
    }
  /** The text of a `<script type="application/ld+json">` (or `application/vc+ld+json`) block. */
  | { kind: 'json'; text: string }
  /** A compact JWS written in the page's text. */
  | { kind: 'jwt'; text: string };

export const SIGHTING_LIMITS = {
  maxUrlLength: CANDIDATE_LIMITS.maxUrlLength,
  maxLabelLength: CANDIDATE_LIMITS.maxLabelLength,
  maxWhereLength: CANDIDATE_LIMITS.maxWhereLength,
  /** JSON or JWS text of one sighting (larger credentials are not reported from pages). */
  maxTextLength: CANDIDATE_LIMITS.maxContentLength,
} as const;

/**
 * A fragment that is an app's route (`#/shareview/…`, `#!/x`, `#verify?vc=…`): viewers keep a
 * credential's id there, so it is part of the address. Any other fragment (`#top`) is not.
 */
const ROUTE_FRAGMENT = /^#(?:[!/]|[^#]*[?=])/;

/** The identity of an address a page shows (credentialIdentity, keeping a route fragment). */
export function sightedAddress(href: string): string {
  const hash = href.indexOf('#');
  const keep = hash >= 0 && ROUTE_FRAGMENT.test(href.slice(hash));
  return credentialIdentity(href, keep) ?? href;
}

/**
 * What makes two sightings the same credential for the content script, which reports each once
 * (however many times the page shows it) and marks every place it appears: a link's or image's
 * address by sightedAddress (the fragment and a trailing slash aside), or the same embedded text.
 * A link's label and where it was seen do not count; its flags are merged (mergeSightings).
 */
export function sightingKey(s: Sighting): string {
  switch (s.kind) {
    case 'link':
      return `link ${sightedAddress(s.href)}`;
    case 'image':
      // Inside a credential link the image is that link's: another context is another sighting.
      return `image ${sightedAddress(s.src)}${s.linkHref === undefined ? '' : ` in ${sightedAddress(s.linkHref)}`}`;
    case 'json':
      return `json ${s.text}`;
    case 'jwt':
      return `jwt ${s.text}`;
  }
}

/**
 * `known` with what `more` (a sighting of the same key) adds: a link's `explicit` and `listed`
 * flags, an image's credentials section. `known` itself when nothing is added (nothing to send again).
 */
export function mergeSightings(known: Sighting, more: Sighting): Sighting {
  if (known.kind === 'link' && more.kind === 'link') {
    const explicit = more.explicit === true && known.explicit !== true;
    const listed = more.listed === true && known.listed !== true;
    if (!explicit && !listed) return known;
    const merged = { ...known };
    if (explicit) merged.explicit = true;
    if (listed) merged.listed = true;
    return merged;
  }
  if (
    known.kind === 'image' &&
    more.kind === 'image' &&
    more.inCredentialSection === true &&
    known.inCredentialSection !== true
  )
    return { ...known, inCredentialSection: true };
  return known;
}
