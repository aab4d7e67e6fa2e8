import type { LinkRule } from '../rules';

/**
 * Europass Digital Credentials viewer share links: `{viewer}/#/shareview/{shareHash}`
 * (the id lives in the fragment) → the shared presentation `{viewer}/api/v1/sharelinks/
 * {shareHash}/presentation`. Source: PLATFORMS.md (EDCI 2.0.6 configuration; the v3
 * viewer's paths may differ — verify).
 */
export const europassRules: readonly LinkRule[] = [
  {
    platform: 'europass',
    name: 'Europass Digital Credentials',
    vouches: 'the holder shared a European Digital Credential from their Europass wallet',
    hosts: ['europa.eu'],
    path: /^\/europass\/digital-credentials\/viewer\/?$/,
    fragment: /^\/shareview\/(?<id>[A-Za-z0-9_-]{8,200})\/?$/,
    endpoint: 'https://europa.eu/europass/digital-credentials/viewer/api/v1/sharelinks/{id}/presentation',
    source: 'PLATFORMS.md Europass row (EDCI 2.0.6 config; unverified for v3)',
  },
];

/**
 * Links to European Digital Credential documents on any host: an `.xml` or `.jsonld` file whose
 * path names Europass or EDC (`europass`, `edc`, `edci`, "european digital credential"), such as
 * the files the Europass wallet and EDC issuing tools export. The kind is then known before the
 * document is fetched; the verifier still decides what it is.
 */
export const edcFileRule = {
  platform: 'edc-link',
  /** The path must end in one of these (case-insensitive). */
  pathSuffixes: ['.xml', '.jsonld'],
  /** ... and the lower-cased path match this. */
  naming: /europass|european[-_ ]?digital[-_ ]?credential|(?<![a-z])edci?(?![a-z])/,
} as const;
