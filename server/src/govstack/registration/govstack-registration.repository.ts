import { sql } from 'kysely';
import type { Database } from '../../kernel/index.ts';

/*
 * Read-only queries on one-stop's `service_cases`, for the two things its public functions do
 * not answer: who applied and which process runs a case (its summaries carry neither), and
 * counts over every case (its lists stop at one organisation's 200 newest). Nothing here
 * writes, and the facts are read only for cases the caller was already allowed to see through
 * `CaseService` or `WorkflowEngine`.
 */

/** What the GovStack views need of a case beyond CaseService's summaries. */
export interface CaseFacts {
  id: string;
  caseNo: string;
  applicantId: string;
  instanceId: string;
  serviceCode: string;
  serviceName: string;
}

export async function caseFacts(db: Database, ids: string[]): Promise<Map<string, CaseFacts>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await sql<CaseFacts>`select id, case_no as "caseNo", applicant_id as "applicantId", instance_id as "instanceId",
        service_code as "serviceCode", service_name as "serviceName"
      from service_cases where id in (${sql.join([...new Set(ids)])})`.execute(db.kysely)
  ).rows;
  return new Map(rows.map((r) => [r.id, r]));
}

/** Cases submitted in a period, by bucket (a day, week, month or year in China time; '' for the whole period) and service. */
export interface CaseCountRow {
  bucket: string;
  serviceCode: string;
  serviceName: string;
  received: number;
  pending: number;
  approved: number;
  /** 不予受理: not accepted, sent back to the applicant, who may apply again */
  sentBack: number;
  /** refused after review (不予许可) or countersigning (会签不同意) */
  rejected: number;
  withdrawn: number;
  /** seconds from submission to the decision, summed over approved and refused cases */
  handlingSeconds: number;
}

export interface CaseCountQuery {
  /** inclusive, YYYY-MM-DD in China time */
  from?: string | undefined;
  /** inclusive, YYYY-MM-DD in China time */
  to?: string | undefined;
  /** a service's code */
  serviceCode?: string | undefined;
  timeframe?: 'day' | 'week' | 'month' | 'year' | undefined;
}

const china = 'Asia/Shanghai';

export async function countCases(db: Database, query: CaseCountQuery): Promise<CaseCountRow[]> {
  const local = sql`(submitted_at at time zone ${china})`;
  const bucket = query.timeframe ? sql`to_char(date_trunc(${query.timeframe}, ${local}), 'YYYY-MM-DD')` : sql`''`;
  const conditions = [sql`true`];
  if (query.from) conditions.push(sql`${local} >= ${query.from}::date`);
  if (query.to) conditions.push(sql`${local} < ${query.to}::date + 1`);
  if (query.serviceCode) conditions.push(sql`service_code = ${query.serviceCode}`);
  return (
    await sql<CaseCountRow>`select ${bucket} as bucket, service_code as "serviceCode", max(service_name) as "serviceName",
        count(*)::int as received,
        (count(*) filter (where status in ('submitted', 'handling')))::int as pending,
        (count(*) filter (where status = 'completed'))::int as approved,
        (count(*) filter (where status = 'refused' and refused_stage = '不予受理'))::int as "sentBack",
        (count(*) filter (where status = 'refused' and refused_stage is distinct from '不予受理'))::int as rejected,
        (count(*) filter (where status = 'withdrawn'))::int as withdrawn,
        coalesce(sum(extract(epoch from finished_at - submitted_at)) filter (where status in ('completed', 'refused')), 0)::float8
          as "handlingSeconds"
      from service_cases where ${sql.join(conditions, sql` and `)}
      group by 1, 2 order by 1, 2`.execute(db.kysely)
  ).rows;
}
