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

/** Why a value does not fit its field, or null when it does. */
function problem(field: Field, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return field.required || field.key ? 'required' : null;
  switch (field.type) {
    case 'string':
      return typeof value === 'string' && value.length <= 2000 ? null : 'not_text';
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
    const primary = resource.fields.find((f) => f.key)!;
    const errors: { row: number; field: string | null; reason: string }[] = [];
    records.forEach((record, i) => {
      for (const name of Object.keys(record)) if (!byName.has(name)) errors.push({ row: i + 1, field: name, reason: 'unknown_field' });
      for (const field of resource.fields) {
        const reason = problem(field, record[field.name]);
        if (reason) errors.push({ row: i + 1, field: field.name, reason });
      }
    });
    if (errors.length) throw new ValidationError('catalog.records_invalid', { errors: errors.slice(0, 200), total: errors.length });
    const key = await this.keys.current();
    let inserted = 0;
    await this.db.kysely.transaction().execute(async (tx) => {
      for (const record of records) {
        const fresh = await this.write(tx, resource, key, primary, record);
        if (fresh) inserted += 1;
      }
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

  private async write(
    tx: Executor,
    resource: { id: string; fields: Field[]; version: number },
    key: DataKey,
    primary: Field,
    record: Row,
  ): Promise<boolean> {
    const clear: Row = {};
    const secret: Row = {};
    for (const field of resource.fields) {
      const value = record[field.name];
      if (value === undefined) continue;
      (field.grade === 'L4' ? secret : clear)[field.name] = value;
    }
    const recordKey = blindIndex(key, primary.name, String(record[primary.name]));
    const sealed = Object.keys(secret).length ? seal(key, Buffer.from(JSON.stringify(secret))) : null;
    const result = (
      await sql<{ fresh: boolean }>`insert into data_records (resource_id, record_key, data, sealed, key_version, schema_version)
        values (${resource.id}, ${recordKey}, ${JSON.stringify(clear)}::jsonb, ${sealed}, ${key.version}, ${resource.version})
        on conflict (resource_id, record_key) do update set data = excluded.data, sealed = excluded.sealed,
          key_version = excluded.key_version, schema_version = excluded.schema_version, updated_at = now()
        returning (xmax = 0) as fresh`.execute(tx)
    ).rows[0]!;
    await sql`delete from data_record_keys where resource_id = ${resource.id} and record_key = ${recordKey}`.execute(tx);
    const indexes = resource.fields
      .filter((f) => f.key && record[f.name] !== undefined && record[f.name] !== null)
      .map((f) => sql`(${resource.id}, ${f.name}, ${blindIndex(key, f.name, String(record[f.name]))}, ${recordKey})`);
    if (indexes.length)
      await sql`insert into data_record_keys (resource_id, field, value_index, record_key) values ${sql.join(indexes)} on conflict do nothing`.execute(
        tx,
      );
    return result.fresh;
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

  async count(resourceId: string): Promise<number> {
    const row = (await sql<{ n: string }>`select count(*) as n from data_records where resource_id = ${resourceId}`.execute(this.db.kysely))
      .rows[0];
    return Number(row?.n ?? 0);
  }

  /** Records by a key field's values, in the order asked (null where none): for the gateway, which checks grants itself. */
  async lookup(resourceId: string, field: string, values: string[]): Promise<{ value: string; record: Row | null }[]> {
    const versions = (
      await sql<{ version: number }>`select version from crypto_data_keys where retired_at is null`.execute(this.db.kysely)
    ).rows.map((r) => r.version);
    const keys = await Promise.all(versions.map((v) => this.keys.get(v)));
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
        for (const { row, secret } of opened) {
          const resource = fields.get(row.resource_id)!;
          const primary = resource.fields.find((f) => f.key)!;
          await sql`delete from data_record_keys where resource_id = ${row.resource_id} and record_key = ${row.record_key}`.execute(tx);
          await sql`delete from data_records where resource_id = ${row.resource_id} and record_key = ${row.record_key}`.execute(tx);
          await this.write(tx, { ...resource, version: resource.version }, key, primary, { ...row.data, ...secret });
        }
      });
      resealed += batch.length;
      onProgress(resealed);
    }
    const retired = await this.keys.retireAllBut(key.version);
    return { version: key.version, resealed, retired };
  }
}
