import { can, ConflictError, ForbiddenError, NotFoundError, ValidationError, type Actor } from '../../kernel/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { CatalogService, Field, RecordStore } from '../../platform/catalog/index.ts';
import type { DataGateway } from '../../platform/gateway/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';
import type { ClientRegistry } from '../../platform/sso/index.ts';
import type { QueryContent, WriteContent } from './govstack-registries.schemas.ts';

type Row = Record<string, unknown>;
export type Registry = NonNullable<Awaited<ReturnType<CatalogService['sharingView']>>>;

/** What a read asks for: exact values, a text in one field or in every field shown in clear, a page. */
export interface RecordQuery {
  equals: Record<string, string>;
  contains?: { field?: string | undefined; text: string } | undefined;
  /** Only these fields in the answer. */
  fields?: string[] | undefined;
  descending?: boolean | undefined;
  limit: number;
  offset: number;
}

/** updateEntries changes at most this many records a call (the record store's own limit). */
export const maxEntries = 1000;

export interface RegistryDeps {
  catalog: CatalogService;
  records: RecordStore;
  gateway: DataGateway;
  clients: ClientRegistry;
  identity: IdentityStore;
  audit: AuditLog;
}

/** A query's values as the record store matches them: as text. */
export function asText(content: QueryContent): Record<string, string> {
  return Object.fromEntries(Object.entries(content).map(([k, v]) => [k, String(v)]));
}

/**
 * GovStack Digital Registries over the data catalog: a registry is a data resource (by its
 * code), its version the resource's schema version, its records the resource's records. The
 * owner organisation reads them whole and writes them; everyone else reads through the data
 * gateway, under its grants, masking, rate limit and audit.
 */
export class RegistryService {
  private readonly catalog: CatalogService;
  private readonly records: RecordStore;
  private readonly gateway: DataGateway;
  private readonly clients: ClientRegistry;
  private readonly identity: IdentityStore;
  private readonly audit: AuditLog;

  constructor(deps: RegistryDeps) {
    this.catalog = deps.catalog;
    this.records = deps.records;
    this.gateway = deps.gateway;
    this.clients = deps.clients;
    this.identity = deps.identity;
    this.audit = deps.audit;
  }

  /** A registry by its code at its current schema version; any other version is refused, naming the current one. */
  async registry(code: string, version: string): Promise<Registry> {
    const found = await this.catalog.sharingView(code);
    if (!found || found.code !== code) throw new NotFoundError('govstack.registry.not_found', { registry: code });
    if (String(found.version) !== version)
      throw new NotFoundError('govstack.registry.wrong_version', { registry: code, version, current: String(found.version) });
    return found;
  }

  /**
   * The owner's side, or null: a person holding data.manage over the owner organisation, or an
   * app registered for that organisation — which then acts with data.manage over that one
   * organisation and nothing more (apps hold no roles of their own).
   */
  private async owner(actor: Actor, registry: Registry): Promise<{ actor: Actor; regionCode: string | null } | null> {
    const org = await this.identity.findOrg(registry.orgId);
    const regionCode = org?.regionCode ?? null;
    if (actor.kind === 'app') {
      if (!actor.clientId || (await this.clients.ownerOrg(actor.clientId)) !== registry.orgId) return null;
      const permissions = ['data.manage'];
      const grants = [{ role: 'registry_owner_app', orgId: registry.orgId, regionCode: null, permissions }];
      return { actor: { ...actor, orgId: registry.orgId, regionCode, grants, permissions: new Set(permissions) }, regionCode };
    }
    return can(actor, 'data.manage', { orgId: registry.orgId, regionCode }) ? { actor, regionCode } : null;
  }

  private field(registry: Registry, name: string): Field {
    const field = registry.fields.find((f) => f.name === name);
    if (!field) throw new ValidationError('govstack.registry.unknown_field', { field: name });
    return field;
  }

  private primary(registry: Registry): Field {
    return registry.fields.find((f) => f.key)!;
  }

  /** Records as the caller may see them: the owner's whole (audited here), anyone else's through the gateway. */
  async find(actor: Actor, registry: Registry, query: RecordQuery): Promise<{ records: Row[]; total: number }> {
    const owner = await this.owner(actor, registry);
    if (!owner) return this.gateway.search(actor, registry.code, query);
    const equals = Object.entries(query.equals).map(([name, value]) => ({ field: this.field(registry, name), value }));
    const named = query.contains?.field ? this.field(registry, query.contains.field) : undefined;
    const contains = query.contains && {
      fields: named ? [named] : registry.fields.filter((f) => f.grade !== 'L4'),
      text: query.contains.text,
    };
    const fields = query.fields ? query.fields.map((name) => this.field(registry, name)) : registry.fields;
    const primary = this.primary(registry);
    const found = await this.records.search(registry.id, {
      equals,
      contains,
      orderBy: primary.grade === 'L4' ? undefined : primary,
      descending: query.descending,
      limit: query.limit,
      offset: query.offset,
    });
    await this.audit.record({
      actor: owner.actor,
      action: 'govstack.registry.read',
      targetType: 'data_resource',
      targetId: registry.id,
      orgId: registry.orgId,
      regionCode: owner.regionCode,
      details: {
        matchedOn: equals.map((e) => e.field.name),
        contains: contains ? (named?.name ?? '*') : null,
        total: found.total,
        returned: found.records.length,
      },
    });
    return { records: found.records.map((record) => Object.fromEntries(fields.map((f) => [f.name, record[f.name]]))), total: found.total };
  }

