import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/pg-cluster.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';
import { efficacyScore } from './app-efficacy.ts';

/** A small app of a department: answers its health check with whatever the test sets. */
async function startApp() {
  const state = { status: 200 };
  const server: Server = createServer((_req, res) => {
    res.writeHead(state.status, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(testDatabases())('app registry, monitoring, efficacy and the component catalog on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  let rp: Awaited<ReturnType<typeof startApp>>;
  let appId: string;
  let clientId: string;
  let clientSecret: string;
  const month = new Date().toISOString().slice(0, 7);

  const appsCount = async () => Number((await sql<{ n: string }>`select count(*) as n from apps`.execute(t.node.db.kysely)).rows[0]!.n);
  const body = (overrides: Record<string, unknown> = {}) => ({
    code: 'jiuye-dating',
    name: '就业创业服务',
    ownerOrgId: '',
    system: 'S4',
    level: 'province',
    entryUrl: `${rp.url}/`,
    healthUrl: `${rp.url}/healthz`,
    redirectUris: [`${rp.url}/callback`],
    launchOn: ['workbench', 'portal'],
    components: ['workflow', 'notifications'],
    expectedUsers: 4,
    ...overrides,
  });
  const appToken = async () => {
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const issued = await t.request('POST', '/oidc/token', {
      body: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    return issued.json().access_token as string;
  };

  beforeAll(async () => {
    rp = await startApp();
    t = await startTestNode(kind, { appCheckIntervalMs: 3_600_000 }); // the test runs the checks itself
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
    await rp?.close();
  });

  it('registers an app with its OIDC client, and refuses bad registrations writing nothing', async () => {
    const rst = await given(t).orgId('zj-rst');
    const before = await appsCount();
    const forged = await t.request('POST', '/api/v1/apps', {
      as: admin,
      body: body({ ownerOrgId: rst, entryUrl: 'https://evil.example.com/', redirectUris: [`${rp.url}/callback`] }),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('apps.entry_origin');
    const unknownComponent = await t.request('POST', '/api/v1/apps', {
      as: admin,
      body: body({ ownerOrgId: rst, components: ['teleport'] }),
    });
    expect(unknownComponent.json().error.code).toBe('apps.component_unknown');
    const badUri = await t.request('POST', '/api/v1/apps', {
      as: admin,
      body: body({ ownerOrgId: rst, redirectUris: ['javascript:alert(1)'] }),
    });
    expect(badUri.statusCode).toBe(400);
    const staff = await t.login('zj-rst.staff1');
    expect((await t.request('POST', '/api/v1/apps', { as: staff, body: body({ ownerOrgId: rst }) })).statusCode).toBe(403);
    const county = await t.login('xihu.orgadmin');
    expect((await t.request('POST', '/api/v1/apps', { as: county, body: body({ ownerOrgId: rst }) })).statusCode).toBe(403);
    expect(await appsCount()).toBe(before);

    const created = await t.request('POST', '/api/v1/apps', { as: admin, body: body({ ownerOrgId: rst }) });
    expect(created.statusCode, created.body).toBe(201);
    ({ id: appId, clientId } = created.json().app);
    clientSecret = created.json().clientSecret;
    expect(created.json().app).toMatchObject({
      name: '就业创业服务',
      system: 'S4',
      ownerOrgName: expect.stringContaining('人力资源'),
      launchOn: ['workbench', 'portal'],
    });
    expect((await t.request('POST', '/api/v1/apps', { as: admin, body: body({ ownerOrgId: rst }) })).statusCode).toBe(409);
    // the client exists, and answers the code flow only at its own redirect URI
    const authorize = await t.request(
      'GET',
      `/oidc/auth?client_id=${clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}`,
    );
    expect(authorize.statusCode).toBe(400);
    expect(authorize.body).toContain('redirect_uri');
  });

  it('offers a province app to everyone and a county app only in its county; launching counts the user', async () => {
    const yuhang = await given(t).orgId('yuhang-scjg');
    const local = await t.request('POST', '/api/v1/apps', {
      as: admin,
      body: body({ code: 'yuhang-shichang', name: '余杭市场监管通', ownerOrgId: yuhang, level: 'county', system: 'S2', components: [] }),
    });
    expect(local.statusCode, local.body).toBe(201);
    const officer = await t.login('xihu.officer');
    const offered = (await t.request('GET', '/api/v1/apps/launcher?on=workbench', { as: officer })).json().items as { id: string }[];
    expect(offered.map((a) => a.id)).toContain(appId);
    expect(offered.map((a) => a.id)).not.toContain(local.json().app.id);
    expect((await t.request('POST', `/api/v1/apps/${local.json().app.id}/launch`, { as: officer })).statusCode).toBe(403);

    const launched = await t.request('POST', `/api/v1/apps/${appId}/launch?on=workbench`, { as: officer });
    expect(launched.json()).toEqual({ url: `${rp.url}/` });
    const used = await sql<{ launches: number }>`select launches from app_usage where app_id = ${appId}`.execute(t.node.db.kysely);
    expect(used.rows.map((r) => r.launches)).toEqual([1]);
  });

  it('checks availability, tells the owner’s admins once after three failures, and reports latency and active users', async () => {
    await t.node.apps.monitor.checkAll();
    rp.state.status = 503;
    for (let i = 0; i < 4; i++) await t.node.apps.monitor.checkAll();
    const alerts = await sql<{
      account_id: string;
      title: string;
    }>`select account_id, title from notifications where topic = 'app.alert' and source_id = ${appId}`.execute(t.node.db.kysely);
    // 人社厅 has no 单位管理员 in the demo: the province data bureau's platform admins are told
    const orgAdmins = await sql<{
      id: string;
    }>`select a.id from accounts a join role_grants g on g.account_id = a.id and g.role = 'org_admin'
      join orgs o on o.id = a.org_id where o.slug = 'zj-rst'`.execute(t.node.db.kysely);
    expect(orgAdmins.rows).toEqual([]);
    const admins = await sql<{
      id: string;
    }>`select distinct a.id from accounts a join role_grants g on g.account_id = a.id and g.role = 'platform_admin'
      join orgs o on o.id = a.org_id where o.region_code = '330000'`.execute(t.node.db.kysely);
    expect(admins.rows.length).toBeGreaterThan(0);
    expect(alerts.rows.map((r) => r.account_id).sort()).toEqual(admins.rows.map((r) => r.id).sort());
    expect(alerts.rows[0]!.title).toContain('就业创业服务');
    rp.state.status = 200;
    await t.node.apps.monitor.checkAll();

    const stats = (await t.request('GET', `/api/v1/apps/${appId}/monitoring`, { as: admin })).json();
    expect(stats).toMatchObject({ checks: 6, failedChecks: 4, availability: 2 / 6, activeUsers: { day: 1, week: 1, month: 1 } });
    expect(stats.avgLatencyMs).toBeGreaterThanOrEqual(0);
    expect(stats.recentChecks[0]).toMatchObject({ ok: true, status: 200 });
    expect(stats.recentChecks[1]).toMatchObject({ ok: false, status: 503, error: 'HTTP 503' });
    const staff = await t.login('zj-rst.staff1');
    expect((await t.request('GET', `/api/v1/apps/${appId}/monitoring`, { as: staff })).statusCode).toBe(403);
  });

  it('counts real calls to the built-in components by caller, errors included', async () => {
    const staff = await t.login('zj-rst.staff1');
    await t.request('GET', '/api/v1/notifications', { as: staff });
    await t.request('GET', '/api/v1/notifications', { as: staff });
    const token = await appToken();
    const refused = await t.request('GET', '/api/v1/workflow/tasks', { headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    await t.node.apps.usage.flush();
    const catalog = (await t.request('GET', '/api/v1/components', { as: staff })).json().items as {
      code: string;
      obligation: string;
      usage: { calls: number; errors: number; appsCalling: number; appsDeclaring: string[] };
    }[];
    const notices = catalog.find((c) => c.code === 'notifications')!;
    expect(notices.obligation).toBe('mandatory');
    expect(notices.usage.calls).toBeGreaterThanOrEqual(2);
    expect(notices.usage.appsDeclaring).toEqual(['就业创业服务']);
    const workflow = catalog.find((c) => c.code === 'workflow')!;
    expect(workflow.usage.errors).toBeGreaterThanOrEqual(1);
    expect(workflow.usage.appsCalling).toBe(1);
    const stats = (await t.request('GET', `/api/v1/apps/${appId}/monitoring`, { as: admin })).json();
    expect(stats.platformErrors).toBeGreaterThanOrEqual(1);
  });

  it('scores the month from usage, satisfaction, completion and availability, and flags a poor app', async () => {
    const token = await appToken();
    const report = (b: unknown, headers: Record<string, string>) =>
      t.request('PUT', `/api/v1/apps/${appId}/task-report`, { body: b, headers });
    expect((await report({ month, started: 10, completed: 12 }, { authorization: `Bearer ${token}` })).statusCode).toBe(400);
    const staff = await t.login('zj-rst.staff1');
    expect(
      (await t.request('PUT', `/api/v1/apps/${appId}/task-report`, { as: staff, body: { month, started: 10, completed: 8 } })).statusCode,
    ).toBe(403);
    expect((await report({ month, started: 10, completed: 8 }, { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    expect((await t.request('PUT', `/api/v1/apps/${appId}/rating`, { as: staff, body: { score: 5 } })).statusCode).toBe(200);
    const other = await t.login('xihu.officer');
    expect((await t.request('PUT', `/api/v1/apps/${appId}/rating`, { as: other, body: { score: 3 } })).statusCode).toBe(200);
    expect((await t.request('PUT', `/api/v1/apps/${appId}/rating`, { as: other, body: { score: 9 } })).statusCode).toBe(400);

    await t.node.apps.efficacy.evaluate(month);
    const scored = (await t.request('GET', `/api/v1/apps/efficacy?month=${month}`, { as: admin })).json();
    const mine = scored.items.find((i: { appId: string; month: string }) => i.appId === appId && i.month === month);
    // 1 user of 4 expected, ratings 5 and 3 (avg 4), 8 of 10 completed, 2 of 6 checks up
    const expected = efficacyScore({ usage: 25, satisfaction: 75, completion: 80, availability: (2 / 6) * 100 });
    expect(mine.score).toBeCloseTo(expected, 1);
    expect(mine.parts).toMatchObject({ usage: 25, satisfaction: 75, completion: 80 });
    expect(mine.poor).toBe(expected < 60);
    const idle = scored.items.find((i: { name: string }) => i.name === '余杭市场监管通');
    expect(idle).toMatchObject({ poor: true, parts: { usage: 0, satisfaction: null, completion: null } });
    expect((await t.request('GET', '/api/v1/apps/efficacy?month=2026-13', { as: admin })).statusCode).toBe(400);
  });

  it('registers a component of a department and keeps built-ins with the platform', async () => {
    const rst = await given(t).orgId('zj-rst');
    const registered = await t.request('POST', '/api/v1/components', {
      as: admin,
      body: {
        code: 'shebao-calc',
        name: '社保待遇测算',
        ownerOrgId: rst,
        version: '1.2.0',
        obligation: 'recommended',
        docs: '按缴费年限测算养老金。',
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({ kind: 'registered', ownerOrgName: expect.stringContaining('人力资源'), version: '1.2.0' });
    expect(
      (await t.request('POST', '/api/v1/components', { as: admin, body: { ...(registered.json() as object), code: 'shebao-calc' } }))
        .statusCode,
    ).toBe(400);
    expect((await t.request('PATCH', '/api/v1/components/workflow', { as: admin, body: { version: '9.9.9' } })).statusCode).toBe(409);
    expect((await t.request('PATCH', '/api/v1/components/shebao-calc', { as: admin, body: { version: 'v2' } })).statusCode).toBe(400);
    const bumped = await t.request('PATCH', '/api/v1/components/shebao-calc', { as: admin, body: { version: '1.3.0' } });
    expect(bumped.json().version).toBe('1.3.0');
    const staff = await t.login('zj-rst.staff1');
    expect(
      (
        await t.request('POST', '/api/v1/components', {
          as: staff,
          body: { code: 'x-y', name: '组件', ownerOrgId: rst, version: '1.0.0', obligation: 'recommended' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
