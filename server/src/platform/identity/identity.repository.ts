import { sql } from 'kysely';
import type { Executor } from '../../kernel/index.ts';
import { idb, type IdentityTables } from './identity.tables.ts';

export type AccountRow = IdentityTables['accounts'];
export type OrgRow = IdentityTables['orgs'];
export type GrantRow = {
  id: string;
  account_id: string;
  role: string;
  org_id: string | null;
  region_code: string | null;
  created_at: string;
};

export function findRegion(db: Executor, code: string) {
  return idb(db).selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listRegionChildren(db: Executor, parentCode: string | null) {
  const rows = await idb(db)
    .selectFrom('regions as r')
    .select(['r.code', 'r.name', 'r.level', 'r.parent_code'])
    .select((eb) => eb.exists(eb.selectFrom('regions as c').select('c.code').whereRef('c.parent_code', '=', 'r.code')).as('has_children'))
    .where('r.parent_code', parentCode === null ? 'is' : '=', parentCode)
    .orderBy('r.code')
    .execute();
  return rows;
}

export function regionNames(db: Executor, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([] as { code: string; name: string }[]);
  return idb(db).selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
}

export function findOrg(db: Executor, id: string) {
  return idb(db).selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface OrgFilter {
  regionPrefix?: string | undefined;
  regionExact?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  scope: { all: boolean; regionPrefixes: string[]; orgIds: string[] };
  after?: string | undefined;
  limit: number;
}

export function listOrgs(db: Executor, filter: OrgFilter) {
  let query = idb(db)
    .selectFrom('orgs as o')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .select(['o.id', 'o.name', 'o.kind', 'o.region_code', 'o.parent_org_id', 'r.name as region_name']);
  if (!filter.scope.all) {
    const { regionPrefixes, orgIds } = filter.scope;
    query = query.where((eb) =>
      eb.or([...regionPrefixes.map((p) => eb('o.region_code', 'like', `${p}%`)), ...(orgIds.length ? [eb('o.id', 'in', orgIds)] : [])]),
    );
  }
  if (filter.regionExact) query = query.where('o.region_code', '=', filter.regionExact);
  if (filter.regionPrefix) query = query.where('o.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.kind) query = query.where('o.kind', '=', filter.kind);
  if (filter.q) query = query.where('o.name', 'like', `%${escapeLike(filter.q)}%`);
  if (filter.after)
    query = query.where(sql`(o.region_code, o.id)`, '>', sql`(${filter.after.split('|')[0]}, ${filter.after.split('|')[1]})`);
  return query.orderBy('o.region_code').orderBy('o.id').limit(filter.limit).execute();
}

export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

export function listUnits(db: Executor, orgId: string) {
  return idb(db)
    .selectFrom('org_units')
    .select(['id', 'name', 'parent_unit_id'])
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findUnit(db: Executor, id: string) {
  return idb(db).selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAccountByUsername(db: Executor, username: string) {
  return idb(db).selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findAccount(db: Executor, id: string) {
  return idb(db).selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function grantsOf(db: Executor, accountId: string) {
  return idb(db).selectFrom('role_grants').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
}

export function grantsOfMany(db: Executor, accountIds: string[]) {
  if (accountIds.length === 0) return Promise.resolve([] as GrantRow[]);
  return idb(db).selectFrom('role_grants').selectAll().where('account_id', 'in', accountIds).execute();
}

export async function replaceGrants(tx: Executor, accountId: string, grants: Omit<GrantRow, 'created_at'>[]) {
  await idb(tx).deleteFrom('role_grants').where('account_id', '=', accountId).execute();
  if (grants.length) await idb(tx).insertInto('role_grants').values(grants).execute();
}

export interface AccountFilter {
  kind?: string | undefined;
  orgId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  scope: { all: boolean; regionPrefixes: string[]; orgIds: string[] };
  after?: string | undefined;
  limit: number;
}

export function listAccounts(db: Executor, filter: AccountFilter) {
  let query = idb(db).selectFrom('accounts as a').leftJoin('orgs as o', 'o.id', 'a.org_id').selectAll('a').select(['o.name as org_name']);
  if (!filter.scope.all) {
    const { regionPrefixes, orgIds } = filter.scope;
    query = query.where((eb) =>
      eb.or([
        ...regionPrefixes.map((p) => eb(sql<string>`coalesce(o.region_code, a.region_code)`, 'like', `${p}%`)),
        ...(orgIds.length ? [eb('a.org_id', 'in', orgIds)] : []),
      ]),
    );
  }
  if (filter.kind) query = query.where('a.kind', '=', filter.kind as AccountRow['kind']);
  if (filter.orgId) query = query.where('a.org_id', '=', filter.orgId);
  if (filter.status) query = query.where('a.status', '=', filter.status as AccountRow['status']);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('a.display_name', 'like', like), eb('a.username', 'like', like)]));
  }
  if (filter.after) query = query.where('a.id', '>', filter.after);
  return query.orderBy('a.id').limit(filter.limit).execute();
}

export function addressBook(
  db: Executor,
  orgId: string,
  q: string | undefined,
  after: string | undefined,
  limit: number,
  publicOnly = false,
) {
  let query = idb(db)
    .selectFrom('accounts as a')
    .leftJoin('org_units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.display_name', 'a.unit_id', 'u.name as unit_name', 'a.position', 'a.phone'])
    .where('a.org_id', '=', orgId)
    .where('a.kind', '=', 'staff')
    .where('a.status', '=', 'active');
  if (publicOnly) query = query.where('a.public_contact', '=', true);
  if (q) {
    const like = `%${escapeLike(q)}%`;
    query = query.where((eb) => eb.or([eb('a.display_name', 'like', like), eb('a.position', 'like', like), eb('u.name', 'like', like)]));
  }
  if (after) query = query.where('a.id', '>', after);
  return query.orderBy('a.id').limit(limit).execute();
}
