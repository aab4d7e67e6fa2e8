/**
 * Accessibility and layout of every extension page, in real Chromium, on a realistic state: the
 * recruiter profile verified (the popup lists credentials with several different headlines), the
 * report of a verified credential whose issuer is not on the user's lists, of a revoked and of a
 * tampered (invalid) one, the tab's profile summary, the options page, the empty checker and the
 * sealed EDC report.
 *
 * 1. axe-core (4.11, the devDependency) runs on each page; a violation of impact serious or
 *    critical fails, naming the rule, the elements and axe's help. Extension pages have a CSP
 *    (script-src 'self'), which blocks Playwright's addScriptTag (an inline script); the source is
 *    evaluated through the DevTools protocol instead (page.evaluate), which page CSP does not govern.
 * 2. Nothing is wider than the viewport at 360 px and 1280 px (report, summary, options), nor than
 *    the popup's own width.
 * 3. Keyboard only: Tab reaches each popup row's link and Enter opens its report; on the report the
 *    e-mail field and its button are reached by Tab and work with Enter; folded source paths open
 *    with Enter and Space; Tab goes round every page and out again (no keyboard trap), Shift+Tab back.
 * 4. Verdict pills carry a word and an icon, and different headlines differ in words, not only colour.
 * Screenshots: tests/e2e/screenshots/a11y-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { PROFILE_URL } from '../fixture-web/server.mjs';
import { GENERATED, SCREENSHOTS, expect, test } from './fixtures';
import { OptionsPage, overflowing, PopupPage, ProfilePage, ReportPage } from './pages';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const EDC_SAMPLE = resolve(
  '../shared/vectors/ec-european-learning-model/Credentials/JSON-LD Examples (ELM v3)/Sample-MC-Annex1-signed.jsonld',
);

interface Scenario {
  endpoint?: string;
  url?: string;
  verdict: string;
}
const expected = JSON.parse(readFileSync(join(GENERATED, 'expected.json'), 'utf8')) as Record<
  string,
  Scenario
>;
const target = (name: string): string => {
  const s = expected[name];
  if (s === undefined) throw new Error(`no scenario ${name}`);
  return s.endpoint ?? s.url ?? '';
};
const ON_PROFILE = ['credly-valid', 'credly-revoked', 'credly-tampered', 'badgr-valid', 'baked-valid'];

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

// ---------------------------------------------------------------------------------------------
// axe-core

interface Violation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe-core on the page as it is now: every violation, whatever its impact, and the ids of the
 * rules axe could not decide alone (`incomplete`, for a person to look at; not failures).
 */
async function axe(page: Page): Promise<{ violations: Violation[]; review: string[] }> {
  // addScriptTag is refused by the extension pages' CSP (script-src 'self'); CDP evaluation is not.
  if ((await page.evaluate(() => typeof (window as { axe?: unknown }).axe)) !== 'object')
    await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe;
    const r = await run.run(document, { resultTypes: ['violations'] });
    return {
      review: r.incomplete.map((v) => v.id),
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
          summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
        })),
      })),
    };
  });
}

function describe(vs: Violation[]): string {
  return vs
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${n.target} — ${n.summary}`).join('\n'),
    )
    .join('\n');
}

/** Fails (softly, so every page is checked in one run) on serious and critical violations; logs all. */
async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const { violations: all, review } = await axe(page);
  const line = all.map((v) => `${v.id}(${v.impact})×${v.nodes.length}`).join(', ');
  console.log(
    `axe ${name}: ${all.length === 0 ? 'no violations' : line}` +
      (review.length > 0 ? `; for a person to review: ${review.join(', ')}` : ''),
  );
  const bad = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect.soft(bad, `axe on ${name}: serious/critical violations\n${describe(bad)}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Pages and state

async function verifiedProfile(
  context: BrowserContext,
  worker: Worker,
  extensionId: string,
): Promise<{ tabId: number; popup: PopupPage }> {
  const page = await context.newPage();
  await page.goto(PROFILE_URL);
  const profile = new ProfilePage(page);
  await expect(profile.marks()).toHaveCount(ON_PROFILE.length);
  const tabId = await profile.tabId(worker);
  const popup = await PopupPage.open(context, extensionId, tabId);
  await expect(popup.rows()).toHaveCount(ON_PROFILE.length);
  await popup.waitUntilChecked();
  // The levels come from the full reports, read after the list: wait until each row shows them.
  await expect(popup.page.getByTestId('row-levels')).toHaveCount(ON_PROFILE.length);
  for (const name of ON_PROFILE)
    await expect(popup.row(target(name)).getByTestId('verdict'), name).toHaveAttribute(
      'data-verdict',
      expected[name]?.verdict ?? '',
    );
  return { tabId, popup };
}

async function openReportFrom(popup: PopupPage, name: string): Promise<Page> {
  const [report] = await Promise.all([
    popup.page.context().waitForEvent('page'),
    popup.row(target(name)).getByRole('link').click(),
  ]);
  await expect(report.getByTestId('report-verdict')).toHaveAttribute(
    'data-verdict',
    expected[name]?.verdict ?? '',
  );
  await expect(
    report.getByTestId('elements-table').or(report.getByText('No standard elements')),
  ).toBeVisible();
  return report;
}

async function openSummary(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const summary = await context.newPage();
  await summary.goto(`chrome-extension://${extensionId}/summary.html?tab=${tabId}`);
  await expect(summary.getByTestId('summary-row')).toHaveCount(ON_PROFILE.length, { timeout: 30_000 });
  return summary;
}

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await OptionsPage.open(context, extensionId);
  await expect(options.page.getByTestId('source-row')).toHaveCount(6);
  return options.page;
}

