import { namePinyin } from './name-pinyin.ts';
import { sql } from 'kysely';
import { newId, type Actor, type Database, type Executor, type Grade } from '../../kernel/index.ts';
import { loadActor } from './actor-loader.ts';
import * as repo from './identity.repository.ts';
import { idb } from './identity.tables.ts';
import type { OrgKind } from './org-kinds.ts';
import type { Role } from './roles.ts';

export interface RegionImport {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
}
export interface OrgImport {
  slug: string;
  name: string;
  kind: OrgKind;
  regionCode: string;
  parentSlug: string | null;
  units: { slug: string; name: string; parentSlug?: string | undefined }[];
}
export interface AccountImport {
  kind: 'staff' | 'citizen' | 'enterprise';
  username: string;
  displayName: string;
  idNumber?: string | undefined;
  phone?: string | null | undefined;
  regionCode?: string | null | undefined;
  orgSlug?: string | undefined;
  unitSlug?: string | undefined;
  position?: string | undefined;
  clearance?: Grade | undefined;
  realNameLevel?: number | undefined;
  roles?: Role[] | undefined;
  /** 对外联系人: seen in the address books of the regions below */
  publicContact?: boolean | undefined;
  passwordHash: string;
}

const regionalRoles = new Set<Role>(['platform_admin', 'staff', 'leader', 'auditor']);

