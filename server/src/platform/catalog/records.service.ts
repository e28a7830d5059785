import { sql } from 'kysely';
import { NotFoundError, requirePermission, ValidationError, type Actor, type Database, type Executor } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { blindIndex, open, seal, type DataKey, type KeyRing } from '../crypto/index.ts';
import { validateResidentId, validateUscc, type IdentityStore } from '../identity/index.ts';
import type { Field } from './catalog.schemas.ts';

type Row = Record<string, unknown>;
interface RecordRow {
  record_key: string;
  data: Row;
  sealed: Buffer | Uint8Array | null;
  key_version: number | null;
}

export const maxRecordsPerCall = 1000;

/** Why a value does not fit its field (the quality rules of P2.3), or null when it does. */
export function valueProblem(field: Field, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return field.required || field.key ? 'required' : null;
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string' || value.length > 2000) return 'not_text';
      return field.enum && !field.enum.includes(value) ? 'not_in_enum' : null;
    case 'integer':
      return Number.isInteger(value) ? null : 'not_integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'not_number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'not_boolean';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'not_date';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? null : 'not_datetime';
    case 'id_number':
      return typeof value === 'string' && validateResidentId(value).ok ? null : 'bad_id_number';
    case 'credit_code':
      return typeof value === 'string' && validateUscc(value).ok ? null : 'bad_credit_code';
    case 'phone':
      return typeof value === 'string' && /^1[3-9]\d{9}$/.test(value) ? null : 'bad_phone';
  }
}

export interface RowProblem {
  row: number;
  field: string | null;
  reason: string;
}

/** Every problem of one record against a field list: unknown fields and values that break a rule. */
export function recordProblems(fields: Field[], byName: Map<string, Field>, record: Row, row: number): RowProblem[] {
  const found: RowProblem[] = [];
  for (const name of Object.keys(record)) if (!byName.has(name)) found.push({ row, field: name, reason: 'unknown_field' });
  for (const field of fields) {
    const reason = valueProblem(field, record[field.name]);
    if (reason) found.push({ row, field: field.name, reason });
  }
  return found;
}

interface StagingResource {
  id: string;
  fields: Field[];
  version: number;
}

/**
 * A resource's records as its owner keeps them: checked against the current schema, L4
 * fields sealed with SM4, key fields found through blind indexes. Consumers will read them
 * through the gateway under grants (the next slice); today only the owner's data officer.
 */
export class RecordStore {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly keys: KeyRing;

  constructor(db: Database, audit: AuditLog, identity: IdentityStore, keys: KeyRing) {
    this.db = db;
    this.audit = audit;
    this.identity = identity;
    this.keys = keys;
  }

