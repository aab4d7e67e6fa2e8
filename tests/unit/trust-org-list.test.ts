import { describe, expect, it } from 'vitest';
import { parseOrgList } from '../../lib/trust/org-list';
import { createTrustStore } from '../../lib/trust/store';
import { checkIssuerTrust } from '../../lib/trust/check-trust';

const meta = { id: 'org', label: 'ACME HR list' };

describe('organisation allow/deny list', () => {
  it('parses allow and deny entries and finds issuers by normalised id', async () => {
    const parsed = parseOrgList(
      {
        allow: [{ id: 'https://Example.org/organization.json', name: 'Example Org' }],
        deny: [{ id: 'did:web:bad.example', name: 'Diploma mill' }],
      },
      meta,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const store = createTrustStore([parsed.source]);
    const allowed = await store.lookupIssuer(['https://example.org:443/organization.json']);
    expect(allowed.hits).toEqual([
      { sourceId: 'org', sourceLabel: 'ACME HR list', list: 'allow', entryId: 'https://Example.org/organization.json', entryName: 'Example Org' },
    ]);
    expect(allowed.consulted).toEqual(['ACME HR list']);
    const denied = await store.lookupIssuer(['did:web:bad.example']);
    expect(denied.hits.map((h) => h.list)).toEqual(['deny']);
    expect((await store.lookupIssuer(['https://other.example/'])).hits).toEqual([]);
  });

  it.each([
    [null, 'JSON object'],
    [[], 'JSON object'],
    [{}, '"allow" or a "deny"'],
    [{ allow: 'x' }, '"allow" must be an array'],
    [{ allow: [{ name: 'no id' }] }, '"allow[0].id"'],
    [{ deny: [{ id: 'x', name: 3 }] }, '"deny[0].name"'],
    [{ allow: [42] }, '"allow[0]" is not an object'],
  ])('rejects a malformed list %j', (json, fragment) => {
    const parsed = parseOrgList(json, meta);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(fragment);
  });

  it('turns lookups into the issuer.trust check: deny fails, allow passes, unlisted warns', async () => {
    const parsed = parseOrgList({ allow: [{ id: 'https://a.example/' }], deny: [{ id: 'https://d.example/', name: 'Mill' }] }, meta);
    if (!parsed.ok) throw new Error(parsed.error);
    const store = createTrustStore([parsed.source]);
    const issuer = { id: 'x', name: 'Issuer X' };
    const deny = checkIssuerTrust(issuer, ['https://d.example/'], await store.lookupIssuer(['https://d.example']));
    expect(deny).toMatchObject({ id: 'issuer.trust', status: 'failed', code: 'ERR_TRUST_DENIED', impact: 'verified-untrusted' });
    expect(deny.message).toContain('ACME HR list');
    const allow = checkIssuerTrust(issuer, ['https://a.example/'], await store.lookupIssuer(['https://a.example/']));
    expect(allow).toMatchObject({ status: 'passed', code: 'OK_TRUST_LISTED' });
    const none = checkIssuerTrust(issuer, ['https://n.example/'], await store.lookupIssuer(['https://n.example/']));
    expect(none).toMatchObject({ status: 'warning', code: 'WARN_TRUST_UNLISTED', impact: 'verified-untrusted' });
    expect(none.message).toBe('No trust list you use names this issuer.');
    expect(none.detail).toContain('Issuer X');
  });
});
