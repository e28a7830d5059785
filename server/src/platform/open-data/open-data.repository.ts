import { sql } from 'kysely';
import { afterTimeCursor, newestFirst, regionPrefix, type Executor, type PermissionScope } from '../../kernel/index.ts';

// The only SQL of the portal's own tables: open_api_keys and open_applications.

export interface ApiKeyRow {
  id: string;
  account_id: string;
  account_kind: string;
  account_name: string;
  name: string;
  prefix: string;
  calls: string | number;
  last_used_at: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface ApplicationRow {
  id: string;
  resource_id: string;
  dataset_name: string;
  dataset_title: string;
  owner_org_id: string;
  owner_org_name: string;
  owner_region_code: string | null;
  applicant_id: string;
  applicant_kind: string;
  applicant_name: string;
  purpose: string;
  scenario: string;
  contact: string;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  created_at: string;
  decided_at: string | null;
}

const keyColumns = sql`id, account_id, account_kind, account_name, name, prefix, calls, last_used_at, created_at, revoked_at`;

/** Serialises the transactions naming the same thing (an account's keys, a person's application for a dataset). */
export async function lockFor(db: Executor, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(db);
}

export async function countActiveKeys(db: Executor, accountId: string): Promise<number> {
  const row = (
    await sql<{ n: string }>`select count(*) as n from open_api_keys where account_id = ${accountId} and revoked_at is null`.execute(db)
  ).rows[0];
  return Number(row?.n ?? 0);
}

export async function insertKey(
  db: Executor,
  key: { id: string; accountId: string; accountKind: string; accountName: string; name: string; prefix: string; secretHash: string },
): Promise<ApiKeyRow> {
  return (
    await sql<ApiKeyRow>`insert into open_api_keys (id, account_id, account_kind, account_name, name, prefix, secret_hash)
      values (${key.id}, ${key.accountId}, ${key.accountKind}, ${key.accountName}, ${key.name}, ${key.prefix}, ${key.secretHash})
      returning ${keyColumns}`.execute(db)
  ).rows[0]!;
}

export async function listKeys(db: Executor, accountId: string): Promise<ApiKeyRow[]> {
  return (
    await sql<ApiKeyRow>`select ${keyColumns} from open_api_keys where account_id = ${accountId}
      order by revoked_at is not null, created_at desc, id desc limit 100`.execute(db)
  ).rows;
}

export async function findKey(db: Executor, id: string, lock = false): Promise<ApiKeyRow | undefined> {
  return (await sql<ApiKeyRow>`select ${keyColumns} from open_api_keys where id = ${id} ${lock ? sql`for update` : sql``}`.execute(db))
    .rows[0];
}

export async function revokeKey(db: Executor, id: string): Promise<ApiKeyRow> {
  return (await sql<ApiKeyRow>`update open_api_keys set revoked_at = now() where id = ${id} returning ${keyColumns}`.execute(db)).rows[0]!;
}

export async function revokeAccountKeys(db: Executor, accountId: string): Promise<number> {
  const result = await sql`update open_api_keys set revoked_at = now() where account_id = ${accountId} and revoked_at is null`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The key with this secret hash, if it is not revoked; counts the call and notes when. */
export async function useKey(db: Executor, secretHash: string): Promise<ApiKeyRow | undefined> {
  return (
    await sql<ApiKeyRow>`update open_api_keys set calls = calls + 1, last_used_at = now()
      where secret_hash = ${secretHash} and revoked_at is null returning ${keyColumns}`.execute(db)
  ).rows[0];
}

export async function insertApplication(db: Executor, row: Omit<ApplicationRow, 'created_at' | 'decided_at'>): Promise<void> {
  await sql`insert into open_applications (id, resource_id, dataset_name, dataset_title, owner_org_id, owner_org_name, owner_region_code, applicant_id,
      applicant_kind, applicant_name, purpose, scenario, contact, status, reason, decided_by, decided_by_name)
    values (${row.id}, ${row.resource_id}, ${row.dataset_name}, ${row.dataset_title}, ${row.owner_org_id}, ${row.owner_org_name}, ${row.owner_region_code},
      ${row.applicant_id}, ${row.applicant_kind}, ${row.applicant_name}, ${row.purpose}, ${row.scenario}, ${row.contact}, ${row.status},
      ${row.reason}, ${row.decided_by}, ${row.decided_by_name})`.execute(db);
}

export async function findApplication(db: Executor, id: string, lock = false): Promise<ApplicationRow | undefined> {
  return (await sql<ApplicationRow>`select * from open_applications where id = ${id} ${lock ? sql`for update` : sql``}`.execute(db))
    .rows[0];
}

/** An application of this person for this dataset still open or granted (one at a time). */
export async function findLiveApplication(db: Executor, applicantId: string, resourceId: string): Promise<ApplicationRow | undefined> {
  return (
    await sql<ApplicationRow>`select * from open_applications where applicant_id = ${applicantId} and resource_id = ${resourceId}
      and status in ('pending', 'approved') order by created_at desc limit 1`.execute(db)
  ).rows[0];
}

export async function decideApplication(
  db: Executor,
  id: string,
  decision: { status: 'approved' | 'rejected'; reason: string | null; decidedBy: string | null; decidedByName: string },
): Promise<void> {
  await sql`update open_applications set status = ${decision.status}, reason = ${decision.reason}, decided_by = ${decision.decidedBy},
      decided_by_name = ${decision.decidedByName}, decided_at = now() where id = ${id}`.execute(db);
}

export async function hasApproval(db: Executor, applicantId: string, resourceId: string): Promise<boolean> {
  const row = (
    await sql`select 1 from open_applications where applicant_id = ${applicantId} and resource_id = ${resourceId}
      and status = 'approved' limit 1`.execute(db)
  ).rows[0];
  return Boolean(row);
}

/** A page of applications, newest first: an applicant's own, or those of the organisations a data officer's scope reaches. */
export async function listApplications(
  db: Executor,
  filter: {
    applicantId?: string | undefined;
    scope?: PermissionScope | undefined;
    status?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<ApplicationRow[]> {
  const conditions = [sql`true`];
  if (filter.applicantId !== undefined) conditions.push(sql`a.applicant_id = ${filter.applicantId}`);
  if (filter.scope && !filter.scope.all) {
    const reach = [sql`false`];
    if (filter.scope.orgIds.length) reach.push(sql`a.owner_org_id in (${sql.join(filter.scope.orgIds)})`);
    for (const code of filter.scope.regionCodes) reach.push(sql`a.owner_region_code like ${`${regionPrefix(code)}%`}`);
    conditions.push(sql`(${sql.join(reach, sql` or `)})`);
  }
  if (filter.status) conditions.push(sql`a.status = ${filter.status}`);
  if (filter.cursor) conditions.push(afterTimeCursor(filter.cursor, sql.ref('a.created_at'), sql.ref('a.id')));
  return (
    await sql<ApplicationRow>`select a.* from open_applications a where ${sql.join(conditions, sql` and `)}
      order by ${newestFirst(sql.ref('a.created_at'), sql.ref('a.id'))} limit ${filter.limit + 1}`.execute(db)
  ).rows;
}
