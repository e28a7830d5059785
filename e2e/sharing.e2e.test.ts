import { describe, expect, it } from 'vitest';
import { given } from '../server/src/testing/given.ts';
import { loggedIn, useNodeAndBrowser, withScreenshot } from './browser.ts';

describe('sharing requests in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a data officer asks for fields in the Console, and the owner’s data officer approves in the Workbench', async () => {
    const t = fixture.t;
    const admin = await t.login('admin');
    const owner = await t.login('hz.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-SJ-0500',
        name: '杭州市居住证信息',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'permit_no', label: '居住证号', type: 'string', grade: 'L2', key: true },
          { name: 'holder_name', label: '持证人姓名', type: 'string', grade: 'L3' },
        ],
      },
    });
    const resourceId = created.json().id as string;
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['人口服务', '居住登记', '居住证核验', '居住证信息核验'] });

    const consumer = await loggedIn(fixture, 'xihu.dataofficer');
    await withScreenshot(consumer.page, 'sharing-ask', async () => {
      const page = consumer.page;
      await page.goto(`/console/catalog/${resourceId}`);
      await page.getByTestId('catalog-request-sharing').click();
      const modal = page.getByTestId('sharing-request-modal');
      await modal.waitFor();
      await page.getByTestId('sharing-field-permit_no').check();
      await page.getByTestId('sharing-field-holder_name').check();
      await expect.poll(async () => page.getByTestId('sharing-auto-hint').textContent()).toMatch(/审核/); // L3: not automatic
      // the item list loads on its own; pick again until the choice shows (a loaded CI core can swallow the first click)
      await expect
        .poll(async () => {
          if ((await page.getByTestId('sharing-item').textContent())?.includes('居住证信息核验')) return true;
          await page.getByTestId('sharing-item').click();
          await page
            .getByTestId(`sharing-item-option-${itemId}`)
            .click({ timeout: 5_000 })
            .catch(() => undefined);
          return false;
        })
        .toBe(true);
      await page
        .locator('textarea[data-testid="sharing-purpose"], [data-testid="sharing-purpose"] textarea, input[data-testid="sharing-purpose"]')
        .first()
        .fill('居住登记一件事：核验居住证');
      await page
        .locator(
          'textarea[data-testid="sharing-legal-basis"], [data-testid="sharing-legal-basis"] textarea, input[data-testid="sharing-legal-basis"]',
        )
        .first()
        .fill('《浙江省公共数据条例》');
      await page.getByTestId('sharing-submit').click();
      await page.getByTestId('console-sharing').waitFor();
    });
    await consumer.context.close();
    const xihu = await t.login('xihu.dataofficer');
    const mine = (await t.request('GET', '/api/v1/sharing/requests', { as: xihu }))
      .json()
      .items.find((r: { resourceId: string }) => r.resourceId === resourceId);
    expect(mine).toMatchObject({ status: 'pending', fields: ['permit_no', 'holder_name'] });

    const task = (
      (await t.request('GET', '/api/v1/workflow/tasks', { as: owner })).json().items as { id: string; instanceId: string }[]
    ).find((x) => x.instanceId === mine.instanceId)!;
    const approver = await loggedIn(fixture, 'hz.dataofficer');
    await withScreenshot(approver.page, 'sharing-approve', async () => {
      const page = approver.page;
      await page.goto(`/workbench/tasks/${task.id}`);
      await page.getByTestId('schema-form').waitFor();
      await page.getByTestId('schema-field-approved').getByText('是', { exact: true }).click();
      await page.getByTestId('schema-field-opinion').locator('input, textarea').first().fill('同意，限用于居住证核验');
      await page.getByTestId('task-complete').click();
      await expect
        .poll(async () => (await t.request('GET', `/api/v1/sharing/requests/${mine.id}`, { as: xihu })).json().status)
        .toBe('approved');
    });
    await approver.context.close();
    const grants = (await t.request('GET', `/api/v1/sharing/grants?orgId=${xihu.me.orgId}`, { as: xihu })).json().items;
    expect(grants.find((g: { requestId: string }) => g.requestId === mine.id)?.fields).toEqual(['permit_no', 'holder_name']);
  });
});
