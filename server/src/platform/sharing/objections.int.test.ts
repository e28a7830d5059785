import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizens = generateCitizens().slice(60, 63);

/** P2.5 数据异议: raised by a consumer holding a grant, answered by the owner in a workflow task, the loop closed for both. */
describe.each(testDatabases())('data objections on %s', (kind) => {
  let t: TestNode;
  let owner: Session;
  let consumer: Session;
  let resourceId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    const admin = await t.login('admin');
    owner = await t.login('hz.dataofficer');
    consumer = await t.login('xihu.dataofficer');
    resourceId = (
      await t.request('POST', '/api/v1/catalog/resources', {
        as: owner,
        body: {
          orgId: owner.me.orgId,
          code: '330100-SJ-0900',
          name: '杭州市残疾人证信息',
          domain: 'shared',
          shareType: 'conditional',
          openType: 'none',
          updateFrequency: 'daily',
          fields: [
            { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L3', key: true },
            { name: 'holder_name', label: '姓名', type: 'string', grade: 'L3' },
            { name: 'disability_level', label: '残疾等级', type: 'string', grade: 'L2' },
            { name: 'issuer', label: '发证机关', type: 'string', grade: 'L1' },
          ],
        },
      })
    ).json().id;
    await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: owner,
      body: {
        records: citizens.map((c) => ({ id_number: c.idNumber, holder_name: c.name, disability_level: '二级', issuer: '杭州市残联' })),
      },
    });
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['残疾人服务', '两项补贴', '资格核验', '残疾等级核验'] });
    const request = (
      await t.request('POST', '/api/v1/sharing/requests', {
        as: consumer,
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
    await t.request('POST', `/api/v1/workflow/tasks/${task.id}/complete`, { as: owner, body: { variables: { approved: true } } });
  });
  afterAll(() => t?.close());

  it('a consumer flags a record, the owner answers in a task, both see the answer; the key stays masked for the consumer', async () => {
    const raised = await t.request('POST', '/api/v1/sharing/objections', {
      as: consumer,
      body: {
        resourceId,
        keyField: 'id_number',
        keyValue: citizens[1]!.idNumber,
        field: 'disability_level',
        description: '申请人持新证为三级，库中仍为二级',
      },
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const objection = raised.json();
    expect(objection).toMatchObject({ status: 'open', side: 'consumer', field: 'disability_level' });
    expect(objection.keyValue).toBe(`${citizens[1]!.idNumber.slice(0, 4)}**********${citizens[1]!.idNumber.slice(-4)}`);

    const seen = (await t.request('GET', `/api/v1/sharing/objections/${objection.id}`, { as: owner })).json();
    expect(seen).toMatchObject({ side: 'owner', keyValue: citizens[1]!.idNumber }); // the owner finds the record by it
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: owner })).json().items as {
      id: string;
      instanceId: string;
      name: string;
      dueAt: string | null;
    }[];
    const task = tasks.find((x) => x.instanceId === objection.instanceId);
    expect(task).toMatchObject({ name: '核实并答复数据异议' });
    const noAnswer = await t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, {
      as: owner,
      body: { variables: { accepted: true } },
    });
    expect(noAnswer.statusCode).toBe(400); // an answer is required
    const done = await t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, {
      as: owner,
      body: { variables: { accepted: true, corrected: true, answer: '经核实已更正为三级，并通知源系统' } },
    });
    expect(done.statusCode, done.body).toBe(200);
    const closed = (await t.request('GET', `/api/v1/sharing/objections/${objection.id}`, { as: consumer })).json();
    expect(closed).toMatchObject({ status: 'accepted', corrected: true, answer: '经核实已更正为三级，并通知源系统' });
    expect(closed.answeredAt).not.toBeNull();
    const mine = (await t.request('GET', '/api/v1/sharing/objections?status=accepted', { as: consumer })).json().items;
    expect(mine.map((o: { id: string }) => o.id)).toContain(objection.id);
  });

  it('refuses an organisation without a grant, a field beyond the grant, a record that does not exist, and staff', async () => {
    const body = { resourceId, keyField: 'id_number', keyValue: citizens[0]!.idNumber, description: '姓名有误' };
    const stranger = await t.request('POST', '/api/v1/sharing/objections', { as: await t.login('yuhang.dataofficer'), body });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error.code).toBe('sharing.objection_needs_grant');
    const field = await t.request('POST', '/api/v1/sharing/objections', { as: consumer, body: { ...body, field: 'holder_name' } });
    expect(field.statusCode).toBe(400);
    const missing = await t.request('POST', '/api/v1/sharing/objections', {
      as: consumer,
      body: { ...body, keyValue: '110101199003074258' },
    });
    expect(missing.statusCode).toBe(404);
    const staff = await t.request('POST', '/api/v1/sharing/objections', { as: await t.login('xihu.officer'), body });
    expect(staff.statusCode).toBe(403);
    const other = (await t.request('GET', '/api/v1/sharing/objections', { as: await t.login('yinzhou.dataofficer') })).json().items;
    expect(other).toEqual([]);
  });
});
