/**
 * Firefox harness: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (no
 * geckodriver, no browser download; Playwright cannot drive Debian's Firefox), with the built
 * extension (`.output/firefox-mv3`) installed unsigned, and the fixture web reached under its
 * real host names through a loopback CONNECT proxy (tests/fixture-web/proxy.mjs).
 *
 * What Firefox needs that Chromium does not (see ../shared/design/TESTING.md):
 *  - `--remote-allow-system-access`, or moz-extension:// pages cannot be opened;
 *  - the pref `extensions.webextensions.uuids`, which fixes the extension's internal UUID and so
 *    its origin;
 *  - extension pages never report "loaded" to WebDriver BiDi: navigate without waiting and wait
 *    for the page's own state instead (`openExtensionPage`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureWeb } from '../fixture-web/server.mjs';
import { startFixtureProxy, type FixtureProxy } from '../fixture-web/proxy.mjs';

export const FIREFOX_PATH = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
export const EXTENSION_DIR = resolve(process.env['CREDLENS_FIREFOX_EXTENSION'] ?? '.output/firefox-mv3');
export const GENERATED = resolve('tests/fixture-web/generated');
/** The extension's internal UUID in the test profile (any fixed v4 UUID). */
export const EXTENSION_UUID = '5c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
export const ORIGIN = `moz-extension://${EXTENSION_UUID}`;
const DUMPIO = process.env['FIREFOX_DUMPIO'] === '1';

/** The parts of puppeteer's BiDi objects the harness uses that its public types leave out. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
const bidi = (browser: Browser): BidiConnection =>
  (browser as unknown as { connection: BidiConnection }).connection;
const contextOf = (page: Page): string => (page.mainFrame() as unknown as { _id: string })._id;

export interface Firefox {
  browser: Browser;
  web: FixtureWeb;
  proxy: FixtureProxy;
  version: string;
  close(): Promise<void>;
}

/** The gecko id the built manifest declares (browser_specific_settings). */
function geckoId(): string {
  let manifest: { browser_specific_settings?: { gecko?: { id?: unknown } } };
  try {
    manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    throw new Error(`No built Firefox extension at ${EXTENSION_DIR}: run \`npm run build:ext\` first.`);
  }
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string')
    throw new Error('The Firefox manifest has no browser_specific_settings.gecko.id.');
  return id;
}

/** Starts the fixture web, its proxy, and a headless Firefox with the extension installed. */
export async function startFirefox(): Promise<Firefox> {
  const id = geckoId();
  const web = await startFixtureServer();
  const proxy = await startFixtureProxy(web.port);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      // The fixture web's certificate is self-signed (TEST ONLY); this covers the extension's own requests too.
      acceptInsecureCerts: true,
      defaultViewport: { width: 1100, height: 900 },
      args: ['--remote-allow-system-access'],
      // FIREFOX_DUMPIO=1: Firefox's output, with the browser console (extension errors, manifest warnings).
      dumpio: DUMPIO,
      extraPrefsFirefox: {
        ...(DUMPIO
          ? { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true }
          : {}),
        'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
        // Every request goes to the proxy, loopback names included; it tunnels fixture hosts only.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.no_proxies_on': '',
        'network.proxy.share_proxy_settings': false,
      },
    });
    const installed = await browser.installExtension(EXTENSION_DIR);
    if (installed !== id) throw new Error(`Installed ${installed}, expected ${id}.`);
    const version = await browser.version();
    const b = browser;
    return {
      browser: b,
      web,
      proxy,
      version,
      close: async () => {
        await b.close();
        await proxy.close();
        await web.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    await web.close();
    throw e;
  }
}

/** Polls `probe` until it returns a value that is not undefined (errors while a page loads count as not yet). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(
        `Timed out waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Opens an extension page (`path` like `popup.html?tab=3`) in a new tab. Firefox never reports
 * these navigations as loaded, so this waits for the document itself to be complete.
 */
export async function openExtensionPage(ff: Firefox, path: string): Promise<Page> {
  const page = await ff.browser.newPage();
  const url = `${ORIGIN}/${path}`;
  await bidi(ff.browser).send('browsingContext.navigate', { context: contextOf(page), url, wait: 'none' });
  await until(`${url} to load`, () =>
    page
      .evaluate((u) => location.href === u && document.readyState === 'complete', url)
      .then((ok) => (ok ? true : undefined)),
  );
  return page;
}

