/**
 * Generic hosted credential documents: a link that is itself the machine-readable document, on a
 * host no platform rule knows. Heuristics as data. Links explicitly marked by the page (see
 * classifyLink's `explicit`) are accepted whatever their address.
 */
export const obHostedRule = {
  platform: 'ob-hosted',
  /** The path must end in one of these (case-insensitive). */
  pathSuffixes: ['.json', '.jsonld'],
  /** ... and contain one of these words (case-insensitive): an Open Badges assertion. */
  pathWords: ['assertion', 'badge'],
} as const;

/**
 * Credential documents whose kind is not known before they are fetched ("credential link"): a
 * `.json`/`.jsonld` path naming a credential, a file ending only credentials use (compact JWS/JWT,
 * VC files, JSON-LD), or an `.xml` file whose path names a credential. XML needs the word: feeds,
 * sitemaps and office files are XML too, and fetching those would list them as credentials.
 */
export const credentialLinkRule = {
  platform: 'credential-link',
  /** `.json`/`.jsonld` paths containing one of these words (case-insensitive). */
  jsonPathWords: ['credential'],
  /** Path endings accepted on any host (case-insensitive). */
  fileEndings: /\.(?:jws|jwt|vc\.json|vp\.json|vc|jsonld)$/i,
  /** XML paths are accepted when they contain one of these (case-insensitive, on the lower-cased path). */
  xmlEnding: /\.xml$/i,
  xmlPathWords:
    /credential|diploma|certificat|badge|assertion|qualification|europass|(?<![a-z])edci?(?![a-z])/,
} as const;
