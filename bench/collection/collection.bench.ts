// Collection of a large CSV (P2.3): one upload of N rows (default 1,000,000) over HTTP into a
// resource with an L4 field (sealed with SM4) and two key fields (blind-indexed), streamed
// through the field rules into staging and published in one transaction. Reports rows/s for
// the whole upload and the peak resident memory of the process.
// Run: node bench/collection/collection.bench.ts [rows] [pglite]
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNode } from '../../server/src/app.ts';
import { createLogger, loadConfig, openDatabase } from '../../server/src/kernel/index.ts';
import { generateCitizens } from '../../server/src/packs/demo-province/index.ts';
import { freePort, startThrowawayCluster } from '../../server/src/testing/pg-cluster.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const onPglite = process.argv[3] === 'pglite';

const dataDir = mkdtempSync(join(tmpdir(), 'zhili-collect-'));
const cluster = onPglite ? null : await startThrowawayCluster({ fsync: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const config = { ...loadConfig({}), dataDir, databaseUrl: cluster?.socketUrl, port, publicUrl: base };
const db = await openDatabase({ databaseUrl: cluster?.socketUrl, dataDir, poolSize: 10 });
const node = await createNode(config, { db, log: createLogger('silent') });
await node.app.listen({ port, host: '127.0.0.1' });

// The file: 身份证号 of synthetic citizens (valid check digits), one row per certificate.
const citizens = generateCitizens(1000);
const file = join(dataDir, 'certificates.csv');
const out = createWriteStream(file);
out.write('\uFEFF证书编号,持证人姓名,身份证号,状态,发证日期,金额\r\n');
for (let i = 0; i < rows; i++) {
  const c = citizens[i % citizens.length]!;
  const line = `ZS${String(i).padStart(8, '0')},${c.name},${c.idNumber},有效,2026-0${1 + (i % 9)}-1${i % 10},${i % 977}.5\r\n`;
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
const bytes = statSync(file).size;

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'hz.dataofficer', password: 'Zhili@2026' }),
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
const resource = await call('POST', '/api/v1/catalog/resources', {
  orgId: me.orgId,
  code: '330100-BC-0001',
  name: '基准证书信息',
  domain: 'shared',
  shareType: 'conditional',
  openType: 'none',
  updateFrequency: 'daily',
  fields: [
    { name: 'cert_no', label: '证书编号', type: 'string', grade: 'L2', key: true },
    { name: 'holder_name', label: '持证人姓名', type: 'string', grade: 'L3', required: true },
    { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L4', key: true },
    { name: 'status', label: '状态', type: 'string', grade: 'L1', enum: ['有效', '注销'] },
    { name: 'issued_on', label: '发证日期', type: 'date', grade: 'L1' },
    { name: 'amount', label: '金额', type: 'number', grade: 'L2' },
  ],
});
const load = await call('POST', '/api/v1/collection/loads', { resourceId: resource.id, format: 'csv', fileName: 'certificates.csv' });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const started = performance.now();
const response = await fetch(`${base}/api/v1/collection/loads/${load.id}/file`, {
  method: 'PUT',
  headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'text/csv' },
  body: createReadStream(file) as never,
  duplex: 'half',
} as RequestInit);
const result = (await response.json()) as { status: string; rowsRead: number; inserted: number; rowsBad: number };
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
if (result.status !== 'published' || result.inserted !== rows) throw new Error(`load ended ${JSON.stringify(result).slice(0, 400)}`);

console.log(
  JSON.stringify(
    {
      benchmark: 'collection (P2.3): one CSV upload, staged and published',
      database: onPglite ? 'PGlite (embedded)' : 'PostgreSQL 15 (fsync on, Unix socket)',
      rows,
      megabytes: Math.round(bytes / 1e5) / 10,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(rows / seconds),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      machine: `${cpus().length} × ${cpus()[0]?.model.trim()}`,
      node: process.version,
      date: new Date().toISOString().slice(0, 10),
    },
    null,
    2,
  ),
);
await node.close();
await db.close();
cluster?.stop();
rmSync(dataDir, { recursive: true, force: true });
