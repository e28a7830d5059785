import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizenLogin = '330382197811297469';
const enterpriseLogin = '91330212MAYR0A844E';
const parking = '330100-sj-0600'; // registered below as 有条件开放

/** The Portal's API: records pages, API keys, the rate limit and applications for conditionally open data. */
describe.each(testDatabases())('the open-data Portal API on %s', (kind) => {
  let t: TestNode;
  let citizen: Session;
  let enterprise: Session;
  let owner: Session;
  let resourceId: string;
  const withKey = (key: string, ip = '198.51.100.1') => ({ headers: { 'x-api-key': key, 'x-forwarded-for': ip } });
  const newKey = async (as: Session, name = 'test') => {
    const created = await t.request('POST', '/open/v1/api-keys', { as, body: { name } });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: string; secret: string; prefix: string };
  };
  const auditActions = async (targetId: string) => {
    await t.node.audit.flush();
    return (
      await sql<{ action: string }>`select action from audit_log where target_id = ${targetId} order by seq`.execute(t.node.db.kysely)
    ).rows.map((r) => r.action);
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    [citizen, enterprise, owner] = await Promise.all([t.login(citizenLogin), t.login(enterpriseLogin), t.login('hz.dataofficer')]);
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-SJ-0600',
        name: '杭州市公共停车场泊位',
        description: '公共停车场泊位与收费信息（有条件开放）',
        domain: 'open',
        shareType: 'conditional',
        openType: 'conditional',
        updateFrequency: 'daily',
        fields: [
          { name: 'lot_no', label: '停车场编号', type: 'string', grade: 'L1', key: true },
          { name: 'lot_name', label: '停车场名称', type: 'string', grade: 'L1' },
          { name: 'spaces', label: '泊位数', type: 'integer', grade: 'L2' },
          { name: 'manager_phone', label: '管理员手机号', type: 'phone', grade: 'L3' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    resourceId = created.json().id;
    const put = await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: owner,
      body: {
        records: [
          { lot_no: 'P0001', lot_name: '武林广场地下停车场', spaces: 1200, manager_phone: '13800000001' },
          { lot_no: 'P0002', lot_name: '西湖文化广场停车场', spaces: 800, manager_phone: '13800000002' },
          { lot_no: 'P0003', lot_name: '黄龙体育中心停车场', spaces: 650, manager_phone: '13800000003' },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('pages an open dataset’s rows with its fields, anonymously', async () => {
    const first = await t.request('GET', '/open/v1/datasets/330000-wj-0004/records?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.fields[0]).toEqual({ name: 'licence_no', label: '执业许可证登记号', type: 'string', key: true });
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect(Object.keys(page.items[0])).toEqual(page.fields.map((f: { name: string }) => f.name));
    const rest = (await t.request('GET', '/open/v1/datasets/330000-wj-0004/records?limit=100&offset=2')).json();
    expect(rest.items).toHaveLength(3);
    expect(rest.items.map((r: { licence_no: string }) => r.licence_no)).not.toContain(page.items[0].licence_no);

    const tooMany = await t.request('GET', '/open/v1/datasets/330000-wj-0004/records?limit=101');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('validation.failed');
    const closed = await t.request('GET', '/open/v1/datasets/330000-ga-0001/records'); // 户籍人口: not open
    expect(closed.statusCode).toBe(404);
    expect(closed.json().error).toMatchObject({ code: 'opendata.not_found', message: expect.any(String) });
  });

  it('creates an API key whose secret is shown once and kept as its SM3 hash; lists, counts and revokes it', async () => {
    expect((await t.request('POST', '/open/v1/api-keys', { body: { name: 'x' } })).statusCode).toBe(401);
    expect((await t.request('POST', '/open/v1/api-keys', { as: citizen, body: { name: '' } })).statusCode).toBe(400);
    const key = await newKey(citizen, '我的分析脚本');
    expect(key.secret).toMatch(/^zk_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const stored = (
      await sql<{ secret_hash: string }>`select secret_hash from open_api_keys where id = ${key.id}`.execute(t.node.db.kysely)
    ).rows[0]!;
    expect(stored.secret_hash).toBe(createHash('sm3').update(key.secret).digest('hex'));

    const listed = await t.request('GET', '/open/v1/api-keys', { as: citizen });
    expect(listed.body).not.toContain(key.secret);
    expect(listed.json().items.find((k: { id: string }) => k.id === key.id)).toMatchObject({
      name: '我的分析脚本',
      calls: 0,
      lastUsedAt: null,
    });

    expect((await t.request('GET', '/open/v1/datasets/330000-wj-0004/records', withKey(key.secret))).statusCode).toBe(200);
    const used = (await t.request('GET', '/open/v1/api-keys', { as: citizen })).json().items.find((k: { id: string }) => k.id === key.id);
    expect(used).toMatchObject({ calls: 1, lastUsedAt: expect.any(String) });

    expect((await t.request('DELETE', `/open/v1/api-keys/${key.id}`, { as: enterprise })).statusCode).toBe(404); // not theirs
    const revoked = await t.request('DELETE', `/open/v1/api-keys/${key.id}`, { as: citizen });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    expect((await t.request('DELETE', `/open/v1/api-keys/${key.id}`, { as: citizen })).statusCode).toBe(409);
    const refused = await t.request('GET', '/open/v1/datasets/330000-wj-0004/records', withKey(key.secret));
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('opendata.invalid_key');
    expect((await t.request('GET', '/open/v1/datasets/330000-wj-0004/records', withKey('zk_nonsense'))).statusCode).toBe(401);
    expect(await auditActions(key.id)).toEqual(['opendata.key.create', 'opendata.key.revoke']);
  });

  it('revokes the keys of an account that is disabled', async () => {
    const officer = await t.login('yuhang.officer');
    const key = await newKey(officer, 'staff script');
    expect((await t.request('GET', '/open/v1/datasets/330000-wj-0004/records', withKey(key.secret))).statusCode).toBe(200);
    const admin = await t.login('admin');
    expect((await t.request('POST', `/api/v1/accounts/${officer.me.id}/disable`, { as: admin })).statusCode).toBe(200);
    await expect
      .poll(async () => (await t.request('GET', '/open/v1/datasets/330000-wj-0004/records', withKey(key.secret))).statusCode, {
        timeout: 10_000,
      })
      .toBe(401);
  });

  it('holds an account to five active keys', async () => {
    const person = await t.login('330382197811297469');
    const existing = (await t.request('GET', '/open/v1/api-keys', { as: person }))
      .json()
      .items.filter((k: { revokedAt: string | null }) => !k.revokedAt);
    for (let i = existing.length; i < 5; i++) await newKey(person, `key ${i}`);
    const sixth = await t.request('POST', '/open/v1/api-keys', { as: person, body: { name: 'one too many' } });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error).toMatchObject({ code: 'opendata.too_many_keys', details: { max: 5 } });
    const active = (await t.request('GET', '/open/v1/api-keys', { as: person }))
      .json()
      .items.filter((k: { revokedAt: string | null }) => !k.revokedAt);
    expect(active).toHaveLength(5);
    for (const k of active.slice(0, 4)) await t.request('DELETE', `/open/v1/api-keys/${k.id}`, { as: person }); // room for the other tests
  });

  it('limits anonymous callers per IP to 60 calls a minute (429 with Retry-After); a key raises the limit', async () => {
    const ip = { headers: { 'x-forwarded-for': '203.0.113.9' } };
    for (let i = 0; i < 60; i++) {
      const ok = await t.request('GET', '/open/v1/datasets/330000-wj-0004/records?limit=1', ip);
      expect(ok.statusCode).toBe(200);
    }
    const limited = await t.request('GET', '/open/v1/datasets/330000-wj-0004/records?limit=1', ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error).toMatchObject({
      code: 'opendata.rate_limited',
      message: expect.stringContaining('60'),
      details: { limit: 60 },
    });
    expect((await t.request('GET', '/open/v1/datasets/330000-wj-0004/download.csv', ip)).statusCode).toBe(429); // downloads count too
    expect(
      (await t.request('GET', '/open/v1/datasets/330000-wj-0004/records?limit=1', { headers: { 'x-forwarded-for': '203.0.113.10' } }))
        .statusCode,
    ).toBe(200);
    const key = await newKey(enterprise, 'from the limited address');
    expect(
      (await t.request('GET', '/open/v1/datasets/330000-wj-0004/records?limit=1', withKey(key.secret, '203.0.113.9'))).statusCode,
    ).toBe(200);
  });

  it('lists a conditionally open dataset in CKAN but serves its rows only to an approved applicant', async () => {
    const found = (await t.request('GET', `/api/3/action/package_search?q=${encodeURIComponent('停车场泊位')}`)).json().result;
    expect(found.count).toBe(1);
    expect(found.results[0]).toMatchObject({ name: parking, open_type: 'conditional' });
    expect(found.results[0].extras).toContainEqual({ key: 'open_type', value: 'conditional' });
    expect(
      JSON.parse(found.results[0].extras.find((e: { key: string }) => e.key === 'fields').value).map((f: { name: string }) => f.name),
    ).toEqual(
      ['lot_no', 'lot_name', 'spaces'], // L3 管理员手机号 never leaves through open data
    );
    const onlyConditional = (
      await t.request('GET', `/api/3/action/package_search?fq=${encodeURIComponent('open_type:conditional')}`)
    ).json().result;
    const names = onlyConditional.results.map((p: { name: string; open_type: string }) => p.name);
    expect(names).toContain(parking);
    expect(onlyConditional.results.every((p: { open_type: string }) => p.open_type === 'conditional')).toBe(true);

    const key = await newKey(citizen, 'parking');
    for (const url of [`/open/v1/datasets/${parking}/records`, `/open/v1/datasets/${parking}/download.csv`]) {
      const anonymous = await t.request('GET', url);
      expect(anonymous.statusCode).toBe(403);
      expect(anonymous.json().error).toMatchObject({
        code: 'opendata.approval_required',
        message: expect.any(String),
        details: expect.any(Object),
      });
      const unapproved = await t.request('GET', url, withKey(key.secret));
      expect(unapproved.statusCode).toBe(403);
      expect(unapproved.json().error.code).toBe('opendata.not_approved');
    }

    const short = await t.request('POST', '/open/v1/applications', {
      as: citizen,
      body: { dataset: parking, purpose: '太短', scenario: '停车导航', contact: '13900000000' },
    });
    expect(short.statusCode).toBe(400);
    expect((await t.request('GET', '/open/v1/applications', { as: citizen })).json().items).toEqual([]); // bad input changed nothing
    const open = await t.request('POST', '/open/v1/applications', {
      as: citizen,
      body: { dataset: '330000-wj-0004', purpose: '用于开发就医导航小程序的数据分析', scenario: '就医导航', contact: '13900000000' },
    });
    expect(open.statusCode).toBe(400);
    expect(open.json().error.code).toBe('opendata.not_conditional');

    const body = { dataset: parking, purpose: '开发停车诱导小程序，展示各停车场泊位数', scenario: '停车诱导', contact: '13900000000' };
    const applied = await t.request('POST', '/open/v1/applications', {
      as: citizen,
      body,
      headers: { 'idempotency-key': 'apply-parking-1' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const application = applied.json();
    expect(application).toMatchObject({ status: 'pending', dataset: { id: resourceId, name: parking, title: '杭州市公共停车场泊位' } });
    const replay = await t.request('POST', '/open/v1/applications', {
      as: citizen,
      body,
      headers: { 'idempotency-key': 'apply-parking-1' },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(application.id);
    const again = await t.request('POST', '/open/v1/applications', { as: citizen, body });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('opendata.application_exists');

    const xihu = await t.login('xihu.dataofficer'); // a data officer, but of another organisation
    const foreign = await t.request('POST', `/open/v1/applications/${application.id}/decision`, {
      as: xihu,
      body: { approved: true, reason: '' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(
      (await t.request('POST', `/open/v1/applications/${application.id}/decision`, { as: citizen, body: { approved: true } })).statusCode,
    ).toBe(403);
    const approved = await t.request('POST', `/open/v1/applications/${application.id}/decision`, {
      as: owner,
      body: { approved: true, reason: '同意，仅限停车诱导使用' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: expect.any(String), decidedAt: expect.any(String) });
    const twice = await t.request('POST', `/open/v1/applications/${application.id}/decision`, {
      as: owner,
      body: { approved: false, reason: '改变主意' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('opendata.application_decided');

    const rows = await t.request('GET', `/open/v1/datasets/${parking}/records`, withKey(key.secret));
    expect(rows.statusCode, rows.body).toBe(200);
    expect(rows.json()).toMatchObject({ total: 3, fields: [{ name: 'lot_no' }, { name: 'lot_name' }, { name: 'spaces' }] });
    expect(rows.body).not.toContain('13800000001');
    const csv = await t.request('GET', `/open/v1/datasets/${parking}/download.csv`, withKey(key.secret));
    expect(csv.statusCode).toBe(200);
    expect(csv.body.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('停车场编号,停车场名称,泊位数');
    // The applicant's own session reads it too (the Portal's preview); another person's key does not.
    expect((await t.request('GET', `/open/v1/datasets/${parking}/records`, { as: citizen })).statusCode).toBe(200);
    const other = await newKey(enterprise, 'not approved');
    expect((await t.request('GET', `/open/v1/datasets/${parking}/records`, withKey(other.secret))).statusCode).toBe(403);

    expect(await auditActions(application.id)).toEqual(['opendata.application.create', 'opendata.application.decide']);
    expect(await auditActions(resourceId)).toContain('opendata.records.read');
  });

  it('asks a refusal for its reason, and shows applications to the applicant and the owner’s data officers only', async () => {
    const applied = await t.request('POST', '/open/v1/applications', {
      as: enterprise,
      body: { dataset: parking, purpose: '评估商圈周边停车供给情况，用于选址', scenario: '门店选址', contact: 'data@example.com' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const id = applied.json().id as string;

    const noReason = await t.request('POST', `/open/v1/applications/${id}/decision`, { as: owner, body: { approved: false } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('opendata.reason_required');
    expect((await t.request('GET', `/open/v1/applications/${id}`, { as: enterprise })).json().status).toBe('pending'); // unchanged

    const mine = (await t.request('GET', '/open/v1/applications', { as: citizen })).json().items;
    expect(mine.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(mine.every((a: { applicant: { id: string } }) => a.applicant.id === citizen.me.id)).toBe(true);
    const review = await t.request('GET', '/open/v1/applications?view=review', { as: citizen });
    expect(review.statusCode).toBe(403);
    expect((await t.request('GET', `/open/v1/applications/${id}`, { as: citizen })).statusCode).toBe(403);
    const xihu = await t.login('xihu.dataofficer');
    expect((await t.request('GET', '/open/v1/applications?view=review', { as: xihu })).json().items).toEqual([]);
    const pending = (await t.request('GET', '/open/v1/applications?view=review&status=pending', { as: owner })).json().items;
    expect(pending.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(pending[0]).toMatchObject({
      applicant: { kind: 'enterprise' },
      purpose: expect.stringContaining('选址'),
      contact: 'data@example.com',
    });

    const refused = await t.request('POST', `/open/v1/applications/${id}/decision`, {
      as: owner,
      body: { approved: false, reason: '用途超出开放范围' },
    });
    expect(refused.statusCode).toBe(200);
    expect((await t.request('GET', '/open/v1/applications', { as: enterprise })).json().items[0]).toMatchObject({
      id,
      status: 'rejected',
      reason: '用途超出开放范围',
    });
    expect((await t.request('GET', '/open/v1/applications?view=review&status=pending', { as: owner })).json().items).toEqual([]);
    const bad = await t.request('GET', '/open/v1/applications?status=maybe', { as: owner });
    expect(bad.statusCode).toBe(400);
  });
});
