import { sql } from 'kysely';
import { regionCovers, requireScope, type Actor, type Database } from '../../kernel/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';

interface OrgFigures {
  org_id: string;
  services: number;
  online: number;
  zero_trip: number;
  finished: number;
  on_time: number;
  avg_days: number | null;
  avg_promised: number | null;
  ratings: number;
  good: number;
}

/** A share in percent with one decimal, or null when there is nothing to divide. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

/**
 * 一网通办 KPIs per organisation and region, as docs/ONE-STOP.md defines them:
 * 网上可办率 = services not 线下办理 ÷ services; 跑零次可办率 = 全程网办 or 跑零次 ÷ services;
 * handling time = mean calendar days from submission to 办结 of finished cases, beside the
 * mean promised days; on-time rate = finished by their 承诺时限 ÷ finished; 好评率 = ratings of
 * 4–5 ÷ ratings. Monitors see the organisations in their scope.
 */
export class OneStopKpis {
  private readonly db: Database;
  private readonly identity: IdentityStore;

  constructor(db: Database, identity: IdentityStore) {
    this.db = db;
    this.identity = identity;
  }

  async read(actor: Actor, query: { regionCode?: string | undefined }) {
    const scope = requireScope(actor, 'workflow.monitor');
    const rows = (
      await sql<OrgFigures>`with s as (
          select org_id, count(*)::int as services,
            count(*) filter (where online_depth <> '线下办理')::int as online,
            count(*) filter (where online_depth in ('全程网办', '跑零次'))::int as zero_trip
          from service_items where status = 'active' group by org_id),
        c as (
          select org_id, count(*)::int as finished,
            count(*) filter (where due_at is null or finished_at <= due_at)::int as on_time,
            avg(extract(epoch from finished_at - submitted_at) / 86400)::float8 as avg_days,
            avg(promised_days)::float8 as avg_promised
          from service_cases where status in ('completed', 'refused') group by org_id),
        r as (
          select org_id, count(*)::int as ratings, count(*) filter (where score >= 4)::int as good from case_ratings group by org_id)
        select s.org_id, s.services, s.online, s.zero_trip, coalesce(c.finished, 0) as finished, coalesce(c.on_time, 0) as on_time,
          c.avg_days, c.avg_promised, coalesce(r.ratings, 0) as ratings, coalesce(r.good, 0) as good
        from s left join c on c.org_id = s.org_id left join r on r.org_id = s.org_id`.execute(this.db.kysely)
    ).rows;
    const orgs = new Map((await this.identity.allOrgs()).map((o) => [o.id, o]));
    const visible = rows.filter((r) => {
      const org = orgs.get(r.org_id);
      if (!org) return false;
      if (query.regionCode && !regionCovers(query.regionCode, org.regionCode)) return false;
      return scope.all || scope.orgIds.includes(org.id) || scope.regionCodes.some((code) => regionCovers(code, org.regionCode));
    });
    const figures = (list: OrgFigures[]) => {
      const sum = (key: keyof OrgFigures) => list.reduce((n, r) => n + Number(r[key] ?? 0), 0);
      const finished = sum('finished');
      const weighted = (key: 'avg_days' | 'avg_promised') =>
        finished > 0 ? Math.round((10 * list.reduce((n, r) => n + (r[key] ?? 0) * r.finished, 0)) / finished) / 10 : null;
      return {
        services: sum('services'),
        onlineRate: percent(sum('online'), sum('services')),
        zeroTripRate: percent(sum('zero_trip'), sum('services')),
        finished,
        averageDays: weighted('avg_days'),
        averagePromisedDays: weighted('avg_promised'),
        onTimeRate: percent(sum('on_time'), finished),
        ratings: sum('ratings'),
        goodRate: percent(sum('good'), sum('ratings')),
      };
    };
    const byRegion = new Map<string, OrgFigures[]>();
    for (const r of visible) {
      const code = orgs.get(r.org_id)!.regionCode;
      byRegion.set(code, [...(byRegion.get(code) ?? []), r]);
    }
    return {
      total: figures(visible),
      organisations: visible
        .map((r) => ({ orgId: r.org_id, orgName: orgs.get(r.org_id)!.name, regionCode: orgs.get(r.org_id)!.regionCode, ...figures([r]) }))
        .sort((a, b) => b.services - a.services || a.orgName.localeCompare(b.orgName, 'zh-CN')),
      regions: [...byRegion.entries()].map(([regionCode, list]) => ({ regionCode, ...figures(list) })),
    };
  }
}
