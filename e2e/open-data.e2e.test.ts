import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { desktop, loggedIn, newContext, useNodeAndBrowser, withScreenshot } from './browser.ts';

describe('the open-data Portal in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a member of the public searches, opens a dataset, sees its preview and chart, and downloads the CSV', async () => {
    const context = await newContext(fixture.browser, fixture.base, desktop); // not logged in
    const page = await context.newPage();
    await withScreenshot(page, 'open-data-public', async () => {
      await page.goto('/open');
      await page.getByTestId('open-search-page').waitFor();
      await page.locator('input[data-testid="open-search"], [data-testid="open-search"] input').first().fill('医疗机构');
      await page.keyboard.press('Enter');
      await expect.poll(async () => page.getByTestId('open-results').textContent()).toContain('医疗机构名录');
      await expect.poll(async () => page.getByTestId('open-search-count').textContent()).toContain('1');
      await page.getByTestId('open-result-330000-wj-0004').getByTestId('open-result-title').click();

      await page.getByTestId('open-dataset-page').waitFor();
      await expect.poll(async () => page.getByTestId('open-dataset-title').textContent()).toContain('医疗机构名录');
      await expect.poll(async () => page.getByTestId('open-metadata').textContent()).toContain('浙江省卫生健康委员会');
      await expect.poll(async () => page.getByTestId('open-fields').textContent()).toContain('执业许可证登记号');
      const preview = page.getByTestId('open-preview');
      await expect.poll(async () => preview.textContent()).toContain('浙江省人民医院');
      expect(await preview.locator('tbody tr.ant-table-row').count()).toBe(5);
      // The chart counts the rows by 机构类别 (the first text field whose values repeat) on a canvas.
      await page.getByTestId('open-chart').locator('canvas').waitFor();
      await expect.poll(async () => page.getByTestId('open-chart-note').textContent()).toContain('机构类别');
      expect(await page.getByTestId('open-chart').getAttribute('aria-label')).toContain('综合医院: 3');
      expect(await page.getByTestId('open-ckan-link').getAttribute('href')).toBe('/api/3/action/package_show?id=330000-wj-0004');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('open-download-csv').click()]);
      expect(download.suggestedFilename()).toBe('医疗机构名录.csv');
      const csv = readFileSync((await download.path())!, 'utf8');
      const lines = csv
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('执业许可证登记号,机构名称,机构类别,地址,行政区划代码');
      expect(lines).toHaveLength(1 + 5);
      expect(lines.some((line) => line.includes('浙江省人民医院'))).toBe(true);
    });
    await context.close();
  });

  it('a citizen applies for a conditionally open dataset, and the owner’s data officer approves it on /open/review', async () => {
    const t = fixture.t;
    const owner = await t.login('hz.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-SJ-0601',
        name: '杭州市公共自行车站点',
        description: '公共自行车站点与车桩数（有条件开放）',
        domain: 'open',
        shareType: 'conditional',
        openType: 'conditional',
        updateFrequency: 'daily',
        fields: [
          { name: 'station_no', label: '站点编号', type: 'string', grade: 'L1', key: true },
          { name: 'station_name', label: '站点名称', type: 'string', grade: 'L1' },
          { name: 'district', label: '所在区', type: 'string', grade: 'L1' },
          { name: 'docks', label: '车桩数', type: 'integer', grade: 'L2' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const put = await t.request('PUT', `/api/v1/catalog/resources/${created.json().id}/records`, {
      as: owner,
      body: {
        records: [
          { station_no: 'B001', station_name: '武林广场', district: '拱墅区', docks: 40 },
          { station_no: 'B002', station_name: '湖滨', district: '上城区', docks: 36 },
          { station_no: 'B003', station_name: '黄龙', district: '西湖区', docks: 30 },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const name = '330100-sj-0601';

    const applicant = await loggedIn(fixture, '330382197811297469');
    await withScreenshot(applicant.page, 'open-data-apply', async () => {
      const page = applicant.page;
      await page.goto(`/open/datasets/${name}`);
      await page.getByTestId('open-dataset-page').waitFor();
      await page.getByTestId('open-preview-locked').waitFor(); // rows are not public
      await page.getByTestId('open-apply').click();
      await page.getByTestId('open-apply-form').waitFor();
      await page.getByTestId('open-apply-purpose').fill('开发公共自行车找车小程序，展示各站点位置与车桩数');
      await page.getByTestId('open-apply-scenario').fill('绿色出行导航');
      await page.getByTestId('open-apply-contact').fill('13900001111');
      await page.getByTestId('open-apply-submit').click();
      await expect.poll(async () => page.getByTestId('open-my-application').textContent()).toContain('待审核');
    });

    const citizen = await t.login('330382197811297469');
    const mine = (await t.request('GET', '/open/v1/applications', { as: citizen })).json().items;
    const application = mine.find((a: { dataset: { name: string } }) => a.dataset.name === name);
    expect(application).toMatchObject({ status: 'pending', scenario: '绿色出行导航', contact: '13900001111' });

    const officer = await loggedIn(fixture, 'hz.dataofficer');
    await withScreenshot(officer.page, 'open-data-review', async () => {
      const page = officer.page;
      await page.goto('/open/review');
      await page.getByTestId('open-review-page').waitFor();
      await expect.poll(async () => page.getByTestId(`open-review-row-${name}`).textContent()).toContain('绿色出行导航');
      await page.getByTestId(`open-review-approve-${application.id}`).click();
      await expect
        .poll(async () => (await t.request('GET', `/open/v1/applications/${application.id}`, { as: citizen })).json().status)
        .toBe('approved');
    });
    await officer.context.close();

    // Approved: the applicant's page now previews the rows.
    await withScreenshot(applicant.page, 'open-data-approved', async () => {
      const page = applicant.page;
      await page.reload();
      await page.getByTestId('open-preview').waitFor();
      await expect.poll(async () => page.getByTestId('open-preview').textContent()).toContain('武林广场');
      await expect.poll(async () => page.getByTestId('open-my-application').textContent()).toContain('已同意');

      // An API key, its secret shown once, reads the dataset from outside the browser.
      await page.goto('/open/me');
      await page.getByTestId('open-key-create').click();
      await page.locator('input[data-testid="open-key-name"], [data-testid="open-key-name"] input').first().fill('找车小程序');
      await page.keyboard.press('Enter');
      const secret = (await page.getByTestId('open-key-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^zk_[A-Za-z0-9_-]{43}$/);
      await page.getByTestId('open-key-secret-close').click();
      await expect.poll(async () => page.getByTestId('open-keys-table').textContent()).toContain('找车小程序');
      expect(await page.getByTestId('open-keys-table').textContent()).not.toContain(secret);
      await expect.poll(async () => page.getByTestId('open-my-applications').textContent()).toContain('杭州市公共自行车站点');
      const rows = await t.request('GET', `/open/v1/datasets/${name}/records`, { headers: { 'x-api-key': secret } });
      expect(rows.statusCode).toBe(200);
      expect(rows.json().total).toBe(3);
    });
    await applicant.context.close();
  });
});
