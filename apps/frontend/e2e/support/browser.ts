import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium, headless, with nothing reaching out to Google services. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Playwright gives every launch its own fresh temporary --user-data-dir and adds --headless. */
export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });

export const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));

/**
 * One user's walk through the app in one viewport: a fresh browser context (its own cookies),
 * a screenshot per step, and an axe-core check of every page it stops on.
 */
export class Journey {
  private step = 0;
  readonly consoleErrors: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly name: string,
    readonly viewport: ViewportName,
  ) {
    page.on('console', (msg) => {
      // A 4xx the app handles (the session probe's 401 before sign-in) is logged by the browser
      // as "Failed to load resource"; server failures are caught from the responses below.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) this.consoleErrors.push(msg.text());
    });
    page.on('response', (res) => {
      if (res.status() >= 500) this.consoleErrors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`pageerror: ${error.message}`));
  }

  static async start(browser: Browser, name: string, viewport: ViewportName): Promise<Journey> {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const context = await browser.newContext({ ...VIEWPORTS[viewport], reducedMotion: 'reduce' });
    // Generous: the suite shares two cores with the three services and other suites.
    context.setDefaultTimeout(30_000);
    return new Journey(context, await context.newPage(), name, viewport);
  }

  /**
   * Screenshot, then: the page is no wider than the screen (a wide table scrolls inside its own
   * box), the tab names the page, and axe-core finds no serious or critical violation.
   */
  async checkpoint(label: string): Promise<void> {
    this.step += 1;
    const file = `${OUTPUT_DIR}${this.name}-${this.viewport}-${String(this.step).padStart(2, '0')}-${label}.png`;
    await this.page.screenshot({ path: file, fullPage: true });
    // Against the configured width: a phone's layout viewport grows to fit what overflows it.
    const screenWidth = VIEWPORTS[this.viewport].viewport.width;
    const { pageWidth, title } = await this.page.evaluate(() => ({
      pageWidth: document.documentElement.scrollWidth,
      title: document.title,
    }));
    if (pageWidth > screenWidth)
      throw new Error(`"${label}" (${this.viewport}) is ${pageWidth} px wide on a ${screenWidth} px screen: something overflows the page`);
    if (!/^.+ · PatientInsight$/.test(title))
      throw new Error(`"${label}" (${this.viewport}) has the document title "${title}", which does not name the page`);
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length > 0) {
      const summary = bad
        .map(
          (v) =>
            `${v.impact} ${v.id}: ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
        )
        .join('\n');
      throw new Error(`axe found ${bad.length} serious/critical violation(s) on "${label}" (${this.viewport}):\n${summary}`);
    }
  }

  async close(): Promise<void> {
    // Leaving the page hides it, which is when web-vitals sends its final LCP, INP and CLS.
    await this.page.goto('about:blank').catch(() => undefined);
    await this.context.close();
  }
}
