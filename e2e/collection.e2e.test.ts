import { describe, expect, it } from 'vitest';
import { generateCitizens } from '../server/src/packs/demo-province/index.ts';
import { loggedIn, useNodeAndBrowser, withScreenshot } from './browser.ts';

const citizens = generateCitizens(20);
const fields = [
  { name: 'cert_no', label: '证书编号', type: 'string', grade: 'L2', key: true },
  { name: 'holder_name', label: '持证人姓名', type: 'string', grade: 'L3', required: true },
  { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L4', key: true, unique: true },
  { name: 'status', label: '状态', type: 'string', grade: 'L1', enum: ['有效', '注销'] },
  { name: 'issued_on', label: '发证日期', type: 'date', grade: 'L1' },
];
const line = (i: number, idNumber = citizens[i]!.idNumber) =>
  [`ZS${String(i).padStart(5, '0')}`, citizens[i]!.name, idNumber, '有效', '2026/3/5'].join(',');
const csv = (lines: string[]) => Buffer.from(`\uFEFF证书编号,持证人姓名,身份证号,状态,发证日期\r\n${lines.join('\r\n')}\r\n`);

describe('data collection (数据归集) and quality in the Console, in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a data officer’s upload is rejected naming the bad row, then a clean file publishes and scores 100', async () => {
    const t = fixture.t;
    const officer = await t.login('hz.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: officer,
      body: {
        orgId: officer.me.orgId,
        code: '330100-SJ-0710',
        name: '杭州市人才证书信息',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const resourceId = created.json().id as string;
    // the second data row (row 3 of the file) has a 身份证号 with a wrong check digit
    const good = citizens[2]!.idNumber;
    const broken = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;

    const { context, page } = await loggedIn(fixture, 'hz.dataofficer');
    await withScreenshot(page, 'collection', async () => {
      await page.goto(`/console/catalog/${resourceId}`);
      await page.getByTestId('resource-tab-collection').click();
      await page.getByTestId('collection-upload-card').waitFor();

      await page
        .getByTestId('collection-file-input')
        .setInputFiles({ name: '人才证书.csv', mimeType: 'text/csv', buffer: csv([line(1), line(2, broken), line(3)]) });
      await expect.poll(async () => page.getByTestId('collection-file').textContent()).toContain('人才证书.csv');
      await page.getByTestId('collection-upload').click();
      const result = page.getByTestId('collection-result');
      await expect.poll(async () => result.getAttribute('data-status'), { timeout: 15_000 }).toBe('rejected');
      await expect.poll(async () => result.textContent()).toContain('整个文件未写入');
      const problem = page.getByTestId('collection-problems').getByTestId('problem-row-3');
      expect(await problem.textContent()).toContain('身份证号');
      expect(await problem.textContent()).toContain('身份证号无效');
      expect(await page.getByTestId('collection-reasons').textContent()).toContain('× 1');
      expect(await page.getByTestId('collection-problems').locator('tbody tr').count()).toBe(1);

      await page
        .getByTestId('collection-file-input')
        .setInputFiles({ name: '人才证书-更正.csv', mimeType: 'text/csv', buffer: csv([line(1), line(2), line(3)]) });
      await expect.poll(async () => page.getByTestId('collection-file').textContent()).toContain('人才证书-更正.csv');
      await page.getByTestId('collection-upload').click();
      await expect.poll(async () => result.getAttribute('data-status'), { timeout: 15_000 }).toBe('published');
      expect(await page.getByTestId('collection-count-rowsRead').textContent()).toBe('3');
      expect(await page.getByTestId('collection-count-inserted').textContent()).toBe('3');
      expect(await page.getByTestId('collection-count-rowsBad').textContent()).toBe('0');
      expect(await page.getByTestId('collection-progress').getAttribute('data-percent')).toBe('100');

      // 归集记录: both loads, the rejected one opening onto its problems
      const history = page.getByTestId('collection-history');
      await expect.poll(async () => history.locator('[data-testid^="load-row-"]').count()).toBe(2);
      const rejectedRow = history.locator('[data-testid^="load-row-"][data-status="rejected"]');
      await rejectedRow.locator('.ant-table-row-expand-icon').click();
      await expect.poll(async () => history.locator('[data-testid^="load-problems-"]').textContent()).toContain('身份证号无效');

      await page.getByTestId('resource-tab-quality').click();
      const score = page.getByTestId('quality-score');
      await expect.poll(async () => score.getAttribute('data-score')).toBe('100');
      expect(await page.getByTestId('quality-fresh').getAttribute('data-fresh')).toBe('true');
    });
    await context.close();

    const records = await t.request('GET', `/api/v1/catalog/resources/${resourceId}/records?field=id_number&value=${good}`, {
      as: officer,
    });
    expect(records.statusCode, records.body).toBe(200);
    expect(records.json()).toMatchObject({ cert_no: 'ZS00002', issued_on: '2026-03-05' });
    const quality = (await t.request('GET', `/api/v1/collection/quality/${resourceId}`, { as: officer })).json();
    expect(quality).toMatchObject({ score: 100, checkedRows: 3, badRows: 0, rectificationInstanceId: null });
  });
});
