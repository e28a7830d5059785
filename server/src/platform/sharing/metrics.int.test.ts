import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

/** P3.5: the seeds' sharing metrics, counted from requests, grants, data needs and the gateway's log. */
describe.each(testDatabases())('sharing metrics on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let admin: Session;
  let owner: Session;
  let consumer: Session;

  const register = async (code: string, shareType: 'unconditional' | 'conditional') => {
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code,
        name: `指标测试 ${code}`,
        domain: 'shared',
        shareType,
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'code_no', label: '编号', type: 'string', grade: 'L1', key: true },
          { name: 'title', label: '名称', type: 'string', grade: 'L2' },
        ],
      },
    });
    const id = created.json().id as string;
    await t.request('PUT', `/api/v1/catalog/resources/${id}/records`, { as: owner, body: { records: [{ code_no: 'A1', title: '甲' }] } });
    return id;
  };
  const ask = async (resourceId: string, itemId: string) =>
    (
      await t.request('POST', '/api/v1/sharing/requests', {
        as: consumer,
        body: { resourceId, itemId, fields: ['code_no', 'title'], purpose: '指标测试用途', legalBasis: '公共数据条例' },
      })
    ).json();
  const appToken = (orgSlug: string) => given(t).appToken(orgSlug);

  beforeAll(async () => {
    t = await startTestNode(kind);
    base = await t.listen();
    admin = await t.login('admin');
    owner = await t.login('hz.dataofficer');
    consumer = await t.login('xihu.dataofficer');
  });
  afterAll(() => t?.close());

  it('counts requests into 共享需求满足率 and 分钟级满足率, needs matched, calls, latency, consumers and refusals', async () => {
    // what the demo province already holds (the one-stop system's prefill grants): counted on top of it
    const before = (await t.request('GET', '/api/v1/sharing/metrics?days=30', { as: admin })).json();
    const b = before.requests as { total: number; approved: number; rejected: number; pending: number; overdue: number; automatic: number };
    const minuteBefore = Math.round((before.minuteLevelRate ?? 0) * b.approved);
    const open = await register('330100-ZB-0001', 'unconditional');
    const reviewed = await register('330100-ZB-0002', 'conditional');
    const late = await register('330100-ZB-0003', 'conditional');
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['指标', '共享', '需求', '指标测试事项'] });
    await t.request('PUT', `/api/v1/model/items/${itemId}/profile`, {
      as: admin,
      body: {
        indicators: [],
        dataNeeds: [
          { resource: '330100-ZB-0001', field: 'title', purpose: '核验' },
          { resource: '330100-ZB-0002', field: 'title', purpose: '核验' },
        ],
        timeLimitDays: null,
      },
    });
    expect((await ask(open, itemId)).status).toBe('approved'); // automatic: granted within minutes
    const slow = await ask(reviewed, itemId);
    const task = (
      (await t.request('GET', '/api/v1/workflow/tasks', { as: owner })).json().items as { id: string; instanceId: string }[]
    ).find((x) => x.instanceId === slow.instanceId)!;
    await t.request('POST', `/api/v1/workflow/tasks/${task.id}/complete`, { as: owner, body: { variables: { approved: true } } });
    // granted, but an hour after it was asked: not minute-level
    await sql`update share_requests set requested_at = decided_at - interval '1 hour' where id = ${slow.id}`.execute(t.node.db.kysely);
    const waiting = await ask(late, itemId);
    await sql`update share_requests set requested_at = now() - interval '8 days' where id = ${waiting.id}`.execute(t.node.db.kysely);

    const token = await appToken('xihu-sjj');
    for (let i = 0; i < 3; i++)
      expect(
        (await fetch(`${base}/gateway/v1/330100-ZB-0001/records?field=code_no&key=A1`, { headers: { authorization: `Bearer ${token}` } }))
          .status,
      ).toBe(200);
    const stranger = await appToken('yuhang-sjj');
    expect(
      (await fetch(`${base}/gateway/v1/330100-ZB-0001/records?field=code_no&key=A1`, { headers: { authorization: `Bearer ${stranger}` } }))
        .status,
    ).toBe(403);

    const metrics = (await t.request('GET', '/api/v1/sharing/metrics?days=30', { as: admin })).json();
    expect(metrics.requests).toMatchObject({
      total: b.total + 3,
      approved: b.approved + 2,
      rejected: b.rejected,
      pending: b.pending + 1,
      overdue: b.overdue + 1,
      automatic: b.automatic + 1,
    });
    // 2 more granted, 1 more overdue
    expect(metrics.demandSatisfactionRate).toBeCloseTo((b.approved + 2) / (b.approved + 2 + b.rejected + b.overdue + 1), 4);
    // the automatic one is minute-level, the one granted after an hour is not
    expect(metrics.minuteLevelRate).toBeCloseTo((minuteBefore + 1) / (b.approved + 2), 4);
    expect(metrics.needs).toEqual({ total: 2, matched: 2 });
    expect(metrics.calls.total).toBe(3);
    expect(metrics.calls.perDay).toHaveLength(30);
    expect(metrics.calls.perDay.at(-1)).toMatchObject({ calls: 3, refused: 1 });
    expect(metrics.calls.latencyMs.p50).toBeGreaterThan(0);
    expect(metrics.calls.latencyMs.p99).toBeGreaterThanOrEqual(metrics.calls.latencyMs.p50);
    expect(metrics.calls.topConsumers[0]).toMatchObject({ orgId: consumer.me.orgId, calls: 3 });
    expect(metrics.calls.refused).toMatchObject({ total: 1, byCode: { 'gateway.no_grant': 1 }, visible: true });

    // a data officer sees their own organisations' figures; refusals (which name no organisation) are not theirs to see
    const mine = (await t.request('GET', '/api/v1/sharing/metrics?days=30', { as: consumer })).json();
    expect(mine).toMatchObject({ scope: 'orgs', requests: { total: 3 }, calls: { total: 3, refused: { visible: false, total: 0 } } });
    const yuhang = (await t.request('GET', '/api/v1/sharing/metrics?days=7', { as: await t.login('yuhang.dataofficer') })).json();
    expect(yuhang).toMatchObject({ requests: { total: 0 }, calls: { total: 0 } });
  });

  it('refuses staff without data.manage and a period out of range', async () => {
    expect((await t.request('GET', '/api/v1/sharing/metrics', { as: await t.login('xihu.officer') })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/sharing/metrics?days=0', { as: admin })).statusCode).toBe(400);
  });
});
