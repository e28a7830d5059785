import { sql } from 'kysely';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { loggedIn, newContext, phone, useNodeAndBrowser, withScreenshot, type BrowserFixture } from './browser.ts';

/** A phone-sized context, logged in through the API. */
async function onPhone(fixture: BrowserFixture, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(fixture.browser, fixture.base, phone);
  expect((await context.request.post('/api/v1/auth/login', { data: { username, password: demoPassword } })).status()).toBe(200);
  return { context, page: await context.newPage() };
}

/** The stream is open (the page says so): what is sent from now on arrives without a reload. */
async function waitForLive(page: Page, testId: string) {
  await expect.poll(async () => page.getByTestId(testId).getAttribute('data-live')).toBe('true');
}

describe('消息 in Chromium', () => {
  const fixture = useNodeAndBrowser();

  const person = async (username: string) => {
    const row = (
      await sql<{ id: string; display_name: string }>`select id, display_name from accounts where username = ${username}`.execute(
        fixture.t.node.db.kysely,
      )
    ).rows[0];
    if (!row) throw new Error(`no demo account ${username}`);
    return { id: row.id, name: row.display_name };
  };
  const urgentNotices = async (accountId: string, messageId: string) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from notifications
          where account_id = ${accountId} and source_id = ${messageId} and topic = 'message.urgent'`.execute(fixture.t.node.db.kysely)
      ).rows[0]!.n,
    );

  it('a county clerk opens a 单聊 from the address book; the colleague on a phone sees it arrive live, replies, and the sender sees 已读', async () => {
    const second = await person('xihu-wjj.staff2');
    const hello = '王科长，明天上午的卫生监督联合检查方案已经拟好，请您看一下。';
    const reply = '收到，我下午看完回复您。';

    // the colleague, on a phone, waits at the message list with the stream open
    const mobile = await onPhone(fixture, 'xihu-wjj.staff2');
    await withScreenshot(mobile.page, 'messages-phone-list', async () => {
      await mobile.page.goto('/m/workbench/messages');
      await waitForLive(mobile.page, 'workbench-messages');
    });

    // the clerk finds the colleague in the address book and 发消息 opens the 单聊 (?to=)
    const desk = await loggedIn(fixture, 'xihu-wjj.staff1');
    let conversationId = '';
    await withScreenshot(desk.page, 'messages-direct-open', async () => {
      await desk.page.goto('/workbench/contacts');
      await desk.page.getByTestId('people-search').fill(second.name);
      await desk.page.getByTestId(`person-${second.id}`).click();
      await desk.page.getByTestId('person-card').getByTestId('person-message').click();
      await desk.page.waitForURL(new RegExp(`/workbench/messages\\?to=${second.id}$`));
      const conversation = desk.page.getByTestId('conversation');
      await conversation.waitFor();
      conversationId = (await conversation.getAttribute('data-id'))!;
      expect(conversationId).toMatch(/^cnv_[0-9a-z]{26}$/);
      await expect(desk.page.getByTestId('conversation-title').textContent()).resolves.toBe(second.name);
      await waitForLive(desk.page, 'workbench-messages');
      await desk.page.getByTestId('composer-text').fill(hello);
      await desk.page.getByTestId('composer-text').press('Enter');
      const mine = desk.page.locator('[data-testid="message"][data-mine="true"]');
      await expect.poll(async () => mine.count()).toBe(1);
      await expect(mine.getByTestId('message-text').textContent()).resolves.toBe(hello);
      await expect(mine.getByTestId('receipt').getAttribute('data-read')).resolves.toBe('false');
      await expect(mine.getByTestId('receipt').textContent()).resolves.toBe('未读');
    });

    // on the phone, without a reload: the conversation arrives with one unread, opens, and a reply goes back
    await withScreenshot(mobile.page, 'messages-phone-live', async () => {
      const item = mobile.page.locator(`[data-testid="conversation-item"][data-id="${conversationId}"]`);
      await expect.poll(async () => item.getAttribute('data-unread'), { timeout: 10_000 }).toBe('1');
      await expect(item.getByTestId('conversation-preview').textContent()).resolves.toBe(hello);
      await item.click();
      await mobile.page.waitForURL(new RegExp(`/m/workbench/messages/${conversationId}$`));
      await expect.poll(async () => mobile.page.getByTestId('message-text').first().textContent()).toBe(hello);
      await waitForLive(mobile.page, 'conversation');
      await mobile.page.getByTestId('composer-text').locator('textarea:not([aria-hidden])').fill(reply);
      await mobile.page.getByTestId('composer-send').click();
      await expect.poll(async () => mobile.page.locator('[data-testid="message"][data-mine="true"]').count()).toBe(1);
    });

    // the clerk sees 已读 on the message and the reply, both live
    await withScreenshot(desk.page, 'messages-read-receipt', async () => {
      const mine = desk.page.locator('[data-testid="message"][data-mine="true"]').first();
      await expect.poll(async () => mine.getByTestId('receipt').getAttribute('data-read'), { timeout: 10_000 }).toBe('true');
      await expect(mine.getByTestId('receipt').textContent()).resolves.toBe('已读');
      const theirs = desk.page.locator('[data-testid="message"][data-mine="false"]');
      await expect.poll(async () => theirs.getByTestId('message-text').textContent(), { timeout: 10_000 }).toBe(reply);
    });

    // a second message arrives in the colleague's open conversation, and is read there at once
    await withScreenshot(mobile.page, 'messages-phone-thread-live', async () => {
      await desk.page.getByTestId('composer-text').fill('好的，谢谢！');
      await desk.page.getByTestId('composer-send').click();
      await expect.poll(async () => mobile.page.locator('[data-testid="message"][data-mine="false"]').count(), { timeout: 10_000 }).toBe(2);
      await expect
        .poll(
          async () =>
            desk.page.locator('[data-testid="message"][data-mine="true"]').last().getByTestId('receipt').getAttribute('data-read'),
          {
            timeout: 10_000,
          },
        )
        .toBe('true');
    });
    await mobile.context.close();
    await desk.context.close();
  });

  it('a 紧急消息 is re-sent while the recipient has not acknowledged it, and no more once they 确认收到 on the home banner', async () => {
    const recipient = await person('xihu-wjj.staff2');
    const text = '【紧急】省卫健委督查组 14:00 到达，请立即到三楼会议室。';

    const desk = await loggedIn(fixture, 'xihu-wjj.staff1');
    let messageId = '';
    await withScreenshot(desk.page, 'messages-urgent-send', async () => {
      await desk.page.goto(`/workbench/messages?to=${recipient.id}`);
      await desk.page.getByTestId('conversation').waitFor();
      await waitForLive(desk.page, 'workbench-messages');
      await desk.page.getByTestId('composer-urgent').click();
      await expect(desk.page.getByTestId('composer-urgent').getAttribute('data-on')).resolves.toBe('true');
      await desk.page.getByTestId('composer-text').fill(text);
      await desk.page.getByTestId('composer-send').click();
      const urgent = desk.page.locator('[data-testid="message"][data-urgent="true"]');
      await expect.poll(async () => urgent.count()).toBe(1);
      messageId = (await urgent.getAttribute('data-id'))!;
      await expect.poll(async () => urgent.getByTestId('urgent-state').textContent()).toBe('1 人未确认');
      // the toggle is off again after sending
      await expect(desk.page.getByTestId('composer-urgent').getAttribute('data-on')).resolves.toBe('false');
    });

    // the recipient has not read it: the node's re-send notifies again
    expect(await urgentNotices(recipient.id, messageId)).toBe(1);
    expect(await fixture.t.node.messages.resendDue(new Date(Date.now() + 3600_000))).toBeGreaterThanOrEqual(1);
    expect(await urgentNotices(recipient.id, messageId)).toBe(2);

    // the recipient's phone home shows it in red, and 确认收到 there stops the reminders
    const mobile = await onPhone(fixture, 'xihu-wjj.staff2');
    await withScreenshot(mobile.page, 'messages-urgent-banner', async () => {
      await mobile.page.goto('/m/workbench');
      const banner = mobile.page.getByTestId('urgent-banner');
      await banner.waitFor();
      const item = banner.locator(`[data-testid="urgent-item"][data-id="${messageId}"]`);
      await expect(item.textContent()).resolves.toContain('督查组');
      await item.getByTestId('urgent-acknowledge').click();
      await expect.poll(async () => mobile.page.getByTestId('urgent-banner').count()).toBe(0);
    });
    const receipt = (
      await sql<{ acknowledged_at: string | null }>`select acknowledged_at from msg_urgent_receipts
        where message_id = ${messageId} and account_id = ${recipient.id}`.execute(fixture.t.node.db.kysely)
    ).rows[0];
    expect(receipt?.acknowledged_at).toBeTruthy();
    expect(await fixture.t.node.messages.resendDue(new Date(Date.now() + 7200_000))).toBe(0);
    expect(await urgentNotices(recipient.id, messageId)).toBe(2);

    // the sender sees it acknowledged, live
    await withScreenshot(desk.page, 'messages-urgent-acknowledged', async () => {
      const urgent = desk.page.locator(`[data-testid="message"][data-id="${messageId}"]`);
      await expect.poll(async () => urgent.getByTestId('urgent-state').textContent(), { timeout: 10_000 }).toBe('已全部确认收到');
    });
    await mobile.context.close();
    await desk.context.close();
  });

  it('refuses a conversation to someone outside it: the page shows 无权访问 and the API answers 403', async () => {
    const t = fixture.t;
    const second = await person('xihu-wjj.staff2');
    const clerk = await t.login('xihu-wjj.staff1');
    const opened = await t.request('POST', '/api/v1/conversations/direct', { as: clerk, body: { accountId: second.id } });
    expect([200, 201]).toContain(opened.statusCode);
    const conversationId = opened.json().id as string;

    const outsider = await loggedIn(fixture, 'xihu.officer'); // the same county, in reach, but not in this 单聊
    await withScreenshot(outsider.page, 'messages-forbidden', async () => {
      await outsider.page.goto(`/workbench/messages?conversation=${conversationId}`);
      await outsider.page.getByTestId('forbidden').waitFor();
      expect(await outsider.page.getByTestId('thread').count()).toBe(0);
      const refused = await outsider.context.request.get(`/api/v1/conversations/${conversationId}`);
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.code).toBe('messaging.not_a_member');
      expect((await outsider.context.request.get(`/api/v1/conversations/${conversationId}/messages`)).status()).toBe(403);
    });
    await outsider.context.close();
  });

  it('a leader opens a 讨论群 about a task from the task page with a colleague from the address book, then adds another; a plain member may not (403)', async () => {
    const t = fixture.t;
    const api = await t.login('xihu.leader');
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: api })).json().items as { id: string; itemName: string }[];
    expect(tasks.length).toBeGreaterThan(0);
    const task = tasks[0]!;
    const officer = await person('xihu.officer');
    const dataOfficer = await person('xihu.dataofficer');
    const { context, page } = await loggedIn(fixture, 'xihu.leader');
    await withScreenshot(page, 'messages-task-group', async () => {
      await page.goto(`/workbench/tasks/${task.id}`);
      await page.getByTestId('task-discussion').click();
      await page.getByTestId('group-form').waitFor();
      await expect(page.getByTestId('group-title').inputValue()).resolves.toContain(task.itemName);
      await page.getByTestId('group-members').click();
      await page.keyboard.type(officer.name);
      await page.getByTestId(`person-option-${officer.id}`).click();
      await page.getByTestId('group-submit').click();
      await page.waitForURL(/\/workbench\/messages\?conversation=cnv_[0-9a-z]{26}$/);
      await page.getByTestId('conversation-subject').waitFor();
      await expect(page.getByTestId('conversation-title').textContent()).resolves.toContain(task.itemName);
      await expect(page.getByTestId('conversation').getAttribute('data-kind')).resolves.toBe('group');
      await expect.poll(async () => page.getByTestId('conversation-members-open').textContent()).toContain('2 人');

      // the leader owns the group and adds the county's data officer to it
      await page.getByTestId('add-members-open').click();
      await page.getByTestId('add-members-people').click();
      await page.keyboard.type(dataOfficer.name);
      await page.getByTestId(`person-option-${dataOfficer.id}`).click();
      await page.getByTestId('add-members-submit').click();
      await page.getByTestId('add-members-form').waitFor({ state: 'detached' });
      await expect.poll(async () => page.getByTestId('conversation-members-open').textContent()).toContain('3 人');
    });
    const conversationId = new URL(page.url()).searchParams.get('conversation')!;
    // the new member finds the group among their conversations; the officer, a plain member, may not add anyone
    const added = await t.login('xihu.dataofficer');
    const theirs = (await t.request('GET', '/api/v1/conversations', { as: added })).json().items as { id: string }[];
    expect(theirs.map((c) => c.id)).toContain(conversationId);
    const byMember = await t.request('POST', `/api/v1/conversations/${conversationId}/members`, {
      as: await t.login('xihu.officer'),
      body: { accountIds: [dataOfficer.id] },
    });
    expect(byMember.statusCode).toBe(403);
    await context.close();
  });

  it('an officer on a phone opens a 讨论群 about a task, then adds a colleague from the members sheet', async () => {
    const t = fixture.t;
    const api = await t.login('xihu.officer');
    const withGroup = new Set(
      (
        await sql<{ subject_id: string }>`select subject_id from msg_conversations where subject_type = 'task'`.execute(t.node.db.kysely)
      ).rows.map((r) => r.subject_id),
    );
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: api })).json().items as { id: string; itemName: string }[];
    const task = tasks.find((x) => !withGroup.has(x.id));
    expect(task, 'a task of the officer without a 讨论群').toBeDefined();
    const leader = await person('xihu.leader');
    const dataOfficer = await person('xihu.dataofficer');
    const { context, page } = await onPhone(fixture, 'xihu.officer');
    await withScreenshot(page, 'messages-task-group-phone', async () => {
      await page.goto(`/m/workbench/tasks/${task!.id}`);
      await page.getByTestId('task-discussion').click();
      const sheet = page.getByTestId('group-form');
      await sheet.waitFor();
      await expect(page.getByTestId('group-title').locator('input').inputValue()).resolves.toContain(task!.itemName);
      await sheet.getByRole('searchbox').fill(leader.name);
      await page.getByTestId(`person-option-${leader.id}`).click();
      await page.getByTestId('group-submit').click();
      await page.waitForURL(/\/m\/workbench\/messages\/cnv_[0-9a-z]{26}$/);
      await expect(page.getByTestId('conversation').getAttribute('data-kind')).resolves.toBe('group');
      await expect.poll(async () => page.getByTestId('conversation-members-open').textContent()).toContain('2');

      await page.getByTestId('conversation-members-open').click();
      await page.getByTestId('add-members-open').click();
      const add = page.getByTestId('add-members-form');
      await add.waitFor();
      await add.getByRole('searchbox').fill(dataOfficer.name);
      await page.getByTestId(`person-option-${dataOfficer.id}`).click();
      await page.getByTestId('add-members-submit').click();
      await expect.poll(async () => page.getByTestId('conversation-members-open').textContent()).toContain('3');
    });
    const conversationId = new URL(page.url()).pathname.split('/').pop()!;
    const theirs = (await t.request('GET', '/api/v1/conversations', { as: await t.login('xihu.dataofficer') })).json().items as {
      id: string;
    }[];
    expect(theirs.map((c) => c.id)).toContain(conversationId);
    await context.close();
  });
});
