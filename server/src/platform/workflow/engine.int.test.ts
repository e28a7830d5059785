import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const process = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="license" name="许可审批" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

/** start → 受理 (staff) → approved? → [通知 ‖ 领导会签] → end, or → 不予许可 */
const approval = process(`
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="review" name="窗口受理" camunda:candidateGroups="staff" camunda:formKey="review" />
  <bpmn:exclusiveGateway id="decide" default="toRejected" />
  <bpmn:parallelGateway id="split" /><bpmn:parallelGateway id="join" />
  <bpmn:serviceTask id="notify" name="短信通知" camunda:type="external" camunda:topic="notification" />
  <bpmn:userTask id="sign" name="领导审批" camunda:candidateGroups="leader" />
  <bpmn:endEvent id="granted" /><bpmn:endEvent id="rejected" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decide" />
  <bpmn:sequenceFlow id="toSplit" sourceRef="decide" targetRef="split"><bpmn:conditionExpression>\${approved == true}</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="toRejected" sourceRef="decide" targetRef="rejected" />
  <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="notify" /><bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="sign" />
  <bpmn:sequenceFlow id="f5" sourceRef="notify" targetRef="join" /><bpmn:sequenceFlow id="f6" sourceRef="sign" targetRef="join" />
  <bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="granted" />`);

