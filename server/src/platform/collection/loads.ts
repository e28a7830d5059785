import { sql } from 'kysely';
import { AppError, ConflictError, newId, NotFoundError, type Actor, type Database } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { recordProblems, type CatalogService, type RecordStore, type RowProblem } from '../catalog/index.ts';
import { fileRows, type FileFormat, type FileRow } from './file-rows.ts';
import type { QualityService } from './quality.ts';

/** How many problems a load keeps to show (all of them are counted by reason). */
export const keptProblems = 1000;
const batchRows = 1000;

export interface LoadOptions {
  resourceId: string;
  format: FileFormat;
  fileName?: string | undefined;
  /** `upsert` inserts or replaces by key; `replace` also removes every record the load lacks */
  mode: 'upsert' | 'replace';
  /** `reject`: one bad row and nothing is written; `skip`: the good rows are published, the bad listed */
  onError: 'reject' | 'skip';
}

interface LoadRow {
  id: string;
  resource_id: string;
  org_id: string;
  source_kind: 'upload' | 'pull';
  source_id: string | null;
  format: string;
  file_name: string;
  mode: 'upsert' | 'replace';
  on_error: 'reject' | 'skip';
  status: string;
  bytes: string | number;
  rows_read: number;
  rows_bad: number;
  inserted: number;
  updated: number;
  deleted: number;
  errors: RowProblem[];
  reasons: Record<string, number>;
  failure: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

type Resource = NonNullable<Awaited<ReturnType<CatalogService['sharingView']>>>;

/**
 * P2.3 数据归集, loads: a file upload (CSV, XLSX, JSON) or a scheduled pull streams its rows
 * through the field rules into staging, then publishes in one transaction — or is rejected
 * whole with every bad row's number and reason. Nothing is ever half-written: a load cut off
 * (a dropped upload, a killed server) leaves only staging rows, which are discarded.
 */
export class LoadService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly catalog: CatalogService;
  private readonly records: RecordStore;
  private readonly quality: QualityService;

  constructor(deps: { db: Database; audit: AuditLog; catalog: CatalogService; records: RecordStore; quality: QualityService }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.catalog = deps.catalog;
    this.records = deps.records;
    this.quality = deps.quality;
  }

  /** The resource, if the actor manages its owner's data. */
  ownedResource(actor: Actor, resourceId: string): Promise<Resource & { regionCode: string | null }> {
    return this.catalog.managedResource(actor, resourceId);
  }

  async create(actor: Actor, options: LoadOptions, source?: { kind: 'pull'; id: string }) {
    const resource = await this.ownedResource(actor, options.resourceId);
    const id = newId('load');
    await sql`insert into collection_loads (id, resource_id, org_id, source_kind, source_id, format, file_name, mode, on_error, status, created_by)
      values (${id}, ${resource.id}, ${resource.orgId}, ${source?.kind ?? 'upload'}, ${source?.id ?? null}, ${options.format},
        ${options.fileName ?? ''}, ${options.mode}, ${options.onError}, 'created', ${actor.accountId})`.execute(this.db.kysely);
    return this.get(actor, id);
  }

  private async row(id: string): Promise<LoadRow> {
    const row = (await sql<LoadRow>`select * from collection_loads where id = ${id}`.execute(this.db.kysely)).rows[0];
    if (!row) throw new NotFoundError('collection.load_not_found', { id });
    return row;
  }

  async get(actor: Actor, id: string) {
    const row = await this.row(id);
    await this.ownedResource(actor, row.resource_id);
    return toView(row);
  }

  async list(actor: Actor, resourceId: string) {
    await this.ownedResource(actor, resourceId);
    const rows = (
      await sql<LoadRow>`select * from collection_loads where resource_id = ${resourceId} order by created_at desc limit 50`.execute(
        this.db.kysely,
      )
    ).rows;
    return { items: rows.map((r) => toView({ ...r, errors: [] })) };
  }

  /** Receives an upload's file as it streams in; answers once it is published, rejected or failed. */
  async receive(actor: Actor, id: string, body: AsyncIterable<Buffer | string>) {
    const load = await this.row(id);
    const resource = await this.ownedResource(actor, load.resource_id);
    if (load.source_kind !== 'upload') throw new ConflictError('collection.load_not_open', { status: load.status });
    return this.run(actor, load, resource, (onBytes) => fileRows(load.format as FileFormat, resource.fields, body, onBytes));
  }

  /** Runs a pull's load (sources.ts) over the rows a department's API gives. */
  async pull(actor: Actor, id: string, resource: Resource & { regionCode: string | null }, rows: AsyncIterable<FileRow>) {
    return this.run(actor, await this.row(id), resource, () => rows);
  }

