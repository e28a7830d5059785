import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { freePort } from '../server/src/testing/pg-cluster.ts';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { desktop, loggedIn, newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

/**
 * A department's small app (relying party), started by the test: "/" sends the browser to
 * Zhili's OIDC provider (code flow with PKCE), "/callback" exchanges the code and greets the
 * person by the name Zhili gives it.
 */
async function startRelyingParty(zhili: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const credentials = { clientId: '', clientSecret: '' };
  const pending = new Map<string, string>(); // state → PKCE verifier
  let config: oidc.Configuration | undefined;
  const configure = async () =>
    (config ??= await oidc.discovery(new URL(`${zhili}/oidc`), credentials.clientId, credentials.clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    }));
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      if (url.pathname === '/healthz') return res.writeHead(200).end('ok');
      const c = await configure();
      if (url.pathname === '/') {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        pending.set(state, verifier);
        const to = oidc.buildAuthorizationUrl(c, {
          redirect_uri: `${base}/callback`,
          scope: 'openid profile',
          state,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        });
        return res.writeHead(302, { location: to.href }).end();
      }
      if (url.pathname === '/callback') {
        const state = url.searchParams.get('state') ?? '';
        const tokens = await oidc.authorizationCodeGrant(c, url, { pkceCodeVerifier: pending.get(state)!, expectedState: state });
        const claims = tokens.claims()!;
        const info = await oidc.fetchUserInfo(c, tokens.access_token, claims.sub);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><meta charset="utf-8"><h1 data-testid="rp-hello">你好，${String(info.name)}</h1>`);
      }
      res.writeHead(404).end();
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { base, credentials, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('apps: registered in the Console, opened from the Workbench with single sign-on', () => {
  const fixture = useNodeAndBrowser();

  it('registers an app, shows it in the launcher, and signs a civil servant in without a second login', async () => {
    const rp = await startRelyingParty(fixture.base);
    try {
      const { context: console, page: admin } = await loggedIn(fixture, 'admin');
      await withScreenshot(admin, 'console-app-register', async () => {
        await admin.goto('/console/apps');
        await admin.getByTestId('app-register').click();
        await admin.getByTestId('app-name').fill('企业码服务');
        await admin.getByTestId('app-code').fill('qiye-ma');
        await admin.getByTestId('app-owner').click();
        await admin.keyboard.type('大数据发展管理局');
        await admin.locator('.ant-select-item-option').filter({ hasText: '浙江省大数据发展管理局' }).first().click();
        await admin.getByTestId('app-entry').fill(`${rp.base}/`);
        await admin.getByTestId('app-redirects').fill(`${rp.base}/callback`);
        await admin.locator('.ant-modal').getByText('浙里办', { exact: true }).click(); // on the Portal too
        await admin.getByTestId('app-register-save').click();
        rp.credentials.clientId = (await admin.getByTestId('app-client-id').innerText()).trim();
        rp.credentials.clientSecret = (await admin.locator('.ant-modal code').nth(1).innerText()).trim();
      });
      expect(rp.credentials.clientId).toMatch(/^app_/);
      expect(rp.credentials.clientSecret.length).toBeGreaterThan(20);
      await console.close();

      const { context, page } = await loggedIn(fixture, 'xihu.officer');
      await withScreenshot(page, 'workbench-launcher-sso', async () => {
        await page.goto('/workbench');
        await page.getByTestId('app-qiye-ma').click();
        await page.getByTestId('rp-hello').waitFor({ timeout: 20_000 });
      });
      expect(await page.getByTestId('rp-hello').innerText()).toMatch(/^你好，.+/);
      expect(page.url().startsWith(rp.base)).toBe(true);
      await context.close();

      // a citizen on a phone opens it from the Portal, signed in the same way
      const citizenContext = await newContext(fixture.browser, fixture.base, phone);
      expect(
        (
          await citizenContext.request.post('/api/v1/auth/login', { data: { username: '330382197811297469', password: demoPassword } })
        ).status(),
      ).toBe(200);
      const citizen = await citizenContext.newPage();
      await withScreenshot(citizen, 'portal-app-sso-phone', async () => {
        await citizen.goto('/m/portal');
        await citizen.getByTestId('portal-app-qiye-ma').click();
        await citizen.getByTestId('rp-hello').waitFor({ timeout: 20_000 });
      });
      await citizenContext.close();

      // a forged redirect: the provider refuses it, nothing is sent there
      const forged = await newContext(fixture.browser, fixture.base, desktop);
      const probe = await forged.newPage();
      const response = await probe.goto(
        `/oidc/auth?client_id=${rp.credentials.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}`,
      );
      expect(response?.status()).toBe(400);
      await forged.close();

      // the launch and the SSO sign-in count as this person's use of the app
      const adminSession = await fixture.t.login('admin');
      const apps = (await fixture.t.request('GET', '/api/v1/apps', { as: adminSession })).json().items as { id: string; code: string }[];
      const app = apps.find((a) => a.code === 'qiye-ma')!;
      const used = (await fixture.t.request('GET', `/api/v1/apps/${app.id}/monitoring`, { as: adminSession })).json();
      expect(used.activeUsers.day).toBe(2); // the officer and the citizen

      // the Console's catalog counts real calls; the month's efficacy shows the app
      await fixture.t.node.apps.usage.flush();
      await fixture.t.node.apps.efficacy.evaluate(new Date().toISOString().slice(0, 7));
      const { context: again, page: console2 } = await loggedIn(fixture, 'admin');
      await withScreenshot(console2, 'console-components-efficacy', async () => {
        await console2.goto('/console/components');
        const calls = Number(await console2.getByTestId('component-calls-identity-sso').innerText());
        expect(calls).toBeGreaterThan(0);
        await console2.goto('/console/app-efficacy');
        await console2.getByRole('cell', { name: '企业码服务' }).waitFor();
        expect(Number(await console2.getByTestId('efficacy-score').first().innerText())).toBeGreaterThanOrEqual(0);
      });
      await again.close();
    } finally {
      await rp.close();
    }
  });
});