  /** One field of the record with this primary key (`uuid`), the field named by its name or its label. */
  async readValue(actor: Actor, registry: Registry, key: string, fieldRef: string): Promise<unknown> {
    const field = registry.fields.find((f) => f.name === fieldRef || f.label === fieldRef);
    if (!field) throw new ValidationError('govstack.registry.unknown_field', { field: fieldRef });
    const query = { equals: { [this.primary(registry).name]: key }, fields: [field.name], limit: 1, offset: 0 };
    const [record] = (await this.find(actor, registry, query)).records;
    if (!record) throw new NotFoundError('govstack.registry.no_record');
    return record[field.name] ?? null;
  }

  // ── writes: the owner's only ──

  private async writer(actor: Actor, registry: Registry): Promise<Actor> {
    const owner = await this.owner(actor, registry);
    if (!owner) throw new ForbiddenError('govstack.registry.not_owner', { registry: registry.code });
    return owner.actor;
  }

  /** The stored record with this primary key, whole (the caller is the owner). */
  private async byKey(registry: Registry, value: unknown): Promise<Row | null> {
    if (value === undefined || value === null || value === '') return null;
    const [found] = await this.records.lookup(registry.id, this.primary(registry).name, [String(value)]);
    return found?.record ?? null;
  }

  /** The one record a write's query names: none (null), or a 409 when it names several. */
  private async one(registry: Registry, query: QueryContent): Promise<Row | null> {
    const equals = Object.entries(asText(query)).map(([name, value]) => ({ field: this.field(registry, name), value }));
    const found = await this.records.search(registry.id, { equals, limit: 2, offset: 0 });
    if (found.total > 1) throw new ConflictError('govstack.registry.ambiguous_query', { matches: found.total });
    return found.records[0] ?? null;
  }

  /** A write without a query finds its record by the primary key it carries. */
  private keyQuery(registry: Registry, write: WriteContent): QueryContent {
    const primary = this.primary(registry);
    const value = write[primary.name];
    if (value === undefined || value === null || value === '')
      throw new ValidationError('govstack.registry.query_required', { field: primary.name });
    return { [primary.name]: value };
  }

  /** A stored record as the current schema has it (one kept from an older version may hold other fields), changed by `write`. */
  private changed(registry: Registry, stored: Row, write: WriteContent): Row {
    const primary = this.primary(registry);
    const next: Row = {
      ...Object.fromEntries(registry.fields.filter((f) => f.name in stored).map((f) => [f.name, stored[f.name]])),
      ...write,
    };
    // Records are replaced by their primary key: a new key would leave the old record behind.
    if (String(next[primary.name]) !== String(stored[primary.name]))
      throw new ValidationError('govstack.registry.key_change', { field: primary.name });
    return next;
  }

  async create(actor: Actor, registry: Registry, content: WriteContent): Promise<Row> {
    const writer = await this.writer(actor, registry);
    const primary = this.primary(registry);
    if (await this.byKey(registry, content[primary.name]))
      throw new ConflictError('govstack.registry.record_exists', { field: primary.name });
    await this.records.put(writer, registry.id, [content]);
    return (await this.byKey(registry, content[primary.name])) ?? content;
  }

  async update(actor: Actor, registry: Registry, query: QueryContent | undefined, write: WriteContent): Promise<Row> {
    const writer = await this.writer(actor, registry);
    const stored = await this.one(registry, query ?? this.keyQuery(registry, write));
    if (!stored) throw new NotFoundError('govstack.registry.no_record');
    const next = this.changed(registry, stored, write);
    await this.records.put(writer, registry.id, [next]);
    return (await this.byKey(registry, next[this.primary(registry).name])) ?? next;
  }

  async updateEntries(actor: Actor, registry: Registry, query: QueryContent, write: WriteContent): Promise<{ updated: number }> {
    const writer = await this.writer(actor, registry);
    const primary = this.primary(registry);
    if (primary.name in write) throw new ValidationError('govstack.registry.key_change', { field: primary.name });
    const equals = Object.entries(asText(query)).map(([name, value]) => ({ field: this.field(registry, name), value }));
    const found = await this.records.search(registry.id, { equals, limit: maxEntries + 1, offset: 0 });
    if (found.total > maxEntries)
      throw new ValidationError('govstack.registry.too_many_entries', { max: maxEntries, matches: found.total });
    if (found.records.length)
      await this.records.put(
        writer,
        registry.id,
        found.records.map((stored) => this.changed(registry, stored, write)),
      );
    return { updated: found.records.length };
  }

  async updateOrCreate(actor: Actor, registry: Registry, query: QueryContent | undefined, write: WriteContent): Promise<Row> {
    const writer = await this.writer(actor, registry);
    const stored = await this.one(registry, query ?? this.keyQuery(registry, write));
    const next = stored ? this.changed(registry, stored, write) : { ...query, ...write };
    await this.records.put(writer, registry.id, [next]);
    return (await this.byKey(registry, next[this.primary(registry).name])) ?? next;
  }

  /** Refused once the caller is known to be the owner and the record to exist: the record store keeps records. */
  async remove(actor: Actor, registry: Registry, key: string): Promise<never> {
    await this.writer(actor, registry);
    if (!(await this.byKey(registry, key))) throw new NotFoundError('govstack.registry.no_record');
    throw new ConflictError('govstack.registry.record_kept', { registry: registry.code });
  }
}
