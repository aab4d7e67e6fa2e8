/**
 * What the content script saw on a page, before any classification: links and images it
 * picked with the cheap page-side signals (lib/detect/signals.ts, link-needles.ts), and the
 * text of JSON-LD scripts and compact JWS written in the page. The background classifies
 * them with the platform rules (classify-sighting.ts); the page never loads those rules.
 * Plain JSON, bounded by SIGHTING_LIMITS; every field is page-controlled.
 */
import { CANDIDATE_LIMITS } from './candidate';

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
      /** The link around the image, when the page-side pre-check took it for a credential link. */
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
