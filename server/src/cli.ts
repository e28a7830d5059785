#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, loadConfig, openDatabase, migrate, createLogger } from './kernel/index.ts';
import { migrationSources } from './app.ts';

const program = new Command('zhili').description('Zhili 治理 — digital-government platform node').showHelpAfterError();

function config() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

program
  .command('serve')
  .description('start the node: migrate, install the demo province on an empty data dir, serve HTTP')
  .action(async () => {
    const { serve } = await import('./serve.ts');
    await serve(config());
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const cfg = config();
    const db = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
    const applied = await migrate(db, migrationSources, (id) => console.log(`→ ${id}`));
    console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
    await db.close();
  });

program
  .command('seed')
  .description('install the demo province into an empty database')
  .action(async () => {
    const cfg = config();
    const { createNode } = await import('./app.ts');
    const node = await createNode(
      { ...cfg, seedDemo: true },
      { log: createLogger('warn'), onProgress: (line) => console.log(`→ ${line}`) },
    );
    console.log(node.demo ? `installed: ${JSON.stringify(node.demo)}` : 'the database already holds data; nothing installed');
    await node.close();
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('verify the SM3 chain and the SM2-signed checkpoints; exit 1 naming the first bad entry')
  .action(async () => {
    const { verifyAuditLog } = await import('./commands.ts');
    process.exitCode = await verifyAuditLog(config());
  });

const keys = program.command('keys').description('SM4 data keys for L4 fields');
keys
  .command('rotate')
  .description('make a new data key, re-seal every record under it, retire the old keys (stop a PGlite node first)')
  .action(async () => {
    const { rotateKeys } = await import('./commands.ts');
    process.exitCode = await rotateKeys(config());
  });

const user = program.command('user').description('accounts');
user
  .command('add')
  .description('add a staff account')
  .requiredOption('--username <name>')
  .requiredOption('--name <displayName>')
  .requiredOption('--org <orgId|slug>')
  .option('--role <role...>', 'roles (platform_admin, org_admin, staff, leader, data_officer, auditor)', ['staff'])
  .option('--clearance <grade>', 'L1–L4', 'L1')
  .option('--password <password>', 'initial password (prompted from ZHILI_PASSWORD when omitted)')
  .action(async (options: { username: string; name: string; org: string; role: string[]; clearance: string; password?: string }) => {
    const { addUser } = await import('./commands.ts');
    process.exitCode = await addUser(config(), options);
  });
user
  .command('reset-password')
  .description('set a new password for an account and end its sessions')
  .argument('<username>')
  .option('--password <password>', 'the new password (default: a generated temporary one)')
  .action(async (username: string, options: { password?: string }) => {
    const { resetPassword } = await import('./commands.ts');
    process.exitCode = await resetPassword(config(), username, options.password);
  });

program
  .command('backup')
  .description('write every table to a file (works on PGlite and PostgreSQL alike)')
  .argument('<file>')
  .action(async (file: string) => {
    const { backupCommand } = await import('./commands.ts');
    process.exitCode = await backupCommand(config(), file);
  });
program
  .command('restore')
  .description('replace the database contents with a backup file')
  .argument('<file>')
  .option('--yes', 'confirm that the current contents will be replaced')
  .action(async (file: string, options: { yes?: boolean }) => {
    const { restoreCommand } = await import('./commands.ts');
    process.exitCode = await restoreCommand(config(), file, Boolean(options.yes));
  });

await program.parseAsync();
