import { describe, expect, it } from 'vitest';
import { platformAttestation, platformOf } from '../../lib/trust/platform';

describe('platform attestations', () => {
  it('labels a copy fetched from a platform as the platform’s word', () => {
    const a = platformAttestation([{ url: 'https://api.credly.com/v1/obi/v2/badge_assertions/1', purpose: 'credential', status: 200 }]);
    expect(a).toEqual(expect.objectContaining({ platform: 'credly', host: 'api.credly.com' }));
    expect(a?.statement).toMatch(/platform's word, not a signature/);
    expect(platformOf('https://asu.badgr.com/public/assertions/x')?.id).toBe('badgr');
    expect(platformOf('https://evilbadgr.com/x')).toBeUndefined();
  });

  it('ignores failed requests and non-credential documents', () => {
    expect(platformAttestation([{ url: 'https://api.credly.com/x', purpose: 'credential', error: 'ERR_NET_UNREACHABLE' }])).toBeUndefined();
    expect(platformAttestation([{ url: 'https://api.credly.com/issuer', purpose: 'issuer profile', status: 200 }])).toBeUndefined();
    expect(platformAttestation([{ url: 'http://api.credly.com/x', purpose: 'credential', status: 200 }])).toBeUndefined();
  });
});
