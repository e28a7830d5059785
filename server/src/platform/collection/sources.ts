import { sql } from 'kysely';
import { z } from 'zod';
import { ConflictError, newId, NotFoundError, ValidationError, type Actor, type Database, type Logger } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Field } from '../catalog/index.ts';
import { open, seal, type KeyRing } from '../crypto/index.ts';
import { recordOf, type FileRow } from './file-rows.ts';
import type { LoadService } from './loads.ts';
import { collectionActor } from './quality.ts';

const fieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'catalog.invalid_field_name');
export const createSourceBody = z.strictObject({
  resourceId: z.string().regex(/^res_[0-9a-z]{26}$/, 'identity.invalid_id'),
  name: z.string().trim().min(1).max(100),
  url: z
    .string()
    .url()
    .max(1000)
    .refine((u) => /^https?:\/\//.test(u), 'collection.source_url_http'),
  /** the source's update-time field: what "incremental" goes by */
  cursorField: fieldName,
  sinceParam: fieldName.default('since'),
  limitParam: fieldName.default('limit'),
  offsetParam: fieldName.default('offset'),
  pageSize: z.number().int().min(1).max(5000).default(500),
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 31),
  /** sent as the Authorization header; kept sealed (SM4), never shown again */
  authorization: z.string().min(1).max(2000).optional(),
});
export type CreateSourceInput = z.infer<typeof createSourceBody>;
export const updateSourceBody = z
  .strictObject({ enabled: z.boolean().optional(), intervalMinutes: createSourceBody.shape.intervalMinutes.optional() })
  .refine((b) => Object.keys(b).length > 0, 'catalog.nothing_to_update');

interface SourceRow {
  id: string;
  resource_id: string;
  org_id: string;
  name: string;
  url: string;
  cursor_field: string;
  since_param: string;
  limit_param: string;
  offset_param: string;
  page_size: number;
  interval_minutes: number;
  auth_sealed: Buffer | Uint8Array | null;
  auth_key_version: number | null;
  enabled: boolean;
  cursor: string | null;
  next_run_at: string;
  running_since: string | null;
  last_run_at: string | null;
  last_load_id: string | null;
  last_error: string | null;
  created_at: string;
}

/** How long one request to a source may take. */
const requestTimeoutMs = 30_000;

/**
 * Scheduled pulls 定时归集 from a department's HTTP JSON API, incremental by an update-time field:
 * each run asks `?since=<the newest time seen so far>&limit=&offset=` page by page (the source
 * answers records updated after `since`, oldest first — an array, or `{ records | data | items }`)
 * and loads what came as one load that publishes the good rows and lists the bad ones.
 */
