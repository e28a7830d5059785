import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';
import { residentIdCheckDigit, usccCheckDigit } from './index.ts';

describe.each(testDatabases())('organisations, address book and accounts on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  const count = async (table: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.node.db.kysely)).rows[0]!.n);

  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  it('shows a county official the county, and lets the province drill down', async () => {
    const officer = await t.login('xihu.officer');
    const county = (await t.request('GET', '/api/v1/orgs?limit=100', { as: officer })).json().items as { regionCode: string }[];
    expect(county.length).toBeGreaterThan(0);
    expect(county.every((o) => o.regionCode.startsWith('330106'))).toBe(true);
    const province = (await t.request('GET', '/api/v1/orgs?regionCode=330212&limit=100', { as: admin })).json().items as {
      regionCode: string;
    }[];
    expect(province.length).toBeGreaterThan(0);
    expect(province.every((o) => o.regionCode.startsWith('330212'))).toBe(true);
  });

  it('pages organisations with a cursor, without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await t.request('GET', `/api/v1/orgs?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as: admin })
      ).json();
      for (const org of page.items) {
        expect(seen.has(org.id)).toBe(false);
        seen.add(org.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(await count('orgs'));
  });

  it('walks the region tree from the province to townships', async () => {
    const cities = (await t.request('GET', '/api/v1/regions?parentCode=330000')).json().items;
    expect(cities).toHaveLength(11);
    expect(cities[0]).toMatchObject({ code: '330100', name: '杭州市', level: 'city', hasChildren: true });
    const townships = (await t.request('GET', '/api/v1/regions?parentCode=330106')).json().items;
    expect(townships.length).toBeGreaterThan(0);
    expect(townships[0].level).toBe('township');
  });

  it('masks phones for viewers outside the organisation without L3 clearance', async () => {
    const g = given(t);
    const zfId = await g.orgId('xihu-zf');
    const colleague = await t.login('xihu.orgadmin'); // works at 西湖区政府
    const outsider = await t.login('xihu.officer'); // 市场监管局, L2
    const leader = await t.login('xihu.leader'); // L3 over the county
    const own = (await t.request('GET', `/api/v1/orgs/${zfId}/address-book`, { as: colleague })).json().items;
    const masked = (await t.request('GET', `/api/v1/orgs/${zfId}/address-book`, { as: outsider })).json().items;
    const cleared = (await t.request('GET', `/api/v1/orgs/${zfId}/address-book`, { as: leader })).json().items;
    expect(own[0].phone).toMatch(/^1\d{10}$/);
    expect(masked[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(masked[0].phoneMasked).toBe(true);
    expect(cleared[0].phone).toBe(own[0].phone);
  });

  it('creates a citizen with a valid 身份证号 and refuses an invalid check digit, writing nothing', async () => {
    const first17 = '33010619900307123';
    const good = first17 + residentIdCheckDigit(first17);
    const bad = first17 + (residentIdCheckDigit(first17) === '1' ? '2' : '1');
    const before = await count('accounts');
    const refused = await t.request('POST', '/api/v1/accounts', {
      as: admin,
      body: { kind: 'citizen', idNumber: bad, displayName: '王小明', password: 'Passw0rd1' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues[0].path).toEqual(['body', 'idNumber']);
    expect(refused.json().error.message).toContain('身份证号无效');
    expect(await count('accounts')).toBe(before);
    const created = await t.request('POST', '/api/v1/accounts', {
      as: admin,
      body: { kind: 'citizen', idNumber: good, displayName: '王小明', password: 'Passw0rd1' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().maskedIdNumber).toBe(`3301**********${good.slice(-4)}`);
    await t.login(good, 'Passw0rd1');
    const duplicate = await t.request('POST', '/api/v1/accounts', {
      as: admin,
      body: { kind: 'citizen', idNumber: good, displayName: '王小明', password: 'Passw0rd1' },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('refuses an enterprise with a wrong 统一社会信用代码 check digit', async () => {
    const first17 = '91330106MA2H0K1T5';
    const good = first17 + usccCheckDigit(first17);
    const wrong = first17 + (usccCheckDigit(first17) === 'A' ? 'B' : 'A');
    const refused = await t.request('POST', '/api/v1/accounts', {
      as: admin,
      body: { kind: 'enterprise', uscc: wrong, displayName: '杭州测试科技有限公司', password: 'Passw0rd1' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('统一社会信用代码无效');
    const created = await t.request('POST', '/api/v1/accounts', {
      as: admin,
      body: { kind: 'enterprise', uscc: good, displayName: '杭州测试科技有限公司', password: 'Passw0rd1' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('answers bad input with a 4xx and a code, and writes nothing', async () => {
    const before = { orgs: await count('orgs'), accounts: await count('accounts') };
    const cases: [unknown, number, string][] = [
      ['{"name": "x"', 400, 'request.malformed_json'],
      [{ name: '西湖区新局', kind: 'department', regionCode: '330106', extra: 1 }, 400, 'validation.failed'],
      [{ name: 42, kind: 'department', regionCode: '330106' }, 400, 'validation.failed'],
      [{ name: '西湖区新局', kind: 'spaceship', regionCode: '330106' }, 400, 'validation.failed'],
      [{ name: '西湖区新局', kind: 'department', regionCode: '330199' }, 400, 'identity.region_not_found'],
      [{ name: '西湖区新局', kind: 'department', regionCode: '33' }, 400, 'validation.failed'],
      [{ name: 'x'.repeat(2 * 1024 * 1024), kind: 'department', regionCode: '330106' }, 413, 'request.too_large'],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.request('POST', '/api/v1/orgs', { as: admin, body });
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message).toBeTruthy();
    }
    // Found by the junk sweep: PostgreSQL cannot store U+0000, which used to surface as a 500.
    const nulInBody = await t.request('POST', '/api/v1/orgs', {
      as: admin,
      body: '{"name":"西湖\\u0000局","kind":"department","regionCode":"330106"}',
    });
    expect(nulInBody.json().error.code).toBe('request.nul_character');
    const nulInQuery = await t.request('GET', '/api/v1/accounts?q=%00', { as: admin });
    expect(nulInQuery.statusCode).toBe(400);
    expect(nulInQuery.json().error.code).toBe('request.nul_character');
    const wrongType = await t.request('POST', '/api/v1/orgs', { as: admin, body: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.statusCode).toBe(415);
    const badId = await t.request('GET', '/api/v1/orgs/not-an-id', { as: admin });
    expect(badId.statusCode).toBe(400);
    const unknownQuery = await t.request('GET', '/api/v1/accounts?limit=5000', { as: admin });
    expect(unknownQuery.statusCode).toBe(400);
    expect({ orgs: await count('orgs'), accounts: await count('accounts') }).toEqual(before);
  });

  it('creates an organisation with units, and refuses placing it under itself', async () => {
    const created = await t.request('POST', '/api/v1/orgs', {
      as: admin,
      body: { name: '西湖区数字化改革专班', kind: 'department', regionCode: '330106' },
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    const unit = await t.request('POST', `/api/v1/orgs/${org.id}/units`, { as: admin, body: { name: '综合组' } });
    expect(unit.statusCode).toBe(201);
    const sub = await t.request('POST', `/api/v1/orgs/${org.id}/units`, {
      as: admin,
      body: { name: '数据组', parentUnitId: unit.json().id },
    });
    expect(sub.json().parentUnitId).toBe(unit.json().id);
    expect((await t.request('GET', `/api/v1/orgs/${org.id}`, { as: admin })).json().units).toHaveLength(2);
    const cycle = await t.request('PATCH', `/api/v1/orgs/${org.id}`, { as: admin, body: { parentOrgId: org.id } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('identity.org_cycle');
  });

  it('returns accounts with masked numbers and phones, filtered by kind', async () => {
    const citizens = (await t.request('GET', '/api/v1/accounts?kind=citizen&limit=5', { as: admin })).json().items;
    expect(citizens).toHaveLength(5);
    for (const c of citizens) {
      expect(c.maskedIdNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      if (c.phone) expect(c.phone).toContain('****');
    }
  });
});

describe.each(testDatabases())('Idempotency-Key on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  it('creates once and replays the first answer for a retried submission', async () => {
    const body = { name: '西湖区幂等测试局', kind: 'department', regionCode: '330106' };
    const headers = { 'idempotency-key': 'create-org-0001' };
    const first = await t.request('POST', '/api/v1/orgs', { as: admin, body, headers });
    const second = await t.request('POST', '/api/v1/orgs', { as: admin, body, headers });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const found = (await t.request('GET', `/api/v1/orgs?q=${encodeURIComponent('幂等测试局')}`, { as: admin })).json().items;
    expect(found).toHaveLength(1);
  });

  it('refuses the same key with a different body, and frees a key whose request failed', async () => {
    const headers = { 'idempotency-key': 'create-org-0002' };
    const bad = await t.request('POST', '/api/v1/orgs', {
      as: admin,
      body: { name: '西湖区另一个局', kind: 'department', regionCode: '330199' },
      headers,
    });
    expect(bad.statusCode).toBe(400);
    const good = await t.request('POST', '/api/v1/orgs', {
      as: admin,
      body: { name: '西湖区另一个局', kind: 'department', regionCode: '330106' },
      headers,
    });
    expect(good.statusCode).toBe(201);
    const reused = await t.request('POST', '/api/v1/orgs', {
      as: admin,
      body: { name: '西湖区第三个局', kind: 'department', regionCode: '330106' },
      headers,
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency.key_reused');
  });
});
