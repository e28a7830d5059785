import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const day = 86400_000;
const hour = 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * day).toISOString();
/** 09:00 China time, `days` days ahead: escalation days are China days, so tests pick the hour. */
const nineAm = (days: number) => {
  const d = new Date(Date.now() + days * day);
  d.setUTCHours(1, 0, 0, 0);
  return d;
};

/** S1.2 执行链: 批示 → 签收 → 进展反馈 → 督办 → 办结, visible 一贯到底, on every database. */
describe.each(testDatabases())('执行链 instructions on %s', (kind) => {
  let t: TestNode;
  let leader: Session; // xihu.leader, 西湖区人民政府
  let officer: Session; // xihu.officer, 西湖区市场监管局 staff
  let dataOfficer: Session; // xihu.dataofficer, addressed in person
  let outsider: Session; // yuhang.officer, another county
  let scjg: string;
  let dataOfficerId: string;

  const issue = (body: Record<string, unknown>, as = leader, headers: Record<string, string> = {}) =>
    t.request('POST', '/api/v1/instructions', { as, body, headers });
  const report = (overrides: Record<string, unknown> = {}) => ({
    subjectType: 'report',
    subjectId: `rpt-${Math.random().toString(36).slice(2, 10)}`,
    subjectTitle: '西湖区食品安全季度分析报告',
    text: '请区市场监管局牵头核查校园周边食品安全问题，一周内反馈。',
    deadline: inDays(7),
    priority: 'important',
    recipients: { orgIds: [scjg], accountIds: [dataOfficerId] },
    ...overrides,
  });
  const post = (as: Session, id: string, step: string, body: Record<string, unknown> = {}) =>
    t.request('POST', `/api/v1/instructions/${id}/${step}`, { as, body });
  const read = (as: Session, id: string) => t.request('GET', `/api/v1/instructions/${id}`, { as });
  const actor = async (username: string): Promise<Actor> => (await t.node.identity.actorForUsername(username))!;
  const notices = async (id: string) =>
    (
      await sql<{
        account_id: string;
        topic: string;
        title: string;
        urgent: boolean;
        org_id: string | null;
      }>`select n.account_id, n.topic, n.title, n.urgent, a.org_id from notifications n join accounts a on a.id = n.account_id
        where n.source_type = 'instruction' and n.source_id = ${id} order by n.created_at, n.id`.execute(t.node.db.kysely)
    ).rows;
  const steps = async (id: string, kind: string) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from instruction_timeline where instruction_id = ${id} and kind = ${kind}`.execute(
          t.node.db.kysely,
        )
      ).rows[0]!.n,
    );
  const count = async (table: 'instructions' | 'instruction_timeline' | 'notifications') =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.node.db.kysely)).rows[0]!.n);

  beforeAll(async () => {
    t = await startTestNode(kind);
    const g = given(t);
    scjg = await g.orgId('xihu-scjg');
    dataOfficerId = await g.accountId('xihu.dataofficer');
    leader = await t.login('xihu.leader');
    officer = await t.login('xihu.officer');
    dataOfficer = await t.login('xihu.dataofficer');
    outsider = await t.login('yuhang.officer');
  });
  afterAll(() => t?.close());

  it('follows a 批示 from 签收 through 进展反馈 to 办结, and shows the issuer the whole chain in order', async () => {
    const issued = await issue(report());
    expect(issued.statusCode, issued.body).toBe(201);
    const ins = issued.json();
    expect(ins).toMatchObject({ status: 'open', light: 'green', priority: 'important', recipientCount: 2, doneCount: 0 });
    expect(ins.subject).toMatchObject({ type: 'report', title: '西湖区食品安全季度分析报告' });
    expect(ins.timeline.map((s: { kind: string }) => s.kind)).toEqual(['issued']);
    const assigned = (await notices(ins.id)).filter((n) => n.topic === 'instruction.assigned');
    expect(assigned.map((n) => n.account_id)).toContain(dataOfficerId);
    expect(assigned.some((n) => n.org_id === scjg)).toBe(true); // the organisation's leaders and administrators, or its staff
    expect(assigned.every((n) => n.title === '批示：西湖区食品安全季度分析报告' && !n.urgent)).toBe(true);

    // the organisation's staff 签收 once; the person addressed reports progress without 签收 first (implied)
    const acknowledged = await post(officer, ins.id, 'acknowledge');
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json().recipients.find((r: { orgId: string }) => r.orgId === scjg)).toMatchObject({ status: 'acknowledged' });
    const again = await post(officer, ins.id, 'acknowledge');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('chain.already_acknowledged');
    const progress = await post(officer, ins.id, 'progress', { text: '已抽查校园周边门店 12 家', percent: 50 });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json().recipients.find((r: { orgId: string }) => r.orgId === scjg)).toMatchObject({
      status: 'in_progress',
      percent: 50,
    });
    expect((await post(dataOfficer, ins.id, 'progress', { text: '已调取相关许可数据', percent: 30 })).statusCode).toBe(200);

    // 办结 with the officer's own file; someone else's file is refused
    const pdf = Buffer.from('%PDF-1.7\n核查报告\n%%EOF');
    const upload = (as: Session) =>
      t.request('POST', '/api/v1/workflow/attachments', {
        as,
        body: pdf,
        headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('核查报告.pdf') },
      });
    const own = (await upload(officer)).json().id as string;
    const foreign = (await upload(dataOfficer)).json().id as string;
    const stolen = await post(officer, ins.id, 'result', { text: '核查完毕，问题已整改', attachmentIds: [foreign] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error).toMatchObject({ code: 'chain.attachment_unknown', details: { attachments: [foreign] } });
    const first = await post(officer, ins.id, 'result', { text: '核查完毕，3 家门店已责令整改', attachmentIds: [own] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'open', doneCount: 1 });
    const last = await post(dataOfficer, ins.id, 'result', { text: '许可数据已核对无误' });
    expect(last.statusCode, last.body).toBe(200);

    const view = await read(leader, ins.id);
    expect(view.statusCode).toBe(200);
    const chain = view.json();
    expect(chain).toMatchObject({ status: 'completed', light: 'completed', onTime: true, doneCount: 2, percent: 100 });
    expect(chain.timeline.map((s: { kind: string }) => s.kind)).toEqual([
      'issued',
      'acknowledged',
      'progress',
      'acknowledged',
      'progress',
      'result',
      'result',
      'completed',
    ]);
    const person = chain.recipients.find((r: { kind: string }) => r.kind === 'person');
    expect(chain.timeline[3]).toMatchObject({ recipientId: person.id, details: { implied: true, recipient: person.name } });
    const times = chain.timeline.map((s: { at: string }) => Date.parse(s.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(chain.recipients.every((r: { status: string; completedAt: string | null }) => r.status === 'done' && r.completedAt)).toBe(true);
    // the issuer reads the officer's file through the instruction, and hears of the completion
    const file = await t.request('GET', `/api/v1/instructions/${ins.id}/attachments/${own}`, { as: leader });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await t.request('GET', `/api/v1/instructions/${ins.id}/attachments/${foreign}`, { as: leader })).statusCode).toBe(404);
    const leaderId = leader.me.id;
    expect((await notices(ins.id)).some((n) => n.account_id === leaderId && n.title.startsWith('批示已办结'))).toBe(true);
    // nothing more on a completed instruction
    const late = await post(officer, ins.id, 'progress', { text: '补充一点情况', percent: 100 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('chain.closed');
  });

  it('refuses whoever is neither issuer, recipient nor supervisor (403, audited), and lists each view', async () => {
    const ins = (await issue(report())).json();
    const refusedBefore = await given(t).refusals();
    const denied = await read(outsider, ins.id);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('chain.not_yours');
    const colleague = await t.login(await given(t).staffOf('xihu-wjj')); // same county, another department
    expect((await read(colleague, ins.id)).statusCode).toBe(403);
    expect((await post(colleague, ins.id, 'acknowledge')).statusCode).toBe(403);
    expect(await given(t).refusals()).toBe(refusedBefore + 3);
    const audited = await sql<{ n: string }>`select count(*) as n from audit_log where outcome = 'refused'
      and actor_id = ${outsider.me.id} and target_id = '/api/v1/instructions/:id'`.execute(t.node.db.kysely);
    expect(Number(audited.rows[0]!.n)).toBe(1);
    // the leader's issuer view can read it but cannot act for a recipient
    const notMine = await post(leader, ins.id, 'progress', { text: '我来反馈', percent: 10 });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('chain.not_a_recipient');

    const ids = async (as: Session, view: string) =>
      ((await t.request('GET', `/api/v1/instructions?view=${view}`, { as })).json().items as { id: string }[]).map((i) => i.id);
    expect(await ids(officer, 'mine')).toContain(ins.id);
    expect(await ids(dataOfficer, 'mine')).toContain(ins.id);
    expect(await ids(outsider, 'mine')).not.toContain(ins.id);
    expect(await ids(leader, 'issued')).toContain(ins.id);
    expect(await ids(leader, 'mine')).not.toContain(ins.id);
    const province = await t.login('zj.leader');
    expect(await ids(province, 'supervised')).toContain(ins.id);
    expect((await read(province, ins.id)).statusCode).toBe(200);
    expect(await ids(await t.login('yuhang.leader'), 'supervised')).not.toContain(ins.id);
    expect((await t.request('GET', '/api/v1/instructions?view=supervised', { as: officer })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/instructions?view=all', { as: officer })).statusCode).toBe(400);
  });

  it('refuses bad 批示 with 4xx and writes nothing', async () => {
    const before = await Promise.all([count('instructions'), count('instruction_timeline'), count('notifications')]);
    const refuse = async (body: Record<string, unknown>, status: number, code: string, as = leader) => {
      const res = await issue(body, as);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      return res.json().error;
    };
    await refuse(report({ recipients: { orgIds: [], accountIds: [] } }), 400, 'chain.no_recipients');
    await refuse(report({ deadline: new Date(Date.now() - hour).toISOString() }), 400, 'chain.deadline_past');
    const far = await given(t).accountId('yuhang.officer');
    const unreachable = await refuse(report({ recipients: { orgIds: [scjg], accountIds: [far] } }), 403, 'chain.unreachable');
    expect(unreachable.details.accountIds).toEqual([far]);
    const yuhangScjg = await given(t).orgId('yuhang-scjg');
    await refuse(report({ recipients: { orgIds: [yuhangScjg], accountIds: [] } }), 403, 'chain.org_out_of_scope');
    await refuse(report(), 403, 'access.forbidden', officer); // ordinary staff hold no instruction.issue
    await refuse(report({ subjectTitle: undefined }), 400, 'chain.subject_title_required');
    await refuse(report({ subjectType: 'case', subjectId: 'case_0000000000000000000000000a' }), 403, 'chain.subject_forbidden');
    await refuse(report({ subjectType: 'task', subjectId: 'task_0000000000000000000000000a' }), 403, 'chain.subject_forbidden');
    await refuse(report({ subjectType: 'case', subjectId: 'not-a-case' }), 400, 'validation.failed');
    await refuse(report({ text: '查' }), 400, 'validation.failed');
    expect(await Promise.all([count('instructions'), count('instruction_timeline'), count('notifications')])).toEqual(before);
  });

  it('attaches a 批示 to a one-stop case only for a leader who may see the case', async () => {
    const citizen = await t.login('330382197811297469');
    const applied = await t.request('POST', '/api/v1/cases', {
      as: citizen,
      body: {
        serviceCode: '330000-YB-GG-001',
        consent: true,
        form: { phone: '13857712345', babyName: '林小禾', babyBirthDate: '2026-11-18' },
      },
      headers: { 'idempotency-key': `chain-case-${kind}` },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const caseId = applied.json().id as string;
    const ybj = await given(t).orgId('zj-ybj');
    const body = report({ subjectType: 'case', subjectId: caseId, subjectTitle: undefined, recipients: { orgIds: [ybj], accountIds: [] } });
    const county = await issue(body, leader);
    expect(county.statusCode).toBe(403);
    expect(county.json().error.code).toBe('chain.subject_forbidden');
    const issued = await issue(body, await t.login('zj.leader'));
    expect(issued.statusCode, issued.body).toBe(201);
    const { caseNo, serviceName } = applied.json();
    expect(issued.json().subject).toMatchObject({ type: 'case', id: caseId, title: `${caseNo} ${serviceName}` });
  });

  it('computes 红黄绿灯 from a given time, for the instruction and each recipient', async () => {
    const ins = (await issue(report({ deadline: inDays(8) }))).json();
    const created = Date.parse(ins.createdAt);
    const deadline = Date.parse(ins.deadline);
    const issuer = await actor('xihu.leader');
    const at = async (ms: number) => (await t.node.chain.get(issuer, ins.id, new Date(ms))).light;
    expect(await at(created + day)).toBe('green');
    expect(await at(deadline - 47 * hour)).toBe('yellow'); // under a quarter of eight days
    expect(await at(deadline - 12 * hour)).toBe('yellow');
    expect(await at(deadline + hour)).toBe('red');
    const listed = await t.node.chain.list(issuer, { view: 'issued' }, new Date(deadline + hour));
    expect(listed.items.find((i) => i.id === ins.id)).toMatchObject({ light: 'red', onTime: false });
    // the person finishes in time, the organisation late: each recipient has its own light
    await t.node.chain.reportResult(
      await actor('xihu.dataofficer'),
      ins.id,
      { text: '已按期办结', attachmentIds: [] },
      new Date(deadline - hour),
    );
    const late = await t.node.chain.reportResult(
      await actor('xihu.officer'),
      ins.id,
      { text: '超期办结', attachmentIds: [] },
      new Date(deadline + 2 * hour),
    );
    expect(late).toMatchObject({ status: 'completed', light: 'completed', onTime: false });
    expect(late.recipients.map((r) => [r.kind, r.light, r.onTime])).toEqual([
      ['org', 'completed', false],
      ['person', 'completed', true],
    ]);
  });

  it('escalates an overdue 批示 once a day, urgently, to the recipients, their leaders and the issuer; reminds once when due soon', async () => {
    const deadline = nineAm(3);
    const ins = (await issue(report({ deadline: deadline.toISOString() }))).json();
    const chain = t.node.chain;

    await chain.remindDueSoon(new Date(deadline.getTime() - 12 * hour));
    await chain.remindDueSoon(new Date(deadline.getTime() - 11 * hour));
    expect(await steps(ins.id, 'reminded')).toBe(1);
    const reminders = (await notices(ins.id)).filter((n) => n.title.startsWith('批示即将到期'));
    expect(reminders.map((n) => n.account_id)).toContain(dataOfficerId);

    await chain.escalateOverdue(new Date(deadline.getTime() - hour)); // not yet overdue
    expect(await steps(ins.id, 'escalated')).toBe(0);
    await chain.escalateOverdue(new Date(deadline.getTime() + hour)); // 10:00 China time
    expect(await steps(ins.id, 'escalated')).toBe(1);
    const escalated = (await notices(ins.id)).filter((n) => n.title.startsWith('批示超期督办'));
    expect(escalated.length).toBeGreaterThanOrEqual(3);
    expect(escalated.every((n) => n.urgent && n.topic === 'instruction.supervised')).toBe(true);
    const told = new Set(escalated.map((n) => n.account_id));
    expect(told.has(dataOfficerId)).toBe(true);
    expect(told.has(leader.me.id)).toBe(true); // the issuer
    expect(escalated.some((n) => n.org_id === scjg)).toBe(true);
    const personLeaders = await t.node.identity.leadersOf((await actor('xihu.dataofficer')).orgId!);
    for (const l of personLeaders) expect(told.has(l.id)).toBe(true);

    await chain.escalateOverdue(new Date(deadline.getTime() + 5 * hour)); // the same day
    expect(await steps(ins.id, 'escalated')).toBe(1);
    expect((await notices(ins.id)).filter((n) => n.title.startsWith('批示超期督办'))).toHaveLength(escalated.length);
    await chain.escalateOverdue(new Date(deadline.getTime() + 25 * hour)); // the next day
    expect(await steps(ins.id, 'escalated')).toBe(2);
    expect((await notices(ins.id)).filter((n) => n.title.startsWith('批示超期督办'))).toHaveLength(2 * escalated.length);
    const view = (await read(leader, ins.id)).json();
    expect(view.timeline.filter((s: { kind: string }) => s.kind === 'escalated')[0]).toMatchObject({
      actor: { id: 'zhili-execution-chain', name: '执行链督办' },
      details: { overdueHours: 1 },
    });
  });

  it('督办 sets a new deadline and presses only the recipients not done, urgently; only the issuer and supervisors in scope may', async () => {
    const ins = (await issue(report())).json();
    expect((await post(dataOfficer, ins.id, 'result', { text: '本人部分已办结' })).statusCode).toBe(200);
    const newDeadline = inDays(10);
    const past = await post(leader, ins.id, 'supervise', { note: '请加快进度', deadline: new Date(Date.now() - hour).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.code).toBe('chain.deadline_past');
    const pressed = await post(leader, ins.id, 'supervise', { note: '请加快进度，月底前务必办结', deadline: newDeadline });
    expect(pressed.statusCode, pressed.body).toBe(200);
    const view = pressed.json();
    expect(Date.parse(view.deadline)).toBe(Date.parse(newDeadline));
    expect(view.timeline.at(-1)).toMatchObject({
      kind: 'supervised',
      details: { note: '请加快进度，月底前务必办结', deadline: { from: ins.deadline, to: view.deadline } },
    });
    const supervised = (await notices(ins.id)).filter((n) => n.title.startsWith('督办'));
    expect(supervised.length).toBeGreaterThan(0);
    expect(supervised.every((n) => n.urgent && n.org_id === scjg)).toBe(true); // not the person already done

    const notSupervisor = await post(officer, ins.id, 'supervise', { note: '我也催一下' });
    expect(notSupervisor.statusCode).toBe(403);
    expect(notSupervisor.json().error.code).toBe('chain.not_supervisor');
    expect((await post(await t.login('yuhang.leader'), ins.id, 'supervise', { note: '越界督办' })).statusCode).toBe(403);
    expect((await post(await t.login('zj.leader'), ins.id, 'supervise', { note: '省里关注此事' })).statusCode).toBe(200);
    expect(await steps(ins.id, 'supervised')).toBe(2);
  });

  it('修正 sends a completed 批示 back; a cancelled one takes no more steps', async () => {
    const ins = (await issue(report({ recipients: { orgIds: [scjg], accountIds: [] } }))).json();
    expect((await post(officer, ins.id, 'result', { text: '已办结' })).statusCode).toBe(200);
    const reopened = await post(leader, ins.id, 'reopen', { note: '整改不到位，请重新核查', deadline: inDays(5) });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', doneCount: 0 });
    expect(reopened.json().recipients[0]).toMatchObject({ status: 'in_progress', completedAt: null });
    expect((await post(officer, ins.id, 'result', { text: '重新核查并整改完毕' })).statusCode).toBe(200);
    const kinds = (await read(leader, ins.id)).json().timeline.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(['issued', 'acknowledged', 'result', 'completed', 'reopened', 'result', 'completed']);

    const other = (await issue(report())).json();
    expect((await post(officer, other.id, 'cancel', { reason: '不是我下达的' })).statusCode).toBe(403);
    const cancelled = await post(leader, other.id, 'cancel', { reason: '情况已变化，不再办理' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', light: 'cancelled' });
    const closed = await post(officer, other.id, 'acknowledge');
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('chain.closed');
  });

  it('creates a 批示 once for one Idempotency-Key', async () => {
    const body = report({ subjectId: `rpt-idem-${kind}` });
    const headers = { 'idempotency-key': `instruction-${kind}-2026-11-23` };
    const first = await issue(body, leader, headers);
    const second = await issue(body, leader, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const rows = await sql<{ n: string }>`select count(*) as n from instructions where subject_id = ${body.subjectId}`.execute(
      t.node.db.kysely,
    );
    expect(Number(rows.rows[0]!.n)).toBe(1);
  });

  it('opens a discussion group 讨论群 about a 批示 for those who may read it, and refuses others', async () => {
    const id = (await issue(report())).json().id as string;
    const officerId = await given(t).accountId('xihu.officer');
    const group = await t.request('POST', '/api/v1/conversations', {
      as: dataOfficer,
      body: { memberIds: [officerId], subject: { type: 'instruction', id } },
    });
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json().title).toContain('西湖区食品安全季度分析报告');
    const refused = await t.request('POST', '/api/v1/conversations', {
      as: outsider,
      body: { memberIds: [await given(t).accountId('yuhang.leader')], subject: { type: 'instruction', id } },
    });
    expect(refused.statusCode).toBe(403);
  });
});