export class SourceService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly loads: LoadService;
  private readonly keys: KeyRing;
  private readonly log: Logger;

  constructor(deps: { db: Database; audit: AuditLog; loads: LoadService; keys: KeyRing; log: Logger }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.loads = deps.loads;
    this.keys = deps.keys;
    this.log = deps.log;
  }

  async create(actor: Actor, input: CreateSourceInput) {
    const resource = await this.loads.ownedResource(actor, input.resourceId);
    const id = newId('src');
    let sealed: Buffer | null = null;
    let version: number | null = null;
    if (input.authorization) {
      const key = await this.keys.current();
      sealed = seal(key, Buffer.from(input.authorization));
      version = key.version;
    }
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into collection_sources (id, resource_id, org_id, name, url, cursor_field, since_param, limit_param, offset_param,
          page_size, interval_minutes, auth_sealed, auth_key_version, created_by)
        values (${id}, ${resource.id}, ${resource.orgId}, ${input.name}, ${input.url}, ${input.cursorField}, ${input.sinceParam},
          ${input.limitParam}, ${input.offsetParam}, ${input.pageSize}, ${input.intervalMinutes}, ${sealed}, ${version}, ${actor.accountId})`.execute(
        tx,
      );
      await this.audit.record(
        {
          actor,
          action: 'collection.source.create',
          targetType: 'data_resource',
          targetId: resource.id,
          orgId: resource.orgId,
          regionCode: resource.regionCode,
          details: { sourceId: id, url: input.url, intervalMinutes: input.intervalMinutes },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  private async row(id: string): Promise<SourceRow> {
    const row = (await sql<SourceRow>`select * from collection_sources where id = ${id}`.execute(this.db.kysely)).rows[0];
    if (!row) throw new NotFoundError('collection.source_not_found', { id });
    return row;
  }

  async get(actor: Actor, id: string) {
    const row = await this.row(id);
    await this.loads.ownedResource(actor, row.resource_id);
    return toView(row);
  }

  async list(actor: Actor, resourceId: string) {
    await this.loads.ownedResource(actor, resourceId);
    const rows = (
      await sql<SourceRow>`select * from collection_sources where resource_id = ${resourceId} order by created_at`.execute(this.db.kysely)
    ).rows;
    return { items: rows.map(toView) };
  }

  async update(actor: Actor, id: string, input: z.infer<typeof updateSourceBody>) {
    const row = await this.row(id);
    await this.loads.ownedResource(actor, row.resource_id);
    await sql`update collection_sources set enabled = ${input.enabled ?? row.enabled},
      interval_minutes = ${input.intervalMinutes ?? row.interval_minutes} where id = ${id}`.execute(this.db.kysely);
    await this.audit.record({
      actor,
      action: 'collection.source.update',
      targetType: 'data_resource',
      targetId: row.resource_id,
      orgId: row.org_id,
      details: { sourceId: id, ...input },
    });
    return this.get(actor, id);
  }

  /** 立即归集: runs a source now, on behalf of its owner's data officer. */
  async runNow(actor: Actor, id: string) {
    const row = await this.row(id);
    await this.loads.ownedResource(actor, row.resource_id);
    return this.run(actor, id);
  }

  /** The scheduler's turn: every enabled source that is due runs once. */
  async runDue(now = new Date()): Promise<number> {
    const due = (
      await sql<{ id: string }>`select id from collection_sources where enabled and next_run_at <= ${now.toISOString()}
        and (running_since is null or running_since < ${new Date(now.getTime() - 3600_000).toISOString()}) order by next_run_at limit 20`.execute(
        this.db.kysely,
      )
    ).rows;
    for (const { id } of due) {
      await this.run(collectionActor, id).catch((error: unknown) => this.log.warn({ err: error, sourceId: id }, 'scheduled pull failed'));
    }
    return due.length;
  }

  private async run(actor: Actor, id: string) {
    const claimed = (
      await sql<SourceRow>`update collection_sources set running_since = now() where id = ${id}
        and (running_since is null or running_since < now() - interval '1 hour') returning *`.execute(this.db.kysely)
    ).rows[0];
    if (!claimed) throw new ConflictError('collection.source_running', { id });
    let newest = claimed.cursor;
    let loadId: string | null = null;
    let failure: string | null = null;
    try {
      const load = await this.loads.create(
        actor,
        { resourceId: claimed.resource_id, format: 'json', fileName: claimed.url, mode: 'upsert', onError: 'skip' },
        { kind: 'pull', id },
      );
      loadId = load.id;
      const resource = await this.loads.ownedResource(actor, claimed.resource_id);
      const authorization = claimed.auth_sealed
        ? open(await this.keys.get(claimed.auth_key_version!), Buffer.from(claimed.auth_sealed)).toString('utf8')
        : null;
      const pages = this.pages(claimed, resource.fields, authorization, (seen) => {
        if (newest === null || Date.parse(seen) > Date.parse(newest)) newest = seen;
      });
      const result = await this.loads.pull(actor, load.id, resource, pages);
      if (result.status !== 'published') {
        newest = claimed.cursor;
        failure = result.failure;
      }
      return result;
    } catch (error) {
      newest = claimed.cursor;
      failure = error instanceof Error ? ((error as { code?: string }).code ?? error.message).slice(0, 300) : 'failed';
      throw error;
    } finally {
      await sql`update collection_sources set running_since = null, cursor = ${newest}, last_run_at = now(), last_load_id = ${loadId},
        last_error = ${failure}, next_run_at = now() + make_interval(mins => ${claimed.interval_minutes})
        where id = ${id}`.execute(this.db.kysely);
    }
  }

  /** The source's records since the cursor, page after page, each turned into a record of the resource. */
  private async *pages(
    source: SourceRow,
    fields: Field[],
    authorization: string | null,
    onCursor: (value: string) => void,
  ): AsyncGenerator<FileRow> {
    const names = new Set(fields.flatMap((f) => [f.name, f.label]));
    let offset = 0;
    let row = 0;
    for (;;) {
      const url = new URL(source.url);
      if (source.cursor) url.searchParams.set(source.since_param, source.cursor);
      url.searchParams.set(source.limit_param, String(source.page_size));
      url.searchParams.set(source.offset_param, String(offset));
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
      } catch (error) {
        throw new ValidationError('collection.source_unreachable', { reason: (error as Error).message.slice(0, 200) });
      }
      if (!response.ok) throw new ValidationError('collection.source_http', { status: response.status });
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ValidationError('collection.source_not_json');
      }
      const page = Array.isArray(body)
        ? body
        : ((body as Record<string, unknown> | null)?.records ??
          (body as Record<string, unknown>)?.data ??
          (body as Record<string, unknown>)?.items);
      if (!Array.isArray(page)) throw new ValidationError('collection.source_not_json');
      for (const item of page) {
        row += 1;
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          yield { row, record: { __value: item } };
          continue;
        }
        const raw = { ...(item as Record<string, unknown>) };
        const seen = raw[source.cursor_field];
        if (typeof seen === 'string' && !Number.isNaN(Date.parse(seen))) onCursor(seen);
        if (!names.has(source.cursor_field)) delete raw[source.cursor_field];
        yield { row, record: recordOf(fields, raw) };
      }
      if (page.length < source.page_size) return;
      offset += page.length;
    }
  }
}

function toView(row: SourceRow) {
  return {
    id: row.id,
    resourceId: row.resource_id,
    name: row.name,
    url: row.url,
    cursorField: row.cursor_field,
    sinceParam: row.since_param,
    limitParam: row.limit_param,
    offsetParam: row.offset_param,
    pageSize: row.page_size,
    intervalMinutes: row.interval_minutes,
    hasAuthorization: row.auth_sealed !== null,
    enabled: row.enabled,
    cursor: row.cursor,
    nextRunAt: row.next_run_at,
    running: row.running_since !== null,
    lastRunAt: row.last_run_at,
    lastLoadId: row.last_load_id,
    lastError: row.last_error,
  };
}
