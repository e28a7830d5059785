import { testMasterKey } from './master-key.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger, loadConfig, openDatabase } from '../kernel/index.ts';
import { createNode } from '../app.ts';
import { findPostgresBin, startThrowawayCluster, type Cluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateDir: string;
    postgresUrl: string | null;
  }
}

/**
 * Once per run: a PGlite data dir and a PostgreSQL template database, both migrated and
 * holding the demo province, so each test file starts from a copy in a second or less.
 */
export default async function setup(project: TestProject) {
  const silent = createLogger('silent');
  const pgliteDir = mkdtempSync(join(tmpdir(), 'zhili-pglite-template-'));
  const config = { ...loadConfig({}), dataDir: pgliteDir, seedDemo: true, databaseUrl: undefined, masterKey: testMasterKey };
  const node = await createNode(config, { log: silent });
  await node.close();
  project.provide('pgliteTemplateDir', pgliteDir);

  let cluster: Cluster | undefined;
  let postgresUrl: string | null = process.env.ZHILI_TEST_DATABASE_URL ?? null;
  if (!postgresUrl && findPostgresBin()) {
    cluster = await startThrowawayCluster();
    postgresUrl = cluster.url;
  }
  if (!postgresUrl && process.env.CI) throw new Error('CI must test on PostgreSQL too: install postgresql (see .ci/run)');
  if (!postgresUrl) console.warn('\n⚠ PostgreSQL not installed: integration tests run on PGlite only (apt-get install postgresql)\n');
  if (postgresUrl) {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query('drop database if exists zhili_template');
    await admin.query('create database zhili_template');
    await admin.end();
    const templateUrl = withDatabase(postgresUrl, 'zhili_template');
    const db = await openDatabase({ databaseUrl: templateUrl, dataDir: pgliteDir, poolSize: 2 });
    const pgNode = await createNode({ ...config, databaseUrl: templateUrl }, { db, log: silent });
    await pgNode.close();
    await db.close();
  }
  project.provide('postgresUrl', postgresUrl);

  return () => {
    cluster?.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
