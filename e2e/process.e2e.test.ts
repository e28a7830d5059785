import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { given } from '../server/src/testing/given.ts';
import { loggedIn, newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

/** A process made elsewhere (no diagram in it): the designer lays it out, a person edits and deploys it. */
const fromElsewhere = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="x">
  <bpmn:process id="street_stall" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:userTask id="review" name="审核" camunda:candidateGroups="staff" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="review" /><bpmn:sequenceFlow id="b" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('process design and phone forms, in Chromium', () => {
  const fixture = useNodeAndBrowser();

  const newItem = async (name: string) => {
    const orgAdmin = await fixture.t.login('xihu.orgadmin');
    const itemId = await given(fixture.t).item({ as: orgAdmin, orgSlug: 'xihu-zf', path: [`城市管理 ${name}`, '市容', '摊点', name] });
    return { itemId, orgAdmin };
  };

  it('an org admin validates a blank process, imports one, renames a task in the properties panel and deploys it', async () => {
    const t = fixture.t;
    const { itemId, orgAdmin } = await newItem('临时摊点审批');
    const file = join(mkdtempSync(join(tmpdir(), 'zhili-e2e-')), 'stall.bpmn');
    writeFileSync(file, fromElsewhere);
    const { context, page } = await loggedIn(fixture, 'xihu.orgadmin');
    await withScreenshot(page, 'process-designer', async () => {
      await page.goto(`/console/model/items/${itemId}/process`);
      await page.getByTestId('process-canvas').locator('g.djs-element').first().waitFor();
      await page.getByTestId('process-validate').click();
      await page.getByTestId('process-problems').waitFor(); // a lone start event leads nowhere
      await expect.poll(async () => page.getByTestId('process-problem-row').count()).toBeGreaterThan(0);

      await page.getByTestId('process-designer').locator('input[type=file]').first().setInputFiles(file);
      const review = page.locator('g.djs-element[data-element-id="review"]');
      await review.waitFor();
      await review.click();
      await page.getByTestId('process-props-name').fill('市容科审核');
      await page.getByTestId('process-props-candidate-groups').fill('staff,leader');
      await page.getByTestId('process-props-apply').click();
      await page.getByTestId('process-validate').click();
      await page.getByTestId('process-valid').waitFor();
      await page.getByTestId('process-deploy').click();
      await expect
        .poll(async () => (await t.request('GET', `/api/v1/model/items/${itemId}`, { as: orgAdmin })).json().process?.version ?? 0)
        .toBe(1);
    });
    await context.close();
    const xml = (await t.request('GET', `/api/v1/model/items/${itemId}/process-versions/1`, { as: orgAdmin })).body;
    expect(xml).toContain('市容科审核');
    expect(xml).toMatch(/candidateGroups="staff,leader"/);
    expect(xml).toContain('BPMNDiagram'); // deployed with the diagram the designer laid out
  });

  it('a clerk on a phone fills the task form, is told what is wrong, and completes it', async () => {
    const t = fixture.t;
    const { itemId, orgAdmin } = await newItem('占道经营许可');
    const xml = fromElsewhere.replace('camunda:candidateGroups="staff"', 'camunda:candidateGroups="staff" camunda:formKey="review"');
    expect(
      (await t.request('POST', `/api/v1/model/items/${itemId}/process-versions`, { as: orgAdmin, body: { bpmnXml: xml } })).statusCode,
    ).toBe(201);
    const form = await t.request('POST', `/api/v1/model/items/${itemId}/form-versions`, {
      as: orgAdmin,
      body: {
        schema: {
          type: 'object',
          properties: {},
          $defs: {
            review: {
              type: 'object',
              required: ['approved', 'opinion'],
              properties: {
                approved: { type: 'boolean', title: '是否同意' },
                opinion: { type: 'string', title: '审核意见', minLength: 4 },
              },
            },
          },
        },
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const officer = await t.login('xihu.officer');
    const instance = (await t.request('POST', '/api/v1/workflow/instances', { as: officer, body: { itemId, variables: {} } })).json();
    const taskId = instance.openTasks[0].id as string;

    const context = await newContext(fixture.browser, fixture.base, phone);
    expect(
      (await context.request.post('/api/v1/auth/login', { data: { username: 'xihu.officer', password: 'Zhili@2026' } })).status(),
    ).toBe(200);
    const page = await context.newPage();
    await withScreenshot(page, 'phone-task-form', async () => {
      await page.goto(`/m/workbench/tasks/${taskId}`);
      await page.getByTestId('schema-form').waitFor();
      await page.getByTestId('schema-field-approved').getByText('是', { exact: true }).click();
      await page.getByTestId('schema-field-opinion').locator('input, textarea').first().fill('可以');
      await page.getByTestId('task-complete').click();
      await expect.poll(async () => page.getByTestId('schema-field-opinion').textContent()).toMatch(/4/);
      await page.getByTestId('schema-field-opinion').locator('input, textarea').first().fill('经现场核查，同意占道经营');
      await page.getByTestId('task-complete').click();
      await expect
        .poll(async () => (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json().status)
        .toBe('completed');
    });
    await context.close();
    const done = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json();
    expect(done.variables).toMatchObject({ approved: true, opinion: '经现场核查，同意占道经营' });
  });
});
