import { LRUCache } from 'lru-cache';
import { sql } from 'kysely';
import { NotFoundError, requirePermission, ValidationError, type Actor, type Database } from '../../kernel/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';
import type { ServiceGuideInput } from './service-item.schemas.ts';
import { ServiceSearch } from './service-search.ts';
import type { ServiceBundle, ServiceMaterial } from './service-item.types.ts';

export type ResourceNamer = (code: string) => Promise<{ resourceName: string; orgName: string } | null>;

/** A service with its whole guide, as the applications read it. */
export interface StoredService {
  code: string;
  name: string;
  type: string;
  orgId: string;
  orgName: string;
  /** where the handling organisation is (its cases are that region's) */
  orgRegionCode: string;
  audience: 'citizen' | 'enterprise' | 'both';
  itemId: string | null;
  guide: ServiceRow['guide'];
}

interface BundleRow {
  code: string;
  name: string;
  audience: 'citizen' | 'enterprise';
  theme: string;
  description: string;
  parts: string[];
  keywords: string[];
}
export type BundleView = Omit<BundleRow, never> & { services: ReturnType<typeof summary>[] };

interface ServiceRow {
  code: string;
  name: string;
  type: string;
  org_id: string;
  level: string;
  audience: string;
  theme: string;
  online_depth: string;
  guide: Omit<ServiceGuideInput, 'code' | 'name' | 'type' | 'orgId' | 'level' | 'audience' | 'theme' | 'onlineDepth'>;
  item_id: string | null;
  usage_count: number;
  updated_at: string;
}

/**
 * S2.1 政务服务事项: the province's services as their 办事指南 describe them — public to read
 * (anyone may look up what a service needs before logging in), written by those who manage
 * the handling organisation's business model.
 */
export class ServiceCatalog {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly index = new ServiceSearch();
  private loaded = false;
  private readonly storedCache = new LRUCache<string, StoredService>({ max: 5_000, ttl: 5_000 });

  /** names a catalog resource and the department holding it (the data platform's answer), for the guide's 免提交 materials */
  private readonly describe: ResourceNamer;

  constructor(db: Database, audit: AuditLog, identity: IdentityStore, describe: ResourceNamer = async () => null) {
    this.db = db;
    this.audit = audit;
    this.identity = identity;
    this.describe = describe;
  }

  private async rows(codes?: string[]): Promise<ServiceRow[]> {
    if (codes && codes.length === 0) return [];
    return (
      await sql<ServiceRow>`select * from service_items where status = 'active'
        and (${codes === undefined} or code in (${sql.join(codes?.length ? codes : [''])}))`.execute(this.db.kysely)
    ).rows;
  }

  /** Reads every active service into the search index (at start and after a change). */
  async refresh(): Promise<void> {
    const rows = await this.rows();
    this.index.load(
      rows.map((r) => ({
        code: r.code,
        name: r.name,
        keywords: r.guide.keywords,
        text: [...r.guide.materials.map((m) => m.name), ...r.guide.conditions, r.type].join(' '),
        usageCount: r.usage_count,
      })),
    );
    this.loaded = true;
  }

  async list(query: {
    q?: string | undefined;
    theme?: string | undefined;
    orgId?: string | undefined;
    audience?: string | undefined;
    limit: number;
  }) {
    if (!this.loaded) await this.refresh();
    let rows: ServiceRow[];
    let matched = new Map<string, string[]>();
    if (query.q) {
      const hits = await this.index.search(query.q, 200);
      matched = new Map(hits.map((h) => [h.code, h.matched]));
      const byCode = new Map((await this.rows(hits.map((h) => h.code))).map((r) => [r.code, r]));
      rows = hits.map((h) => byCode.get(h.code)).filter((r): r is ServiceRow => r !== undefined);
    } else
      rows = (
        await sql<ServiceRow>`select * from service_items where status = 'active' order by usage_count desc, code`.execute(this.db.kysely)
      ).rows;
    rows = rows.filter(
      (r) =>
        (!query.theme || r.theme === query.theme) &&
        (!query.orgId || r.org_id === query.orgId) &&
        (!query.audience || r.audience === query.audience || r.audience === 'both'),
    );
    const page = rows.slice(0, query.limit);
    const names = new Map((await this.identity.orgsByIds([...new Set(page.map((r) => r.org_id))])).map((o) => [o.id, o.name]));
    return {
      total: rows.length,
      items: page.map((r) => ({
        ...summary(r, names.get(r.org_id) ?? r.org_id),
        ...(query.q ? { matched: matched.get(r.code) ?? [] } : {}),
      })),
    };
  }

