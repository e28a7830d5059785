import { LRUCache } from 'lru-cache';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { appActor, getOrCreateNodeKey, type Actor, type Database, type Logger } from '../../kernel/index.ts';
import { createOidcAdapter } from './oidc-adapter.ts';

/** What the provider needs to know about people, supplied by identity. */
export interface AccountDirectory {
  claimsOf(accountId: string): Promise<Record<string, unknown> | undefined>;
}

export const oidcMountPath = '/oidc';

export async function createOidcProvider(db: Database, publicUrl: string, accounts: AccountDirectory, log: Logger): Promise<Provider> {
  const signingKey = await getOrCreateNodeKey(db, 'oidc.signing-jwk', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { ...privateKey.export({ format: 'jwk' }), kid: `zhili-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
  });
  const cookieKeys = await getOrCreateNodeKey(db, 'oidc.cookie-keys', () => [randomBytes(32).toString('base64url')]);

  const configuration: Configuration = {
    adapter: createOidcAdapter(db),
    jwks: { keys: [signingKey as never] },
    cookies: { keys: cookieKeys },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'zhili_kind', 'zhili_org_id', 'zhili_region_code'],
    },
    scopes: ['openid', 'profile', 'offline_access'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 120,
      ClientCredentials: 3600,
      IdToken: 3600,
      Interaction: 1800,
      Session: 12 * 3600,
      Grant: 30 * 24 * 3600,
      RefreshToken: 30 * 24 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `${oidcMountPath}/interaction/${interaction.uid}` },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      const claims = await accounts.claimsOf(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'json';
      ctx.body = { error: { code: `oidc.${out.error}`, message: out.error_description ?? out.error, details: {} } };
    },
  };
  const provider = new Provider(`${publicUrl}${oidcMountPath}`, configuration);
  provider.proxy = true;
  provider.on('server_error', (_ctx, error) => log.error({ err: error }, 'oidc server error'));
  return provider;
}

/** How long an app's (client-credentials) token is trusted without asking the store again. */
export const appTokenCacheMs = 10_000;

/**
 * Resolves an access token this provider issued into the actor that holds it. An app's token,
 * once found, is remembered for {@link appTokenCacheMs} (never past its expiry, and forgotten at
 * once when any app is removed — `clientsChanged`): the gateway serves apps, and two store reads
 * a call were most of its cost.
 */
export function bearerResolver(
  provider: Provider,
  actorOf: (accountId: string, ip: string) => Promise<Actor | undefined>,
  clientsChanged: () => number = () => 0,
) {
  const apps = new LRUCache<string, { clientId: string | null; generation: number }>({ max: 10_000, ttl: appTokenCacheMs });
  return async (token: string, ip: string): Promise<Actor | undefined> => {
    const known = apps.get(token);
    if (known && known.generation === clientsChanged()) return appActor(known.clientId, ip);
    const access = await provider.AccessToken.find(token);
    if (access && !access.isExpired && access.accountId) return actorOf(access.accountId, ip);
    const machine = await provider.ClientCredentials.find(token);
    if (machine && !machine.isExpired) {
      const ttl = Math.min(appTokenCacheMs, Math.max(0, (machine.exp ?? 0) * 1000 - Date.now()));
      if (ttl > 0) apps.set(token, { clientId: machine.clientId ?? null, generation: clientsChanged() }, { ttl });
      return appActor(machine.clientId ?? null, ip);
    }
    return undefined;
  };
}
