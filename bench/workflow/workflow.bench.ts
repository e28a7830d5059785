// B3: a 5-step approval — start → three user tasks completed through the HTTP API → a
// service task → end — instances completed per second and step latency, on PGlite and on
// PostgreSQL (fsync on); the HTTP clients run in a thread beside the server's.
// Run: node bench/workflow/workflow.bench.ts [instances] [concurrency]
// (BENCH_ONLY=pglite or BENCH_ONLY=postgres runs one of them; BENCH_SCHED=other|batch|both picks
// PostgreSQL's scheduling policy, both by default)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNode } from '../../server/src/app.ts';
import { createLogger, loadConfig, openDatabase } from '../../server/src/kernel/index.ts';
import { loadFromWorker, runApproval, runClients } from '../http-clients.ts';
import { chainCaughtUp, machineShare, machineTicks, postgresCpuSeconds, printStatements, resetStatements } from '../pg-profile.ts';
import { findChrt, findPostgresBin, freePort, startThrowawayCluster } from '../../server/src/testing/pg-cluster.ts';

const total = Number(process.argv[2] ?? 400);
const concurrency = Number(process.argv[3] ?? 16);

const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="x">
  <bpmn:process id="five_steps" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="accept" camunda:candidateGroups="staff" /><bpmn:userTask id="review" camunda:candidateGroups="staff" /><bpmn:userTask id="approve" camunda:candidateGroups="staff" />
    <bpmn:serviceTask id="notify" camunda:topic="notification" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="accept" /><bpmn:sequenceFlow id="b" sourceRef="accept" targetRef="review" />
    <bpmn:sequenceFlow id="c" sourceRef="review" targetRef="approve" /><bpmn:sequenceFlow id="e" sourceRef="approve" targetRef="notify" />
    <bpmn:sequenceFlow id="f" sourceRef="notify" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

async function run(label: string, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-b3-'));
  const port = await freePort();
  const config = { ...loadConfig({}), dataDir, databaseUrl, port, publicUrl: `http://127.0.0.1:${port}` };
  const db = await openDatabase({ databaseUrl, dataDir, poolSize: 20 });
  const node = await createNode(config, { db, log: createLogger('silent') });
  await node.app.listen({ port, host: '127.0.0.1' });
  const base = config.publicUrl;
  const session = async (username: string) => {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Zhili@2026' }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken, me } = (await login.json()) as { csrfToken: string; me: { orgId: string } };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
      return response.json() as Promise<any>;
    };
    return { call, orgId: me.orgId, credentials: { cookie, csrfToken } };
  };
  const admin = await session('xihu.orgadmin');
  let parentId: string | null = null;
  for (const [level, name] of [
    ['core', `基准 ${label}`],
    ['module', '基准'],
    ['unit', '基准'],
    ['item', '五步审批'],
  ] as const) {
    parentId = (
      await admin.call('POST', '/api/v1/model/nodes', {
        orgId: admin.orgId,
        parentId,
        level,
        name,
        ...(level === 'item' ? { itemType: 'service' } : {}),
      })
    ).id;
  }
  await admin.call('POST', `/api/v1/model/items/${parentId}/process-versions`, { bpmnXml: bpmn });
  const officer = await session('xihu.officer');

  const path = process.env.BENCH_PATH; // 'http' or 'engine' runs one of the two
  if (path !== 'engine') await overHttp();
  async function overHttp() {
    // the officer's requests come from another thread (bench/http-clients.ts), 16 clients at a time
    const load = await loadFromWorker({
      kind: 'workflow',
      base,
      sessions: Array.from({ length: concurrency }, () => officer.credentials),
      total,
      itemId: parentId!,
    });
    report(`${label}, over HTTP`, load.seconds + (await chainCaughtUp(db, node.audit)), load.latencies);
    // The floor: a client in the server's thread and the server doing nothing but answer (with the session looked up).
    let pings = 0;
    const pinged = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (pings < 2000) {
          pings++;
          await officer.call('GET', '/api/v1/auth/me');
        }
      }),
    );
    floors.push(`${label}: GET /api/v1/auth/me ${(2000 / ((performance.now() - pinged) / 1000)).toFixed(0)} requests/s`);
  }
  if (path === 'http') return void (await close());

  // The same work through the engine's functions (no HTTP): what the engine and the database
  // do per step, without the HTTP client and server sharing these two cores.
  const actor = (await node.identity.actorForUsername('xihu.officer'))!;
  await resetStatements(db);
  const cpuBefore = process.cpuUsage();
  const pgBefore = postgresCpuSeconds();
  const machineBefore = machineTicks();
  const engine = await runClients(concurrency, total, (_client, _n, time) =>
    runApproval(
      time,
      () => node.workflow.start(actor, 'zh-CN', { itemId: parentId!, variables: { amount: 1000 } }),
      (taskId) => node.workflow.complete(actor, 'zh-CN', taskId, { ok: true }),
    ),
  );
  const engineSeconds = engine.seconds + (await chainCaughtUp(db, node.audit));
  report(`${label}, engine calls`, engineSeconds, engine.latencies);
  const cpu = process.cpuUsage(cpuBefore);
  cpuSplits.push(
    `${label}, engine calls: this process ${((cpu.user + cpu.system) / 1e3 / total).toFixed(2)} ms CPU an instance` +
      (databaseUrl ? `, PostgreSQL ${(((postgresCpuSeconds() - pgBefore) * 1e3) / total).toFixed(2)} ms` : '') +
      `; ${machineShare(machineBefore, engineSeconds)}`,
  );
  await printStatements(db, total);
  await close();
  async function close() {
    await node.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const cpuSplits: string[] = [];

const floors: string[] = [];

function report(label: string, seconds: number, latencies: number[]) {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(
    `| ${label} | ${total} instances, ${concurrency} at a time | ${(total / seconds).toFixed(1)} instances/s | ${pct(50)} ms | ${pct(99)} ms |`,
  );
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| database | load | completed | step p50 | step p99 |\n|---|---|---|---|---|');
const only = process.env.BENCH_ONLY; // 'pglite' or 'postgres'
if (only !== 'postgres') await run('PGlite (embedded)', undefined);
if (only !== 'pglite' && findPostgresBin()) {
  const fsync = process.env.BENCH_FSYNC !== 'off'; // off only to see what the disk costs
  // PostgreSQL's scheduling: 'other' (Linux's default), 'batch' (SCHED_BATCH, advised in
  // docs/DEPLOYMENT.md where PostgreSQL shares the node's cores) or 'both', one after the other
  const policies = { other: ['other'], batch: ['batch'], both: ['other', 'batch'] }[process.env.BENCH_SCHED ?? 'both'];
  if (!policies) throw new Error('BENCH_SCHED: other, batch or both');
  for (const policy of policies) {
    if (policy === 'batch' && !findChrt()) {
      console.log('(no chrt here: the SCHED_BATCH run is left out)');
      continue;
    }
    const cluster = await startThrowawayCluster({ fsync, batch: policy === 'batch' });
    try {
      await run(
        `PostgreSQL 15 (fsync ${fsync ? 'on' : 'off'}, ${policy === 'batch' ? 'SCHED_BATCH' : 'default scheduling'})`,
        cluster.socketUrl,
      );
    } finally {
      cluster.stop();
    }
  }
}
if (floors.length) console.log(`\nHTTP floor (a client in the server's thread, 16 at a time):\n${floors.map((f) => `- ${f}`).join('\n')}`);
if (cpuSplits.length) console.log(`\nCPU per instance:\n${cpuSplits.map((f) => `- ${f}`).join('\n')}`);
