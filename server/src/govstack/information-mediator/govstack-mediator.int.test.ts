import { Ajv } from 'ajv';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const im = '/govstack/information-mediator';
const client = { 'x-govstack-client': 'ZHILI/GOV/test/directory' };

/** The directory yaml's bodies (GovStack_IM_Directory_Services_API.yaml). */
const ajv = new Ajv({ strict: false });
const objectType = { type: 'string', enum: ['MEMBER', 'APPLICATION', 'SERVICE'] };
const shapes = {
  clients: ajv.compile({
    type: 'object',
    properties: {
      member: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            id: {
              type: 'object',
              properties: {
                objectType,
                instanceId: { type: 'string' },
                memberClass: { type: 'string' },
                memberCode: { type: 'string' },
                applicationCode: { type: 'string' },
              },
            },
          },
        },
      },
    },
  }),
  services: ajv.compile({
    type: 'object',
    properties: {
      member: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            objectType,
            serviceType: { type: 'string' },
            instanceId: { type: 'string' },
            memberClass: { type: 'string' },
            memberCode: { type: 'string' },
            applicationCode: { type: 'string' },
            serviceCode: { type: 'string' },
            serviceVersion: { type: 'string' },
            endpointList: {
              type: 'object',
              properties: {
                member: {
                  type: 'array',
                  items: { type: 'object', properties: { method: { type: 'string' }, path: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
  }),
};

interface ClientEntry {
  name: string;
  id: { objectType: string; instanceId: string; memberClass: string; memberCode: string; applicationCode?: string };
}
interface ServiceEntry {
  serviceCode: string;
  serviceVersion: string;
  objectType: string;
  applicationCode: string;
  endpointList: { member: { method: string; path: string }[] };
}

describe.each(testDatabases())('GovStack Information Mediator directory on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let admin: Session;
  let staff: Session;
  let gat: string;
  let consumerOrg: string;
  let consumerApp: { clientId: string; token: string };
  const code = '330100-SJ-0301';

  const registerApp = async (orgId: string, name: string) => {
    const registered = await t.request('POST', '/api/v1/oidc-clients', {
      as: admin,
      body: { name, grantTypes: ['client_credentials'], orgId },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { client: app, clientSecret } = registered.json();
    const config = await oidc.discovery(new URL(`${base}/oidc`), app.clientId, clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    return { clientId: app.clientId as string, token: (await oidc.clientCredentialsGrant(config)).access_token };
  };
  const call = async (token: string, path: string, headers: Record<string, string> = client) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
  };
  const r1 = (memberCode: string, applicationCode: string, method: string) =>
    `${im}/r1/ZHILI/GOV/${memberCode}/${applicationCode}/${method}`;

  beforeAll(async () => {
    t = await startTestNode(kind);
    base = await t.listen();
    admin = await t.login('admin');
    staff = await t.login('xihu.officer');
    gat = await given(t).orgId('zj-gat');
    consumerOrg = await given(t).orgId('xihu-sjj');
    // A resource of the city's data bureau shared without conditions: an L1/L2 request is granted at once.
    const owner = await t.login('hz.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code,
        name: '杭州市公共场所名录（目录测试）',
        domain: 'shared',
        shareType: 'unconditional',
        openType: 'none',
        updateFrequency: 'monthly',
        fields: [
          { name: 'place_code', label: '场所编码', type: 'string', grade: 'L1', key: true },
          { name: 'place_name', label: '场所名称', type: 'string', grade: 'L2' },
          { name: 'manager_id_number', label: '管理人身份证号', type: 'id_number', grade: 'L4' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['场所管理', '名录核验', '场所核验', '公共场所核验'] });
    const consumer = await t.login('xihu.dataofficer');
    const request = await t.request('POST', '/api/v1/sharing/requests', {
      as: consumer,
      body: {
        resourceId: created.json().id,
        itemId,
        fields: ['place_code', 'place_name'],
        purpose: '场所核验',
        legalBasis: '公共数据条例',
      },
    });
    expect(request.json().status, request.body).toBe('approved');
    consumerApp = await registerApp(consumerOrg, '西湖区数据局 场所核验系统');
  });
  afterAll(() => t?.close());

  it('lists the demo province’s members, their apps and the gateway subsystems serving their resources', async () => {
    const listed = await call(consumerApp.token, `${im}/listClients`, {});
    expect(listed.status).toBe(200);
    expect(shapes.clients(listed.body), JSON.stringify(shapes.clients.errors)).toBe(true);
    const members: ClientEntry[] = listed.body.member;
    const orgs = members.filter((m) => m.id.objectType === 'MEMBER');
    expect(orgs.length).toBeGreaterThan(20);
    expect(orgs.find((m) => m.id.memberCode === gat)).toEqual({
      name: expect.stringContaining('公安厅'),
      id: { objectType: 'MEMBER', instanceId: 'ZHILI', memberClass: 'GOV', memberCode: gat },
    });
    expect(members).toContainEqual({
      name: expect.stringContaining('数据网关'),
      id: { objectType: 'APPLICATION', instanceId: 'ZHILI', memberClass: 'GOV', memberCode: gat, applicationCode: 'gateway' },
    });
    expect(members).toContainEqual({
      name: '西湖区数据局 场所核验系统',
      id: {
        objectType: 'APPLICATION',
        instanceId: 'ZHILI',
        memberClass: 'GOV',
        memberCode: consumerOrg,
        applicationCode: consumerApp.clientId,
      },
    });
    // A person (a civil servant) may browse too; the instance named must be this one.
    expect((await t.request('GET', `${im}/listClients?instanceId=ZHILI`, { as: staff })).statusCode).toBe(200);
    expect((await t.request('GET', `${im}/listClients?instanceId=EE`, { as: staff })).statusCode).toBe(400);
  });

  it('lists a member’s services with their gateway and registry endpoints', async () => {
    const listed = await call(consumerApp.token, r1(gat, 'gateway', 'listMethods'));
    expect(listed.status).toBe(200);
    expect(shapes.services(listed.body), JSON.stringify(shapes.services.errors)).toBe(true);
    const services: ServiceEntry[] = listed.body.member;
    const population = services.find((s) => s.serviceCode === '330000-GA-0001')!;
    expect(population).toMatchObject({ objectType: 'SERVICE', applicationCode: 'gateway', serviceVersion: '1' });
    expect(population.endpointList.member).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/gateway/v1/330000-GA-0001/records' },
        { method: 'POST', path: '/gateway/v1/330000-GA-0001/records/query' },
        { method: 'POST', path: '/govstack/digital-registries/data/330000-GA-0001/1/read' },
      ]),
    );
    const one = await call(consumerApp.token, `${r1(gat, 'gateway', 'listMethods')}?serviceId=330000-GA-0002`);
    expect(one.body.member.map((s: ServiceEntry) => s.serviceCode)).toEqual(['330000-GA-0002']);
    // An app serves nothing of its own; an unknown member or subsystem is the contract's 400.
    expect((await call(consumerApp.token, r1(consumerOrg, consumerApp.clientId, 'listMethods'))).body).toEqual({ member: [] });
    expect((await call(consumerApp.token, r1('org_00000000000000000000000000', 'gateway', 'listMethods'))).status).toBe(400);
    expect((await call(consumerApp.token, r1(gat, 'app_nope', 'listMethods'))).status).toBe(400);
    expect((await call(consumerApp.token, `${im}/r1/EE/GOV/${gat}/gateway/listMethods`)).status).toBe(400);
    const noHeader = await call(consumerApp.token, r1(gat, 'gateway', 'listMethods'), {});
    expect(noHeader.status).toBe(400);
  });

  it('allows a caller the services its organisation holds grants for, and its own', async () => {
    const owner = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('目录测试')}`, { as: admin })).json().items[0]
      .orgId;
    const granted = await call(consumerApp.token, r1(owner, 'gateway', 'allowedMethods'));
    expect(shapes.services(granted.body)).toBe(true);
    expect(granted.body.member.map((s: ServiceEntry) => s.serviceCode)).toEqual([code]);
    expect(granted.body.member[0].endpointList.member).toContainEqual({ method: 'GET', path: `/gateway/v1/${code}/records` });
    expect(granted.body.member[0].endpointList.member).not.toContainEqual(expect.objectContaining({ method: 'PUT' }));
    expect((await call(consumerApp.token, r1(gat, 'gateway', 'allowedMethods'))).body).toEqual({ member: [] });
    const ownerApp = await registerApp(owner, '杭州市数据局 场所系统');
    const own = await call(ownerApp.token, r1(owner, 'gateway', 'allowedMethods'));
    const mine = own.body.member.find((s: ServiceEntry) => s.serviceCode === code);
    expect(mine.endpointList.member).toContainEqual({ method: 'POST', path: `/govstack/digital-registries/data/${code}/1/create` });
  });

  it('describes one service in OpenAPI, as a JSON string', async () => {
    const described = await call(consumerApp.token, `${r1(gat, 'gateway', 'getOpenAPI')}?serviceCode=330000-GA-0001`);
    expect(described.status).toBe(200);
    expect(described.type).toBe('application/json; charset=utf-8');
    expect(typeof described.body).toBe('string');
    const document = JSON.parse(described.body);
    expect(document.openapi).toBe('3.0.3');
    expect(Object.keys(document.paths)).toContain('/gateway/v1/330000-GA-0001/records');
    expect(document.components.schemas.Record.properties.id_number).toMatchObject({ type: 'string', 'x-zhili-grade': 'L4' });
    for (const serviceCode of ['_invalid', '', '330000-XX-9999']) {
      const refused = await call(consumerApp.token, `${r1(gat, 'gateway', 'getOpenAPI')}?serviceCode=${serviceCode}`);
      expect(refused.status, serviceCode).toBe(400);
    }
    expect((await call(consumerApp.token, r1(gat, 'gateway', 'getOpenAPI'))).status).toBe(400);
  });

  it('answers junk paths and parameters with a coded 4xx, never a 500', async () => {
    const problems: string[] = [];
    const members = [gat, 'org_00000000000000000000000000', '_x', encodeURIComponent('中'), '9'.repeat(100)];
    for (const method of ['listMethods', 'allowedMethods', 'getOpenAPI'])
      for (const member of members)
        for (const app of ['gateway', consumerApp.clientId, '..'])
          for (const query of [
            '',
            '?serviceId=330000-GA-0001',
            '?serviceCode=330000-GA-0001',
            '?serviceCode=%25',
            '?serviceId=a'.repeat(30),
          ]) {
            const { status, body } = await call(consumerApp.token, `${r1(member, app, method)}${query}`);
            if (status >= 500 || (status >= 400 && !body.error?.code)) problems.push(`${method} ${member} ${app} ${query} → ${status}`);
          }
    expect(problems).toEqual([]);
  });

  it('is for members only: anonymous 401, a citizen 403 (both audited)', async () => {
    const refusals = await given(t).refusals();
    expect((await t.request('GET', `${im}/listClients`)).statusCode).toBe(401);
    const citizen = await t.login(generateCitizens()[3]!.idNumber);
    const refused = await t.request('GET', r1(gat, 'gateway', 'listMethods'), { as: citizen, headers: client });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('govstack.im.members_only');
    expect(await given(t).refusals()).toBe(refusals + 2);
  });
});
