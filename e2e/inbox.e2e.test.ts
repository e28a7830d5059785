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
    const orgId = await given(t).orgId('xihu-zf');
    let parentId: string | null = null;
    for (const [level, name] of [
      ['core', '市场监管'],
      ['module', '许可'],
      ['unit', '食品'],
      ['item', '食品经营许可'],
    ] as const) {
      parentId = (
        await t.request('POST', '/api/v1/model/nodes', {
          as: orgAdmin,
          body: { orgId, parentId, level, name, ...(level === 'item' ? { itemType: 'service' } : {}) },
        })
      ).json().id;
    }
    expect(
      (await t.request('POST', `/api/v1/model/items/${parentId}/process-versions`, { as: orgAdmin, body: { bpmnXml: approval } }))
        .statusCode,
    ).toBe(201);
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
});
