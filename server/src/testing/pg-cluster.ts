import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** Debian's PostgreSQL binaries, newest version first; undefined when not installed. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Cluster {
  url: string;
  /** the same server over its Unix socket (no loopback TCP: cheaper per query) */
  socketUrl: string;
  stop(): void;
}

/**
 * util-linux's `chrt`, which sets a process's scheduling policy; undefined when it is missing
 * or may not set SCHED_BATCH here (a sandbox that forbids sched_setscheduler).
 */
export function findChrt(): string | undefined {
  if (usableChrt === null) {
    const chrt = ['/usr/bin/chrt', '/bin/chrt'].find((path) => existsSync(path));
    usableChrt = chrt && spawnSync(chrt, ['-b', '0', 'true']).status === 0 ? chrt : undefined;
  }
  return usableChrt;
}
let usableChrt: string | undefined | null = null; // null: not looked for yet

/**
 * A throwaway PostgreSQL cluster: initdb + pg_ctl in a temp dir, as user postgres when
 * running as root (PostgreSQL refuses to run as root). fsync off: tests, not benchmarks.
 * `batch`: the server and every backend it forks run under SCHED_BATCH (`chrt -b 0`), the
 * setting docs/DEPLOYMENT.md advises where PostgreSQL shares its cores with the node — a
 * backend woken by the node's query then waits for a free core instead of preempting the
 * node's event loop, which every client's next step passes through.
 */
export async function startThrowawayCluster(options: { fsync?: boolean; batch?: boolean } = {}): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'zhili-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const result = asRoot
      ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const chrt = options.batch ? findChrt() : undefined;
  if (options.batch && !chrt) throw new Error('chrt (util-linux) is missing: cannot start PostgreSQL under SCHED_BATCH');
  run(chrt ?? join(bin, 'pg_ctl'), [
    ...(chrt ? ['-b', '0', join(bin, 'pg_ctl')] : []),
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    // ZHILI_PG_OPTS: extra server settings for a diagnosis (bench/pg-profile.ts: pg_stat_statements)
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.fsync ? 'on' : 'off'} -c max_connections=200${process.env.ZHILI_PG_OPTS ? ` ${process.env.ZHILI_PG_OPTS}` : ''}`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    socketUrl: `postgres://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function hasChromium(): boolean {
  try {
    execFileSync('chromium', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
