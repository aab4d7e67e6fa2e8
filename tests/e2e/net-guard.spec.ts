/**
 * Hostile networks (issue 15), in real Chromium with the built extension: no request the
 * extension makes reaches a loopback or private address at any hop, and the redirect limit
 * holds in the browser. A plain HTTP server on 127.0.0.1 stands in for a router in the
 * recruiter's network; a fixture host redirects the extension's fetch to it.
 */
import { createServer, type Server } from 'node:http';
import type { BrowserContext } from '@playwright/test';
import type { VerificationReport } from '../../lib/model/report';
import { expect, test } from './fixtures';

async function router(): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"rebooted": true}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return { server, port: typeof address === 'object' && address !== null ? address.port : 0, hits };
}

/** Verifies a URL through the extension, as the report page does (credential/verify). */
async function verifyUrl(
  context: BrowserContext,
  extensionId: string,
  url: string,
): Promise<VerificationReport> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/report.html`);
  const reply = await page.evaluate(
    (u) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'credential/verify', input: { kind: 'url', url: u } }),
    url,
  );
  await page.close();
  const value = (reply as { ok: boolean; value?: { report: VerificationReport } }).value;
  if (!value) throw new Error(`no report: ${JSON.stringify(reply)}`);
  return value.report;
}

test('a public address that redirects into the local network: blocked at that hop, never sent', async ({
  context,
  extensionId,
  serviceWorker,
  web,
}) => {
  // The worker installed its block rules (Chromium compiled every pattern).
  const rules = await serviceWorker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { declarativeNetRequest: { getDynamicRules(): Promise<unknown[]> } };
      }
    ).chrome.declarativeNetRequest.getDynamicRules(),
  );
  expect(rules).toHaveLength(4);
  const local = await router();
  try {
    web.redirect('https://example.org/ssrf/start', `http://127.0.0.1:${local.port}/router/reboot?confirm=1`);
    const report = await verifyUrl(context, extensionId, 'https://example.org/ssrf/start');
    // The fixture host answered with the redirect; the hop it names was never sent.
    expect(web.requests.some((r) => r.host === 'example.org' && r.path === '/ssrf/start')).toBe(true);
    expect(local.hits).toEqual([]);
    // The browser stopped the hop: to the verifier it is a failed fetch (the rule is the browser's).
    const contacted = report.contacted.find((c) => c.url === 'https://example.org/ssrf/start');
    expect(contacted?.error).toBe('ERR_NET_UNREACHABLE');
    expect(report.verdict).toBe('unverifiable');

    // A private address named directly, and through other spellings of loopback.
    for (const url of [
      `http://127.0.0.1:${local.port}/direct`,
      `http://0x7f.1:${local.port}/hex`,
      `http://localhost:${local.port}/name`,
    ]) {
      const r = await verifyUrl(context, extensionId, url);
      expect(r.verdict, url).toBe('unverifiable');
    }
    expect(local.hits).toEqual([]);

    // The fixture web's own host names still work (they resolve to 127.0.0.1 by the browser's rules).
    const served = 'https://api.credly.com/v1/obi/v2/badge_assertions/0b0f5d6e-1c2a-4e3b-9f4d-5a6b7c8d9e01';
    const fine = await verifyUrl(context, extensionId, served);
    expect(fine.contacted.find((c) => c.url === served)?.error).toBeUndefined();
  } finally {
    local.server.close();
  }
});
