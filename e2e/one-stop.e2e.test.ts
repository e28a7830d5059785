import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { demoRecords } from '../server/src/packs/demo-province/index.ts';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { loggedIn, newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

/** The four departments of 出生一件事 and one ordinary staff member of each. */
const departments: Record<string, string> = {
  '330106-WJ-GG-001': 'xihu-wjj.staff1',
  '330000-GA-QR-001': 'zj-gat.staff1',
  '330000-YB-GG-001': 'zj-ybj.staff1',
  '330000-RS-GG-001': 'zj-rst.staff1',
};

describe('出生一件事 end to end in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a mother applies on her phone, the departments handle it in the Workbench, she downloads her certificates, the verify page tells authentic from tampered, and a revoked one says so', async () => {
    const t = fixture.t;
    // a demo mother whose baby's birth the 助产机构 reported: the form is prefilled from it
    const accounts = new Set(
      (await sql<{ username: string }>`select username from accounts where kind = 'citizen'`.execute(t.node.db.kysely)).rows.map(
        (r) => r.username,
      ),
    );
    const birth = demoRecords()['330000-WJ-0001']!.find((b) => accounts.has(String(b.id_number)))!;
    const mother = String(birth.id_number);

    const context = await newContext(fixture.browser, fixture.base, phone);
    expect((await context.request.post('/api/v1/auth/login', { data: { username: mother, password: demoPassword } })).status()).toBe(200);
    const page = await context.newPage();
    let applicationId = '';
    await withScreenshot(page, 'one-stop-apply-phone', async () => {
      await page.goto('/m/portal');
      await page.locator('[data-testid="bundle-card"][data-code="YJS-CS-001"]').click();
      await page.getByTestId('bundle-page').waitFor();
      await page.getByTestId('bundle-apply').click();
      await page.getByTestId('apply-consent-panel').waitFor();
      // nothing is read before consent; once given, the form comes prefilled with its sources named
      await page.getByTestId('apply-consent').click();
      await page.getByTestId('apply-form').waitFor();
      await expect.poll(async () => page.getByTestId('prefill-source').count()).toBeGreaterThan(3);
      await expect(page.getByTestId('apply-form').textContent()).resolves.toContain('浙江省卫生健康委员会');
      await expect(page.getByTestId('apply-field-babyName').locator('input').inputValue()).resolves.toBe(String(birth.baby_name));
      await page.getByTestId('apply-field-householdSide').getByText('随母', { exact: true }).click();
      await page.getByTestId('apply-submit').click();
      await page.getByTestId('bundle-application-page').waitFor();
      applicationId = new URL(page.url()).pathname.split('/').at(-1)!;
      await expect.poll(async () => page.getByTestId('bundle-part').count()).toBe(4);
    });

    // one case per department
    const cases = async () =>
      (
        await sql<{
          id: string;
          service_code: string;
        }>`select id, service_code from service_cases where bundle_application_id = ${applicationId}`.execute(t.node.db.kysely)
      ).rows;
    const parts = await cases();
    expect(parts).toHaveLength(4);

    // each department handles its part in the Workbench: 受理, then 审核 with an opinion
    for (const part of parts) {
      const staff = await loggedIn(fixture, departments[part.service_code]!);
      const api = await t.login(departments[part.service_code]!);
      for (const [step, field] of [
        ['accept', 'accepted'],
        ['review', 'approved'],
      ] as const) {
        const open = (await t.request('GET', `/api/v1/cases/${part.id}`, { as: api })).json().openTasks as { id: string; nodeId: string }[];
        const task = open.find((x) => x.nodeId === step)!;
        expect(task, `${step} of ${part.service_code}`).toBeDefined();
        await withScreenshot(staff.page, `one-stop-${step}-${part.service_code}`, async () => {
          await staff.page.goto(`/workbench/tasks/${task.id}`);
          await staff.page.getByTestId('case-card').waitFor();
          await expect(staff.page.getByTestId('case-applicant').textContent()).resolves.toBeTruthy();
          await staff.page.getByTestId(`schema-field-${field}`).getByText('是', { exact: true }).click();
          await staff.page.getByTestId('schema-field-opinion').locator('input, textarea').first().fill('材料齐全，予以办理');
          await staff.page.getByTestId('task-complete').click();
          await expect.poll(async () => new URL(staff.page.url()).pathname).not.toBe(`/workbench/tasks/${task.id}`);
        });
      }
      await staff.context.close();
    }

    // the mother sees it done and takes her certificates from the wallet
    let serial = '';
    let pdf = Buffer.alloc(0);
    await withScreenshot(page, 'one-stop-wallet-phone', async () => {
      await page.goto(`/m/portal/cases/bundles/${applicationId}`);
      await expect
        .poll(async () => page.getByTestId('case-status').first().getAttribute('data-status'), { timeout: 20_000 })
        .toBe('completed');
      await page.goto('/m/portal/certificates');
      await expect.poll(async () => page.getByTestId('wallet-item').count()).toBe(4);
      const birthCertificate = page.getByTestId('wallet-item').filter({ hasText: '出生医学证明' });
      serial = (await birthCertificate.getAttribute('data-serial'))!;
      const [download] = await Promise.all([page.waitForEvent('download'), birthCertificate.getByTestId('wallet-download').click()]);
      pdf = readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    });

    // anyone may check it: by its QR code's page, and by uploading what they were given
    await withScreenshot(page, 'one-stop-verify', async () => {
      await page.goto(`/verify/${serial}`);
      await expect.poll(async () => page.getByTestId('verify-result').first().getAttribute('data-status')).toBe('authentic');
      await expect(page.getByTestId('verify-result').first().textContent()).resolves.toContain('真实有效');
      const tampered = Buffer.from(pdf);
      const middle = Math.floor(tampered.length / 2);
      tampered[middle] = tampered[middle]! ^ 0x01;
      // the uploaded file's answer shows below the serial's
      await page.getByTestId('verify-file').setInputFiles({ name: '出生医学证明.pdf', mimeType: 'application/pdf', buffer: tampered });
      await expect.poll(async () => page.getByTestId('verify-result').last().getAttribute('data-status')).toBe('tampered');
      await expect(page.getByTestId('verify-result').last().textContent()).resolves.toContain('已被篡改');
      await page.getByTestId('verify-file').setInputFiles({ name: '出生医学证明.pdf', mimeType: 'application/pdf', buffer: pdf });
      await expect.poll(async () => page.getByTestId('verify-result').last().getAttribute('data-status')).toBe('authentic');
    });

    // the 卫健局's administrator revokes it in the Console; from then on every check says so
    const admin = await loggedIn(fixture, 'xihu-wjj.orgadmin');
    await withScreenshot(admin.page, 'one-stop-revoke', async () => {
      await admin.page.goto('/console/certificates');
      const search = admin.page
        .getByTestId('certificates-search')
        .locator('input')
        .or(admin.page.getByTestId('certificates-search'))
        .first();
      await search.fill(serial);
      await search.press('Enter');
      await expect.poll(async () => admin.page.getByTestId('certificate-revoke').count()).toBe(1);
      await admin.page.getByTestId('certificate-revoke').click();
      await admin.page.getByTestId('certificate-revoke-reason').fill('登记信息有误，已重新签发');
      await admin.page
        .getByRole('button', { name: '吊 销' })
        .or(admin.page.getByRole('button', { name: '吊销' }))
        .last()
        .click();
      await expect.poll(async () => admin.page.getByTestId('certificate-revoke').count()).toBe(0);
    });
    await admin.context.close();
    await page.goto(`/verify/${serial}`);
    await expect.poll(async () => page.getByTestId('verify-result').first().getAttribute('data-status')).toBe('revoked');
    await context.close();

    // the Console's 一网通办指标 count the finished cases, with charts
    const monitor = await loggedIn(fixture, 'admin');
    await withScreenshot(monitor.page, 'one-stop-kpis', async () => {
      await monitor.page.goto('/console/one-stop-kpis');
      const row = monitor.page.getByTestId('kpi-table').locator('tr').filter({ hasText: '浙江省公安厅' });
      await expect.poll(async () => row.count(), { timeout: 30_000 }).toBe(1);
      await expect(row.textContent()).resolves.toContain('100%'); // on time
      await expect.poll(async () => monitor.page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    });
    await monitor.context.close();
  }, 240_000); // four departments' steps in real Chromium pages
});
