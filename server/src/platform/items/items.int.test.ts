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
    expect(tree.nodes[0].rollup).toEqual({ items: 2, governance: 1, service: 1, complete: 0 });
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
    expect(tree.nodes[0].rollup).toEqual({ items: 1200, governance: 400, service: 800, complete: 0 });
  });

  it('refuses a file that is not a workbook, or has the wrong header, as an invalid job', async () => {
    expect((await importFile(admin, Buffer.from('not excel at all'))).errors[0].reason).toContain('Excel');
    const wrongHeader = await importFile(admin, await workbook([['a', 'b', 'c', 'd', '服务', '']], ['一', '二', '三', '四', '五', '六']));
    expect(wrongHeader).toMatchObject({ status: 'invalid' });
    expect(wrongHeader.errors[0]).toMatchObject({ row: 1 });
  });
});

const approvalXml = (extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="birth_registration" name="出生登记" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:userTask id="review" name="审核" camunda:candidateGroups="staff" camunda:formKey="birth" />
    <bpmn:endEvent id="end" />${extra}
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" /><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe.each(testDatabases())('item definitions (P5.2) on %s', (kind) => {
  let t: TestNode;
  let orgAdmin: Session;
  let orgId: string;
  let itemId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    orgAdmin = await t.login('xihu.orgadmin');
    orgId = await given(t).orgId('xihu-zf');
    const add = async (body: Record<string, unknown>) =>
      (await t.request('POST', '/api/v1/model/nodes', { as: orgAdmin, body: { orgId, ...body } })).json();
    const core = await add({ parentId: null, level: 'core', name: '数字政府' });
    const module = await add({ parentId: core.id, level: 'module', name: '一网通办' });
    const unit = await add({ parentId: module.id, level: 'unit', name: '出生一件事' });
    itemId = (await add({ parentId: unit.id, level: 'item', name: '出生登记', itemType: 'service' })).id;
  });
  afterAll(() => t?.close());

  const deploy = (bpmnXml: string) =>
    t.request('POST', `/api/v1/model/items/${itemId}/process-versions`, { as: orgAdmin, body: { bpmnXml } });

  it('versions processes: a deployed version never changes, the same XML deploys nothing new', async () => {
    const first = await deploy(approvalXml());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, processKey: 'birth_registration', created: true });
    const again = await deploy(approvalXml());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version: 1, created: false });
    const second = await deploy(approvalXml('<bpmn:textAnnotation id="n"><bpmn:text>v2</bpmn:text></bpmn:textAnnotation>'));
    expect(second.json()).toMatchObject({ version: 2 });
    const v1 = await t.request('GET', `/api/v1/model/items/${itemId}/process-versions/1`, { as: orgAdmin });
    expect(v1.body).toBe(approvalXml());
    const item = (await t.request('GET', `/api/v1/model/items/${itemId}`, { as: orgAdmin })).json();
    expect(item.process).toMatchObject({ version: 2, processKey: 'birth_registration' });
    expect(item.processVersions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses a process it cannot run, listing each problem with its element, and keeps the versions as they were', async () => {
    const refused = await deploy(
      approvalXml('<bpmn:scriptTask id="calc" /><bpmn:sequenceFlow id="f9" sourceRef="calc" targetRef="end" />'),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('workflow.deploy_refused');
    const problems = refused.json().error.details.problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ elementId: 'calc', elementType: 'bpmn:ScriptTask', code: 'workflow.unsupported_element' }),
    );
    expect(problems.find((p: { elementId: string }) => p.elementId === 'calc').message).toContain('不支持');
    const malformed = await deploy('<bpmn:definitions');
    expect(malformed.json().error.details.problems[0].code).toBe('workflow.malformed_xml');
    const item = (await t.request('GET', `/api/v1/model/items/${itemId}`, { as: orgAdmin })).json();
    expect(item.process.version).toBe(2);
  });

  it('versions forms, refusing a schema Ajv cannot compile', async () => {
    const schema = {
      type: 'object',
      required: ['childName'],
      properties: { childName: { type: 'string', title: '新生儿姓名', maxLength: 20 }, birthDate: { type: 'string', format: 'date' } },
    };
    const ok = await t.request('POST', `/api/v1/model/items/${itemId}/form-versions`, {
      as: orgAdmin,
      body: { schema, uiSchema: { childName: { 'ui:autofocus': true } } },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const bad = await t.request('POST', `/api/v1/model/items/${itemId}/form-versions`, {
      as: orgAdmin,
      body: { schema: { type: 'object', properties: { a: { type: 'strng' } } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('forms.invalid_schema');
    const v1 = (await t.request('GET', `/api/v1/model/items/${itemId}/form-versions/1`, { as: orgAdmin })).json();
    expect(v1.schema).toEqual(schema);
  });

  it('keeps data needs "unmatched" until the catalog exists, so the item is not complete yet', async () => {
    const profile = await t.request('PUT', `/api/v1/model/items/${itemId}/profile`, {
      as: orgAdmin,
      body: {
        indicators: [{ name: '出生登记办理时长', unit: '天', target: '≤ 1' }],
        dataNeeds: [{ resource: '出生医学证明', field: '新生儿姓名' }],
      },
    });
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toMatchObject({
      complete: false,
      dataNeeds: [{ resource: '出生医学证明', field: '新生儿姓名', status: 'unmatched' }],
      indicators: [{ name: '出生登记办理时长', definition: '' }],
    });
  });

  it('rolls completeness up the tree: an item is complete with a process, a form and its data needs matched', async () => {
    const tree = async () => (await t.request('GET', `/api/v1/model/tree?orgId=${orgId}`, { as: orgAdmin })).json();
    const itemOf = (nodes: { children: unknown[] }[]) => (nodes[0] as any).children[0].children[0].children[0];
    // the process and form are deployed by now; the data need is unmatched
    let now = await tree();
    expect(itemOf(now.nodes).itemStatus).toEqual({ process: true, form: true, dataNeedsMatched: false });
    expect(now.nodes[0].rollup.complete).toBe(0);
    await t.request('PUT', `/api/v1/model/items/${itemId}/profile`, {
      as: orgAdmin,
      body: { indicators: [], dataNeeds: [], timeLimitDays: 1 },
    });
    now = await tree();
    expect(itemOf(now.nodes).itemStatus).toEqual({ process: true, form: true, dataNeedsMatched: true });
    expect(now.nodes[0].rollup).toMatchObject({ items: 1, complete: 1 });
    expect((await t.request('GET', `/api/v1/model/items/${itemId}`, { as: orgAdmin })).json()).toMatchObject({
      complete: true,
      timeLimitDays: 1,
    });
  });

  it('keeps definitions attached across an Excel round trip, and refuses an import that would drop a defined item', async () => {
    const exported = await t.request('GET', `/api/v1/model/export?orgId=${orgId}`, { as: orgAdmin });
    const started = await t.request('POST', `/api/v1/model/import?orgId=${orgId}`, {
      as: orgAdmin,
      body: exported.rawPayload,
      headers: { 'content-type': xlsx },
    });
    const wait = async (jobId: string) => {
      for (;;) {
        const job = (await t.request('GET', `/api/v1/model/import-jobs/${jobId}`, { as: orgAdmin })).json();
        if (!['validating', 'importing'].includes(job.status)) return job;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    expect((await wait(started.json().jobId)).status).toBe('done');
    expect((await t.request('GET', `/api/v1/model/items/${itemId}`, { as: orgAdmin })).json().process.version).toBe(2);

    const without = await workbook([['数字政府', '一网通办', '出生一件事', '出生医学证明', '服务', '']]);
    const dropping = await t.request('POST', `/api/v1/model/import?orgId=${orgId}`, {
      as: orgAdmin,
      body: without,
      headers: { 'content-type': xlsx },
    });
    const job = await wait(dropping.json().jobId);
    expect(job.status).toBe('invalid');
    expect(job.errors[0].reason).toContain('出生登记');
    expect((await t.request('GET', `/api/v1/model/items/${itemId}`, { as: orgAdmin })).statusCode).toBe(200);
  });

  it('lets a county officer read definitions but not deploy', async () => {
    const officer = await t.login('xihu.officer');
    expect((await t.request('GET', `/api/v1/model/items/${itemId}`, { as: officer })).statusCode).toBe(200);
    expect(
      (await t.request('POST', `/api/v1/model/items/${itemId}/process-versions`, { as: officer, body: { bpmnXml: approvalXml() } }))
        .statusCode,
    ).toBe(403);
  });
});
