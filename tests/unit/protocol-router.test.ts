import { describe, expect, it, vi } from 'vitest';
import { createReportCache } from '../../lib/extension/report-cache';
import { createRouter } from '../../lib/extension/router';
import { createMemoryArea } from '../../lib/extension/storage-area';
import type { CredentialInput } from '../../lib/model/input';
import { REPORT_VERSION, type VerificationReport } from '../../lib/model/report';
import type { MarksUpdateMessage, TabView } from '../../lib/protocol/messages';

const SELF = { id: 'ext', origin: 'chrome-extension://ext/' };
const CONTENT = { id: 'ext', url: 'https://www.linkedin.com/in/jane/', tab: { id: 5 }, frameId: 0 };
const POPUP = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const UUID = '0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01';
const LINK = {
  kind: 'link',
  platform: 'credly',
  pageUrl: `https://www.credly.com/badges/${UUID}`,
  url: `https://api.credly.com/v1/obi/v2/badge_assertions/${UUID}`,
};
/** What the content script reports for that link: its address, unclassified. */
const SIGHT = { kind: 'link', href: LINK.pageUrl };

/** A minimal report for the router's bookkeeping (the verifier itself is tested elsewhere). */
function report(verdict: VerificationReport['verdict'], source: string): VerificationReport {
  return {
    version: REPORT_VERSION,
    verdict,
    summary: verdict,
    format: { id: 'ob2-hosted', label: 'Open Badges 2.0 (hosted)', container: 'url' },
    authenticity: { level: 'A2', evidence: [] },
    qualityAssurance: { level: 'Q0', evidence: [] },
    checks: [],
    issuer: { name: 'Northwind Academy' },
    trust: [],
    credential: { title: 'Data Analysis Foundations' },
    elements: [],
    differences: [],
    contacted: [],
    checkedAt: '2026-01-01T00:00:00.000Z',
    evaluatedAt: '2026-01-01T00:00:00.000Z',
    source,
  };
}

function setup(verdict: VerificationReport['verdict'] = 'verified-untrusted') {
  const area = createMemoryArea();
  let n = 0;
  const cache = createReportCache(area, { newId: () => `r${++n}` });
  const verify = vi.fn(async (input: CredentialInput) =>
    report(verdict, input.kind === 'url' ? input.url : 'bytes'),
  );
  const notes: Array<[number, MarksUpdateMessage]> = [];
  const badges: Array<[number, TabView]> = [];
  const router = createRouter({
    self: SELF,
    cache,
    verify,
    notifyTab: (t, m) => notes.push([t, m]),
    setBadge: (t, v) => badges.push([t, v]),
  });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { router, verify, notes, badges, settle, area };
}

