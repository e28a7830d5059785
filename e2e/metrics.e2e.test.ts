import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { given } from '../server/src/testing/given.ts';
import { loggedIn, useNodeAndBrowser, withScreenshot } from './browser.ts';

describe('sharing metrics (共享指标) in Chromium', () => {
  const fixture = useNodeAndBrowser();

  /** An access token for an organisation's system (client credentials), for the gateway. */
  const appToken = async (orgSlug: string) => {
    const t = fixture.t;
    const registered = await t.request('POST', '/api/v1/oidc-clients', {
      as: await t.login('admin'),
      body: { name: `${orgSlug} 系统`, grantTypes: ['client_credentials'], orgId: await given(t).orgId(orgSlug) },
    });
    const { client, clientSecret } = registered.json();
    const config = await oidc.discovery(new URL(`${fixture.base}/oidc`), client.clientId, clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    return (await oidc.clientCredentialsGrant(config)).access_token;
  };
  const lookUp = async (token: string) =>
    (
      await fetch(`${fixture.base}/gateway/v1/330100-ZB-0101/records?field=code_no&key=A1`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).status;

  it('shows an automatic grant as 100% 共享需求满足率 and 分钟级满足率, with the calls charted', async () => {
    const t = fixture.t;
    const admin = await t.login('admin');
    const owner = await t.login('hz.dataofficer');
    const consumer = await t.login('xihu.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-ZB-0101',
        name: '杭州市指标测试信息',
        domain: 'shared',
        shareType: 'unconditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'code_no', label: '编号', type: 'string', grade: 'L1', key: true },
          { name: 'title', label: '名称', type: 'string', grade: 'L2' },
        ],
      },
    });
    const resourceId = created.json().id as string;
    await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: owner,
      body: { records: [{ code_no: 'A1', title: '甲' }] },
    });
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['指标', '共享', '需求', '指标测试事项'] });
    const asked = await t.request('POST', '/api/v1/sharing/requests', {
      as: consumer,
      body: { resourceId, itemId, fields: ['code_no', 'title'], purpose: '指标测试用途', legalBasis: '公共数据条例' },
    });
    expect(asked.json()).toMatchObject({ status: 'approved', automatic: true });
    // two calls by 西湖区, one refused for 余杭区 (no grant)
    const token = await appToken('xihu-sjj');
    expect([await lookUp(token), await lookUp(token)]).toEqual([200, 200]);
    expect(await lookUp(await appToken('yuhang-sjj'))).toBe(403);

    const viewer = await loggedIn(fixture, 'admin');
    await withScreenshot(viewer.page, 'metrics-admin', async () => {
      const page = viewer.page;
      await page.goto('/console/sharing-metrics');
      await page.getByTestId('metrics-satisfaction').waitFor(); // the figures, once the page and its data have come
      expect(await page.getByTestId('metrics-satisfaction').textContent()).toContain('100%');
      expect(await page.getByTestId('metrics-minute-level').textContent()).toContain('100%');
      expect(await page.getByTestId('metrics-satisfaction-status').textContent()).toBe('达标');
      expect(await page.getByTestId('metrics-minute-level-status').textContent()).toBe('达标');
      expect(await page.getByTestId('metrics-calls').textContent()).toContain('2');
      expect(await page.getByTestId('metrics-refused').textContent()).toContain('1');
      expect(await page.getByTestId('metrics-scope').getAttribute('data-scope')).toBe('all');
      await page.getByTestId('metrics-calls-chart').locator('canvas').waitFor();
      await page.getByTestId('metrics-consumers-chart').locator('canvas').waitFor();
      expect(await page.getByTestId('metrics-consumers-chart').locator('[role="img"]').getAttribute('aria-label')).toContain(': 2');
      expect(await page.getByTestId('metrics-refusals-chart').locator('[role="img"]').getAttribute('aria-label')).toBe('无授权: 1');

      await page.getByTestId('metrics-days').getByText('近 7 天').click();
      await page.locator('[data-days="7"]').waitFor();
      expect(page.url()).toMatch(/days=7/);
      expect(await page.getByTestId('metrics-satisfaction').textContent()).toContain('100%');
    });
    await viewer.context.close();

    // a data officer sees their own organisations, without the refusals (which name no organisation)
    const officer = await loggedIn(fixture, 'xihu.dataofficer');
    await withScreenshot(officer.page, 'metrics-officer', async () => {
      const page = officer.page;
      await page.goto('/console/sharing-metrics');
      await page.getByTestId('metrics-scope').waitFor();
      expect(await page.getByTestId('metrics-scope').getAttribute('data-scope')).toBe('orgs');
      expect(await page.getByTestId('metrics-refused').count()).toBe(0);
      await page.getByTestId('metrics-calls-chart').locator('canvas').waitFor();
    });
    await officer.context.close();

    // staff without data.manage get the 403 page
    const clerk = await loggedIn(fixture, 'xihu.officer');
    await withScreenshot(clerk.page, 'metrics-forbidden', async () => {
      await clerk.page.goto('/console/sharing-metrics');
      await clerk.page.getByTestId('forbidden').waitFor();
    });
    await clerk.context.close();
  });
});
