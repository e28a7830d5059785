import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabases } from '../testing/databases.ts';
import { startTestNode, type TestNode } from '../testing/test-node.ts';
import { backupDatabase, dumpLines, restoreDatabase } from './backup.ts';
import type { Database } from './db.ts';
import { emit } from './events.ts';

async function dump(db: Database): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of dumpLines(db)) lines.push(line);
  return lines.slice(1); // the header carries the time of the dump
}

describe.each(testDatabases())('node basics on %s', (kind) => {
  let t: TestNode;
  beforeAll(async () => {
    t = await startTestNode(kind);
  });
  afterAll(() => t?.close());

  it('answers health, readiness and Prometheus metrics', async () => {
    expect((await t.request('GET', '/healthz')).json()).toMatchObject({ status: 'ok' });
    expect((await t.request('GET', '/readyz')).json()).toEqual({ status: 'ready', database: kind });
    const metrics = (await t.request('GET', '/metrics')).body;
    expect(metrics).toContain('zhili_http_request_duration_seconds_bucket');
    expect(metrics).toContain('zhili_process_resident_memory_bytes');
  });

  it('serves an OpenAPI 3.1 document generated from the Zod schemas, and the docs UI', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/v1/accounts'].post;
    expect(JSON.stringify(create.requestBody)).toContain('idNumber');
    expect(doc.paths['/govstack/identity/client-mgmt/oidc-client']).toBeDefined();
    const ui = await t.request('GET', '/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('answers unknown endpoints with a JSON 404 in the caller language', async () => {
    const response = await t.request('GET', '/api/v1/nothing-here', { headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'request.not_found', message: 'No such endpoint.' });
  });

  it('delivers an event only when its transaction commits', async () => {
    const seen: string[] = [];
    t.node.events.subscribe('identity.account.disabled', (payload) => void seen.push(payload.accountId));
    await t.node.db.kysely.transaction().execute(async (tx) => emit(tx, 'identity.account.disabled', { accountId: 'acc_committed' }));
    await t.node.db.kysely
      .transaction()
      .execute(async (tx) => {
        await emit(tx, 'identity.account.disabled', { accountId: 'acc_rolled_back' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await t.node.events.drain();
    expect(seen).toEqual(['acc_committed']);
    const pending = await sql<{ n: string }>`select count(*) as n from event_outbox where published_at is null`.execute(t.node.db.kysely);
    expect(Number(pending.rows[0]!.n)).toBe(0);
  });
});

describe('backup and restore', () => {
  const kinds = testDatabases();
  const pairs = kinds.flatMap((from) => kinds.map((to) => [from, to] as const));

  it.each(pairs)('round-trips %s → %s with identical contents', async (from, to) => {
    const source = await openTestDatabase(from);
    const target = await openTestDatabase(to);
    try {
      await sql`update accounts set display_name = '改过的名字' where username = 'xihu.officer'`.execute(source.db.kysely);
      await sql`insert into node_keys (name, value) values ('test.key', '{"a": [1, 2, "三"]}')`.execute(source.db.kysely);
      const file = join(mkdtempSync(join(tmpdir(), 'zhili-backup-')), 'backup.jsonl.gz');
      const written = await backupDatabase(source.db, file);
      expect(written.tables.accounts).toBeGreaterThan(1000);
      await restoreDatabase(target.db, file);
      expect(await dump(target.db)).toEqual(await dump(source.db));
      // Identity columns continue after the restored rows: new events still insert.
      await emit(target.db.kysely, 'identity.account.enabled', { accountId: 'acc_after_restore' });
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
