import { sql } from 'kysely';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizens = generateCitizens().slice(40, 46);

/** P3.2 a grant's terms at the gateway: clear text, its own rate limit, a validity; and flow-back 数据回流 by region. */
describe.each(testDatabases())('grant terms at the gateway on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let admin: Session;
  let consumer: Session;

  const appToken = (orgSlug: string) => given(t).appToken(orgSlug);
  const get = async (token: string, path: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: response.status,
      body: (await response.json()) as { record?: Record<string, unknown> | null; error?: { code: string } },
    };
  };
  const approveAll = async (instanceId: string, variables: Record<string, unknown>) => {
    for (const username of ['admin', 'zj.leader', 'hz.dataofficer', 'hz.leader']) {
      const who = await t.login(username).catch(() => null);
      if (!who) continue;
      const task = (
        (await t.request('GET', '/api/v1/workflow/tasks', { as: who })).json().items as { id: string; instanceId: string }[]
      ).find((x) => x.instanceId === instanceId);
      if (task) await t.request('POST', `/api/v1/workflow/tasks/${task.id}/complete`, { as: who, body: { variables } });
    }
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    base = await t.listen();
    admin = await t.login('admin');
    consumer = await t.login('xihu.dataofficer');
  });
  afterAll(() => t?.close());

  it('a clear-text grant shows the ID number whole, within the grant’s own rate limit, until it expires', async () => {
    const owner = await t.login('hz.dataofficer');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: owner,
      body: {
        orgId: owner.me.orgId,
        code: '330100-SJ-0800',
        name: '杭州市居住登记',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        fields: [
          { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L3', key: true },
          { name: 'address', label: '居住地址', type: 'string', grade: 'L3' },
        ],
      },
    });
    const resourceId = created.json().id as string;
    await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: owner,
      body: { records: citizens.map((c) => ({ id_number: c.idNumber, address: `杭州市西湖区文三路${c.idNumber.slice(-3)}号` })) },
    });
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['居住服务', '居住登记', '居住核验', '居住地址核验'] });
    const request = (
      await t.request('POST', '/api/v1/sharing/requests', {
        as: consumer,
        body: {
          resourceId,
          itemId,
          fields: ['id_number', 'address'],
          purpose: '居住证办理核验',
          legalBasis: '居住证暂行条例',
          clearText: true,
        },
      })
    ).json();
    expect(request).toMatchObject({ status: 'pending', automatic: false, clearText: true });
    await approveAll(request.instanceId, { approved: true, opinion: '同意明文', rateLimit: 2, grantUntil: '2099-12-31' });
    const grants = (await t.request('GET', `/api/v1/sharing/grants?orgId=${consumer.me.orgId}`, { as: consumer })).json().items;
    expect(grants.find((g: { requestId: string }) => g.requestId === request.id)).toMatchObject({ clearText: true, rateLimit: 2 });

    const token = await appToken('xihu-sjj');
    const path = `/gateway/v1/330100-SJ-0800/records?field=id_number&key=${citizens[0]!.idNumber}`;
    const first = await get(token, path);
    expect(first.status).toBe(200);
    expect(first.body.record).toEqual({
      id_number: citizens[0]!.idNumber,
      address: `杭州市西湖区文三路${citizens[0]!.idNumber.slice(-3)}号`,
    });
    expect((await get(token, path)).status).toBe(200);
    expect((await get(token, path)).status).toBe(429); // the grant's 2 a minute, not the platform's 600

    // the owner withdraws it: the very next call is refused, and a grant is revoked once
    const grantId = grants.find((g: { requestId: string }) => g.requestId === request.id).id as string;
    const consumerRevokes = await t.request('POST', `/api/v1/sharing/grants/${grantId}/revoke`, {
      as: consumer,
      body: { reason: '越权撤销' },
    });
    expect(consumerRevokes.statusCode).toBe(403); // not the consumer's to withdraw
    const revoked = await t.request('POST', `/api/v1/sharing/grants/${grantId}/revoke`, { as: owner, body: { reason: '核验事项已办结' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const afterRevoke = await get(await appToken('xihu-sjj'), path);
    expect(afterRevoke.status).toBe(403);
    expect((await t.request('POST', `/api/v1/sharing/grants/${grantId}/revoke`, { as: owner, body: { reason: '再次' } })).statusCode).toBe(
      409,
    );
    await sql`update share_grants set status = 'active' where id = ${grantId}`.execute(t.node.db.kysely);

    // a day later than its validity, the grant is gone
    await sql`update share_grants set expires_at = now() - interval '1 second' where request_id = ${request.id}`.execute(t.node.db.kysely);
    const other = await appToken('xihu-sjj');
    const expired = await get(other, path);
    expect(expired.status).toBe(403);
    expect(expired.body.error!.code).toBe('gateway.no_grant');
  });

  it('an app removed by its admin is refused at once, though its token was just trusted from memory', async () => {
    const orgId = await given(t).orgId('xihu-sjj');
    const registered = (
      await t.request('POST', '/api/v1/oidc-clients', {
        as: admin,
        body: { name: '即将注销的系统', grantTypes: ['client_credentials'], orgId },
      })
    ).json();
    const config = await oidc.discovery(new URL(`${base}/oidc`), registered.client.clientId, registered.clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const token = (await oidc.clientCredentialsGrant(config)).access_token;
    const path = `/gateway/v1/330100-SJ-0800/records?field=id_number&key=${citizens[1]!.idNumber}`;
    expect((await get(token, path)).status).not.toBe(401); // known now (403 or 200 — the grant may have expired above)
    const removed = await t.request('DELETE', `/api/v1/oidc-clients/${registered.client.clientId}`, { as: admin });
    expect(removed.statusCode).toBe(204);
    expect((await get(token, path)).status).toBe(401);
  });

  it('refuses forged and expired tokens with 401', async () => {
    const path = `/gateway/v1/330100-SJ-0800/records?field=id_number&key=${citizens[1]!.idNumber}`;
    const forged = await get('x'.repeat(43), path);
    expect(forged.status).toBe(401);
    const token = await appToken('xihu-sjj');
    // the token's lifetime ends (as the provider's store keeps it) before it was ever used
    await sql`update oidc_payloads set expires_at = now() - interval '1 second',
      payload = jsonb_set(payload, '{exp}', to_jsonb(extract(epoch from now())::bigint - 1)) where id = ${token}`.execute(t.node.db.kysely);
    const expired = await get(token, path);
    expect(expired.status).toBe(401);
    expect(expired.body.error!.code).toBe('gateway.app_token_required');
  });

  it('flow-back: a county reads the province’s records of its own region only, granted at once', async () => {
    const province = await given(t).orgId('zj-gat');
    const created = await t.request('POST', '/api/v1/catalog/resources', {
      as: admin,
      body: {
        orgId: province,
        code: '330000-GA-0900',
        name: '流动人口登记（省级归集）',
        domain: 'shared',
        shareType: 'conditional',
        openType: 'none',
        updateFrequency: 'daily',
        regionField: 'region_code',
        fields: [
          { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L3', key: true },
          { name: 'person_name', label: '姓名', type: 'string', grade: 'L3' },
          { name: 'region_code', label: '登记地行政区划', type: 'string', grade: 'L1' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const resourceId = created.json().id as string;
    const regions = ['330106', '330106', '330212', '330110'];
    await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: admin,
      body: {
        records: regions.map((region, i) => ({ id_number: citizens[i]!.idNumber, person_name: citizens[i]!.name, region_code: region })),
      },
    });
    const itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['人口服务', '流动人口', '数据回流', '流动人口本地核验'] });
    const asked = await t.request('POST', '/api/v1/sharing/requests', {
      as: consumer,
      body: {
        resourceId,
        itemId,
        fields: ['id_number', 'person_name', 'region_code'],
        purpose: '本区流动人口服务',
        legalBasis: '数据回流',
        flowBack: true,
      },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'approved', automatic: true, flowBack: true });

    const token = await appToken('xihu-sjj');
    const response = await fetch(`${base}/gateway/v1/330000-GA-0900/records/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ field: 'id_number', keys: citizens.slice(0, 4).map((c) => c.idNumber) }),
    });
    const { records } = (await response.json()) as { records: (Record<string, string> | null)[] };
    expect(records.map((r) => r?.region_code ?? null)).toEqual(['330106', '330106', null, null]); // 鄞州 and 余杭 stay hidden
    expect(records[0]!.person_name).toMatch(/^.\*+$/); // still masked: flow-back is not clear text

    // a city below the province may ask too; a resource without a region field cannot flow back
    const hz = await t.login('hz.dataofficer');
    const hzItem = await given(t).item({ as: admin, orgSlug: 'hz-sjj', path: ['人口服务', '流动人口', '数据回流', '全市流动人口核验'] });
    const ok = await t.request('POST', '/api/v1/sharing/requests', {
      as: hz,
      body: { resourceId, itemId: hzItem, fields: ['id_number'], purpose: '全市流动人口服务', legalBasis: '数据回流', flowBack: true },
    });
    expect(ok.statusCode).toBe(201);
    const noRegion = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('医疗机构名录')}`, { as: admin })).json()
      .items[0];
    const refused = await t.request('POST', '/api/v1/sharing/requests', {
      as: consumer,
      body: { resourceId: noRegion.id, itemId, fields: ['licence_no'], purpose: '本区医疗机构', legalBasis: '数据回流', flowBack: true },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('sharing.no_flow_back');
  });
});
