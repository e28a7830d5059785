import { createNode } from './app.ts';
import type { Config } from './kernel/index.ts';
import { demoAccounts, demoPassword } from './packs/demo-province/index.ts';

/** `zhili serve` / `npm start`: a node on PORT, data in ZHILI_DATA_DIR. */
export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const node = await createNode(config, { onProgress: (line) => console.log(`  … ${line}`) });
  await node.app.listen({ port: config.port, host: config.host });
  const address = node.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl.includes(`:${config.port}`) ? config.publicUrl.replace(`:${config.port}`, `:${port}`) : config.publicUrl;
  const ms = Math.round(performance.now() - started);
  const lines = [
    '',
    `Zhili 治理 is ready in ${ms} ms — ${node.db.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    '',
    `  Portal 浙里办      ${base}/portal`,
    `  Workbench 浙政钉   ${base}/workbench`,
    `  Console 控制台     ${base}/console`,
    `  API docs          ${base}/api/docs   (OpenAPI: ${base}/api/openapi.json)`,
    `  OIDC discovery    ${base}/oidc/.well-known/openid-configuration`,
    '',
  ];
  if (config.seedDemo) {
    lines.push(`  Demo accounts (password ${demoPassword}):`);
    for (const account of demoAccounts()) lines.push(`    ${account.username.padEnd(20)} ${account.role}`);
    lines.push('');
  }
  console.log(lines.join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    node.log.info({ signal }, 'shutting down');
    await node.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
