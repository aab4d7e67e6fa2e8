/**
 * The CLI's text report (cli/format-text.ts) over real reports: the Blockcerts certificates of
 * ../shared/vectors (blockcerts-cert-verifier-js, MANIFEST.md), verified offline. CredLens does not
 * verify Blockcerts' Merkle/blockchain proofs, so every one is unverifiable or invalid: nothing
 * that depends on the document (its dates, its status) may show as passed, the issuer line reads
 * plainly without a name, and no sentence is said twice.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReportText } from '../../cli/format-text';
import type { VerifyEnv } from '../../lib/model/env';
import type { VerificationReport } from '../../lib/model/report';
import { createTrustStore } from '../../lib/trust/store';
import { verifyCredential } from '../../lib/verify';
import { readVector, vectorPath } from '../support/vectors';

const BC = 'blockcerts-cert-verifier-js/fixtures';
/** Every certificate (v1.2, v2, v3) of the Blockcerts corpus. */
const CERTS = ['v1', 'v2', 'v3'].flatMap((v) =>
  readdirSync(vectorPath(`${BC}/${v}`))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${BC}/${v}/${f}`),
);
const NOW = new Date('2026-01-01T00:00:00Z');

const env: VerifyEnv = {
  fetch: async (url) => ({ ok: false, url, code: 'ERR_NET_UNREACHABLE', message: 'offline test' }),
  now: () => NOW,
  trust: createTrustStore([]),
};

const verify = (rel: string): Promise<VerificationReport> =>
  verifyCredential({ kind: 'bytes', bytes: readVector(rel), name: rel }, env);

/** No proof of the document was verified (none ran, or one that ran did not pass). */
const unproven = (r: VerificationReport) => {
  const proofs = r.checks.filter((c) => c.id.startsWith('proof.'));
  return proofs.length === 0 || proofs.some((c) => c.status !== 'passed' && c.status !== 'warning');
};

describe('Blockcerts certificates in the text report', () => {
  it('finds the corpus', () => {
    expect(CERTS.length).toBeGreaterThan(40);
  });

  it.each(CERTS)('%s: nothing that depends on the unproven document is passed', async (rel) => {
    const r = await verify(rel);
    expect(['unverifiable', 'invalid']).toContain(r.verdict);
    expect(unproven(r)).toBe(true);
    for (const c of r.checks.filter((x) => x.id === 'validity.window' || x.id.startsWith('status.'))) {
      expect(c.status, `${c.id}: ${c.message}`).toBe('skipped');
      expect(c.blockedBy, c.id).toBeDefined();
    }
    const text = formatReportText(r, false);
    expect(text).not.toMatch(/✔ (validity|status)\./);
    expect(text).not.toMatch(/issuer: {2}/);
  });

  it('an unnamed issuer: its address without a double space or empty brackets', async () => {
    const r = await verify(`${BC}/v3/mocknet-vc-v2-validFrom-valid.json`);
    expect(r.issuer.name).toBeUndefined();
    expect(r.verdict).toBe('unverifiable');
    expect(formatReportText(r, false)).toContain(
      '\n  issuer: https://www.blockcerts.org/samples/3.0/issuer-blockcerts.json (not named)\n',
    );
    // A name that is only blank (or control characters) is no name.
    const blank = formatReportText({ ...r, issuer: { ...r.issuer, name: ' \u0007 ' } }, false);
    expect(blank).toContain(
      'issuer: https://www.blockcerts.org/samples/3.0/issuer-blockcerts.json (not named)',
    );
  });

  it('the reason is said once: in the summary, not again as authenticity evidence', async () => {
    // Three proofs (a proof set), two failing alike: one sentence each, never repeated.
    const r = await verify(`${BC}/v3/mocknet-v3-valid.json`);
    expect(r.verdict).toBe('unverifiable');
    expect(new Set(r.authenticity.evidence).size).toBe(r.authenticity.evidence.length);
    const text = formatReportText(r, false);
    const lines = text.split('\n');
    const summary = r.summary;
    const authenticity = lines.find((l) => l.startsWith('  authenticity:')) ?? '';
    expect(authenticity).toMatch(/^ {2}authenticity: A0 — /);
    for (const e of r.authenticity.evidence)
      if (summary.includes(e)) expect(authenticity, e).not.toContain(e);
    const said = authenticity.replace(/^ {2}authenticity: A0 — /, '').split(/(?<=\.) /);
    expect(new Set(said).size).toBe(said.length);
  });

  it('a report whose whole reason is in the summary says so instead of repeating it', async () => {
    const r = await verify(`${BC}/v3/mocknet-vc-v2-validFrom-valid.json`);
    const reason = r.checks.find((c) => c.id === 'proof.signature')?.message ?? '?';
    expect(r.summary).toContain(reason);
    const text = formatReportText(r, false);
    expect(text).toContain('  authenticity: A0 — nothing proven (reason above)');
    // Once in the summary and once in the checks list, not in the authenticity line.
    expect(text.split(reason).length - 1).toBe(2);
  });
});

describe('evidence items as sentences', () => {
  it('items without a full stop are separated, not run together', () => {
    const base = {
      version: '1.1',
      verdict: 'verified-untrusted',
      summary: 'Summary.',
      format: { id: 'vc-di', label: 'VC', container: 'json' },
      authenticity: { level: 'A2', evidence: ['First item', 'Second item.', 'First item'] },
      qualityAssurance: { level: 'Q1', evidence: ['Claimed', 'Not checked'] },
      checks: [],
      issuer: {},
      trust: [],
      credential: {},
      elements: [],
      differences: [],
      contacted: [],
      checkedAt: NOW.toISOString(),
      evaluatedAt: NOW.toISOString(),
      source: join('x', 'y.json'),
    } satisfies VerificationReport;
    const text = formatReportText(base, false);
    expect(text).toContain('  authenticity: A2 — First item. Second item.\n');
    expect(text).toContain('  quality assurance: Q1 — Claimed. Not checked.\n');
  });
});
