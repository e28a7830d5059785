import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabases, type TestDatabase } from '../testing/databases.ts';
import type { Database } from './db.ts';

// The pg pool sends a transaction's BEGIN together with its first statement (postgres-pool.ts).
// These prove the first statement still belongs to the transaction, on connections new and reused.
describe.runIf(testDatabases().includes('postgres'))('transactions on a PostgreSQL server', () => {
  let test: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    db = test.db;
    await sql`create table pool_probe (id text primary key, note text not null)`.execute(db.kysely);
  });
  afterAll(() => test?.drop());

  const count = async (prefix: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from pool_probe where id like ${`${prefix}%`}`.execute(db.kysely)).rows[0]!.n);

  it('rolls back a first statement when the transaction fails, on every connection of the pool', async () => {
    // more transactions than the pool has connections, at once: each connection's first and later ones
    await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        db.kysely
          .transaction()
          .execute(async (tx) => {
            await sql`insert into pool_probe (id, note) values (${`undone-${n}`}, 'first')`.execute(tx);
            throw new Error('changed my mind');
          })
          .catch((error: Error) => expect(error.message).toBe('changed my mind')),
      ),
    );
    expect(await count('undone-')).toBe(0);
    await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        db.kysely.transaction().execute(async (tx) => {
          await sql`insert into pool_probe (id, note) values (${`kept-${n}`}, 'first')`.execute(tx);
          await sql`update pool_probe set note = 'second' where id = ${`kept-${n}`}`.execute(tx);
        }),
      ),
    );
    expect(await count('kept-')).toBe(24);
  });

  it('runs the first statement inside the transaction: it sees the transaction’s clock and its lock holds to the end', async () => {
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.kysely.transaction().execute(async (tx) => {
      const first = (await sql<{ at: string }>`select now()::text as at from pool_probe where id = 'kept-1' for update`.execute(tx))
        .rows[0]!.at;
      locked();
      await sql`select pg_sleep(0.3)`.execute(tx);
      return { first, later: (await sql<{ at: string }>`select now()::text as at`.execute(tx)).rows[0]!.at };
    });
    await lockTaken;
    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await sql`set local lock_timeout = '50ms'`.execute(tx);
        await sql`update pool_probe set note = 'taken' where id = 'kept-1'`.execute(tx);
      }),
    ).rejects.toMatchObject({ code: '55P03' }); // lock_not_available: the first statement's lock is the transaction's
    const times = await holder;
    expect(times.later).toBe(times.first);
  });

  it('survives a first statement that fails: the transaction ends, the connection serves the next one', async () => {
    for (let n = 0; n < 12; n++) {
      await expect(
        db.kysely.transaction().execute(async (tx) => {
          await sql`insert into pool_probe (id, note) values ('kept-0', 'duplicate')`.execute(tx); // primary key taken
        }),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(db.kysely.transaction().execute((tx) => sql`select no_such_column from pool_probe`.execute(tx))).rejects.toMatchObject({
        code: '42703',
      });
    }
    const note = await db.kysely.transaction().execute(async (tx) => {
      await sql`update pool_probe set note = 'after failures' where id = 'kept-0'`.execute(tx);
      return (await sql<{ note: string }>`select note from pool_probe where id = 'kept-0'`.execute(tx)).rows[0]!.note;
    });
    expect(note).toBe('after failures');
  });

  it('commits a transaction that ran nothing, and keeps its isolation level', async () => {
    await db.kysely.transaction().execute(async () => undefined);
    const level = await db.kysely
      .transaction()
      .setIsolationLevel('serializable')
      .execute(
        async (tx) => (await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(tx)).rows[0]!.level,
      );
    expect(level).toBe('serializable');
  });
});
