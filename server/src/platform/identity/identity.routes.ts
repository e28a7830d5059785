import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UnauthenticatedError, type HttpApp } from '../../kernel/index.ts';
import { homeOf } from './actor-loader.ts';
import type { AuthService } from './auth.service.ts';
import type { DirectoryService } from './directory.service.ts';
import { clearSessionCookie, setSessionCookie } from './identity.http.ts';
import * as s from './identity.schemas.ts';

const accountIdParams = z.strictObject({ id: s.idSchema });

export function identityRoutes(app: HttpApp, auth: AuthService, directory: DirectoryService): void {
  const me = async (request: FastifyRequest) => {
    const described = await directory.describe(request.actor);
    if (!described) throw new UnauthenticatedError();
    return { me: { ...described, home: homeOf(request.actor) }, csrfToken: request.csrfToken };
  };

  app.post(
    '/api/v1/auth/login',
    { schema: { tags: ['auth'], summary: '登录 Log in (staff username, 身份证号 or 统一社会信用代码)', body: s.loginBody } },
    async (request, reply) => {
      const result = await auth.login(request.body.username, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(request, reply, result.token, result.expiresAt);
      request.actor = result.actor;
      request.csrfToken = result.csrfToken;
      return me(request);
    },
  );

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: '当前用户 Who am I' } }, async (request) => me(request));

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出登录 Log out this session' } }, async (request, reply) => {
    await auth.logout(request.actor);
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });

  app.post(
    '/api/v1/auth/logout-all',
    { schema: { tags: ['auth'], summary: '退出所有设备 End every session of this account' } },
    async (request, reply) => {
      await auth.logoutEverywhere(request.actor);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password',
    { schema: { tags: ['auth'], summary: '修改密码 Change my password (ends my other sessions)', body: s.changePasswordBody } },
    async (request, reply) => {
      await auth.changePassword(request.actor, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/v1/auth/me/email',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: '电子邮箱 My e-mail address for notices (null removes it)', body: s.myEmailBody },
    },
    async (request) => directory.setMyEmail(request.actor, request.body.email),
  );

  app.get(
    '/api/v1/address-book/tree',
    {
      config: { permission: 'address_book.read' },
      schema: { tags: ['address-book'], summary: '通讯录 The regions and organisations I may see people in, province down' },
    },
    async (request) => directory.addressTree(request.actor),
  );
  app.get(
    '/api/v1/address-book/people',
    {
      config: { permission: 'address_book.read' },
      schema: {
        tags: ['address-book'],
        summary: '通讯录搜索 People I may see, by name, pinyin or initials, position, unit or organisation',
        querystring: s.peopleQuery,
      },
    },
    async (request) => directory.searchPeople(request.actor, request.query),
  );
  app.get(
    '/api/v1/address-book/people/:id',
    {
      config: { permission: 'address_book.read' },
      schema: { tags: ['address-book'], summary: '名片 One person’s card', params: accountIdParams },
    },
    async (request) => directory.person(request.actor, request.params.id),
  );

  app.get(
    '/api/v1/regions',
    { schema: { tags: ['regions'], summary: '行政区划 GB/T 2260 regions, one level at a time', querystring: s.regionsQuery } },
    async (request) => directory.listRegions(request.query.parentCode),
  );

  app.get('/api/v1/org-kinds', { schema: { tags: ['orgs'], summary: '组织类型 Organisation kinds' } }, async (request) =>
    directory.orgKinds(request.locale),
  );
  app.get(
    '/api/v1/orgs',
    {
      config: { permission: 'org.read' },
      schema: { tags: ['orgs'], summary: '组织机构 Organisations the caller may see', querystring: s.listOrgsQuery },
    },
    async (request) => directory.listOrgs(request.actor, request.locale, request.query),
  );
  app.post(
    '/api/v1/orgs',
    {
      config: { permission: 'org.manage', idempotent: true },
      schema: { tags: ['orgs'], summary: 'Create an organisation', body: s.createOrgBody },
    },
    async (request, reply) => reply.status(201).send(await directory.createOrg(request.actor, request.locale, request.body)),
  );
  app.get(
    '/api/v1/orgs/:id',
    { config: { permission: 'org.read' }, schema: { tags: ['orgs'], summary: 'One organisation with its units', params: s.idParams } },
    async (request) => directory.getOrg(request.actor, request.locale, request.params.id),
  );
  app.patch(
    '/api/v1/orgs/:id',
    {
      config: { permission: 'org.manage' },
      schema: { tags: ['orgs'], summary: 'Update an organisation', params: s.idParams, body: s.updateOrgBody },
    },
    async (request) => directory.updateOrg(request.actor, request.locale, request.params.id, request.body),
  );
  app.post(
    '/api/v1/orgs/:id/units',
    {
      config: { permission: 'org.manage', idempotent: true },
      schema: { tags: ['orgs'], summary: '新增内设机构 Add an internal unit', params: s.idParams, body: s.createUnitBody },
    },
    async (request, reply) => reply.status(201).send(await directory.createUnit(request.actor, request.params.id, request.body)),
  );
  app.get(
    '/api/v1/orgs/:id/address-book',
    {
      config: { permission: 'address_book.read' },
      schema: {
        tags: ['orgs'],
        summary: '通讯录 Address book (phones masked per viewer)',
        params: s.idParams,
        querystring: s.addressBookQuery,
      },
    },
    async (request) => directory.addressBook(request.actor, request.params.id, request.query),
  );

  app.get(
    '/api/v1/accounts',
    {
      config: { permission: 'account.read' },
      schema: { tags: ['accounts'], summary: 'Accounts the caller may see', querystring: s.listAccountsQuery },
    },
    async (request) => directory.listAccounts(request.actor, request.query),
  );
  app.post(
    '/api/v1/accounts',
    {
      config: { permission: 'account.manage', idempotent: true },
      schema: { tags: ['accounts'], summary: 'Create a staff, citizen or enterprise account', body: s.createAccountBody },
    },
    async (request, reply) => reply.status(201).send(await directory.createAccount(request.actor, request.body)),
  );
  app.get(
    '/api/v1/accounts/:id',
    { config: { permission: 'account.read' }, schema: { tags: ['accounts'], params: accountIdParams } },
    async (request) => directory.getAccount(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/accounts/:id/disable',
    {
      config: { permission: 'account.manage' },
      schema: { tags: ['accounts'], summary: '停用 Disable (ends its sessions)', params: accountIdParams },
    },
    async (request) => directory.setStatus(request.actor, request.params.id, 'disabled'),
  );
  app.post(
    '/api/v1/accounts/:id/enable',
    { config: { permission: 'account.manage' }, schema: { tags: ['accounts'], summary: '启用 Enable', params: accountIdParams } },
    async (request) => directory.setStatus(request.actor, request.params.id, 'active'),
  );
  app.post(
    '/api/v1/accounts/:id/reset-password',
    {
      config: { permission: 'account.manage' },
      schema: {
        tags: ['accounts'],
        summary: '重置密码 Reset to a temporary password',
        params: accountIdParams,
        body: z.strictObject({}).optional(),
      },
    },
    async (request) => directory.resetPassword(request.actor, request.params.id),
  );
  app.put(
    '/api/v1/accounts/:id/roles',
    {
      config: { permission: 'account.manage' },
      schema: { tags: ['accounts'], summary: 'Set roles and data-grade clearance', params: accountIdParams, body: s.setRolesBody },
    },
    async (request) => directory.setRoles(request.actor, request.params.id, request.body),
  );
  app.get(
    '/api/v1/roles',
    { config: { permission: 'role.read' }, schema: { tags: ['accounts'], summary: '角色 Built-in roles and their permissions' } },
    async (request) => directory.listRoles(request.actor, request.locale),
  );
}
