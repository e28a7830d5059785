import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findChrt, findPostgresBin, startThrowawayCluster } from './pg-cluster.ts';

/** A process's scheduling policy from /proc (0 SCHED_OTHER, 3 SCHED_BATCH). */
function policyOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]); // field 41 of proc(5)
}

// The benches' PostgreSQL under SCHED_BATCH (docs/DEPLOYMENT.md): every backend, not only the postmaster.
describe.runIf(findPostgresBin() && findChrt())('a throwaway cluster under SCHED_BATCH', () => {
  it('runs its backends under SCHED_BATCH, and a plain one under the default policy', async () => {
    for (const batch of [true, false]) {
      const cluster = await startThrowawayCluster({ batch });
      try {
        const client = new pg.Client({ connectionString: cluster.socketUrl });
        await client.connect();
        const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
        expect(policyOf(pid)).toBe(batch ? 3 : 0); // while the backend lives: it ends with its client
        await client.end();
      } finally {
        cluster.stop();
      }
    }
  });
});
