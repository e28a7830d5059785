// B2: applications submitted per second — each one validated against the service's form,
// prefilled identity checked, a 办件 with its number created, the service's process started
// and committed — over HTTP by logged-in citizens (16 at a time, each with its own
// Idempotency-Key, from a client thread beside the server), on PGlite and on PostgreSQL (fsync on).
// Run: node bench/submissions/submissions.bench.ts [submissions] [concurrency]
// (BENCH_ONLY=pglite or BENCH_ONLY=postgres runs one of them)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createNode } from '../../server/src/app.ts';
import { createLogger, loadConfig, openDatabase } from '../../server/src/kernel/index.ts';
import { findPostgresBin, freePort, startThrowawayCluster } from '../../server/src/testing/pg-cluster.ts';
import { loadFromWorker, runClients } from '../http-clients.ts';
import { chainCaughtUp, machineShare, machineTicks, printStatements, resetStatements } from '../pg-profile.ts';

const total = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 16);
const service = '330000-YB-GG-001'; // 城乡居民基本医疗保险参保登记
const form = { phone: '13857712345', babyName: '林小禾', babyBirthDate: '2026-11-18' };

async function run(label: string, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-b2-'));
  const port = await freePort();
  const config = { ...loadConfig({}), dataDir, databaseUrl, port, publicUrl: `http://127.0.0.1:${port}` };
  const db = await openDatabase({ databaseUrl, dataDir, poolSize: 20 });
  const node = await createNode(config, { db, log: createLogger('silent') });
  await node.app.listen({ port, host: '127.0.0.1' });
  const base = config.publicUrl;
  const citizens = (
    await sql<{ username: string }>`select username from accounts where kind = 'citizen' order by username limit ${concurrency}`.execute(
      db.kysely,
    )
  ).rows.map((r) => r.username);
  const sessions = await Promise.all(
    citizens.map(async (username) => {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Zhili@2026' }),
      });
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      return { cookie, csrfToken };
    }),
  );
  // The first submission deploys the service's item and process; not counted.
  const warmUp = await fetch(`${base}/api/v1/cases`, {
    method: 'POST',
    headers: {
      cookie: sessions[0]!.cookie,
      'x-csrf-token': sessions[0]!.csrfToken,
      'content-type': 'application/json',
      'idempotency-key': 'b2-warm-up',
    },
    body: JSON.stringify({ serviceCode: service, consent: true, form }),
  });
  if (warmUp.status !== 201) throw new Error(`POST /api/v1/cases → ${warmUp.status} ${await warmUp.text()}`);
  // the citizens' requests come from another thread (bench/http-clients.ts)
  const httpBefore = machineTicks();
  const load = await loadFromWorker({
    kind: 'submissions',
    base,
    sessions,
    total,
    body: { serviceCode: service, consent: true, form },
  });
  const count = Number((await sql<{ n: string }>`select count(*) as n from service_cases`.execute(db.kysely)).rows[0]!.n);
  if (count !== total + 1) throw new Error(`expected ${total + 1} cases, found ${count}`);
  const seconds = load.seconds + (await chainCaughtUp(db, node.audit));
  report(`${label}, over HTTP`, seconds, load.latencies);
  shares.push(`${label}, over HTTP: ${machineShare(httpBefore, seconds)}`);
  // The same submissions through the case service (no HTTP, no session or Idempotency-Key
  // rows): what validation, the case, the process start and the commit cost on their own.
  const actors = await Promise.all(citizens.map(async (username) => (await node.identity.actorForUsername(username))!));
  await resetStatements(db);
  const directBefore = machineTicks();
  const direct = await runClients(actors.length, total, async (client, _n, time) => {
    await time(() => node.cases.apply(actors[client]!, 'zh-CN', { serviceCode: service, consent: true, form }));
  });
  const directSeconds = direct.seconds + (await chainCaughtUp(db, node.audit));
  report(`${label}, case service calls`, directSeconds, direct.latencies);
  shares.push(`${label}, case service calls: ${machineShare(directBefore, directSeconds)}`);
  await printStatements(db, total);
  await node.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** How the two cores were spent in each timed phase (the VM's host may take a share). */
const shares: string[] = [];

function report(label: string, seconds: number, latencies: number[]) {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(
    `| ${label} | ${total}, ${concurrency} at a time | ${(total / seconds).toFixed(1)} submissions/s | ${pct(50)} ms | ${pct(99)} ms |`,
  );
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| database | load | throughput | p50 | p99 |\n|---|---|---|---|---|');
const only = process.env.BENCH_ONLY;
if (only !== 'postgres') await run('PGlite (embedded)', undefined);
if (only !== 'pglite' && findPostgresBin()) {
  const cluster = await startThrowawayCluster({ fsync: true });
  try {
    await run('PostgreSQL 15 (fsync on), Unix socket', cluster.socketUrl);
  } finally {
    cluster.stop();
  }
}
console.log(`\nThe machine's cores during each run:\n${shares.map((s) => `- ${s}`).join('\n')}`);
