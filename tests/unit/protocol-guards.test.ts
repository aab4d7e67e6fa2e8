import { describe, expect, it } from 'vitest';
import { authorize } from '../../lib/protocol/authorize';
import { decodeBase64, encodeBase64 } from '../../lib/protocol/base64';
import { readReply } from '../../lib/protocol/envelope';
import { parseMarksUpdate } from '../../lib/protocol/parse-marks';
import { parseRequest } from '../../lib/protocol/parse-request';
import { classifySender, isFromBackground } from '../../lib/protocol/sender';
import { LIMITS } from '../../lib/model/input';

const SELF = { id: 'ext-id', origin: 'chrome-extension://ext-id/' };
const candidate = {
  kind: 'link',
  url: 'https://api.credly.com/v1/obi/v2/badge_assertions/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01',
  pageUrl: 'https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01',
  platform: 'credly',
};
const sighting = {
  kind: 'link',
  href: 'https://www.credly.com/badges/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01',
  label: 'Data',
};

describe('parseRequest', () => {
  it('accepts each message type in its exact shape', () => {
    expect(parseRequest({ type: 'candidates/report', reset: true, sightings: [sighting] }).ok).toBe(true);
    expect(
      parseRequest({
        type: 'candidates/report',
        reset: false,
        sightings: [
          { kind: 'link', href: 'https://x.example/b', listed: true, where: 'page text' },
          { kind: 'image', src: 'https://x.example/b.png', alt: 'Badge', inCredentialSection: true, linkHref: 'https://x.example/a' },
          { kind: 'json', text: '{"type":"VerifiableCredential"}' },
          { kind: 'jwt', text: 'eyJ.eyJ.x' },
        ],
      }).ok,
    ).toBe(true);
    expect(parseRequest({ type: 'tab/get', tabId: 3 }).ok).toBe(true);
    expect(parseRequest({ type: 'report/get', reportId: 'abc' }).ok).toBe(true);
    expect(
      parseRequest({ type: 'credential/verify', input: { kind: 'url', url: 'https://a.example/x.json' } }).ok,
    ).toBe(true);
    expect(
      parseRequest({
        type: 'credential/verify',
        input: { kind: 'bytes', base64: 'AAEC', name: 'b.png', mediaType: 'image/png' },
      }).ok,
    ).toBe(true);
    expect(parseRequest({ type: 'credential/verify', input: { kind: 'text', text: '{}' } }).ok).toBe(true);
  });

  it.each([
    null,
    'candidates/report',
    [],
    {},
    { type: 42 },
    { type: 'tab/get' },
    { type: 'tab/get', tabId: -1 },
    { type: 'tab/get', tabId: 1.5 },
    { type: 'tab/get', tabId: '1' },
    { type: 'tab/get', tabId: 1, extra: true },
    { type: 'report/get', reportId: '' },
    { type: 'report/get', reportId: 'x'.repeat(101) },
    { type: 'candidates/report', reset: 'yes', sightings: [] },
    { type: 'candidates/report', reset: false, candidates: [] },
    { type: 'candidates/report', reset: false, sightings: [{ ...sighting, kind: 'script' }] },
    { type: 'candidates/report', reset: false, sightings: [{ ...sighting, href: 42 }] },
    { type: 'candidates/report', reset: false, sightings: [{ ...sighting, href: 'x'.repeat(2049) }] },
    { type: 'candidates/report', reset: false, sightings: [{ ...sighting, label: 'x'.repeat(201) }] },
    { type: 'candidates/report', reset: false, sightings: [{ ...sighting, tabId: 9 }] },
    { type: 'candidates/report', reset: false, sightings: [{ ...sighting, explicit: 'yes' }] },
    { type: 'candidates/report', reset: false, sightings: [{ ...sighting, listed: false }] },
    { type: 'candidates/report', reset: false, sightings: [{ kind: 'image', src: 'https://x.example/b.png', linkHref: 1 }] },
    { type: 'candidates/report', reset: false, sightings: [{ kind: 'json', text: '' }] },
    { type: 'candidates/report', reset: false, sightings: [{ kind: 'jwt', text: 'x'.repeat(64 * 1024 + 1) }] },
    { type: 'candidates/report', reset: false, sightings: [{ kind: 'json', text: '{}', where: 'x' }] },
    { type: 'credential/verify', input: { kind: 'url', url: 'file:///etc/passwd' } },
    { type: 'credential/verify', input: { kind: 'bytes', base64: 42 } },
    { type: 'credential/verify', input: { kind: 'eval', code: '1' } },
  ])('refuses %j', (msg) => {
    const r = parseRequest(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toMatch(/^ERR_PROTO_(BAD_MESSAGE|UNKNOWN_TYPE)$/);
  });

  it('candidate/verify: a tabId and an optional http(s) candidate URL, nothing else', () => {
    expect(parseRequest({ type: 'candidate/verify', tabId: 4 })).toEqual({
      ok: true,
      msg: { type: 'candidate/verify', tabId: 4 },
    });
    expect(parseRequest({ type: 'candidate/verify', tabId: 4, url: candidate.url })).toEqual({
      ok: true,
      msg: { type: 'candidate/verify', tabId: 4, url: candidate.url },
    });
    for (const bad of [
      { type: 'candidate/verify' },
      { type: 'candidate/verify', tabId: -1 },
      { type: 'candidate/verify', tabId: '4' },
      { type: 'candidate/verify', tabId: 4, url: 'javascript:alert(1)' },
      { type: 'candidate/verify', tabId: 4, url: 42 },
      { type: 'candidate/verify', tabId: 4, url: `https://a.example/${'x'.repeat(2048)}` },
      { type: 'candidate/verify', tabId: 4, url: candidate.url, candidate },
    ]) {
      const r = parseRequest(bad);
      expect(r.ok, JSON.stringify(bad).slice(0, 80)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('ERR_PROTO_BAD_MESSAGE');
    }
  });

  it('refuses unknown types with ERR_PROTO_UNKNOWN_TYPE', () => {
    const r = parseRequest({ type: 'trust/refresh' });
    expect(r.ok === false && r.error.code).toBe('ERR_PROTO_UNKNOWN_TYPE');
  });

  it('bounds sizes with ERR_PROTO_TOO_LARGE', () => {
    const many = parseRequest({
      type: 'candidates/report',
      reset: false,
      sightings: Array(51).fill(sighting),
    });
    expect(many.ok === false && many.error.code).toBe('ERR_PROTO_TOO_LARGE');
    const big = 'A'.repeat(Math.ceil(LIMITS.maxInputBytes / 3) * 4 + 4);
    const file = parseRequest({ type: 'credential/verify', input: { kind: 'bytes', base64: big } });
    expect(file.ok === false && file.error.code).toBe('ERR_PROTO_TOO_LARGE');
  });
});

describe('classifySender and authorize', () => {
  const content = { id: 'ext-id', url: 'https://www.linkedin.com/in/x', tab: { id: 7 }, frameId: 0 };
  const subframe = { ...content, frameId: 3 };
  const popup = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' };
  const reportInTab = { id: 'ext-id', url: 'chrome-extension://ext-id/report.html?id=1', tab: { id: 9 } };
  const other = { id: 'other-ext', url: 'chrome-extension://other-ext/popup.html' };

  it('tells content scripts from extension pages by sender, not body', () => {
    expect(classifySender(content, SELF)).toEqual({
      kind: 'content',
      tabId: 7,
      frameId: 0,
      url: content.url,
    });
    expect(classifySender(popup, SELF)).toEqual({ kind: 'extension-page', url: popup.url });
    expect(classifySender(reportInTab, SELF).kind).toBe('extension-page');
    expect(classifySender(other, SELF).kind).toBe('unknown');
    expect(classifySender({ url: popup.url }, SELF).kind).toBe('unknown');
    expect(classifySender(undefined, SELF).kind).toBe('unknown');
    // A page cannot pass as our origin with a look-alike URL.
    expect(
      classifySender(
        { id: 'ext-id', url: 'https://chrome-extension.example/ext-id/', tab: { id: 1 }, frameId: 0 },
        SELF,
      ).kind,
    ).toBe('content');
  });

  it('lets content scripts only report candidates, from the top frame', () => {
    const c = classifySender(content, SELF);
    expect(authorize('candidates/report', c)).toBeNull();
    expect(authorize('candidates/report', classifySender(subframe, SELF))?.code).toBe('ERR_PROTO_FORBIDDEN');
    for (const t of ['tab/get', 'report/get', 'credential/verify', 'candidate/verify'] as const) {
      expect(authorize(t, c)?.code).toBe('ERR_PROTO_FORBIDDEN');
    }
  });

  it('lets extension pages read and verify, but not pose as a content script', () => {
    const p = classifySender(popup, SELF);
    for (const t of ['tab/get', 'report/get', 'credential/verify', 'candidate/verify'] as const)
      expect(authorize(t, p)).toBeNull();
    expect(authorize('candidates/report', p)?.code).toBe('ERR_PROTO_FORBIDDEN');
    expect(authorize('tab/get', classifySender(other, SELF))?.code).toBe('ERR_PROTO_FORBIDDEN');
  });

  it('recognises messages from our background in the content script', () => {
    expect(isFromBackground({ id: 'ext-id' }, 'ext-id')).toBe(true);
    expect(isFromBackground({ id: 'ext-id', tab: { id: 1 } }, 'ext-id')).toBe(false);
    expect(isFromBackground({ id: 'other' }, 'ext-id')).toBe(false);
  });
});

describe('marks/update guard', () => {
  it('accepts verdicts and pending only', () => {
    expect(
      parseMarksUpdate({ type: 'marks/update', marks: [{ url: 'https://a.example/x', state: 'revoked' }] })
        ?.marks,
    ).toHaveLength(1);
    expect(
      parseMarksUpdate({ type: 'marks/update', marks: [{ url: 'https://a.example/x', state: 'trusted!' }] }),
    ).toBeNull();
    expect(
      parseMarksUpdate({ type: 'marks/update', marks: [{ url: 'javascript:1', state: 'pending' }] }),
    ).toBeNull();
    expect(parseMarksUpdate({ type: 'other', marks: [] })).toBeNull();
  });
});

describe('envelope and base64', () => {
  it('reads replies defensively', () => {
    expect(readReply({ ok: true, value: 1 })).toEqual({ ok: true, value: 1 });
    expect(readReply({ ok: false, error: { code: 'ERR_PROTO_FORBIDDEN', message: 'no' } }).ok).toBe(false);
    expect(readReply(undefined)).toMatchObject({ ok: false, error: { code: 'ERR_PROTO_NO_REPLY' } });
    expect(readReply({ ok: false, error: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_PROTO_NO_REPLY' },
    });
  });

  it('round-trips bytes and refuses non-base64', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64('not base64!')).toBeNull();
    expect(decodeBase64('abc')).toBeNull();
  });
});
