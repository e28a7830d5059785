import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedIn, useNodeAndBrowser, withScreenshot } from './browser.ts';

async function sheet(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('业务模型');
  ws.addRow(['核心业务', '业务模块', '业务单元', '业务事项', '事项类型', '协同部门']);
  for (const row of rows) ws.addRow(row);
  const file = join(mkdtempSync(join(tmpdir(), 'zhili-e2e-')), 'model.xlsx');
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

describe('the V-model tree in the Console, in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('adds a core business, then imports an Excel file: row errors first, the tree once it is clean', async () => {
    const { context, page } = await loggedIn(fixture, 'xihu.orgadmin');
    /** Confirms in the dialog the upload opened, then waits until it has closed (its animation too). */
    const confirmImport = async () => {
      const dialog = page.locator('.ant-modal-confirm').filter({ hasText: '替换' });
      const ok = dialog.getByRole('button', { name: /替换并导入/ });
      await ok.click();
      // Under load the first click can land while the dialog still animates in: click again until it goes.
      for (let attempt = 0; attempt < 3 && (await dialog.count()) > 0; attempt++) {
        await page.waitForTimeout(2000);
        if ((await dialog.count()) > 0 && (await ok.isEnabled().catch(() => false))) await ok.click().catch(() => undefined);
      }
      await expect.poll(async () => dialog.count(), { timeout: 30_000 }).toBe(0);
    };
    await withScreenshot(page, 'model-tree', async () => {
      await page.goto('/console/model');
      await page.getByTestId('console-model').waitFor();
      await page.getByTestId('model-add-core').click();
      await page.getByTestId('model-node-name').fill('基层社会治理');
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /确\s*定|保\s*存|新\s*建|OK/ })
        .click();
      await page.getByTestId('model-tree').getByText('基层社会治理').waitFor();

      await page.getByTestId('model-import').setInputFiles(await sheet([['数字政府', '一网通办', '出生一件事', '出生登记', '审批', '']]));
      await confirmImport();
      await page.getByTestId('model-import-errors').waitFor();
      await expect(page.getByTestId('model-import-errors').textContent()).resolves.toContain('治理');
      await expect(page.getByTestId('model-tree').textContent()).resolves.toContain('基层社会治理');

      await page.getByTestId('model-import').setInputFiles(
        await sheet([
          ['数字政府', '一网通办', '出生一件事', '出生登记', '服务', '杭州市西湖区市场监督管理局'],
          ['数字政府', '一网通办', '出生一件事', '医保参保', '服务', ''],
          ['数字政府', '一网通管', '双随机抽查', '抽查计划', '治理', ''],
        ]),
      );
      await confirmImport();
      await page.getByTestId('model-import-done').waitFor();
      await page.getByTestId('model-tree').getByText('数字政府').waitFor();
      await expect(page.getByTestId('model-summary').textContent()).resolves.toMatch(/3/);
    });
    await context.close();
  });
});