/** Opens a web page (the fixture web through the proxy) in a new tab. */
export async function openWebPage(ff: Firefox, url: string): Promise<Page> {
  const page = await ff.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * A tab whose URL starts with `prefix` and that is none of `seen` (e.g. a report the popup
 * opened). Puppeteer keeps `about:blank` as the URL of tabs that show extension pages (Firefox
 * sends no load event for them), so each tab is asked for its own location.
 */
export async function nextTab(
  ff: Firefox,
  prefix: string,
  seen: Page[] = [],
  timeoutMs = 20_000,
): Promise<Page> {
  return until(
    `a tab at ${prefix}…`,
    async () => {
      for (const page of await ff.browser.pages()) {
        if (seen.includes(page)) continue;
        const at = await page.evaluate(() => [location.href, document.readyState]).catch(() => ['', '']);
        if (at[0]?.startsWith(prefix) === true && at[1] === 'complete') return page;
      }
      return undefined;
    },
    timeoutMs,
  );
}

/** An attribute of the first element matching `selector`, or null (no element or no attribute). */
export function attr(page: Page, selector: string, name: string): Promise<string | null> {
  return page.evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, selector, name);
}

/** How many elements match `selector`. */
export function count(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => document.querySelectorAll(s).length, selector);
}

/** The text of the first element matching `selector` (whitespace collapsed), or null. */
export function text(page: Page, selector: string): Promise<string | null> {
  return page.evaluate(
    (s) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    selector,
  );
}

interface NodeValue {
  type: string;
  sharedId?: string;
  value?: { localName?: string; shadowRoot?: NodeValue | null; mode?: string };
}

/**
 * What each inline mark says, read from inside its CLOSED shadow root. Neither the page nor
 * puppeteer's selectors can see in; WebDriver BiDi serialises closed shadow roots when asked
 * (`includeShadowTree: 'all'`), and a shadow root's shared reference can be read from there.
 */
export async function markTexts(ff: Firefox, page: Page): Promise<string[]> {
  const conn = bidi(ff.browser);
  const target = { context: contextOf(page) };
  const marks = (await conn.send('script.callFunction', {
    functionDeclaration: '() => [...document.getElementsByTagName("credlens-mark")]',
    awaitPromise: false,
    target,
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
  })) as { result: { type: string; result?: { type: string; value?: NodeValue[] } } };
  if (marks.result.type !== 'success')
    throw new Error(`Reading the marks failed: ${JSON.stringify(marks.result)}`);
  const texts: string[] = [];
  for (const mark of marks.result.result?.value ?? []) {
    const root = mark.value?.shadowRoot;
    if (root?.sharedId === undefined) throw new Error('A mark without a shadow root');
    if (root.value?.mode !== 'closed')
      throw new Error(`A mark whose shadow root is ${root.value?.mode ?? '?'}`);
    const r = (await conn.send('script.callFunction', {
      functionDeclaration:
        '(root) => [...root.childNodes].filter((n) => n.localName !== "style").map((n) => n.textContent).join(" ")',
      awaitPromise: false,
      target,
      arguments: [{ sharedId: root.sharedId }],
    })) as { result: { type: string; result?: { type: string; value?: unknown } } };
    const value = r.result.result?.value;
    if (typeof value !== 'string') throw new Error(`Reading a mark failed: ${JSON.stringify(r.result)}`);
    texts.push(value.replace(/\s+/g, ' ').trim());
  }
  return texts;
}

/**
 * Drops a file on the report page's drop zone: a DragEvent whose DataTransfer holds the file's
 * bytes, as the browser builds it when a recruiter drags a file from their desktop.
 */
export async function dropFile(page: Page, bytes: Uint8Array, name: string, type: string): Promise<void> {
  await page.evaluate(
    (base64, n, t) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], n, { type: t }));
      const zone = document.querySelector('[data-testid="drop-zone"]');
      if (zone === null) throw new Error('no drop zone');
      for (const kind of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    Buffer.from(bytes).toString('base64'),
    name,
    type,
  );
}
