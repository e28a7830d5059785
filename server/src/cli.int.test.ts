import { testMasterKey } from './testing/master-key.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './kernel/index.ts';
import { openTestDatabase, testDatabases } from './testing/databases.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function zhili(args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, ZHILI_LOG_LEVEL: 'silent', ZHILI_MASTER_KEY: testMasterKey, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe.each(testDatabases())('zhili CLI on %s', (kind) => {
  it('verifies the audit log, names the first tampered entry, and exits 1', async () => {
    const database = await openTestDatabase(kind);
    await database.db.close(); // PGlite admits one process at a time
    const env = { ZHILI_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl };
    try {
      expect(
        zhili(
          ['user', 'add', '--username', 'cli.tester', '--name', '命令行', '--org', 'xihu-zf', '--role', 'staff', '--password', 'Passw0rd1'],
          env,
        ),
      ).toMatchObject({ code: 0 });
      const ok = zhili(['audit', 'verify'], env);
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/^OK — \d+ entries/m);

      const reset = zhili(['user', 'reset-password', 'cli.tester', '--password', 'N3wPassword'], env);
      expect(reset).toMatchObject({ code: 0 });

      const db = await openDatabase({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
      await sql`update audit_log set action = 'nothing.happened' where seq = 2`.execute(db.kysely);
      await db.close();
      const bad = zhili(['audit', 'verify'], env);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('first bad entry #2: altered');
    } finally {
      await database.drop();
    }
  });

  it('backs up and restores through the CLI', async () => {
    const database = await openTestDatabase(kind);
    await database.db.close();
    const env = { ZHILI_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl };
    const file = join(mkdtempSync(join(tmpdir(), 'zhili-cli-')), 'node.jsonl.gz');
    try {
      const backup = zhili(['backup', file], env);
      expect(backup.code).toBe(0);
      expect(backup.out).toMatch(/backup written to .*: \d+ tables, \d+ rows/);
      expect(zhili(['restore', file], env).code).toBe(2); // needs --yes
      const restore = zhili(['restore', file, '--yes'], env);
      expect(restore.code).toBe(0);
      expect(zhili(['audit', 'verify'], env).code).toBe(0);
    } finally {
      await database.drop();
    }
  });
});

describe('zhili CLI configuration', () => {
  it('stops with a message naming a bad variable', () => {
    const result = zhili(['migrate'], { PORT: 'eighty', ZHILI_DATA_DIR: mkdtempSync(join(tmpdir(), 'zhili-cfg-')) });
    expect(result.code).toBe(2);
    expect(result.out).toContain('PORT');
  });
});
