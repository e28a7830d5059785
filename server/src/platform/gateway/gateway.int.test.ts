import { sql } from 'kysely';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizens = generateCitizens().slice(20, 26);

describe.each(testDatabases())('the data gateway on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let admin: Session;
  let owner: Session;
  let consumer: Session;
  const code = '330100-SJ-0101';

  /** An app of an organisation with a client-credentials token. */
  const appToken = async (orgSlug: string) => {
    const orgId = await given(t).orgId(orgSlug);
    const registered = await t.request('POST', '/api/v1/oidc-clients', {
      as: admin,
      body: { name: `${orgSlug} 业务系统`, grantTypes: ['client_credentials'], orgId },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { client, clientSecret } = registered.json();
    const config = await oidc.discovery(new URL(`${base}/oidc`), client.clientId, clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    return (await oidc.clientCredentialsGrant(config)).access_token;
  };
  const call = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });

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
        name: '杭州市新生儿登记',
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
        ],
      },
    });
    const resourceId = created.json().id;
    const records = citizens.map((c, i) => ({
      certificate_no: `R${1000 + i}`,
      baby_name: `${c.name.slice(0, 1)}小宝`,
      mother_id_number: c.idNumber,
      mother_phone: `1380000${String(1000 + i)}`,
      hospital: '杭州市妇产科医院',
    }));
    expect((await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, { as: owner, body: { records } })).statusCode).toBe(
      200,
    );
    const itemId = await given(t).item({
      as: admin,
      orgSlug: 'xihu-sjj',
      path: ['出生一件事', '材料核验', '出生证核验', '出生医学证明核验'],
    });
    const request = (
      await t.request('POST', '/api/v1/sharing/requests', {
        as: consumer,
        body: {
          resourceId,
          itemId,
          fields: ['certificate_no', 'baby_name', 'mother_id_number'],
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
  });
  afterAll(() => t?.close());

  it('returns only the granted fields, masked by grade, and logs the call in the audit chain', async () => {
    const token = await appToken('xihu-sjj');
    await t.node.audit.flush();
    const before = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'gateway.query'`.execute(t.node.db.kysely);
    const response = await call(token, `/gateway/v1/${code}/records?field=mother_id_number&key=${citizens[0]!.idNumber}`);
    expect(response.status).toBe(200);
    const { record } = (await response.json()) as { record: Record<string, string> };
    expect(Object.keys(record).sort()).toEqual(['baby_name', 'certificate_no', 'mother_id_number']);
    expect(record.certificate_no).toBe('R1000');
    expect(record.baby_name).toMatch(/^.\*+$/);
    expect(record.mother_id_number).toBe(`${citizens[0]!.idNumber.slice(0, 4)}**********${citizens[0]!.idNumber.slice(-4)}`);
    await t.node.audit.flush();
    const after = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'gateway.query'`.execute(t.node.db.kysely);
    expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n) + 1);
    const missing = await call(token, `/gateway/v1/${code}/records?field=certificate_no&key=R9999`);
    expect(((await missing.json()) as { record: unknown }).record).toBeNull();
  });

  it('never lets an ID number or a phone number through beyond the grant (every answer scanned)', async () => {
    const token = await appToken('xihu-sjj');
    const keys = [...citizens.map((c) => c.idNumber), '110101199003074258'];
    const response = await call(token, `/gateway/v1/${code}/records/query`, {
      method: 'POST',
      body: JSON.stringify({ field: 'mother_id_number', keys }),
    });
    const body = await response.text();
    expect(JSON.parse(body).records).toHaveLength(keys.length);
    expect(body).not.toMatch(/\d{17}[\dX]/); // no whole 身份证号
    expect(body).not.toMatch(/1[3-9]\d{9}/); // no whole phone number (and mother_phone was never granted)
    expect(body).not.toContain('杭州市妇产科医院'); // hospital was never granted either
  });

  it('refuses an app without a grant (403, audited), a person’s session, too many keys, and callers past the rate limit', async () => {
    const other = await appToken('yuhang-sjj');
    const refusalsBefore = await given(t).refusals();
    const refused = await call(other, `/gateway/v1/${code}/records?field=certificate_no&key=R1000`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('gateway.no_grant');
    expect(await given(t).refusals()).toBe(refusalsBefore + 1);
    const person = await t.request('GET', `/gateway/v1/${code}/records?field=certificate_no&key=R1000`, { as: consumer });
    expect(person.statusCode).toBe(401);
    const token = await appToken('xihu-sjj');
    const tooMany = await call(token, `/gateway/v1/${code}/records/query`, {
      method: 'POST',
      body: JSON.stringify({ field: 'certificate_no', keys: Array.from({ length: 1001 }, (_, i) => `R${i}`) }),
    });
    expect(tooMany.status).toBe(400);
    const notGranted = await call(token, `/gateway/v1/${code}/records?field=mother_phone&key=13800001000`);
    expect(notGranted.status).toBe(400); // not a key field at all
    t.node.gateway.rateLimit = 3;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(token, `/gateway/v1/${code}/records?field=certificate_no&key=R1000`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await call(token, `/gateway/v1/${code}/records?field=certificate_no&key=R1000`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t.node.gateway.rateLimit = 600;
  });
});