describe.each(testDatabases())('running processes on %s', (kind) => {
  let t: TestNode;
  let officer: Session;
  let leader: Session;
  let itemId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    const orgAdmin = await t.login('xihu.orgadmin');
    const orgId = await given(t).orgId('xihu-zf');
    const add = async (body: Record<string, unknown>) =>
      (await t.request('POST', '/api/v1/model/nodes', { as: orgAdmin, body: { orgId, ...body } })).json();
    const core = await add({ parentId: null, level: 'core', name: '市场监管' });
    const module = await add({ parentId: core.id, level: 'module', name: '行政许可' });
    const unit = await add({ parentId: module.id, level: 'unit', name: '食品经营' });
    itemId = (await add({ parentId: unit.id, level: 'item', name: '食品经营许可', itemType: 'service' })).id;
    const deployed = await t.request('POST', `/api/v1/model/items/${itemId}/process-versions`, {
      as: orgAdmin,
      body: { bpmnXml: approval },
    });
    expect(deployed.statusCode, deployed.body).toBe(201);
    officer = await t.login('xihu.officer');
    leader = await t.login('xihu.leader');
  });
  afterAll(() => t?.close());

  const start = async (variables: Record<string, unknown> = {}) => {
    const response = await t.request('POST', '/api/v1/workflow/instances', { as: officer, body: { itemId, variables } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const openTask = async (as: Session, instanceId: string) =>
    ((await t.request('GET', '/api/v1/workflow/tasks', { as })).json().items as { id: string; instanceId: string; nodeId: string }[]).find(
      (x) => x.instanceId === instanceId,
    );

  it('runs an approval through a gateway, a parallel split, a service task and a join to its end', async () => {
    const instance = await start({ applicant: '杭州西湖云帆餐饮有限公司' });
    expect(instance).toMatchObject({ status: 'running', activeNodeIds: ['review'] });
    const review = await openTask(officer, instance.id);
    expect(review!.nodeId).toBe('review');
    expect(await openTask(leader, instance.id)).toBeDefined(); // leaders are staff too

    expect((await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/claim`, { as: officer })).json().assignee).toBeTruthy();
    const colleague = await t.login('yuhang.officer'); // another county: not even a candidate
    expect(
      (await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, { as: colleague, body: { variables: {} } })).statusCode,
    ).toBe(403);
    const claimedByOther = await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/claim`, { as: leader }); // a candidate, but it is taken
    expect(claimedByOther.statusCode).toBe(409);
    expect(claimedByOther.json().error.code).toBe('workflow.task_claimed');
    expect(await openTask(leader, instance.id)).toBeUndefined(); // claimed: only the assignee sees it
    const done = await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, {
      as: officer,
      body: { variables: { approved: true } },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'completed',
      instanceStatus: 'running',
      nextTasks: [{ nodeId: 'sign', name: '领导审批' }],
    });

    let state = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json();
    expect(state.status).toBe('running');
    expect(state.variables.notified).toContain(instance.id); // the notification ran
    expect(await openTask(officer, instance.id)).toBeUndefined(); // 领导审批 is for leaders
    const sign = await openTask(leader, instance.id);
    expect(sign!.nodeId).toBe('sign');
    await t.request('POST', `/api/v1/workflow/tasks/${sign!.id}/complete`, { as: leader, body: { variables: { opinion: '同意' } } });

    state = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json();
    expect(state.status).toBe('completed');
    expect(state.activeNodeIds).toEqual([]);
    expect(state.history.map((h: { action: string; nodeId: string | null }) => `${h.action}:${h.nodeId ?? ''}`)).toEqual([
      'instance.start:',
      'task.create:review',
      'task.claim:review',
      'task.complete:review',
      'service.run:notify',
      'task.create:sign',
      'task.complete:sign',
      'node.join:join',
      'node.end:granted',
      'instance.complete:',
    ]);
    const effects = await sql<{ n: string }>`select count(*) as n from wf_effects where key like ${`${instance.id}:%`}`.execute(
      t.node.db.kysely,
    );
    expect(Number(effects.rows[0]!.n)).toBe(1);
  });

  it('takes the default branch when the condition does not hold', async () => {
    const instance = await start();
    const review = await openTask(officer, instance.id);
    await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, { as: officer, body: { variables: { approved: false } } });
    const state = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json();
    expect(state.status).toBe('completed');
    expect(state.history.at(-2)).toMatchObject({ action: 'node.end', nodeId: 'rejected' });
  });

  it('lets a leader who monitors the process read a task another holds — read only, no prefill, no completing', async () => {
    const instance = await start();
    const review = await openTask(officer, instance.id);
    await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/claim`, { as: officer });
    const read = await t.request('GET', `/api/v1/workflow/tasks/${review!.id}`, { as: leader });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: review!.id, status: 'open', mayAct: false });
    expect((await t.request('GET', `/api/v1/workflow/tasks/${review!.id}`, { as: officer })).json().mayAct).toBe(true);
    expect((await t.request('GET', `/api/v1/workflow/tasks/${review!.id}/prefill`, { as: leader })).statusCode).toBe(403);
    const complete = await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, {
      as: leader,
      body: { variables: { approved: true } },
    });
    expect(complete.statusCode).toBe(409); // taken by the officer
    // someone of another county who neither works nor monitors it still may not read it
    expect((await t.request('GET', `/api/v1/workflow/tasks/${review!.id}`, { as: await t.login('yuhang.officer') })).statusCode).toBe(403);
  });

  it('refuses someone outside the candidates (403, audited), and a second completion (409)', async () => {
    const instance = await start();
    const review = await openTask(officer, instance.id);
    const outsider = await t.login('yinzhou.officer');
    const before = await given(t).refusals();
    const refused = await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, {
      as: outsider,
      body: { variables: { approved: true } },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('workflow.not_a_candidate');
    expect(await given(t).refusals()).toBe(before + 1);
    expect(
      ((await t.request('GET', '/api/v1/workflow/tasks', { as: outsider })).json().items as { instanceId: string }[]).some(
        (x) => x.instanceId === instance.id,
      ),
    ).toBe(false);

    expect(
      (await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, { as: officer, body: { variables: { approved: false } } }))
        .statusCode,
    ).toBe(200);
    const twice = await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, {
      as: officer,
      body: { variables: { approved: true } },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('workflow.task_closed');
  });

  it('completes a task once when two completions arrive at the same moment: one 200, one 409, one step in the history', async () => {
    const instance = await start();
    const review = await openTask(officer, instance.id);
    const both = await Promise.all(
      [true, false].map((approved) =>
        t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, { as: officer, body: { variables: { approved } } }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const state = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json();
    const completions = (state.history as { action: string; details: { taskId?: string } }[]).filter(
      (h) => h.action === 'task.complete' && h.details.taskId === review!.id,
    );
    expect(completions).toHaveLength(1);
    // the instance went the winner's way: approved goes on to the next task, refused ends
    const approvedWon = both[0]!.statusCode === 200;
    expect(state.status).toBe(approvedWon ? 'running' : 'completed');
  });

  it('keeps running instances on the version they started with', async () => {
    const orgAdmin = await t.login('xihu.orgadmin');
    const instance = await start();
    const v2 = approval.replace('窗口受理', '窗口受理（新版）');
    expect(
      (await t.request('POST', `/api/v1/model/items/${itemId}/process-versions`, { as: orgAdmin, body: { bpmnXml: v2 } })).json().version,
    ).toBe(2);
    const review = await openTask(officer, instance.id);
    await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, { as: officer, body: { variables: { approved: false } } });
    expect((await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json().status).toBe('completed');
    const fresh = await start();
    const next = await openTask(officer, fresh.id);
    expect((await t.request('GET', `/api/v1/workflow/tasks/${next!.id}`, { as: officer })).json().name).toBe('窗口受理（新版）');
  });

  it('a colleague of the same county outside the candidate group can neither claim nor complete (403, audited)', async () => {
    const instance = await start();
    const review = await openTask(officer, instance.id);
    await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, { as: officer, body: { variables: { approved: true } } });
    const sign = await openTask(leader, instance.id);
    expect(sign!.nodeId).toBe('sign'); // candidateGroups="leader"
    const before = await given(t).refusals();
    const claim = await t.request('POST', `/api/v1/workflow/tasks/${sign!.id}/claim`, { as: officer });
    expect(claim.statusCode).toBe(403);
    expect(claim.json().error.code).toBe('workflow.not_a_candidate');
    const complete = await t.request('POST', `/api/v1/workflow/tasks/${sign!.id}/complete`, { as: officer, body: { variables: {} } });
    expect(complete.statusCode).toBe(403);
    expect(await given(t).refusals()).toBe(before + 2);
    expect(await openTask(officer, instance.id)).toBeUndefined();
    const after = (await t.request('GET', `/api/v1/workflow/instances/${instance.id}`, { as: officer })).json();
    expect(after.openTasks.map((x: { nodeId: string }) => x.nodeId)).toEqual(['sign']); // nothing moved
  });
});
