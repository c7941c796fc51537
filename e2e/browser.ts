import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

export const baseURL = () => inject('baseURL');
export const SCREENS = path.resolve('test-results/screens');
export const DEMO_PASSWORD = 'Guanjia@2026';

export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 375, height: 812 } as const;
export type Viewport = { width: number; height: number };

/** Debian's Chromium, headless, with the flags this closed network needs. Never a downloaded browser. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// ---------------------------------------------------------------------------------------------
// Problems any page reports: console errors, uncaught exceptions, Content-Security-Policy
// violations. `useBrowser()` fails the test during which one happened.

const problems: string[] = [];

/** An API answering 4xx is an expected outcome the UI handles (wrong password, 401 before sign-in…). */
const isHandledApiAnswer = (text: string, url: string) =>
  /^Failed to load resource: the server responded with a status of 4\d\d/.test(text) && new URL(url, 'http://x').pathname.startsWith('/api/');

function watch(page: Page): void {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url ?? '';
    if (isHandledApiAnswer(msg.text(), url)) return;
    problems.push(`console error on ${page.url()}: ${msg.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught on ${page.url()}: ${e.message}`));
}

/** Drains what was reported since the last call. */
export const takeProblems = (): string[] => problems.splice(0);

/**
 * One browser for a test file, and after every test: no console error, no uncaught exception,
 * no CSP violation (the server sends script-src 'self', style-src 'self' 'unsafe-inline', …).
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    signedInContexts.clear();
    await browser?.close();
  });
  afterEach(() => {
    expect(takeProblems(), 'console errors, uncaught exceptions or CSP violations').toEqual([]);
  });
  return () => {
    if (!browser) throw new Error('browser not launched');
    return browser;
  };
}

async function preparePage(context: BrowserContext, viewport: Viewport): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(15_000);
  watch(page);
  return page;
}

/** A fresh browser context (its own cookies and storage) with one page. Close it with `done(page)`. */
export async function newPage(browser: Browser, viewport: Viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Chromium logs CSP violations as console errors too; this names the directive for certain.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return preparePage(context, viewport);
}

/** Closes a page, and its context unless it is a signed-in user's kept for the next test. */
export async function done(page: Page): Promise<void> {
  const context = page.context();
  await page.close();
  if (![...signedInContexts.values()].includes(context)) await context.close();
}

// ---------------------------------------------------------------------------------------------
// Signing in

/** Fills the sign-in form and waits for the first page behind it (home, or the `redirect` target). */
export async function fillSignIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in through the form, as a person would, and waits for the signed-in home page. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseURL()}/login`);
  await fillSignIn(page, username, password);
  await pageReady(page, 'home');
}

// The sign-in endpoint allows 10 attempts a minute per user: each user signs in through the form
// once per test file; later tests open a new page in that user's browser context (same session
// cookie, warm cache), like a second tab.
const signedInContexts = new Map<string, BrowserContext>();

/** A page signed in as `username` (through the form the first time), showing `start` (home by default). */
export async function signedIn(
  browser: Browser,
  username: string,
  viewport: Viewport = DESKTOP,
  start: { path: string; id: string } = { path: '/', id: 'home' },
): Promise<Page> {
  const context = signedInContexts.get(username);
  if (context) {
    const page = await preparePage(context, viewport);
    await open(page, start.path, start.id);
    return page;
  }
  const page = await newPage(browser, viewport);
  await login(page, username);
  signedInContexts.set(username, page.context());
  if (start.path !== '/') await open(page, start.path, start.id);
  return page;
}

// ---------------------------------------------------------------------------------------------
// Waiting for real content

/**
 * Waits until the page `id` (its `data-testid="page-<id>"`, rendered by the lazily loaded page
 * itself) is shown and nothing on it is still loading (no spinner, no skeleton).
 */
export async function pageReady(page: Page, id: string): Promise<void> {
  await page.getByTestId(`page-${id}`).waitFor();
  await expect
    .poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active, [role="progressbar"][aria-busy="true"]').count(), { timeout: 15_000 })
    .toBe(0);
}

/** Goes to `path` and waits for its page. */
export async function open(page: Page, pathname: string, id: string): Promise<void> {
  await page.goto(`${baseURL()}${pathname}`);
  await pageReady(page, id);
}

/**
 * Chooses the option titled `label` in an Ant Design select and waits until the select shows it.
 * A click can land on a neighbour when the list scrolls under the pointer (a value that changes
 * while the dropdown opens re-scrolls it), so the choice is retried until it reads right.
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await expect.poll(async () => {
    if (!(await select.innerText()).includes(label)) {
      if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).first().click({ timeout: 10_000 }).catch(() => undefined);
    }
    return (await select.innerText()).includes(label);
  }, { timeout: 45_000, interval: 1000 }).toBe(true);
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The visible text of the page's title. */
export const pageTitle = async (page: Page): Promise<string> => (await page.getByTestId('page-title').innerText()).trim();

/** The main menu's items as a person sees them (closed groups' items are not visible). */
export async function menuItems(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await menu.getByRole('menuitem').first().waitFor();
  return (await menu.getByRole('menuitem').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/** How far the page scrolls sideways (0: it fits the screen). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENS, { recursive: true });
  const file = path.join(SCREENS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
  return file;
}
