import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { KeyRing, loadMasterKey } from '../crypto/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const birthFields = [
  { name: 'certificate_no', label: '出生医学证明编号', type: 'string', grade: 'L2', key: true, required: true },
  { name: 'baby_name', label: '新生儿姓名', type: 'string', grade: 'L3' },
  { name: 'mother_id_number', label: '母亲身份证号', type: 'id_number', grade: 'L4', key: true },
  { name: 'birth_date', label: '出生日期', type: 'date', grade: 'L2' },
];

describe.each(testDatabases())('the data catalog on %s', (kind) => {
  let t: TestNode;
  let officer: Session; // xihu.dataofficer: data officer of 西湖区数据资源管理局
  let orgId: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    officer = await t.login('xihu.dataofficer');
    orgId = officer.me.orgId!;
  });
  afterAll(() => t?.close());

  const register = (body: Record<string, unknown>, as = officer) =>
    t.request('POST', '/api/v1/catalog/resources', {
      as,
      body: {
        orgId,
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        sourceSystem: '出生医学证明管理系统',
        ...body,
      },
    });

  it('registers a resource with graded fields, keeps every schema version, and finds it by its Chinese words', async () => {
    const created = await register({
      code: '330106-WJ-0001',
      name: '出生医学证明',
      description: '新生儿出生医学证明信息',
      fields: birthFields,
    });
    expect(created.statusCode, created.body).toBe(201);
    const resource = created.json();
    expect(resource).toMatchObject({ version: 1, fieldCount: 4, maxGrade: 'L4', domain: 'shared', orgId });
    expect(resource.fields[1]).toMatchObject({ name: 'baby_name', description: '', key: false, required: false });

    const changed = await t.request('PUT', `/api/v1/catalog/resources/${resource.id}/fields`, {
      as: officer,
      body: { fields: [...birthFields, { name: 'hospital', label: '助产机构', type: 'string', grade: 'L1' }], note: '增加助产机构' },
    });
    expect(changed.json()).toMatchObject({ version: 2, fieldCount: 5 });
    const same = await t.request('PUT', `/api/v1/catalog/resources/${resource.id}/fields`, {
      as: officer,
      body: { fields: changed.json().fields, note: '无变化' },
    });
    expect(same.json().version).toBe(2); // identical fields: no new version
    expect(same.json().versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [2, '增加助产机构'],
      [1, '首次登记'],
    ]);
    const v1 = (await t.request('GET', `/api/v1/catalog/resources/${resource.id}/versions/1`, { as: officer })).json();
    expect(v1.fields).toHaveLength(4);

    const reader = await t.login('yinzhou.officer'); // any civil servant browses the catalog
    const found = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('助产 出生')}`, { as: reader })).json();
    expect(found.items.map((r: { id: string }) => r.id)).toContain(resource.id);
    const none = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('婚姻')}`, { as: reader })).json();
    expect(none.items.map((r: { id: string }) => r.id)).not.toContain(resource.id);
    // jieba splits 出生证明 into 出生 + 证明: both are in 出生医学证明, which a plain substring search misses
    const split = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('出生证明')}`, { as: reader })).json();
    expect(split.items.map((r: { id: string }) => r.id)).toContain(resource.id);
    const ranked = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('婚姻登记')}`, { as: reader })).json();
    expect(ranked.items[0].name).toBe('婚姻登记信息');
  });

  it('refuses fields that break the grading rules, and changes nothing', async () => {
    const low = await register({
      code: '330106-WJ-0002',
      name: '低分级',
      fields: [{ name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L2', key: true }],
    });
    expect(low.statusCode).toBe(400);
    expect(low.json().error).toMatchObject({ code: 'catalog.grade_too_low', details: { field: 'id_number', minimum: 'L3' } });
    const open = await register({
      code: '330106-WJ-0003',
      name: '开放',
      openType: 'open',
      fields: [
        { name: 'code', label: '编码', type: 'string', grade: 'L1', key: true },
        { name: 'phone', label: '联系电话', type: 'phone', grade: 'L3' },
      ],
    });
    expect(open.json().error).toMatchObject({ code: 'catalog.open_needs_l1', details: { fields: ['phone'] } });
    const keyless = await register({
      code: '330106-WJ-0004',
      name: '无键',
      fields: [{ name: 'a', label: '甲', type: 'string', grade: 'L1' }],
    });
    expect(keyless.json().error.code).toBe('catalog.no_key');
    const badGrade = await register({ code: '330106-WJ-0005', name: '错分级', fields: [{ ...birthFields[0], grade: 'L5' }] });
    expect(badGrade.statusCode).toBe(400);
    const twice = await register({ code: '330106-WJ-0001', name: '重复编码', fields: birthFields });
    expect(twice.statusCode).toBe(409);
    const listed = (await t.request('GET', '/api/v1/catalog/resources?q=330106-wj', { as: officer })).json();
    expect(listed.items.map((r: { code: string }) => r.code)).toEqual(['330106-WJ-0001']);
  });

  it('lets only the owner’s data officer register and edit, and pages with a cursor', async () => {
    const staff = await t.login('xihu.officer');
    expect((await register({ code: '330106-WJ-0010', name: '越权', fields: birthFields }, staff)).statusCode).toBe(403);
    const otherOrg = await given(t).orgId('yinzhou-zf');
    const foreign = await t.request('POST', '/api/v1/catalog/resources', {
      as: officer,
      body: {
        orgId: otherOrg,
        code: '330212-X-1',
        name: '他人',
        domain: 'basic',
        shareType: 'none',
        openType: 'none',
        updateFrequency: 'yearly',
        fields: birthFields,
      },
    });
    expect(foreign.statusCode).toBe(403);
    for (let i = 0; i < 5; i++)
      expect((await register({ code: `330106-PAGE-${i}`, name: `分页资源${i}`, fields: birthFields })).statusCode).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { code: string }[]; nextCursor: string | null } = (
        await t.request(
          'GET',
          `/api/v1/catalog/resources?q=${encodeURIComponent('分页资源')}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          {
            as: staff,
          },
        )
      ).json();
      seen.push(...page.items.map((r) => r.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `330106-PAGE-${i}`));
    const first = (await t.request('GET', `/api/v1/catalog/resources?q=330106-page-0`, { as: staff }))
      .json()
      .items.find((r: { code: string }) => r.code === '330106-PAGE-0');
    const renamed = await t.request('PATCH', `/api/v1/catalog/resources/${first.id}`, {
      as: officer,
      body: { name: '分页资源零', updateFrequency: 'weekly' },
    });
    expect(renamed.json()).toMatchObject({ name: '分页资源零', updateFrequency: 'weekly', version: 1 });
    expect((await t.request('PATCH', `/api/v1/catalog/resources/${first.id}`, { as: staff, body: { name: 'x' } })).statusCode).toBe(403);
    const citizen = await t.login('330382197811297469');
    expect((await t.request('GET', '/api/v1/catalog/resources', { as: citizen })).statusCode).toBe(403);
  });

  it('comes with the demo province’s catalog: the seeds’ resources from a dozen departments, open ones L1 only', async () => {
    const all = (await t.request('GET', '/api/v1/catalog/resources?limit=200', { as: officer })).json().items as {
      code: string;
      name: string;
      orgId: string;
      openType: string;
      maxGrade: string;
    }[];
    const demo = all.filter((r) => r.code.startsWith('330000-'));
    expect(demo.length).toBeGreaterThanOrEqual(30);
    expect(new Set(demo.map((r) => r.orgId)).size).toBeGreaterThanOrEqual(12);
    for (const name of ['户籍人口信息', '出生医学证明', '婚姻登记信息', '社会保险参保信息', '企业登记信息', '公共信用记录'])
      expect(demo.map((r) => r.name)).toContain(name);
    expect(demo.filter((r) => r.openType === 'open').every((r) => r.maxGrade === 'L1')).toBe(true);
  });

  it('keeps records with L4 fields sealed by SM4, finds them by an encrypted key, and re-seals them on key rotation', async () => {
    const created = await register({
      code: '330106-WJ-0100',
      name: '出生医学证明（记录）',
      fields: [
        { name: 'certificate_no', label: '出生医学证明编号', type: 'string', grade: 'L2', key: true, required: true },
        { name: 'baby_name', label: '新生儿姓名', type: 'string', grade: 'L3' },
        { name: 'mother_id_number', label: '母亲身份证号', type: 'id_number', grade: 'L4', key: true },
        { name: 'birth_date', label: '出生日期', type: 'date', grade: 'L2' },
      ],
    });
    const id = created.json().id;
    const [mother, other] = generateCitizens()
      .slice(10, 12)
      .map((c) => c.idNumber);
    const put = (records: unknown[], as = officer) =>
      t.request('PUT', `/api/v1/catalog/resources/${id}/records`, { as, body: { records } });
    const bad = await put([
      {
        certificate_no: 'R2026001',
        baby_name: '王小明',
        mother_id_number: mother!.slice(0, 17) + (mother!.endsWith('0') ? '1' : '0'),
        birth_date: '2026-11-01',
      },
      { certificate_no: 'R2026002', baby_name: '李小红', mother_id_number: other, birth_date: '2026-13-01', nickname: '红红' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors).toEqual([
      { row: 1, field: 'mother_id_number', reason: 'bad_id_number' },
      { row: 2, field: 'nickname', reason: 'unknown_field' },
      { row: 2, field: 'birth_date', reason: 'not_date' },
    ]);
    const none = await t.request('GET', `/api/v1/catalog/resources/${id}/records?field=certificate_no&value=R2026002`, { as: officer });
    expect(none.statusCode).toBe(404); // nothing half-written

    const good = await put([
      { certificate_no: 'R2026001', baby_name: '王小明', mother_id_number: mother, birth_date: '2026-11-01' },
      { certificate_no: 'R2026002', baby_name: '李小红', mother_id_number: other, birth_date: '2026-11-02' },
    ]);
    expect(good.json()).toEqual({ written: 2, inserted: 2, updated: 0 });
    const again = await put([{ certificate_no: 'R2026001', baby_name: '王晓明', mother_id_number: mother, birth_date: '2026-11-01' }]);
    expect(again.json()).toEqual({ written: 1, inserted: 0, updated: 1 });

    const byMother = await t.request('GET', `/api/v1/catalog/resources/${id}/records?field=mother_id_number&value=${mother}`, {
      as: officer,
    });
    expect(byMother.json()).toEqual({
      certificate_no: 'R2026001',
      baby_name: '王晓明',
      mother_id_number: mother,
      birth_date: '2026-11-01',
    });
    const stored = await sql<{ data: unknown; sealed: Buffer | Uint8Array; key_version: number }>`select data, sealed, key_version
      from data_records where resource_id = ${id}`.execute(t.node.db.kysely);
    for (const row of stored.rows) {
      expect(JSON.stringify(row.data)).not.toContain(mother!);
      expect(Buffer.from(row.sealed).toString('latin1')).not.toContain(mother!);
    }
    const keys = await sql<{ value_index: string }>`select value_index from data_record_keys where resource_id = ${id}`.execute(
      t.node.db.kysely,
    );
    expect(keys.rows.map((r) => r.value_index).join()).not.toContain(mother!);

    const staff = await t.login('xihu.officer');
    expect(
      (await t.request('GET', `/api/v1/catalog/resources/${id}/records?field=certificate_no&value=R2026001`, { as: staff })).statusCode,
    ).toBe(403);
    expect((await put([{ certificate_no: 'X' }], staff)).statusCode).toBe(403);

    const before = stored.rows[0]!.key_version;
    const rotated = await t.node.records.rotateKeys();
    expect(rotated.version).toBeGreaterThan(before);
    expect(rotated.resealed).toBeGreaterThanOrEqual(2);
    const after = await sql<{ key_version: number }>`select distinct key_version from data_records`.execute(t.node.db.kysely);
    expect(after.rows.map((r) => r.key_version)).toEqual([rotated.version]);
    const stillThere = await t.request('GET', `/api/v1/catalog/resources/${id}/records?field=mother_id_number&value=${other}`, {
      as: officer,
    });
    expect(stillThere.json().certificate_no).toBe('R2026002');
    // A database restored without its master key stops the node at start, with a message, not a 500 later.
    const stranger = new KeyRing(t.node.db, loadMasterKey(t.database.dataDir, 'ab'.repeat(32)));
    await expect(stranger.verify()).rejects.toThrow(/master key does not open/);
  });
});
