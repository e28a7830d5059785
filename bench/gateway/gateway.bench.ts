// B1: the data gateway against a bare Fastify endpoint reading the same record by key, in
// one run, on PostgreSQL (fsync on, Unix socket): requests/s and p50/p99 at 200 concurrent
// connections. The gateway call does everything it does in production: the app's token, its
// grant, masking by grade, the audit-chain entry committed before the answer.
// Run: node bench/gateway/gateway.bench.ts [seconds] [connections]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { createNode } from '../../server/src/app.ts';
import { createLogger, loadConfig, openDatabase } from '../../server/src/kernel/index.ts';
import { freePort, startThrowawayCluster } from '../../server/src/testing/pg-cluster.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 200);
const recordCount = 1000;

const cluster = await startThrowawayCluster({ fsync: true });
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-b1-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const config = { ...loadConfig({}), dataDir, databaseUrl: cluster.socketUrl, port, publicUrl: base, gatewayRateLimit: 1_000_000 };
const db = await openDatabase({ databaseUrl: cluster.socketUrl, dataDir, poolSize: 20 });
const node = await createNode(config, { db, log: createLogger('silent') });
await node.app.listen({ port, host: '127.0.0.1' });

async function session(username: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Zhili@2026' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken, me } = (await login.json()) as { csrfToken: string; me: { orgId: string } };
  return {
    orgId: me.orgId,
    call: async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
      return response.json() as Promise<any>;
    },
  };
}

// A resource shared unconditionally (fields ≤ L2 are granted at once) with its records.
const owner = await session('hz.dataofficer');
const consumer = await session('xihu.dataofficer');
const admin = await session('admin');
const resource = await owner.call('POST', '/api/v1/catalog/resources', {
  orgId: owner.orgId,
  code: '330100-B1-0001',
  name: '基准资源',
  domain: 'shared',
  shareType: 'unconditional',
  openType: 'none',
  updateFrequency: 'daily',
  fields: [
    { name: 'record_no', label: '编号', type: 'string', grade: 'L2', key: true },
    { name: 'title', label: '名称', type: 'string', grade: 'L1' },
    { name: 'amount', label: '金额', type: 'number', grade: 'L2' },
  ],
});
for (let i = 0; i < recordCount; i += 500)
  await owner.call('PUT', `/api/v1/catalog/resources/${resource.id}/records`, {
    records: Array.from({ length: Math.min(500, recordCount - i) }, (_, j) => ({
      record_no: `B${i + j}`,
      title: `记录 ${i + j}`,
      amount: i + j,
    })),
  });
let parentId: string | null = null;
for (const [level, name] of [
  ['core', '基准'],
  ['module', '基准'],
  ['unit', '基准'],
  ['item', '基准核验'],
] as const)
  parentId = (
    await admin.call('POST', '/api/v1/model/nodes', {
      orgId: consumer.orgId,
      parentId,
      level,
      name,
      ...(level === 'item' ? { itemType: 'service' } : {}),
    })
  ).id;
await consumer.call('POST', '/api/v1/sharing/requests', {
  resourceId: resource.id,
  itemId: parentId,
  fields: ['record_no', 'title', 'amount'],
  purpose: '基准测试',
  legalBasis: '基准测试',
});
const { client, clientSecret } = await admin.call('POST', '/api/v1/oidc-clients', {
  name: '基准应用',
  grantTypes: ['client_credentials'],
  orgId: consumer.orgId,
});
const tokenResponse = await fetch(`${base}/oidc/token`, {
  method: 'POST',
  headers: {
    authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: 'grant_type=client_credentials',
});
const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

// The bare endpoint: plain Fastify and pg reading the same record by its key index, nothing else.
const pool = new pg.Pool({ connectionString: cluster.socketUrl, max: 20 });
const bare = Fastify();
const { blindIndexFor } = await (async () => {
  const key = await (node.records as any).keys.current();
  const { blindIndex } = await import('../../server/src/platform/crypto/index.ts');
  return { blindIndexFor: (value: string) => blindIndex(key, 'record_no', value) };
})();
bare.get<{ Querystring: { key: string } }>('/records', async (request) => {
  const { rows } = await pool.query(
    `select r.data from data_record_keys k join data_records r on r.resource_id = k.resource_id and r.record_key = k.record_key
     where k.resource_id = $1 and k.field = 'record_no' and k.value_index = $2`,
    [resource.id, blindIndexFor(request.query.key)],
  );
  return { record: rows[0]?.data ?? null };
});
const barePort = await freePort();
await bare.listen({ port: barePort, host: '127.0.0.1' });

async function load(label: string, url: (i: number) => string, headers: Record<string, string>) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const i = n++ % recordCount;
        const t0 = performance.now();
        const response = await fetch(url(i), { headers });
        const body = (await response.json()) as { record: unknown };
        if (response.status !== 200 || !body.record) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  const rate = latencies.length / elapsed;
  console.log(`| ${label} | ${rate.toFixed(0)} requests/s | ${pct(50)} ms | ${pct(99)} ms | ${failures} |`);
  return rate;
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${new Date().toISOString().slice(0, 10)}; ${connections} connections, ${seconds} s each\n`,
);
console.log('| endpoint | throughput | p50 | p99 | failures |\n|---|---|---|---|---|');
const bareRate = await load('bare Fastify + pg, same record by key', (i) => `http://127.0.0.1:${barePort}/records?key=B${i}`, {});
const gatewayRate = await load(
  'Zhili gateway (token, grant, mask, audit log)',
  (i) => `${base}/gateway/v1/330100-B1-0001/records?field=record_no&key=B${i}`,
  { authorization: `Bearer ${token}` },
);
console.log(`\ngateway / bare = ${((gatewayRate / bareRate) * 100).toFixed(0)}% (goal ≥ 50%)`);

await bare.close();
await pool.end();
await node.close();
await db.close();
cluster.stop();
rmSync(dataDir, { recursive: true, force: true });
