// B6: `npm start` to ready on an existing data dir; idle RSS; logins per second.
// Run: npm run bench   (results to paste into docs/BENCHMARKS.md are printed at the end)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const port = 18000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-bench-'));
const env = { ...process.env, PORT: String(port), ZHILI_DATA_DIR: dataDir, ZHILI_LOG_LEVEL: 'warn' };

function start(): ChildProcess {
  return spawn('npm', ['start'], { cwd: root, env, stdio: 'ignore', detached: true });
}

async function waitReady(timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return performance.now() - started;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('not ready in time');
}

async function stop(child: ChildProcess): Promise<void> {
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await new Promise((r) => setTimeout(r, 300));
}

async function rssBytes(): Promise<number> {
  const metrics = await (await fetch(`${base}/metrics`)).text();
  return Number(/^zhili_process_resident_memory_bytes (\d+)/m.exec(metrics)![1]);
}

async function loginsPerSecond(seconds: number, concurrency: number): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const users = [
    'xihu.officer',
    'xihu.leader',
    'yuhang.officer',
    'yinzhou.officer',
    'yueqing.officer',
    'yongkang.officer',
    'hz.staff',
    'zj.leader',
  ];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      while (performance.now() < until) {
        const response = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: users[i % users.length], password: 'Zhili@2026' }),
        });
        if (response.status !== 200) throw new Error(`login answered ${response.status}`);
        done++;
      }
    }),
  );
  return done / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  // First start: creates the data dir and installs the demo province (not the measured case).
  let child = start();
  const firstMs = await waitReady(180_000);
  await stop(child);

  const startups: number[] = [];
  for (let i = 0; i < 5; i++) {
    child = start();
    startups.push(await waitReady(60_000));
    if (i < 4) await stop(child);
  }
  await new Promise((r) => setTimeout(r, 5000));
  const idleRss = await rssBytes();
  const logins = await loginsPerSecond(10, 8);
  await stop(child);

  const line = (label: string, value: string, bar: string) => console.log(`| ${label} | ${value} | ${bar} |`);
  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString().slice(0, 10)}, PGlite\n`,
  );
  console.log('| measure | result | bar |\n|---|---|---|');
  line('first start on an empty data dir (migrate + demo province)', `${(firstMs / 1000).toFixed(1)} s`, '—');
  line(
    '`npm start` to ready, existing data dir (median of 5)',
    `${(median(startups) / 1000).toFixed(2)} s (runs: ${startups.map((s) => (s / 1000).toFixed(2)).join(', ')})`,
    '≤ 5 s',
  );
  line('server RSS, idle after start', `${(idleRss / 2 ** 20).toFixed(0)} MB`, '≤ 400 MB');
  line('password logins per second (argon2id, 8 concurrent, 10 s)', `${logins.toFixed(1)}/s`, '—');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
