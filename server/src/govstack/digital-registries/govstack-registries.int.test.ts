import { Ajv } from 'ajv';
import { sql } from 'kysely';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizens = generateCitizens().slice(40, 46);
const imClient = { 'information-mediator-client': 'ZHILI/GOV/test/digitalregistries' };

/** The Data API yaml's response bodies (GovStack_Digital_registries_BB_Data_API_template-1.3.0.yaml). */
const ajv = new Ajv({ strict: false });
const shapes = {
  list: ajv.compile({
    type: 'object',
    required: ['count', 'results'],
    properties: {
      count: { type: 'integer' },
      next: { type: ['string', 'null'] },
      previous: { type: ['string', 'null'] },
      results: { type: 'array', items: { type: 'object' } },
    },
  }),
  content: ajv.compile({ type: 'object', required: ['content'], properties: { content: { type: 'object' } } }),
  exists: ajv.compile({
    type: 'object',
    required: ['answer'],
    properties: {
      answer: { type: 'object', required: ['status'], properties: { status: { type: 'boolean' }, message: { type: 'string' } } },
    },
  }),
  notFound: ajv.compile({ type: 'object', required: ['detail'], properties: { detail: { type: 'string', enum: ['no record found'] } } }),
  readValue: ajv.compile({ anyOf: [{ type: 'string' }, { type: 'object', properties: { value: {} } }] }),
};

