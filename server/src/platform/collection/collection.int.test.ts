import ExcelJS from 'exceljs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizens = generateCitizens(60);
const fields = [
  { name: 'cert_no', label: '证书编号', type: 'string', grade: 'L2', key: true },
  { name: 'holder_name', label: '持证人姓名', type: 'string', grade: 'L3', required: true },
  { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L4', key: true, unique: true },
  { name: 'status', label: '状态', type: 'string', grade: 'L1', enum: ['有效', '注销'] },
  { name: 'issued_on', label: '发证日期', type: 'date', grade: 'L1' },
  { name: 'phone', label: '联系电话', type: 'phone', grade: 'L3' },
];
const csvLine = (i: number, overrides: Partial<Record<'cert' | 'id' | 'status' | 'date' | 'name', string>> = {}) =>
  [
    overrides.cert ?? `ZS${String(i).padStart(5, '0')}`,
    overrides.name ?? citizens[i]!.name,
    overrides.id ?? citizens[i]!.idNumber,
    overrides.status ?? '有效',
    overrides.date ?? '2026/3/5',
    citizens[i]!.phone,
  ].join(',');
const csv = (lines: string[]) => Buffer.from(`\uFEFF证书编号,持证人姓名,身份证号,状态,发证日期,联系电话\r\n${lines.join('\r\n')}\r\n`);

describe.each(testDatabases())('data collection (数据归集) on %s', (kind) => {
  let t: TestNode;
  let officer: Session;
  let resourceId: string;

  const upload = async (file: Buffer, options: Record<string, unknown> = {}, as = officer) => {
    const created = await t.request('POST', '/api/v1/collection/loads', { as, body: { resourceId, format: 'csv', ...options } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const put = await t.request('PUT', `/api/v1/collection/loads/${id}/file`, {
      as,
      body: file,
      headers: { 'content-type': 'text/csv' },
    });
    return { id, put, load: async () => (await t.request('GET', `/api/v1/collection/loads/${id}`, { as })).json() };
  };
  const record = async (idNumber: string) =>
    t.request('GET', `/api/v1/catalog/resources/${resourceId}/records?field=id_number&value=${idNumber}`, { as: officer });

  beforeAll(async () => {
    t = await startTestNode(kind);
    officer = await t.login('hz.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: officer,
      body: {
        orgId: officer.me.orgId,
        code: '330100-SJ-0700',
        name: '杭州市人才证书信息',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    resourceId = created.json().id;
  });
  afterAll(async () => t?.close());

  it('loads a CSV with Chinese headings, turning dates and sealing the L4 field', async () => {
    const { put } = await upload(csv([1, 2, 3].map((i) => csvLine(i))), { fileName: '人才证书.csv' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ status: 'published', rowsRead: 3, rowsBad: 0, inserted: 3, updated: 0 });
    const found = await record(citizens[2]!.idNumber);
    expect(found.json()).toMatchObject({ cert_no: 'ZS00002', holder_name: citizens[2]!.name, issued_on: '2026-03-05', status: '有效' });
    // the L4 field is not in the clear JSONB
    const stored = await t.node.db.kysely
      .selectFrom('data_records' as never)
      .select(['data' as never])
      .where('resource_id' as never, '=', resourceId as never)
      .execute();
    expect(JSON.stringify(stored)).not.toContain(citizens[2]!.idNumber);
  });

  it('rejects a whole file for one bad row, naming every bad row and its reason, and writes nothing', async () => {
    const broken = `${citizens[5]!.idNumber.slice(0, 17)}${citizens[5]!.idNumber.endsWith('0') ? '1' : '0'}`;
    const { put, load } = await upload(
      csv([
        csvLine(4),
        csvLine(5, { id: broken }),
        csvLine(6, { status: '吊销' }),
        csvLine(7, { date: '2026-13-40' }),
        csvLine(8),
        csvLine(8, { name: '重复行' }),
      ]),
    );
    expect(put.statusCode).toBe(422);
    const error = put.json().error;
    expect(error.code).toBe('collection.rows_invalid');
    expect(error.message).toMatch(/整个文件未写入/);
    expect(error.details.problems).toEqual([
      { row: 3, field: 'id_number', reason: 'bad_id_number' },
      { row: 4, field: 'status', reason: 'not_in_enum' },
      { row: 5, field: 'issued_on', reason: 'not_date' },
      { row: 7, field: 'cert_no', reason: 'duplicate_key' },
    ]);
    expect((await load()).status).toBe('rejected');
    expect((await record(citizens[4]!.idNumber)).statusCode).toBe(404); // the good rows were not written either
  });

  it('skips bad rows when asked, publishes the good ones, and opens a 数据质量整改 task for the owner', async () => {
    const { put } = await upload(
      csv([csvLine(10), csvLine(11, { status: '未知' }), csvLine(12), csvLine(1, { cert: 'ZS09999', name: '另一个证书' })]),
      {
        onError: 'skip',
      },
    );
    expect(put.statusCode, put.body).toBe(200);
    // row 5 reuses citizen 1's 身份证号 (unique) under another 证书编号
    expect(put.json()).toMatchObject({ status: 'published', rowsRead: 4, rowsBad: 2, inserted: 2 });
    expect(put.json().problems).toEqual([
      { row: 3, field: 'status', reason: 'not_in_enum' },
      { row: 5, field: 'id_number', reason: 'duplicate_value' },
    ]);
    expect((await record(citizens[12]!.idNumber)).statusCode).toBe(200);
    const quality = (await t.request('GET', `/api/v1/collection/quality/${resourceId}`, { as: officer })).json();
    expect(quality).toMatchObject({ score: 50, validity: 0.5, fresh: true, checkedRows: 4, badRows: 2 });
    expect(quality.rectificationInstanceId).toMatch(/^wfi_/);
    const tasks = (await t.request('GET', '/api/v1/workflow/tasks', { as: officer })).json().items as { id: string; instanceId: string }[];
    const task = tasks.find((x) => x.instanceId === quality.rectificationInstanceId);
    expect(task).toBeDefined();
    // a second bad load does not open a second task while the first is open
    await upload(csv([csvLine(13, { status: '??' })]), { onError: 'skip' });
    expect((await t.request('GET', `/api/v1/collection/quality/${resourceId}`, { as: officer })).json().rectificationInstanceId).toBe(
      quality.rectificationInstanceId,
    );
    const done = await t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, {
      as: officer,
      body: { variables: { measures: '已通知源系统更正状态字段并重新归集' } },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await t.request('GET', `/api/v1/collection/quality/${resourceId}`, { as: officer })).json().rectificationInstanceId).toBeNull();
  });

  it('reads XLSX (the first sheet) and JSON, array or one object a line', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('数据');
    sheet.addRow(['证书编号', '持证人姓名', '身份证号', '状态', '发证日期', '联系电话']);
    sheet.addRow([
      'ZS00020',
      citizens[20]!.name,
      citizens[20]!.idNumber,
      '有效',
      new Date(Date.UTC(2026, 0, 9)),
      Number(citizens[20]!.phone),
    ]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const created = (await t.request('POST', '/api/v1/collection/loads', { as: officer, body: { resourceId, format: 'xlsx' } })).json();
    const put = await t.request('PUT', `/api/v1/collection/loads/${created.id}/file`, {
      as: officer,
      body: xlsx,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await record(citizens[20]!.idNumber)).json()).toMatchObject({ issued_on: '2026-01-09', phone: citizens[20]!.phone });

    const json = (i: number) => ({
      cert_no: `ZS000${i}`,
      holder_name: citizens[i]!.name,
      id_number: citizens[i]!.idNumber,
      status: '注销',
    });
    for (const body of [JSON.stringify([json(21), json(22)]), `${JSON.stringify(json(23))}\n${JSON.stringify(json(24))}\n`]) {
      const load = (await t.request('POST', '/api/v1/collection/loads', { as: officer, body: { resourceId, format: 'json' } })).json();
      const sent = await t.request('PUT', `/api/v1/collection/loads/${load.id}/file`, {
        as: officer,
        body: Buffer.from(body),
        headers: { 'content-type': 'application/json' },
      });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ status: 'published', inserted: 2 });
    }
    expect((await record(citizens[24]!.idNumber)).json().status).toBe('注销');
  });

  it('refuses files that are not what they claim, unknown columns, and a second run of a load', async () => {
    const pdf = await upload(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'));
    expect(pdf.put.statusCode).toBe(400);
    expect(pdf.put.json().error.code).toBe('collection.not_what_it_claims');
    expect((await pdf.load()).status).toBe('failed');
    const columns = await upload(Buffer.from('证书编号,持证人姓名,身份证号,血型\nZS1,张三,x,A\n'));
    expect(columns.put.statusCode).toBe(400);
    expect(columns.put.json().error).toMatchObject({ code: 'collection.unknown_columns', details: { columns: ['血型'] } });
    const again = await t.request('PUT', `/api/v1/collection/loads/${columns.id}/file`, {
      as: officer,
      body: csv([csvLine(30)]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(again.statusCode).toBe(409);
    const notXlsx = (await t.request('POST', '/api/v1/collection/loads', { as: officer, body: { resourceId, format: 'xlsx' } })).json();
    const sent = await t.request('PUT', `/api/v1/collection/loads/${notXlsx.id}/file`, {
      as: officer,
      body: csv([csvLine(31)]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(sent.json().error.code).toBe('collection.not_what_it_claims');
  });

  it('a load replacing the whole resource removes what the file lacks', async () => {
    const before = (await t.request('GET', `/api/v1/collection/quality/${resourceId}`, { as: officer })).json();
    expect(before.checkedRows).toBeGreaterThan(0);
    const { put } = await upload(csv([csvLine(1), csvLine(2)]), { mode: 'replace' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ inserted: 0, updated: 2 });
    expect(put.json().deleted).toBeGreaterThanOrEqual(7);
    expect((await record(citizens[12]!.idNumber)).statusCode).toBe(404);
    expect((await record(citizens[1]!.idNumber)).statusCode).toBe(200);
    const empty = await upload(csv([]), { mode: 'replace' });
    expect(empty.put.statusCode).toBe(422);
    expect(empty.put.json().error.code).toBe('collection.replace_with_nothing');
    expect((await record(citizens[1]!.idNumber)).statusCode).toBe(200);
  });

  it('an upload cut off half-way writes nothing and its load fails', async () => {
    const base = await t.listen();
    const created = (await t.request('POST', '/api/v1/collection/loads', { as: officer, body: { resourceId, format: 'csv' } })).json();
    const lines = Array.from({ length: 3000 }, (_, i) => `CUT${i},${citizens[i % 60]!.name},,有效,2026-01-01,`);
    const head = csv(lines);
    await new Promise<void>((resolve) => {
      const url = new URL(`/api/v1/collection/loads/${created.id}/file`, base);
      const req = httpRequest(url, {
        method: 'PUT',
        headers: {
          cookie: officer.cookie,
          'x-csrf-token': officer.csrfToken,
          'content-type': 'text/csv',
          'content-length': String(head.length * 4),
        },
      });
      req.on('error', () => resolve());
      req.write(head, () => setTimeout(() => (req.destroy(), resolve()), 300));
    });
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/collection/loads/${created.id}`, { as: officer })).json().status, {
        timeout: 10_000,
      })
      .toBe('failed');
    const staged = await t.node.db.kysely
      .selectFrom('data_staging' as never)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number((staged as { n: unknown }).n)).toBe(0);
    expect((await record(citizens[0]!.idNumber)).statusCode).toBe(404);
  });

  it('refuses another organisation’s data officer', async () => {
    const other = await t.login('yinzhou.dataofficer');
    const refused = await t.request('POST', '/api/v1/collection/loads', { as: other, body: { resourceId, format: 'csv' } });
    expect(refused.statusCode).toBe(403);
    const staff = await t.login('xihu.officer');
    expect((await t.request('GET', `/api/v1/collection/quality/${resourceId}`, { as: staff })).statusCode).toBe(403);
  });

  describe('scheduled pulls from a department’s HTTP JSON API', () => {
    let source: Server;
    let sourceUrl: string;
    const asked: URLSearchParams[] = [];
    const upstream: Record<string, unknown>[] = [];
    let failing = false;

    beforeAll(async () => {
      source = createServer((req, res) => {
        const query = new URL(req.url!, 'http://x').searchParams;
        asked.push(query);
        if (failing) return res.writeHead(503).end();
        if (req.headers.authorization !== 'Bearer src-token') return res.writeHead(401).end();
        const since = query.get('since');
        const limit = Number(query.get('limit'));
        const offset = Number(query.get('offset'));
        const newer = upstream.filter((r) => !since || Date.parse(String(r.updated_at)) > Date.parse(since));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records: newer.slice(offset, offset + limit) }));
      });
      await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
      sourceUrl = `http://127.0.0.1:${(source.address() as AddressInfo).port}/api/certificates`;
      for (let i = 40; i < 45; i++)
        upstream.push({
          cert_no: `ZS000${i}`,
          holder_name: citizens[i]!.name,
          id_number: citizens[i]!.idNumber,
          status: '有效',
          updated_at: `2026-11-0${i - 39}T08:00:00+08:00`,
        });
    });
    afterAll(() => new Promise<void>((resolve) => source.close(() => resolve())));

    it('pulls page by page, then only what changed since, keeping its place when the source fails', async () => {
      const created = await t.request('POST', '/api/v1/collection/sources', {
        as: officer,
        body: {
          resourceId,
          name: '人才系统接口',
          url: sourceUrl,
          cursorField: 'updated_at',
          pageSize: 2,
          intervalMinutes: 60,
          authorization: 'Bearer src-token',
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ hasAuthorization: true, cursor: null });
      expect(JSON.stringify(created.json())).not.toContain('src-token');
      const id = created.json().id as string;

      const first = await t.request('POST', `/api/v1/collection/sources/${id}/run`, { as: officer });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ status: 'published', source: 'pull', rowsRead: 5, inserted: 5 });
      expect(asked.map((q) => q.get('offset'))).toEqual(['0', '2', '4']);
      expect(asked.every((q) => q.get('since') === null)).toBe(true);
      let view = (await t.request('GET', `/api/v1/collection/sources?resourceId=${resourceId}`, { as: officer })).json().items[0];
      expect(Date.parse(view.cursor)).toBe(Date.parse('2026-11-05T08:00:00+08:00'));

      asked.length = 0;
      upstream.push({
        cert_no: 'ZS00040',
        holder_name: citizens[40]!.name,
        id_number: citizens[40]!.idNumber,
        status: '注销',
        updated_at: '2026-11-20T09:00:00+08:00',
      });
      const second = (await t.request('POST', `/api/v1/collection/sources/${id}/run`, { as: officer })).json();
      expect(second).toMatchObject({ status: 'published', rowsRead: 1, updated: 1, inserted: 0 });
      expect(Date.parse(asked[0]!.get('since')!)).toBe(Date.parse('2026-11-05T08:00:00+08:00'));
      expect((await record(citizens[40]!.idNumber)).json().status).toBe('注销');

      failing = true;
      const failed = await t.request('POST', `/api/v1/collection/sources/${id}/run`, { as: officer });
      expect(failed.statusCode).toBe(400);
      expect(failed.json().error).toMatchObject({ code: 'collection.source_http', details: { status: 503 } });
      view = (await t.request('GET', `/api/v1/collection/sources?resourceId=${resourceId}`, { as: officer })).json().items[0];
      expect(view).toMatchObject({ lastError: 'collection.source_http', running: false });
      expect(Date.parse(view.cursor)).toBe(Date.parse('2026-11-20T09:00:00+08:00'));
      failing = false;
    });

    it('the scheduler runs sources that are due and leaves the rest', async () => {
      const created = (
        await t.request('POST', '/api/v1/collection/sources', {
          as: officer,
          body: {
            resourceId,
            name: '定时',
            url: sourceUrl,
            cursorField: 'updated_at',
            intervalMinutes: 30,
            authorization: 'Bearer src-token',
          },
        })
      ).json();
      asked.length = 0;
      const sources = t.node.collection.sources;
      expect(await sources.runDue()).toBe(1);
      expect(asked.length).toBeGreaterThan(0);
      const view = (await t.request('GET', `/api/v1/collection/sources?resourceId=${resourceId}`, { as: officer })).json().items;
      const scheduled = view.find((s: { id: string }) => s.id === created.id);
      expect(scheduled.lastLoadId).toMatch(/^load_/);
      expect(Date.parse(scheduled.nextRunAt) - Date.now()).toBeGreaterThan(29 * 60_000);
      expect(await sources.runDue()).toBe(0);
    });
  });
});
