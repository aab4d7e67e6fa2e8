/**
 * Generic Open Badges hosted assertions: a link that is itself the machine-readable
 * document. Heuristic as data: a `.json` path under a segment naming an assertion or badge.
 * Links explicitly marked by the page (see classifyLink's `explicit`) are accepted too.
 */
export const obHostedRule = {
  platform: 'ob-hosted',
  /** The path must end in one of these (case-insensitive). */
  pathSuffixes: ['.json', '.jsonld'],
  /** ... and contain one of these words (case-insensitive). */
  pathWords: ['assertion', 'badge', 'credential'],
} as const;
