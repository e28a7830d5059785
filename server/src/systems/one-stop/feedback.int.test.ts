import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const insurance = '330000-YB-GG-001';
const form = { phone: '13857712345', babyName: '林小禾', babyBirthDate: '2026-11-18' };

/** 好差评 and complaints: a poor rating becomes a 差评整改 task; complaints reach the responsible organisation. */
describe.each(testDatabases())('好差评 and complaints on %s', (kind) => {
  let t: TestNode;
  let citizen: Session;
  let ybj: Session;

  const apply = async () => {
    const res = await t.request('POST', '/api/v1/cases', {
      as: citizen,
      body: { serviceCode: insurance, consent: true, form },
      headers: { 'idempotency-key': `fb-${Math.random().toString(36).slice(2)}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  /** Completes the task at `nodeId` of a workflow instance found by its business key. */
  const completeTask = async (who: Session, businessKey: string, nodeId: string, variables: Record<string, unknown>) => {
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: who })).json().items as {
      id: string;
      nodeId: string;
      businessKey: string;
    }[];
    const task = tasks.find((x) => x.businessKey === businessKey && x.nodeId === nodeId);
    expect(task, `${nodeId} for ${businessKey}`).toBeDefined();
    return t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, { as: who, body: { variables } });
  };
  const finish = async (id: string) => {
    expect((await completeTask(ybj, id, 'accept', { accepted: true })).statusCode).toBe(200);
    expect((await completeTask(ybj, id, 'review', { approved: true })).statusCode).toBe(200);
  };
  const rate = (id: string, body: Record<string, unknown>, as = citizen) => t.request('POST', `/api/v1/cases/${id}/rating`, { as, body });

  beforeAll(async () => {
    t = await startTestNode(kind);
    citizen = await t.login('330382197811297469');
    ybj = await t.login(await given(t).staffOf('zj-ybj'));
  });
  afterAll(() => t?.close());

  it('takes a rating only after the case is finished, once, and only from its applicant', async () => {
    const id = await apply();
    const early = await rate(id, { score: 5, reasons: ['不用跑腿'] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('onestop.rate_before_done');
    await finish(id);
    const neighbour = (
      await sql<{ username: string }>`select username from accounts where kind = 'citizen' and username <> '330382197811297469'
        order by username limit 1`.execute(t.node.db.kysely)
    ).rows[0]!.username;
    expect((await rate(id, { score: 1, reasons: ['办理超时'] }, await t.login(neighbour))).statusCode).toBe(403);
    const good = await rate(id, { score: 5, reasons: ['不用跑腿', '按时办结'], comment: '手机上就办好了' });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toMatchObject({ score: 5, rectification: null });
    expect((await rate(id, { score: 4 })).statusCode).toBe(409);
    expect((await t.request('GET', `/api/v1/cases/${id}/rating`, { as: ybj })).json().rating.score).toBe(5);
  });

  it('turns a poor rating into a 差评整改 task of the handling organisation, tracked to closure', async () => {
    const id = await apply();
    await finish(id);
    const bare = await rate(id, { score: 1 });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('onestop.poor_needs_reason');
    const poor = await rate(id, { score: 1, reasons: ['系统不好用'], comment: '上传照片总是失败' });
    expect(poor.statusCode, poor.body).toBe(201);
    expect(poor.json().rectification).toMatchObject({ status: 'open' });
    const outsider = await t.login('xihu.officer');
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: outsider })).json().items as { businessKey: string }[];
    expect(tasks.some((x) => x.businessKey === id)).toBe(false);
    const done = await completeTask(ybj, id, 'rectify', { measures: '已修复照片上传组件，并电话回访申请人' });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await t.request('GET', `/api/v1/cases/${id}/rating`, { as: citizen })).json().rating;
    expect(after.rectification).toMatchObject({ status: 'closed', measures: '已修复照片上传组件，并电话回访申请人' });
  });

  it('counts the KPIs per organisation and region for monitors in scope, and refuses others', async () => {
    const id = await apply();
    await finish(id);
    expect((await rate(id, { score: 4, reasons: ['材料精简'] })).statusCode).toBe(201);
    const leader = await t.login('zj.leader');
    const kpis = await t.request('GET', '/api/v1/one-stop/kpis', { as: leader });
    expect(kpis.statusCode, kpis.body).toBe(200);
    const ybjFigures = kpis.json().organisations.find((o: { orgName: string }) => o.orgName === '浙江省医疗保障局');
    expect(ybjFigures.finished).toBeGreaterThanOrEqual(3);
    expect(ybjFigures.onTimeRate).toBe(100);
    expect(ybjFigures.ratings).toBeGreaterThanOrEqual(3);
    // two of the three ratings so far are good (5, 4), one poor (1)
    expect(ybjFigures.goodRate).toBeCloseTo((100 * 2) / 3, 0);
    expect(ybjFigures.onlineRate).toBeGreaterThan(0);
    expect(kpis.json().total.services).toBeGreaterThanOrEqual(60);
    // a county leader sees only the county
    const county = (await t.request('GET', '/api/v1/one-stop/kpis', { as: await t.login('xihu.leader') })).json();
    expect(county.organisations.every((o: { regionCode: string }) => o.regionCode.startsWith('330106'))).toBe(true);
    expect((await t.request('GET', '/api/v1/one-stop/kpis', { as: citizen })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/one-stop/kpis?regionCode=abc', { as: leader })).statusCode).toBe(400);
  });

  it('routes a complaint to the organisation responsible and brings its answer back', async () => {
    const noTarget = await t.request('POST', '/api/v1/complaints', {
      as: citizen,
      body: { kind: 'complaint', text: '窗口排队时间太长了' },
    });
    expect(noTarget.statusCode).toBe(400);
    const filed = await t.request('POST', '/api/v1/complaints', {
      as: citizen,
      body: { kind: 'suggestion', serviceCode: insurance, text: '建议新生儿参保时自动带出出生医学证明信息' },
      headers: { 'idempotency-key': 'complaint-2026-11-23-1' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const complaint = filed.json();
    expect(complaint).toMatchObject({ status: 'open', orgName: '浙江省医疗保障局' });
    const answered = await completeTask(ybj, complaint.id, 'answer', { answer: '感谢建议，已于本月上线出生信息自动带出功能' });
    expect(answered.statusCode, answered.body).toBe(200);
    const mine = (await t.request('GET', '/api/v1/complaints/mine', { as: citizen })).json().items;
    expect(mine.find((c: { id: string }) => c.id === complaint.id)).toMatchObject({
      status: 'answered',
      answer: '感谢建议，已于本月上线出生信息自动带出功能',
    });
  });
});