describe('background router', () => {
  it('verifies reported candidates, pushes marks, and serves the tab to the popup', async () => {
    const { router, verify, notes, badges, settle } = setup();
    const first = await router.handle(
      {
        type: 'candidates/report',
        reset: true,
        sightings: [{ kind: 'link', href: 'https://www.example.org/about' }, SIGHT],
      },
      CONTENT,
    );
    // The background classifies: the second sighting is the Credly badge, the first nothing.
    expect(first).toEqual({
      ok: true,
      value: { found: [{ i: 1, url: LINK.url }], marks: [{ url: LINK.url, state: 'pending' }] },
    });
    await settle();
    expect(verify).toHaveBeenCalledWith({ kind: 'url', url: LINK.url });
    expect(notes.at(-1)).toEqual([
      5,
      { type: 'marks/update', marks: [{ url: LINK.url, state: 'identified' }] },
    ]);
    expect(badges.at(-1)?.[1].entries).toHaveLength(1);

    const tab = await router.handle({ type: 'tab/get', tabId: 5 }, POPUP);
    expect(tab.ok).toBe(true);
    const view = (tab as { ok: true; value: TabView }).value;
    expect(view.entries[0]).toMatchObject({
      state: 'done',
      verdict: 'verified-untrusted',
      title: 'Data Analysis Foundations',
      issuer: 'Northwind Academy',
    });

    const rep = await router.handle({ type: 'report/get', reportId: view.entries[0]?.reportId ?? '' }, POPUP);
    expect(rep).toMatchObject({
      ok: true,
      value: { report: { verdict: 'verified-untrusted' }, candidate: LINK },
    });
  });

  it('reuses a cached report for the same credential in another tab', async () => {
    const { router, verify, settle } = setup();
    await router.handle({ type: 'candidates/report', reset: true, sightings: [SIGHT] }, CONTENT);
    await settle();
    await router.handle(
      { type: 'candidates/report', reset: true, sightings: [SIGHT] },
      { ...CONTENT, tab: { id: 6 } },
    );
    await settle();
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('tells the tab about each verified credential alone, not every mark again each time', async () => {
    const { router, notes, badges, settle } = setup();
    const other = { kind: 'link', href: 'https://www.coursera.org/account/accomplishments/verify/ABCDEF123' };
    const r = await router.handle(
      { type: 'candidates/report', reset: true, sightings: [SIGHT, other] },
      CONTENT,
    );
    const urls = (r as { ok: true; value: { found: Array<{ url: string }> } }).value.found.map((f) => f.url);
    expect(urls).toHaveLength(2);
    await settle();
    // One message per finished verification, each with that credential's mark only.
    expect(notes.map(([, m]) => m.marks.length)).toEqual([1, 1]);
    expect(notes.flatMap(([, m]) => m.marks.map((k) => k.url)).sort()).toEqual([...urls].sort());
    expect(notes.every(([, m]) => m.marks.every((k) => k.state !== 'pending' && k.state !== 'waiting'))).toBe(
      true,
    );
    // The toolbar badge still counts the whole tab.
    expect(badges.at(-1)?.[1].entries).toHaveLength(2);
  });

  it('marks only what the tab keeps: past the per-tab bound a credential gets no mark that never settles', async () => {
    const cache = createReportCache(createMemoryArea(), { maxEntriesPerTab: 1 });
    const router = createRouter({
      self: SELF,
      cache,
      verify: async () => report('verified', LINK.url),
      notifyTab: () => undefined,
      setBadge: () => undefined,
    });
    const other = { kind: 'link', href: 'https://www.coursera.org/account/accomplishments/verify/ABCDEF123' };
    const r = await router.handle(
      { type: 'candidates/report', reset: true, sightings: [SIGHT, other] },
      CONTENT,
    );
    expect(r).toMatchObject({ ok: true, value: { found: [{ i: 0, url: LINK.url }] } });
    expect((r as { ok: true; value: { marks: unknown[] } }).value.marks).toHaveLength(1);
  });

  it('takes nothing the rules do not take for a credential', async () => {
    const { router, verify, settle } = setup();
    const r = await router.handle(
      {
        type: 'candidates/report',
        reset: false,
        sightings: [
          { kind: 'link', href: 'https://evil.example/x' },
          { kind: 'link', href: 'javascript:alert(1)', listed: true },
          { kind: 'image', src: 'https://evil.example/logo.png', alt: 'Company logo' },
          { kind: 'json', text: '{"@type":"Organization","name":"Credential Co"}' },
        ],
      },
      CONTENT,
    );
    expect(r).toEqual({ ok: true, value: { found: [], marks: [] } });
    await settle();
    expect(verify).not.toHaveBeenCalled();
  });

  it('hands badge images to the verifier as URLs (the acquire step unbakes what it is served)', async () => {
    const { router, verify, settle } = setup();
    const img = { kind: 'image', src: 'https://www.example.org/b.png', inCredentialSection: true };
    await router.handle({ type: 'candidates/report', reset: true, sightings: [img] }, CONTENT);
    await settle();
    expect(verify.mock.calls[0]?.[0]).toEqual({ kind: 'url', url: img.src });
  });

  it('refuses privileged messages from content scripts and unknown senders', async () => {
    const { router } = setup();
    expect(await router.handle({ type: 'tab/get', tabId: 5 }, CONTENT)).toMatchObject({
      ok: false,
      error: { code: 'ERR_PROTO_FORBIDDEN' },
    });
    expect(
      await router.handle(
        { type: 'report/get', reportId: 'r1' },
        { id: 'other', url: 'chrome-extension://other/x.html' },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'ERR_PROTO_FORBIDDEN' },
    });
    expect(
      await router.handle({ type: 'candidates/report', reset: true, sightings: [SIGHT] }, POPUP),
    ).toMatchObject({ ok: false });
    expect(await router.handle('garbage', POPUP)).toMatchObject({
      ok: false,
      error: { code: 'ERR_PROTO_BAD_MESSAGE' },
    });
  });

  it('verifies a file from an extension page and keeps the report', async () => {
    const { router, verify } = setup('invalid');
    const r = await router.handle(
      { type: 'credential/verify', input: { kind: 'bytes', base64: 'AAEC', name: 'x.jws' } },
      POPUP,
    );
    expect(r).toMatchObject({ ok: true, value: { reportId: 'r1', report: { verdict: 'invalid' } } });
    expect(verify.mock.calls[0]?.[0]).toEqual({
      kind: 'bytes',
      bytes: new Uint8Array([0, 1, 2]),
      name: 'x.jws',
    });
    expect(await router.handle({ type: 'report/get', reportId: 'r1' }, POPUP)).toMatchObject({ ok: true });
  });

  it('turns a throwing verifier into an unverifiable report', async () => {
    const { router, verify } = setup();
    verify.mockRejectedValueOnce(new Error('boom'));
    const r = await router.handle(
      { type: 'credential/verify', input: { kind: 'url', url: 'https://a.example/a.json' } },
      POPUP,
    );
    expect(r).toMatchObject({
      ok: true,
      value: { report: { verdict: 'unverifiable', checks: [{ id: 'internal.error' }] } },
    });
  });

  it('forgets a tab when it navigates away or closes, and resumes pending work after a restart', async () => {
    const { router, settle, area } = setup();
    await router.handle({ type: 'candidates/report', reset: true, sightings: [SIGHT] }, CONTENT);
    await settle();
    await router.onTabUpdated(5, { url: 'https://www.linkedin.com/in/jane/#about' });
    expect(Object.keys(await area.get(null))).toContain('tab:5');
    await router.onTabUpdated(5, { url: 'https://www.linkedin.com/in/someone-else/' });
    expect(Object.keys(await area.get(null))).not.toContain('tab:5');
    // A reload's "loading" event whose handler runs after the new document already reported
    // (async handlers interleave): the newer list stays.
    let clock = 1_000;
    const timed = createRouter({
      self: SELF,
      cache: createReportCache(area, { now: () => clock }),
      verify: async () => report('verified', LINK.url),
      setBadge: () => undefined,
      notifyTab: () => undefined,
    });
    await area.set({ 'tab:6': { pageUrl: CONTENT.url, entries: [], since: 2_000 } });
    await timed.onTabUpdated(6, { status: 'loading' });
    expect(Object.keys(await area.get(null))).toContain('tab:6');
    clock = 3_000;
    await timed.onTabUpdated(6, { status: 'loading' });
    expect(Object.keys(await area.get(null))).not.toContain('tab:6');
    expect(Object.keys(await area.get(null)).some((k) => k.startsWith('report:'))).toBe(true); // still indexed by URL

    // A "restarted worker": a pending entry in storage and no job in flight.
    await area.set({
      'tab:8': { pageUrl: CONTENT.url, entries: [{ candidate: LINK, state: 'pending', startedAt: 0 }] },
    });
    const fresh = createRouter({
      self: SELF,
      cache: createReportCache(area),
      verify: async () => report('revoked', LINK.url),
      notifyTab: () => undefined,
      setBadge: () => undefined,
    });
    await fresh.handle({ type: 'tab/get', tabId: 8 }, POPUP);
    await settle();
    const after = await fresh.handle({ type: 'tab/get', tabId: 8 }, POPUP);
    expect((after as { ok: true; value: TabView }).value.entries[0]?.state).toBe('done');
  });
});

describe('mark/open (a click on an inline mark)', () => {
  function withOpen() {
    const area = createMemoryArea();
    let n = 0;
    const cache = createReportCache(area, { newId: () => `r${++n}` });
    const verify = vi.fn(async (input: CredentialInput) =>
      report('verified-untrusted', input.kind === 'url' ? input.url : 'bytes'),
    );
    const opened: string[] = [];
    let clock = 1_000_000;
    const router = createRouter({
      self: SELF,
      cache,
      verify,
      notifyTab: () => undefined,
      setBadge: () => undefined,
      openReport: (id) => opened.push(id),
      now: () => new Date(clock),
      autoVerify: async () => false,
    });
    const tick = (ms: number) => (clock += ms);
    return { router, verify, opened, tick };
  }

  it('opens the report of a listed credential, verifying it first when checks run on click', async () => {
    const { router, verify, opened } = withOpen();
    await router.handle({ type: 'candidates/report', reset: true, sightings: [SIGHT] }, CONTENT);
    expect(verify).not.toHaveBeenCalled();
    const reply = await router.handle({ type: 'mark/open', url: LINK.url }, CONTENT);
    expect(reply).toEqual({ ok: true, value: { opened: true } });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(opened).toHaveLength(1);
  });

  it('only for credentials listed for the sending tab, only from the content script, at most once a second', async () => {
    const { router, opened, tick } = withOpen();
    await router.handle({ type: 'candidates/report', reset: true, sightings: [SIGHT] }, CONTENT);
    const other = await router.handle({ type: 'mark/open', url: 'https://evil.example/x' }, CONTENT);
    expect(other.ok).toBe(false);
    tick(2000);
    const page = await router.handle({ type: 'mark/open', url: LINK.url }, POPUP);
    expect(page.ok).toBe(false);
    expect((await router.handle({ type: 'mark/open', url: LINK.url }, CONTENT)).ok).toBe(true);
    expect((await router.handle({ type: 'mark/open', url: LINK.url }, CONTENT)).ok).toBe(false);
    tick(1500);
    expect((await router.handle({ type: 'mark/open', url: LINK.url }, CONTENT)).ok).toBe(true);
    expect(opened).toHaveLength(2);
  });
});
