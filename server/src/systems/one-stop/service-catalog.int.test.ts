import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

/** S2.1: services written by who manages the organisation, read by anyone, found in plain words. */
describe.each(testDatabases())('政务服务事项 on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  let orgId: string;
  const guide = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    name: '龙井茶园采摘体验许可（测试）',
    type: '行政许可',
    orgId,
    level: 'county',
    audience: 'enterprise',
    legalBasis: '《中华人民共和国食品安全法》第三十五条',
    conditions: ['申请人应当具有与经营的食品品种、数量相适应的经营场所'],
    materials: [
      { name: '食品经营许可申请书', form: '电子件', required: true },
      { name: '营业执照', form: '电子件', required: true, sharedFrom: { resource: '330000-SC-0001', field: 'credit_code' } },
    ],
    statutoryDays: 20,
    promisedDays: 10,
    fees: '不收费',
    onlineDepth: '跑零次',
    steps: ['申请', '受理', '审查', '决定', '送达'],
    keywords: ['采茶', '摘茶叶', '茶园体验'],
    theme: 'startClose',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('admin');
    orgId = await given(t).orgId('xihu-scjg');
  });
  afterAll(() => t?.close());

  it('publishes a guide anyone can read, with shared materials marked 免提交, and finds it by how people ask', async () => {
    const put = await t.request('PUT', '/api/v1/services/330106-TS-XK-901', { as: admin, body: guide('330106-TS-XK-901') });
    expect(put.statusCode, put.body).toBe(200);
    const read = await t.request('GET', '/api/v1/services/330106-TS-XK-901'); // no login
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      name: '龙井茶园采摘体验许可（测试）',
      orgName: '杭州市西湖区市场监督管理局',
      promisedDays: 10,
      materialsToSubmit: 1,
      materialsExempt: 1,
    });
    expect(read.json().materials[1]).toMatchObject({
      name: '营业执照',
      exempt: true,
      // the data that stands in for it, named with the department that holds it
      sharedFrom: { resource: '330000-SC-0001', resourceName: '企业登记信息', orgName: '浙江省市场监督管理局' },
    });
    for (const q of ['去茶园摘茶叶', '采茶 许可', 'longjing', '龙井茶园采摘许克']) {
      const found = (await t.request('GET', `/api/v1/services?q=${encodeURIComponent(q)}`)).json();
      expect(
        found.items.slice(0, 3).map((i: { code: string }) => i.code),
        q,
      ).toContain('330106-TS-XK-901');
    }
    const nothing = (await t.request('GET', `/api/v1/services?q=${encodeURIComponent('量子计算机')}`)).json();
    expect(nothing.items.map((i: { code: string }) => i.code)).not.toContain('330106-TS-XK-901');
  });

  it('answers the demo province’s plain questions: 生孩子要办什么, 开饭店', async () => {
    const top3 = async (q: string) =>
      (
        (await t.request('GET', `/api/v1/services?q=${encodeURIComponent(q)}&limit=3`)).json().items as { code: string; name: string }[]
      ).map((i) => i.name);
    expect((await top3('生孩子要办什么')).some((name) => /出生|生育/.test(name))).toBe(true);
    expect((await top3('开饭店')).some((name) => /食品经营许可|企业设立|个体工商户/.test(name))).toBe(true);
    expect((await top3('gongjijin')).some((name) => name.includes('公积金'))).toBe(true);
  });

  it('refuses bad guides and people who do not manage the organisation', async () => {
    const longer = await t.request('PUT', '/api/v1/services/330106-TS-XK-902', {
      as: admin,
      body: guide('330106-TS-XK-902', { promisedDays: 30 }),
    });
    expect(longer.statusCode).toBe(400);
    expect(JSON.stringify(longer.json())).toContain('承诺办结时限');
    const mismatch = await t.request('PUT', '/api/v1/services/330106-TS-XK-903', { as: admin, body: guide('330106-TS-XK-904') });
    expect(mismatch.statusCode).toBe(400);
    const other = await t.request('PUT', '/api/v1/services/330106-TS-XK-905', {
      as: await t.login('yinzhou.orgadmin'),
      body: guide('330106-TS-XK-905'),
    });
    expect(other.statusCode).toBe(403);
    expect((await t.request('PUT', '/api/v1/services/330106-TS-XK-906', { body: guide('330106-TS-XK-906') })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/services/330106-TS-XK-999')).statusCode).toBe(404);
  });
});
