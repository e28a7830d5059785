import { sql } from 'kysely';
import type { Actor, Database } from '../../kernel/index.ts';
import { readableApps } from './app-registry.ts';

/** The parts of the monthly score and their weights; a part without data is left out and the rest re-weighted. */
export const efficacyWeights = { usage: 0.35, satisfaction: 0.25, completion: 0.25, availability: 0.15 } as const;
/** Below this an app is flagged 低效应用 for its owner and the data bureau. */
export const poorBelow = 60;

type Part = keyof typeof efficacyWeights;

/** The score from its parts (each 0–100 or null). */
export function efficacyScore(parts: Record<Part, number | null>): number {
  let sum = 0;
  let weight = 0;
  for (const [part, w] of Object.entries(efficacyWeights) as [Part, number][]) {
    const value = parts[part];
    if (value === null) continue;
    sum += value * w;
    weight += w;
  }
  return weight ? Math.round((sum / weight) * 10) / 10 : 0;
}

const monthBounds = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1));
  const end = new Date(Date.UTC(y, m, 1));
  return { start: start.toISOString(), end: end.toISOString() };
};

/**
 * 应用效能评估 (P7.3): each month every active app is scored from usage (people who used it
 * against the users it was registered for), satisfaction (people's ratings), task completion
 * (what it reports) and availability (checks); under 60 it is flagged.
 */
export class AppEfficacy {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async evaluate(month: string): Promise<number> {
    const { start, end } = monthBounds(month);
    const rows = await sql<{
      id: string;
      expected_users: number;
      users: string;
      rating: string | null;
      ratings: string;
      started: number | null;
      completed: number | null;
      checks: string;
      up: string;
    }>`
      select a.id, a.expected_users,
        (select count(distinct account_id) from app_usage u where u.app_id = a.id and u.day >= ${start}::date and u.day < ${end}::date) as users,
        (select avg(score) from app_ratings r where r.app_id = a.id and r.rated_at < ${end}::timestamptz) as rating,
        (select count(*) from app_ratings r where r.app_id = a.id and r.rated_at < ${end}::timestamptz) as ratings,
        t.started, t.completed,
        (select count(*) from app_checks c where c.app_id = a.id and c.checked_at >= ${start}::timestamptz and c.checked_at < ${end}::timestamptz) as checks,
        (select count(*) from app_checks c where c.app_id = a.id and c.ok and c.checked_at >= ${start}::timestamptz and c.checked_at < ${end}::timestamptz) as up
      from apps a left join app_task_reports t on t.app_id = a.id and t.month = ${month}
      where a.status = 'active' and a.created_at < ${end}::timestamptz`.execute(this.db.kysely);
    for (const r of rows.rows) {
      const parts = {
        usage: Math.min(1, Number(r.users) / r.expected_users) * 100,
        satisfaction: r.rating === null ? null : ((Number(r.rating) - 1) / 4) * 100,
        completion: r.started ? ((r.completed ?? 0) / r.started) * 100 : null,
        availability: Number(r.checks) ? (Number(r.up) / Number(r.checks)) * 100 : null,
      };
      const score = efficacyScore(parts);
      const details = JSON.stringify({
        users: Number(r.users),
        expectedUsers: r.expected_users,
        rating: r.rating === null ? null : Number(Number(r.rating).toFixed(2)),
        ratings: Number(r.ratings),
        started: r.started,
        completed: r.completed,
        checks: Number(r.checks),
        up: Number(r.up),
      });
      const values = {
        usage_score: parts.usage,
        satisfaction_score: parts.satisfaction,
        completion_score: parts.completion,
        availability_score: parts.availability,
        score,
        poor: score < poorBelow,
        details,
      };
      await this.db.kysely
        .insertInto('app_efficacy')
        .values({ app_id: r.id, month, ...values })
        .onConflict((oc) => oc.columns(['app_id', 'month']).doUpdateSet({ ...values, computed_at: sql`now()` }))
        .execute();
    }
    return rows.rows.length;
  }

  /** The scores of the apps the actor may read, for the last `months` months up to `month`. */
  async report(actor: Actor, month: string, months = 6) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const from = new Date(Date.UTC(y, m - months, 1)).toISOString().slice(0, 7);
    const rows = await sql<{
      app_id: string;
      name: string;
      system: string;
      month: string;
      score: string;
      poor: boolean;
      usage_score: string | null;
      satisfaction_score: string | null;
      completion_score: string | null;
      availability_score: string | null;
      details: Record<string, unknown>;
    }>`
      select e.*, a.name, a.system from app_efficacy e join apps a on a.id = e.app_id
      where ${readableApps(actor)} and e.month > ${from} and e.month <= ${month}
      order by e.month, a.name`.execute(this.db.kysely);
    const num = (v: string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
    return {
      month,
      poorBelow,
      weights: efficacyWeights,
      items: rows.rows.map((r) => ({
        appId: r.app_id,
        name: r.name,
        system: r.system,
        month: r.month,
        score: Number(r.score),
        poor: r.poor,
        parts: {
          usage: num(r.usage_score),
          satisfaction: num(r.satisfaction_score),
          completion: num(r.completion_score),
          availability: num(r.availability_score),
        },
        details: r.details,
      })),
    };
  }
}
