/**
 * lib/proof/signed-form.ts directly: each rule on a small document, and the audit of the bundled
 * contexts that the rules rely on (one name per critical IRI; the class-name aliases listed).
 */
import jsonld from 'jsonld';
import type { ActiveContext } from 'jsonld';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CONTEXTS } from '../../lib/net/contexts/index';
import { createContextLoader } from '../../lib/net/jsonld-loader';
import { checkProofForm, checkSignedForm, CLASS_NAME_KEYS } from '../../lib/proof/signed-form';
import { readFixture } from '../support/vc-web';

type Json = Record<string, unknown>;
const base = (): Json => {
  const { proof: _p, ...doc } = JSON.parse(readFixture('ob3-di-revoked.json')) as Json;
  return doc;
};

describe('checkSignedForm', () => {
  it('accepts the genuine compacted document', async () => {
    expect(await checkSignedForm(base())).toEqual({ ok: true });
  });

  it('refuses a credential node described a second time (outside @included) without its dates', async () => {
    const doc = base();
    doc.evidence = [{ id: doc.id, validUntil: '2020-01-01T00:00:00Z' }];
    const r = await checkSignedForm(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toMatch(/described in more than one place.*validUntil/);
  });

  it('accepts the same node described twice identically where it is read', async () => {
    const doc = base();
    doc.evidence = [{ id: (doc.issuer as Json).id, name: (doc.issuer as Json).name }];
    expect(await checkSignedForm(doc)).toEqual({ ok: true });
  });

  it('refuses a class name written as a property and a compact IRI key in a read vocabulary', async () => {
    const doc = base();
    const cs = doc.credentialSubject as Json;
    cs.Achievement = cs.achievement;
    delete cs.achievement;
    expect((await checkSignedForm(doc)).ok).toBe(false);
    const doc2 = base();
    doc2['@context'] = [...(doc2['@context'] as string[]), { cr: 'https://www.w3.org/2018/credentials#' }];
    doc2['cr:validUntil'] = '2020-01-01T00:00:00Z';
    expect((await checkSignedForm(doc2)).ok).toBe(false);
  });

  it('accepts an extension property under a full IRI outside the vocabularies CredLens reads', async () => {
    const doc = base();
    doc['https://extension.example/vocab#note'] = 'hello';
    expect(await checkSignedForm(doc)).toEqual({ ok: true });
  });

  it('refuses inline keyword aliases and scoped contexts', async () => {
    const doc = base();
    doc['@context'] = [...(doc['@context'] as string[]), { inc: '@included' }];
    expect((await checkSignedForm(doc)).ok).toBe(false);
  });

  it('accepts language-tagged names, refuses typed value objects', async () => {
    const doc = base();
    doc.name = { '@value': 'Badge', '@language': 'en' };
    expect(await checkSignedForm(doc)).toEqual({ ok: true });
    doc.name = { '@value': 'Badge', '@type': 'http://www.w3.org/2001/XMLSchema#string' };
    expect((await checkSignedForm(doc)).ok).toBe(false);
  });

  it('is bounded on a deeply nested hostile document', async () => {
    let deep: Json = { id: 'urn:x' };
    for (let i = 0; i < 5000; i++) deep = { description: deep };
    const doc = { ...base(), evidence: deep };
    const r = await checkSignedForm(doc);
    expect(r.ok).toBe(false);
  });

  it('proof objects: plain keys and strings only', () => {
    expect(checkProofForm({ type: 'DataIntegrityProof', created: '2024-01-01T00:00:00Z' }).ok).toBe(true);
    expect(checkProofForm({ type: 'DataIntegrityProof', expires: { '@value': '2020' } }).ok).toBe(false);
    expect(
      checkProofForm({ type: 'DataIntegrityProof', 'https://w3id.org/security#expiration': 'x' }).ok,
    ).toBe(false);
  });
});

/** term → IRIs over a context and the contexts it scopes (bounded). */
async function names(active: ActiveContext, out: Map<string, Set<string>>, depth: number, opts: object) {
  for (const [term, def] of active.mappings) {
    const iri = def?.['@id'];
    if (typeof iri === 'string' && !iri.startsWith('@')) {
      if (!out.has(term)) out.set(term, new Set());
      out.get(term)!.add(iri);
    }
    if (def?.['@context'] !== undefined && depth < 2) {
      try {
        await names(await jsonld.processContext(active, def['@context'], opts), out, depth + 1, opts);
      } catch {
        // a scoped context that cannot apply on its own
      }
    }
  }
}

describe('bundled contexts (what the form rules rely on)', async () => {
  const opts = { documentLoader: createContextLoader(), base: null };
  const perContext = new Map<string, Map<string, Set<string>>>();
  for (const c of new Map(BUNDLED_CONTEXTS.map((b) => [b.file, b.url])).values()) {
    const out = new Map<string, Set<string>>();
    try {
      await names(
        await jsonld.processContext(await jsonld.processContext(null, null, opts), c, opts),
        out,
        0,
        opts,
      );
    } catch {
      continue;
    }
    perContext.set(c, out);
  }

  it('each IRI that the VC, status and DI terms name has one name in every bundled context', () => {
    const critical = [
      'credentialStatus',
      'credentialSubject',
      'issuer',
      'validFrom',
      'validUntil',
      'issuanceDate',
      'expirationDate',
      'statusPurpose',
      'statusListIndex',
      'statusListCredential',
      'encodedList',
    ];
    const iris = new Set<string>();
    for (const m of perContext.values())
      for (const t of critical) for (const i of m.get(t) ?? []) iris.add(i);
    expect(iris.size).toBeGreaterThan(8);
    for (const [url, m] of perContext)
      for (const [term, set] of m)
        for (const i of set)
          if (iris.has(i)) expect(critical, `${url}: "${term}" names ${i}`).toContain(term);
  });

  it('CLASS_NAME_KEYS lists exactly the class names that share an IRI with a property name', () => {
    const found = new Set<string>();
    for (const m of perContext.values()) {
      const byIri = new Map<string, string[]>();
      for (const [term, set] of m) for (const i of set) byIri.set(i, [...(byIri.get(i) ?? []), term]);
      for (const terms of byIri.values())
        if (terms.some((t) => /^[a-z]/.test(t))) for (const t of terms) if (/^[A-Z]/.test(t)) found.add(t);
    }
    // OB 2.0 contexts (not RDF-signed in CredLens) aside:
    for (const ob2 of ['HostedBadge', 'SignedBadge']) found.delete(ob2);
    expect([...found].sort()).toEqual([...CLASS_NAME_KEYS].sort());
  });
});

describe('inline @vocab', () => {
  it('an inline @vocab inside a vocabulary CredLens reads is refused; an extension vocabulary is not', async () => {
    const doc = base();
    doc['@context'] = [
      ...(doc['@context'] as string[]),
      { '@vocab': 'https://www.w3.org/2018/credentials#' },
    ];
    expect((await checkSignedForm(doc)).ok).toBe(false);
    doc['@context'] = [...(base()['@context'] as string[]), { '@vocab': 'https://extension.example/vocab#' }];
    expect(await checkSignedForm(doc)).toEqual({ ok: true });
  });
});