  /** One service's whole guide; reading it counts as a use (search ranks ties by use). */
  async get(code: string) {
    const row = (await this.rows([code]))[0];
    if (!row) throw new NotFoundError('onestop.service_not_found', { code });
    await sql`update service_items set usage_count = usage_count + 1 where code = ${code}`.execute(this.db.kysely);
    const org = await this.identity.findOrg(row.org_id);
    return {
      ...summary(row, org?.name ?? row.org_id),
      legalBasis: row.guide.legalBasis,
      conditions: row.guide.conditions,
      materials: await Promise.all(
        row.guide.materials.map(async (m: ServiceMaterial) => {
          const named = m.sharedFrom ? await this.describe(m.sharedFrom.resource) : null;
          return {
            ...m,
            ...(m.sharedFrom && named ? { sharedFrom: { ...m.sharedFrom, resourceName: named.resourceName, orgName: named.orgName } } : {}),
            exempt: m.sharedFrom !== undefined,
          };
        }),
      ),
      fees: row.guide.fees,
      steps: row.guide.steps,
      keywords: row.guide.keywords,
      itemId: row.item_id,
    };
  }

  /** A service as stored, for the systems' own use (applications): no use is counted. Kept 5 s (a guide changes rarely). */
  async stored(code: string): Promise<StoredService> {
    const known = this.storedCache.get(code);
    if (known) return known;
    const row = (await this.rows([code]))[0];
    if (!row) throw new NotFoundError('onestop.service_not_found', { code });
    const org = await this.identity.findOrg(row.org_id);
    const service: StoredService = {
      code: row.code,
      name: row.name,
      type: row.type,
      orgId: row.org_id,
      orgName: org?.name ?? row.org_id,
      orgRegionCode: org?.regionCode ?? '',
      audience: row.audience as StoredService['audience'],
      itemId: row.item_id,
      guide: row.guide,
    };
    this.storedCache.set(code, service);
    return service;
  }

  /** Records the V-model item that runs a service's applications. */
  async linkItem(code: string, itemId: string): Promise<void> {
    await sql`update service_items set item_id = ${itemId} where code = ${code}`.execute(this.db.kysely);
    this.storedCache.delete(code);
  }

  /** 一件事 bundles, with each part's service and department. */
  async bundles(): Promise<{ items: BundleView[] }> {
    const rows = (await sql<BundleRow>`select * from service_bundles where status = 'active' order by code`.execute(this.db.kysely)).rows;
    return { items: await Promise.all(rows.map((r) => this.bundleView(r))) };
  }

  async bundle(code: string): Promise<BundleView> {
    const row = (await sql<BundleRow>`select * from service_bundles where code = ${code} and status = 'active'`.execute(this.db.kysely))
      .rows[0];
    if (!row) throw new NotFoundError('onestop.bundle_not_found', { code });
    return this.bundleView(row);
  }

  private async bundleView(row: BundleRow): Promise<BundleView> {
    const parts = await this.rows(row.parts);
    const names = new Map((await this.identity.orgsByIds([...new Set(parts.map((p) => p.org_id))])).map((o) => [o.id, o.name]));
    const byCode = new Map(parts.map((p) => [p.code, p]));
    return {
      code: row.code,
      name: row.name,
      audience: row.audience,
      theme: row.theme,
      description: row.description,
      keywords: row.keywords,
      parts: row.parts,
      services: row.parts
        .map((c) => byCode.get(c))
        .filter((p): p is ServiceRow => p !== undefined)
        .map((p) => summary(p, names.get(p.org_id) ?? p.org_id)),
    };
  }

