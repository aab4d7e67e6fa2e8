/**
 * The `autoVerify` setting in the background router: off, candidates are listed as waiting
 * and verified only on `candidate/verify`; "found, not verifiable" ones are settled anyway
 * (nothing is contacted for them); file/scan lists without verifying.
 */
import { describe, expect, it, vi } from 'vitest';
import { classifyLink } from '../../lib/detect/classify-link';
import { createReportCache } from '../../lib/extension/report-cache';
import { createRouter } from '../../lib/extension/router';
import { createFileScanner } from '../../lib/extension/scan-file';
import { createMemoryArea } from '../../lib/extension/storage-area';
import type { CredentialInput } from '../../lib/model/input';
import { REPORT_VERSION, type VerificationReport } from '../../lib/model/report';
import { encodeBase64 } from '../../lib/protocol/base64';
import type { FileScanValue, TabView } from '../../lib/protocol/messages';
import { createCollector } from '../../lib/scan/collect';

const SELF = { id: 'ext', origin: 'chrome-extension://ext/' };
const PAGE = 'https://jobs.example.net/applications/4711';
const CONTENT = { id: 'ext', url: PAGE, tab: { id: 7 }, frameId: 0 };
const POPUP = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const CREDLY = classifyLink('https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01');
const COURSERA = classifyLink('https://www.coursera.org/account/accomplishments/verify/ABCDEF123');
/** The content script reports links unclassified: their address. */
const seen = (c: typeof CREDLY) => ({ kind: 'link', href: c?.pageUrl });

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

function setup(auto: { on: boolean }) {
  const cache = createReportCache(createMemoryArea(), {});
  const verify = vi.fn(async (input: CredentialInput) => report(input.kind === 'url' ? input.url : input.kind));
  const scanPdf = vi.fn(async (_b: Uint8Array, source: string) => {
    const c = createCollector(source, 'pdf');
    c.add(classifyLink(COURSERA?.pageUrl ?? '', { where: 'PDF page 1, text' }));
    c.add(classifyLink(CREDLY?.pageUrl ?? '', { where: 'PDF page 1, link' }));
    return c.result;
  });
  const fetch = vi.fn(async () => ({ ok: false as const, url: '', code: 'ERR_NET_UNREACHABLE' as const, message: 'offline' }));
  const router = createRouter({
    self: SELF,
    cache,
    verify,
    notifyTab: () => undefined,
    setBadge: (_t: number, _v: TabView) => undefined,
    scanFile: createFileScanner({ scanPdf, fetch }),
    autoVerify: async () => auto.on,
  });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  const tab = async () => ((await router.handle({ type: 'tab/get', tabId: 7 }, POPUP)) as { ok: true; value: TabView }).value;
  return { router, verify, settle, tab };
}

