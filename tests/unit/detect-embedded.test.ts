import { describe, expect, it } from 'vitest';
import {
  classifyEmbeddedText,
  classifyJsonText,
  classifyJwsInText,
  embeddedKey,
  isCredentialJson,
} from '../../lib/detect/classify-embedded';
import { rederiveCandidate } from '../../lib/detect/rederive';

const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const VC = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:issuer.example' },
  credentialSubject: { id: 'did:example:jane' },
};
const JWT = `${b64u({ alg: 'ES256', typ: 'JWT' })}.${b64u({ iss: 'did:web:issuer.example', vc: VC })}.${'A'.repeat(40)}`;
const PAGE = 'https://jobs.example/applications/42';

describe('isCredentialJson', () => {
  it('accepts VCs, OB 2.0 assertions, VC-JWT payloads; refuses schema.org metadata', () => {
    expect(isCredentialJson(VC)).toBe(true);
    expect(
      isCredentialJson({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: 'x' }),
    ).toBe(true);
    expect(isCredentialJson({ type: 'Assertion', badge: 'x', recipient: {} })).toBe(true);
    expect(isCredentialJson({ vc: VC })).toBe(true);
    expect(
      isCredentialJson({ '@context': 'https://schema.org', '@type': 'EducationalOccupationalCredential' }),
    ).toBe(false);
    expect(isCredentialJson({ '@context': 'https://schema.org', '@type': 'Person', name: 'Jane' })).toBe(
      false,
    );
    expect(isCredentialJson([VC])).toBe(false);
    expect(isCredentialJson(null)).toBe(false);
  });
});

describe('JSON-LD scripts', () => {
  it('finds the credential, keyed by page and content hash, and the background re-derives it', () => {
    const [c] = classifyJsonText(JSON.stringify(VC), { pageUrl: PAGE, where: 'JSON-LD script' });
    expect(c).toMatchObject({
      kind: 'embedded',
      platform: 'json-ld',
      pageUrl: PAGE,
      where: 'JSON-LD script',
    });
    expect(c?.url).toBe(embeddedKey(PAGE, JSON.stringify(VC)));
    expect(c?.url).toMatch(/^https:\/\/jobs\.example\/applications\/42#credlens-embedded=[0-9a-f]{32}$/);
    if (c) expect(rederiveCandidate(c)).toEqual(c);
  });
  it('finds credentials inside @graph and arrays; ignores broken or huge JSON', () => {
    expect(
      classifyJsonText(JSON.stringify({ '@graph': [VC, { '@type': 'Person' }] }), { pageUrl: PAGE }),
    ).toHaveLength(1);
    expect(classifyJsonText(JSON.stringify([VC, VC]), { pageUrl: PAGE })).toHaveLength(2);
    expect(classifyJsonText('{not json', { pageUrl: PAGE })).toEqual([]);
    expect(classifyJsonText(JSON.stringify({ ...VC, pad: 'x'.repeat(70_000) }), { pageUrl: PAGE })).toEqual(
      [],
    );
  });
  it('refuses a reported embedded candidate whose content is not a credential', () => {
    expect(
      rederiveCandidate({
        kind: 'embedded',
        platform: 'json-ld',
        pageUrl: PAGE,
        url: embeddedKey(PAGE, '{}'),
        content: '{}',
      }),
    ).toBeNull();
    const [c] = classifyJsonText(JSON.stringify(VC), { pageUrl: PAGE });
    if (c) expect(rederiveCandidate({ ...c, url: 'https://attacker.example/' })).toBeNull();
  });
});

describe('JWT/JWS in text', () => {
  it('finds a VC-JWT in prose and ignores other JWTs', () => {
    const other = `${b64u({ alg: 'HS256' })}.${b64u({ sub: 'session', exp: 1 })}.${'B'.repeat(40)}`;
    const found = classifyJwsInText(`My diploma: ${JWT}. Session: ${other}`, {
      pageUrl: PAGE,
      where: 'text',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'embedded', platform: 'jwt', content: JWT });
  });
  it('classifies a lone JWS or JSON text as a whole', () => {
    expect(classifyEmbeddedText(` ${JWT}\n`, { pageUrl: PAGE })?.platform).toBe('jwt');
    expect(classifyEmbeddedText(JSON.stringify(VC), { pageUrl: PAGE })?.platform).toBe('json-ld');
    expect(classifyEmbeddedText('hello', { pageUrl: PAGE })).toBeNull();
  });
});
