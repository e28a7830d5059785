import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

/** A browser's part of the authorization-code flow: follow redirects, keep cookies. */
async function authorizeAsBrowser(start: URL, sessionCookie: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>([sessionCookie.split('=') as [string, string]]);
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`authorization stopped at ${url.pathname} with ${response.status}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

describe.each(testDatabases())('OpenID Connect provider on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestNode(kind);
    base = await t.listen();
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  async function register(body: Record<string, unknown>) {
    const response = await t.request('POST', '/api/v1/oidc-clients', { as: admin, body });
    expect(response.statusCode).toBe(201);
    return response.json() as { client: { clientId: string }; clientSecret: string | null };
  }

  it('serves discovery and a JWKS with the persisted signing key', async () => {
    const discovery = await json(fetch(`${base}/oidc/.well-known/openid-configuration`));
    expect(discovery.issuer).toBe(`${base}/oidc`);
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    const jwks = await json(fetch(discovery.jwks_uri));
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('lets a real relying party complete code + PKCE, read userinfo and refresh', async () => {
    const redirectUri = 'http://127.0.0.1:9/callback';
    const { client, clientSecret } = await register({
      name: '浙里办测试应用',
      redirectUris: [redirectUri],
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    const config = await oidc.discovery(new URL(`${base}/oidc`), client.clientId, clientSecret!, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorizeUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile offline_access',
      prompt: 'consent',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const citizen = await t.login('xihu.officer');
    const callback = await authorizeAsBrowser(authorizeUrl, citizen.cookie, redirectUri);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(citizen.me.id);
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({
      sub: citizen.me.id,
      preferred_username: 'xihu.officer',
      zhili_kind: 'staff',
      zhili_region_code: '330106',
    });
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    // The access token also opens Zhili's own API as that person.
    const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
    expect((await json(me)).me.id).toBe(citizen.me.id);

    // 退出所有设备 ends what apps hold too: the refresh token and access token stop working.
    expect((await t.request('POST', '/api/v1/auth/logout-all', { as: citizen })).statusCode).toBe(204);
    await t.node.events.drain();
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toThrow();
    const after = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
    expect(after.status).toBe(401);
  });

  it('requires PKCE from a public client', async () => {
    const redirectUri = 'http://127.0.0.1:9/spa';
    const { client, clientSecret } = await register({
      name: 'SPA',
      redirectUris: [redirectUri],
      grantTypes: ['authorization_code'],
      public: true,
    });
    expect(clientSecret).toBeNull();
    const config = await oidc.discovery(new URL(`${base}/oidc`), client.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const withoutPkce = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 'x' });
    const officer = await t.login('xihu.leader');
    const answer = await authorizeAsBrowser(withoutPkce, officer.cookie, redirectUri);
    expect(answer.searchParams.get('error')).toBe('invalid_request');
  });

  it('sends a logged-out person to the Zhili login page with the interaction id', async () => {
    const redirectUri = 'http://127.0.0.1:9/cb2';
    const { client, clientSecret } = await register({
      name: 'Login redirect',
      redirectUris: [redirectUri],
      grantTypes: ['authorization_code'],
    });
    const config = await oidc.discovery(new URL(`${base}/oidc`), client.clientId, clientSecret!, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state: 's' });
    let response = await fetch(url, { redirect: 'manual' });
    const interaction = new URL(response.headers.get('location')!, base);
    const cookies = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    response = await fetch(interaction, { redirect: 'manual', headers: { cookie: cookies } });
    expect(response.headers.get('location')).toMatch(/^\/login\?interaction=/);
  });

  it('issues client-credentials tokens to machine clients, which get no personal rights', async () => {
    const { client, clientSecret } = await register({ name: '数据共享网关客户端', grantTypes: ['client_credentials'] });
    const config = await oidc.discovery(new URL(`${base}/oidc`), client.clientId, clientSecret!, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const tokens = await oidc.clientCredentialsGrant(config);
    expect(tokens.access_token).toBeTruthy();
    const orgs = await fetch(`${base}/api/v1/orgs`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(orgs.status).toBe(403);
  });

  it('lets only platform admins register clients', async () => {
    const officer = await t.login('xihu.officer');
    const response = await t.request('POST', '/api/v1/oidc-clients', {
      as: officer,
      body: { name: 'x', grantTypes: ['client_credentials'] },
    });
    expect(response.statusCode).toBe(403);
  });

  it('speaks the GovStack Identity BB paths', async () => {
    const discovery = await json(fetch(`${base}/govstack/identity/.well-known/openid-configuration`));
    expect(discovery.issuer).toBe(`${base}/oidc`);
    const jwks = await json(fetch(`${base}/govstack/identity/.well-known/jwks.json`));
    expect(jwks.keys.length).toBeGreaterThan(0);
    const { publicKey } = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    const jwk = await crypto.subtle.exportKey('jwk', publicKey);
    const body = {
      requestTime: new Date().toISOString(),
      request: {
        clientId: 'e-health-service',
        clientName: 'Health Service',
        relyingPartyId: 'bharath-gov',
        logoUri: 'http://example.com/logo.png',
        redirectUris: ['http://example.com/login-success'],
        publicKey: jwk,
        authContextRefs: ['idbb:acr:generated-code'],
        userClaims: ['name'],
        grantTypes: ['authorization_code'],
        clientAuthMethods: ['private_key_jwt'],
      },
    };
    const created = await t.request('POST', '/govstack/identity/client-mgmt/oidc-client', { as: admin, body });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ response: { clientId: 'e-health-service' }, errors: [] });
    const list = await t.request('GET', '/api/v1/oidc-clients', { as: admin });
    expect(list.json().items.map((c: { clientId: string }) => c.clientId)).toContain('e-health-service');
    const anonymous = await t.request('POST', '/govstack/identity/client-mgmt/oidc-client', { body });
    expect(anonymous.statusCode).toBe(401);
  });
});
