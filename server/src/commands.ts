import { sql } from 'kysely';
import { backupDatabase, createLogger, migrate, openDatabase, restoreDatabase, type Config } from './kernel/index.ts';
import { AuditLog } from './platform/audit/index.ts';
import { hashPassword, IdentityStore, roles, temporaryPassword, type Role } from './platform/identity/index.ts';
import { migrationSources } from './app.ts';

async function withDatabase<T>(
  config: Config,
  work: (db: Awaited<ReturnType<typeof openDatabase>>, audit: AuditLog) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db, migrationSources);
    return await work(db, await new AuditLog(db).open());
  } finally {
    await db.close();
  }
}

const cliActor = {
  kind: 'app' as const,
  accountId: null,
  clientId: 'zhili-cli',
  displayName: 'zhili cli',
  ip: '',
  orgId: null,
  regionCode: null,
};

export function verifyAuditLog(config: Config): Promise<number> {
  return withDatabase(config, async (db, audit) => {
    const result = await audit.verify();
    if (result.ok) {
      console.log(`OK — ${result.checked} entries, chain intact; last signed checkpoint at #${result.lastCheckpointSeq ?? '—'}`);
      return 0;
    }
    console.log(
      `TAMPERED — first bad entry #${result.firstBad!.seq}: ${result.firstBad!.reason} (${result.checked} entries verified before it)`,
    );
    return 1;
  });
}

export function addUser(
  config: Config,
  options: { username: string; name: string; org: string; role: string[]; clearance: string; password?: string | undefined },
): Promise<number> {
  return withDatabase(config, async (db, audit) => {
    const password = options.password ?? process.env.ZHILI_PASSWORD;
    if (!password || password.length < 8) {
      console.error('give --password (or ZHILI_PASSWORD) of at least 8 characters');
      return 2;
    }
    const bad = options.role.filter((r) => !(roles as readonly string[]).includes(r));
    if (bad.length) {
      console.error(`unknown role(s): ${bad.join(', ')}; known: ${roles.join(', ')}`);
      return 2;
    }
    if (!/^L[1-4]$/.test(options.clearance)) {
      console.error('clearance must be L1, L2, L3 or L4');
      return 2;
    }
    const org = (
      await sql<{
        id: string;
        slug: string | null;
        region_code: string;
      }>`select id, slug, region_code from orgs where id = ${options.org} or slug = ${options.org}`.execute(db.kysely)
    ).rows[0];
    if (!org) {
      console.error(`no organisation ${options.org}`);
      return 2;
    }
    const store = new IdentityStore(db);
    const ids = new Map([[org.slug ?? org.id, org.id]]);
    try {
      await db.kysely.transaction().execute(async (tx) => {
        await store.importAccounts(
          tx,
          [
            {
              kind: 'staff',
              username: options.username,
              displayName: options.name,
              orgSlug: org.slug ?? org.id,
              clearance: options.clearance as 'L1',
              roles: options.role as Role[],
              passwordHash: await hashPassword(password),
            },
          ],
          ids,
          new Map([[org.slug ?? org.id, org.region_code]]),
        );
        await audit.record(
          {
            actor: cliActor,
            action: 'account.create',
            targetType: 'account',
            targetId: options.username,
            orgId: org.id,
            regionCode: org.region_code,
            details: { roles: options.role, via: 'cli' },
          },
          tx,
        );
      });
    } catch (error) {
      if (String(error).includes('unique') || String(error).includes('duplicate')) {
        console.error(`username ${options.username} is taken`);
        return 1;
      }
      throw error;
    }
    console.log(`added ${options.username}`);
    return 0;
  });
}

export function resetPassword(config: Config, username: string, password: string | undefined): Promise<number> {
  return withDatabase(config, async (db, audit) => {
    const newPassword = password ?? temporaryPassword();
    if (newPassword.length < 8) {
      console.error('passwords need at least 8 characters');
      return 2;
    }
    const store = new IdentityStore(db);
    const hash = await hashPassword(newPassword);
    const accountId = await db.kysely.transaction().execute(async (tx) => {
      const id = await store.setPassword(tx, username, hash);
      if (id) {
        await sql`update sessions set ended_at = now() where account_id = ${id} and ended_at is null`.execute(tx);
        await audit.record(
          { actor: cliActor, action: 'account.password.reset', targetType: 'account', targetId: id, details: { via: 'cli' } },
          tx,
        );
      }
      return id;
    });
    if (!accountId) {
      console.error(`no account ${username}`);
      return 1;
    }
    console.log(password ? `password of ${username} changed` : `temporary password of ${username}: ${newPassword}`);
    return 0;
  });
}

export function backupCommand(config: Config, file: string): Promise<number> {
  return withDatabase(config, async (db) => {
    const summary = await backupDatabase(db, file);
    const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
    console.log(`backup written to ${file}: ${Object.keys(summary.tables).length} tables, ${rows} rows`);
    return 0;
  });
}

export function restoreCommand(config: Config, file: string, confirmed: boolean): Promise<number> {
  if (!confirmed) {
    console.error('restore replaces everything in the database; run again with --yes');
    return Promise.resolve(2);
  }
  return withDatabase(config, async (db) => {
    const summary = await restoreDatabase(db, file);
    const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
    console.log(`restored ${rows} rows into ${Object.keys(summary.tables).length} tables from ${file}`);
    return 0;
  });
}

/** `zhili keys rotate`: a new SM4 data key; every record re-sealed and re-indexed; old keys retired. */
export async function rotateKeys(config: Config): Promise<number> {
  const { createNode } = await import('./app.ts');
  const node = await createNode({ ...config, seedDemo: false }, { log: createLogger('warn') });
  try {
    const result = await node.records.rotateKeys((done) => process.stdout.write(`\r→ ${done} records re-sealed`));
    console.log(`\ndata key ${result.version} now seals; ${result.resealed} records re-sealed, ${result.retired} old key(s) retired`);
    return 0;
  } finally {
    await node.close();
  }
}
