import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateCitizens } from '../server/src/packs/demo-province/index.ts';
import { given } from '../server/src/testing/given.ts';
import { loggedIn, useNodeAndBrowser, withScreenshot } from './browser.ts';

const citizens = generateCitizens().slice(90, 93);

/** An antd TextArea's textarea, wherever the data-testid landed (the textarea or the showCount wrapper). */
const textarea = (page: Page, testId: string) =>
  page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();

describe('business collaboration and data objections in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a data officer offers “是否已婚核验” over its resource, and another organisation’s officer is granted it at once', async () => {
    const t = fixture.t;
    const admin = await t.login('admin');
    const owner = await t.login('hz.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-MZ-0300',
        name: '杭州市婚姻登记信息',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L4', key: true },
          { name: 'spouse_name', label: '配偶姓名', type: 'string', grade: 'L3' },
          { name: 'marital_status', label: '婚姻状况', type: 'string', grade: 'L2' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const resourceId = created.json().id as string;
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['婚育服务', '婚姻核验', '婚姻状况', '婚姻状况核验'] });

    const provider = await loggedIn(fixture, 'hz.dataofficer');
    await withScreenshot(provider.page, 'collaboration-register', async () => {
      const page = provider.page;
      await page.goto('/console/collaboration');
      await page.getByTestId('collab-register').click();
      await page.getByTestId('collab-register-modal').waitFor();
      await page.getByTestId('collab-form-code').fill('HZ-MZ-MARRIED');
      await page.getByTestId('collab-form-name').fill('是否已婚核验');
      await page.getByTestId('collab-share-unconditional').click();
      await page.getByTestId('collab-form-resource').click();
      await page.keyboard.type('330100-MZ-0300');
      await page.getByTestId(`collab-resource-option-${resourceId}`).click();
      // the resource's single key field is taken
      await expect.poll(async () => page.getByTestId('collab-form-key-field').textContent()).toContain('身份证号');
      await page.getByTestId('collab-answer-equals').click();
      await page.getByTestId('collab-form-answer-field').click();
      await page.getByTestId('collab-form-answer-field-option-marital_status').click();
      await page.getByTestId('collab-form-answer-value').fill('已婚');
      await page.getByTestId('collab-register-submit').click();
      await page.getByTestId('collab-service-row-HZ-MZ-MARRIED').waitFor();
      await expect.poll(async () => page.getByTestId('collab-service-row-HZ-MZ-MARRIED').textContent()).toContain('婚姻状况是否为「已婚」');
    });
    await provider.context.close();
    const service = (await t.request('GET', '/api/v1/collaboration/services', { as: owner }))
      .json()
      .items.find((s: { code: string }) => s.code === 'HZ-MZ-MARRIED');
    expect(service).toMatchObject({
      name: '是否已婚核验',
      kind: 'query',
      shareType: 'unconditional',
      resourceId,
      keyField: 'id_number',
      answer: { type: 'equals', field: 'marital_status', value: '已婚' },
    });

    const consumer = await loggedIn(fixture, 'xihu.dataofficer');
    await withScreenshot(consumer.page, 'collaboration-request', async () => {
      const page = consumer.page;
      await page.goto('/console/collaboration');
      await page.getByTestId('collab-request-HZ-MZ-MARRIED').click();
      await page.getByTestId('collab-request-modal').waitFor();
      expect(await page.getByTestId('collab-request-hint').getAttribute('data-automatic')).toBe('true');
      await page.getByTestId('sharing-item').click();
      await page.getByTestId(`sharing-item-option-${itemId}`).click();
      await textarea(page, 'collab-purpose').fill('婚姻登记一件事：核验婚姻状况');
      await textarea(page, 'collab-legal-basis').fill('《婚姻登记条例》');
      await page.getByTestId('collab-request-submit').click();
      // the requests tab opens with the request, granted at once
      const row = page.locator(`[data-testid^="collab-request-row-"][data-service-id="${service.id}"]`);
      await row.waitFor();
      await expect.poll(async () => row.getAttribute('data-status')).toBe('approved');
      expect(await row.getAttribute('data-automatic')).toBe('true');
      await page.getByTestId('collab-tab-services').click();
      await page.getByTestId('collab-asked-HZ-MZ-MARRIED').waitFor();
      expect(await page.getByTestId('collab-request-HZ-MZ-MARRIED').count()).toBe(0); // granted: nothing more to ask
    });
    await consumer.context.close();
    const xihu = await t.login('xihu.dataofficer');
    const requests = (await t.request('GET', '/api/v1/collaboration/requests', { as: xihu })).json().items;
    expect(requests.find((r: { serviceId: string }) => r.serviceId === service.id)).toMatchObject({
      status: 'approved',
      automatic: true,
      itemId,
      consumerOrgId: xihu.me.orgId,
    });
  });

  it('a data officer flags a wrong record of granted data, and sees the objection open with the key masked', async () => {
    const t = fixture.t;
    const admin = await t.login('admin');
    const owner = await t.login('hz.dataofficer');
    const xihu = await t.login('xihu.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-SJ-0910',
        name: '杭州市残疾人证信息',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L3', key: true },
          { name: 'holder_name', label: '姓名', type: 'string', grade: 'L3' },
          { name: 'disability_level', label: '残疾等级', type: 'string', grade: 'L2' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const resourceId = created.json().id as string;
    const loaded = await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: owner,
      body: { records: citizens.map((c) => ({ id_number: c.idNumber, holder_name: c.name, disability_level: '二级' })) },
    });
    expect(loaded.statusCode, loaded.body).toBeLessThan(300);
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['残疾人服务', '两项补贴', '资格核验', '残疾等级核验'] });
    const request = (
      await t.request('POST', '/api/v1/sharing/requests', {
        as: xihu,
        body: {
          resourceId,
          itemId,
          fields: ['id_number', 'disability_level'],
          purpose: '残疾人两项补贴资格核验',
          legalBasis: '残疾人保障法',
        },
      })
    ).json();
    const task = (
      (await t.request('GET', '/api/v1/workflow/tasks', { as: owner })).json().items as { id: string; instanceId: string }[]
    ).find((x) => x.instanceId === request.instanceId)!;
    const approved = await t.request('POST', `/api/v1/workflow/tasks/${task.id}/complete`, {
      as: owner,
      body: { variables: { approved: true } },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const idNumber = citizens[1]!.idNumber;
    const consumer = await loggedIn(fixture, 'xihu.dataofficer');
    await withScreenshot(consumer.page, 'objection-raise', async () => {
      const page = consumer.page;
      await page.goto('/console/objections');
      await page.getByTestId('objections-table').waitFor();
      await page.getByTestId('objection-raise').click();
      await page.getByTestId('objection-raise-modal').waitFor();
      await page.getByTestId('objection-resource').click();
      await page.getByTestId(`objection-resource-option-${resourceId}`).click();
      // the only key field within the grant is taken
      await expect.poll(async () => page.getByTestId('objection-key-field').textContent()).toContain('身份证号');
      await page.getByTestId('objection-key-value').fill(idNumber);
      await page.getByTestId('objection-field').click();
      await page.getByTestId('objection-field-option-disability_level').click();
      await textarea(page, 'objection-description').fill('申请人持新证为三级，库中仍为二级');
      await page.getByTestId('objection-submit').click();
      const row = page.locator(`[data-testid^="objection-row-"][data-resource-id="${resourceId}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('open');
      expect(await row.getAttribute('data-side')).toBe('consumer');
      const key = await row.getByTestId('objection-key').textContent();
      expect(key).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`); // masked for the consumer
      await expect.poll(async () => row.textContent()).toContain('残疾等级');
      expect(await row.textContent()).toContain('待答复');
    });
    await consumer.context.close();

    // The provider sees the key whole (to find the record) and is sent to its Workbench task.
    const objection = (await t.request('GET', '/api/v1/sharing/objections?status=open', { as: owner }))
      .json()
      .items.find((o: { resourceId: string }) => o.resourceId === resourceId);
    const answerTask = (
      (await t.request('GET', '/api/v1/workflow/tasks', { as: owner })).json().items as { id: string; instanceId: string }[]
    ).find((x) => x.instanceId === objection.instanceId)!;
    const provider = await loggedIn(fixture, 'hz.dataofficer');
    await withScreenshot(provider.page, 'objection-provider', async () => {
      const page = provider.page;
      await page.goto('/console/objections?status=open');
      const row = page.getByTestId(`objection-row-${objection.id}`);
      await row.waitFor();
      expect(await row.getAttribute('data-side')).toBe('owner');
      expect(await row.getByTestId('objection-key').textContent()).toBe(idNumber);
      const handle = row.getByTestId(`objection-handle-${objection.id}`);
      await expect.poll(async () => handle.getAttribute('href')).toBe(`/workbench/tasks/${answerTask.id}`);
    });
    await provider.context.close();
    const open = (await t.request('GET', '/api/v1/sharing/objections?status=open', { as: xihu })).json().items;
    expect(open.find((o: { resourceId: string }) => o.resourceId === resourceId)).toMatchObject({
      side: 'consumer',
      keyField: 'id_number',
      field: 'disability_level',
      description: '申请人持新证为三级，库中仍为二级',
    });
  });
});