/** No element wider than the viewport at 1280 px and at 360 px. */
async function expectNoOverflow(page: Page, name: string): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    expect.soft(await overflowing(page), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `a11y-${name}-${width}.png`), fullPage: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Verdict pills

/**
 * Every pill has a visible word and a visible icon, and the words tell different headlines apart
 * (so a reader who cannot tell the colours apart still can). Returns how many pills were checked.
 */
async function expectPillsSayIt(page: Page, name: string): Promise<number> {
  const pills = await page
    .locator('.verdict, [data-testid="verdict"], [data-testid="report-verdict"]')
    .evaluateAll((els) =>
      els.map((el) => {
        const label = el.querySelector<HTMLElement>('.verdict__label');
        const icon = el.querySelector<HTMLElement>('.verdict__icon');
        const shown = (e: HTMLElement | null) => {
          if (e === null) return false;
          const r = e.getBoundingClientRect();
          const s = getComputedStyle(e);
          return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.opacity !== '0';
        };
        return {
          headline: el.getAttribute('data-headline') ?? '',
          testId: el.getAttribute('data-testid') ?? '',
          label: label?.innerText.trim() ?? '',
          labelShown: shown(label),
          icon: icon?.innerText.trim() ?? '',
          iconShown: shown(icon),
        };
      }),
    );
  for (const p of pills) {
    const what = `${name}: pill ${p.testId || '.verdict'} (${p.headline})`;
    expect.soft(p.label, `${what} has a word`).not.toBe('');
    expect.soft(p.labelShown, `${what}: the word is visible`).toBe(true);
    expect.soft(p.icon, `${what} has an icon`).not.toBe('');
    expect.soft(p.iconShown, `${what}: the icon is visible`).toBe(true);
  }
  const wordOf = new Map<string, Set<string>>();
  for (const p of pills) wordOf.set(p.headline, (wordOf.get(p.headline) ?? new Set()).add(p.label));
  const headlinesOfWord = new Map<string, string[]>();
  for (const [h, ws] of wordOf)
    for (const w of ws) headlinesOfWord.set(w, [...(headlinesOfWord.get(w) ?? []), h]);
  for (const [w, hs] of headlinesOfWord)
    expect.soft(hs, `${name}: the word "${w}" names one headline`).toHaveLength(1);
  return pills.length;
}

// ---------------------------------------------------------------------------------------------
// Keyboard

/** Presses Tab until the focused element matches `selector`; false after `max` presses. */
async function tabTo(page: Page, selector: string, max = 120, key = 'Tab'): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((s) => document.activeElement?.matches(s) === true, selector)) return true;
  }
  return false;
}

/** A name for the focused element, stable for the page's life (a WeakMap, no DOM change). */
function focusedKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const w = window as unknown as { __kb?: WeakMap<Element, number>; __kbNext?: number };
    const el = document.activeElement;
    if (el === null || el === document.body || el === document.documentElement) return 'BODY';
    w.__kb ??= new WeakMap();
    let id = w.__kb.get(el);
    if (id === undefined) {
      id = w.__kbNext = (w.__kbNext ?? 0) + 1;
      w.__kb.set(el, id);
    }
    return `${id}:${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`;
  });
}

