import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './db.ts';

/** A module's forward-only migrations: `NNN_name.sql` files in its `migrations/` folder. */
export interface MigrationSource {
  module: string;
  dir: URL;
}

export interface AppliedMigration {
  id: string;
}

export function listMigrations(source: MigrationSource): { id: string; sql: string }[] {
  const dir = fileURLToPath(source.dir);
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ id: `${source.module}/${file.replace(/\.sql$/, '')}`, sql: readFileSync(`${dir}/${file}`, 'utf8') }));
}

/**
 * Applies what is missing, module by module in the given order, each migration in its own
 * transaction together with its bookkeeping row. Returns the ids applied now.
 */
export async function migrate(db: Database, sources: MigrationSource[], onProgress?: (id: string) => void): Promise<string[]> {
  await db.execScript(`create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())`);
  const applied = new Set((await sql<{ id: string }>`select id from schema_migrations`.execute(db.kysely)).rows.map((r) => r.id));
  const done: string[] = [];
  for (const source of sources) {
    for (const migration of listMigrations(source)) {
      if (applied.has(migration.id)) continue;
      onProgress?.(migration.id);
      await db.execScript(
        `begin;\ninsert into schema_migrations (id) values ('${migration.id.replace(/'/g, "''")}');\n${migration.sql}\n;commit;`,
      );
      done.push(migration.id);
    }
  }
  return done;
}
