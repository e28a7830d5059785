import { describe, expect, it } from 'vitest';
import { given } from '../server/src/testing/given.ts';
import { demoPassword, type Session, type TestNode } from '../server/src/testing/test-node.ts';
import { newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

/** A mother whose baby's birth the 助产机构 reported: 城乡居民医保参保登记 reads her 出生医学证明. */
const mother = '330382197811297469';
const insurance = '330000-YB-GG-001';
const measures = '已修复照片上传组件，并电话回访申请人';
const suggestion = '建议新生儿参保时自动带出出生医学证明信息';
const answer = '感谢建议，已于本月上线出生信息自动带出功能';

/** Completes the open task at `nodeId` of the workflow instance whose business key is `businessKey`. */
async function completeTask(t: TestNode, who: Session, businessKey: string, nodeId: string, variables: Record<string, unknown>) {
  const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: who })).json().items as {
    id: string;
    nodeId: string;
    businessKey: string;
  }[];
  const task = tasks.find((x) => x.businessKey === businessKey && x.nodeId === nodeId);
  expect(task, `${nodeId} for ${businessKey}`).toBeDefined();
  const done = await t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, { as: who, body: { variables } });
  expect(done.statusCode, done.body).toBe(200);
}

describe('好差评, 投诉与建议 and 谁用了我的数据 in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a mother rates a finished case poorly on her phone and sees the department put it right, files a suggestion and reads its answer, and sees who read her data', async () => {
    const t = fixture.t;
    const citizen = await t.login(mother);
    const ybj = await t.login(await given(t).staffOf('zj-ybj'));

    // a case of hers, applied for and finished through the API
    const applied = await t.request('POST', '/api/v1/cases', {
      as: citizen,
      body: { serviceCode: insurance, consent: true, form: { phone: '13857712345', babyName: '林小禾', babyBirthDate: '2026-11-18' } },
      headers: { 'idempotency-key': `e2e-feedback-${Date.now()}` },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const { id: caseId, caseNo } = applied.json() as { id: string; caseNo: string };
    await completeTask(t, ybj, caseId, 'accept', { accepted: true });
    await completeTask(t, ybj, caseId, 'review', { approved: true });

    const context = await newContext(fixture.browser, fixture.base, phone);
    expect((await context.request.post('/api/v1/auth/login', { data: { username: mother, password: demoPassword } })).status()).toBe(200);
    const page = await context.newPage();

    // 好差评: two stars offer the poor reasons; one ticked, a comment, and the department must put it right
    await withScreenshot(page, 'feedback-rate-phone', async () => {
      await page.goto(`/m/portal/cases/${caseId}`);
      await page.getByTestId('rating-card').waitFor();
      await page.getByTestId('rating-stars').getByRole('radio', { name: '2', exact: true }).tap();
      await expect.poll(async () => page.getByTestId('rating-score-label').textContent()).toBe('不满意');
      await expect.poll(async () => page.getByTestId('rating-reason').count()).toBe(6);
      await page.getByTestId('rating-reason').filter({ hasText: '系统不好用' }).click();
      await expect(page.getByTestId('rating-reason').filter({ hasText: '系统不好用' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await page.getByTestId('rating-comment').getByRole('textbox').fill('上传照片总是失败');
      await page.getByTestId('rating-submit').click();
      await page.getByTestId('rating-done').waitFor();
      await expect(page.getByTestId('rating-done').getAttribute('data-score')).resolves.toBe('2');
      await expect(page.getByTestId('rating-rectification').getAttribute('data-status')).resolves.toBe('open');
      await expect(page.getByTestId('rating-rectification').textContent()).resolves.toContain('部门整改中');
      await expect(page.getByTestId('rating-card').count()).resolves.toBe(0);
    });

    // the department reports what it changed; she sees it on the case
    await completeTask(t, ybj, caseId, 'rectify', { measures });
    await withScreenshot(page, 'feedback-rectified-phone', async () => {
      await page.reload();
      await page.getByTestId('rating-done').waitFor();
      await expect.poll(async () => page.getByTestId('rating-rectification').getAttribute('data-status')).toBe('closed');
      await expect(page.getByTestId('rating-measures').textContent()).resolves.toBe(measures);
      await expect(page.getByTestId('rating-rectification').textContent()).resolves.toContain('已整改');
    });

    // 投诉与建议, from 我的: a suggestion about this case, then the department's answer
    let complaintId = '';
    await withScreenshot(page, 'feedback-complaint-phone', async () => {
      await page.goto('/m/portal/me');
      await page.getByTestId('me-complaints').click();
      await page.getByTestId('complaint-form').waitFor();
      await page.getByTestId('complaint-kind').getByText('建议', { exact: true }).click();
      await page.getByTestId('complaint-about').getByText(caseNo, { exact: false }).click();
      await page.getByTestId('complaint-text').getByRole('textbox').fill(suggestion);
      await page.getByTestId('complaint-submit').click();
      const item = page.getByTestId('complaint-item').filter({ hasText: suggestion });
      await expect.poll(async () => item.count()).toBe(1);
      await expect(item.getAttribute('data-status')).resolves.toBe('open');
      await expect(item.textContent()).resolves.toContain('浙江省医疗保障局');
      await expect(item.textContent()).resolves.toContain(caseNo);
      complaintId = (await item.getAttribute('data-id'))!;
      // the form is empty again for the next one
      await expect(page.getByTestId('complaint-text').getByRole('textbox').inputValue()).resolves.toBe('');
    });
    await completeTask(t, ybj, complaintId, 'answer', { answer });
    await withScreenshot(page, 'feedback-answer-phone', async () => {
      await page.reload();
      const item = page.locator(`[data-testid="complaint-item"][data-id="${complaintId}"]`);
      await expect.poll(async () => item.getAttribute('data-status')).toBe('answered');
      await expect(item.getByTestId('complaint-answer').textContent()).resolves.toContain(answer);
    });

    // 谁用了我的数据: opening an application form with consent reads her 出生医学证明 through the gateway
    const form = await context.request.get(`/api/v1/services/${insurance}/application-form?consent=true`);
    expect(form.status()).toBe(200);
    await withScreenshot(page, 'feedback-data-uses-phone', async () => {
      await page.goto('/m/portal/me');
      await page.getByTestId('me-data-uses').click();
      await page.getByTestId('portal-data-uses').waitFor();
      await expect(page.getByTestId('data-uses-intro').textContent()).resolves.toContain(
        '每次部门通过公共数据平台调取您的数据都会记录在这里',
      );
      await expect.poll(async () => page.getByTestId('data-use-item').count()).toBeGreaterThan(0);
      const birth = page.getByTestId('data-use-item').filter({ hasText: '出生医学证明' }).first();
      await expect(birth.textContent()).resolves.toContain('浙江省卫生健康委员会');
      await expect(birth.textContent()).resolves.toContain('一网通办申请表单预填');
    });
    await context.close();
  });
});