  /** Writes 一件事 bundles (every part must be an active service); as `put`, by those who manage the model. */
  async putBundles(actor: Actor, bundles: ServiceBundle[]): Promise<number> {
    requirePermission(actor, 'model.manage');
    for (const bundle of bundles) {
      const found = new Set((await this.rows(bundle.parts)).map((r) => r.code));
      const missing = bundle.parts.filter((c) => !found.has(c));
      if (missing.length) throw new ValidationError('onestop.bundle_part_missing', { codes: missing });
      await this.db.kysely.transaction().execute(async (tx) => {
        await sql`insert into service_bundles (code, name, audience, theme, description, parts, keywords)
          values (${bundle.code}, ${bundle.name}, ${bundle.audience}, ${bundle.theme}, ${bundle.description}, ${JSON.stringify(bundle.parts)}::jsonb,
            ${JSON.stringify(bundle.keywords)}::jsonb)
          on conflict (code) do update set name = excluded.name, audience = excluded.audience, theme = excluded.theme,
            description = excluded.description, parts = excluded.parts, keywords = excluded.keywords, updated_at = now()`.execute(tx);
        await this.audit.record(
          { actor, action: 'onestop.bundle.put', targetType: 'service_bundle', targetId: bundle.code, details: { parts: bundle.parts } },
          tx,
        );
      });
    }
    return bundles.length;
  }

  /** Writes many guides (a pack installing its services), each checked as `put` does; the index is rebuilt once. */
  async putMany(actor: Actor, inputs: ServiceGuideInput[]): Promise<number> {
    for (const input of inputs) await this.write(actor, input, null);
    await this.refresh();
    return inputs.length;
  }

  /** Writes a guide (a new service, or a new text of one): those who manage the handling organisation's business model. */
  async put(actor: Actor, input: ServiceGuideInput, itemId: string | null = null) {
    await this.write(actor, input, itemId);
    await this.refresh();
    return this.get(input.code);
  }

  private async write(actor: Actor, input: ServiceGuideInput, itemId: string | null): Promise<void> {
    this.storedCache.delete(input.code);
    const org = await this.identity.findOrg(input.orgId);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId: input.orgId });
    requirePermission(actor, 'model.manage', { orgId: org.id, regionCode: org.regionCode });
    const { code, name, type, orgId, level, audience, theme, onlineDepth, ...guide } = input;
    if (guide.materials.some((m) => m.sharedFrom && !m.sharedFrom.resource)) throw new ValidationError('onestop.invalid_material');
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into service_items (code, name, type, org_id, level, audience, theme, online_depth, guide, item_id, updated_by)
        values (${code}, ${name}, ${type}, ${orgId}, ${level}, ${audience}, ${theme}, ${onlineDepth}, ${JSON.stringify(guide)}::jsonb,
          ${itemId}, ${actor.accountId})
        on conflict (code) do update set name = excluded.name, type = excluded.type, org_id = excluded.org_id, level = excluded.level,
          audience = excluded.audience, theme = excluded.theme, online_depth = excluded.online_depth, guide = excluded.guide,
          item_id = coalesce(excluded.item_id, service_items.item_id), updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'onestop.service.put',
          targetType: 'service_item',
          targetId: code,
          orgId,
          regionCode: org.regionCode,
          details: { name },
        },
        tx,
      );
    });
  }
}

function summary(r: ServiceRow, orgName: string) {
  const materials = r.guide.materials;
  return {
    code: r.code,
    name: r.name,
    type: r.type,
    orgId: r.org_id,
    orgName,
    level: r.level,
    audience: r.audience,
    theme: r.theme,
    onlineDepth: r.online_depth,
    statutoryDays: r.guide.statutoryDays,
    promisedDays: r.guide.promisedDays,
    /** materials the applicant still hands in; 免提交 ones shared data covers */
    materialsToSubmit: materials.filter((m) => !m.sharedFrom).length,
    materialsExempt: materials.filter((m) => m.sharedFrom).length,
    usageCount: r.usage_count,
  };
}
