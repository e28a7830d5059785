import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoPassword, startTestNode, type TestNode } from '../server/src/testing/test-node.ts';

export const desktop = { viewport: { width: 1366, height: 850 } };
export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Debian's Chromium, driven by playwright-core: no browser download. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(
  browser: Browser,
  base: string,
  device: typeof desktop | typeof phone,
  locale = 'zh-CN',
): Promise<BrowserContext> {
  return browser.newContext({ ...device, baseURL: base, locale });
}

/** Runs a step; on failure keeps a screenshot in e2e/screenshots for the person reading CI. */
export async function withScreenshot<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    mkdirSync(new URL('./screenshots/', import.meta.url), { recursive: true });
    await page
      .screenshot({ path: new URL(`./screenshots/${name.replace(/[^\w-]+/g, '_')}.png`, import.meta.url).pathname, fullPage: true })
      .catch(() => undefined);
    throw error;
  }
}

export interface BrowserFixture {
  t: TestNode;
  base: string;
  browser: Browser;
}

/** A listening node on PGlite and a Chromium, for the tests of one describe block. */
export function useNodeAndBrowser(): BrowserFixture {
  const fixture = {} as BrowserFixture;
  beforeAll(async () => {
    fixture.t = await startTestNode('pglite');
    fixture.base = await fixture.t.listen();
    fixture.browser = await launchChromium();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.t?.close();
  });
  return fixture;
}

/** A desktop context already logged in through the API (the login page has its own tests). */
export async function loggedIn(
  fixture: BrowserFixture,
  username: string,
  password = demoPassword,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(fixture.browser, fixture.base, desktop);
  const response = await context.request.post('/api/v1/auth/login', { data: { username, password } });
  expect(response.status()).toBe(200);
  return { context, page: await context.newPage() };
}
