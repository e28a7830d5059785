import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const review = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="ReviewInvoice" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:userTask id="review" name="审核" camunda:candidateGroups="staff" /><bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="review" /><bpmn:sequenceFlow id="b" sourceRef="review" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe.each(testDatabases())('GovStack Workflow BB on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  let officer: Session;
  let itemId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('xihu.orgadmin');
    officer = await t.login('xihu.officer');
    itemId = await given(t).item({ as: admin, orgSlug: 'xihu-zf', path: ['财务', '报销', '发票', '发票审核'], itemType: 'governance' });
  });
  afterAll(() => t?.close());

  it('deploys, lists, starts, reads and stops through the GovStack paths', async () => {
    const body = {
      name: '发票审核',
      type: 'Public',
      version: '1',
      processBody: [
        { code: 'itemId', value: itemId },
        { code: 'bpmnXml', value: review },
      ],
    };
    const added = await t.request('POST', '/govstack/workflow/processes', { as: admin, body });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ key: 'ReviewInvoice', version: 1, category: 'http://www.omg.org/spec/BPMN/20100524/MODEL' });
    const processId = added.json().id;

    const list = (await t.request('GET', '/govstack/workflow/processes', { as: officer })).json();
    expect(list.map((p: { id: string }) => p.id)).toContain(processId);
    expect((await t.request('GET', '/govstack/workflow/processes/ReviewInvoice', { as: officer })).json().id).toBe(processId);
    const far = await t.login('yuhang.officer');
    expect((await t.request('GET', `/govstack/workflow/processes/${processId}`, { as: far })).statusCode).toBe(404);

    const started = await t.request('POST', `/govstack/workflow/processes/${processId}/start`, {
      as: officer,
      body: { processStartedBy: 'invoice-app', InstanceValues: [{ creditor: 'Niall', amount: 100 }] },
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ processRef: processId, suspended: false, ended: false, state: 'running' });
    const instanceId = started.json().id;
    const detail = await t.request('GET', `/api/v1/workflow/instances/${instanceId}`, { as: officer });
    expect(detail.json().variables).toMatchObject({ creditor: 'Niall', amount: 100, processStartedBy: 'invoice-app' });

    const instances = (await t.request('GET', `/govstack/workflow/instances?processId=${processId}`, { as: admin })).json();
    expect(instances).toEqual([expect.objectContaining({ id: instanceId, processRef: processId, state: 'running' })]);
    expect((await t.request('GET', '/govstack/workflow/instances', { as: officer })).statusCode).toBe(403); // staff do not monitor

    expect((await t.request('POST', `/govstack/workflow/instances/${instanceId}/stop`, { as: officer })).statusCode).toBe(403);
    const stopped = await t.request('POST', `/govstack/workflow/instances/${instanceId}/stop`, { as: admin });
    expect(stopped.statusCode, stopped.body).toBe(201);
    expect(stopped.json()).toMatchObject({ ended: true, state: 'stopped' });
    expect((await t.request('GET', `/govstack/workflow/instances/${instanceId}`, { as: officer })).json().state).toBe('stopped');
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: officer })).json().items;
    expect(tasks.filter((x: { instanceId: string }) => x.instanceId === instanceId)).toEqual([]);
    expect((await t.request('POST', `/govstack/workflow/instances/${instanceId}/stop`, { as: admin })).statusCode).toBe(409);

    const updated = await t.request('PUT', `/govstack/workflow/processes/${processId}`, {
      as: admin,
      body: { ...body, processBody: [{ code: 'bpmnXml', value: review.replace('审核', '复核') }] },
    });
    expect(updated.statusCode).toBe(204);
    expect((await t.request('GET', '/govstack/workflow/processes/ReviewInvoice', { as: officer })).json().version).toBe(2);
    const kept = await t.request('DELETE', `/govstack/workflow/processes/${processId}`, { as: admin });
    expect(kept.statusCode).toBe(409);
    expect(kept.json().error.code).toBe('govstack.process_kept');
  });

  it('refuses a process body without its BPMN and bad XML with the problems listed', async () => {
    const missing = await t.request('POST', '/govstack/workflow/processes', {
      as: admin,
      body: { name: 'x', type: 'Public', version: '1', processBody: [{ code: 'itemId', value: itemId }] },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('govstack.process_body');
    const broken = await t.request('POST', '/govstack/workflow/processes', {
      as: admin,
      body: {
        name: 'x',
        type: 'Public',
        version: '1',
        processBody: [
          { code: 'itemId', value: itemId },
          { code: 'bpmnXml', value: '<nope' },
        ],
      },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details.problems[0].code).toBe('workflow.malformed_xml');
  });
});
