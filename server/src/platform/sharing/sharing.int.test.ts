import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

describe.each(testDatabases())('sharing requests on %s', (kind) => {
  let t: TestNode;
  let consumer: Session; // xihu.dataofficer, 西湖区数据资源管理局
  let owner: Session; // hz.dataofficer, 杭州市数据资源管理局
  let itemId: string;
  let resourceId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    consumer = await t.login('xihu.dataofficer');
    owner = await t.login('hz.dataofficer');
    const admin = await t.login('admin');
    itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['数据治理', '出生一件事', '材料核验', '出生医学证明核验'] });
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-SJ-0009',
        name: '杭州市新生儿信息',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'certificate_no', label: '出生医学证明编号', type: 'string', grade: 'L2', key: true },
          { name: 'baby_name', label: '新生儿姓名', type: 'string', grade: 'L3' },
          { name: 'mother_id_number', label: '母亲身份证号', type: 'id_number', grade: 'L4', key: true },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    resourceId = created.json().id;
  });
  afterAll(() => t?.close());

  const ask = (body: Record<string, unknown>, as = consumer) =>
    t.request('POST', '/api/v1/sharing/requests', {
      as,
      body: { itemId, purpose: '出生一件事：核验出生医学证明', legalBasis: '《浙江省公共数据条例》第二十条', ...body },
    });
  const grants = async () =>
    (await t.request('GET', `/api/v1/sharing/grants?orgId=${consumer.me.orgId}`, { as: consumer })).json().items as {
      requestId: string;
      fields: string[];
    }[];

  it('grants unconditionally shared fields of grade ≤ L2 at once', async () => {
    const open = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('企业名录公示')}`, { as: consumer })).json()
      .items[0];
    const response = await ask({ resourceId: open.id, fields: ['credit_code', 'enterprise_name'] });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ status: 'approved', automatic: true, instanceId: null });
    expect((await grants()).map((g) => g.requestId)).toContain(response.json().id);
  });

  it('runs the rest through the owner’s approval in the workflow engine; a refusal needs a reason; the granted need turns matched', async () => {
    const admin = await t.login('admin');
    await t.request('PUT', `/api/v1/model/items/${itemId}/profile`, {
      as: admin,
      body: { indicators: [], dataNeeds: [{ resource: '杭州市新生儿信息', field: '新生儿姓名' }] },
    });
    const need = async () => (await t.request('GET', `/api/v1/model/items/${itemId}`, { as: admin })).json().dataNeeds[0].status;
    expect(await need()).toBe('unmatched');
    const response = await ask({ resourceId, fields: ['certificate_no', 'baby_name'] });
    expect(response.json()).toMatchObject({ status: 'pending', automatic: false });
    const request = response.json();
    expect(request.instanceId).toMatch(/^wfi_/);
    const task = (
      (await t.request('GET', '/api/v1/workflow/tasks', { as: owner })).json().items as { id: string; instanceId: string; name: string }[]
    ).find((x) => x.instanceId === request.instanceId);
    expect(task!.name).toBe('数据提供方审核');
    expect(
      ((await t.request('GET', '/api/v1/workflow/tasks', { as: consumer })).json().items as { instanceId: string }[]).some(
        (x) => x.instanceId === request.instanceId,
      ),
    ).toBe(false);
    const noReason = await t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, {
      as: owner,
      body: { variables: { approved: false } },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('workflow.form_invalid');
    const approved = await t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, {
      as: owner,
      body: { variables: { approved: true, opinion: '同意' } },
    });
    expect(approved.json().instanceStatus).toBe('completed');
    expect((await t.request('GET', `/api/v1/sharing/requests/${request.id}`, { as: consumer })).json()).toMatchObject({
      status: 'approved',
    });
    expect((await grants()).find((g) => g.requestId === request.id)?.fields).toEqual(['certificate_no', 'baby_name']);
    expect(await need()).toBe('matched');
    const tree = (await t.request('GET', `/api/v1/model/tree?orgId=${consumer.me.orgId}`, { as: admin })).json();
    const item = tree.nodes[0].children[0].children[0].children[0];
    expect(item.itemStatus.dataNeedsMatched).toBe(true);
  });

  it('adds a security review for L4 fields, and records a refusal with its reason', async () => {
    const request = (await ask({ resourceId, fields: ['mother_id_number'] })).json();
    const tasksOf = async (as: Session) =>
      (
        (await t.request('GET', '/api/v1/workflow/tasks', { as })).json().items as { id: string; instanceId: string; name: string }[]
      ).filter((x) => x.instanceId === request.instanceId);
    const [review] = await tasksOf(owner);
    await t.request('POST', `/api/v1/workflow/tasks/${review!.id}/complete`, {
      as: owner,
      body: { variables: { approved: true, opinion: '业务需要' } },
    });
    const leader = await t.login('hz.leader');
    const [security] = await tasksOf(leader);
    expect(security!.name).toBe('安全审查');
    await t.request('POST', `/api/v1/workflow/tasks/${security!.id}/complete`, {
      as: leader,
      body: { variables: { approved: false, opinion: '身份证号可改用核验接口，不予共享明文' } },
    });
    const decided = (await t.request('GET', `/api/v1/sharing/requests/${request.id}`, { as: owner })).json();
    expect(decided).toMatchObject({ status: 'rejected', reason: '身份证号可改用核验接口，不予共享明文' });
    expect((await grants()).some((g) => g.requestId === request.id)).toBe(false);
  });

  it('refuses what may not be asked, and those who may not ask', async () => {
    expect((await ask({ resourceId, fields: ['no_such_field'] })).json().error.code).toBe('sharing.unknown_fields');
    const staff = await t.login('xihu.officer');
    expect((await ask({ resourceId, fields: ['certificate_no'] }, staff)).statusCode).toBe(403);
    const otherCounty = await t.login('yuhang.dataofficer'); // manages data, but the item is Xihu's
    expect((await ask({ resourceId, fields: ['certificate_no'] }, otherCounty)).statusCode).toBe(403);
    const someone = (await ask({ resourceId, fields: ['certificate_no'] })).json();
    expect((await t.request('GET', `/api/v1/sharing/requests/${someone.id}`, { as: otherCounty })).statusCode).toBe(403);
  });
});
