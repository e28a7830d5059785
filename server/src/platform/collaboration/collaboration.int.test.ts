import { sql } from 'kysely';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizens = generateCitizens().slice(70, 74);

/** P3.4 业务协同: a department answers questions instead of handing over data, through the gateway, under grants, in the log. */
describe.each(testDatabases())('business collaboration services on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let admin: Session;
  let owner: Session;
  let consumer: Session;
  let itemId: string;
  let upstream: Server;
  let upstreamUrl: string;
  let upstreamStatus = 200;
  const upstreamBodies: unknown[] = [];

  const appToken = (orgSlug: string) => given(t).appToken(orgSlug, '协同系统');
  const call = async (token: string, code: string, body: unknown) => {
    const response = await fetch(`${base}/gateway/v1/services/${code}/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
  const logged = async (outcome: string) => {
    await t.node.audit.flush();
    const row = await sql<{
      n: string;
    }>`select count(*) as n from audit_log where action = 'gateway.service' and outcome = ${outcome}`.execute(t.node.db.kysely);
    return Number(row.rows[0]!.n);
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    base = await t.listen();
    admin = await t.login('admin');
    owner = await t.login('hz.dataofficer');
    consumer = await t.login('xihu.dataofficer');
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        upstreamBodies.push({ auth: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(upstreamStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ eligible: true, level: '二级' }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/verify`;
    itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['婚育服务', '婚姻核验', '婚姻状况', '婚姻状况核验'] });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    await t?.close();
  });

  it('“is this person married?”: a yes/no over the owner’s records, never the record itself', async () => {
    const resourceId = (
      await t.request('POST', '/api/v1/catalog/resources', {
        as: owner,
        body: {
          orgId: owner.me.orgId,
          code: '330100-MZ-0100',
          name: '杭州市婚姻登记信息',
          domain: 'shared',
          shareType: 'conditional',
          openType: 'none',
          updateFrequency: 'daily',
          fields: [
            { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L4', key: true },
            { name: 'spouse_name', label: '配偶姓名', type: 'string', grade: 'L3' },
            { name: 'marital_status', label: '婚姻状况', type: 'string', grade: 'L2' },
          ],
        },
      })
    ).json().id;
    await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: owner,
      body: {
        records: [
          { id_number: citizens[0]!.idNumber, spouse_name: citizens[1]!.name, marital_status: '已婚' },
          { id_number: citizens[2]!.idNumber, spouse_name: citizens[3]!.name, marital_status: '离婚' },
        ],
      },
    });
    const service = await t.request('POST', '/api/v1/collaboration/services', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: 'HZ-MZ-MARRIED',
        name: '是否已婚核验',
        shareType: 'unconditional',
        kind: 'query',
        resourceId,
        keyField: 'id_number',
        answer: { type: 'equals', field: 'marital_status', value: '已婚' },
        rateLimit: 3,
      },
    });
    expect(service.statusCode, service.body).toBe(201);
    expect(service.json()).toMatchObject({ callPath: '/gateway/v1/services/HZ-MZ-MARRIED/call' });
    const listed = (await t.request('GET', '/api/v1/collaboration/services', { as: await t.login('xihu.officer') })).json().items;
    expect(listed.map((s: { code: string }) => s.code)).toContain('HZ-MZ-MARRIED');

    const token = await appToken('xihu-sjj');
    expect((await call(token, 'HZ-MZ-MARRIED', { key: citizens[0]!.idNumber })).status).toBe(403); // no grant yet
    const asked = await t.request('POST', '/api/v1/collaboration/requests', {
      as: consumer,
      body: { serviceId: service.json().id, itemId, purpose: '婚姻状况核验', legalBasis: '婚姻登记条例' },
    });
    expect(asked.json()).toMatchObject({ status: 'approved', automatic: true });
    const married = await call(token, 'HZ-MZ-MARRIED', { key: citizens[0]!.idNumber });
    expect(married.status).toBe(200);
    expect(JSON.parse(married.text)).toEqual({ answer: true });
    const divorced = await call(token, 'HZ-MZ-MARRIED', { key: citizens[2]!.idNumber });
    expect(JSON.parse(divorced.text)).toEqual({ answer: false });
    for (const text of [married.text, divorced.text]) {
      expect(text).not.toContain(citizens[1]!.name);
      expect(text).not.toMatch(/\d{17}[\dX]/);
    }
    expect((await call(token, 'HZ-MZ-MARRIED', { key: citizens[1]!.idNumber })).status).toBe(200);
    expect((await call(token, 'HZ-MZ-MARRIED', { key: citizens[1]!.idNumber })).status).toBe(429); // the service's 3 a minute
    expect(await logged('ok')).toBe(3);
    const stranger = await call(await appToken('yuhang-sjj'), 'HZ-MZ-MARRIED', { key: citizens[0]!.idNumber });
    expect(stranger.status).toBe(403);
    expect(JSON.parse(stranger.text).error.code).toBe('gateway.no_service_grant');
  });

  it('a department’s own endpoint, conditional: approved in the workflow, called with its sealed credential, failures logged', async () => {
    const service = await t.request('POST', '/api/v1/collaboration/services', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: 'HZ-CL-DISABILITY',
        name: '残疾人补贴资格核验',
        shareType: 'conditional',
        kind: 'http',
        url: upstreamUrl,
        authorization: 'Bearer upstream-secret',
      },
    });
    expect(service.statusCode, service.body).toBe(201);
    expect(JSON.stringify(service.json())).not.toContain('upstream-secret');
    const asked = (
      await t.request('POST', '/api/v1/collaboration/requests', {
        as: consumer,
        body: { serviceId: service.json().id, itemId, purpose: '补贴资格核验', legalBasis: '残疾人保障法' },
      })
    ).json();
    expect(asked.status).toBe('pending');
    const token = await appToken('xihu-sjj');
    expect((await call(token, 'HZ-CL-DISABILITY', { key: citizens[0]!.idNumber })).status).toBe(403);
    const task = (
      (await t.request('GET', '/api/v1/workflow/tasks', { as: owner })).json().items as { id: string; instanceId: string }[]
    ).find((x) => x.instanceId === asked.instanceId)!;
    await t.request('POST', `/api/v1/workflow/tasks/${task.id}/complete`, { as: owner, body: { variables: { approved: true } } });
    expect((await t.request('GET', `/api/v1/collaboration/requests/${asked.id}`, { as: consumer })).json().status).toBe('approved');

    const answered = await call(token, 'HZ-CL-DISABILITY', { key: citizens[0]!.idNumber, input: { scenario: '两项补贴' } });
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text)).toEqual({ answer: { eligible: true, level: '二级' } });
    expect(upstreamBodies.at(-1)).toEqual({
      auth: 'Bearer upstream-secret',
      body: { key: citizens[0]!.idNumber, input: { scenario: '两项补贴' }, consumerOrgId: consumer.me.orgId },
    });
    upstreamStatus = 500;
    const failedBefore = await logged('failed');
    const failed = await call(token, 'HZ-CL-DISABILITY', { key: citizens[0]!.idNumber });
    expect(failed.status).toBe(502);
    expect(JSON.parse(failed.text).error.code).toBe('collab.upstream_failed');
    expect(await logged('failed')).toBe(failedBefore + 1);
    upstreamStatus = 200;
  });

  it('refuses a service over another organisation’s resource, and a person’s session at the gateway', async () => {
    const foreign = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('医疗机构名录')}`, { as: admin })).json()
      .items[0];
    const refused = await t.request('POST', '/api/v1/collaboration/services', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: 'HZ-NOT-MINE',
        name: '他人数据',
        shareType: 'unconditional',
        kind: 'query',
        resourceId: foreign.id,
        keyField: 'licence_no',
        answer: { type: 'exists' },
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('collab.not_own_resource');
    const person = await t.request('POST', '/gateway/v1/services/HZ-MZ-MARRIED/call', { as: consumer, body: { key: 'x' } });
    expect(person.statusCode).toBe(401);
  });
});
