import { sql } from 'kysely';
import {
  ConflictError,
  ForbiddenError,
  gradeRank,
  newId,
  NotFoundError,
  regionPrefix,
  requirePermission,
  requireScope,
  ValidationError,
  emit,
  can,
  type Actor,
  type Database,
  type Locale,
  type PermissionScope,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { maskPhone, maskResidentId } from './id-numbers.ts';
import * as repo from './identity.repository.ts';
import { idb } from './identity.tables.ts';
import { namePinyin } from './name-pinyin.ts';
import { orgKinds } from './org-kinds.ts';
import { hashPassword, temporaryPassword } from './passwords.ts';
import { orgAssignableRoles, roleDefinitions, type Role } from './roles.ts';
import type { CreateAccountInput, SetRolesInput } from './identity.schemas.ts';
import type { z } from 'zod';
import type { createOrgBody, updateOrgBody } from './identity.schemas.ts';
import { validateResidentId, validateUscc } from './id-numbers.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

interface PersonRow {
  id: string;
  display_name: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  public_contact: boolean;
  org_id: string;
  org_name: string;
  unit_name: string | null;
  region_code: string;
  region_name: string;
}
const personColumns = sql`a.id, a.display_name, a.position, a.phone, a.email, a.public_contact, a.org_id, o.name as org_name,
  u.name as unit_name, o.region_code, r.name as region_name`;

/** The regions above a GB/T 2260 code: 330106 → 330100, 330000; a 街道 adds its county. */
export function regionAncestors(code: string): string[] {
  const six = code.slice(0, 6);
  const out = code.length > 6 ? [six] : [];
  if (!six.endsWith('00')) out.push(`${six.slice(0, 4)}00`);
  if (!six.endsWith('0000')) out.push(`${six.slice(0, 2)}0000`);
  return out;
}

function sqlScope(scope: PermissionScope) {
  return { all: scope.all, regionPrefixes: scope.regionCodes.map(regionPrefix), orgIds: scope.orgIds };
}

function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items.at(-1)!) : null };
}

/** Regions, organisations, units, address book and accounts (用户中心). */
export class DirectoryService {
  private readonly db: Database;
  private readonly audit: AuditLog;

  constructor(db: Database, audit: AuditLog) {
    this.db = db;
    this.audit = audit;
  }

