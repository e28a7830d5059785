import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(
  rows: string[][],
  header = ['核心业务', '业务模块', '业务单元', '业务事项', '事项类型', '协同部门'],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('业务模型');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(testDatabases())('business model tree (V-model) on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  let orgAdmin: Session;
  let orgId: string;
  let otherOrgId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('admin');
    orgAdmin = await t.login('xihu.orgadmin');
    orgId = await given(t).orgId('xihu-zf');
    otherOrgId = await given(t).orgId('yinzhou-zf');
  });
  afterAll(() => t?.close());

  async function importFile(as: Session, file: Buffer, org = orgId) {
    const started = await t.request('POST', `/api/v1/model/import?orgId=${org}`, { as, body: file, headers: { 'content-type': xlsx } });
    expect(started.statusCode, started.body).toBe(202);
    for (;;) {
      const job = (await t.request('GET', `/api/v1/model/import-jobs/${started.json().jobId}`, { as })).json();
      if (!['validating', 'importing'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('builds a tree level by level and rolls item counts up', async () => {
    const add = async (body: Record<string, unknown>) => {
      const response = await t.request('POST', '/api/v1/model/nodes', { as: orgAdmin, body: { orgId, ...body } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const core = await add({ parentId: null, level: 'core', name: '基层社会治理' });
    const module = await add({ parentId: core.id, level: 'module', name: '矛盾纠纷调处' });
    const unit = await add({ parentId: module.id, level: 'unit', name: '纠纷受理' });
    const scjg = await given(t).orgId('xihu-scjg');
    await add({ parentId: unit.id, level: 'item', name: '纠纷登记', itemType: 'governance', collaboratorOrgIds: [scjg] });
    await add({ parentId: unit.id, level: 'item', name: '调解申请', itemType: 'service' });
    const tree = (await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: orgAdmin })).json();
    expect(tree.nodes[0].rollup).toEqual({ items: 2, governance: 1, service: 1 });
    const items = tree.nodes[0].children[0].children[0].children;
    expect(items.map((i: { name: string }) => i.name)).toEqual(['纠纷登记', '调解申请']);
    expect(items[0].collaboratorOrgs[0].name).toContain('市场监督管理局');

    const wrongLevel = await t.request('POST', '/api/v1/model/nodes', {
      as: orgAdmin,
      body: { orgId, parentId: core.id, level: 'item', name: 'x', itemType: 'service' },
    });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().error.code).toBe('items.level_mismatch');
    const noType = await t.request('POST', '/api/v1/model/nodes', {
      as: orgAdmin,
      body: { orgId, parentId: unit.id, level: 'item', name: 'y' },
    });
    expect(noType.json().error.code).toBe('items.item_type_required');
    const duplicate = await t.request('POST', '/api/v1/model/nodes', {
      as: orgAdmin,
      body: { orgId, parentId: null, level: 'core', name: '基层社会治理' },
    });
    expect(duplicate.statusCode).toBe(409);
    const busy = await t.request('DELETE', `/api/v1/model/nodes/${unit.id}`, { as: orgAdmin });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('items.node_has_children');
  });

  it('keeps other organisations and other counties out', async () => {
    const officer = await t.login('xihu.officer'); // may read the county's models, not edit them
    expect((await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: officer })).statusCode).toBe(200);
    const edit = await t.request('POST', '/api/v1/model/nodes', {
      as: officer,
      body: { orgId, parentId: null, level: 'core', name: '越权' },
    });
    expect(edit.statusCode).toBe(403);
    const otherCounty = await t.request('GET', `/api/v1/model/tree?orgId=${otherOrgId}`, { as: officer });
    expect(otherCounty.statusCode).toBe(403);
    const otherOrg = await t.request('POST', '/api/v1/model/nodes', {
      as: orgAdmin,
      body: { orgId: otherOrgId, parentId: null, level: 'core', name: '越权' },
    });
    expect(otherOrg.statusCode).toBe(403);
  });

  it('exports one row per item and imports the file back to the same tree', async () => {
    const before = (await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: admin })).json();
    const exported = await t.request('GET', `/api/v1/model/export?orgId=${orgId}`, { as: admin });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe(xlsx);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean);
    expect(rows).toHaveLength(3); // header + two items
    const job = await importFile(admin, exported.rawPayload);
    expect(job.status).toBe('done');
    expect(job.summary).toEqual({ core: 1, modules: 1, units: 1, items: 2 });
    const after = (await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: admin })).json();
    const shape = (
      nodes: { name: string; level: string; itemType: string | null; collaboratorOrgs: { name: string }[]; children: unknown[] }[],
    ): unknown => nodes.map((n) => [n.level, n.name, n.itemType, n.collaboratorOrgs.map((o) => o.name), shape(n.children as never)]);
    expect(shape(after.nodes)).toEqual(shape(before.nodes));
  });

  it('lists every bad row with its number and reason, and imports nothing until the file is clean', async () => {
    const before = (await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: admin })).json();
    const file = await workbook([
      ['数字政府', '一网通办', '出生一件事', '出生医学证明', '服务', '杭州市西湖区卫生健康局'],
      ['数字政府', '一网通办', '出生一件事', '户口登记', '审批', ''],
      ['数字政府', '', '出生一件事', '医保参保', '服务', ''],
      ['数字政府', '一网通办', '出生一件事', '出生医学证明', '服务', ''],
      ['数字政府', '一网通办', '出生一件事', '社保卡申领', '服务', '不存在的局'],
    ]);
    const job = await importFile(admin, file);
    expect(job.status).toBe('invalid');
    expect(job.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '事项类型'],
      [4, '业务模块'],
      [5, '业务事项'],
      [6, '协同部门'],
    ]);
    expect(job.errors[3].reason).toContain('不存在的局');
    expect(job.errors[2].reason).toContain('第 2 行');
    const after = (await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: admin })).json();
    expect(after).toEqual(before);
  });

  it('reports progress on a large file and imports it in one go', async () => {
    const rows: string[][] = [];
    for (let m = 0; m < 10; m++)
      for (let u = 0; u < 10; u++)
        for (let i = 0; i < 12; i++)
          rows.push(['数字社会', `模块${m}`, `单元${m}-${u}`, `事项${m}-${u}-${i}`, i % 3 ? '服务' : '治理', '']);
    const job = await importFile(admin, await workbook(rows));
    expect(job).toMatchObject({
      status: 'done',
      totalRows: 1200,
      processedRows: 1200,
      summary: { core: 1, modules: 10, units: 100, items: 1200 },
    });
    const tree = (await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: admin })).json();
    expect(tree.nodes[0].rollup).toEqual({ items: 1200, governance: 400, service: 800 });
  });

  it('refuses a file that is not a workbook, or has the wrong header, as an invalid job', async () => {
    expect((await importFile(admin, Buffer.from('not excel at all'))).errors[0].reason).toContain('Excel');
    const wrongHeader = await importFile(admin, await workbook([['a', 'b', 'c', 'd', '服务', '']], ['一', '二', '三', '四', '五', '六']));
    expect(wrongHeader).toMatchObject({ status: 'invalid' });
    expect(wrongHeader.errors[0]).toMatchObject({ row: 1 });
  });
});
