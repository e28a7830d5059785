import { describe, expect, it } from 'vitest';
import { loggedIn, useNodeAndBrowser, withScreenshot } from './browser.ts';

describe('the data catalog in the Console, in Chromium', () => {
  const fixture = useNodeAndBrowser();

  it('a data officer finds the demo resources by Chinese words, registers one whose phone field the rules raise to L3', async () => {
    const t = fixture.t;
    const { context, page } = await loggedIn(fixture, 'xihu.dataofficer');
    /** The text box of a testid, whether the id sits on the input or on its wrapper. */
    const box = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
    await withScreenshot(page, 'catalog', async () => {
      await page.goto('/console/catalog');
      await page.getByTestId('console-catalog').waitFor();
      await box('catalog-search').fill('出生证明');
      await expect.poll(async () => page.getByTestId('catalog-table').textContent()).toContain('出生医学证明');

      await page.getByTestId('catalog-register').click();
      await box('catalog-form-code').fill('330106-SJ-0001');
      await page
        .getByTestId('catalog-form-name')
        .locator('input')
        .first()
        .or(page.getByTestId('catalog-form-name'))
        .first()
        .fill('西湖区网格事件');
      await box('field-name-0').fill('event_no');
      await box('field-label-0').fill('事件编号');
      await page.getByTestId('catalog-add-field').click();
      await box('field-name-1').fill('reporter_phone');
      await box('field-label-1').fill('上报人手机号');
      await page.getByTestId('field-type-1').click();
      await page.locator('.ant-select-dropdown:visible').getByText('手机号', { exact: true }).click();
      await page.getByTestId('catalog-save').click();
      await page.getByTestId('catalog-detail').waitFor();
      await expect.poll(async () => page.getByTestId('catalog-field-row-reporter_phone').textContent()).toContain('L3'); // raised to L3 by the rules
    });
    await context.close();
    const officer = await t.login('xihu.dataofficer');
    const found = (await t.request('GET', '/api/v1/catalog/resources?q=330106-SJ-0001', { as: officer })).json().items;
    expect(found).toHaveLength(1);
    const detail = (await t.request('GET', `/api/v1/catalog/resources/${found[0].id}`, { as: officer })).json();
    expect(detail.fields.map((f: { name: string; grade: string }) => [f.name, f.grade])).toEqual([
      ['event_no', expect.any(String)],
      ['reporter_phone', 'L3'],
    ]);
  });
});