  async listRegions(parentCode: string | undefined) {
    const rows = await repo.listRegionChildren(this.db.kysely, parentCode ?? null);
    return {
      items: rows.map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parent_code,
        hasChildren: Boolean(r.has_children),
      })),
    };
  }

  orgKinds(locale: Locale) {
    return { items: orgKinds.map((k) => ({ kind: k.kind, label: locale === 'en' ? k.en : k.zh })) };
  }

  private kindLabel(kind: string, locale: Locale): string {
    const found = orgKinds.find((k) => k.kind === kind);
    return found ? (locale === 'en' ? found.en : found.zh) : kind;
  }

  async listOrgs(
    actor: Actor,
    locale: Locale,
    query: {
      regionCode?: string | undefined;
      includeSubRegions: 'true' | 'false';
      kind?: string | undefined;
      q?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    const scope = requireScope(actor, 'org.read');
    const rows = await repo.listOrgs(this.db.kysely, {
      scope: sqlScope(scope),
      regionExact: query.regionCode && query.includeSubRegions === 'false' ? query.regionCode : undefined,
      regionPrefix: query.regionCode && query.includeSubRegions === 'true' ? regionPrefix(query.regionCode) : undefined,
      kind: query.kind,
      q: query.q,
      after: query.cursor,
      limit: query.limit + 1,
    });
    const result = page(rows, query.limit, (r) => `${r.region_code}|${r.id}`);
    return {
      items: result.items.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        kindLabel: this.kindLabel(r.kind, locale),
        regionCode: r.region_code,
        regionName: r.region_name,
        parentOrgId: r.parent_org_id,
      })),
      nextCursor: result.nextCursor,
    };
  }

  /** Loads an org the actor may see under `permission`; someone else's is "not found". */
  private async visibleOrg(actor: Actor, orgId: string, permission: string) {
    const org = await repo.findOrg(this.db.kysely, orgId);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId });
    if (!can(actor, permission, { orgId: org.id, regionCode: org.region_code })) {
      throw new ForbiddenError('access.forbidden', { permission, orgId });
    }
    return org;
  }

  async getOrg(actor: Actor, locale: Locale, orgId: string) {
    const org = await this.visibleOrg(actor, orgId, 'org.read');
    const [region] = await repo.regionNames(this.db.kysely, [org.region_code]);
    const units = await repo.listUnits(this.db.kysely, org.id);
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      kindLabel: this.kindLabel(org.kind, locale),
      regionCode: org.region_code,
      regionName: region?.name ?? org.region_code,
      parentOrgId: org.parent_org_id,
      units: units.map((u) => ({ id: u.id, name: u.name, parentUnitId: u.parent_unit_id })),
    };
  }

  async createOrg(actor: Actor, locale: Locale, input: z.infer<typeof createOrgBody>) {
    // Only a regional grant covers a region: an org admin's grant (its own org) cannot create organisations.
    requirePermission(actor, 'org.manage', { regionCode: input.regionCode });
    const region = await repo.findRegion(this.db.kysely, input.regionCode);
    if (!region) throw new ValidationError('identity.region_not_found', { regionCode: input.regionCode });
    if (input.parentOrgId) await this.visibleOrg(actor, input.parentOrgId, 'org.read');
    const id = newId('org');
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .insertInto('orgs')
        .values({
          id,
          name: input.name,
          kind: input.kind,
          region_code: input.regionCode,
          parent_org_id: input.parentOrgId ?? null,
        } as never)
        .execute();
      await emit(tx, 'identity.org.created', { orgId: id, regionCode: input.regionCode });
      await this.audit.record(
        {
          actor,
          action: 'org.create',
          targetType: 'org',
          targetId: id,
          regionCode: input.regionCode,
          orgId: id,
          details: { name: input.name, kind: input.kind },
        },
        tx,
      );
    });
    return this.getOrg(actor, locale, id);
  }

  async updateOrg(actor: Actor, locale: Locale, orgId: string, input: z.infer<typeof updateOrgBody>) {
    const org = await this.visibleOrg(actor, orgId, 'org.manage');
    if (input.parentOrgId) {
      if (input.parentOrgId === org.id) throw new ValidationError('identity.org_cycle');
      await this.visibleOrg(actor, input.parentOrgId, 'org.read');
      // Walk up from the new parent: meeting this org again would close a cycle.
      for (let cursor: string | null = input.parentOrgId; cursor;) {
        if (cursor === org.id) throw new ValidationError('identity.org_cycle');
        cursor = (await repo.findOrg(this.db.kysely, cursor))?.parent_org_id ?? null;
      }
    }
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .updateTable('orgs')
        .set({
          ...(input.name ? { name: input.name } : {}),
          ...(input.kind ? { kind: input.kind } : {}),
          ...(input.parentOrgId !== undefined ? { parent_org_id: input.parentOrgId } : {}),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', org.id)
        .execute();
      await this.audit.record(
        {
          actor,
          action: 'org.update',
          targetType: 'org',
          targetId: org.id,
          regionCode: org.region_code,
          orgId: org.id,
          details: { ...input },
        },
        tx,
      );
    });
    return this.getOrg(actor, locale, org.id);
  }

  async createUnit(actor: Actor, orgId: string, input: { name: string; parentUnitId?: string | null | undefined }) {
    const org = await this.visibleOrg(actor, orgId, 'org.manage');
    if (input.parentUnitId) {
      const parent = await repo.findUnit(this.db.kysely, input.parentUnitId);
      if (!parent || parent.org_id !== org.id) throw new ValidationError('identity.unit_not_found', { unitId: input.parentUnitId });
    }
    const id = newId('unit');
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .insertInto('org_units')
        .values({ id, org_id: org.id, name: input.name, parent_unit_id: input.parentUnitId ?? null } as never)
        .execute();
      await this.audit.record(
        {
          actor,
          action: 'org.unit.create',
          targetType: 'unit',
          targetId: id,
          regionCode: org.region_code,
          orgId: org.id,
          details: { name: input.name },
        },
        tx,
      );
    });
    return { id, name: input.name, parentUnitId: input.parentUnitId ?? null };
  }

  /**
   * 通讯录. Phones are personal data: shown in clear to colleagues of the same organisation
   * and to viewers with L3 clearance over its region; masked for everyone else.
   */
  async addressBook(actor: Actor, orgId: string, query: { q?: string | undefined; cursor?: string | undefined; limit: number }) {
    const org = await repo.findOrg(this.db.kysely, orgId);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId });
    const whole = can(actor, 'address_book.read', { orgId: org.id, regionCode: org.region_code });
    // a department of a level above shows its public contacts 对外联系人 only
    const above = actor.regionCode !== null && regionAncestors(actor.regionCode).includes(org.region_code);
    if (!whole && !(above && can(actor, 'address_book.read'))) {
      throw new ForbiddenError('access.forbidden', { permission: 'address_book.read', orgId });
    }
    const clear =
      actor.orgId === org.id || (gradeRank(actor.clearance) >= 3 && can(actor, 'address_book.read', { regionCode: org.region_code }));
    const rows = await repo.addressBook(this.db.kysely, org.id, query.q, query.cursor, query.limit + 1, !whole);
    const result = page(rows, query.limit, (r) => r.id);
    return {
      items: result.items.map((r) => ({
        accountId: r.id,
        displayName: r.display_name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        position: r.position,
        phone: r.phone ? (clear ? r.phone : maskPhone(r.phone)) : null,
        phoneMasked: !clear,
      })),
      nextCursor: result.nextCursor,
    };
  }

  /**
   * Whom a person may reach (通讯录 visibility, and so messages and instructions): staff whose
   * organisation lies in the reader's address-book scope (a county clerk: the county), and the
   * public contacts 对外联系人 of the levels above the reader's own region. Returns the ids
   * that may NOT be reached (unknown, disabled, non-staff, or out of sight).
   */
  async unreachable(actor: Actor, accountIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(accountIds)];
    if (!ids.length) return [];
    const rows = await this.db.kysely
      .selectFrom('accounts as a')
      .innerJoin('orgs as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.org_id', 'a.public_contact', 'o.region_code'])
      .where('a.id', 'in', ids)
      .where('a.kind', '=', 'staff')
      .where('a.status', '=', 'active')
      .execute();
    const visible = new Set(
      rows
        .filter((r: { id: string; org_id: string; public_contact: boolean; region_code: string }) =>
          this.maySee(actor, { orgId: r.org_id, regionCode: r.region_code, publicContact: r.public_contact }),
        )
        .map((r: { id: string }) => r.id),
    );
    return ids.filter((id) => !visible.has(id));
  }

  /** The address-book rule for one person of organisation `orgId` in region `regionCode`. */
  maySee(actor: Actor, person: { orgId: string; regionCode: string; publicContact: boolean }): boolean {
    if (can(actor, 'address_book.read', { orgId: person.orgId, regionCode: person.regionCode })) return true;
    if (!person.publicContact || !actor.regionCode || !actor.permissions.has('address_book.read')) return false;
    return actor.regionCode.startsWith(regionPrefix(person.regionCode)); // a level above the reader's own
  }

  /**
   * Where the reader may look in the address book, as one SQL condition over `a` (accounts)
   * and `o` (their orgs): the reader's address-book scope, and the public contacts of the
   * regions above the reader's own.
   */
  private visiblePeople(actor: Actor) {
    const scope = sqlScope(requireScope(actor, 'address_book.read'));
    const above = actor.regionCode ? regionAncestors(actor.regionCode) : [];
    const inScope = scope.all
      ? [sql<boolean>`true`]
      : [
          ...scope.regionPrefixes.map((p) => sql<boolean>`o.region_code like ${`${p}%`}`),
          ...(scope.orgIds.length ? [sql<boolean>`o.id in (${sql.join(scope.orgIds)})`] : []),
        ];
    const publicAbove = above.length ? [sql<boolean>`(a.public_contact and o.region_code in (${sql.join(above)}))`] : [];
    const all = [...inScope, ...publicAbove];
    return all.length ? sql<boolean>`(${sql.join(all, sql` or `)})` : sql<boolean>`false`;
  }

  /**
   * 通讯录 across levels: the regions and organisations the reader may see people in, as a
   * tree from the province down, each organisation with how many people it shows.
   */
  async addressTree(actor: Actor) {
    const visible = this.visiblePeople(actor);
    const rows = await sql<{ id: string; name: string; kind: string; region_code: string; people: string }>`
      select o.id, o.name, o.kind, o.region_code, count(*) as people
      from accounts a join orgs o on o.id = a.org_id
      where a.kind = 'staff' and a.status = 'active' and ${visible}
      group by o.id, o.name, o.kind, o.region_code
      order by o.region_code, o.name`.execute(this.db.kysely);
    const codes = new Set<string>();
    for (const r of rows.rows) for (const c of [r.region_code, ...regionAncestors(r.region_code)]) codes.add(c);
    const names = await repo.regionNames(this.db.kysely, [...codes]);
    type RegionNode = {
      code: string;
      name: string;
      orgs: { id: string; name: string; kind: string; people: number }[];
      children: RegionNode[];
    };
    const nodes = new Map<string, RegionNode>(
      [...codes].sort().map((code) => [code, { code, name: names.find((n) => n.code === code)?.name ?? code, orgs: [], children: [] }]),
    );
    for (const r of rows.rows) nodes.get(r.region_code)!.orgs.push({ id: r.id, name: r.name, kind: r.kind, people: Number(r.people) });
    const roots: RegionNode[] = [];
    for (const node of nodes.values()) {
      const parent = regionAncestors(node.code).find((c) => nodes.has(c));
      (parent ? nodes.get(parent)!.children : roots).push(node);
    }
    return { items: roots, ownRegionCode: actor.regionCode };
  }

  /** Search everyone the reader may see by name, pinyin or initials, position, unit or organisation. */
  async searchPeople(actor: Actor, query: { q: string; limit: number }) {
    const visible = this.visiblePeople(actor);
    const like = `%${repo.escapeLike(query.q.trim())}%`;
    const latin = /^[a-z ]+$/i.test(query.q.trim()) ? `%${repo.escapeLike(query.q.trim().toLowerCase().replace(/\s+/g, ''))}%` : null;
    const rows = await sql<PersonRow>`
      select ${personColumns} from accounts a join orgs o on o.id = a.org_id
        left join org_units u on u.id = a.unit_id join regions r on r.code = o.region_code
      where a.kind = 'staff' and a.status = 'active' and ${visible}
        and (a.display_name like ${like} or a.position like ${like} or u.name like ${like} or o.name like ${like}
             ${latin ? sql`or replace(a.name_pinyin, ' ', '') like ${latin} or a.name_pinyin like ${latin}` : sql``})
      order by (a.display_name = ${query.q.trim()}) desc, a.display_name, a.id
      limit ${query.limit}`.execute(this.db.kysely);
    return { items: rows.rows.map((r) => this.card(actor, r)) };
  }

  /** One person's card 名片; someone the reader may not see is refused (and the refusal audited). */
  async person(actor: Actor, accountId: string) {
    const row = (
      await sql<PersonRow>`
      select ${personColumns} from accounts a join orgs o on o.id = a.org_id
        left join org_units u on u.id = a.unit_id join regions r on r.code = o.region_code
      where a.id = ${accountId} and a.kind = 'staff' and a.status = 'active'`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('identity.account_not_found', { accountId });
    if (!this.maySee(actor, { orgId: row.org_id, regionCode: row.region_code, publicContact: row.public_contact })) {
      throw new ForbiddenError('access.forbidden', { permission: 'address_book.read', accountId });
    }
    return this.card(actor, row);
  }

  private card(actor: Actor, r: PersonRow) {
    const clear =
      actor.orgId === r.org_id || (gradeRank(actor.clearance) >= 3 && can(actor, 'address_book.read', { regionCode: r.region_code }));
    return {
      accountId: r.id,
      displayName: r.display_name,
      position: r.position,
      orgId: r.org_id,
      orgName: r.org_name,
      unitName: r.unit_name,
      regionCode: r.region_code,
      regionName: r.region_name,
      publicContact: r.public_contact,
      phone: r.phone ? (clear ? r.phone : maskPhone(r.phone)) : null,
      phoneMasked: !clear,
      email: clear ? r.email : null,
    };
  }

  /** A person's own e-mail address, for notices by e-mail (null removes it). */
  async setMyEmail(actor: Actor, email: string | null): Promise<{ email: string | null }> {
    if (!actor.accountId) throw new ForbiddenError('access.forbidden');
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx.updateTable('accounts').set({ email }).where('id', '=', actor.accountId).execute();
      await this.audit.record(
        { actor, action: 'account.email_change', targetType: 'account', targetId: actor.accountId, details: { removed: email === null } },
        tx,
      );
    });
    return { email };
  }

  // ---- accounts -------------------------------------------------------------------------

  async listAccounts(
    actor: Actor,
    query: {
      kind?: string | undefined;
      orgId?: string | undefined;
      status?: string | undefined;
      q?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    const scope = requireScope(actor, 'account.read');
    const rows = await repo.listAccounts(this.db.kysely, { ...query, scope: sqlScope(scope), after: query.cursor, limit: query.limit + 1 });
    const result = page(rows, query.limit, (r) => r.id);
    const grants = await repo.grantsOfMany(
      this.db.kysely,
      result.items.map((r) => r.id),
    );
    return {
      items: result.items.map((r) =>
        this.toAccount(
          r,
          r.org_name,
          grants.filter((g) => g.account_id === r.id),
        ),
      ),
      nextCursor: result.nextCursor,
    };
  }

  private toAccount(row: repo.AccountRow, orgName: string | null, grants: repo.GrantRow[]) {
    return {
      ...shownIdentity(row),
      orgId: row.org_id,
      orgName,
      unitId: row.unit_id,
      position: row.position,
      phone: row.phone ? maskPhone(row.phone) : null,
      status: row.status,
      roles: grants.map((g) => ({ role: g.role, orgId: g.org_id, regionCode: g.region_code })),
      clearance: row.clearance,
      createdAt: row.created_at,
      lastLoginAt: row.last_login_at,
    };
  }

  /** Loads an account the actor may manage (staff by its org; citizens/enterprises by region). */
  private async managedAccount(actor: Actor, accountId: string, permission = 'account.manage') {
    const account = await repo.findAccount(this.db.kysely, accountId);
    if (!account) throw new NotFoundError('identity.account_not_found', { accountId });
    const org = account.org_id ? await repo.findOrg(this.db.kysely, account.org_id) : undefined;
    if (!can(actor, permission, { orgId: account.org_id, regionCode: org?.region_code ?? account.region_code })) {
      throw new ForbiddenError('access.forbidden', { permission, accountId });
    }
    return { account, org };
  }

  async getAccount(actor: Actor, accountId: string) {
    const { account, org } = await this.managedAccount(actor, accountId, 'account.read');
    return this.toAccount(account, org?.name ?? null, await repo.grantsOf(this.db.kysely, account.id));
  }

  async createAccount(actor: Actor, input: CreateAccountInput) {
    let values: Partial<repo.AccountRow> & Pick<repo.AccountRow, 'kind' | 'username' | 'display_name'>;
    let grants: { role: Role; orgId: string | null; regionCode: string | null }[] = [];
    let target: { orgId: string | null; regionCode: string | null };
    if (input.kind === 'staff') {
      const org = await repo.findOrg(this.db.kysely, input.orgId);
      if (!org) throw new ValidationError('identity.org_not_found', { orgId: input.orgId });
      target = { orgId: org.id, regionCode: org.region_code };
      requirePermission(actor, 'account.manage', target);
      if (input.unitId) {
        const unit = await repo.findUnit(this.db.kysely, input.unitId);
        if (!unit || unit.org_id !== org.id) throw new ValidationError('identity.unit_not_found', { unitId: input.unitId });
      }
      grants = this.checkGrants(actor, input.roles, org, input.clearance);
      values = {
        kind: 'staff',
        username: input.username,
        display_name: input.displayName,
        org_id: org.id,
        unit_id: input.unitId ?? null,
        position: input.position ?? null,
        phone: input.phone ?? null,
        name_pinyin: namePinyin(input.displayName),
        public_contact: input.publicContact,
        clearance: input.clearance,
        real_name_level: 3,
      };
    } else {
      const number = input.kind === 'citizen' ? input.idNumber : input.uscc;
      const checked = input.kind === 'citizen' ? validateResidentId(number) : validateUscc(number);
      const regionCode = checked.ok ? checked.regionCode : null;
      target = { orgId: null, regionCode };
      requirePermission(actor, 'account.manage', target);
      const region = regionCode ? await repo.findRegion(this.db.kysely, regionCode) : undefined;
      values = {
        kind: input.kind,
        username: number,
        id_number: number,
        display_name: input.displayName,
        phone: input.kind === 'citizen' ? (input.phone ?? null) : null,
        region_code: region ? region.code : null,
        real_name_level: 2,
      };
    }
    if (await repo.findAccountByUsername(this.db.kysely, values.username)) {
      throw new ConflictError('identity.username_taken', { username: values.kind === 'staff' ? values.username : undefined });
    }
    const id = newId('acc');
    const passwordHash = await hashPassword(input.password);
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .insertInto('accounts')
        .values({ ...values, id, password_hash: passwordHash } as never)
        .execute();
      await repo.replaceGrants(
        tx,
        id,
        grants.map((g) => ({ id: newId('grt'), account_id: id, role: g.role, org_id: g.orgId, region_code: g.regionCode })),
      );
      await emit(tx, 'identity.account.created', { accountId: id, kind: values.kind, orgId: values.org_id ?? null });
      await this.audit.record(
        {
          actor,
          action: 'account.create',
          targetType: 'account',
          targetId: id,
          orgId: target.orgId,
          regionCode: target.regionCode,
          details: { kind: values.kind, roles: grants.map((g) => g.role) },
        },
        tx,
      );
    });
    return this.getAccount(actor, id);
  }

  /**
   * No escalation: an org admin grants only workbench roles inside its org; only holders of
   * role.assign grant admin roles, and never beyond their own region or clearance.
   */
  private checkGrants(actor: Actor, requested: SetRolesInput['roles'], org: repo.OrgRow, clearance: SetRolesInput['clearance']) {
    if (gradeRank(clearance) > gradeRank(actor.clearance))
      throw new ForbiddenError('identity.clearance_too_high', { clearance: actor.clearance });
    const regional = can(actor, 'role.assign', { regionCode: org.region_code });
    return requested.map((grant) => {
      const refuse = () => new ForbiddenError('identity.role_not_assignable', { role: grant.role });
      if (grant.orgId && grant.orgId !== org.id) throw refuse(); // grants live in the account's own org
      if (!regional) {
        // An org admin hands out workbench roles, scoped to its own organisation only.
        if (!orgAssignableRoles.includes(grant.role) || grant.regionCode) throw refuse();
        return { role: grant.role, orgId: org.id, regionCode: null };
      }
      const orgId = roleDefinitions[grant.role].scope === 'org' || grant.orgId ? org.id : null;
      const regionCode = orgId ? null : (grant.regionCode ?? org.region_code);
      if (regionCode && !can(actor, 'role.assign', { regionCode })) throw refuse();
      return { role: grant.role, orgId, regionCode };
    });
  }

  async setRoles(actor: Actor, accountId: string, input: SetRolesInput) {
    const { account, org } = await this.managedAccount(actor, accountId);
    if (account.kind !== 'staff' || !org) throw new ValidationError('identity.roles_staff_only');
    const grants = this.checkGrants(actor, input.roles, org, input.clearance);
    await this.db.kysely.transaction().execute(async (tx) => {
      await repo.replaceGrants(
        tx,
        account.id,
        grants.map((g) => ({ id: newId('grt'), account_id: account.id, role: g.role, org_id: g.orgId, region_code: g.regionCode })),
      );
      await idb(tx).updateTable('accounts').set({ clearance: input.clearance }).where('id', '=', account.id).execute();
      await this.audit.record(
        {
          actor,
          action: 'account.roles.set',
          targetType: 'account',
          targetId: account.id,
          orgId: org.id,
          regionCode: org.region_code,
          details: { roles: grants.map((g) => g.role), clearance: input.clearance },
        },
        tx,
      );
    });
    return this.getAccount(actor, account.id);
  }

  async setStatus(actor: Actor, accountId: string, status: 'active' | 'disabled') {
    const { account, org } = await this.managedAccount(actor, accountId);
    if (status === 'disabled' && account.id === actor.accountId) throw new ValidationError('identity.cannot_disable_self');
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx).updateTable('accounts').set({ status }).where('id', '=', account.id).execute();
      if (status === 'disabled') {
        await idb(tx)
          .updateTable('sessions')
          .set({ ended_at: new Date().toISOString() })
          .where('account_id', '=', account.id)
          .where('ended_at', 'is', null)
          .execute();
      }
      await emit(tx, status === 'disabled' ? 'identity.account.disabled' : 'identity.account.enabled', { accountId: account.id });
      await this.audit.record(
        {
          actor,
          action: status === 'disabled' ? 'account.disable' : 'account.enable',
          targetType: 'account',
          targetId: account.id,
          orgId: account.org_id,
          regionCode: org?.region_code ?? account.region_code,
        },
        tx,
      );
    });
    return this.getAccount(actor, account.id);
  }

  /** Sets a temporary password, shown once; the person must change it at next login. */
  async resetPassword(actor: Actor, accountId: string) {
    const { account, org } = await this.managedAccount(actor, accountId);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .updateTable('accounts')
        .set({ password_hash: passwordHash, must_change_password: true })
        .where('id', '=', account.id)
        .execute();
      await idb(tx)
        .updateTable('sessions')
        .set({ ended_at: new Date().toISOString() })
        .where('account_id', '=', account.id)
        .where('ended_at', 'is', null)
        .execute();
      await idb(tx).deleteFrom('login_throttle').where('username', '=', account.username).execute();
      await emit(tx, 'identity.session.ended_everywhere', { accountId: account.id, sessions: -1 });
      await this.audit.record(
        {
          actor,
          action: 'account.password.reset',
          targetType: 'account',
          targetId: account.id,
          orgId: account.org_id,
          regionCode: org?.region_code ?? account.region_code,
        },
        tx,
      );
    });
    return { temporaryPassword: password };
  }

  listRoles(actor: Actor, locale: Locale) {
    requirePermission(actor, 'role.read');
    return {
      items: Object.values(roleDefinitions).map((d) => ({
        role: d.role,
        name: d.name[locale],
        description: d.description[locale],
        permissions: [...d.permissions],
        scope: d.scope,
      })),
    };
  }

  /** What /auth/me shows about the person behind the actor. */
  async describe(actor: Actor) {
    const account = actor.accountId ? await repo.findAccount(this.db.kysely, actor.accountId) : undefined;
    if (!account) return undefined;
    const org = account.org_id ? await repo.findOrg(this.db.kysely, account.org_id) : undefined;
    const regionCode = org?.region_code ?? account.region_code;
    const [region] = regionCode ? await repo.regionNames(this.db.kysely, [regionCode]) : [];
    return {
      ...shownIdentity(account),
      realNameLevel: account.real_name_level,
      mustChangePassword: account.must_change_password,
      orgId: account.org_id,
      orgName: org?.name ?? null,
      regionCode: regionCode ?? null,
      regionName: region?.name ?? null,
      roles: actor.grants.filter((g) => g.role !== account.kind).map((g) => ({ role: g.role, orgId: g.orgId, regionCode: g.regionCode })),
      permissions: [...actor.permissions].sort(),
      clearance: account.clearance,
    };
  }
}

/** Who an account is, as others may see it: ID numbers only ever masked. */
function shownIdentity(row: repo.AccountRow) {
  return {
    id: row.id,
    kind: row.kind,
    username: row.kind === 'staff' ? row.username : maskIdentity(row),
    displayName: row.display_name,
    maskedIdNumber: row.id_number ? maskIdentity(row) : null,
  };
}

function maskIdentity(row: repo.AccountRow): string {
  const number = row.id_number ?? row.username;
  return row.kind === 'citizen' ? maskResidentId(number) : `${number.slice(0, 8)}******${number.slice(-4)}`;
}