  /**
   * Runs a load: claims it (a load runs once), streams its rows through the rules into staging,
   * then publishes or rejects. Problems with the file itself (its columns, its bytes) fail the
   * load and come back as the 4xx they are.
   */
  private async run(
    actor: Actor,
    load: LoadRow,
    resource: Resource & { regionCode: string | null },
    rowsOf: (onBytes: (bytes: number) => void) => AsyncIterable<FileRow>,
  ) {
    const claimed = await sql`update collection_loads set status = 'receiving' where id = ${load.id} and status = 'created'`.execute(
      this.db.kysely,
    );
    if (Number(claimed.numAffectedRows ?? 0) !== 1) throw new ConflictError('collection.load_not_open', { status: load.status });
    const byName = new Map(resource.fields.map((f) => [f.name, f]));
    const problems: RowProblem[] = [];
    const reasons: Record<string, number> = {};
    let read = 0;
    let bad = 0;
    let bytes = 0;
    const note = (found: RowProblem[]) => {
      for (const p of found) {
        reasons[p.reason] = (reasons[p.reason] ?? 0) + 1;
        if (problems.length < keptProblems) problems.push(p);
      }
    };
    let batch: FileRow[] = [];
    // A batch stages while the next one is read and checked: one batch in flight at a time.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      const rows = batch;
      batch = [];
      inFlight = (async () => {
        if (rows.length) {
          const duplicates = await this.records.stage(load.id, resource, rows);
          bad += duplicates.length;
          note(duplicates);
        }
        await sql`update collection_loads set rows_read = ${read}, rows_bad = ${bad}, bytes = ${bytes} where id = ${load.id}`.execute(
          this.db.kysely,
        );
      })();
      // a failed batch fails the load at the next flush, not as an unhandled rejection now
      inFlight.catch(() => undefined);
    };
    try {
      for await (const item of rowsOf((n) => (bytes = n))) {
        read += 1;
        const found =
          '__value' in item.record
            ? [{ row: item.row, field: null, reason: 'not_an_object' }]
            : recordProblems(resource.fields, byName, item.record, item.row);
        if (found.length) {
          bad += 1;
          note(found);
          continue;
        }
        batch.push(item);
        if (batch.length >= batchRows) await flush();
      }
      await flush();
      await inFlight;
      const unique = await this.records.stagedUniquenessProblems(load.id, resource, load.mode === 'replace');
      if (unique.length) {
        const rows = [...new Set(unique.map((u) => u.row))];
        bad += rows.length;
        note(unique);
        if (load.on_error === 'skip') await this.records.unstage(load.id, rows);
      }
      problems.sort((a, b) => a.row - b.row);
      const staged = bad > 0 && load.on_error === 'reject' ? 0 : await this.records.stagedCount(load.id);
      if ((bad > 0 && load.on_error === 'reject') || (load.mode === 'replace' && staged === 0)) {
        await this.records.discardStaged(load.id);
        const failure = bad > 0 ? 'collection.rows_invalid' : 'collection.replace_with_nothing';
        await sql`update collection_loads set status = 'rejected', rows_read = ${read}, rows_bad = ${bad}, bytes = ${bytes},
          errors = ${JSON.stringify(problems)}::jsonb, reasons = ${JSON.stringify(reasons)}::jsonb, failure = ${failure},
          finished_at = now() where id = ${load.id}`.execute(this.db.kysely);
      } else {
        await this.db.kysely.transaction().execute(async (tx) => {
          const result = await this.records.publishStaged(tx, load.id, resource.id, load.mode === 'replace');
          await sql`update collection_loads set status = 'published', rows_read = ${read}, rows_bad = ${bad}, bytes = ${bytes},
            inserted = ${result.inserted}, updated = ${result.updated}, deleted = ${result.deleted},
            errors = ${JSON.stringify(problems)}::jsonb, reasons = ${JSON.stringify(reasons)}::jsonb, finished_at = now()
            where id = ${load.id}`.execute(tx);
          await this.audit.record(
            {
              actor,
              action: 'collection.load.publish',
              targetType: 'data_resource',
              targetId: resource.id,
              orgId: resource.orgId,
              regionCode: resource.regionCode,
              details: { loadId: load.id, source: load.source_kind, read, bad, ...result },
            },
            tx,
          );
        });
        await this.quality.record(resource.id, {
          checkedRows: read,
          badRows: bad,
          reasons,
          sample: problems,
          basis: `${load.source_kind === 'pull' ? 'pull' : 'load'}:${load.id}`,
        });
      }
    } catch (error) {
      await inFlight.catch(() => undefined);
      await this.records.discardStaged(load.id).catch(() => undefined);
      const failure = error instanceof AppError ? error.code : 'collection.interrupted';
      await sql`update collection_loads set status = 'failed', rows_read = ${read}, rows_bad = ${bad}, bytes = ${bytes},
        errors = ${JSON.stringify(problems)}::jsonb, reasons = ${JSON.stringify(reasons)}::jsonb, failure = ${failure},
        finished_at = now() where id = ${load.id}`.execute(this.db.kysely);
      throw error;
    }
    return toView(await this.row(load.id));
  }

  /** At start: loads a stopped server was running cannot finish; they fail, their staging goes. */
  async failInterrupted(): Promise<number> {
    const open = (await sql<{ id: string }>`select id from collection_loads where status = 'receiving'`.execute(this.db.kysely)).rows;
    for (const { id } of open) {
      await this.records.discardStaged(id);
      await sql`update collection_loads set status = 'failed', failure = 'collection.interrupted', finished_at = now()
        where id = ${id} and status = 'receiving'`.execute(this.db.kysely);
    }
    return open.length;
  }
}

function toView(row: LoadRow) {
  return {
    id: row.id,
    resourceId: row.resource_id,
    source: row.source_kind,
    sourceId: row.source_id,
    format: row.format,
    fileName: row.file_name,
    mode: row.mode,
    onError: row.on_error,
    status: row.status,
    bytes: Number(row.bytes),
    rowsRead: row.rows_read,
    rowsBad: row.rows_bad,
    inserted: row.inserted,
    updated: row.updated,
    deleted: row.deleted,
    problems: row.errors,
    reasons: row.reasons,
    failure: row.failure,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
