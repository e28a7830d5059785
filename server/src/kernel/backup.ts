import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGzip, createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Database, Executor } from './db.ts';

/**
 * A logical backup: every table of the public schema as JSON lines, gzip-compressed. The
 * same file restores into PGlite or PostgreSQL, so a node can move between the two.
 */
export interface BackupSummary {
  tables: Record<string, number>;
}

async function tablesInOrder(db: Executor): Promise<string[]> {
  // Parents before children, following foreign keys.
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)
  ).rows.map((r) => r.name);
  const deps = (
    await sql<{ child: string; parent: string }>`select tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`.execute(db)
  ).rows;
  const ordered: string[] = [];
  const visit = (table: string, seen: Set<string>) => {
    if (ordered.includes(table) || seen.has(table)) return;
    seen.add(table);
    for (const d of deps) if (d.child === table && d.parent !== table) visit(d.parent, seen);
    ordered.push(table);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function primaryKeyOrder(db: Database, table: string): Promise<string> {
  const cols = (
    await sql<{ column_name: string }>`select kcu.column_name from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    where tc.table_schema = 'public' and tc.table_name = ${table} and tc.constraint_type = 'PRIMARY KEY' order by kcu.ordinal_position`.execute(
      db.kysely,
    )
  ).rows;
  return cols.length ? cols.map((c) => `"${c.column_name}"`).join(', ') : '1';
}

export async function* dumpLines(db: Database): AsyncGenerator<string> {
  const tables = await tablesInOrder(db.kysely);
  yield JSON.stringify({ zhiliBackup: 1, createdAt: new Date().toISOString(), tables });
  for (const table of tables) {
    const order = await primaryKeyOrder(db, table);
    for (let offset = 0; ; offset += 1000) {
      const rows = (
        await sql<{
          row: unknown;
        }>`select to_jsonb(t) as row from ${sql.table(table)} t order by ${sql.raw(order)} limit 1000 offset ${offset}`.execute(db.kysely)
      ).rows;
      for (const r of rows) yield JSON.stringify({ t: table, r: r.row });
      if (rows.length < 1000) break;
    }
  }
}

export async function backupDatabase(db: Database, file: string): Promise<BackupSummary> {
  const tables: Record<string, number> = {};
  async function* lines() {
    for await (const line of dumpLines(db)) {
      const table = line.startsWith('{"t":') ? (JSON.parse(line) as { t: string }).t : undefined;
      if (table) tables[table] = (tables[table] ?? 0) + 1;
      yield `${line}\n`;
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return { tables };
}

/** Replaces every table's contents with the backup's, in one transaction. */
export async function restoreDatabase(db: Database, file: string): Promise<BackupSummary> {
  const tables: Record<string, number> = {};
  const state: { header?: { zhiliBackup?: number; tables?: string[] } } = {};
  await db.kysely.transaction().execute(async (tx) => {
    let batch: { t: string; r: Record<string, unknown> }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const table = batch[0]!.t;
      await sql`insert into ${sql.table(table)} select * from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(batch.map((b) => b.r))}::jsonb)`.execute(
        tx,
      );
      batch = [];
    };
    // Created right before iterating: readline drops lines emitted while nobody listens.
    const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of input) {
      if (!line) continue;
      if (!state.header) {
        const header = JSON.parse(line) as { zhiliBackup?: number; tables?: string[] };
        if (header.zhiliBackup !== 1 || !Array.isArray(header.tables)) throw new Error('not a Zhili backup file');
        state.header = header;
        const existing = await tablesInOrder(tx);
        await sql`truncate ${sql.join(existing.map((t) => sql.table(t)))} cascade`.execute(tx);
        continue;
      }
      const item = JSON.parse(line) as { t: string; r: Record<string, unknown> };
      if (batch.length && (batch[0]!.t !== item.t || batch.length >= 500)) await flush();
      batch.push(item);
      tables[item.t] = (tables[item.t] ?? 0) + 1;
    }
    await flush();
    // Identity columns continue after the restored rows.
    const identities = (
      await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_identity = 'YES'`.execute(tx)
    ).rows;
    for (const { table_name, column_name } of identities) {
      await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}), coalesce((select max(${sql.ref(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(
        tx,
      );
    }
  });
  if (!state.header) throw new Error('empty backup file');
  return { tables };
}
