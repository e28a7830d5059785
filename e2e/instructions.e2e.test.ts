import { describe, expect, it } from 'vitest';
import { given } from '../server/src/testing/given.ts';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { loggedIn, newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

describe('批示督办 in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a county leader issues a 批示 on a report, the officer is told and 签收 then reports 50 % on the phone, the leader sees both on the timeline, and a colleague not addressed is refused', async () => {
    const t = fixture.t;
    const officerId = await given(t).accountId('xihu.officer'); // 陈霞琳, 西湖区市场监管局
    const subject = '西湖区校园周边食品安全专项检查报告';
    const progressText = '已排查校园周边食品经营户 36 家，发现问题 4 处，正在督促整改。';

    // 1. the leader (desktop) issues it, finding the officer by the initials of her name
    const leader = await loggedIn(fixture, 'xihu.leader');
    let instructionId = '';
    await withScreenshot(leader.page, 'instruction-issue', async () => {
      await leader.page.goto('/workbench/instructions');
      await leader.page.getByTestId('instruction-new').click();
      await leader.page.getByTestId('issue-form').waitFor();
      await leader.page.getByTestId('issue-subject-title').fill(subject);
      await leader.page.getByTestId('issue-text').fill('请区市场监管局一周内完成校园周边食品经营户排查，及时反馈进展。');
      // a past deadline is refused before anything is sent
      await leader.page.getByTestId('issue-deadline').fill('2020-01-01T09:00');
      await leader.page.getByTestId('issue-submit').click();
      await expect.poll(async () => leader.page.getByTestId('issue-form').textContent()).toContain('办理期限须晚于当前时间');
      await leader.page.getByTestId('issue-deadline-7').click();
      await leader.page.getByTestId('issue-people').click();
      await leader.page.keyboard.type('cxl');
      await leader.page.getByTestId(`person-option-${officerId}`).click();
      await leader.page.getByTestId('issue-submit').click();
      await leader.page.waitForURL(/\/workbench\/instructions\/ins_[0-9a-z]{26}$/);
      instructionId = new URL(leader.page.url()).pathname.split('/').at(-1)!;
      await leader.page.getByTestId('instruction-timeline').waitFor();
      await expect(leader.page.getByTestId('instruction-subject').textContent()).resolves.toBe(subject);
      await expect.poll(async () => leader.page.getByTestId('timeline-step').count()).toBe(1);
      expect(await leader.page.getByTestId('instruction-light').first().getAttribute('data-light')).toBe('green');
      // the issuer may supervise and cancel, but has nothing to acknowledge
      await leader.page.getByTestId('instruction-supervise').waitFor();
      expect(await leader.page.getByTestId('instruction-acknowledge').count()).toBe(0);
    });

    // 2. the officer, on a phone: the bell counts the notice, the notice opens the 批示, 签收 then 进展反馈 50 %
    const officer = await newContext(fixture.browser, fixture.base, phone);
    expect(
      (await officer.request.post('/api/v1/auth/login', { data: { username: 'xihu.officer', password: demoPassword } })).status(),
    ).toBe(200);
    const mobile = await officer.newPage();
    await withScreenshot(mobile, 'instruction-officer-phone', async () => {
      await mobile.goto('/m/workbench');
      const bell = mobile.getByTestId('notice-bell');
      await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThanOrEqual(1);
      await expect(mobile.getByTestId('home-instructions').textContent()).resolves.toContain(subject);
      await bell.click();
      const notice = mobile.getByTestId('notice-list').locator('[data-unread="true"]').filter({ hasText: subject }).first();
      await notice.click();
      await mobile.waitForURL(new RegExp(`/m/workbench/instructions/${instructionId}$`));
      await expect(mobile.getByTestId('instruction-text').textContent()).resolves.toContain('校园周边');
      await mobile.getByTestId('instruction-acknowledge').click();
      await expect.poll(async () => mobile.getByTestId('recipient-status').first().getAttribute('data-status')).toBe('acknowledged');
      await expect.poll(async () => mobile.getByTestId('instruction-acknowledge').count()).toBe(0);
      await mobile.getByTestId('instruction-progress').click();
      await mobile.getByTestId('progress-form').waitFor();
      await mobile.getByTestId('progress-percent-50').click();
      await mobile.getByTestId('progress-text').locator('textarea:not([aria-hidden])').fill(progressText);
      await mobile.getByTestId('instruction-action-confirm').click();
      await expect.poll(async () => mobile.getByTestId('recipient-status').first().getAttribute('data-status')).toBe('in_progress');
      await expect.poll(async () => mobile.locator('[data-testid="timeline-step"][data-kind="progress"]').count()).toBe(1);
      // the notice was read on opening it
      await mobile.goto('/m/workbench');
      await expect.poll(async () => Number(await mobile.getByTestId('notice-bell').getAttribute('data-unread'))).toBe(0);
    });
    await officer.close();

    // 3. the leader reloads: issued → acknowledged → progress, the officer's words and 50 % on the timeline
    await withScreenshot(leader.page, 'instruction-leader-timeline', async () => {
      await leader.page.reload();
      const timeline = leader.page.getByTestId('instruction-timeline');
      await timeline.waitFor();
      await expect
        .poll(async () => timeline.getByTestId('timeline-step').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-kind'))))
        .toEqual(['issued', 'acknowledged', 'progress']);
      const progress = timeline.locator('[data-kind="progress"]');
      await expect(progress.textContent()).resolves.toContain(progressText);
      await expect(progress.textContent()).resolves.toContain('50%');
      await expect(timeline.locator('[data-kind="acknowledged"]').textContent()).resolves.toContain('陈霞琳');
      // and the leader, told of the progress, sees the bell count it
      await expect
        .poll(async () => Number(await leader.page.getByTestId('notice-bell').getAttribute('data-unread')))
        .toBeGreaterThanOrEqual(1);
    });
    await leader.context.close();

    // 4. a colleague of the county who is neither addressed, the issuer nor a supervisor: the 403 page
    const outsider = await loggedIn(fixture, 'xihu.dataofficer');
    await withScreenshot(outsider.page, 'instruction-forbidden', async () => {
      await outsider.page.goto(`/workbench/instructions/${instructionId}`);
      await outsider.page.getByTestId('forbidden').waitFor();
      expect(await outsider.page.getByTestId('instruction-text').count()).toBe(0);
    });
    await outsider.context.close();
  });

  it('finds a leader by the initials of her name across levels in the address book, and her card offers 发消息', async () => {
    const leaderId = await given(fixture.t).accountId('xihu.leader'); // 孙蕾英, 西湖区人民政府
    const { context, page } = await loggedIn(fixture, 'xihu.officer');
    await withScreenshot(page, 'address-book-card', async () => {
      await page.goto('/workbench/contacts');
      await page.getByTestId('org-list').waitFor();
      await page.getByTestId('people-search').fill('sly');
      const results = page.getByTestId('people-results');
      await results.waitFor();
      await page.getByTestId(`person-${leaderId}`).click();
      const card = page.getByTestId('person-card');
      await card.waitFor();
      await expect(card.getByTestId('person-name').textContent()).resolves.toContain('孙蕾英');
      // another organisation's phone, for an L2 officer: masked as the server gives it
      await expect(card.getByTestId('person-phone').textContent()).resolves.toMatch(/1[3-9]\d\*{4}\d{4}/);
      await card.getByTestId('person-message').click();
      await page.waitForURL(new RegExp(`/workbench/messages\\?to=${leaderId}$`));
    });
    await context.close();
  });

  it('a leader issues a 批示 on a task from the task page: the subject is the task, its title read by the server', async () => {
    const t = fixture.t;
    const api = await t.login('xihu.leader');
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: api })).json().items as { id: string; itemName: string }[];
    expect(tasks.length).toBeGreaterThan(0);
    const task = tasks[0]!;
    const officerId = await given(t).accountId('xihu.officer');
    const { context, page } = await loggedIn(fixture, 'xihu.leader');
    await withScreenshot(page, 'instruction-on-task', async () => {
      await page.goto(`/workbench/tasks/${task.id}`);
      await page.getByTestId('task-issue-instruction').click();
      await page.getByTestId('issue-form').waitFor();
      await expect(page.getByTestId('issue-subject-id').inputValue()).resolves.toBe(task.id);
      await page.getByTestId('issue-text').fill('请抓紧办理此件，按期办结。');
      await page.getByTestId('issue-people').click();
      await page.keyboard.type('陈霞琳');
      await page.getByTestId(`person-option-${officerId}`).click();
      await page.getByTestId('issue-submit').click();
      await page.waitForURL(/\/workbench\/instructions\/ins_[0-9a-z]{26}$/);
      await expect.poll(async () => page.getByTestId('instruction-subject').textContent()).toContain(task.itemName);
    });
    await context.close();
  });

  it('a leader reads a task an officer has taken — read only, as its supervisor — and issues a 批示 on it', async () => {
    const t = fixture.t;
    const officer = await t.login('xihu.officer');
    const open = (await t.request('GET', '/api/v1/workflow/tasks', { as: officer })).json().items as {
      id: string;
      assignee: string | null;
    }[];
    const task = open.find((x) => !x.assignee)!;
    expect((await t.request('POST', `/api/v1/workflow/tasks/${task.id}/claim`, { as: officer })).statusCode).toBe(200);
    const officerId = await given(t).accountId('xihu.officer');
    const { context, page } = await loggedIn(fixture, 'xihu.leader');
    await withScreenshot(page, 'instruction-on-monitored-task', async () => {
      await page.goto(`/workbench/tasks/${task.id}`);
      await page.getByTestId('task-monitor-only').waitFor();
      expect(await page.getByTestId('task-complete').count()).toBe(0); // no 办理 form
      expect(await page.getByTestId('task-claim').count()).toBe(0);
      await page.getByTestId('task-issue-instruction').click();
      await page.getByTestId('issue-form').waitFor();
      await page.getByTestId('issue-text').fill('请加快办理。');
      await page.getByTestId('issue-people').click();
      await page.keyboard.type('陈霞琳');
      await page.getByTestId(`person-option-${officerId}`).click();
      await page.getByTestId('issue-submit').click();
      await page.waitForURL(/\/workbench\/instructions\/ins_[0-9a-z]{26}$/);
    });
    await context.close();
  });

  it('a leader issues a 批示 from a phone to a person found by name, and it reaches the officer', async () => {
    const officerId = await given(fixture.t).accountId('xihu.officer');
    const leader = await newContext(fixture.browser, fixture.base, phone);
    expect((await leader.request.post('/api/v1/auth/login', { data: { username: 'xihu.leader', password: demoPassword } })).status()).toBe(
      200,
    );
    const page = await leader.newPage();
    const officerName = (
      await fixture.t.request('GET', `/api/v1/address-book/people/${officerId}`, { as: await fixture.t.login('xihu.leader') })
    ).json().displayName as string;
    await withScreenshot(page, 'instruction-issue-phone', async () => {
      await page.goto('/m/workbench/instructions');
      await page.getByTestId('mobile-issue-open').click();
      await page.getByTestId('mobile-issue-about').locator('input').fill('校园周边食品安全专项检查');
      await page.getByTestId('mobile-issue-text').locator('textarea').fill('请于一周内完成检查并反馈。');
      await page.getByTestId('mobile-issue-search').locator('input').fill(officerName);
      await page.getByTestId(`mobile-person-${officerId}`).click();
      await page.getByTestId('mobile-issue-submit').click();
      await page.waitForURL(/\/m\/workbench\/instructions\/ins_/);
    });
    const officer = await fixture.t.login('xihu.officer');
    const mine = (await fixture.t.request('GET', '/api/v1/instructions?view=mine', { as: officer })).json().items as {
      subject: { title: string };
    }[];
    expect(mine.map((i) => i.subject.title)).toContain('校园周边食品安全专项检查');
    await leader.close();
  });
});