describe('autoVerify off', () => {
  it('lists page candidates as waiting and verifies one only when asked', async () => {
    expect(CREDLY).not.toBeNull();
    expect(COURSERA?.noVerifiableForm).toBe(true);
    const { router, verify, settle, tab } = setup({ on: false });
    const reported = (await router.handle({ type: 'candidates/report', reset: true, sightings: [seen(CREDLY), seen(COURSERA)] }, CONTENT)) as {
      ok: true;
      value: { marks: { url: string; state: string }[] };
    };
    // The inline mark says "not checked yet", not "checking…", while nobody verifies it.
    expect(reported.value.marks.find((m) => m.url === CREDLY?.url)?.state).toBe('waiting');
    await settle();
    expect(verify).not.toHaveBeenCalled();
    let view = await tab();
    await settle();
    expect(verify).not.toHaveBeenCalled(); // tab/get does not start it either
    const byPlatform = (v: TabView, p: string) => v.entries.find((e) => e.candidate.platform === p);
    expect(byPlatform(view, 'credly')).toMatchObject({ state: 'pending', waiting: true });
    // Nothing is contacted for a platform without a verifiable form: settled at once.
    expect(byPlatform(view, 'coursera')).toMatchObject({ state: 'done', verdict: 'unverifiable' });

    const asked = await router.handle({ type: 'candidate/verify', tabId: 7, url: CREDLY?.url }, POPUP);
    expect(asked.ok).toBe(true);
    expect(byPlatform((asked as { ok: true; value: TabView }).value, 'credly')?.waiting).toBeUndefined();
    await settle();
    expect(verify).toHaveBeenCalledWith({ kind: 'url', url: CREDLY?.url });
    view = await tab();
    expect(byPlatform(view, 'credly')).toMatchObject({ state: 'done', verdict: 'verified-untrusted' });
    expect(view.entries.some((e) => e.waiting === true)).toBe(false);
  });

  it('candidate/verify: unknown candidates are refused; without url every waiting one is verified; content scripts are refused', async () => {
    const { router, verify, settle } = setup({ on: false });
    await router.handle({ type: 'candidates/report', reset: true, sightings: [seen(CREDLY)] }, CONTENT);
    const unknown = await router.handle(
      { type: 'candidate/verify', tabId: 7, url: 'https://api.credly.com/v1/obi/v2/badge_assertions/x' },
      POPUP,
    );
    expect(unknown.ok ? null : unknown.error.code).toBe('ERR_PROTO_NOT_FOUND');
    const fromPage = await router.handle({ type: 'candidate/verify', tabId: 7 }, CONTENT);
    expect(fromPage.ok ? null : fromPage.error.code).toBe('ERR_PROTO_FORBIDDEN');
    await settle();
    expect(verify).not.toHaveBeenCalled();
    const all = await router.handle({ type: 'candidate/verify', tabId: 7 }, POPUP);
    expect(all.ok).toBe(true);
    await settle();
    expect(verify).toHaveBeenCalledOnce();
  });

  it('file/scan lists the found candidates without verifying them (except "not verifiable" ones)', async () => {
    const { router, verify } = setup({ on: false });
    const pdf = encodeBase64(new TextEncoder().encode('%PDF-1.7\n...'));
    const reply = await router.handle(
      { type: 'file/scan', input: { kind: 'bytes', base64: pdf, name: 'cv.pdf' } },
      POPUP,
    );
    const value = (reply as { ok: true; value: FileScanValue }).value;
    expect(value.items.map((i) => [i.candidate.platform, i.verdict, i.reportId === undefined])).toEqual([
      ['coursera', 'unverifiable', false],
      ['credly', undefined, true],
    ]);
    expect(verify).not.toHaveBeenCalled();
  });
});

describe('autoVerify on', () => {
  it('verifies at once and marks nothing as waiting', async () => {
    const { router, verify, settle, tab } = setup({ on: true });
    await router.handle({ type: 'candidates/report', reset: true, sightings: [seen(CREDLY)] }, CONTENT);
    await settle();
    expect(verify).toHaveBeenCalledOnce();
    expect((await tab()).entries[0]).toMatchObject({ state: 'done' });
    expect((await tab()).entries[0]?.waiting).toBeUndefined();
  });
});

describe('cached verdicts and the trust revision', () => {
  it('a report made under another trust revision is not reused, whatever the event order', async () => {
    const cache = createReportCache(createMemoryArea(), {});
    const verify = vi.fn(async (input: CredentialInput) => report(input.kind === 'url' ? input.url : input.kind));
    const rev = { value: 1 };
    const router = createRouter({
      self: SELF,
      cache,
      verify,
      notifyTab: () => undefined,
      setBadge: () => undefined,
      trustRevision: async () => rev.value,
    });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    await router.handle({ type: 'candidates/report', reset: true, sightings: [seen(CREDLY)] }, CONTENT);
    await settle();
    expect(verify).toHaveBeenCalledTimes(1);
    // Same revision: the page is reloaded, the cached report is reused.
    await router.handle({ type: 'candidates/report', reset: true, sightings: [seen(CREDLY)] }, CONTENT);
    await settle();
    expect(verify).toHaveBeenCalledTimes(1);
    // The trust data changed (no storage event needed): verified again.
    rev.value = 2;
    await router.handle({ type: 'candidates/report', reset: true, sightings: [seen(CREDLY)] }, CONTENT);
    await settle();
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
