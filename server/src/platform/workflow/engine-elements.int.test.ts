import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

/** One BPMN model per element the engine runs, each driven through the HTTP API as people would. */
const bpmn = (id: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:zhili="http://zhili.gov.cn/bpmn" id="d_${id}" targetNamespace="x">
  <bpmn:process id="${id}" name="${id}" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
const flow = (id: string, from: string, to: string, condition?: string) =>
  condition
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const task = (id: string, name: string, extra = '') =>
  `<bpmn:userTask id="${id}" name="${name}" camunda:candidateGroups="staff" ${extra} />`;
const timer = (kind: 'timeDuration' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

const hour = 3600_000;

describe.each(testDatabases())('BPMN elements on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  let officer: Session;
  let colleague: Session;
  let unitId: string;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('xihu.orgadmin');
    officer = await t.login('xihu.officer');
    colleague = await t.login('xihu.leader');
    orgId = await given(t).orgId('xihu-zf');
    const add = async (body: Record<string, unknown>) =>
      (await t.request('POST', '/api/v1/model/nodes', { as: admin, body: { orgId, ...body } })).json();
    const core = await add({ parentId: null, level: 'core', name: '要素测试' });
    const module = await add({ parentId: core.id, level: 'module', name: '模块' });
    unitId = (await add({ parentId: module.id, level: 'unit', name: '单元' })).id;
  });
  afterAll(() => t?.close());

  let itemCount = 0;
  /** A fresh item with this process deployed (and a form and a time limit, when given). */
  const deploy = async (xml: string, extra: { form?: Record<string, unknown>; timeLimitDays?: number } = {}) => {
    itemCount += 1;
    const item = (
      await t.request('POST', '/api/v1/model/nodes', {
        as: admin,
        body: { orgId, parentId: unitId, level: 'item', name: `事项${itemCount}`, itemType: 'service' },
      })
    ).json();
    const deployed = await t.request('POST', `/api/v1/model/items/${item.id}/process-versions`, { as: admin, body: { bpmnXml: xml } });
    expect(deployed.statusCode, deployed.body).toBe(201);
    if (extra.form) {
      const form = await t.request('POST', `/api/v1/model/items/${item.id}/form-versions`, { as: admin, body: { schema: extra.form } });
      expect(form.statusCode, form.body).toBe(201);
    }
    if (extra.timeLimitDays) {
      const profile = await t.request('PUT', `/api/v1/model/items/${item.id}/profile`, {
        as: admin,
        body: { indicators: [], dataNeeds: [], timeLimitDays: extra.timeLimitDays },
      });
      expect(profile.statusCode, profile.body).toBe(200);
    }
    return item.id as string;
  };
  const start = async (itemId: string, variables: Record<string, unknown> = {}, businessKey?: string) => {
    const response = await t.request('POST', '/api/v1/workflow/instances', { as: officer, body: { itemId, variables, businessKey } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const instance = async (id: string) => (await t.request('GET', `/api/v1/workflow/instances/${id}`, { as: officer })).json();
  const tasksOf = async (instanceId: string, as = officer) =>
    ((await t.request('GET', '/api/v1/workflow/tasks', { as })).json().items as Record<string, unknown>[]).filter(
      (x) => x.instanceId === instanceId,
    ) as { id: string; nodeId: string; name: string; multiInstance: { index: number; total: number } | null }[];
  const complete = async (taskId: string, variables: Record<string, unknown> = {}, as = officer) =>
    t.request('POST', `/api/v1/workflow/tasks/${taskId}/complete`, { as, body: { variables } });
  const later = (ms: number) => new Date(Date.now() + ms);

  it('waits at an intermediate timer and goes on when it fires', async () => {
    const itemId = await deploy(
      bpmn(
        'timer_catch',
        `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="wait" name="等待公示期">${timer('timeDuration', 'PT2H')}</bpmn:intermediateCatchEvent>
        ${task('after', '公示后审核')}<bpmn:endEvent id="e" />${flow('a', 's', 'wait')}${flow('b', 'wait', 'after')}${flow('c', 'after', 'e')}`,
      ),
    );
    const started = await start(itemId);
    expect(started.activeNodeIds).toEqual(['wait']);
    expect(await t.node.workflow.fireDueTimers(later(hour))).toBe(0); // not yet due
    expect(await t.node.workflow.fireDueTimers(later(2 * hour + 1000))).toBeGreaterThanOrEqual(1);
    const now = await instance(started.id);
    expect(now.activeNodeIds).toEqual(['after']);
    expect(now.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['timer.schedule', 'timer.fire']));
  });

  it('an interrupting boundary timer takes the task away and goes another way', async () => {
    const itemId = await deploy(
      bpmn(
        'boundary_interrupting',
        `<bpmn:startEvent id="s" />${task('review', '审核')}
        <bpmn:boundaryEvent id="late" attachedToRef="review">${timer('timeDuration', 'P1D')}</bpmn:boundaryEvent>
        ${task('escalated', '超时督办')}<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
        ${flow('a', 's', 'review')}${flow('b', 'review', 'e1')}${flow('c', 'late', 'escalated')}${flow('d', 'escalated', 'e2')}`,
      ),
    );
    const started = await start(itemId);
    const [review] = await tasksOf(started.id);
    await t.node.workflow.fireDueTimers(later(25 * hour));
    const tasks = await tasksOf(started.id);
    expect(tasks.map((x) => x.nodeId)).toEqual(['escalated']);
    const gone = await complete(review!.id);
    expect(gone.statusCode).toBe(409); // cancelled by the timer
    expect(gone.json().error.code).toBe('workflow.task_closed');
  });

  it('a completed task cancels its boundary timer', async () => {
    const itemId = await deploy(
      bpmn(
        'boundary_cancelled',
        `<bpmn:startEvent id="s" />${task('review', '审核')}
        <bpmn:boundaryEvent id="late" attachedToRef="review">${timer('timeDuration', 'PT1H')}</bpmn:boundaryEvent>
        ${task('next', '下一步')}${task('escalated', '超时督办')}<bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
        ${flow('a', 's', 'review')}${flow('b', 'review', 'next')}${flow('b2', 'next', 'e1')}${flow('c', 'late', 'escalated')}${flow('d', 'escalated', 'e2')}`,
      ),
    );
    const started = await start(itemId);
    const [review] = await tasksOf(started.id);
    expect((await complete(review!.id)).statusCode).toBe(200);
    await t.node.workflow.fireDueTimers(later(2 * hour));
    expect((await tasksOf(started.id)).map((x) => x.nodeId)).toEqual(['next']);
  });

  it('a non-interrupting cycle timer reminds three times and leaves the task open', async () => {
    const itemId = await deploy(
      bpmn(
        'boundary_cycle',
        `<bpmn:startEvent id="s" />${task('review', '审核')}
        <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false">${timer('timeCycle', 'R3/PT1H')}</bpmn:boundaryEvent>
        <bpmn:serviceTask id="notify" name="催办短信" camunda:topic="notification" />
        <bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
        ${flow('a', 's', 'review')}${flow('b', 'review', 'e1')}${flow('c', 'remind', 'notify')}${flow('d', 'notify', 'e2')}`,
      ),
    );
    const started = await start(itemId);
    for (const hours of [1, 2, 3, 4, 5]) await t.node.workflow.fireDueTimers(later(hours * hour + 1000));
    const now = await instance(started.id);
    expect(now.history.filter((h: { action: string }) => h.action === 'service.run')).toHaveLength(3);
    expect(now.activeNodeIds).toEqual(['review']);
    expect(now.status).toBe('running');
  });

  it('a message event waits for its correlation key', async () => {
    const itemId = await deploy(
      bpmn(
        'message_catch',
        `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="paid" name="缴费到账" zhili:correlationKey="\${orderNo}">
          <bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
        ${task('issue', '发证')}<bpmn:endEvent id="e" />${flow('a', 's', 'paid')}${flow('b', 'paid', 'issue')}${flow('c', 'issue', 'e')}`,
      ).replace('</bpmn:definitions>', '<bpmn:message id="m" name="缴费到账" /></bpmn:definitions>'),
    );
    const first = await start(itemId, { orderNo: 'JF001' });
    const second = await start(itemId, { orderNo: 'JF002' });
    const wrong = await t.request('POST', '/api/v1/workflow/messages', {
      as: officer,
      body: { name: '缴费到账', correlationKey: 'JF999' },
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('workflow.no_subscription');
    const delivered = await t.request('POST', '/api/v1/workflow/messages', {
      as: officer,
      body: { name: '缴费到账', correlationKey: 'JF002', variables: { amount: 300 } },
    });
    expect(delivered.json()).toMatchObject({ instanceId: second.id, delivered: true });
    expect((await instance(second.id)).activeNodeIds).toEqual(['issue']);
    expect((await instance(second.id)).variables.amount).toBe(300);
    expect((await instance(first.id)).activeNodeIds).toEqual(['paid']);
  });

  it('a call activity runs the called item and comes back with its variables', async () => {
    const childId = await deploy(
      bpmn(
        'child_check',
        `<bpmn:startEvent id="s" />${task('check', '协同部门核查')}<bpmn:endEvent id="e" />${flow('a', 's', 'check')}${flow('b', 'check', 'e')}`,
      ),
    );
    const parentItem = await deploy(
      bpmn(
        'parent_call',
        `<bpmn:startEvent id="s" /><bpmn:callActivity id="call" name="部门协同" calledElement="${childId}" />
        ${task('finish', '办结')}<bpmn:endEvent id="e" />${flow('a', 's', 'call')}${flow('b', 'call', 'finish')}${flow('c', 'finish', 'e')}`,
      ),
    );
    const parent = await start(parentItem, { applicant: '张三' });
    expect(parent.activeNodeIds).toEqual(['call']);
    const childCall = parent.history.find((h: { action: string }) => h.action === 'call.start');
    const childInstance = await instance(childCall.details.childInstanceId);
    expect(childInstance).toMatchObject({ parentInstanceId: parent.id, status: 'running', variables: { applicant: '张三' } });
    const [check] = await tasksOf(childInstance.id);
    expect((await complete(check!.id, { checked: true })).statusCode).toBe(200);
    const after = await instance(parent.id);
    expect(after.activeNodeIds).toEqual(['finish']);
    expect(after.variables.checked).toBe(true);
  });

  it('a process id as calledElement works too, and a missing one is refused at start', async () => {
    const missing = await deploy(
      bpmn(
        'call_missing',
        `<bpmn:startEvent id="s" /><bpmn:callActivity id="call" calledElement="no_such_process" /><bpmn:endEvent id="e" />
        ${flow('a', 's', 'call')}${flow('b', 'call', 'e')}`,
      ),
    );
    const refused = await t.request('POST', '/api/v1/workflow/instances', { as: officer, body: { itemId: missing, variables: {} } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'workflow.called_process_missing', details: { elementId: 'call' } });
    const byKey = await deploy(
      bpmn(
        'call_by_key',
        `<bpmn:startEvent id="s" /><bpmn:callActivity id="call" calledElement="child_check" /><bpmn:endEvent id="e" />
        ${flow('a', 's', 'call')}${flow('b', 'call', 'e')}`,
      ),
    );
    const started = await start(byKey);
    expect(started.history.map((h: { action: string }) => h.action)).toContain('call.start');
  });

  const countersign = (id: string, completion: string, sequential = false) =>
    bpmn(
      id,
      `<bpmn:startEvent id="s" />
      <bpmn:userTask id="sign" name="会签" camunda:assignee="\${signer}">
        <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}" camunda:collection="signers" camunda:elementVariable="signer">
          ${completion ? `<bpmn:completionCondition>${completion}</bpmn:completionCondition>` : ''}
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:userTask>
      ${task('after', '会签后')}<bpmn:endEvent id="e" />${flow('a', 's', 'sign')}${flow('b', 'sign', 'after')}${flow('c', 'after', 'e')}`,
    );

  it('会签 all: one task per signer, each assigned, the process waits for every one', async () => {
    const signers = [officer.me.id, colleague.me.id, await given(t).accountId('xihu.dataofficer')];
    const started = await start(await deploy(countersign('mi_all', '')), { signers });
    const mine = await tasksOf(started.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.multiInstance).toMatchObject({ total: 3 });
    expect((await tasksOf(started.id, colleague)).map((x) => x.nodeId)).toEqual(['sign']);
    expect((await complete(mine[0]!.id, { approved: true })).json().instanceStatus).toBe('running');
    const theirs = (await tasksOf(started.id, colleague))[0]!;
    expect((await complete(theirs.id, { approved: true }, colleague)).json().nextTasks.map((x: { nodeId: string }) => x.nodeId)).toEqual([
      'sign',
    ]);
    const third = await t.login('xihu.dataofficer');
    const last = (await tasksOf(started.id, third))[0]!;
    const done = (await complete(last.id, { approved: false }, third)).json();
    expect(done.nextTasks.map((x: { nodeId: string }) => x.nodeId)).toEqual(['after']);
    expect((await instance(started.id)).variables).toMatchObject({ nrOfApproved: 2, nrOfRejected: 1, nrOfInstances: 3 });
  });

  it('会签 any: the first completion closes the others', async () => {
    const started = await start(await deploy(countersign('mi_any', '${nrOfCompletedInstances >= 1}')), {
      signers: [officer.me.id, colleague.me.id],
    });
    const mine = (await tasksOf(started.id))[0]!;
    const answer = (await complete(mine.id, { approved: true })).json();
    expect(answer.nextTasks.map((x: { nodeId: string }) => x.nodeId)).toEqual(['after']); // the answer leaves out what the step closed
    expect((await tasksOf(started.id, colleague)).map((x) => x.nodeId)).toEqual(['after']); // their 会签 task is gone
    expect((await instance(started.id)).activeNodeIds).toEqual(['after']);
  });

  it('会签 by share, in sequence: two of three approvals are enough', async () => {
    const third = await given(t).accountId('xihu.dataofficer');
    const started = await start(await deploy(countersign('mi_share', '${nrOfApproved / nrOfInstances >= 0.6}', true)), {
      signers: [officer.me.id, colleague.me.id, third],
    });
    expect(await tasksOf(started.id, colleague)).toEqual([]); // sequential: the officer first
    await complete((await tasksOf(started.id))[0]!.id, { approved: true });
    const second = (await tasksOf(started.id, colleague))[0]!;
    expect(second.multiInstance).toEqual({ index: 2, total: 3 });
    await complete(second.id, { approved: true }, colleague);
    expect((await instance(started.id)).activeNodeIds).toEqual(['after']);
  });

  it('an inclusive gateway runs every branch whose condition holds and joins only those', async () => {
    const itemId = await deploy(
      bpmn(
        'inclusive',
        `<bpmn:startEvent id="s" /><bpmn:inclusiveGateway id="fork" default="toFood" /><bpmn:inclusiveGateway id="merge" />
        ${task('food', '食品核查')}${task('fire', '消防核查')}${task('env', '环保核查')}${task('issue', '发证')}<bpmn:endEvent id="e" />
        ${flow('a', 's', 'fork')}${flow('toFood', 'fork', 'food')}${flow('toFire', 'fork', 'fire', '${area > 300}')}${flow('toEnv', 'fork', 'env', '${noisy}')}
        ${flow('f1', 'food', 'merge')}${flow('f2', 'fire', 'merge')}${flow('f3', 'env', 'merge')}${flow('g', 'merge', 'issue')}${flow('h', 'issue', 'e')}`,
      ),
    );
    const two = await start(itemId, { area: 500, noisy: true });
    expect([...two.activeNodeIds].sort()).toEqual(['env', 'fire']);
    const [first, second] = await tasksOf(two.id);
    const afterFirst = (await complete(first!.id)).json();
    expect(afterFirst).toMatchObject({ instanceStatus: 'running', nextTasks: [{ id: second!.id, nodeId: second!.nodeId }] }); // the other branch's task
    expect((await instance(two.id)).activeNodeIds).not.toContain('issue'); // waits for the other branch
    await complete(second!.id);
    expect((await instance(two.id)).activeNodeIds).toEqual(['issue']);
    const none = await start(itemId, { area: 100, noisy: false });
    expect(none.activeNodeIds).toEqual(['food']); // the default flow
    await complete((await tasksOf(none.id))[0]!.id);
    expect((await instance(none.id)).activeNodeIds).toEqual(['issue']);
    const last = (await complete((await tasksOf(none.id))[0]!.id)).json();
    expect(last).toMatchObject({ instanceStatus: 'completed', nextTasks: [] });
  });

  const twoSteps = bpmn(
    'two_steps',
    `<bpmn:startEvent id="s" />${task('accept', '受理')}${task('review', '审核')}<bpmn:endEvent id="e" />
    ${flow('a', 's', 'accept')}${flow('b', 'accept', 'review')}${flow('c', 'review', 'e')}`,
  );

  it('退回 sends a task back to the person who did the earlier step; 转办 hands it to a colleague; comments stay in the history', async () => {
    const itemId = await deploy(twoSteps);
    const started = await start(itemId);
    const accept = (await tasksOf(started.id))[0]!;
    await complete(accept.id, { note: '材料齐全' });
    const review = (await tasksOf(started.id, colleague))[0]!;
    const detail = (await t.request('GET', `/api/v1/workflow/tasks/${review.id}`, { as: colleague })).json();
    expect(detail.returnTargets).toEqual([{ nodeId: 'accept', name: '受理' }]);
    const noComment = await t.request('POST', `/api/v1/workflow/tasks/${review.id}/return`, { as: colleague, body: { comment: '' } });
    expect(noComment.statusCode).toBe(400);
    const returned = await t.request('POST', `/api/v1/workflow/tasks/${review.id}/return`, {
      as: colleague,
      body: { comment: '缺少营业执照副本' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const back = (await tasksOf(started.id))[0]!;
    expect(back).toMatchObject({ nodeId: 'accept', assignee: officer.me.id });
    expect(await tasksOf(started.id, colleague)).toEqual([]); // assigned to the officer alone

    const outsider = await given(t).accountId('yuhang.officer');
    const refused = await t.request('POST', `/api/v1/workflow/tasks/${back.id}/delegate`, { as: officer, body: { accountId: outsider } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('workflow.delegate_not_allowed');
    const handed = await t.request('POST', `/api/v1/workflow/tasks/${back.id}/delegate`, {
      as: officer,
      body: { accountId: colleague.me.id, comment: '请代为受理' },
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().assignee).toBe(colleague.me.id);
    expect((await complete(back.id)).statusCode).toBe(409); // no longer the officer's
    const commented = await t.request('POST', `/api/v1/workflow/tasks/${back.id}/comments`, {
      as: colleague,
      body: { text: '已电话联系申请人' },
    });
    expect(commented.statusCode).toBe(201);
    const history = (await instance(started.id)).history as { action: string; details: Record<string, unknown> }[];
    expect(history.find((h) => h.action === 'task.return')!.details).toMatchObject({ to: 'accept', comment: '缺少营业执照副本' });
    expect(history.find((h) => h.action === 'task.delegate')!.details).toMatchObject({ comment: '请代为受理' });
    expect(history.find((h) => h.action === 'comment')!.details).toMatchObject({ text: '已电话联系申请人' });
  });

  it('form data is checked against the item’s JSON Schema, in Chinese, and nothing changes when it fails', async () => {
    const itemId = await deploy(twoSteps.replace('name="受理"', 'name="受理" camunda:formKey="accept"'), {
      form: {
        type: 'object',
        required: ['applicant'],
        properties: { applicant: { type: 'string', title: '申请人', minLength: 2 } },
        $defs: {
          accept: {
            type: 'object',
            required: ['opinion', 'licence'],
            properties: { opinion: { type: 'string', minLength: 2 }, licence: { type: 'string', format: 'attachment' } },
            additionalProperties: false,
          },
        },
      },
    });
    const noApplicant = await t.request('POST', '/api/v1/workflow/instances', { as: officer, body: { itemId, variables: {} } });
    expect(noApplicant.statusCode).toBe(400);
    expect(noApplicant.json().error.details.issues).toEqual([{ path: ['applicant'], message: expect.stringContaining('applicant') }]);
    const started = await start(itemId, { applicant: '王五' });
    const accept = (await tasksOf(started.id))[0]!;
    const detail = (await t.request('GET', `/api/v1/workflow/tasks/${accept.id}`, { as: officer })).json();
    expect(detail.form.schema.required).toEqual(['opinion', 'licence']);
    const bad = await complete(accept.id, { opinion: 'x', licence: 'att_notanid' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('workflow.form_invalid');
    const messages = bad
      .json()
      .error.details.issues.map((i: { message: string }) => i.message)
      .join(' ');
    expect(messages).toMatch(/不应少于 2 个字符/);
    expect(messages).toMatch(/格式/);
    const stranger = await complete(accept.id, { opinion: '同意受理', licence: 'att_00000000000000000000000000' });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.code).toBe('workflow.attachment_unknown');
    expect((await instance(started.id)).activeNodeIds).toEqual(['accept']); // nothing moved

    const pdf = Buffer.from('%PDF-1.7\n营业执照副本\n%%EOF');
    const upload = await t.request('POST', '/api/v1/workflow/attachments', {
      as: officer,
      body: pdf,
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('营业执照.pdf') },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachment = upload.json();
    expect(attachment).toMatchObject({ name: '营业执照.pdf', size: pdf.length, sm3: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await complete(accept.id, { opinion: '同意受理', licence: attachment.id })).statusCode).toBe(200);
    // the reviewer of the instance may read it now; someone from another county may not
    const read = await t.request('GET', `/api/v1/workflow/attachments/${attachment.id}`, { as: colleague });
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload.equals(pdf)).toBe(true);
    expect(read.headers['x-checksum-sm3']).toBe(attachment.sm3);
    const far = await t.login('yuhang.officer');
    expect((await t.request('GET', `/api/v1/workflow/attachments/${attachment.id}`, { as: far })).statusCode).toBe(403);
  });

  it('attachments are refused when their content, type or checksum is wrong', async () => {
    const send = (body: Buffer, type: string, checksum?: string) =>
      t.request('POST', '/api/v1/workflow/attachments', {
        as: officer,
        body,
        headers: { 'content-type': type, 'x-file-name': 'a.pdf', ...(checksum ? { 'x-checksum-sm3': checksum } : {}) },
      });
    expect((await send(Buffer.from('MZ not a pdf'), 'application/pdf')).statusCode).toBe(415);
    expect((await send(Buffer.from('#!/bin/sh'), 'application/x-sh')).statusCode).toBe(415);
    const mismatch = await send(Buffer.from('%PDF-1.7 x'), 'application/pdf', '0'.repeat(64));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('workflow.attachment_checksum');
    const tooBig = await send(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(20 * 1024 * 1024)]), 'application/pdf');
    expect(tooBig.statusCode).toBe(413);
  });

  it('承诺时限: warning at 80%, overdue at 100% with the leaders told, and 补正 stops the clock', async () => {
    const itemId = await deploy(twoSteps, { timeLimitDays: 5 });
    const started = await start(itemId);
    expect(started.timeState).toBe('normal');
    const due = new Date(started.dueAt);
    const workingDays = (due.getTime() - Date.now()) / (24 * hour);
    expect(workingDays).toBeGreaterThanOrEqual(5); // weekends and holidays only add days
    const [accept] = await tasksOf(started.id);
    expect(accept).toMatchObject({ dueAt: started.dueAt, timeState: 'normal' });

    await t.node.workflow.checkDeadlines(new Date(due.getTime() - 1000));
    expect((await instance(started.id)).timeState).toBe('warning');
    await t.node.workflow.checkDeadlines(new Date(due.getTime() + 1000));
    const late = await instance(started.id);
    expect(late.timeState).toBe('overdue');
    const escalation = late.history.find((h: { action: string }) => h.action === 'time.escalate');
    expect(escalation.details.leaders.length).toBeGreaterThan(0);
    const told = await sql<{ payload: { instanceId: string; leaderIds: string[] } }>`select payload from event_outbox
      where type = 'workflow.instance.overdue'`.execute(t.node.db.kysely);
    expect(told.rows.find((r) => r.payload.instanceId === started.id)?.payload.leaderIds).toContain(colleague.me.id);

    const paused = await start(itemId);
    const asked = await t.request('POST', `/api/v1/workflow/instances/${paused.id}/supplement-request`, {
      as: officer,
      body: { reason: '请补充身份证复印件' },
    });
    expect(asked.json()).toMatchObject({ clockPaused: true, timeState: 'paused', supplementReason: '请补充身份证复印件' });
    expect(
      (await t.request('POST', `/api/v1/workflow/instances/${paused.id}/supplement-request`, { as: officer, body: { reason: '再次' } }))
        .statusCode,
    ).toBe(409);
    await t.node.workflow.checkDeadlines(new Date(new Date(paused.dueAt).getTime() + 1000));
    expect((await instance(paused.id)).timeState).toBe('paused'); // a paused clock never runs late
    const resumed = (
      await t.request('POST', `/api/v1/workflow/instances/${paused.id}/supplement`, { as: officer, body: { variables: { idCopy: true } } })
    ).json();
    expect(resumed).toMatchObject({ clockPaused: false, timeState: 'normal' });
    expect(new Date(resumed.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(paused.dueAt).getTime());
    expect(resumed.variables.idCopy).toBe(true);
  });

  it('the holiday calendar is read by staff and edited only at province level', async () => {
    const year = (await t.request('GET', '/api/v1/workflow/calendar?year=2026', { as: officer })).json();
    expect(year.days).toEqual(expect.arrayContaining([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }]));
    expect(year.days).toEqual(expect.arrayContaining([{ date: '2026-02-14', kind: 'workday', name: '春节调休' }]));
    const county = await t.request('PUT', '/api/v1/workflow/calendar/days/2026-12-31', {
      as: admin, // an org admin: no calendar rights
      body: { kind: 'holiday', name: '测试' },
    });
    expect(county.statusCode).toBe(403);
    const province = await t.login('admin');
    const set = await t.request('PUT', '/api/v1/workflow/calendar/days/2026-12-31', {
      as: province,
      body: { kind: 'holiday', name: '跨年' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await t.request('GET', '/api/v1/workflow/calendar?year=2026', { as: officer })).json().days).toEqual(
      expect.arrayContaining([{ date: '2026-12-31', kind: 'holiday', name: '跨年' }]),
    );
    expect(
      (await t.request('PUT', '/api/v1/workflow/calendar/days/2026-02-30', { as: province, body: { kind: 'holiday' } })).statusCode,
    ).toBe(400);
    expect((await t.request('DELETE', '/api/v1/workflow/calendar/days/2026-12-31', { as: province })).statusCode).toBe(204);
  });

  it('prefill hooks fill an application form and a task form; a step’s own part starts empty', async () => {
    const form = {
      type: 'object',
      properties: { applicant: { type: 'string' }, phone: { type: 'string' } },
      $defs: { check: { type: 'object', properties: { opinion: { type: 'string' } } } },
    };
    const itemId = await deploy(
      bpmn(
        'prefilled',
        `<bpmn:startEvent id="s" />${task('fix', '补正', 'camunda:formKey="whole"')}${task('check', '核查', 'camunda:formKey="check"')}<bpmn:endEvent id="e" />
        ${flow('a', 's', 'fix')}${flow('b', 'fix', 'check')}${flow('c', 'check', 'e')}`,
      ),
      { form },
    );
    const none = (await t.request('GET', `/api/v1/workflow/prefill?itemId=${itemId}`, { as: officer })).json();
    expect(none).toEqual({ values: {}, sources: [] }); // nothing registered: the data platform comes later
    t.node.workflow.registerPrefill(async ({ actor, schema }) => ({
      source: 'test-directory',
      values: schema && 'properties' in schema && 'phone' in (schema.properties as object) ? { phone: `${actor.displayName}的电话` } : {},
    }));
    const filled = (await t.request('GET', `/api/v1/workflow/prefill?itemId=${itemId}`, { as: officer })).json();
    expect(filled.sources).toEqual(['test-directory']);
    expect(filled.values.phone).toMatch(/的电话$/);
    const started = await start(itemId, { applicant: '赵六', opinion: '旧意见' });
    const fix = (await t.request('GET', `/api/v1/workflow/tasks/${started.openTasks[0].id}`, { as: officer })).json();
    expect(fix.form.values).toEqual({ applicant: '赵六' });
    expect((await t.request('GET', `/api/v1/workflow/tasks/${fix.id}/prefill`, { as: officer })).json().values.phone).toMatch(/的电话$/);
    await complete(fix.id, { applicant: '赵六', phone: '13800000000' });
    const check = (await tasksOf(started.id))[0]!;
    const detail = (await t.request('GET', `/api/v1/workflow/tasks/${check.id}`, { as: officer })).json();
    expect(detail.form.values).toEqual({}); // never another step's opinion
    const far = await t.login('yuhang.officer');
    expect((await t.request('GET', `/api/v1/workflow/prefill?itemId=${itemId}`, { as: far })).statusCode).toBe(403);
  });

  it('lists instances for monitoring newest first, page by page, none twice and none lost', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await t.request(
        'GET',
        `/api/v1/workflow/instances?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { as: admin },
      );
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: { id: string; startedAt: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const total = await sql<{ n: string }>`select count(*) as n from wf_instances where org_id = ${orgId}`.execute(t.node.db.kysely);
    expect(seen.length).toBe(Number(total.rows[0]!.n));
    const bad = await t.request('GET', '/api/v1/workflow/instances?cursor=2026-13-45T00:00:00Z|wfi_00000000000000000000000000', {
      as: admin,
    });
    expect(bad.statusCode).toBe(400);
  });
});