/** Identity's public functions for the rest of the platform: packs, SSO, CLI. */
export class IdentityStore {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async isEmpty(): Promise<boolean> {
    const row = await idb(this.db.kysely)
      .selectFrom('regions')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0) === 0;
  }

  /** An organisation as other modules see it (for their access checks and labels). */
  async findOrg(
    orgId: string,
    db: Executor = this.db.kysely,
  ): Promise<{ id: string; name: string; regionCode: string; parentOrgId: string | null } | undefined> {
    const org = await repo.findOrg(db, orgId);
    return org ? { id: org.id, name: org.name, regionCode: org.region_code, parentOrgId: org.parent_org_id } : undefined;
  }

  async orgIdBySlug(slug: string): Promise<string | undefined> {
    return (await idb(this.db.kysely).selectFrom('orgs').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
  }

  /** The organisation's own staff holding the leader role (领导), for escalations. */
  async leadersOf(orgId: string): Promise<{ id: string; displayName: string }[]> {
    return this.accountsWithRole(orgId, 'leader');
  }

  /** Active staff holding a role in organisations of exactly this region (e.g. the province's data bureau). */
  async accountsWithRoleInRegion(regionCode: string, role: Role): Promise<{ id: string; displayName: string }[]> {
    return (
      await sql<{ id: string; displayName: string }>`select distinct a.id, a.display_name as "displayName" from accounts a
        join role_grants g on g.account_id = a.id and g.role = ${role}
        join orgs o on o.id = a.org_id
        where o.region_code = ${regionCode} and a.status = 'active' order by a.id`.execute(this.db.kysely)
    ).rows;
  }

  /**
   * Who does an organisation's data work (reviews sharing requests, fixes data quality): its
   * data officers; without any, its administrators, then its leaders; an organisation with none
   * of them is served by its province data bureau's data officers. Empty only if none exist.
   */
  async dataStewardsOf(orgId: string): Promise<{ id: string; displayName: string }[]> {
    for (const role of ['data_officer', 'org_admin', 'leader'] as const) {
      const found = await this.accountsWithRole(orgId, role);
      if (found.length) return found;
    }
    const regionCode = (await this.findOrg(orgId))?.regionCode;
    return regionCode ? this.accountsWithRoleInRegion(`${regionCode.slice(0, 2)}0000`, 'data_officer') : [];
  }

  /** The organisation's own active staff holding a role (e.g. its data officers, who approve sharing). */
  async accountsWithRole(orgId: string, role: Role): Promise<{ id: string; displayName: string }[]> {
    return (
      await sql<{ id: string; displayName: string }>`select distinct a.id, a.display_name as "displayName" from accounts a
        join role_grants g on g.account_id = a.id and g.role = ${role}
        where a.org_id = ${orgId} and a.status = 'active' order by a.id`.execute(this.db.kysely)
    ).rows;
  }

  /** Every organisation, by region then id: for directories other modules publish (the GovStack IM member list). */
  async allOrgs(): Promise<{ id: string; name: string; kind: string; regionCode: string; parentOrgId: string | null }[]> {
    const rows = await repo.listOrgs(this.db.kysely, { scope: { all: true, regionPrefixes: [], orgIds: [] }, limit: 100_000 });
    return rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind, regionCode: o.region_code, parentOrgId: o.parent_org_id }));
  }

  async orgsByIds(ids: string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return idb(this.db.kysely).selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
  }

  async orgsByNames(names: string[]): Promise<{ id: string; name: string }[]> {
    if (names.length === 0) return [];
    return idb(this.db.kysely).selectFrom('orgs').select(['id', 'name']).where('name', 'in', names).execute();
  }

  async actorFor(accountId: string, ip: string): Promise<Actor | undefined> {
    const account = await repo.findAccount(this.db.kysely, accountId);
    if (!account || account.status !== 'active') return undefined;
    return loadActor(this.db.kysely, account, ip, null);
  }

  async actorForUsername(username: string): Promise<Actor | undefined> {
    const account = await repo.findAccountByUsername(this.db.kysely, username);
    return account ? this.actorFor(account.id, '127.0.0.1') : undefined;
  }

  /** A citizen's or enterprise's verified identity (实名): what applications are filled and checked with. */
  async subjectOf(accountId: string): Promise<{ id: string; displayName: string; idNumber: string; phone: string | null } | undefined> {
    const account = await repo.findAccount(this.db.kysely, accountId);
    if (!account || account.status !== 'active' || account.kind === 'staff' || !account.id_number) return undefined;
    return { id: account.id, displayName: account.display_name, idNumber: account.id_number, phone: account.phone };
  }

  /** OpenID claims of an account (the `profile` scope). */
  async claimsOf(accountId: string): Promise<Record<string, unknown> | undefined> {
    const account = await repo.findAccount(this.db.kysely, accountId);
    if (!account || account.status !== 'active') return undefined;
    const org = account.org_id ? await repo.findOrg(this.db.kysely, account.org_id) : undefined;
    return {
      name: account.display_name,
      preferred_username: account.kind === 'staff' ? account.username : undefined,
      zhili_kind: account.kind,
      zhili_org_id: account.org_id ?? undefined,
      zhili_region_code: org?.region_code ?? account.region_code ?? undefined,
    };
  }

  async setPassword(tx: Executor, username: string, passwordHash: string): Promise<string | undefined> {
    const result = await idb(tx)
      .updateTable('accounts')
      .set({ password_hash: passwordHash, must_change_password: false })
      .where('username', '=', username)
      .returning('id')
      .executeTakeFirst();
    if (result) await idb(tx).deleteFrom('login_throttle').where('username', '=', username).execute();
    return result?.id;
  }

  async importRegions(tx: Executor, regions: RegionImport[]): Promise<void> {
    for (const batch of chunks(regions, 200)) {
      await idb(tx)
        .insertInto('regions')
        .values(batch.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })))
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
  }

  /** Creates organisations and their units; returns ids by slug (`org` and `org.unit`). */
  async importOrgs(tx: Executor, orgs: OrgImport[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const org of orgs) ids.set(org.slug, newId('org'));
    const orgRows = orgs.map((o) => ({
      id: ids.get(o.slug)!,
      slug: o.slug,
      name: o.name,
      kind: o.kind,
      region_code: o.regionCode,
      parent_org_id: null as string | null,
    }));
    for (const batch of chunks(orgRows, 200))
      await idb(tx)
        .insertInto('orgs')
        .values(batch as never)
        .execute();
    for (const org of orgs) {
      if (org.parentSlug && ids.has(org.parentSlug)) {
        await idb(tx)
          .updateTable('orgs')
          .set({ parent_org_id: ids.get(org.parentSlug)! })
          .where('id', '=', ids.get(org.slug)!)
          .execute();
      }
    }
    const unitRows = orgs.flatMap((org) =>
      org.units.map((unit) => {
        const id = newId('unit');
        ids.set(`${org.slug}/${unit.slug}`, id);
        return { id, org_id: ids.get(org.slug)!, slug: unit.slug, name: unit.name, parentSlug: unit.parentSlug, orgSlug: org.slug };
      }),
    );
    for (const batch of chunks(unitRows, 200)) {
      await idb(tx)
        .insertInto('org_units')
        .values(
          batch.map((u) => ({
            id: u.id,
            org_id: u.org_id,
            slug: u.slug,
            name: u.name,
            parent_unit_id: u.parentSlug ? (ids.get(`${u.orgSlug}/${u.parentSlug}`) ?? null) : null,
          })) as never,
        )
        .execute();
    }
    return ids;
  }

  /** Staff created before names were indexed in pinyin get it once; the count done. */
  async backfillNamePinyin(): Promise<number> {
    const rows = await idb(this.db.kysely)
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('kind', '=', 'staff')
      .where('name_pinyin', 'is', null)
      .execute();
    for (const r of rows) {
      await idb(this.db.kysely)
        .updateTable('accounts')
        .set({ name_pinyin: namePinyin(r.display_name) })
        .where('id', '=', r.id)
        .execute();
    }
    return rows.length;
  }

  async importAccounts(tx: Executor, accounts: AccountImport[], ids: Map<string, string>, orgRegion: Map<string, string>): Promise<number> {
    let created = 0;
    for (const batch of chunks(accounts, 200)) {
      const rows = batch.map((a) => ({
        id: newId('acc'),
        kind: a.kind,
        username: a.username,
        display_name: a.displayName,
        id_number: a.idNumber ?? null,
        phone: a.phone ?? null,
        region_code: a.regionCode ?? null,
        org_id: a.orgSlug ? (ids.get(a.orgSlug) ?? null) : null,
        unit_id: a.orgSlug && a.unitSlug ? (ids.get(`${a.orgSlug}/${a.unitSlug}`) ?? null) : null,
        position: a.position ?? null,
        name_pinyin: a.kind === 'staff' ? namePinyin(a.displayName) : null,
        public_contact: a.publicContact ?? false,
        clearance: a.clearance ?? 'L1',
        real_name_level: a.realNameLevel ?? (a.kind === 'staff' ? 3 : 2),
        password_hash: a.passwordHash,
      }));
      await idb(tx)
        .insertInto('accounts')
        .values(rows as never)
        .execute();
      const grants = batch.flatMap((a, i) =>
        (a.roles ?? []).map((role) => {
          const orgId = rows[i]!.org_id;
          const regional = regionalRoles.has(role);
          return {
            id: newId('grt'),
            account_id: rows[i]!.id,
            role,
            org_id: regional ? null : orgId,
            region_code: regional && a.orgSlug ? (orgRegion.get(a.orgSlug) ?? null) : null,
          };
        }),
      );
      if (grants.length)
        await idb(tx)
          .insertInto('role_grants')
          .values(grants as never)
          .execute();
      created += rows.length;
    }
    return created;
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
