/** The messages and routes added for detection: new candidate kinds and `file/scan`. */
import { describe, expect, it, vi } from 'vitest';
import { classifyJsonText } from '../../lib/detect/classify-embedded';
import { classifyLink } from '../../lib/detect/classify-link';
import { createReportCache } from '../../lib/extension/report-cache';
import { createRouter } from '../../lib/extension/router';
import { createFileScanner } from '../../lib/extension/scan-file';
import { createMemoryArea } from '../../lib/extension/storage-area';
import type { CredentialInput } from '../../lib/model/input';
import { REPORT_VERSION, type VerificationReport } from '../../lib/model/report';
import { encodeBase64 } from '../../lib/protocol/base64';
import type { FileScanValue, TabView } from '../../lib/protocol/messages';
import { parseCandidate, parseRequest } from '../../lib/protocol/parse-request';
import { createCollector } from '../../lib/scan/collect';

const SELF = { id: 'ext', origin: 'chrome-extension://ext/' };
const PAGE = 'https://jobs.example.net/applications/4711';
const CONTENT = { id: 'ext', url: PAGE, tab: { id: 7 }, frameId: 0 };
const REPORT_PAGE = { id: 'ext', url: 'chrome-extension://ext/report.html' };
const VC = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://x.example/a/1',
  badge: 'b',
  recipient: {},
};

function report(source: string): VerificationReport {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    version: REPORT_VERSION,
    verdict: 'verified-untrusted',
    summary: 's',
    format: { id: 'ob2-hosted', label: 'OB2', container: 'url' },
    authenticity: { level: 'A2', evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: [] },
    checks: [],
    issuer: {},
    trust: [],
    credential: { title: 'T' },
    elements: [],
    differences: [],
    contacted: [],
    checkedAt: at,
    evaluatedAt: at,
    source,
  };
}

function setup() {
  const cache = createReportCache(createMemoryArea(), {});
  const verify = vi.fn(async (input: CredentialInput) =>
    report(input.kind === 'url' ? input.url : input.kind),
  );
  const fetch = vi.fn(async () => ({
    ok: false as const,
    url: '',
    code: 'ERR_NET_UNREACHABLE' as const,
    message: 'offline',
  }));
  const scanPdf = vi.fn(async (_b: Uint8Array, source: string) => {
    const c = createCollector(source, 'pdf');
    c.add(
      classifyLink('https://www.coursera.org/account/accomplishments/verify/ABCDEF123', {
        where: 'PDF page 1, text',
      }),
    );
    c.add(
      classifyLink('https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01', {
        where: 'PDF page 1, link',
      }),
    );
    return c.result;
  });
  const router = createRouter({
    self: SELF,
    cache,
    verify,
    notifyTab: () => undefined,
    setBadge: (_t: number, _v: TabView) => undefined,
    scanFile: createFileScanner({ scanPdf, fetch }),
  });
  return { router, verify, scanPdf, fetch };
}

describe('protocol: new candidate kinds', () => {
  it('accepts embedded and not-verifiable candidates, bounded', () => {
    const [emb] = classifyJsonText(JSON.stringify(VC), { pageUrl: PAGE, where: 'JSON-LD script' });
    expect(parseCandidate(emb)).toEqual(emb);
    const nv = classifyLink('https://www.coursera.org/account/accomplishments/verify/ABCDEF123');
    expect(parseCandidate(nv)).toEqual(nv);
    expect(parseCandidate({ ...emb, content: 'x'.repeat(70_000) })).toBeNull();
    expect(parseCandidate({ ...emb, content: undefined })).toBeNull();
    expect(parseCandidate({ ...nv, content: '{}' })).toBeNull();
    expect(parseCandidate({ ...nv, noVerifiableForm: 'yes' })).toBeNull();
    expect(parseCandidate({ ...nv, extra: 1 })).toBeNull();
  });
  it('refuses too much embedded content in one message, and file/scan with text', () => {
    const text = JSON.stringify({ ...VC, pad: 'x'.repeat(60_000) });
    const many = Array.from({ length: 10 }, () => ({ kind: 'json', text }));
    expect(parseRequest({ type: 'candidates/report', reset: false, sightings: many.slice(0, 8) }).ok).toBe(true);
    const r = parseRequest({ type: 'candidates/report', reset: false, sightings: many });
    expect(r.ok ? null : r.error.code).toBe('ERR_PROTO_TOO_LARGE');
    const t = parseRequest({ type: 'file/scan', input: { kind: 'text', text: 'x' } });
    expect(t.ok).toBe(false);
  });
});

