import type { LinkRule } from '../rules';

/**
 * Course platforms whose certificate pages are for people only: Coursera, edX and
 * LinkedIn Learning publish no verifiable form, so CredLens says so instead of guessing.
 */
const coursera = (path: RegExp): LinkRule => ({
  platform: 'coursera',
  name: 'Coursera',
  vouches: 'Coursera’s page says the named learner completed the course',
  hosts: ['www.coursera.org', 'coursera.org'],
  path,
  endpoint: null,
});

export const moocRules: readonly LinkRule[] = [
  coursera(
    /^\/account\/accomplishments\/(?:verify|certificate|specialization|professional-cert|records)\/(?<id>[A-Za-z0-9]{6,64})\/?$/,
  ),
  coursera(/^\/verify\/(?:specialization\/|professional-cert\/)?(?<id>[A-Za-z0-9]{6,64})\/?$/),
  coursera(/^\/share\/(?<id>[A-Za-z0-9]{6,64})\/?$/),
  {
    platform: 'edx',
    name: 'edX',
    vouches: 'edX’s page says the named learner earned the certificate',
    hosts: ['courses.edx.org'],
    path: /^\/certificates\/(?<id>[0-9a-f]{32})\/?$/i,
    endpoint: null,
  },
  {
    platform: 'edx',
    name: 'edX',
    vouches: 'edX’s page says the named learner earned the program record',
    hosts: ['credentials.edx.org'],
    path: /^\/credentials\/(?<id>[0-9a-f]{32})\/?$/i,
    endpoint: null,
  },
  {
    platform: 'linkedin-learning',
    name: 'LinkedIn Learning',
    vouches: 'LinkedIn shows that the member completed the course',
    hosts: ['www.linkedin.com'],
    path: /^\/learning\/certificates\/(?<id>[A-Za-z0-9_-]{10,128})\/?$/,
    endpoint: null,
  },
];
