import { sql } from 'kysely';
import type { Database } from './db.ts';

/** A secret generated once per node and kept in the database (signing keys, cookie keys). */
export async function getOrCreateNodeKey<T>(db: Database, name: string, create: () => T | Promise<T>): Promise<T> {
  const existing = await sql<{ value: T }>`select value from node_keys where name = ${name}`.execute(db.kysely);
  if (existing.rows[0]) return existing.rows[0].value;
  const value = await create();
  await sql`insert into node_keys (name, value) values (${name}, ${JSON.stringify(value)}::jsonb) on conflict (name) do nothing`.execute(
    db.kysely,
  );
  const stored = await sql<{ value: T }>`select value from node_keys where name = ${name}`.execute(db.kysely);
  return stored.rows[0]!.value;
}
