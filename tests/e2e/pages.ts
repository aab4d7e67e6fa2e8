/** One page object per surface: the profile page (with inline marks), the popup, the report page. */
import { expect, type BrowserContext, type Locator, type Page, type Worker } from '@playwright/test';

/** The LinkedIn-style profile in the fixture web. */
export class ProfilePage {
  constructor(readonly page: Page) {}

  marks(): Locator {
    return this.page.locator('credlens-mark');
  }

  /**
   * Texts inside the marks' CLOSED shadow roots. Page scripts (and Playwright's selectors)
   * cannot see them; the DevTools protocol with `pierce` can.
   */
  async markTexts(): Promise<string[]> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
      const texts: string[] = [];
      const walk = (n: DomNode, inMark: boolean): string => {
        const own = n.nodeType === 3 ? (n.nodeValue ?? '') : '';
        const kids = [...(n.shadowRoots ?? []), ...(n.children ?? [])];
        const isMark = n.localName === 'credlens-mark';
        const inner = own + kids.map((k) => walk(k, inMark || isMark)).join('');
        if (isMark) texts.push(inner.replace(/\s+/g, ' ').trim());
        return n.localName === 'style' ? '' : inner;
      };
      walk(root, false);
      return texts;
    } finally {
      await cdp.detach();
    }
  }

  /** The tab id the extension knows this page by (asked from the service worker). */
  async tabId(worker: Worker): Promise<number> {
    const url = this.page.url();
    const id = await worker.evaluate(async (u) => {
      const tabs = await (globalThis as unknown as WorkerGlobals).chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? -1;
    }, url);
    expect(id).toBeGreaterThanOrEqual(0);
    return id;
  }
}

interface DomNode {
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** The options page: trust sources (status, refresh, on/off), privacy switches, own lists. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return new OptionsPage(page);
  }

  source(id: string): Locator {
    return this.page.locator(`[data-testid="source-row"][data-source-id="${id}"]`);
  }

  /** Refreshes one source now and waits until it has data (status fresh). */
  async refreshSource(id: string): Promise<void> {
    await this.source(id).getByTestId('source-refresh').click();
    await expect(this.source(id)).toHaveAttribute('data-status', 'fresh', { timeout: 30_000 });
  }
}

/** The popup, opened as a page with `?tab=` (a real popup cannot be opened by tests). */
export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string, tabId: number): Promise<PopupPage> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 404, height: 600 });
    await page.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    return new PopupPage(page);
  }

  rows(): Locator {
    return this.page.getByTestId('credential-row');
  }

  row(candidateUrl: string): Locator {
    return this.page.locator(`[data-testid="credential-row"][data-url="${candidateUrl}"]`);
  }

  async waitUntilChecked(): Promise<void> {
    await expect(this.page.locator('[data-testid="verdict"][data-verdict="pending"]')).toHaveCount(0, {
      timeout: 45_000,
    });
  }
}

/** The full report page. */
export class ReportPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<ReportPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/report.html`);
    return new ReportPage(page);
  }

  verdict(): Locator {
    return this.page.getByTestId('report-verdict');
  }

  element(key: string): Locator {
    return this.page.locator(`[data-testid="element-row"][data-key="${key}"]`);
  }

  async verifyFile(path: string): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(path);
  }
}

/** The few extension APIs tests call inside the service worker (`serviceWorker.evaluate`). */
export interface WorkerGlobals {
  chrome: {
    tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
    action: { getBadgeText(d: { tabId: number }): Promise<string> };
    storage: { local: { set(items: object): Promise<void> } };
  };
}

/**
 * The profile summary's count cards, one per headline, agree with its rows (each row carries its
 * report's headline): every row is counted once, under the headline it shows.
 */
export async function expectCountsMatchRows(summary: Page): Promise<Map<string, number>> {
  const rows = await summary.getByTestId('summary-row').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-headline') ?? ''),
  );
  const counts = new Map<string, number>();
  for (const h of rows) counts.set(h, (counts.get(h) ?? 0) + 1);
  await expect(summary.getByTestId('summary-count')).toHaveCount(counts.size);
  for (const [headline, n] of counts)
    await expect(summary.locator(`[data-testid="summary-count"][data-headline="${headline}"] .card__num`)).toHaveText(
      String(n),
    );
  return counts;
}

/** Elements wider than the viewport (and the page's own horizontal overflow), as short descriptions. */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width + 1)
      out.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 1 || r.left < -1)
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}] ${(el.textContent ?? '').slice(0, 40)}`,
        );
    }
    return out.slice(0, 10);
  });
}
