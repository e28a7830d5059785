import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { registerMessages, type Actor, type HttpApp } from '../../kernel/index.ts';
import { registerClientBody, type ClientRegistry } from './oidc-clients.ts';
import { oidcMountPath } from './oidc-provider.ts';

registerMessages({
  'sso.client_not_found': { 'zh-CN': '应用不存在。', en: 'No such client.' },
  'sso.client_exists': { 'zh-CN': '应用标识 {clientId} 已存在。', en: 'Client id {clientId} already exists.' },
  'sso.redirect_uri_required': {
    'zh-CN': '授权码模式须至少填写一个回调地址。',
    en: 'The authorization-code grant needs at least one redirect URI.',
  },
  'sso.redirect_uri_scheme': { 'zh-CN': '回调地址须为 http(s) 地址。', en: 'Redirect URIs must be http(s) URLs.' },
  'sso.public_client_credentials': { 'zh-CN': '公开客户端不能使用客户端凭证模式。', en: 'Public clients cannot use client credentials.' },
});

/** Hands a raw request to oidc-provider, which answers it itself. */
export function forwardToProvider(
  provider: Provider,
  request: FastifyRequest,
  reply: { hijack(): void; raw: ServerResponse },
  providerPath: string,
): void {
  reply.hijack();
  const raw = request.raw as typeof request.raw & { originalUrl?: string };
  raw.originalUrl = `${oidcMountPath}${providerPath}`;
  raw.url = providerPath;
  provider.callback()(raw, reply.raw);
}

export function ssoRoutes(
  app: HttpApp,
  provider: Provider,
  clients: ClientRegistry,
  sessionActor: (request: FastifyRequest) => Promise<Actor | undefined>,
): void {
  // Everything under /oidc except the interaction pages belongs to oidc-provider. It runs
  // before Fastify parses the body, because the provider reads the body itself.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url;
    if (!path.startsWith(`${oidcMountPath}/`) || path.startsWith(`${oidcMountPath}/interaction/`)) return;
    forwardToProvider(provider, request, reply, path.slice(oidcMountPath.length));
  });

  // The login/consent step. Zhili's own session decides who logs in; trusted clients
  // registered by platform admins get consent for the scopes they ask.
  app.get(
    `${oidcMountPath}/interaction/:uid`,
    { schema: { hide: true, params: z.object({ uid: z.string().max(100) }) } },
    async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      const actor = await sessionActor(request);
      if (!actor?.accountId) return reply.redirect(`/login?interaction=${encodeURIComponent(details.uid)}`);
      if (details.prompt.name === 'login') {
        reply.hijack();
        return provider.interactionFinished(
          request.raw,
          reply.raw,
          { login: { accountId: actor.accountId } },
          { mergeWithLastSubmission: false },
        );
      }
      const accountId = details.session?.accountId ?? actor.accountId;
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) return reply.redirect(`/login?interaction=${encodeURIComponent(details.uid)}`);
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      reply.hijack();
      return provider.interactionFinished(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
    },
  );

  app.get(
    '/api/v1/oidc-clients',
    { config: { permission: 'oidc_client.manage' }, schema: { tags: ['sso'], summary: '应用接入 Registered OIDC clients' } },
    async (request) => clients.list(request.actor),
  );
  app.post(
    '/api/v1/oidc-clients',
    {
      config: { permission: 'oidc_client.manage', idempotent: true },
      schema: { tags: ['sso'], summary: 'Register an OIDC client (secret shown once)', body: registerClientBody },
    },
    async (request, reply) => reply.status(201).send(await clients.register(request.actor, request.body)),
  );
  app.delete(
    '/api/v1/oidc-clients/:clientId',
    {
      config: { permission: 'oidc_client.manage' },
      schema: { tags: ['sso'], summary: 'Delete a client and its tokens', params: z.strictObject({ clientId: z.string().max(64) }) },
    },
    async (request, reply) => {
      await clients.remove(request.actor, request.params.clientId);
      return reply.status(204).send();
    },
  );
}
