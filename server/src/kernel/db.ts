import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult, type Transaction } from 'kysely';
import pg from 'pg';
import { withoutLaterMark } from './later.ts';
import { preparingPool } from './postgres-pool.ts';
import { isTransactionStart, isWrite, pendingWorkMark, workMarked } from './request-work.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * Tables are declared by each module next to its repository; a repository views the shared
 * connection through its own table types (`idb(db)`), so modules stay apart.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KernelTables = any;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor<T = any> = Kysely<T> | Transaction<T>;

export interface Database {
  kind: DatabaseKind;
  kysely: Kysely<KernelTables>;
  /** Runs a multi-statement SQL script (migrations, restore). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Keep PGlite in memory (tests); ignored for PostgreSQL. */
  inMemory?: boolean;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options);
}

const utcTimestamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/** PostgreSQL's `2026-11-22 18:07:28.757+00` as ISO 8601, which every browser reads. */
export function isoTimestamp(text: string): string {
  // the common case (sessions run in UTC) by string surgery: this runs for every timestamp read
  const utc = utcTimestamp.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const date = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // Big integers come back as strings (the app decides); times as ISO 8601 strings.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, isoTimestamp);
  const pool = new pg.Pool({ connectionString: url, max, options: '-c TimeZone=UTC' });
  // An idle connection the server closes (restart, fail-over, an admin's terminate) is dropped
  // from the pool; without a listener pg would raise it as an uncaught error. Queries still
  // get their own errors.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL idle connection closed: ${error.message}`));
  await pool.query('select 1');
  return {
    kind: 'postgres',
    kysely: new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) }),
    execScript: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  let dataDir: string | undefined;
  let releaseLock = () => {};
  if (!options.inMemory) {
    dataDir = `${options.dataDir}/pglite`;
    mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(options.dataDir);
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { 20: (v: string) => v, 1184: isoTimestamp },
    // PostgreSQL's 128 MB of shared buffers is sized for a server; an embedded node is
    // lighter on 32 MB and keeps idle RSS under the 400 MB bar (docs/BENCHMARKS.md).
    postgresqlconf: ['shared_buffers = 32MB', 'work_mem = 4MB', 'maintenance_work_mem = 32MB'],
    // Trigram indexes for Chinese search (the catalog); a PostgreSQL server ships it in contrib.
    extensions: { pg_trgm },
  });
  const pool = new PgliteSingleConnectionPool(pglite);
  return {
    kind: 'pglite',
    kysely: new Kysely({ dialect: new PostgresDialect({ pool }) }),
    execScript: (sql) => pool.exclusive(() => pglite.exec(sql).then(() => undefined)),
    close: async () => {
      await pool.exclusive(async () => undefined);
      await pglite.close();
      releaseLock();
    },
  };
}

/** PGlite's files admit one process: a second one on the same data dir stops with a clear message. */
function lockDataDir(dir: string): () => void {
  const file = `${dir}/zhili.pid`;
  try {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `${dir} is in use by another Zhili process (pid ${holder}); stop it first, or set DATABASE_URL to share a PostgreSQL server`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one connection. Kysely gets a "pool" of that one connection guarded by a
 * mutex, so a transaction holds it from BEGIN to COMMIT and nothing interleaves.
 */
class PgliteSingleConnectionPool implements PostgresPool {
  readonly options = {};
  private tail: Promise<void> = Promise.resolve();
  private readonly pglite: PGlite;

  constructor(pglite: PGlite) {
    this.pglite = pglite;
  }

  private acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  async connect(): Promise<PostgresPoolClient> {
    const release = await this.acquire();
    const pglite = this.pglite;
    let inTransaction = false;
    const run = async <R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
      const result = await pglite.query<R>(sql, parameters as unknown[]);
      return {
        command: commandOf(sql),
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    };
    return {
      async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        if (isTransactionStart(sql)) inTransaction = true;
        // a request's work mark (kernel/request-work.ts): in its first commit, or before a write of its own
        const commits = sql === 'commit' && inTransaction;
        if (sql === 'commit' || sql === 'rollback') inTransaction = false;
        const mark = commits || (!inTransaction && isWrite(sql)) ? pendingWorkMark() : undefined;
        if (mark) {
          await run(mark.text, mark.values);
          workMarked();
        }
        return run<R>(sql, parameters);
      },
      release,
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {}
}

function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(withoutLaterMark(sql))?.[1]?.toUpperCase();
  if (word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE') return word;
  return 'SELECT';
}
