import { sql } from 'kysely';
import { regionCovers, requireScope, type Actor, type Database } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import type { ItemDefinitions } from '../items/index.ts';
import type { SharingService } from './sharing.service.ts';

/** A granted request counts as minute-level (分钟级) when its grant came within this long of the asking. */
export const minuteLevelMinutes = 10;
/** A request still pending this long after it was asked counts against satisfaction (the approval item's 5 working days, as calendar days). */
export const pendingOverdueDays = 7;

/**
 * P3.5 the seeds' sharing metrics over a period, for the organisations the actor manages data
 * for (a platform admin: every organisation of the region).
 *
 * - 共享需求满足率 demand satisfaction rate = granted ÷ (granted + refused + pending past
 *   {@link pendingOverdueDays} days), over the requests asked in the period (target ≥ 99%);
 * - 分钟级满足率 minute-level rate = granted within {@link minuteLevelMinutes} minutes ÷ granted
 *   (target ≥ 90%);
 * - the items' data needs matched by a grant; gateway calls a day, their latency percentiles
 *   (as logged with each call), top consumers, refused calls by reason.
 */
export class SharingMetrics {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly definitions: ItemDefinitions;
  private readonly sharing: SharingService;

  constructor(deps: { db: Database; audit: AuditLog; identity: IdentityStore; definitions: ItemDefinitions; sharing: SharingService }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.definitions = deps.definitions;
    this.sharing = deps.sharing;
  }

  /** The organisations in the actor's scope; null when that is every organisation. */
  private async scope(actor: Actor): Promise<string[] | null> {
    const scope = requireScope(actor, 'data.manage');
    if (scope.all) return null;
    const orgs = await this.identity.allOrgs();
    const inScope = orgs.filter((o) => scope.orgIds.includes(o.id) || scope.regionCodes.some((r) => regionCovers(r, o.regionCode)));
    return inScope.length === orgs.length ? null : inScope.map((o) => o.id);
  }

  async metrics(actor: Actor, days: number, now = new Date()) {
    const orgIds = await this.scope(actor);
    const since = new Date(now.getTime() - days * 86_400_000);
    const orgFilter = (column: string) =>
      orgIds === null ? sql`true` : sql`${sql.ref(column)} in (${sql.join(orgIds.length ? orgIds : [''])})`;
    const requests = (
      await sql<{ status: string; automatic: boolean; fast: boolean; overdue: boolean; n: string }>`select status, automatic,
          (status = 'approved' and decided_at <= requested_at + make_interval(mins => ${minuteLevelMinutes})) as fast,
          (status = 'pending' and requested_at < ${new Date(now.getTime() - pendingOverdueDays * 86_400_000).toISOString()}) as overdue,
          count(*) as n
        from share_requests where requested_at >= ${since.toISOString()}
          and (${orgFilter('consumer_org_id')} or ${orgFilter('owner_org_id')})
        group by 1, 2, 3, 4`.execute(this.db.kysely)
    ).rows;
    const count = (where: (r: (typeof requests)[number]) => boolean) => requests.filter(where).reduce((sum, r) => sum + Number(r.n), 0);
    const approved = count((r) => r.status === 'approved');
    const rejected = count((r) => r.status === 'rejected');
    const pending = count((r) => r.status === 'pending');
    const overdue = count((r) => r.overdue);
    const fast = count((r) => r.fast);
    const decidedOrLate = approved + rejected + overdue;

    const items = await this.definitions.dataNeeds(orgIds);
    let needs = 0;
    let matched = 0;
    for (const item of items) {
      const results = await this.sharing.matchNeeds(item.itemId, item.needs);
      needs += results.length;
      matched += results.filter(Boolean).length;
    }

    const calls = await this.audit.callStats({
      actions: ['gateway.query', 'gateway.search', 'gateway.service'],
      refusedTargetPrefix: '/gateway/',
      since,
      orgIds,
    });
    const names = new Map((await this.identity.orgsByIds(calls.byOrg.map((o) => o.orgId))).map((o) => [o.id, o.name]));
    const refusedByDay = new Map<string, number>();
    const refusedByCode: Record<string, number> = {};
    for (const r of calls.refused) {
      refusedByDay.set(r.day, (refusedByDay.get(r.day) ?? 0) + r.calls);
      refusedByCode[r.code] = (refusedByCode[r.code] ?? 0) + r.calls;
    }
    const callsByDay = new Map(calls.perDay.map((d) => [d.day, d.calls]));
    // the period's days as Beijing dates, oldest first, today last
    const dayList = Array.from({ length: days }, (_, i) =>
      new Date(now.getTime() - (days - 1 - i) * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10),
    );
    const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
    return {
      period: { from: since.toISOString(), to: now.toISOString(), days },
      scope: orgIds === null ? 'all' : 'orgs',
      needs: { total: needs, matched },
      requests: { total: approved + rejected + pending, approved, rejected, pending, overdue, automatic: count((r) => r.automatic) },
      demandSatisfactionRate: rate(approved, decidedOrLate),
      minuteLevelRate: rate(fast, approved),
      definitions: { minuteLevelMinutes, pendingOverdueDays },
      calls: {
        total: calls.perDay.reduce((sum, d) => sum + d.calls, 0),
        perDay: dayList.map((day) => ({ day, calls: callsByDay.get(day) ?? 0, refused: refusedByDay.get(day) ?? 0 })),
        latencyMs: calls.latencyMs,
        topConsumers: calls.byOrg.map((o) => ({ orgId: o.orgId, orgName: names.get(o.orgId) ?? o.orgId, calls: o.calls })),
        refused: { total: calls.refused.reduce((sum, r) => sum + r.calls, 0), byCode: refusedByCode, visible: orgIds === null },
      },
    };
  }
}
