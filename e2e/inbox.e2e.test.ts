import { describe, expect, it } from 'vitest';
import { given } from '../server/src/testing/given.ts';
import { loggedIn, useNodeAndBrowser, withScreenshot } from './browser.ts';

const approval = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="x">
  <bpmn:process id="permit" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:userTask id="review" name="窗口受理" camunda:candidateGroups="staff" />
    <bpmn:userTask id="sign" name="领导审批" camunda:candidateGroups="leader" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="review" /><bpmn:sequenceFlow id="b" sourceRef="review" targetRef="sign" />
    <bpmn:sequenceFlow id="c" sourceRef="sign" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('我的待办 in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a clerk completes a task from the inbox, and the leader then sees it done in the history of the next task', async () => {
    const t = fixture.t;
    const orgAdmin = await t.login('xihu.orgadmin');
    const parentId = await given(t).item({
      as: orgAdmin,
      orgSlug: 'xihu-zf',
      path: ['市场监管', '许可', '食品', '食品经营许可'],
      bpmnXml: approval,
    });
    const officer = await t.login('xihu.officer');
    const instance = (
      await t.request('POST', '/api/v1/workflow/instances', { as: officer, body: { itemId: parentId, variables: {} } })
    ).json();
    const taskId = instance.openTasks[0].id as string;

    const clerk = await loggedIn(fixture, 'xihu.officer');
    await withScreenshot(clerk.page, 'inbox-clerk', async () => {
      await clerk.page.goto('/workbench');
      await clerk.page.getByTestId(`inbox-item-${taskId}`).first().click();
      await clerk.page.getByTestId('task-page').waitFor();
      await clerk.page.getByTestId('task-decision').getByText('同意', { exact: true }).click();
      await clerk.page.getByTestId('task-opinion').fill('材料齐全，同意受理');
      await clerk.page.getByTestId('task-complete').click();
      await clerk.page.getByTestId('workbench-inbox').waitFor();
      await expect.poll(async () => clerk.page.getByTestId(`inbox-item-${taskId}`).count()).toBe(0);
    });
    await clerk.context.close();

    const next = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json().openTasks[0];
    expect(next.name).toBe('领导审批');
    const manager = await loggedIn(fixture, 'xihu.leader');
    await withScreenshot(manager.page, 'inbox-manager', async () => {
      await manager.page.goto(`/workbench/tasks/${next.id}`);
      const history = manager.page.getByTestId('task-history');
      await history.waitFor();
      await expect.poll(async () => history.locator('[data-action="task.complete"]').count()).toBe(1);
      await expect(history.textContent()).resolves.toContain('窗口受理');
    });
    await manager.context.close();
  });

  it('a clerk fills the item’s form in the inbox task, and the org admin sees where the instance now waits in the Console viewer', async () => {
    const t = fixture.t;
    const orgAdmin = await t.login('xihu.orgadmin');
    const parentId = await given(t).item({ as: orgAdmin, orgSlug: 'xihu-zf', path: ['药品监管', '许可', '药品', '药品经营许可'] });
    const withForm = approval.replace('camunda:candidateGroups="staff"', 'camunda:candidateGroups="staff" camunda:formKey="review"');
    const deployed = await t.request('POST', `/api/v1/model/items/${parentId}/process-versions`, {
      as: orgAdmin,
      body: { bpmnXml: withForm },
    });
    expect(deployed.statusCode, deployed.body).toBe(201);
    const form = await t.request('POST', `/api/v1/model/items/${parentId}/form-versions`, {
      as: orgAdmin,
      body: {
        schema: {
          type: 'object',
          properties: { shopName: { type: 'string', title: '店铺名称' } },
          $defs: {
            review: {
              type: 'object',
              title: '受理意见',
              required: ['approved', 'opinion'],
              properties: {
                approved: { type: 'boolean', title: '是否受理' },
                opinion: { type: 'string', title: '受理意见', minLength: 4, maxLength: 200 },
              },
            },
          },
        },
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const officer = await t.login('xihu.officer');
    const instance = (
      await t.request('POST', '/api/v1/workflow/instances', {
        as: officer,
        body: { itemId: parentId, variables: { shopName: '西湖大药房' } },
      })
    ).json();
    const taskId = instance.openTasks[0].id as string;

    const clerk = await loggedIn(fixture, 'xihu.officer');
    await withScreenshot(clerk.page, 'inbox-schema-form', async () => {
      await clerk.page.goto(`/workbench/tasks/${taskId}`);
      await clerk.page.getByTestId('schema-form').waitFor();
      await clerk.page.getByTestId('schema-field-approved').getByText('是', { exact: true }).click();
      await clerk.page.getByTestId('schema-field-opinion').locator('input, textarea').first().fill('短');
      await clerk.page.getByTestId('task-complete').click();
      await expect.poll(async () => clerk.page.getByTestId('schema-field-opinion').textContent()).toMatch(/4/); // the minLength message
      await clerk.page.getByTestId('schema-field-opinion').locator('input, textarea').first().fill('证照齐全，同意受理');
      await clerk.page.getByTestId('task-complete').click();
      await expect
        .poll(async () => (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json().activeNodeIds)
        .toEqual(['sign']);
      await clerk.page.getByTestId('task-list').waitFor(); // back to 我的待办
    });
    await clerk.context.close();
    const done = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json();
    expect(done.activeNodeIds).toEqual(['sign']);
    expect(done.variables).toMatchObject({ approved: true, opinion: '证照齐全，同意受理' });

    const manager = await loggedIn(fixture, 'xihu.orgadmin');
    await withScreenshot(manager.page, 'console-instance-viewer', async () => {
      await manager.page.goto('/console/processes');
      await manager.page.getByTestId(`instance-link-${instance.id}`).click();
      await manager.page.getByTestId('instance-diagram').waitFor();
      await manager.page.locator('g.djs-element.zl-node-active[data-element-id="sign"]').waitFor();
      await expect.poll(async () => manager.page.locator('g.djs-element.zl-node-done[data-element-id="review"]').count()).toBe(1);
      await expect
        .poll(async () => manager.page.locator('[data-testid="instance-history-row"][data-action="task.complete"]').count())
        .toBe(1);
      await expect(manager.page.getByTestId('instance-status').textContent()).resolves.toMatch(/运行中|办理中|进行中/);
    });
    await manager.context.close();
  });
});
