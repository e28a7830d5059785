// Diagnostics for the benches on PostgreSQL: the CPU its processes used, and (with
// BENCH_STATEMENTS=1 and ZHILI_PG_OPTS="-c shared_preload_libraries=pg_stat_statements")
// the statements a run sent, most expensive first.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../server/src/kernel/index.ts';

/** CPU seconds used so far by every PostgreSQL process (the server's backends), from /proc. */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** The whole machine's CPU ticks from /proc/stat: what ran, what sat idle, what the host took. */
export function machineTicks(): { busy: number; idle: number; stolen: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const columns = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const; // the order of /proc/stat
  const tick = Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? 0])) as Record<(typeof columns)[number], number>;
  return { busy: tick.user + tick.nice + tick.system + tick.irq + tick.softirq, idle: tick.idle + tick.iowait, stolen: tick.steal };
}

/**
 * How the machine's cores were spent since `before`, in cores: on a shared VM the host can
 * take a large share ("stolen"), and a figure means little without it.
 */
export function machineShare(before: ReturnType<typeof machineTicks>, seconds: number): string {
  const now = machineTicks();
  const cores = (ticks: number) => (ticks / 100 / seconds).toFixed(2);
  return `cores busy ${cores(now.busy - before.busy)}, idle ${cores(now.idle - before.idle)}, taken by the host ${cores(now.stolen - before.stolen)}`;
}

/**
 * Waits until every audit entry of the run is chained, and says how long that took: a run's
 * figure includes chaining what it wrote (in the request thread or the chainer's own), or a
 * short run would leave that work for after its clock stopped.
 */
export async function chainCaughtUp(db: Database, audit: { flush(): Promise<number> }): Promise<number> {
  const started = performance.now();
  for (;;) {
    await audit.flush();
    const pending = (await sql<{ n: string }>`select count(*) as n from audit_pending`.execute(db.kysely)).rows[0]!.n;
    if (pending === '0') return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const wanted = () => Boolean(process.env.BENCH_STATEMENTS);

export async function resetStatements(db: Database): Promise<void> {
  if (!wanted() || db.kind !== 'postgres') return;
  await sql`create extension if not exists pg_stat_statements`.execute(db.kysely);
  await sql`select pg_stat_statements_reset()`.execute(db.kysely);
}

/**
 * Prints the statements since the reset: calls per unit of work, mean time, text — and, with
 * `-c pg_stat_statements.track_planning=on`, how often each was planned and the time it took
 * (a prepared statement that PostgreSQL keeps re-planning with a custom plan shows here).
 */
export async function printStatements(db: Database, units: number): Promise<void> {
  if (!wanted() || db.kind !== 'postgres') return;
  const rows = (
    await sql<{
      n: string;
      mean: string;
      plans: string;
      plan: string;
      query: string;
    }>`select calls::text as n, round(mean_exec_time::numeric, 3)::text as mean,
        plans::text as plans, round(mean_plan_time::numeric, 3)::text as plan,
        left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
      from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time + total_plan_time desc limit 25`.execute(
      db.kysely,
    )
  ).rows;
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  console.log(
    `\nstatements (${(total / units).toFixed(1)} a unit, begin/commit not counted; calls a unit × mean ms, [plans a call × mean plan ms]):`,
  );
  for (const r of rows) {
    const planned = Number(r.plans) ? ` [${(Number(r.plans) / Number(r.n)).toFixed(2)} × ${r.plan}]` : '';
    console.log(`${(Number(r.n) / units).toFixed(2).padStart(6)} × ${r.mean.padStart(7)} ms${planned}  ${r.query}`);
  }
}