/** The focusable controls a keyboard user should reach on the page as it stands. */
function tabbableCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Array.from(
        document.querySelectorAll<HTMLElement>(
          'a[href], button, input, select, textarea, details > summary:first-of-type, [tabindex]',
        ),
      ).filter(
        (el) =>
          el.tabIndex >= 0 &&
          !(el as HTMLButtonElement).disabled &&
          !el.closest('[inert]') &&
          el.getClientRects().length > 0 &&
          getComputedStyle(el).visibility === 'visible',
      ).length,
  );
}

/**
 * No keyboard trap: Tab goes from control to control round the whole page and comes back to where
 * it started (every focusable control on the way, none twice); Shift+Tab walks the same round back.
 */
async function expectNoKeyboardTrap(page: Page, name: string): Promise<void> {
  const expectedCount = await tabbableCount(page);
  expect(expectedCount, `${name}: focusable controls`).toBeGreaterThan(0);
  const round: string[] = [];
  let closed = false;
  for (let i = 0; i < expectedCount * 2 + 6; i++) {
    await page.keyboard.press('Tab');
    const k = await focusedKey(page);
    if (k === 'BODY') continue; // between the last control and the first (focus left the page)
    if (round.includes(k)) {
      expect(
        k,
        `${name}: Tab comes round to where it started, not into a smaller loop (${round.join(' ')})`,
      ).toBe(round[0]);
      closed = true;
      break;
    }
    round.push(k);
  }
  expect(closed, `${name}: Tab comes round (${round.join(' ')})`).toBe(true);
  expect(round.length, `${name}: Tab reaches every focusable control (${round.join(' ')})`).toBe(
    expectedCount,
  );
  // Focus is on round[0] again; Shift+Tab walks the round backwards.
  const back: string[] = [];
  for (let i = 0; i < expectedCount * 2 + 6 && back.length < round.length; i++) {
    await page.keyboard.press('Shift+Tab');
    const k = await focusedKey(page);
    if (k !== 'BODY') back.push(k);
  }
  expect(back, `${name}: Shift+Tab walks back`).toEqual([...round.slice(1).reverse(), round[0]]);
}

// ---------------------------------------------------------------------------------------------

test('axe-core finds nothing serious; verdicts in words and icons; nothing overflows at 360 and 1280 px', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const { tabId, popup } = await verifiedProfile(context, serviceWorker, extensionId);
  const headlines = await popup.page
    .getByTestId('verdict')
    .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-headline')))]);
  expect(headlines.length, `popup headlines: ${headlines.join(', ')}`).toBeGreaterThanOrEqual(3);

  await expectNoSeriousViolations(popup.page, 'popup');
  // The popup scrolls inside its own box; axe cannot judge the contrast of what is scrolled out of
  // view (it reports it as "incomplete"), so the end of the list is checked once scrolled to.
  await popup.page.locator('.popup').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expectNoSeriousViolations(popup.page, 'popup (scrolled to the end)');
  expect(await expectPillsSayIt(popup.page, 'popup')).toBe(ON_PROFILE.length);
  expect.soft(await overflowing(popup.page), 'popup at its own width').toEqual([]);
  await popup.page.screenshot({ path: join(SCREENSHOTS, 'a11y-popup.png'), fullPage: true });

  for (const name of ['credly-valid', 'credly-revoked', 'credly-tampered']) {
    const report = await openReportFrom(popup, name);
    await report.setViewportSize({ width: 1280, height: 900 });
    await expectNoSeriousViolations(report, `report (${name})`);
    expect(await expectPillsSayIt(report, `report (${name})`)).toBeGreaterThanOrEqual(1);
    await expectNoOverflow(report, `report-${name}`);
    await report.close();
  }

  const summary = await openSummary(context, extensionId, tabId);
  await summary.setViewportSize({ width: 1280, height: 900 });
  await expectNoSeriousViolations(summary, 'summary');
  // One pill per row and one per count card.
  expect(await expectPillsSayIt(summary, 'summary')).toBeGreaterThanOrEqual(
    ON_PROFILE.length + headlines.length,
  );
  await expectNoOverflow(summary, 'summary');

  const options = await openOptions(context, extensionId);
  await options.setViewportSize({ width: 1280, height: 900 });
  await expectNoSeriousViolations(options, 'options');
  await expectNoOverflow(options, 'options');
});

test('the checker page, empty and with the sealed EDC: axe-core, pills, overflow', async ({
  context,
  extensionId,
}) => {
  const report = await ReportPage.open(context, extensionId);
  await report.page.setViewportSize({ width: 1280, height: 900 });
  await expect(report.page.getByTestId('drop-zone')).toBeVisible();
  await expectNoSeriousViolations(report.page, 'report (empty checker)');
  await expectNoOverflow(report.page, 'report-empty');

  await report.page.setViewportSize({ width: 1280, height: 900 });
  await report.verifyFile(EDC_SAMPLE);
  await expect(report.verdict()).toHaveAttribute('data-verdict', /.+/, { timeout: 30_000 });
  await expect(report.page.getByTestId('part').first()).toBeVisible();
  await expectNoSeriousViolations(report.page, 'report (EDC file)');
  expect(await expectPillsSayIt(report.page, 'report (EDC file)')).toBe(1);
  await expectNoOverflow(report.page, 'report-edc');
});