describe.each(testDatabases())('GovStack Digital Registries on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let admin: Session;
  let owner: Session;
  let consumer: Session;
  let consumerApp: string;
  let ownerApp: string;
  const code = '330100-SJ-0201';
  const data = `/govstack/digital-registries/data/${code}/1`;

  /** An app of an organisation with a client-credentials token (as the gateway's own test gets one). */
  const appToken = async (orgId: string) => {
    const registered = await t.request('POST', '/api/v1/oidc-clients', {
      as: admin,
      body: { name: `应用 ${orgId.slice(-6)}`, grantTypes: ['client_credentials'], orgId },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { client, clientSecret } = registered.json();
    const config = await oidc.discovery(new URL(`${base}/oidc`), client.clientId, clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    return (await oidc.clientCredentialsGrant(config)).access_token;
  };
  const call = async (token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = imClient) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const audited = async (action: string) => {
    await t.node.audit.flush();
    const rows = await sql<{ n: string }>`select count(*) as n from audit_log where action = ${action}`.execute(t.node.db.kysely);
    return Number(rows.rows[0]!.n);
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    base = await t.listen();
    admin = await t.login('admin');
    owner = await t.login('hz.dataofficer');
    consumer = await t.login('xihu.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code,
        name: '杭州市新生儿登记（GovStack）',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'certificate_no', label: '出生医学证明编号', type: 'string', grade: 'L2', key: true },
          { name: 'baby_name', label: '新生儿姓名', type: 'string', grade: 'L3' },
          { name: 'mother_id_number', label: '母亲身份证号', type: 'id_number', grade: 'L4', key: true },
          { name: 'mother_phone', label: '母亲手机号', type: 'phone', grade: 'L3' },
          { name: 'hospital', label: '助产机构', type: 'string', grade: 'L1' },
          { name: 'district', label: '所在区', type: 'string', grade: 'L1' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const resourceId = created.json().id;
    const records = citizens.map((c, i) => ({
      certificate_no: `R${1000 + i}`,
      baby_name: `${c.name.slice(0, 1)}小宝`,
      mother_id_number: c.idNumber,
      mother_phone: `1380000${String(2000 + i)}`,
      hospital: i < 3 ? '杭州市妇产科医院' : '浙江省人民医院',
      district: '西湖区',
    }));
    const put = await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, { as: owner, body: { records } });
    expect(put.statusCode, put.body).toBe(200);
    const itemId = await given(t).item({
      as: admin,
      orgSlug: 'xihu-sjj',
      path: ['出生一件事', '材料核验', '出生证核验', '出生证明登记核验'],
    });
    const request = (
      await t.request('POST', '/api/v1/sharing/requests', {
        as: consumer,
        body: {
          resourceId,
          itemId,
          fields: ['certificate_no', 'baby_name', 'mother_id_number', 'hospital'],
          purpose: '出生一件事核验',
          legalBasis: '公共数据条例',
        },
      })
    ).json();
    const leader = await t.login('hz.leader');
    for (const who of [owner, leader]) {
      const task = (
        (await t.request('GET', '/api/v1/workflow/tasks', { as: who })).json().items as { id: string; instanceId: string }[]
      ).find((x) => x.instanceId === request.instanceId)!;
      await t.request('POST', `/api/v1/workflow/tasks/${task.id}/complete`, {
        as: who,
        body: { variables: { approved: true, opinion: '同意' } },
      });
    }
    expect((await t.request('GET', `/api/v1/sharing/requests/${request.id}`, { as: consumer })).json().status).toBe('approved');
    consumerApp = await appToken(consumer.me.orgId!);
    ownerApp = await appToken(owner.me.orgId!);
  });
  afterAll(() => t?.close());

  it('lists a registry to a granted app: granted fields only, masked by grade, paged, one audit entry a call', async () => {
    const before = await audited('gateway.search');
    const first = await call(consumerApp, 'GET', `${data}?pageSize=4`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(shapes.list(first.body), JSON.stringify(shapes.list.errors)).toBe(true);
    expect(first.body.count).toBe(6);
    expect(first.body.results).toHaveLength(4);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(new RegExp(`${data}\\?pageSize=4&page=2$`));
    expect(await audited('gateway.search')).toBe(before + 1);
    const row = first.body.results[0];
    expect(Object.keys(row).sort()).toEqual(['baby_name', 'certificate_no', 'hospital', 'mother_id_number']);
    expect(row.certificate_no).toBe('R1000'); // L2: clear; ascending by the primary key
    expect(row.baby_name).toMatch(/^.\*+$/); // L3: masked
    expect(row.mother_id_number).toMatch(/^\d{4}\*{10}[\dX]{4}$/); // L4: masked
    expect(JSON.stringify(first.body)).not.toMatch(/\d{17}[\dX]|1380000\d{4}/);

    const second = await call(consumerApp, 'GET', new URL(first.body.next).pathname + new URL(first.body.next).search);
    expect(second.body.results.map((r: { certificate_no: string }) => r.certificate_no)).toEqual(['R1004', 'R1005']);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).toMatch(/page=1$/);
    const descending = await call(consumerApp, 'GET', `${data}?ordering=descending&pageSize=1`);
    expect(descending.body.results[0].certificate_no).toBe('R1005');
  });

  it('searches shown fields, matches masked ones only whole as keys, and refuses fields not granted', async () => {
    const searched = await call(consumerApp, 'GET', `${data}?search=${encodeURIComponent('妇产')}&filter=hospital`);
    expect(searched.body.count).toBe(3);
    expect(searched.body.results.every((r: { hospital: string }) => r.hospital === '杭州市妇产科医院')).toBe(true);
    const anywhere = await call(consumerApp, 'GET', `${data}?search=${encodeURIComponent('人民医院')}`);
    expect(anywhere.body.count).toBe(3);
    const byKey = await call(consumerApp, 'GET', `${data}?query.mother_id_number=${citizens[2]!.idNumber}`);
    expect(byKey.body.results.map((r: { certificate_no: string }) => r.certificate_no)).toEqual(['R1002']);
    const none = await call(consumerApp, 'GET', `${data}?query.certificate_no=R9999`);
    expect(none.body).toEqual({ count: 0, next: null, previous: null, results: [] });

    const partial = await call(consumerApp, 'GET', `${data}?search=${encodeURIComponent('小宝')}&filter=baby_name`);
    expect(partial.status).toBe(400);
    expect(partial.body.error.code).toBe('gateway.masked_field');
    expect(partial.body.detail).toEqual(expect.any(String));
    const notGranted = await call(consumerApp, 'GET', `${data}?query.mother_phone=13800002000`);
    expect(notGranted.status).toBe(403);
    expect(notGranted.body.error.code).toBe('gateway.field_not_granted');
    expect((await call(consumerApp, 'GET', `${data}?limit=5`)).status).toBe(400);
    expect((await call(consumerApp, 'GET', `${data}?pageSize=500`)).status).toBe(400);
  });

  it('reads one record, answers exists and readValue in the contract’s shapes', async () => {
    const read = await call(consumerApp, 'POST', `${data}/read`, { query: { content: { certificate_no: 'R1001' } } });
    expect(read.status).toBe(200);
    expect(shapes.content(read.body)).toBe(true);
    expect(read.body.content.certificate_no).toBe('R1001');
    expect(read.body.content.baby_name).toMatch(/\*/);
    const missing = await call(consumerApp, 'POST', `${data}/read`, { query: { content: { certificate_no: 'R9999' } } });
    expect(missing.status).toBe(404);
    expect(shapes.notFound(missing.body)).toBe(true);
    expect(missing.body.error.code).toBe('govstack.registry.no_record');

    const yes = await call(consumerApp, 'POST', `${data}/exists`, { query: { content: { hospital: '浙江省人民医院' } } });
    expect(shapes.exists(yes.body)).toBe(true);
    expect(yes.body.answer.status).toBe(true);
    const no = await call(consumerApp, 'POST', `${data}/exists`, { query: { content: { certificate_no: 'R9999' } } });
    expect(no.body.answer).toEqual({ status: false, message: expect.any(String) });

    const value = await call(consumerApp, 'GET', `${data}/R1003/readValue/hospital.json`);
    expect(shapes.readValue(value.body)).toBe(true);
    expect(value.body).toEqual({ value: '浙江省人民医院' });
    const byLabel = await call(consumerApp, 'GET', `${data}/R1003/readValue/${encodeURIComponent('新生儿姓名')}.json`);
    expect(byLabel.body.value).toMatch(/^.\*+$/);
    expect((await call(consumerApp, 'GET', `${data}/R1003/readValue/mother_phone.json`)).status).toBe(403);
    expect((await call(consumerApp, 'GET', `${data}/R1003/readValue/hospital.xml`)).status).toBe(400);
    expect((await call(consumerApp, 'GET', `${data}/R9999/readValue/hospital.json`)).status).toBe(404);
  });

  it('refuses an app without a grant (403, audited), no token (401), a wrong version and a missing header', async () => {
    const otherApp = await appToken(await given(t).orgId('yuhang-sjj'));
    const refusals = await given(t).refusals();
    const refused = await call(otherApp, 'GET', data);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('gateway.no_grant');
    expect(refused.body.detail).toContain(code);
    expect(await given(t).refusals()).toBe(refusals + 1);
    expect((await call(otherApp, 'POST', `${data}/read`, { query: { content: { certificate_no: 'R1000' } } })).status).toBe(403);

    const anonymous = await call(null, 'GET', data);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toEqual(expect.any(String));
    // A person of another organisation reads through an app, as at the gateway.
    expect((await t.request('GET', data, { as: consumer, headers: imClient })).statusCode).toBe(401);

    const wrong = await call(consumerApp, 'GET', `/govstack/digital-registries/data/${code}/2`);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('govstack.registry.wrong_version');
    expect(wrong.body.error.details.current).toBe('1');
    expect((await call(consumerApp, 'GET', '/govstack/digital-registries/data/000000-XX-0000/1')).status).toBe(404);
    const noHeader = await call(consumerApp, 'GET', data, undefined, {});
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.code).toBe('validation.failed');
  });

  it('lets the owner read in clear and write; refuses writes by another organisation; keeps records on delete', async () => {
    const whole = await call(ownerApp, 'GET', `${data}?query.certificate_no=R1000`);
    expect(whole.body.results[0]).toMatchObject({
      mother_id_number: citizens[0]!.idNumber,
      mother_phone: '13800002000',
      district: '西湖区',
    });
    expect((await t.request('GET', `${data}?pageSize=1`, { as: owner, headers: imClient })).json().count).toBe(6);

    const fresh = { certificate_no: 'R2000', baby_name: '新小宝', mother_id_number: citizens[5]!.idNumber, hospital: '杭州市妇产科医院' };
    const created = await call(ownerApp, 'POST', `${data}/create`, { write: { content: fresh } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(shapes.content(created.body)).toBe(true);
    expect(created.body.content).toMatchObject(fresh);
    expect((await call(ownerApp, 'POST', `${data}/create`, { write: { content: fresh } })).status).toBe(409);
    const invalid = await call(ownerApp, 'POST', `${data}/create`, {
      write: { content: { ...fresh, certificate_no: 'R2009', mother_id_number: '1' } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.errors[0]).toMatchObject({ field: 'mother_id_number', reason: 'bad_id_number' });

    const updated = await call(ownerApp, 'PUT', `${data}/update`, {
      query: { content: { certificate_no: 'R2000' } },
      write: { content: { hospital: '浙江省人民医院' } },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.content).toMatchObject({ ...fresh, hospital: '浙江省人民医院' });
    const ambiguous = await call(ownerApp, 'PUT', `${data}/update`, {
      query: { content: { district: '西湖区' } },
      write: { content: { district: '上城区' } },
    });
    expect(ambiguous.status).toBe(409);
    const rekey = await call(ownerApp, 'PUT', `${data}/update`, {
      query: { content: { certificate_no: 'R2000' } },
      write: { content: { certificate_no: 'R3000' } },
    });
    expect(rekey.status).toBe(400);

    const upserted = await call(ownerApp, 'POST', `${data}/updateOrCreate`, {
      query: { content: { certificate_no: 'R2001' } },
      write: { content: { baby_name: '又一宝', mother_id_number: citizens[4]!.idNumber, hospital: '杭州市妇产科医院' } },
    });
    expect(upserted.status, JSON.stringify(upserted.body)).toBe(200);
    expect(upserted.body.content.certificate_no).toBe('R2001');
    const entries = await call(ownerApp, 'PUT', `${data}/updateEntries`, {
      query: { content: { hospital: '浙江省人民医院' } },
      write: { content: { district: '拱墅区' } },
    });
    expect(entries.body).toEqual({ updated: 4 });
    expect((await call(consumerApp, 'GET', `${data}?pageSize=1`)).body.count).toBe(8);

    const refusals = await given(t).refusals();
    expect((await call(consumerApp, 'POST', `${data}/create`, { write: { content: { ...fresh, certificate_no: 'R2002' } } })).status).toBe(
      403,
    );
    const person = await t.request('PUT', `${data}/update`, {
      as: consumer,
      headers: imClient,
      body: { query: { content: { certificate_no: 'R2000' } }, write: { content: { hospital: 'x' } } },
    });
    expect(person.statusCode).toBe(403);
    expect((await call(consumerApp, 'DELETE', `${data}/R2000/delete`)).status).toBe(403);
    expect(await given(t).refusals()).toBe(refusals + 3);

    const kept = await call(ownerApp, 'DELETE', `${data}/R2000/delete`);
    expect(kept.status).toBe(409);
    expect(kept.body.error.code).toBe('govstack.registry.record_kept');
    expect((await call(ownerApp, 'DELETE', `${data}/R9999/delete`)).status).toBe(404);
    expect((await call(ownerApp, 'POST', `${data}/read`, { query: { content: { certificate_no: 'R2000' } } })).status).toBe(200);
  });

  it('answers junk from the owner and from a consumer with a coded 4xx, never a 500', async () => {
    const bodies = [
      undefined,
      {},
      { query: {} },
      { query: { content: {} } },
      { query: { content: { nope: 1 } } },
      { query: { content: { mother_phone: '138', baby_name: '张*' } } },
      { query: { content: { certificate_no: ['x'] } } },
      { query: { content: { certificate_no: 'R1000' } }, write: { content: { nope: true } } },
      { write: { content: { certificate_no: null } } },
      { write: { content: { certificate_no: 7, mother_id_number: 'x'.repeat(2000) } } },
      { write: { content: 'x' } },
    ];
    const calls: [string, string][] = [
      ['POST', `${data}/read`],
      ['POST', `${data}/exists`],
      ['POST', `${data}/create`],
      ['PUT', `${data}/update`],
      ['PUT', `${data}/updateEntries`],
      ['POST', `${data}/updateOrCreate`],
    ];
    const gets = [
      `${data}?search=${encodeURIComponent('%_\\')}&filter=hospital`,
      `${data}?query.baby_name=x&query.mother_id_number=1`,
      `${data}?filter=nope&search=x`,
      `${data}?query.nope=1`,
      `${data}?page=0`,
      `${data}?page=1000000&pageSize=200&ordering=descending`,
      `${data}?ordering=up`,
      `${data}/R1000/readValue/nope.json`,
      `${data}/${encodeURIComponent('中')}/readValue/${encodeURIComponent('%')}.json`,
      `/govstack/digital-registries/data/${code}/1.0`,
      `/govstack/digital-registries/data/${encodeURIComponent('中文')}/1`,
    ];
    const problems: string[] = [];
    for (const token of [consumerApp, ownerApp]) {
      const answers = [
        ...(await Promise.all(gets.map(async (path) => ({ what: `GET ${path}`, ...(await call(token, 'GET', path)) })))),
        ...(await Promise.all(
          calls.flatMap(([method, path]) =>
            bodies.map(async (body) => ({ what: `${method} ${path} ${JSON.stringify(body)}`, ...(await call(token, method, path, body)) })),
          ),
        )),
      ];
      for (const { what, status, body } of answers)
        if (status >= 500 || (status >= 400 && !body.error?.code))
          problems.push(`${what} → ${status} ${JSON.stringify(body).slice(0, 160)}`);
    }
    expect(problems).toEqual([]);
  });

  it('says plainly that who-read-my-data is not recorded', async () => {
    const usage = await call(
      consumerApp,
      'GET',
      '/govstack/digital-registries/data/myPersonalDataUsage?userId=EE378129277266&databaseId=MCTS',
    );
    expect(usage.status).toBe(404);
    expect(usage.body.error.code).toBe('govstack.registry.usage_not_recorded');
    expect((await call(consumerApp, 'GET', '/govstack/digital-registries/data/myPersonalDataUsage?databaseId=MCTS')).status).toBe(400);
  });
});
