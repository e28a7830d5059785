import { sql, type Generated } from 'kysely';
import type { Executor } from '../../kernel/index.ts';
import type { ChainedFields } from './audit-chain.ts';

export interface AuditTables {
  audit_log: {
    seq: string;
    id: string;
    at: string;
    actor_id: string | null;
    actor_kind: string;
    actor_name: string;
    action: string;
    outcome: string;
    target_type: string | null;
    target_id: string | null;
    org_id: string | null;
    region_code: string | null;
    ip: string | null;
    details: unknown;
    prev_hash: string;
    hash: string;
  };
  audit_head: { id: number; seq: string; hash: string };
  audit_checkpoints: { seq: string; hash: string; signature: string; public_key: string; signed_at: Generated<string> };
}

export type StoredEntry = ChainedFields & { prevHash: string; hash: string };

const q = (db: Executor) => db as Executor<AuditTables>;

/** Locks the head row: appends are numbered one after the other, without gaps. */
export async function lockHead(tx: Executor): Promise<{ seq: number; hash: string }> {
  const row = await sql<{ seq: string; hash: string }>`select seq, hash from audit_head where id = 1 for update`.execute(tx);
  const head = row.rows[0]!;
  return { seq: Number(head.seq), hash: head.hash };
}

export async function readHead(db: Executor): Promise<{ seq: number; hash: string }> {
  const head = await q(db).selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

export async function insertPending(tx: Executor, entry: Omit<ChainedFields, 'seq'>): Promise<void> {
  await sql`insert into audit_pending (entry) values (${JSON.stringify(entry)}::jsonb)`.execute(tx);
}

export async function insertPendingMany(db: Executor, entries: Omit<ChainedFields, 'seq'>[]): Promise<void> {
  await pendingInsert(entries).execute(db);
}

export function pendingInsert(entries: Omit<ChainedFields, 'seq'>[]) {
  return sql`insert into audit_pending (entry) select e::jsonb from unnest(${entries.map((e) => JSON.stringify(e))}::text[]) as e`;
}

/** The oldest pending entries no other chainer holds. */
export async function takePending(tx: Executor, limit: number): Promise<{ pendingSeq: string; entry: Omit<ChainedFields, 'seq'> }[]> {
  const rows = await sql<{ pending_seq: string; entry: Omit<ChainedFields, 'seq'> }>`select pending_seq, entry from audit_pending
    order by pending_seq limit ${limit} for update skip locked`.execute(tx);
  return rows.rows.map((r) => ({ pendingSeq: r.pending_seq, entry: r.entry }));
}

export async function dropPending(tx: Executor, pendingSeqs: string[]): Promise<void> {
  if (pendingSeqs.length) await sql`delete from audit_pending where pending_seq = any(${pendingSeqs}::bigint[])`.execute(tx);
}

/**
 * Appends chained entries (in order) and moves the head to the last. One statement for any
 * batch size (the rows travel as one JSON array), so the server plans it once per connection.
 */
export async function insertEntries(tx: Executor, entries: StoredEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({
    seq: entry.seq,
    id: entry.id,
    at: entry.at,
    actor_id: entry.actorId,
    actor_kind: entry.actorKind,
    actor_name: entry.actorName,
    action: entry.action,
    outcome: entry.outcome,
    target_type: entry.targetType,
    target_id: entry.targetId,
    org_id: entry.orgId,
    region_code: entry.regionCode,
    ip: entry.ip,
    details: entry.details ?? {},
    prev_hash: entry.prevHash,
    hash: entry.hash,
  }));
  await sql`insert into audit_log (seq, id, at, actor_id, actor_kind, actor_name, action, outcome, target_type, target_id, org_id,
      region_code, ip, details, prev_hash, hash)
    select seq, id, at, actor_id, actor_kind, actor_name, action, outcome, target_type, target_id, org_id, region_code, ip, details,
      prev_hash, hash
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(seq bigint, id text, at timestamptz, actor_id text, actor_kind text,
      actor_name text, action text, outcome text, target_type text, target_id text, org_id text, region_code text, ip text,
      details jsonb, prev_hash text, hash text)
    order by seq`.execute(tx);
  const last = entries[entries.length - 1]!;
  await q(tx)
    .updateTable('audit_head')
    .set({ seq: String(last.seq), hash: last.hash })
    .where('id', '=', 1)
    .execute();
}

const entryColumns = sql<StoredEntry>`seq::int as "seq", id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "at",
  actor_id as "actorId", actor_kind as "actorKind", actor_name as "actorName", action, outcome,
  target_type as "targetType", target_id as "targetId", org_id as "orgId", region_code as "regionCode", ip,
  details, prev_hash as "prevHash", hash`;

/** Entries in chain order, a page at a time (verification walks the whole chain). */
export async function readEntriesAfter(db: Executor, afterSeq: number, limit: number): Promise<StoredEntry[]> {
  const result = await sql<StoredEntry>`select ${entryColumns} from audit_log where seq > ${afterSeq} order by seq limit ${limit}`.execute(
    db,
  );
  return result.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface EntryFilter {
  regionPrefix: string | null;
  actionPrefix?: string | undefined;
  outcome?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

/** Newest first, for the Console. */
export async function listEntries(db: Executor, filter: EntryFilter): Promise<StoredEntry[]> {
  const where = [sql`true`];
  if (filter.regionPrefix) where.push(sql`(region_code like ${filter.regionPrefix + '%'})`);
  if (filter.actionPrefix) where.push(sql`action like ${filter.actionPrefix.replace(/[%_\\]/g, '\\$&') + '%'}`);
  if (filter.outcome) where.push(sql`outcome = ${filter.outcome}`);
  if (filter.beforeSeq !== undefined) where.push(sql`seq < ${filter.beforeSeq}`);
  const result = await sql<StoredEntry>`select ${entryColumns} from audit_log where ${sql.join(where, sql` and `)}
    order by seq desc limit ${filter.limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Entries of these actions whose `details.subjects` names this subject index, newest first. */
export async function entriesAboutSubject(db: Executor, subject: string, actions: string[], limit: number): Promise<StoredEntry[]> {
  const result = await sql<StoredEntry>`select ${entryColumns} from audit_log
    where details->'subjects' ? ${subject} and action in (${sql.join(actions)}) order by seq desc limit ${limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function insertCheckpoint(
  tx: Executor,
  checkpoint: { seq: number; hash: string; signature: string; publicKey: string },
): Promise<void> {
  await q(tx)
    .insertInto('audit_checkpoints')
    .values({ seq: String(checkpoint.seq), hash: checkpoint.hash, signature: checkpoint.signature, public_key: checkpoint.publicKey })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
}

export async function lastCheckpointSeq(db: Executor): Promise<number | null> {
  const row = await q(db)
    .selectFrom('audit_checkpoints')
    .select(sql<string>`max(seq)`.as('seq'))
    .executeTakeFirst();
  return row?.seq == null ? null : Number(row.seq);
}

export async function readCheckpoints(db: Executor): Promise<{ seq: number; hash: string; signature: string; publicKey: string }[]> {
  const rows = await q(db).selectFrom('audit_checkpoints').select(['seq', 'hash', 'signature', 'public_key']).orderBy('seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, signature: r.signature, publicKey: r.public_key }));
}
