import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens, generateEnterprises } from './packs/demo-province/index.ts';
import { testDatabases } from './testing/databases.ts';
import { given } from './testing/given.ts';
import { startTestNode, type Session, type TestNode } from './testing/test-node.ts';

type Call = { method: string; url: string; body?: unknown; contentType?: string };

/**
 * Each role × each endpoint it must not use → 401/403, and an audit entry for the refusal.
 * Bodies are valid, so a refusal is never a validation error in disguise.
 */
describe.each(testDatabases())('refusal matrix on %s', (kind) => {
  let t: TestNode;
  const sessions: Record<string, Session | undefined> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestNode(kind);
    const g = given(t);
    for (const slug of ['xihu-zf', 'xihu-scjg', 'yinzhou-zf', 'zj-dsj']) ids[slug] = await g.orgId(slug);
    ids.admin = await g.accountId('admin');
    ids.yinzhouOfficer = await g.accountId('yinzhou.officer');
    ids.xihuOfficer = await g.accountId('xihu.officer');
    sessions.citizen = await t.login(generateCitizens()[1]!.idNumber);
    sessions.enterprise = await t.login(generateEnterprises()[1]!.uscc);
    sessions.staff = await t.login('xihu.officer');
    sessions.orgAdmin = await t.login('xihu.orgadmin');
    sessions.auditor = await t.login('zj.auditor');
    sessions.leader = await t.login('xihu.leader');
  });
  afterAll(() => t?.close());

  const staffBody = (orgId: string, extra: Record<string, unknown> = {}) => ({
    kind: 'staff',
    username: `u${Math.random().toString(36).slice(2, 10)}`,
    displayName: '新同事',
    orgId,
    password: 'Passw0rd!x',
    roles: [],
    clearance: 'L1',
    ...extra,
  });
  const adminOnly = (): Call[] => [
    { method: 'GET', url: '/api/v1/accounts' },
    { method: 'POST', url: '/api/v1/accounts', body: staffBody(ids['xihu-scjg']!) },
    { method: 'POST', url: '/api/v1/orgs', body: { name: '西湖区测试局', kind: 'department', regionCode: '330106' } },
    { method: 'GET', url: '/api/v1/roles' },
    { method: 'GET', url: '/api/v1/oidc-clients' },
    { method: 'POST', url: '/api/v1/oidc-clients', body: { name: '测试应用', grantTypes: ['client_credentials'] } },
    { method: 'DELETE', url: '/api/v1/oidc-clients/app_0000000000000000000000000a' },
    { method: 'GET', url: '/api/v1/audit' },
    { method: 'POST', url: '/api/v1/audit/verify' },
    { method: 'POST', url: `/api/v1/accounts/${ids.admin}/disable` },
    { method: 'POST', url: `/api/v1/accounts/${ids.admin}/reset-password`, body: {} },
    { method: 'PUT', url: '/api/v1/workflow/calendar/days/2026-12-31', body: { kind: 'holiday', name: '测试' } },
    { method: 'DELETE', url: '/api/v1/workflow/calendar/days/2026-10-01' },
    ...appAdminOnly(),
  ];
  /** 应用集成管理 and the component catalog: platform admins (app.manage, component.manage). */
  const appAdminOnly = (): Call[] => [
    {
      method: 'POST',
      url: '/api/v1/apps',
      body: {
        code: 'matrix-app',
        name: '测试应用',
        ownerOrgId: ids['xihu-zf'],
        system: 'S2',
        level: 'county',
        entryUrl: 'https://app.example.cn/',
        redirectUris: ['https://app.example.cn/cb'],
      },
    },
    {
      method: 'POST',
      url: '/api/v1/components',
      body: { code: 'matrix-comp', name: '测试组件', ownerOrgId: ids['xihu-zf'], version: '1.0.0', obligation: 'recommended' },
    },
  ];
  /** 流程监控 and process administration: not for staff, citizens or enterprises. */
  const monitorOnly = (): Call[] => [
    { method: 'GET', url: '/api/v1/workflow/instances' },
    { method: 'GET', url: '/govstack/workflow/instances' },
    { method: 'POST', url: '/govstack/workflow/instances/wfi_00000000000000000000000000/stop' },
    { method: 'POST', url: '/govstack/workflow/processes', body: { name: 'x', type: 'Public', version: '1', processBody: [] } },
  ];
  /** The Workbench's task API: civil servants only. */
  const workbenchOnly = (): Call[] => [
    { method: 'GET', url: '/api/v1/workflow/tasks' },
    { method: 'POST', url: '/api/v1/workflow/tasks/task_00000000000000000000000000/complete', body: { variables: {} } },
    { method: 'POST', url: '/api/v1/workflow/tasks/task_00000000000000000000000000/delegate', body: { accountId: ids.admin } },
    { method: 'GET', url: '/api/v1/workflow/calendar?year=2026' },
    { method: 'GET', url: '/api/v1/address-book/tree' },
    { method: 'GET', url: '/api/v1/address-book/people?q=zhang' },
    { method: 'GET', url: '/api/v1/conversations' },
    { method: 'GET', url: '/api/v1/instructions?view=mine' },
    { method: 'GET', url: '/api/v1/signature-requests' },
  ];

  /** The data platform's management: a data officer's (data.manage), no one else's here. */
  const dataOnly = (): Call[] => {
    const res = 'res_00000000000000000000000000';
    return [
      {
        method: 'POST',
        url: '/api/v1/catalog/resources',
        body: {
          orgId: ids['xihu-zf'],
          code: '330106-ZZ-0001',
          name: '测试资源',
          domain: 'shared',
          shareType: 'conditional',
          openType: 'none',
          updateFrequency: 'daily',
          fields: [{ name: 'code_no', label: '编号', type: 'string', grade: 'L1', key: true }],
        },
      },
      { method: 'POST', url: '/api/v1/collection/loads', body: { resourceId: res, format: 'csv' } },
      { method: 'GET', url: `/api/v1/collection/loads?resourceId=${res}` },
      {
        method: 'POST',
        url: '/api/v1/collection/sources',
        body: { resourceId: res, name: '接口', url: 'http://127.0.0.1:9/x', cursorField: 'updated_at', intervalMinutes: 60 },
      },
      { method: 'GET', url: `/api/v1/collection/quality/${res}` },
      { method: 'GET', url: '/api/v1/sharing/requests' },
      { method: 'GET', url: '/api/v1/sharing/metrics' },
      {
        method: 'POST',
        url: '/api/v1/sharing/objections',
        body: { resourceId: res, keyField: 'code_no', keyValue: 'A1', description: '数据有误' },
      },
      {
        method: 'POST',
        url: '/api/v1/collaboration/services',
        body: {
          orgId: ids['xihu-zf'],
          code: 'XH-TEST-01',
          name: '测试服务',
          shareType: 'unconditional',
          kind: 'query',
          resourceId: res,
          keyField: 'code_no',
          answer: { type: 'exists' },
        },
      },
      {
        method: 'POST',
        url: '/api/v1/collaboration/requests',
        body: {
          serviceId: 'svc_00000000000000000000000000',
          itemId: 'node_00000000000000000000000000',
          purpose: '测试用途',
          legalBasis: '测试',
        },
      },
    ];
  };

  const matrix = (): [string, Call[]][] => [
    [
      'anonymous',
      [
        ...adminOnly(),
        ...monitorOnly(),
        ...workbenchOnly(),
        ...dataOnly(),
        { method: 'GET', url: '/api/v1/orgs' },
        { method: 'GET', url: `/api/v1/orgs/${ids['xihu-zf']}/address-book` },
        { method: 'POST', url: '/api/v1/auth/logout' },
        { method: 'POST', url: '/api/v1/workflow/attachments', body: '%PDF-1.7', contentType: 'application/pdf' },
        { method: 'GET', url: '/api/v1/workflow/instances/wfi_00000000000000000000000000' },
      ],
    ],
    [
      'citizen',
      [
        ...adminOnly(),
        ...monitorOnly(),
        ...workbenchOnly(),
        ...dataOnly(),
        { method: 'GET', url: '/api/v1/orgs' },
        { method: 'GET', url: `/api/v1/orgs/${ids['xihu-zf']}/address-book` },
      ],
    ],
    [
      'enterprise',
      [...adminOnly(), ...monitorOnly(), ...workbenchOnly(), ...dataOnly(), { method: 'GET', url: `/api/v1/orgs/${ids['xihu-zf']}` }],
    ],
    [
      'staff',
      [
        ...adminOnly(),
        ...monitorOnly(),
        ...dataOnly(),
        { method: 'GET', url: `/api/v1/orgs/${ids['yinzhou-zf']}` }, // another county
        { method: 'GET', url: `/api/v1/orgs/${ids['yinzhou-zf']}/address-book` },
        { method: 'PATCH', url: `/api/v1/orgs/${ids['xihu-zf']}`, body: { name: '改名' } },
        {
          method: 'POST',
          url: '/api/v1/instructions',
          body: {
            subject: { type: 'report', id: 'rep-1', title: '报告' },
            text: '请核查',
            deadline: '2030-01-01T00:00:00+08:00',
            recipients: { orgIds: [ids['xihu-zf']] },
          },
        },
      ],
    ],
    [
      'leader',
      [
        ...dataOnly(),
        { method: 'POST', url: '/api/v1/accounts', body: staffBody(ids['xihu-zf']!) },
        { method: 'GET', url: '/api/v1/audit' },
      ],
    ],
    [
      'orgAdmin',
      [
        { method: 'POST', url: '/api/v1/orgs', body: { name: '西湖区测试局', kind: 'department', regionCode: '330106' } },
        { method: 'PATCH', url: `/api/v1/orgs/${ids['xihu-scjg']}`, body: { name: '改名' } }, // not its org
        { method: 'POST', url: '/api/v1/accounts', body: staffBody(ids['yinzhou-zf']!) },
        { method: 'POST', url: '/api/v1/accounts', body: staffBody(ids['xihu-zf']!, { roles: [{ role: 'platform_admin' }] }) },
        { method: 'POST', url: '/api/v1/accounts', body: staffBody(ids['xihu-zf']!, { clearance: 'L4' }) },
        { method: 'POST', url: `/api/v1/accounts/${ids.yinzhouOfficer}/disable` },
        { method: 'POST', url: `/api/v1/accounts/${ids.xihuOfficer}/reset-password`, body: {} }, // works in another org of the county
        { method: 'GET', url: '/api/v1/audit' },
        { method: 'GET', url: '/api/v1/oidc-clients' },
        { method: 'PUT', url: '/api/v1/workflow/calendar/days/2026-12-31', body: { kind: 'holiday', name: '测试' } }, // the country's calendar
        ...appAdminOnly(),
        ...dataOnly(),
      ],
    ],
    [
      'auditor',
      [
        { method: 'POST', url: '/api/v1/accounts', body: staffBody(ids['zj-dsj']!) },
        { method: 'POST', url: '/api/v1/orgs', body: { name: '浙江省测试厅', kind: 'department', regionCode: '330000' } },
        { method: 'POST', url: '/api/v1/oidc-clients', body: { name: '测试应用', grantTypes: ['client_credentials'] } },
        ...dataOnly(),
      ],
    ],
  ];

  it('refuses every cell with 401 or 403 and audits each refusal', async () => {
    const g = given(t);
    let expected = await g.refusals();
    const failures: string[] = [];
    for (const [role, calls] of matrix()) {
      for (const call of calls) {
        const response = await t.request(call.method, call.url, {
          as: sessions[role],
          body: call.body,
          ...(call.contentType ? { headers: { 'content-type': call.contentType, 'x-file-name': 'a.pdf' } } : {}),
        });
        const want = role === 'anonymous' ? 401 : 403;
        if (response.statusCode !== want)
          failures.push(`${role} ${call.method} ${call.url} → ${response.statusCode} ${response.body.slice(0, 120)}`);
        expected++;
      }
    }
    expect(failures).toEqual([]);
    expect(await g.refusals()).toBe(expected);
  });

  it('lets the same roles do what they may (the matrix is not refusing everything)', async () => {
    const staff = sessions.staff!;
    expect((await t.request('GET', `/api/v1/orgs/${ids['xihu-zf']}/address-book`, { as: staff })).statusCode).toBe(200);
    const orgAdmin = sessions.orgAdmin!;
    const created = await t.request('POST', '/api/v1/accounts', {
      as: orgAdmin,
      body: staffBody(ids['xihu-zf']!, { roles: [{ role: 'leader' }], clearance: 'L2' }),
    });
    expect(created.statusCode).toBe(201);
    const auditor = sessions.auditor!;
    expect((await t.request('GET', '/api/v1/audit?outcome=refused', { as: auditor })).json().items.length).toBeGreaterThan(0);
  });
});