  private async resource(actor: Actor, id: string) {
    const row = (
      await sql<{
        id: string;
        org_id: string;
        fields: Field[];
        version: number;
      }>`select id, org_id, fields, version from data_resources where id = ${id}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('catalog.resource_not_found', { id });
    const org = await this.identity.findOrg(row.org_id);
    requirePermission(actor, 'data.manage', { orgId: row.org_id, regionCode: org?.regionCode ?? null });
    return { ...row, regionCode: org?.regionCode ?? null };
  }

  /** Writes records (insert or replace by the first key field): all of them, or none with every bad row listed. */
  async put(actor: Actor, resourceId: string, records: Row[]) {
    const resource = await this.resource(actor, resourceId);
    const byName = new Map(resource.fields.map((f) => [f.name, f]));
    const errors: { row: number; field: string | null; reason: string }[] = [];
    records.forEach((record, i) => errors.push(...recordProblems(resource.fields, byName, record, i + 1)));
    if (errors.length) throw new ValidationError('catalog.records_invalid', { errors: errors.slice(0, 200), total: errors.length });
    const key = await this.keys.current();
    let inserted = 0;
    await this.db.kysely.transaction().execute(async (tx) => {
      inserted = await this.writeMany(tx, resource, key, records);
      await sql`update data_resources set records_updated_at = now() where id = ${resourceId}`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'catalog.records.put',
          targetType: 'data_resource',
          targetId: resourceId,
          orgId: resource.org_id,
          regionCode: resource.regionCode,
          details: { records: records.length, inserted },
        },
        tx,
      );
    });
    return { written: records.length, inserted, updated: records.length - inserted };
  }

  /** A record as stored: its clear fields, its L4 fields sealed, its key fields as blind indexes. */
  private encode(resource: StagingResource, key: DataKey, primary: Field, record: Row) {
    const clear: Row = {};
    const secret: Row = {};
    for (const field of resource.fields) {
      const value = record[field.name];
      if (value === undefined) continue;
      (field.grade === 'L4' ? secret : clear)[field.name] = value;
    }
    const recordKey = blindIndex(key, primary.name, String(record[primary.name]));
    const sealed = Object.keys(secret).length ? seal(key, Buffer.from(JSON.stringify(secret))) : null;
    const indexes = resource.fields
      .filter((f) => f.key && record[f.name] !== undefined && record[f.name] !== null)
      .map((f) => ({ field: f.name, valueIndex: blindIndex(key, f.name, String(record[f.name])) }));
    return { recordKey, clear, sealed, indexes };
  }

  /**
   * Writes records in three statements whatever their number (arrays through `unnest`): upserted
   * by their primary key — the last of a repeated key wins — and their key indexes renewed.
   * Returns how many were new.
   */
  private async writeMany(tx: Executor, resource: StagingResource, key: DataKey, records: Row[]): Promise<number> {
    const primary = resource.fields.find((f) => f.key)!;
    const byKey = new Map<string, ReturnType<RecordStore['encode']>>();
    for (const record of records) {
      const encoded = this.encode(resource, key, primary, record);
      byKey.delete(encoded.recordKey);
      byKey.set(encoded.recordKey, encoded);
    }
    const encoded = [...byKey.values()];
    if (!encoded.length) return 0;
    const recordKeys = encoded.map((e) => e.recordKey);
    const written = (
      await sql<{ fresh: boolean }>`insert into data_records (resource_id, record_key, data, sealed, key_version, schema_version)
        select ${resource.id}, k, d::jsonb, decode(nullif(s, ''), 'hex'), ${key.version}, ${resource.version}
        from unnest(${recordKeys}::text[], ${encoded.map((e) => JSON.stringify(e.clear))}::text[],
          ${encoded.map((e) => e.sealed?.toString('hex') ?? '')}::text[]) as t(k, d, s)
        on conflict (resource_id, record_key) do update set data = excluded.data, sealed = excluded.sealed,
          key_version = excluded.key_version, schema_version = excluded.schema_version, updated_at = now()
        returning (xmax = 0) as fresh`.execute(tx)
    ).rows;
    await sql`delete from data_record_keys where resource_id = ${resource.id} and record_key = any(${recordKeys}::text[])`.execute(tx);
    const indexes = encoded.flatMap((e) => e.indexes.map((i) => ({ ...i, recordKey: e.recordKey })));
    if (indexes.length)
      await sql`insert into data_record_keys (resource_id, field, value_index, record_key)
        select ${resource.id}, f, v, k from unnest(${indexes.map((i) => i.field)}::text[], ${indexes.map((i) => i.valueIndex)}::text[],
          ${indexes.map((i) => i.recordKey)}::text[]) as t(f, v, k) on conflict do nothing`.execute(tx);
    return written.filter((r) => r.fresh).length;
  }

  /** One record by a key field's value, L4 fields opened (the owner's view). */
  async get(actor: Actor, resourceId: string, field: string, value: string) {
    const resource = await this.resource(actor, resourceId);
    if (!resource.fields.some((f) => f.key && f.name === field)) throw new ValidationError('catalog.not_a_key', { field });
    const [found] = await this.lookup(resourceId, field, [value]);
    if (!found?.record) throw new NotFoundError('catalog.record_not_found', { field });
    return found.record;
  }

  /** A page of a resource's records in key order, L4 fields opened: for open data (whose fields are all L1) and exports. */
  async page(resourceId: string, limit: number, offset = 0): Promise<Row[]> {
    const rows = (
      await sql<RecordRow>`select record_key, data, sealed, key_version from data_records where resource_id = ${resourceId}
        order by record_key limit ${limit} offset ${offset}`.execute(this.db.kysely)
    ).rows;
    return Promise.all(rows.map(async (row) => ({ ...row.data, ...(await this.openSealed(row)) })));
  }

  /** Records in key order after a key (exclusive), L4 fields opened: for whole-resource checks that must not page by offset. */
  async scan(resourceId: string, afterKey: string | null, limit: number): Promise<{ recordKey: string; record: Row }[]> {
    const rows = (
      await sql<RecordRow>`select record_key, data, sealed, key_version from data_records where resource_id = ${resourceId}
        and record_key > ${afterKey ?? ''} order by record_key limit ${limit}`.execute(this.db.kysely)
    ).rows;
    return Promise.all(rows.map(async (row) => ({ recordKey: row.record_key, record: { ...row.data, ...(await this.openSealed(row)) } })));
  }

  /** How many stored records share the value of a `unique` key field with another record. */
  async duplicateValues(resourceId: string): Promise<{ records: number }> {
    const resource = (await sql<{ fields: Field[] }>`select fields from data_resources where id = ${resourceId}`.execute(this.db.kysely))
      .rows[0];
    const unique = (resource?.fields ?? []).filter((f) => f.unique && f.key).map((f) => f.name);
    if (!unique.length) return { records: 0 };
    const row = (
      await sql<{ n: string }>`select count(distinct k.record_key) as n from data_record_keys k where k.resource_id = ${resourceId}
        and k.field in (${sql.join(unique)}) and exists (select 1 from data_record_keys o where o.resource_id = k.resource_id
          and o.field = k.field and o.value_index = k.value_index and o.record_key <> k.record_key)`.execute(this.db.kysely)
    ).rows[0];
    return { records: Number(row?.n ?? 0) };
  }

  async count(resourceId: string): Promise<number> {
    const row = (await sql<{ n: string }>`select count(*) as n from data_records where resource_id = ${resourceId}`.execute(this.db.kysely))
      .rows[0];
    return Number(row?.n ?? 0);
  }

  // ── staging (P2.3 数据归集): the collection module checks who may load; these trust their caller ──

  /**
   * Stages checked rows of a load: sealed and indexed now, published later in one transaction.
   * A row whose primary key an earlier row of the load already has is not staged: its number
   * comes back as a `duplicate_key` problem.
   */
  async stage(loadId: string, resource: StagingResource, rows: { row: number; record: Row }[]): Promise<RowProblem[]> {
    if (rows.length === 0) return [];
    const key = await this.keys.current();
    const primary = resource.fields.find((f) => f.key)!;
    const encoded = rows.map(({ row, record }) => ({ row, ...this.encode(resource, key, primary, record) }));
    const seen = new Map<string, number>();
    const fresh: typeof encoded = [];
    const problems: RowProblem[] = [];
    for (const e of encoded) {
      if (seen.has(e.recordKey)) problems.push({ row: e.row, field: primary.name, reason: 'duplicate_key' });
      else {
        seen.set(e.recordKey, e.row);
        fresh.push(e);
      }
    }
    // One statement per table with arrays (unnest) rather than thousands of bound values: parsed
    // once, it stages a batch several times faster.
    await this.db.kysely.transaction().execute(async (tx) => {
      const inserted = (
        await sql<{ record_key: string }>`insert into data_staging (load_id, row_no, record_key, data, sealed, key_version, schema_version)
          select ${loadId}, r::integer, k, d::jsonb, decode(nullif(s, ''), 'hex'), ${key.version}, ${resource.version}
          from unnest(${fresh.map((e) => String(e.row))}::text[], ${fresh.map((e) => e.recordKey)}::text[],
            ${fresh.map((e) => JSON.stringify(e.clear))}::text[], ${fresh.map((e) => e.sealed?.toString('hex') ?? '')}::text[]) as t(r, k, d, s)
          on conflict (load_id, record_key) do nothing returning record_key`.execute(tx)
      ).rows;
      const staged = new Set(inserted.map((r) => r.record_key));
      for (const e of fresh) if (!staged.has(e.recordKey)) problems.push({ row: e.row, field: primary.name, reason: 'duplicate_key' });
      const indexes = fresh.filter((e) => staged.has(e.recordKey)).flatMap((e) => e.indexes.map((k) => ({ ...k, recordKey: e.recordKey })));
      if (indexes.length)
        await sql`insert into data_staging_keys (load_id, field, value_index, record_key)
          select ${loadId}, f, v, k from unnest(${indexes.map((i) => i.field)}::text[], ${indexes.map((i) => i.valueIndex)}::text[],
            ${indexes.map((i) => i.recordKey)}::text[]) as t(f, v, k)`.execute(tx);
    });
    return problems.sort((a, b) => a.row - b.row);
  }

  /**
   * Rows of a staged load that break a `unique` key field: sharing a value with another row of
   * the load, or with a stored record the load does not replace. Each such row is listed once.
   */
  async stagedUniquenessProblems(loadId: string, resource: StagingResource, replace: boolean, limit = 10_000): Promise<RowProblem[]> {
    const unique = resource.fields.filter((f) => f.unique && f.key).map((f) => f.name);
    if (unique.length === 0) return [];
    const rows = (
      await sql<{ row_no: number; field: string }>`select s.row_no, k.field from data_staging_keys k
        join data_staging s on s.load_id = k.load_id and s.record_key = k.record_key
        where k.load_id = ${loadId} and k.field in (${sql.join(unique)}) and (
          exists (select 1 from data_staging_keys o where o.load_id = k.load_id and o.field = k.field
            and o.value_index = k.value_index and o.record_key <> k.record_key)
          or (${!replace} and exists (select 1 from data_record_keys r where r.resource_id = ${resource.id} and r.field = k.field
            and r.value_index = k.value_index and r.record_key <> k.record_key
            and not exists (select 1 from data_staging x where x.load_id = k.load_id and x.record_key = r.record_key))))
        order by s.row_no limit ${limit}`.execute(this.db.kysely)
    ).rows;
    return rows.map((r) => ({ row: r.row_no, field: r.field, reason: 'duplicate_value' }));
  }

  /** Takes rows out of a staged load (a load that skips bad rows). */
  async unstage(loadId: string, rowNumbers: number[]): Promise<void> {
    for (let i = 0; i < rowNumbers.length; i += 5000) {
      const chunk = rowNumbers.slice(i, i + 5000);
      await this.db.kysely.transaction().execute(async (tx) => {
        await sql`delete from data_staging_keys k using data_staging s where s.load_id = ${loadId} and k.load_id = s.load_id
          and k.record_key = s.record_key and s.row_no in (${sql.join(chunk)})`.execute(tx);
        await sql`delete from data_staging where load_id = ${loadId} and row_no in (${sql.join(chunk)})`.execute(tx);
      });
    }
  }

  async stagedCount(loadId: string): Promise<number> {
    const row = (await sql<{ n: string }>`select count(*) as n from data_staging where load_id = ${loadId}`.execute(this.db.kysely))
      .rows[0];
    return Number(row?.n ?? 0);
  }

  /**
   * Publishes a staged load in one transaction (inside the caller's `tx`): records inserted or
   * replaced, their key indexes renewed, and — `replace` — every record the load lacks removed.
   * Refused when a data key the rows were sealed with has since retired (`zhili keys rotate`).
   */
  async publishStaged(tx: Executor, loadId: string, resourceId: string, replace: boolean) {
    const retired = (
      await sql<{ version: number }>`select distinct s.key_version as version from data_staging s
        join crypto_data_keys k on k.version = s.key_version where s.load_id = ${loadId} and k.retired_at is not null`.execute(tx)
    ).rows;
    if (retired.length) throw new ValidationError('catalog.staged_key_retired', { versions: retired.map((r) => r.version) });
    const counted = (
      await sql<{ updated: string; staged: string }>`select
        (select count(*) from data_staging s join data_records r on r.resource_id = ${resourceId} and r.record_key = s.record_key
          where s.load_id = ${loadId}) as updated,
        (select count(*) from data_staging where load_id = ${loadId}) as staged`.execute(tx)
    ).rows[0]!;
    let deleted = 0;
    if (replace) {
      await sql`delete from data_record_keys k where k.resource_id = ${resourceId}
        and not exists (select 1 from data_staging s where s.load_id = ${loadId} and s.record_key = k.record_key)`.execute(tx);
      const gone = await sql`delete from data_records r where r.resource_id = ${resourceId}
        and not exists (select 1 from data_staging s where s.load_id = ${loadId} and s.record_key = r.record_key)`.execute(tx);
      deleted = Number(gone.numAffectedRows ?? 0);
    }
    await sql`insert into data_records (resource_id, record_key, data, sealed, key_version, schema_version)
      select ${resourceId}, record_key, data, sealed, key_version, schema_version from data_staging where load_id = ${loadId}
      on conflict (resource_id, record_key) do update set data = excluded.data, sealed = excluded.sealed,
        key_version = excluded.key_version, schema_version = excluded.schema_version, updated_at = now()`.execute(tx);
    await sql`delete from data_record_keys k using data_staging s where k.resource_id = ${resourceId} and s.load_id = ${loadId}
      and k.record_key = s.record_key`.execute(tx);
    await sql`insert into data_record_keys (resource_id, field, value_index, record_key)
      select ${resourceId}, field, value_index, record_key from data_staging_keys where load_id = ${loadId}`.execute(tx);
    await sql`update data_resources set records_updated_at = now() where id = ${resourceId}`.execute(tx);
    await this.discardStaged(loadId, tx);
    const staged = Number(counted.staged);
    const updated = Number(counted.updated);
    return { inserted: staged - updated, updated, deleted };
  }

  async discardStaged(loadId: string, db: Executor = this.db.kysely): Promise<void> {
    await sql`delete from data_staging_keys where load_id = ${loadId}`.execute(db);
    await sql`delete from data_staging where load_id = ${loadId}`.execute(db);
  }

  /**
   * A page of records matching exact values and a text, and how many match in all, L4 fields
   * opened: for the gateway and the GovStack registries API, which check who may ask what. A
   * key field is matched through its blind index (L4 too); any other field by its stored text,
   * so never an L4 one. Sorted by `orderBy`'s text (not L4), else by the stored record key.
   */
  async search(
    resourceId: string,
    criteria: {
      equals: { field: Field; value: string }[];
      contains?: { fields: Field[]; text: string } | undefined;
      orderBy?: Field | undefined;
      descending?: boolean | undefined;
      limit: number;
      offset: number;
    },
  ): Promise<{ records: Row[]; total: number }> {
    const clearText = (field: Field) => {
      if (field.grade === 'L4') throw new ValidationError('catalog.field_sealed', { field: field.name });
      return sql`r.data->>${field.name}`;
    };
    const conditions = [sql`r.resource_id = ${resourceId}`];
    for (const { field, value } of criteria.equals) {
      if (!field.key) conditions.push(sql`${clearText(field)} = ${value}`);
      else {
        const indexes = await this.valueIndexes(field.name, value);
        conditions.push(sql`exists (select 1 from data_record_keys k where k.resource_id = r.resource_id and k.field = ${field.name}
          and k.record_key = r.record_key and k.value_index in (${sql.join(indexes.length ? indexes : [''])}))`);
      }
    }
    if (criteria.contains) {
      const pattern = `%${criteria.contains.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const any = criteria.contains.fields.map((f) => sql`${clearText(f)} ilike ${pattern}`);
      conditions.push(any.length ? sql`(${sql.join(any, sql` or `)})` : sql`false`);
    }
    const where = sql.join(conditions, sql` and `);
    const direction = sql.raw(criteria.descending ? 'desc' : 'asc');
    const order = criteria.orderBy ? sql`${clearText(criteria.orderBy)} ${direction} nulls last, ` : sql``;
    const rows = (
      await sql<RecordRow>`select r.record_key, r.data, r.sealed, r.key_version from data_records r where ${where}
        order by ${order}r.record_key ${direction} limit ${criteria.limit} offset ${criteria.offset}`.execute(this.db.kysely)
    ).rows;
    const counted = (await sql<{ n: string }>`select count(*) as n from data_records r where ${where}`.execute(this.db.kysely)).rows[0];
    return {
      records: await Promise.all(rows.map(async (row) => ({ ...row.data, ...(await this.openSealed(row)) }))),
      total: Number(counted?.n ?? 0),
    };
  }

  /** A value's blind indexes under every data key in use (a record sealed before a rotation finished keeps the old one). */
  private async valueIndexes(field: string, value: string): Promise<string[]> {
    const keys = await this.activeKeys();
    return keys.map((key) => blindIndex(key, field, value));
  }

  /** Records by a key field's values, in the order asked (null where none): for the gateway, which checks grants itself. */
  async lookup(resourceId: string, field: string, values: string[]): Promise<{ value: string; record: Row | null }[]> {
    const keys = await this.activeKeys();
    const indexOf = new Map<string, string>();
    for (const value of values) for (const key of keys) indexOf.set(blindIndex(key, field, value), value);
    if (indexOf.size === 0) return values.map((value) => ({ value, record: null }));
    const rows = (
      await sql<
        RecordRow & { value_index: string }
      >`select k.value_index, r.record_key, r.data, r.sealed, r.key_version from data_record_keys k
        join data_records r on r.resource_id = k.resource_id and r.record_key = k.record_key
        where k.resource_id = ${resourceId} and k.field = ${field} and k.value_index in (${sql.join([...indexOf.keys()])})`.execute(
        this.db.kysely,
      )
    ).rows;
    const byValue = new Map<string, Row>();
    for (const row of rows) byValue.set(indexOf.get(row.value_index)!, { ...row.data, ...(await this.openSealed(row)) });
    return values.map((value) => ({ value, record: byValue.get(value) ?? null }));
  }

  private active: { keys: DataKey[]; at: number } | null = null;

  /**
   * The data keys not yet retired — every blind index is under one of them. Remembered five
   * seconds (a lookup is the gateway's every call); a rotation on this node is seen at once.
   */
  private async activeKeys(): Promise<DataKey[]> {
    if (this.active && Date.now() - this.active.at < 5000) return this.active.keys;
    const versions = (
      await sql<{ version: number }>`select version from crypto_data_keys where retired_at is null`.execute(this.db.kysely)
    ).rows.map((r) => r.version);
    const keys = await Promise.all(versions.map((v) => this.keys.get(v)));
    this.active = { keys, at: Date.now() };
    return keys;
  }

  private async openSealed(row: RecordRow): Promise<Row> {
    if (!row.sealed || row.key_version === null) return {};
    return JSON.parse(open(await this.keys.get(row.key_version), Buffer.from(row.sealed)).toString('utf8')) as Row;
  }

  /**
   * `zhili keys rotate`: a new data key; every record re-sealed and re-indexed under it, a
   * batch per transaction; then the old keys retire. Safe to run again if interrupted.
   */
  async rotateKeys(onProgress: (done: number) => void = () => {}): Promise<{ version: number; resealed: number; retired: number }> {
    const key = await this.keys.rotate();
    let resealed = 0;
    for (;;) {
      const batch = (
        await sql<RecordRow & { resource_id: string }>`select resource_id, record_key, data, sealed, key_version from data_records
          where key_version is distinct from ${key.version} order by resource_id, record_key limit 500`.execute(this.db.kysely)
      ).rows;
      if (batch.length === 0) break;
      const opened = await Promise.all(batch.map(async (row) => ({ row, secret: await this.openSealed(row) })));
      const fields = new Map<string, { id: string; fields: Field[]; version: number }>();
      for (const resourceId of new Set(batch.map((b) => b.resource_id))) {
        const r = (
          await sql<{
            id: string;
            fields: Field[];
            version: number;
          }>`select id, fields, version from data_resources where id = ${resourceId}`.execute(this.db.kysely)
        ).rows[0]!;
        fields.set(resourceId, r);
      }
      await this.db.kysely.transaction().execute(async (tx) => {
        for (const [resourceId, resource] of fields) {
          const rows = opened.filter((o) => o.row.resource_id === resourceId);
          const oldKeys = rows.map((o) => o.row.record_key);
          await sql`delete from data_record_keys where resource_id = ${resourceId} and record_key = any(${oldKeys}::text[])`.execute(tx);
          await sql`delete from data_records where resource_id = ${resourceId} and record_key = any(${oldKeys}::text[])`.execute(tx);
          await this.writeMany(
            tx,
            resource,
            key,
            rows.map(({ row, secret }) => ({ ...row.data, ...secret })),
          );
        }
      });
      resealed += batch.length;
      onProgress(resealed);
    }
    const retired = await this.keys.retireAllBut(key.version);
    this.active = null;
    return { version: key.version, resealed, retired };
  }
}
