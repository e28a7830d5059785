import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { newId, openDatabase, type Database, type DatabaseKind } from '../kernel/index.ts';

export interface TestDatabase {
  kind: DatabaseKind;
  db: Database;
  /** Where a node keeps files (a PGlite copy, or an empty dir for PostgreSQL runs). */
  dataDir: string;
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/** The databases this run tests on: PGlite always, PostgreSQL when it is installed. */
export function testDatabases(): DatabaseKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh database holding the migrated demo province, private to the caller. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-test-'));
  if (kind === 'pglite') {
    cpSync(join(inject('pgliteTemplateDir'), 'pglite'), join(dataDir, 'pglite'), { recursive: true });
    const db = await openDatabase({ dataDir });
    return {
      kind,
      db,
      dataDir,
      databaseUrl: undefined,
      async drop() {
        await db.close().catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('PostgreSQL is not available in this run');
  const name = newId('t').replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template zhili_template`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir, poolSize: 5 });
  return {
    kind,
    db,
    dataDir,
    databaseUrl: url.toString(),
    async drop() {
      await db.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
