import { LRUCache } from 'lru-cache';
import { sql } from 'kysely';
import {
  afterTimeCursor,
  ConflictError,
  gradeRank,
  newestFirst,
  newId,
  NotFoundError,
  requirePermission,
  timeCursorOf,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
  type Grade,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import type { CreateResourceInput, Field, UpdateResourceInput } from './catalog.schemas.ts';
import { searchWords } from './search-words.ts';

interface ResourceRow {
  id: string;
  org_id: string;
  code: string;
  name: string;
  description: string;
  domain: string;
  share_type: string;
  open_type: string;
  update_frequency: string;
  source_system: string;
  region_field: string | null;
  version: number;
  fields: Field[];
  records_updated_at: string | null;
  updated_at: string;
  created_at: string;
}

/** Field lists compared by content (jsonb does not keep key order). */
function sameFields(a: Field[], b: Field[]): boolean {
  const flat = (fields: Field[]) =>
    JSON.stringify(
      fields.map((f) => [f.name, f.label, f.type, f.description, f.grade, f.key, f.required, f.enum ?? null, f.unique ?? false]),
    );
  return flat(a) === flat(b);
}

/** A resource as the sharing module, the gateway and collection need it. */
export interface SharingView {
  id: string;
  orgId: string;
  name: string;
  code: string;
  shareType: string;
  updateFrequency: string;
  version: number;
  fields: Field[];
  recordsUpdatedAt: string | null;
  regionField: string | null;
}

/** How long a resource's sharing view is remembered (see `sharingView`). */
export const viewCacheMs = 5000;

/** Personal identifiers are sensitive (L3+) under the data-grading rules the seeds follow. */
const minimumGrade: Partial<Record<Field['type'], Grade>> = { id_number: 'L3', phone: 'L3' };

/**
 * P2.1/P2.2 数据目录: the province's register of data resources. Every civil servant may browse
 * it (that is how a department finds what to ask for); a data officer registers and edits
 * the resources of their own organisation. A changed field list is a new schema version.
 */
export class CatalogService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;

  private readonly views = new LRUCache<string, SharingView>({ max: 5000, ttl: viewCacheMs });

  constructor(db: Database, audit: AuditLog, identity: IdentityStore) {
    this.db = db;
    this.audit = audit;
    this.identity = identity;
  }

  /** The rules a field list must keep, each refused with the field it is about. */
  private checkFields(fields: Field[], openType: string, regionField: string | null = null): void {
    if (regionField && !fields.some((f) => f.name === regionField && f.type === 'string'))
      throw new ValidationError('catalog.region_field_unknown', { field: regionField });
    const names = new Set<string>();
    for (const field of fields) {
      if (names.has(field.name)) throw new ValidationError('catalog.duplicate_field', { field: field.name });
      names.add(field.name);
      const minimum = minimumGrade[field.type];
      if (minimum && gradeRank(field.grade) < gradeRank(minimum))
        throw new ValidationError('catalog.grade_too_low', { field: field.name, minimum });
      if (field.enum && field.type !== 'string') throw new ValidationError('catalog.enum_needs_text', { field: field.name });
      if (field.unique && !field.key) throw new ValidationError('catalog.unique_needs_key', { field: field.name });
    }
    if (!fields.some((f) => f.key)) throw new ValidationError('catalog.no_key');
    const graded = fields.filter((f) => f.grade !== 'L1').map((f) => f.name);
    if (openType === 'open' && graded.length) throw new ValidationError('catalog.open_needs_l1', { fields: graded });
  }

  private searchText(name: string, code: string, description: string, fields: Field[]): string {
    return [name, code, description, ...fields.map((f) => f.label)].join(' ').toLowerCase();
  }

  private async ownerOrg(actor: Actor, orgId: string) {
    const org = await this.identity.findOrg(orgId);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId });
    requirePermission(actor, 'data.manage', { orgId: org.id, regionCode: org.regionCode });
    return org;
  }

  async create(actor: Actor, input: CreateResourceInput) {
    const org = await this.ownerOrg(actor, input.orgId);
    this.checkFields(input.fields, input.openType, input.regionField);
    const id = newId('res');
    await this.db.kysely.transaction().execute(async (tx) => {
      const taken = await sql`select 1 from data_resources where code = ${input.code}`.execute(tx);
      if (taken.rows.length) throw new ConflictError('catalog.code_taken', { code: input.code });
      await sql`insert into data_resources (id, org_id, code, name, description, domain, share_type, open_type, update_frequency, source_system, region_field, version, fields, search_text, created_by)
        values (${id}, ${org.id}, ${input.code}, ${input.name}, ${input.description}, ${input.domain}, ${input.shareType}, ${input.openType},
          ${input.updateFrequency}, ${input.sourceSystem}, ${input.regionField}, 1, ${JSON.stringify(input.fields)}::jsonb,
          ${this.searchText(input.name, input.code, input.description, input.fields)}, ${actor.accountId})`.execute(tx);
      await this.recordVersion(tx, actor, id, 1, input.fields, '首次登记');
      await this.audit.record(
        {
          actor,
          action: 'catalog.resource.create',
          targetType: 'data_resource',
          targetId: id,
          orgId: org.id,
          regionCode: org.regionCode,
          details: { code: input.code, fields: input.fields.length },
        },
        tx,
      );
    });
    this.forget();
    return this.detail(actor, id);
  }

  private async recordVersion(tx: Executor, actor: Actor, id: string, version: number, fields: Field[], note: string) {
    await sql`insert into data_resource_versions (resource_id, version, fields, note, changed_by, changed_by_name)
      values (${id}, ${version}, ${JSON.stringify(fields)}::jsonb, ${note}, ${actor.accountId}, ${actor.displayName})`.execute(tx);
  }

  private async row(id: string, db: Executor = this.db.kysely): Promise<ResourceRow> {
    const row = (await sql<ResourceRow>`select * from data_resources where id = ${id}`.execute(db)).rows[0];
    if (!row) throw new NotFoundError('catalog.resource_not_found', { id });
    return row;
  }

  async update(actor: Actor, id: string, input: UpdateResourceInput) {
    const current = await this.row(id);
    const org = await this.ownerOrg(actor, current.org_id);
    const next = {
      name: input.name ?? current.name,
      description: input.description ?? current.description,
      domain: input.domain ?? current.domain,
      shareType: input.shareType ?? current.share_type,
      openType: input.openType ?? current.open_type,
      updateFrequency: input.updateFrequency ?? current.update_frequency,
      sourceSystem: input.sourceSystem ?? current.source_system,
      regionField: input.regionField === undefined ? current.region_field : input.regionField,
    };
    this.checkFields(current.fields, next.openType, next.regionField);
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`update data_resources set name = ${next.name}, description = ${next.description}, domain = ${next.domain},
          share_type = ${next.shareType}, open_type = ${next.openType}, update_frequency = ${next.updateFrequency},
          source_system = ${next.sourceSystem}, region_field = ${next.regionField}, search_text = ${this.searchText(next.name, current.code, next.description, current.fields)},
          updated_at = now() where id = ${id}`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'catalog.resource.update',
          targetType: 'data_resource',
          targetId: id,
          orgId: org.id,
          regionCode: org.regionCode,
          details: { changed: Object.keys(input) },
        },
        tx,
      );
    });
    this.forget();
    return this.detail(actor, id);
  }

  /** A new schema version when the fields changed; the same version when they did not. */
  async replaceFields(actor: Actor, id: string, fields: Field[], note: string) {
    const current = await this.row(id);
    const org = await this.ownerOrg(actor, current.org_id);
    this.checkFields(fields, current.open_type, current.region_field);
    if (sameFields(current.fields, fields)) return this.detail(actor, id);
    await this.db.kysely.transaction().execute(async (tx) => {
      const locked = await this.row(id, tx);
      const version = locked.version + 1;
      await sql`update data_resources set fields = ${JSON.stringify(fields)}::jsonb, version = ${version},
          search_text = ${this.searchText(locked.name, locked.code, locked.description, fields)}, updated_at = now() where id = ${id}`.execute(
        tx,
      );
      await this.recordVersion(tx, actor, id, version, fields, note);
      await this.audit.record(
        {
          actor,
          action: 'catalog.resource.fields',
          targetType: 'data_resource',
          targetId: id,
          orgId: org.id,
          regionCode: org.regionCode,
          details: { version, note },
        },
        tx,
      );
    });
    this.forget();
    return this.detail(actor, id);
  }

  async list(
    actor: Actor,
    query: {
      q?: string | undefined;
      orgId?: string | undefined;
      domain?: string | undefined;
      shareType?: string | undefined;
      openType?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    requirePermission(actor, 'catalog.read');
    const conditions = [sql`true`];
    const words = query.q ? await searchWords(query.q) : [];
    // Every word must appear (Chinese split by jieba; the trigram index serves the likes).
    for (const word of words) conditions.push(sql`r.search_text like ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    if (query.orgId) conditions.push(sql`r.org_id = ${query.orgId}`);
    if (query.domain) conditions.push(sql`r.domain = ${query.domain}`);
    if (query.shareType) conditions.push(sql`r.share_type = ${query.shareType}`);
    if (query.openType) conditions.push(sql`r.open_type = ${query.openType}`);
    let rows: ResourceRow[];
    let nextCursor: string | null = null;
    if (words.length) {
      // A search is ranked by how close the text is to the query; its pages go by position.
      const offset = query.cursor?.startsWith('@') ? Number(query.cursor.slice(1)) || 0 : 0;
      rows = (
        await sql<ResourceRow>`select r.* from data_resources r where ${sql.join(conditions, sql` and `)}
          order by word_similarity(${query.q!.toLowerCase()}, r.search_text) desc, r.name, r.id
          limit ${query.limit + 1} offset ${offset}`.execute(this.db.kysely)
      ).rows;
      if (rows.length > query.limit) nextCursor = `@${offset + query.limit}`;
    } else {
      if (query.cursor && !query.cursor.startsWith('@'))
        conditions.push(afterTimeCursor(query.cursor, sql.ref('r.updated_at'), sql.ref('r.id')));
      rows = (
        await sql<ResourceRow>`select r.* from data_resources r where ${sql.join(conditions, sql` and `)}
          order by ${newestFirst(sql.ref('r.updated_at'), sql.ref('r.id'))} limit ${query.limit + 1}`.execute(this.db.kysely)
      ).rows;
      if (rows.length > query.limit) nextCursor = timeCursorOf(rows[query.limit - 1]!.updated_at, rows[query.limit - 1]!.id);
    }
    const page = rows.slice(0, query.limit);
    const names = new Map((await this.identity.orgsByIds([...new Set(page.map((r) => r.org_id))])).map((o) => [o.id, o.name]));
    return {
      items: page.map((r) => this.summary(r, names.get(r.org_id) ?? r.org_id)),
      nextCursor,
    };
  }

  private summary(r: ResourceRow, orgName: string) {
    const maxGrade = r.fields.reduce<Grade>((max, f) => (gradeRank(f.grade) > gradeRank(max) ? f.grade : max), 'L1');
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      description: r.description,
      orgId: r.org_id,
      orgName,
      domain: r.domain,
      shareType: r.share_type,
      openType: r.open_type,
      updateFrequency: r.update_frequency,
      sourceSystem: r.source_system,
      regionField: r.region_field,
      version: r.version,
      fieldCount: r.fields.length,
      maxGrade,
      updatedAt: r.updated_at,
    };
  }

  /** Resources open to all (开放属性 无条件开放), for the open-data portal and its CKAN API: no actor, they are public. */
  async openResources() {
    const rows = (
      await sql<ResourceRow & { search_text: string }>`select * from data_resources where open_type = 'open' order by code`.execute(
        this.db.kysely,
      )
    ).rows;
    const names = new Map((await this.identity.orgsByIds([...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o.name]));
    return rows.map((r) => ({
      ...this.summary(r, names.get(r.org_id) ?? r.org_id),
      fields: r.fields,
      createdAt: r.created_at,
      searchText: r.search_text,
    }));
  }

  /**
   * The resources the gateway serves (共享属性 other than 不予共享), of one organisation or of all,
   * by code: for service directories (the GovStack Information Mediator). Metadata only.
   */
  async gatewayResources(orgId?: string) {
    const rows = (
      await sql<ResourceRow>`select * from data_resources where share_type <> 'none' and (${orgId ?? null}::text is null or org_id = ${orgId ?? null})
        order by code`.execute(this.db.kysely)
    ).rows;
    return rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      code: r.code,
      name: r.name,
      description: r.description,
      shareType: r.share_type,
      version: r.version,
      fields: r.fields,
    }));
  }

  /**
   * A resource, by id or code, as the sharing module and the gateway need it (their callers
   * check who may ask). Remembered {@link viewCacheMs}: the gateway asks on every call; a change
   * made on this node is seen at once, one made on another node within that time.
   */
  async sharingView(idOrCode: string, fresh = false): Promise<SharingView | undefined> {
    const known = fresh ? undefined : this.views.get(idOrCode);
    if (known) return known;
    const row = (await sql<ResourceRow>`select * from data_resources where id = ${idOrCode} or code = ${idOrCode}`.execute(this.db.kysely))
      .rows[0];
    const view: SharingView | undefined = row
      ? {
          id: row.id,
          orgId: row.org_id,
          name: row.name,
          code: row.code,
          shareType: row.share_type,
          updateFrequency: row.update_frequency,
          version: row.version,
          fields: row.fields,
          recordsUpdatedAt: row.records_updated_at,
          regionField: row.region_field,
        }
      : undefined;
    if (view) this.views.set(idOrCode, view);
    return view;
  }

  /** A resource read afresh, if the actor manages its owner's data (collection, quality): with the owner's region. */
  async managedResource(actor: Actor, resourceId: string): Promise<SharingView & { regionCode: string | null }> {
    const resource = await this.sharingView(resourceId, true);
    if (!resource) throw new NotFoundError('catalog.resource_not_found', { id: resourceId });
    const org = await this.identity.findOrg(resource.orgId);
    requirePermission(actor, 'data.manage', { orgId: resource.orgId, regionCode: org?.regionCode ?? null });
    return { ...resource, regionCode: org?.regionCode ?? null };
  }

  /** Forgets what {@link sharingView} remembered of a resource (after a change to it). */
  forget(): void {
    this.views.clear();
  }

  async detail(actor: Actor, id: string) {
    requirePermission(actor, 'catalog.read');
    const row = await this.row(id);
    const org = await this.identity.findOrg(row.org_id);
    const versions = (
      await sql<{ version: number; changed_at: string; changed_by_name: string | null; note: string; field_count: number }>`select version,
          changed_at, changed_by_name, note, jsonb_array_length(fields) as field_count
        from data_resource_versions where resource_id = ${id} order by version desc`.execute(this.db.kysely)
    ).rows;
    return {
      ...this.summary(row, org?.name ?? row.org_id),
      fields: row.fields,
      versions: versions.map((v) => ({
        version: v.version,
        changedAt: v.changed_at,
        changedBy: v.changed_by_name,
        note: v.note,
        fieldCount: Number(v.field_count),
      })),
    };
  }

  async version(actor: Actor, id: string, version: number) {
    requirePermission(actor, 'catalog.read');
    await this.row(id);
    const row = (
      await sql<{
        fields: Field[];
        note: string;
        changed_at: string;
        changed_by_name: string | null;
      }>`select fields, note, changed_at, changed_by_name
        from data_resource_versions where resource_id = ${id} and version = ${version}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('catalog.version_not_found', { version });
    return { version, fields: row.fields, note: row.note, changedAt: row.changed_at, changedBy: row.changed_by_name };
  }
}
