import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')]);

/** 消息: 单聊 and 群聊 of the Workbench, with receipts, files, search, DING and a live stream. */
describe.each(testDatabases())('messages 消息 on %s', (kind) => {
  let t: TestNode;
  let officer: Session; // 西湖区市场监管局
  let colleague: Session; // 西湖区人民政府, same county
  let leader: Session; // 西湖区 leader
  let outsider: Session; // 西湖区 data officer: in reach, but in none of these conversations
  const ids: Record<string, string> = {};

  const count = async (table: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.node.db.kysely)).rows[0]!.n);
  const direct = (as: Session, accountId: string) => t.request('POST', '/api/v1/conversations/direct', { as, body: { accountId } });
  const group = (as: Session, body: Record<string, unknown>) => t.request('POST', '/api/v1/conversations', { as, body });
  const send = (as: Session, conversationId: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { as, body, ...(headers ? { headers } : {}) });
  const upload = (as: Session, conversationId: string, content: Buffer, type: string, name = '会议纪要.pdf') =>
    t.request('POST', `/api/v1/conversations/${conversationId}/files`, {
      as,
      body: content,
      headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    });
  const notices = async (accountId: string, sourceId: string) =>
    (
      await sql<{ topic: string; urgent: boolean; dedupe_key: string }>`select topic, urgent, dedupe_key from notifications
        where account_id = ${accountId} and source_id = ${sourceId} order by created_at, dedupe_key`.execute(t.node.db.kysely)
    ).rows;

  beforeAll(async () => {
    t = await startTestNode(kind);
    const g = given(t);
    const colleagueName = await g.staffOf('xihu-zf');
    officer = await t.login('xihu.officer');
    colleague = await t.login(colleagueName);
    leader = await t.login('xihu.leader');
    outsider = await t.login('xihu.dataofficer');
    ids.officer = officer.me.id;
    ids.colleague = colleague.me.id;
    ids.leader = leader.me.id;
    ids.outsider = outsider.me.id;
    ids.yuhang = await g.accountId(await g.staffOf('yuhang-scjg'));
    ids.hzStaff = await g.accountId('hz.staff');
  });
  afterAll(() => t?.close());

  it('opens one 单聊 per pair, whoever opens it, and refuses a conversation with oneself', async () => {
    const first = await direct(officer, ids.colleague!);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'direct', peer: { id: ids.colleague }, unreadCount: 0 });
    expect(first.json().id).toMatch(/^cnv_[0-9a-z]{26}$/);
    const again = await direct(officer, ids.colleague!);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const fromTheOtherSide = await direct(colleague, ids.officer!);
    expect(fromTheOtherSide.statusCode).toBe(200);
    expect(fromTheOtherSide.json()).toMatchObject({ id: first.json().id, peer: { id: ids.officer } });
    const self = await direct(officer, ids.officer!);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('messaging.self_only');
    const selfGroup = await group(officer, { title: '自己', memberIds: [ids.officer] });
    expect(selfGroup.statusCode).toBe(400);
  });

  it('refuses messaging someone outside the address book with 403 naming them, and writes nothing', async () => {
    const before = { conversations: await count('msg_conversations'), members: await count('msg_members') };
    const refused = await direct(officer, ids.yuhang!); // another county's ordinary staff
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'messaging.unreachable', details: { accountIds: [ids.yuhang] } });
    const mixed = await group(officer, { title: '跨区协调', memberIds: [ids.colleague, ids.yuhang] });
    expect(mixed.statusCode).toBe(403);
    expect(mixed.json().error.details.accountIds).toEqual([ids.yuhang]);
    expect({ conversations: await count('msg_conversations'), members: await count('msg_members') }).toEqual(before);
    // A public contact 对外联系人 of the city above is in reach; without the flag, not.
    expect((await direct(officer, ids.hzStaff!)).statusCode).toBe(403);
    await sql`update accounts set public_contact = true where id = ${ids.hzStaff}`.execute(t.node.db.kysely);
    expect((await direct(officer, ids.hzStaff!)).statusCode).toBe(201);
    // Reach is asked when a conversation starts: a province clerk (not a public contact) writes to
    // a county clerk, who could not have written first, and answers there.
    const clerk = (
      await sql<{ username: string }>`select a.username from accounts a join orgs o on o.id = a.org_id
        join role_grants g on g.account_id = a.id where o.region_code = '330000' and g.role = 'staff' and not a.public_contact
        and a.status = 'active' order by a.username limit 1`.execute(t.node.db.kysely)
    ).rows[0]!.username;
    const provinceClerk = await t.login(clerk);
    expect((await direct(officer, provinceClerk.me.id)).statusCode).toBe(403);
    const opened = await direct(provinceClerk, ids.officer!);
    expect(opened.statusCode, opened.body).toBe(201);
    const answer = await direct(officer, provinceClerk.me.id);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().id).toBe(opened.json().id);
    expect((await send(officer, opened.json().id, { text: '收到，马上落实' })).statusCode).toBe(201);
    const citizen = await t.login('330382197811297469');
    expect((await t.request('GET', '/api/v1/conversations', { as: citizen })).statusCode).toBe(403);
  });

  it('shows the sender of a 群聊 message who has read it (已读/未读), and counts each member’s unread', async () => {
    const created = await group(officer, { title: '营商环境专班', memberIds: [ids.colleague, ids.leader, ids.officer] });
    expect(created.statusCode, created.body).toBe(201);
    const cnv = created.json();
    expect(cnv).toMatchObject({ kind: 'group', title: '营商环境专班', role: 'owner' });
    expect(cnv.members).toHaveLength(3);
    const sent = await send(officer, cnv.id, { text: '明天上午九点开专班会，请准时参加。' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ seq: 1, kind: 'text', sender: { id: ids.officer }, urgent: false });

    const listed = (await t.request('GET', '/api/v1/conversations', { as: colleague })).json();
    const entry = listed.items.find((c: { id: string }) => c.id === cnv.id);
    expect(entry).toMatchObject({ unreadCount: 1, lastMessage: { text: '明天上午九点开专班会，请准时参加。' } });
    expect(listed.unreadTotal).toBeGreaterThanOrEqual(1);
    expect((await t.request('GET', '/api/v1/conversations', { as: officer })).json().items[0]).toMatchObject({
      id: cnv.id,
      unreadCount: 0,
    });

    const read = await t.request('POST', `/api/v1/conversations/${cnv.id}/read`, { as: colleague, body: { seq: 1 } });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ lastReadSeq: 1, unreadCount: 0 });
    const history = (await t.request('GET', `/api/v1/conversations/${cnv.id}/messages`, { as: officer })).json();
    expect(history.items[0]).toMatchObject({ seq: 1, mine: true, receipt: { read: 1, unread: 1 } });
    const receipts = await t.request('GET', `/api/v1/messages/${sent.json().id}/receipts`, { as: officer });
    expect(receipts.statusCode).toBe(200);
    expect(receipts.json().read.map((p: { accountId: string }) => p.accountId)).toEqual([ids.colleague]);
    expect(receipts.json().unread.map((p: { accountId: string }) => p.accountId)).toEqual([ids.leader]);
    const notMine = await t.request('GET', `/api/v1/messages/${sent.json().id}/receipts`, { as: colleague });
    expect(notMine.statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/conversations/${cnv.id}/messages`, { as: colleague })).json().items[0].receipt).toBeNull();

    // Only the owner adds people; who joins later owes no 已读 for what came before.
    const byMember = await t.request('POST', `/api/v1/conversations/${cnv.id}/members`, {
      as: colleague,
      body: { accountIds: [ids.outsider] },
    });
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().error.code).toBe('messaging.owner_only');
    const added = await t.request('POST', `/api/v1/conversations/${cnv.id}/members`, { as: officer, body: { accountIds: [ids.outsider] } });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().members).toHaveLength(4);
    const newcomer = (await t.request('GET', '/api/v1/conversations', { as: outsider })).json().items[0];
    expect(newcomer).toMatchObject({ id: cnv.id, unreadCount: 0 });
    expect((await t.request('GET', `/api/v1/messages/${sent.json().id}/receipts`, { as: officer })).json().unread).toHaveLength(1);
    const outOfReach = await t.request('POST', `/api/v1/conversations/${cnv.id}/members`, {
      as: officer,
      body: { accountIds: [ids.yuhang] },
    });
    expect(outOfReach.statusCode).toBe(403);
  });

  it('searches the messages of my own conversations only', async () => {
    const mine = (await group(officer, { title: '优化营商环境', memberIds: [ids.colleague] })).json();
    expect((await send(officer, mine.id, { text: '关于进一步优化营商环境的通知已印发' })).statusCode).toBe(201);
    const theirs = (await direct(colleague, ids.leader!)).json();
    expect((await send(colleague, theirs.id, { text: '营商环境评估的内部意见，请先别外传' })).statusCode).toBe(201);

    const officerHits = (await t.request('GET', `/api/v1/messages/search?q=${encodeURIComponent('营商环境')}`, { as: officer })).json();
    expect(officerHits.items.map((m: { text: string }) => m.text)).toEqual(['关于进一步优化营商环境的通知已印发']);
    expect(officerHits.items[0].conversation).toMatchObject({ id: mine.id, title: '优化营商环境' });
    const colleagueHits = (await t.request('GET', `/api/v1/messages/search?q=${encodeURIComponent('营商环境')}`, { as: colleague })).json();
    expect(colleagueHits.items).toHaveLength(2);
    expect(colleagueHits.items[0].conversation).toMatchObject({ id: theirs.id, kind: 'direct' });
    expect((await t.request('GET', `/api/v1/messages/search?q=${encodeURIComponent('营')}`, { as: officer })).statusCode).toBe(400);
    const wildcard = await t.request('GET', `/api/v1/messages/search?q=${encodeURIComponent('%_')}`, { as: officer });
    expect(wildcard.statusCode).toBe(200);
    expect(wildcard.json().items).toEqual([]);
  });

  it('refuses a non-member the conversation, its messages and its file, and audits each refusal', async () => {
    const cnv = (await group(officer, { title: '人事事项', memberIds: [ids.leader] })).json();
    const file = await upload(officer, cnv.id, pdf, 'application/pdf', '干部考察材料.pdf');
    expect(file.statusCode, file.body).toBe(201);
    const messagesBefore = await count('msg_messages');
    const g = given(t);
    const refusalsBefore = await g.refusals();
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/conversations/${cnv.id}`],
      ['GET', `/api/v1/conversations/${cnv.id}/messages`],
      ['POST', `/api/v1/conversations/${cnv.id}/messages`, { text: '我也想看看' }],
      ['POST', `/api/v1/conversations/${cnv.id}/read`, { seq: 1 }],
      ['GET', `/api/v1/messages/${file.json().id}/file`],
      ['GET', `/api/v1/messages/${file.json().id}/receipts`],
    ];
    for (const [method, url, body] of calls) {
      const response = await t.request(method, url, { as: colleague, body });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('messaging.not_a_member');
    }
    expect(await g.refusals()).toBe(refusalsBefore + calls.length);
    const audited = await sql<{ n: string }>`select count(*) as n from audit_log where outcome = 'refused' and actor_id = ${ids.colleague}
      and target_id = '/api/v1/messages/:id/file'`.execute(t.node.db.kysely);
    expect(Number(audited.rows[0]!.n)).toBe(1);
    expect(await count('msg_messages')).toBe(messagesBefore);
    const unknown = await t.request('GET', '/api/v1/conversations/cnv_00000000000000000000000000', { as: colleague });
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps a file checked by its first bytes with its SM3: disguised 415, oversized 413, empty text 400 — nothing written', async () => {
    const cnv = (await direct(officer, ids.leader!)).json();
    const sent = await upload(officer, cnv.id, pdf, 'application/pdf');
    expect(sent.statusCode, sent.body).toBe(201);
    const sm3 = createHash('sm3').update(pdf).digest('hex');
    expect(sent.json()).toMatchObject({ kind: 'file', file: { name: '会议纪要.pdf', mimeType: 'application/pdf', size: pdf.length, sm3 } });
    const download = await t.request('GET', `/api/v1/messages/${sent.json().id}/file`, { as: leader });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['x-checksum-sm3']).toBe(sm3);

    const before = { messages: await count('msg_messages'), files: await count('msg_files') };
    const disguised = await upload(officer, cnv.id, pdf, 'image/png', '照片.png');
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().error.code).toBe('messaging.file_content');
    const script = await upload(officer, cnv.id, Buffer.from('#!/bin/sh\nrm -rf /\n'), 'application/x-sh', 'run.sh');
    expect(script.statusCode).toBe(415);
    const oversized = await upload(officer, cnv.id, Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]), 'application/pdf', '大文件.pdf');
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().error.details.limit).toBe(20 * 1024 * 1024);
    const empty = await send(officer, cnv.id, { text: '   ' });
    expect(empty.statusCode).toBe(400);
    const tooLong = await send(officer, cnv.id, { text: '长'.repeat(4001) });
    expect(tooLong.statusCode).toBe(400);
    expect({ messages: await count('msg_messages'), files: await count('msg_files') }).toEqual(before);
  });

  it('DING: notifies each recipient urgently, again when due, and no more once acknowledged', async () => {
    const cnv = (await direct(officer, ids.colleague!)).json();
    const plain = (await send(officer, cnv.id, { text: '材料已发您邮箱' })).json();
    expect(await notices(ids.colleague!, plain.id)).toEqual([{ topic: 'message', urgent: false, dedupe_key: `msg:${plain.id}` }]);
    expect(await notices(ids.officer!, plain.id)).toEqual([]);

    const urgent = await send(officer, cnv.id, { text: '省督查组下午两点到，请立即回电', urgent: true });
    expect(urgent.statusCode, urgent.body).toBe(201);
    const id = urgent.json().id as string;
    expect(await notices(ids.colleague!, id)).toEqual([{ topic: 'message.urgent', urgent: true, dedupe_key: `ding:${id}:0` }]);
    expect(await notices(ids.officer!, id)).toEqual([]);
    const waiting = async (as: Session) =>
      ((await t.request('GET', '/api/v1/messages/urgent', { as })).json().items as { id: string }[]).map((m) => m.id);
    expect(await waiting(colleague)).toContain(id);
    expect(await waiting(officer)).not.toContain(id); // the sender owes no 确认收到

    const start = Date.now();
    expect(await t.node.messages.resendDue(new Date(start + 60_000))).toBe(0); // not due yet
    expect(await t.node.messages.resendDue(new Date(start + 301_000))).toBeGreaterThanOrEqual(1);
    expect((await notices(ids.colleague!, id)).map((n) => n.dedupe_key)).toEqual([`ding:${id}:0`, `ding:${id}:1`]);
    const pending = (await t.request('GET', `/api/v1/messages/${id}/receipts`, { as: officer })).json().urgent;
    expect(pending).toMatchObject({ acknowledged: [], pending: [{ accountId: ids.colleague, resends: 1 }] });

    const bySender = await t.request('POST', `/api/v1/messages/${id}/acknowledge`, { as: officer });
    expect(bySender.statusCode).toBe(400);
    expect(bySender.json().error.code).toBe('messaging.not_urgent_for_you');
    const acknowledged = await t.request('POST', `/api/v1/messages/${id}/acknowledge`, { as: colleague });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json().acknowledgedAt).toBeTruthy();
    expect(await waiting(colleague)).not.toContain(id);
    await t.node.messages.resendDue(new Date(start + 3 * 86_400_000));
    expect(await notices(ids.colleague!, id)).toHaveLength(2);
    const done = (await t.request('GET', `/api/v1/messages/${id}/receipts`, { as: officer })).json().urgent;
    expect(done.acknowledged.map((p: { accountId: string }) => p.accountId)).toEqual([ids.colleague]);
    const colleagueView = (await t.request('GET', `/api/v1/conversations/${cnv.id}/messages`, { as: colleague })).json().items[0];
    expect(colleagueView).toMatchObject({ id, urgentState: { acknowledged: true } });
  });

  it('DING: stops re-sending after the configured number of re-sends', async () => {
    const cnv = (await group(officer, { title: '值班提醒', memberIds: [ids.leader] })).json();
    const id = (await send(officer, cnv.id, { text: '今晚防汛值班，请确认', urgent: true })).json().id as string;
    const start = Date.now();
    for (let i = 1; i <= 6; i++) await t.node.messages.resendDue(new Date(start + i * 400_000));
    expect((await notices(ids.leader!, id)).map((n) => n.dedupe_key)).toEqual([0, 1, 2, 3].map((n) => `ding:${id}:${n}`));
  });

  it('answers a repeated send with the same Idempotency-Key with the one message', async () => {
    const cnv = (await direct(officer, ids.colleague!)).json();
    const before = await count('msg_messages');
    const headers = { 'idempotency-key': 'msg-2026-11-23-0001' };
    const first = await send(officer, cnv.id, { text: '收到，马上办' }, headers);
    const again = await send(officer, cnv.id, { text: '收到，马上办' }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await count('msg_messages')).toBe(before + 1);
  });

  it('opens a group about a task only for who may see the task, one group per subject', async () => {
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: officer })).json().items as { id: string; name: string }[];
    expect(tasks.length).toBeGreaterThan(0);
    const subject = { type: 'task', id: tasks[0]!.id };
    const otherCounty = await t.login('yuhang.officer'); // may not see 西湖区's tasks
    const refused = await group(otherCounty, { memberIds: [ids.yuhang], subject });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('messaging.subject_forbidden');
    const created = await group(officer, { memberIds: [ids.colleague], subject });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ subject, title: expect.stringContaining(tasks[0]!.name) });
    const second = await group(officer, { title: '再建一个', memberIds: [ids.leader], subject });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details.conversationId).toBe(created.json().id);
    const instruction = await group(officer, {
      title: '批示',
      memberIds: [ids.leader],
      subject: { type: 'instruction', id: `ins_${'0'.repeat(26)}` },
    });
    expect(instruction.statusCode).toBe(403);
  });

  it('pushes a sent message, and its 已读, to the members’ open event streams', async () => {
    const base = await t.listen();
    const cnv = (await direct(officer, ids.leader!)).json();
    const anonymous = await fetch(`${base}/api/v1/messages/stream`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();

    // Anything but a bare stream request is refused before the connection is taken over.
    expect((await t.request('GET', '/api/v1/messages/stream?cursor=abc', { as: leader })).statusCode).toBe(400);

    const abort = new AbortController();
    const stream = await fetch(`${base}/api/v1/messages/stream`, { headers: { cookie: leader.cookie }, signal: abort.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const waitFor = async (needle: string) => {
      const deadline = Date.now() + 10_000;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no ${needle} in ${received}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        received += decoder.decode(value, { stream: true });
      }
    };
    await waitFor(': connected');
    expect(t.node.messages.live.size).toBe(1);

    const sent = (await send(officer, cnv.id, { text: '请查收今天的会议通知' })).json();
    await waitFor('event: message');
    await waitFor('请查收今天的会议通知');
    const event = received.split('\n\n').find((e) => e.startsWith('event: message'))!;
    expect(JSON.parse(event.split('\ndata: ')[1]!)).toMatchObject({ id: sent.id, conversationId: cnv.id, sender: { id: ids.officer } });

    await t.request('POST', `/api/v1/conversations/${cnv.id}/read`, { as: leader, body: { seq: sent.seq } });
    await waitFor('event: read');
    abort.abort();
    await reader.cancel().catch(() => undefined);
    await expect.poll(() => t.node.messages.live.size).toBe(0);
  });
});
