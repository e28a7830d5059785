import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { demoPassword } from '../server/src/testing/test-node.ts';
import { given } from '../server/src/testing/given.ts';
import { loggedIn, newContext, phone, useNodeAndBrowser, withScreenshot } from './browser.ts';

async function minutes(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Minutes of the county health bureau, 2026-11-23', { x: 60, y: 760, size: 13 });
  return Buffer.from(await doc.save());
}

describe('电子签章 in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('routes a PDF, the signer signs on a phone with the password again, and the signed file verifies', async () => {
    const signerId = await given(fixture.t).accountId('xihu-wjj.staff2');
    const { context, page } = await loggedIn(fixture, 'xihu-wjj.staff1');
    await withScreenshot(page, 'signature-route', async () => {
      await page.goto('/workbench/signatures');
      await page.getByTestId('signature-route').click();
      await page
        .locator('.ant-modal input[type=file]')
        .setInputFiles({ name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: await minutes() });
      await page.getByTestId('signature-title').fill('西湖区卫健局会议纪要');
      const signer = (
        await fixture.t.request('GET', `/api/v1/address-book/people/${signerId}`, { as: await fixture.t.login('xihu-wjj.staff1') })
      ).json();
      await page.getByTestId('signature-signers').click();
      await page.keyboard.type(signer.displayName);
      await page.getByTestId(`person-option-${signerId}`).click();
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /发\s*送/ })
        .click();
      await page.getByTestId('signature-page').waitFor();
    });
    const requestId = page.url().split('/').at(-1)!;

    const signerContext = await newContext(fixture.browser, fixture.base, phone);
    expect(
      (await signerContext.request.post('/api/v1/auth/login', { data: { username: 'xihu-wjj.staff2', password: demoPassword } })).status(),
    ).toBe(200);
    const mobile = await signerContext.newPage();
    await withScreenshot(mobile, 'signature-sign-phone', async () => {
      await mobile.goto('/m/workbench/signatures');
      await mobile.getByText('西湖区卫健局会议纪要').click();
      await mobile.getByTestId('signature-password').locator('input').fill('not-my-password');
      await mobile.getByTestId('signature-sign').click();
      await mobile.getByText(/密码不正确/).waitFor();
      await mobile.getByTestId('signature-password').locator('input').fill(demoPassword);
      await mobile.getByTestId('signature-sign').click();
      await mobile.getByText('已完成').first().waitFor();
    });
    await signerContext.close();

    const creator = await fixture.t.login('xihu-wjj.staff1');
    const signed = await fixture.t.request('GET', `/api/v1/signature-requests/${requestId}/document`, { as: creator });
    await withScreenshot(page, 'signature-verify', async () => {
      await page.goto('/workbench/signatures');
      await page.locator('input[type=file]').setInputFiles({ name: 'signed.pdf', mimeType: 'application/pdf', buffer: signed.rawPayload });
      await page.getByTestId('signature-verify-result').waitFor();
    });
    expect(await page.getByTestId('signature-verify-result').innerText()).toContain('真实有效');
    await context.close();

    const outsider = await fixture.t.login('xihu-scjg.staff1');
    expect((await fixture.t.request('GET', `/api/v1/signature-requests/${requestId}`, { as: outsider })).statusCode).toBe(403);
  });
});
