import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { loggedIn, newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

/** Demo accounts: a resident of 瑞安 and a Ningbo company. */
const citizenId = '330382197811297469';
const enterpriseUscc = '91330212MAYR0A844E';

/** The results' rows, in rank order (not the name inside each). */
const results = (page: Page) => page.locator('[data-testid^="service-result-"]:not([data-testid="service-result-name"])');

async function firstNames(page: Page, n: number): Promise<string[]> {
  await results(page).first().waitFor();
  const names = await page.getByTestId('service-result-name').allTextContents();
  return names.slice(0, n);
}

describe('办事 in the Portal, in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a citizen on a phone asks 生孩子要办什么, finds a 出生 service in the first three and reads its guide: 免提交 materials and steps', async () => {
    const context = await newContext(fixture.browser, fixture.base, phone);
    expect((await context.request.post('/api/v1/auth/login', { data: { username: citizenId, password: demoPassword } })).status()).toBe(
      200,
    );
    const page = await context.newPage();
    await withScreenshot(page, 'services-citizen-phone', async () => {
      await page.goto('/m/portal');
      const box = page.getByTestId('portal-search').locator('input');
      await box.fill('生孩子要办什么');
      await box.press('Enter');
      await page.waitForURL(/\/m\/portal\/search\?q=/);
      const top = await firstNames(page, 3);
      const birth = top.findIndex((name) => /出生/.test(name));
      expect(birth, `first three: ${top.join(' | ')}`).toBeGreaterThanOrEqual(0);
      // the words that matched are marked in the names
      await expect(results(page).nth(birth).locator('mark').count()).resolves.toBeGreaterThan(0);

      await results(page).nth(birth).click();
      const guide = page.getByTestId('service-guide');
      await guide.waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/m\/portal\/services\/[0-9A-Z-]+$/);
      await expect(page.getByTestId('service-guide-name').textContent()).resolves.toBe(top[birth]);
      const exempt = page.getByTestId('service-material-exempt');
      expect(await exempt.count()).toBeGreaterThan(0);
      await expect(exempt.first().textContent()).resolves.toMatch(/免提交 · 由 浙江省.+「.+」共享数据提供/);
      await expect(page.getByTestId('service-steps').locator('.adm-step').count()).resolves.toBeGreaterThan(1);
      await expect(page.getByTestId('service-apply').isDisabled()).resolves.toBe(false);
    });
    await context.close();
  });

  it('an enterprise on a desktop asks 开饭店 and finds 食品经营许可（新办） in the first three; its theme lists it too', async () => {
    const { context, page } = await loggedIn(fixture, enterpriseUscc);
    await withScreenshot(page, 'services-enterprise-desktop', async () => {
      await page.goto('/portal');
      // the home's big search box (the header has one too)
      const box = page.getByTestId('portal-home').getByRole('searchbox');
      await box.fill('开饭店');
      await box.press('Enter');
      await page.waitForURL(/\/portal\/search\?q=/);
      const top = await firstNames(page, 3);
      expect(top, `first three: ${top.join(' | ')}`).toContain('食品经营许可（新办）');

      await results(page).nth(top.indexOf('食品经营许可（新办）')).click();
      await page.getByTestId('service-guide').waitFor();
      expect(await page.getByTestId('service-material-exempt').count()).toBeGreaterThan(0);
      await expect(page.getByTestId('service-steps').locator('.ant-steps-item').count()).resolves.toBeGreaterThan(1);
      await expect(page.getByTestId('service-apply').isDisabled()).resolves.toBe(false);

      // 企业开办和注销: the tile opens the theme's services
      await page.goto('/portal/services');
      await page.getByTestId('service-theme-startClose').click();
      await page.getByTestId('service-theme-list').waitFor();
      expect(new URL(page.url()).search).toBe('?theme=startClose');
      await expect.poll(async () => page.getByTestId('service-result-name').allTextContents()).toContain('食品经营许可（新办）');

      // nothing found: suggestions to try instead
      await page.goto('/portal/search?q=xyzzy');
      await page.getByTestId('service-search-empty').waitFor();
      await page.getByTestId('service-suggestions').getByText('开公司', { exact: true }).click();
      await expect.poll(async () => (await firstNames(page, 1))[0]).toBe('企业设立登记');
    });
    await context.close();
  });
});