test('keyboard only: popup rows open reports with Enter; e-mail check and source paths by keyboard; no trap', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const { tabId, popup } = await verifiedProfile(context, serviceWorker, extensionId);
  const page = popup.page;

  // Tab from the top reaches every row's link.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Set<string>();
  for (let i = 0; i < 40 && reached.size < ON_PROFILE.length; i++) {
    await page.keyboard.press('Tab');
    const url = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.matches('[data-testid="credential-row"] > a[href]') === true
        ? (el.closest('[data-testid="credential-row"]')?.getAttribute('data-url') ?? null)
        : null;
    });
    if (url !== null) reached.add(url);
  }
  expect([...reached].sort()).toEqual(ON_PROFILE.map(target).sort());
  await expectNoKeyboardTrap(page, 'popup');

  // Enter on a row's link opens that credential's report (here the revoked one, then the valid one).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(
    await tabTo(page, `[data-testid="credential-row"][data-url="${target('credly-revoked')}"] > a`),
  ).toBe(true);
  const [revoked] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await expect(revoked.getByTestId('report-verdict')).toHaveAttribute('data-verdict', 'revoked');
  await revoked.close();

  await page.bringToFront();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await tabTo(page, `[data-testid="credential-row"][data-url="${target('credly-valid')}"] > a`)).toBe(
    true,
  );
  const [report] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await expect(report.getByTestId('report-verdict')).toHaveAttribute('data-verdict', 'verified-untrusted');
  await expect(report.getByTestId('elements-table')).toBeVisible();
  await report.setViewportSize({ width: 1280, height: 900 });

  // The e-mail field and its button, by Tab; Enter in the field and on the button.
  const recipient = report.locator('[data-testid="check-row"][data-check-id="recipient.match"]');
  await expect(recipient).toHaveAttribute('data-status', 'skipped');
  expect(await tabTo(report, '[data-testid="report-email"]'), 'Tab reaches the e-mail field').toBe(true);
  await report.keyboard.type('not-an-address');
  await report.keyboard.press('Enter');
  await expect(report.getByTestId('report-email-status')).toContainText('Enter an e-mail address');
  await report.keyboard.press('ControlOrMeta+A');
  await report.keyboard.type('jane.doe@example.com');
  await report.keyboard.press('Tab');
  expect(
    await report.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'Tab goes from the field to its button',
  ).toBe('report-email-check');
  await report.keyboard.press('Enter');
  await expect(recipient).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  await expect(report.getByTestId('report-email-status')).toContainText('jane.doe@example.com');

  // Folded source paths: Enter opens one, Space the next.
  const sources = report.getByTestId('element-source');
  expect(await sources.count()).toBeGreaterThanOrEqual(2);
  await expect(sources.nth(0).locator('code').first()).toBeHidden();
  await report.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await tabTo(report, '[data-testid="element-source"] > summary')).toBe(true);
  const first = await report.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="element-source"] > summary')).indexOf(
      document.activeElement as Element,
    ),
  );
  await report.keyboard.press('Enter');
  await expect(sources.nth(first)).toHaveAttribute('open', '');
  await expect(sources.nth(first).locator('code').first()).toBeVisible();
  expect(await tabTo(report, '[data-testid="element-source"]:not([open]) > summary')).toBe(true);
  const second = await report.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="element-source"] > summary')).indexOf(
      document.activeElement as Element,
    ),
  );
  await report.keyboard.press('Space');
  await expect(sources.nth(second)).toHaveAttribute('open', '');
  await expect(sources.nth(second).locator('code').first()).toBeVisible();
  // And Enter folds it again.
  await report.keyboard.press('Enter');
  await expect(sources.nth(second)).not.toHaveAttribute('open', '');
  await report.screenshot({ path: join(SCREENSHOTS, 'a11y-report-keyboard.png'), fullPage: true });

  await expectNoKeyboardTrap(report, 'report');

  const summary = await openSummary(context, extensionId, tabId);
  await expectNoKeyboardTrap(summary, 'summary');
  const options = await openOptions(context, extensionId);
  await expectNoKeyboardTrap(options, 'options');
});