describe('router: detection routes', () => {
  it('verifies embedded content from a content script and never fetches a not-verifiable page', async () => {
    const { router, verify } = setup();
    const [emb] = classifyJsonText(JSON.stringify(VC), { pageUrl: PAGE, where: 'JSON-LD script' });
    const nv = classifyLink('https://www.coursera.org/account/accomplishments/verify/ABCDEF123');
    const reply = await router.handle(
      {
        type: 'candidates/report',
        reset: true,
        sightings: [
          { kind: 'json', text: JSON.stringify(VC) },
          { kind: 'link', href: 'https://www.coursera.org/account/accomplishments/verify/ABCDEF123' },
        ],
      },
      CONTENT,
    );
    expect(reply).toMatchObject({ ok: true, value: { found: [{ i: 0, url: emb?.url }, { i: 1, url: nv?.url }] } });
    await new Promise((r) => setTimeout(r, 30));
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]?.[0]).toMatchObject({ kind: 'text', text: JSON.stringify(VC) });
    const view = await router.handle({ type: 'tab/get', tabId: 7 }, REPORT_PAGE);
    const entries = (view as { ok: true; value: TabView }).value.entries;
    expect(entries.map((e) => e.verdict)).toEqual(['verified-untrusted', 'unverifiable']);
    expect(entries[1]?.summary).toMatch(/Coursera publishes no verifiable form/);
  });

  it('file/scan: a PDF is scanned by the injected scanner, each candidate verified and stored', async () => {
    const { router, verify, scanPdf } = setup();
    const pdf = new TextEncoder().encode('%PDF-1.7\n...');
    const reply = await router.handle(
      { type: 'file/scan', input: { kind: 'bytes', base64: encodeBase64(pdf), name: 'cv.pdf' } },
      REPORT_PAGE,
    );
    expect(scanPdf).toHaveBeenCalledOnce();
    const value = (reply as { ok: true; value: FileScanValue }).value;
    expect(value.type).toBe('pdf');
    expect(value.items.map((i) => [i.candidate.platform, i.verdict])).toEqual([
      ['coursera', 'unverifiable'],
      ['credly', 'verified-untrusted'],
    ]);
    expect(verify).toHaveBeenCalledTimes(1);
    const stored = await router.handle(
      { type: 'report/get', reportId: value.items[0]?.reportId ?? '' },
      REPORT_PAGE,
    );
    expect(stored.ok).toBe(true);
  });

  it('file/scan: an HTML page is scanned in the worker; a credential file is verified as one; content scripts are refused', async () => {
    const { router } = setup();
    const html = new TextEncoder().encode(
      `<!doctype html><script type="application/ld+json">${JSON.stringify(VC)}</script>`,
    );
    const r1 = await router.handle(
      { type: 'file/scan', input: { kind: 'bytes', base64: encodeBase64(html), name: 'cv.html' } },
      REPORT_PAGE,
    );
    expect((r1 as { ok: true; value: FileScanValue }).value.items[0]?.candidate.platform).toBe('json-ld');
    const json = new TextEncoder().encode(JSON.stringify(VC));
    const r2 = await router.handle(
      { type: 'file/scan', input: { kind: 'bytes', base64: encodeBase64(json), name: 'a.json' } },
      REPORT_PAGE,
    );
    expect((r2 as { ok: true; value: FileScanValue }).value.type).toBe('credential');
    const r3 = await router.handle({ type: 'file/scan', input: { kind: 'url', url: PAGE } }, CONTENT);
    expect(r3.ok ? null : r3.error.code).toBe('ERR_PROTO_FORBIDDEN');
    const r4 = await router.handle({ type: 'file/scan', input: { kind: 'url', url: PAGE } }, REPORT_PAGE);
    expect((r4 as { ok: true; value: FileScanValue }).value.notes[0]).toMatch(/could not be fetched/);
  });
});
