import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabases, type TestDatabase } from '../testing/databases.ts';
import type { Database } from './db.ts';
import { later } from './later.ts';

// `later` writes wait for the transaction's next statement (postgres-pool.ts) or run at once
// (PGlite, outside a transaction). Either way a transaction keeps all or nothing.
describe.each(testDatabases())('writes made with later, on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.db;
    await sql`create table later_probe (id text primary key, n integer not null, doc jsonb, tags text[], at timestamptz)`.execute(
      db.kysely,
    );
  });
  afterAll(() => test?.drop());

  const rows = async (prefix: string) =>
    (
      await sql<{
        id: string;
        n: number;
        doc: unknown;
        tags: string[];
      }>`select id, n, doc, tags from later_probe where id like ${`${prefix}%`} order by id`.execute(db.kysely)
    ).rows;

  it('are seen by the statement after them and committed with the transaction, values of every kind intact', async () => {
    const seen = await db.kysely.transaction().execute(async (tx) => {
      await later(
        sql`insert into later_probe (id, n, doc, tags, at) values ('seen-1', ${7}, ${JSON.stringify({ 事项: '出生一件事' })}::jsonb, ${['a', 'b']}, ${new Date('2026-11-23T00:00:00Z')})`,
      ).execute(tx);
      await later(sql`update later_probe set n = n + ${1} where id = 'seen-1'`).execute(tx);
      await later(sql`insert into later_probe (id, n) values ('seen-2', ${2})`).execute(tx);
      return (await sql<{ n: number }>`select n from later_probe where id = 'seen-1'`.execute(tx)).rows[0]!.n;
    });
    expect(seen).toBe(8);
    expect(await rows('seen-')).toEqual([
      { id: 'seen-1', n: 8, doc: { 事项: '出生一件事' }, tags: ['a', 'b'] },
      { id: 'seen-2', n: 2, doc: null, tags: null },
    ]);
  });

  it('commit when nothing follows them but the COMMIT', async () => {
    for (let i = 0; i < 3; i++) {
      // several times: a connection's first statements are prepared, later ones ride along
      await db.kysely.transaction().execute(async (tx) => {
        await later(sql`insert into later_probe (id, n) values (${`last-${i}`}, ${i})`).execute(tx);
      });
    }
    expect((await rows('last-')).map((r) => r.n)).toEqual([0, 1, 2]);
  });

  it('fail the transaction with their own error, and nothing of it is kept', async () => {
    await db.kysely.transaction().execute(async (tx) => {
      await later(sql`insert into later_probe (id, n) values ('taken', 1)`).execute(tx);
    });
    for (let i = 0; i < 3; i++) {
      // the failing write carried by a read, then by the COMMIT
      await expect(
        db.kysely.transaction().execute(async (tx) => {
          await later(sql`insert into later_probe (id, n) values ('undone-a', 1)`).execute(tx);
          await later(sql`insert into later_probe (id, n) values ('taken', 2)`).execute(tx);
          await sql`select 1`.execute(tx);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(
        db.kysely.transaction().execute(async (tx) => {
          await later(sql`insert into later_probe (id, n) values ('undone-b', 1)`).execute(tx);
          await later(sql`insert into later_probe (id, n) values ('taken', 2)`).execute(tx);
        }),
      ).rejects.toMatchObject({ code: '23505' });
    }
    expect(await rows('undone-')).toEqual([]);
    expect((await rows('taken')).map((r) => r.n)).toEqual([1]);
  });

  it('are dropped when the transaction’s own code fails', async () => {
    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await later(sql`insert into later_probe (id, n) values ('dropped', 1)`).execute(tx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await rows('dropped')).toEqual([]);
  });

  it('run at once outside a transaction', async () => {
    await later(sql`insert into later_probe (id, n) values ('alone', 1)`).execute(db.kysely);
    expect(await rows('alone')).toHaveLength(1);
  });

  it('refuse a value that cannot be sent, and the connection goes on serving', async () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    await db.kysely.transaction().execute(async (tx) => {
      await later(sql`insert into later_probe (id, n) values ('warm', 1)`).execute(tx); // prepared on this connection
    });
    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await later(sql`insert into later_probe (id, n, doc) values ('cyclic', 1, ${cycle})`).execute(tx);
        await later(sql`insert into later_probe (id, n) values ('warm', 2)`).execute(tx);
        await sql`select 1`.execute(tx);
      }),
    ).rejects.toThrow(/circular/i);
    expect(await rows('cyclic')).toEqual([]);
    await db.kysely.transaction().execute(async (tx) => {
      await later(sql`update later_probe set n = 3 where id = 'warm'`).execute(tx);
    });
    expect((await rows('warm')).map((r) => r.n)).toEqual([3]);
  });
});
