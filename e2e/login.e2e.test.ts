import { describe, expect, it } from 'vitest';
import { generateCitizens, generateEnterprises } from '../server/src/packs/demo-province/index.ts';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { desktop, newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

const citizen = generateCitizens()[2]!;
const enterprise = generateEnterprises()[2]!;

const people = [
  {
    who: 'citizen',
    tab: /个人/,
    username: citizen.idNumber,
    name: citizen.name,
    desktopHome: 'portal-home',
    phoneHome: 'portal-home-mobile',
    path: /\/portal/,
  },
  {
    who: 'enterprise',
    tab: /法人/,
    username: enterprise.uscc,
    name: enterprise.name,
    desktopHome: 'portal-home',
    phoneHome: 'portal-home-mobile',
    path: /\/portal/,
  },
  {
    who: 'staff',
    tab: /工作人员/,
    username: 'xihu.officer',
    name: null,
    desktopHome: 'workbench-home',
    phoneHome: 'workbench-home-mobile',
    path: /\/workbench/,
  },
  {
    who: 'admin',
    tab: /工作人员/,
    username: 'admin',
    name: null,
    desktopHome: 'console-home',
    phoneHome: 'console-home',
    path: /\/console/,
  },
];

describe('logging in, in Chromium', () => {
  const fixture = useNodeAndBrowser();

  for (const [deviceName, device] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    for (const person of people) {
      it(`lands a ${person.who} on the right home (${deviceName})`, async () => {
        const context = await newContext(fixture.browser, fixture.base, device);
        const page = await context.newPage();
        await withScreenshot(page, `login-${person.who}-${deviceName}`, async () => {
          await page.goto('/');
          await page.getByTestId('login-username').waitFor();
          if (deviceName === 'phone') expect(new URL(page.url()).pathname).toMatch(/^\/m\//);
          const tab = page.getByText(person.tab).first();
          if (await tab.isVisible()) await tab.click();
          await page.getByTestId('login-username').locator('input').or(page.getByTestId('login-username')).first().fill(person.username);
          await page.getByTestId('login-password').locator('input').or(page.getByTestId('login-password')).first().fill(demoPassword);
          await page.getByTestId('login-submit').click();
          const home = deviceName === 'phone' ? person.phoneHome : person.desktopHome;
          await page.getByTestId(home).waitFor({ timeout: 15_000 });
          expect(new URL(page.url()).pathname).toMatch(person.path);
          if (person.name) await expect(page.getByTestId('user-name').first().textContent()).resolves.toContain(person.name);
        });
        await context.close();
      });
    }
  }

  it('shows the server message for a wrong password', async () => {
    const context = await newContext(fixture.browser, fixture.base, desktop);
    const page = await context.newPage();
    await withScreenshot(page, 'login-wrong-password', async () => {
      await page.goto('/login');
      await page
        .getByText(/工作人员/)
        .first()
        .click();
      await page.getByTestId('login-username').locator('input').or(page.getByTestId('login-username')).first().fill('xihu.leader');
      await page.getByTestId('login-password').locator('input').or(page.getByTestId('login-password')).first().fill('not-the-password1');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error').textContent()).resolves.toContain('账号或密码错误');
    });
    await context.close();
  });
});
