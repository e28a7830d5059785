import { testMasterKey } from './master-key.ts';
import type { LightMyRequestResponse } from 'fastify';
import { createLogger, loadConfig, type Config, type DatabaseKind } from '../kernel/index.ts';
import { createNode, type Node } from '../app.ts';
import { openTestDatabase, type TestDatabase } from './databases.ts';
import { freePort } from './pg-cluster.ts';

export const demoPassword = 'Zhili@2026';

export interface Session {
  cookie: string;
  csrfToken: string;
  me: { id: string; kind: string; home: string; permissions: string[]; orgId: string | null; regionCode: string | null };
}

export interface RequestOptions {
  as?: Session | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the session cookie without the CSRF header. */
  withoutCsrf?: boolean;
}

export interface TestNode {
  node: Node;
  database: TestDatabase;
  request(method: string, url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  login(username: string, password?: string): Promise<Session>;
  /** Listens on a free port (for real HTTP clients: openid-client, Chromium). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** A whole Zhili node on a private copy of the demo database; requests go through app.inject. */
export async function startTestNode(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<TestNode> {
  const database = await openTestDatabase(kind);
  // The port is chosen first: the OIDC issuer URL must be the address clients will use.
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const config = {
    ...loadConfig({}),
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    seedDemo: false,
    port,
    publicUrl,
    masterKey: testMasterKey,
    ...overrides,
  };
  const node = await createNode(config, { db: database.db, log: createLogger(process.env.ZHILI_TEST_LOG ?? 'silent') });

  const request: TestNode['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) {
      headers.cookie = options.as.cookie;
      if (!options.withoutCsrf) headers['x-csrf-token'] = options.as.csrfToken;
    }
    let payload: string | Buffer | undefined;
    if (options.body !== undefined) {
      payload = typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return node.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
  };

  return {
    node,
    database,
    request,
    async login(username, password = demoPassword) {
      const response = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'zhili_session');
      const body = response.json() as { me: Session['me']; csrfToken: string };
      return { cookie: `zhili_session=${cookie!.value}`, csrfToken: body.csrfToken, me: body.me };
    },
    async listen() {
      await node.app.listen({ port, host: '127.0.0.1' });
      return publicUrl;
    },
    async close() {
      await node.close();
      await database.drop();
    },
  };
}
