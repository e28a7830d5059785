import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './testing/databases.ts';
import { freePort } from './testing/pg-cluster.ts';
import { killHard, startServerProcess as startServer } from './testing/server-process.ts';

/**
 * Nothing acknowledged is lost: organisations created over HTTP, then SIGKILL right after
 * the last 201, then a restart on the same PGlite data dir — every one is there, once, and
 * the audit chain still verifies.
 */
describe('a kill -9 on PGlite', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('loses no acknowledged write and duplicates none', async () => {
    database = await openTestDatabase('pglite');
    await database.db.close();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = await startServer(database.dataDir, port);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Zhili@2026' }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const acknowledged: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, lane) => {
        for (let i = 0; i < 10; i++) {
          const name = `崩溃测试局${lane}-${i}`;
          const response = await fetch(`${base}/api/v1/orgs`, {
            method: 'POST',
            headers: { ...headers, 'idempotency-key': `crash-${lane}-${i}` },
            body: JSON.stringify({ name, kind: 'department', regionCode: '330106' }),
          });
          if (response.status === 201) acknowledged.push(name);
        }
      }),
    );
    await killHard(server);
    expect(acknowledged).toHaveLength(40);

    server = await startServer(database.dataDir, port);
    try {
      const again = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Zhili@2026' }),
      });
      const session = {
        cookie: again.headers.getSetCookie()[0]!.split(';')[0]!,
        csrf: ((await again.json()) as { csrfToken: string }).csrfToken,
      };
      const listed = (await (
        await fetch(`${base}/api/v1/orgs?q=${encodeURIComponent('崩溃测试局')}&limit=100`, { headers: { cookie: session.cookie } })
      ).json()) as { items: { name: string }[] };
      expect(listed.items.map((o) => o.name).sort()).toEqual([...acknowledged].sort());
      // A client that never saw its answer retries with the same key: no duplicate.
      const retry = await fetch(`${base}/api/v1/orgs`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          'idempotency-key': 'crash-0-0',
        },
        body: JSON.stringify({ name: '崩溃测试局0-0', kind: 'department', regionCode: '330106' }),
      });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const verify = (await (
        await fetch(`${base}/api/v1/audit/verify`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } })
      ).json()) as { ok: boolean };
      expect(verify.ok).toBe(true);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  });
});
