import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import { forwardToProvider, type ClientRegistry } from '../../platform/sso/index.ts';

const prefix = '/govstack/identity';

const claims = z.enum([
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'preferred_username',
  'nickname',
  'gender',
  'birthdate',
  'email',
  'email_verified',
  'phone_number',
  'phone_number_verified',
  'picture',
  'address',
  'locale',
  'zoneinfo',
]);
const acr = z.enum([
  'idbb:acr:static-code',
  'idbb:acr:generated-code',
  'idbb:acr:linked-wallet',
  'idbb:acr:biometrics',
  'idbb:acr:biometrics-generated-code',
  'idbb:acr:linked-wallet-static-code',
]);

const createClientBody = z.object({
  requestTime: z.string(),
  request: z.object({
    clientId: z
      .string()
      .min(1)
      .max(50)
      .regex(/^[A-Za-z0-9._-]+$/),
    clientName: z.string().min(1).max(256),
    relyingPartyId: z.string().min(1).max(50),
    logoUri: z.url().max(1024),
    redirectUris: z.array(z.url()).min(1),
    authContextRefs: z.array(acr).min(1),
    publicKey: z.record(z.string(), z.unknown()),
    userClaims: z.array(claims).min(1),
    grantTypes: z.array(z.literal('authorization_code')).min(1),
    clientAuthMethods: z.array(z.literal('private_key_jwt')).min(1),
  }),
});

const updateClientBody = z.object({
  requestTime: z.string(),
  request: z.object({
    clientName: z.string().min(1).max(256),
    status: z.enum(['active', 'inactive']),
    logoUri: z.url().max(1024),
    redirectUris: z.array(z.url()).min(1),
    userClaims: z.array(claims).min(1),
    authContextRefs: z.array(acr).min(1),
    grantTypes: z.array(z.literal('authorization_code')).min(1),
    clientAuthMethods: z.array(z.literal('private_key_jwt')).min(1),
  }),
});

/** Where GovStack's Identity BB paths land on Zhili's OIDC provider. */
const providerPaths: Record<string, string> = {
  '/authorize': '/auth',
  '/oauth/token': '/token',
  '/oidc/userinfo': '/me',
  '/.well-known/jwks.json': '/jwks',
  '/.well-known/openid-configuration': '/.well-known/openid-configuration',
};

/**
 * The GovStack Identity Building Block contract over Zhili's own provider: the OIDC
 * endpoints are the same provider under GovStack's paths; client management registers
 * private_key_jwt clients in the same registry the Console uses.
 */
export function govstackIdentityRoutes(app: HttpApp, provider: Provider, clients: ClientRegistry): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(`${prefix}/`)) return;
    const [path = '', query] = request.url.slice(prefix.length).split('?');
    const target = providerPaths[path];
    if (target) forwardToProvider(provider, request, reply, query ? `${target}?${query}` : target);
  });

  const answer = (clientId: string) => ({ responseTime: new Date().toISOString(), response: { clientId }, errors: [] });

  app.post(
    `${prefix}/client-mgmt/oidc-client`,
    {
      config: { permission: 'oidc_client.manage' },
      schema: { tags: ['govstack'], summary: 'GovStack Identity BB: create OIDC client', body: createClientBody },
    },
    async (request) => {
      const r = request.body.request;
      const { client } = await clients.register(request.actor, {
        clientId: r.clientId,
        name: r.clientName,
        redirectUris: r.redirectUris,
        postLogoutRedirectUris: [],
        grantTypes: ['authorization_code'],
        public: false,
        publicJwk: r.publicKey,
        logoUri: r.logoUri,
      });
      return answer(client.clientId);
    },
  );

  app.put(
    `${prefix}/client-mgmt/oidc-client/:client_id`,
    {
      config: { permission: 'oidc_client.manage' },
      schema: {
        tags: ['govstack'],
        summary: 'GovStack Identity BB: update OIDC client',
        params: z.object({ client_id: z.string().max(64) }),
        body: updateClientBody,
      },
    },
    async (request) => {
      const r = request.body.request;
      if (r.status === 'inactive') {
        await clients.remove(request.actor, request.params.client_id);
      } else {
        await clients.update(request.actor, request.params.client_id, { name: r.clientName, redirectUris: r.redirectUris });
      }
      return answer(request.params.client_id);
    },
  );
}
