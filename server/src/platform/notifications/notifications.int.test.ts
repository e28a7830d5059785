import { simpleParser, type ParsedMail } from 'mailparser';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/pg-cluster.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

/** A real SMTP server on a free port; what arrives is parsed as a mail client would. */
async function startMailbox() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(testDatabases())('notifications (in-app, e-mail over SMTP, SMS) on %s', (kind) => {
  let t: TestNode;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let staff: Session;
  let staffId: string;
  let other: Session;

  const notify = (input: Parameters<TestNode['node']['notifications']['center']['notify']>[1]) =>
    t.node.db.kysely.transaction().execute((tx) => t.node.notifications.center.notify(tx, input));
  const rows = async (table: string, where = sql`true`) =>
    (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${where}`.execute(t.node.db.kysely)).rows;

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await startTestNode(kind, { smtpUrl: mailbox.url });
    staff = await t.login('xihu-wjj.staff1');
    staffId = await given(t).accountId('xihu-wjj.staff1');
    other = await t.login('xihu-wjj.staff2');
  });
  afterAll(async () => {
    await t?.close();
    await mailbox?.close();
  });

  it('delivers a notice in-app, and by e-mail once the person has an address and chose e-mail for the topic', async () => {
    const refused = await t.request('PUT', '/api/v1/notifications/preferences', {
      as: staff,
      body: { topic: 'instruction.assigned', channels: ['inapp', 'email'] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('notifications.no_email');

    expect((await t.request('PUT', '/api/v1/auth/me/email', { as: staff, body: { email: 'not-an-address' } })).statusCode).toBe(400);
    expect((await t.request('PUT', '/api/v1/auth/me/email', { as: staff, body: { email: 'wang.staff@xihu.example.cn' } })).statusCode).toBe(
      200,
    );
    const chosen = await t.request('PUT', '/api/v1/notifications/preferences', {
      as: staff,
      body: { topic: 'instruction.assigned', channels: ['inapp', 'email'] },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().topics.find((x: { topic: string }) => x.topic === 'instruction.assigned').channels).toEqual(['inapp', 'email']);

    await notify({
      recipients: [staffId],
      topic: 'instruction.assigned',
      title: '新批示：请于本周内核查出生一件事办理积压',
      body: '浙江省人民政府办公厅交办，期限 2026-11-30。',
      link: '/workbench/instructions/ins_test',
    });
    // a topic without e-mail chosen stays in-app only
    await notify({ recipients: [staffId], topic: 'message', title: '普通消息', body: '你好' });

    await t.node.notifications.dispatcher.deliverDue(); // the node's own interval may have sent it already
    await expect.poll(() => mailbox.received.length).toBe(1);
    const mail = mailbox.received[0]!;
    expect(mail.subject).toBe('新批示：请于本周内核查出生一件事办理积压');
    expect(mail.text).toContain('/workbench/instructions/ins_test');
    expect((mail.to as { text: string }).text).toBe('wang.staff@xihu.example.cn');

    const inbox = await t.request('GET', '/api/v1/notifications?unread=true', { as: staff });
    expect(inbox.json().unread).toBe(2);
    expect(inbox.json().items.map((n: { title: string }) => n.title)).toEqual(['普通消息', '新批示：请于本周内核查出生一件事办理积压']);
  });

  it('sends an urgent notice on every channel the person has, SMS included, whatever they chose', async () => {
    const before = t.node.notifications.sms.sent.length;
    await notify({ recipients: [staffId], topic: 'message.urgent', title: '紧急：请立即回复', body: '防汛值班调整', urgent: true });
    await t.node.notifications.dispatcher.deliverDue();
    const sms = t.node.notifications.sms.sent.slice(before);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain('紧急：请立即回复');
    await expect.poll(() => mailbox.received.some((m) => m.subject === '紧急：请立即回复')).toBe(true);
  });

  it('makes a notice with the same dedupe key once (a retried effect happens once)', async () => {
    const first = await notify({ recipients: [staffId], topic: 'message', title: '去重', body: '一次', dedupeKey: 'dedupe-test' });
    const second = await notify({ recipients: [staffId], topic: 'message', title: '去重', body: '一次', dedupeKey: 'dedupe-test' });
    expect([first, second]).toEqual([1, 0]);
    expect(await rows('notifications', sql`dedupe_key = 'dedupe-test'`)).toHaveLength(1);
  });

  it('keeps a delivery the SMTP server did not take, to retry it later', async () => {
    await mailbox.close();
    await notify({ recipients: [staffId], topic: 'instruction.assigned', title: '服务器不在时', body: '稍后重试' });
    expect(await t.node.notifications.dispatcher.deliverDue()).toBe(0);
    const [pending] = await rows(
      'notification_deliveries',
      sql`notification_id in (select id from notifications where title = '服务器不在时')`,
    );
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending!.last_error).toBeTruthy();
  });

  it('lets no one read or mark another person’s notices, and refuses a preference that turns in-app off', async () => {
    const [mine] = (await t.request('GET', '/api/v1/notifications', { as: staff })).json().items as { id: string }[];
    expect((await t.request('POST', `/api/v1/notifications/${mine!.id}/read`, { as: other })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/notifications', { as: other })).json().items).toEqual([]);
    expect((await t.request('GET', '/api/v1/notifications')).statusCode).toBe(401);

    const noInapp = await t.request('PUT', '/api/v1/notifications/preferences', {
      as: staff,
      body: { topic: 'message', channels: ['email'] },
    });
    expect(noInapp.json().error.code).toBe('notifications.inapp_required');
    const unknown = await t.request('PUT', '/api/v1/notifications/preferences', {
      as: staff,
      body: { topic: 'lottery', channels: ['inapp'] },
    });
    expect(unknown.statusCode).toBe(400);

    expect((await t.request('POST', `/api/v1/notifications/${mine!.id}/read`, { as: staff })).json().readAt).toBeTruthy();
    const all = await t.request('POST', '/api/v1/notifications/read-all', { as: staff });
    expect(all.statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/notifications', { as: staff })).json().unread).toBe(0);
  });
});
