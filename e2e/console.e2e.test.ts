import { describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../server/src/platform/identity/index.ts';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { desktop, loggedIn, newContext, useNodeAndBrowser, withScreenshot } from './browser.ts';

describe('Console and Workbench in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('lets an admin create a citizen account — refusing a wrong 身份证号 first — and reset its password', async () => {
    const { context, page } = await loggedIn(fixture, 'admin');
    const first17 = '33010620010415231';
    const idNumber = first17 + residentIdCheckDigit(first17);
    const wrong = first17 + (residentIdCheckDigit(first17) === '3' ? '4' : '3');
    await withScreenshot(page, 'console-create-citizen', async () => {
      await page.goto('/console/accounts');
      await page.getByTestId('create-account').click();
      await page.getByTestId('account-kind-citizen').click();
      await page.getByTestId('account-id-number').fill(wrong);
      await page.getByTestId('account-display-name').last().fill('周小云');
      await page.getByTestId('account-password').fill('Passw0rd!');
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /新\s*建/ })
        .click();
      await page
        .getByText(/身份证号.*(无效|有误|不正确|校验)/)
        .first()
        .waitFor();
      await page.getByTestId('account-id-number').fill(idNumber);
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /新\s*建/ })
        .click();
      await page.getByTestId('account-form').waitFor({ state: 'detached' });
    });
    expect(
      (await fixture.t.request('POST', '/api/v1/auth/login', { body: { username: idNumber, password: 'Passw0rd!' } })).statusCode,
    ).toBe(200);

    await withScreenshot(page, 'console-reset-password', async () => {
      await page.getByTestId('account-search').locator('input').or(page.getByTestId('account-search')).first().fill('周小云');
      await page.keyboard.press('Enter');
      const id = (
        await fixture.t.request('GET', `/api/v1/accounts?q=${encodeURIComponent('周小云')}`, { as: await fixture.t.login('admin') })
      ).json().items[0].id;
      await page.getByTestId(`reset-${id}`).click();
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      const temporary = (await page.getByTestId('temp-password').textContent())!.trim();
      expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);
      expect(
        (await fixture.t.request('POST', '/api/v1/auth/login', { body: { username: idNumber, password: temporary } })).statusCode,
      ).toBe(200);
    });
    await context.close();
  });

  it('verifies the audit chain from the Console', async () => {
    const { context, page } = await loggedIn(fixture, 'zj.auditor');
    await withScreenshot(page, 'console-audit-verify', async () => {
      await page.goto('/console/audit');
      await page.getByTestId('audit-table').waitFor();
      await page.getByTestId('audit-verify').click();
      const result = page.getByTestId('audit-verify-result');
      await result.waitFor();
      expect(await result.getAttribute('data-ok')).toBe('true');
      expect(await result.textContent()).toContain('OK');
    });
    await context.close();
  });

  it('keeps a county officer out of the Console', async () => {
    const { context, page } = await loggedIn(fixture, 'xihu.officer');
    await withScreenshot(page, 'console-forbidden', async () => {
      await page.goto('/console/accounts');
      await page.getByTestId('forbidden').waitFor();
    });
    await context.close();
  });

  it('shows colleagues’ phones in clear and another organisation’s masked in the Workbench address book', async () => {
    const { context, page } = await loggedIn(fixture, 'xihu.officer');
    await withScreenshot(page, 'workbench-address-book', async () => {
      await page.goto('/workbench/contacts');
      const table = page.getByTestId('address-book-table');
      await table.waitFor();
      await expect.poll(async () => table.textContent()).toMatch(/1[3-9]\d{9}/);
      await page.getByTestId('org-search').locator('input').or(page.getByTestId('org-search')).first().fill('西湖区人民政府');
      await page.keyboard.press('Enter');
      await page
        .getByTestId('org-list')
        .getByText(/西湖区人民政府$/)
        .first()
        .click();
      await expect.poll(async () => table.textContent()).toMatch(/1[3-9]\d\*{4}\d{4}/);
    });
    await context.close();
  });
});

describe('preferences and OIDC in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('keeps elder-friendly mode and English across reloads', async () => {
    const context = await newContext(fixture.browser, fixture.base, desktop);
    const page = await context.newPage();
    await withScreenshot(page, 'preferences', async () => {
      await page.goto('/login');
      await page.getByTestId('elder-toggle').click();
      await page.getByTestId('lang-switch').click();
      await page.getByRole('button', { name: /Sign in/ }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: /Sign in/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
      const fontSize = await page.getByTestId('login-username').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontSize).toBeGreaterThanOrEqual(18);
    });
    await context.close();
  });

  it('logs a person into a third-party app through the Zhili login page', async () => {
    const admin = await fixture.t.login('admin');
    const redirectUri = `${fixture.base}/healthz`;
    const registered = (
      await fixture.t.request('POST', '/api/v1/oidc-clients', {
        as: admin,
        body: { name: '第三方应用', redirectUris: [redirectUri], grantTypes: ['authorization_code'], public: true },
      })
    ).json();
    const authorize = new URL(`${fixture.base}/oidc/auth`);
    authorize.search = new URLSearchParams({
      client_id: registered.client.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      state: 'st-123',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const context = await newContext(fixture.browser, fixture.base, desktop);
    const page = await context.newPage();
    await withScreenshot(page, 'oidc-login', async () => {
      await page.goto(authorize.toString());
      await page.getByTestId('login-username').waitFor();
      expect(page.url()).toContain('interaction=');
      await page
        .getByText(/工作人员/)
        .first()
        .click();
      await page.getByTestId('login-username').fill('xihu.leader');
      await page.getByTestId('login-password').fill(demoPassword);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/healthz\?code=/, { timeout: 15_000 });
      const back = new URL(page.url());
      expect(back.searchParams.get('state')).toBe('st-123');
      expect(back.searchParams.get('code')).toBeTruthy();
    });
    await context.close();
  });
});

describe('temporary passwords in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('warns after an administrator reset until the person picks a new password', async () => {
    const admin = await fixture.t.login('admin');
    const officer = (await fixture.t.request('GET', '/api/v1/accounts?q=yongkang.officer', { as: admin })).json().items[0];
    const temporary = (await fixture.t.request('POST', `/api/v1/accounts/${officer.id}/reset-password`, { as: admin, body: {} })).json()
      .temporaryPassword;
    const { context, page } = await loggedIn(fixture, 'yongkang.officer', temporary);
    await withScreenshot(page, 'must-change-password', async () => {
      await page.goto('/workbench');
      await page.getByTestId('must-change-password').waitFor();
      await page.getByTestId('must-change-password-link').click();
      await page.getByTestId('current-password').fill(temporary);
      await page.getByTestId('new-password').fill('Yongkang2026');
      await page.getByTestId('confirm-password').fill('Yongkang2026');
      await page.getByTestId('change-password-submit').click();
      await page.getByTestId('must-change-password').waitFor({ state: 'detached' });
    });
    expect(
      (await fixture.t.request('POST', '/api/v1/auth/login', { body: { username: 'yongkang.officer', password: 'Yongkang2026' } }))
        .statusCode,
    ).toBe(200);
    await context.close();
  });
});
