/** The background's reading of what a content script saw: the same rules as every other scanner. */
import { describe, expect, it } from 'vitest';
import { classifySighting } from '../../lib/detect/classify-sighting';
import { UNLISTED_PLATFORM } from '../../lib/detect/classify-link';

const PAGE = 'https://jobs.example.net/applications/4711';
const CREDLY = 'https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01';
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('classifySighting', () => {
  it('links: a platform rule, an explicit Open Badges link, a listed link no rule knows, nothing else', () => {
    expect(classifySighting({ kind: 'link', href: CREDLY, label: 'Data' }, PAGE)).toMatchObject([
      { kind: 'link', platform: 'credly', pageUrl: CREDLY, label: 'Data', url: expect.stringContaining('api.credly.com') },
    ]);
    expect(classifySighting({ kind: 'link', href: 'https://x.example/a/1', explicit: true }, PAGE)).toMatchObject([
      { platform: 'ob-hosted', url: 'https://x.example/a/1' },
    ]);
    // Listed ("Show credential" in a credentials section) and unknown: found, not verifiable.
    expect(classifySighting({ kind: 'link', href: 'https://velocert.example/c/9', listed: true }, PAGE)).toMatchObject([
      { platform: UNLISTED_PLATFORM, noVerifiableForm: true, where: 'credentials section' },
    ]);
    // Listed and known: the rule wins.
    expect(classifySighting({ kind: 'link', href: CREDLY, listed: true }, PAGE)[0]?.platform).toBe('credly');
    expect(classifySighting({ kind: 'link', href: 'https://velocert.example/c/9' }, PAGE)).toEqual([]);
    expect(classifySighting({ kind: 'link', href: 'javascript:alert(1)', listed: true, explicit: true }, PAGE)).toEqual([]);
    expect(classifySighting({ kind: 'link', href: '/relative/x.json' }, PAGE)).toEqual([]);
  });

  it('images: PNG/SVG in a credentials section, never for their alt text; not inside a credential link; no JPEGs', () => {
    expect(classifySighting({ kind: 'image', src: 'https://x.example/b.png', inCredentialSection: true }, PAGE)).toHaveLength(1);
    expect(classifySighting({ kind: 'image', src: 'https://x.example/b.png', alt: 'Open Badge' }, PAGE)).toEqual([]);
    // Inside a credential link, the link is the credential.
    expect(classifySighting({ kind: 'image', src: 'https://x.example/b.png', linkHref: CREDLY, inCredentialSection: true }, PAGE)).toEqual([]);
    // A link the rules do not take changes nothing.
    expect(classifySighting({ kind: 'image', src: 'https://x.example/b.png', linkHref: 'https://x.example/', inCredentialSection: true }, PAGE)).toHaveLength(1);
    expect(classifySighting({ kind: 'image', src: 'https://x.example/b.jpg', alt: 'Badge', inCredentialSection: true }, PAGE)).toEqual([]);
  });

  it('JSON-LD and JWS text: only credentials, named by the sender page', () => {
    const vc = { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', badge: 'b', recipient: {} };
    const [c] = classifySighting({ kind: 'json', text: JSON.stringify(vc) }, PAGE);
    expect(c).toMatchObject({ kind: 'embedded', platform: 'json-ld', pageUrl: PAGE, where: 'JSON-LD script' });
    expect(c?.url.startsWith(`${PAGE}#credlens-embedded=`)).toBe(true);
    expect(classifySighting({ kind: 'json', text: '{"@type":"Organization"}' }, PAGE)).toEqual([]);
    expect(classifySighting({ kind: 'json', text: '{not json' }, PAGE)).toEqual([]);
    const jws = `${b64url({ alg: 'ES256' })}.${b64url({ vc: { type: ['VerifiableCredential'], credentialSubject: {} } })}.${'A'.repeat(43)}`;
    expect(classifySighting({ kind: 'jwt', text: jws }, PAGE)).toMatchObject([{ platform: 'jwt', content: jws }]);
    const login = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'user-1', exp: 1 })}.${'A'.repeat(43)}`;
    expect(classifySighting({ kind: 'jwt', text: login }, PAGE)).toEqual([]);
  });
});
