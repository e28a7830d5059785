import { sql } from 'kysely';
import { newId, type Actor, type Database, type Executor, type Logger } from '../../kernel/index.ts';
import type { NotifyInput } from '../notifications/index.ts';
import type { AppRegistry } from './app-registry.ts';

/** Consecutive failed checks after which the owning organisation's admins are told. */
const alertAfter = 3;

/**
 * 运行监测 (P7.2): each active app's health (or entry) URL is fetched on a schedule; a check
 * is up when it answers below 500 within five seconds. Latency, availability, errors (failed
 * checks and the app's refused or failed calls to the platform) and active users come from
 * the rows this and the registry write.
 */
export class AppMonitor {
  private readonly db: Database;
  private readonly registry: AppRegistry;
  private readonly notify: (tx: Executor, input: NotifyInput) => Promise<number>;
  private readonly adminsOf: (orgId: string) => Promise<string[]>;
  private readonly log: Logger;
  private running: Promise<number> | null = null;

  constructor(deps: {
    db: Database;
    registry: AppRegistry;
    notify: (tx: Executor, input: NotifyInput) => Promise<number>;
    adminsOf: (orgId: string) => Promise<string[]>;
    log: Logger;
  }) {
    this.db = deps.db;
    this.registry = deps.registry;
    this.notify = deps.notify;
    this.adminsOf = deps.adminsOf;
    this.log = deps.log;
  }

  /** Checks every active app once (one pass at a time); returns how many were checked. */
  checkAll(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const apps = await this.db.kysely
      .selectFrom('apps')
      .select(['id', 'name', 'owner_org_id', 'entry_url', 'health_url'])
      .where('status', '=', 'active')
      .execute();
    await Promise.all(
      apps.map((app: { id: string; name: string; owner_org_id: string; entry_url: string; health_url: string | null }) => this.check(app)),
    );
    return apps.length;
  }

  private async check(app: { id: string; name: string; owner_org_id: string; entry_url: string; health_url: string | null }) {
    const started = performance.now();
    let ok = false;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(app.health_url ?? app.entry_url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      status = response.status;
      ok = status < 500;
      if (!ok) error = `HTTP ${status}`;
      await response.body?.cancel();
    } catch (e) {
      error = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    }
    const latency = Math.round(performance.now() - started);
    const checkId = newId('chk');
    // looked up before the transaction: PGlite has one connection, a query beside the transaction would wait for it
    const admins = ok ? [] : await this.adminsOf(app.owner_org_id);
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx
        .insertInto('app_checks')
        .values({ id: checkId, app_id: app.id, ok, status_code: status, latency_ms: ok ? latency : null, error })
        .execute();
      if (ok) return;
      const recent = await tx
        .selectFrom('app_checks')
        .select(['id', 'ok'])
        .where('app_id', '=', app.id)
        .orderBy('checked_at', 'desc')
        .orderBy('id', 'desc')
        .limit(alertAfter + 1)
        .execute();
      // told once an outage: when the failures reach alertAfter after a success (or from the start)
      const failures = recent.findIndex((r: { ok: boolean }) => r.ok);
      const run = failures === -1 ? recent.length : failures;
      if (run !== alertAfter) return;
      await this.notify(tx, {
        recipients: admins,
        topic: 'app.alert',
        title: `应用「${app.name}」无法访问`,
        body: `连续 ${alertAfter} 次巡检失败：${error ?? ''}`,
        link: `/console/apps/${app.id}`,
        urgent: true,
        sourceType: 'app',
        sourceId: app.id,
        dedupeKey: `app-down:${checkId}`,
      });
    });
    if (!ok) this.log.warn({ app: app.id, error }, 'app availability check failed');
  }

  /** The figures of one app over the last `hours` (default a day), and its active users. */
  async stats(actor: Actor, appId: string, hours = 24) {
    const app = await this.registry.get(actor, appId);
    const since = sql`now() - make_interval(hours => ${hours})`;
    const checks = (
      await sql<{ total: string; up: string; avg_ms: string | null; p95_ms: string | null }>`
      select count(*) as total, count(*) filter (where ok) as up, avg(latency_ms) as avg_ms,
        percentile_cont(0.95) within group (order by latency_ms) as p95_ms
      from app_checks where app_id = ${appId} and checked_at > ${since}`.execute(this.db.kysely)
    ).rows[0]!;
    const last = await this.db.kysely
      .selectFrom('app_checks')
      .select(['checked_at', 'ok', 'status_code', 'latency_ms', 'error'])
      .where('app_id', '=', appId)
      .orderBy('checked_at', 'desc')
      .limit(20)
      .execute();
    const users = (
      await sql<{ d1: string; d7: string; d30: string }>`
      select count(distinct account_id) filter (where day > current_date - 1) as d1,
        count(distinct account_id) filter (where day > current_date - 7) as d7,
        count(distinct account_id) as d30
      from app_usage where app_id = ${appId} and day > current_date - 30`.execute(this.db.kysely)
    ).rows[0]!;
    const calls = (
      await sql<{ calls: string | null; errors: string | null }>`
      select sum(calls) as calls, sum(errors) as errors from component_usage where caller = ${app.clientId} and day > current_date - 1`.execute(
        this.db.kysely,
      )
    ).rows[0]!;
    const total = Number(checks.total);
    return {
      appId,
      hours,
      checks: total,
      availability: total ? Number(checks.up) / total : null,
      avgLatencyMs: checks.avg_ms === null ? null : Math.round(Number(checks.avg_ms)),
      p95LatencyMs: checks.p95_ms === null ? null : Math.round(Number(checks.p95_ms)),
      failedChecks: total - Number(checks.up),
      platformCalls: Number(calls.calls ?? 0),
      platformErrors: Number(calls.errors ?? 0),
      activeUsers: { day: Number(users.d1), week: Number(users.d7), month: Number(users.d30) },
      recentChecks: last.map(
        (c: { checked_at: string; ok: boolean; status_code: number | null; latency_ms: number | null; error: string | null }) => ({
          at: c.checked_at,
          ok: c.ok,
          status: c.status_code,
          latencyMs: c.latency_ms,
          error: c.error,
        }),
      ),
    };
  }
}
