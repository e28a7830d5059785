import { sql } from 'kysely';
import type { Executor } from '../../kernel/index.ts';

export interface InstructionRow {
  id: string;
  issuer_id: string;
  issuer_name: string;
  issuer_org_id: string | null;
  region_code: string;
  subject_type: string;
  subject_id: string;
  subject_title: string;
  subject_link: string | null;
  text: string;
  deadline: string;
  priority: string;
  status: 'open' | 'completed' | 'cancelled';
  created_at: string;
  completed_at: string | null;
}

export interface RecipientRow {
  id: string;
  instruction_id: string;
  org_id: string | null;
  account_id: string | null;
  name: string;
  person_org_id: string | null;
  status: 'assigned' | 'acknowledged' | 'in_progress' | 'done';
  percent: number;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  completed_at: string | null;
  result: string | null;
}

export type TimelineKind =
  'issued' | 'acknowledged' | 'progress' | 'result' | 'supervised' | 'escalated' | 'reminded' | 'completed' | 'reopened' | 'cancelled';

export interface TimelineRow {
  seq: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  kind: TimelineKind;
  recipient_id: string | null;
  details: Record<string, unknown>;
}

export interface FileRef {
  id: string;
  name: string;
  mimeType: string;
  size: number;
}

export interface ListRow extends InstructionRow {
  recipients: string;
  done: string;
  percent: number | null;
}

export async function insertInstruction(db: Executor, i: Omit<InstructionRow, 'status' | 'completed_at'>): Promise<void> {
  await sql`insert into instructions (id, issuer_id, issuer_name, issuer_org_id, region_code, subject_type, subject_id, subject_title,
      subject_link, text, deadline, priority, status, created_at)
    values (${i.id}, ${i.issuer_id}, ${i.issuer_name}, ${i.issuer_org_id}, ${i.region_code}, ${i.subject_type}, ${i.subject_id},
      ${i.subject_title}, ${i.subject_link}, ${i.text}, ${i.deadline}::timestamptz, ${i.priority}, 'open', ${i.created_at}::timestamptz)`.execute(
    db,
  );
}

export async function insertRecipients(
  db: Executor,
  rows: Pick<RecipientRow, 'id' | 'instruction_id' | 'org_id' | 'account_id' | 'name' | 'person_org_id'>[],
): Promise<void> {
  for (const r of rows) {
    await sql`insert into instruction_recipients (id, instruction_id, org_id, account_id, name, person_org_id)
      values (${r.id}, ${r.instruction_id}, ${r.org_id}, ${r.account_id}, ${r.name}, ${r.person_org_id})`.execute(db);
  }
}

/** Appends a step; with a dedupe key a step already there is not added again (false). */
export async function addStep(
  db: Executor,
  step: {
    instructionId: string;
    at: Date;
    actorId: string | null;
    actorName: string;
    kind: TimelineKind;
    recipientId?: string | null;
    details?: Record<string, unknown>;
    dedupeKey?: string;
  },
): Promise<boolean> {
  const inserted =
    await sql`insert into instruction_timeline (instruction_id, at, actor_id, actor_name, kind, recipient_id, details, dedupe_key)
    values (${step.instructionId}, ${step.at.toISOString()}::timestamptz, ${step.actorId}, ${step.actorName}, ${step.kind},
      ${step.recipientId ?? null}, ${JSON.stringify(step.details ?? {})}::jsonb, ${step.dedupeKey ?? null})
    on conflict (instruction_id, dedupe_key) where dedupe_key is not null do nothing`.execute(db);
  return Number(inserted.numAffectedRows ?? 0) === 1;
}

/** The instruction; `lock` holds it for the transaction, so steps on one instruction happen one after another. */
export async function findInstruction(db: Executor, id: string, lock = false): Promise<InstructionRow | undefined> {
  return (await sql<InstructionRow>`select * from instructions where id = ${id} ${lock ? sql`for update` : sql``}`.execute(db)).rows[0];
}

export async function recipientsOf(db: Executor, instructionIds: readonly string[]): Promise<RecipientRow[]> {
  if (!instructionIds.length) return [];
  return (
    await sql<RecipientRow>`select * from instruction_recipients where instruction_id in (${sql.join(instructionIds)})
      order by instruction_id, org_id nulls last, name, id`.execute(db)
  ).rows;
}

export async function timelineOf(db: Executor, instructionId: string): Promise<TimelineRow[]> {
  return (
    await sql<TimelineRow>`select seq, at, actor_id, actor_name, kind, recipient_id, details from instruction_timeline
      where instruction_id = ${instructionId} order by seq`.execute(db)
  ).rows;
}

export async function isReferencedFile(db: Executor, instructionId: string, attachmentId: string): Promise<boolean> {
  const rows = await sql`select 1 from instruction_reports where instruction_id = ${instructionId}
    and attachments @> ${JSON.stringify([{ id: attachmentId }])}::jsonb limit 1`.execute(db);
  return rows.rows.length > 0;
}

export async function insertReport(
  db: Executor,
  r: {
    id: string;
    instructionId: string;
    recipientId: string;
    kind: 'progress' | 'result';
    authorId: string;
    authorName: string;
    text: string;
    percent: number;
    attachments: FileRef[];
    at: Date;
  },
): Promise<void> {
  await sql`insert into instruction_reports (id, instruction_id, recipient_id, kind, author_id, author_name, text, percent, attachments, at)
    values (${r.id}, ${r.instructionId}, ${r.recipientId}, ${r.kind}, ${r.authorId}, ${r.authorName}, ${r.text}, ${r.percent},
      ${JSON.stringify(r.attachments)}::jsonb, ${r.at.toISOString()}::timestamptz)`.execute(db);
}

export async function acknowledge(db: Executor, recipientId: string, by: string, at: Date): Promise<void> {
  await sql`update instruction_recipients set status = 'acknowledged', acknowledged_at = ${at.toISOString()}::timestamptz,
    acknowledged_by = ${by} where id = ${recipientId}`.execute(db);
}

export async function setProgress(db: Executor, recipientId: string, percent: number): Promise<void> {
  await sql`update instruction_recipients set status = 'in_progress', percent = ${percent} where id = ${recipientId}`.execute(db);
}

export async function setDone(db: Executor, recipientId: string, result: string, at: Date): Promise<void> {
  await sql`update instruction_recipients set status = 'done', percent = 100, result = ${result},
    completed_at = ${at.toISOString()}::timestamptz where id = ${recipientId}`.execute(db);
}

/** 修正: recipients sent back to work; what they reported stays in the timeline. */
export async function reopenRecipients(db: Executor, recipientIds: readonly string[]): Promise<void> {
  if (!recipientIds.length) return;
  await sql`update instruction_recipients set status = 'in_progress', completed_at = null where id in (${sql.join(recipientIds)})`.execute(
    db,
  );
}

export async function setStatus(db: Executor, id: string, status: InstructionRow['status'], at: Date | null): Promise<void> {
  await sql`update instructions set status = ${status}, completed_at = ${at ? at.toISOString() : null}::timestamptz where id = ${id}`.execute(
    db,
  );
}

export async function setDeadline(db: Executor, id: string, deadline: string): Promise<void> {
  await sql`update instructions set deadline = ${deadline}::timestamptz where id = ${id}`.execute(db);
}

const listColumns = sql`i.*, (select count(*) from instruction_recipients r where r.instruction_id = i.id) as recipients,
  (select count(*) from instruction_recipients r where r.instruction_id = i.id and r.status = 'done') as done,
  (select round(avg(r.percent))::integer from instruction_recipients r where r.instruction_id = i.id) as percent`;

/** Who sees what in the lists: addressed to me or my organisation, issued by me, or issued in a region or organisation I supervise. */
export type ListFilter =
  | { view: 'mine'; accountId: string; orgId: string | null }
  | { view: 'issued'; accountId: string }
  | { view: 'supervised'; all: boolean; regionPrefixes: string[]; orgIds: string[] };

export async function list(db: Executor, filter: ListFilter, status: string | undefined, limit = 200): Promise<ListRow[]> {
  let where;
  if (filter.view === 'mine') {
    where = sql`exists (select 1 from instruction_recipients r where r.instruction_id = i.id
      and (r.account_id = ${filter.accountId} or r.org_id = ${filter.orgId ?? ''}))`;
  } else if (filter.view === 'issued') {
    where = sql`i.issuer_id = ${filter.accountId}`;
  } else if (filter.all) {
    where = sql`true`;
  } else {
    const parts = [
      ...filter.regionPrefixes.map((p) => sql`i.region_code like ${`${p}%`}`),
      ...filter.orgIds.map((o) => sql`i.issuer_org_id = ${o}`),
    ];
    where = parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
  }
  return (
    await sql<ListRow>`select ${listColumns} from instructions i where ${where} ${status ? sql`and i.status = ${status}` : sql``}
      order by i.created_at desc, i.id desc limit ${limit}`.execute(db)
  ).rows;
}

/** Open instructions past their deadline not yet escalated under `dedupeKey` (today's): the 督办 escalation's work list. */
export async function overdue(db: Executor, now: Date, dedupeKey: string, limit = 200): Promise<InstructionRow[]> {
  return (
    await sql<InstructionRow>`select * from instructions i where i.status = 'open' and i.deadline < ${now.toISOString()}::timestamptz
      and not exists (select 1 from instruction_timeline t where t.instruction_id = i.id and t.dedupe_key = ${dedupeKey})
      order by i.deadline, i.id limit ${limit}`.execute(db)
  ).rows;
}

/** The dedupe key of the one reminder per deadline: a new deadline (督办) may be reminded of again. */
export function reminderKey(deadline: string): string {
  return `reminded:${Date.parse(deadline)}`;
}

/**
 * Open instructions not yet overdue that turned yellow (under 24 hours or under a quarter of
 * their time left), not yet reminded of for their present deadline.
 */
export async function dueSoon(db: Executor, now: Date, limit = 200): Promise<InstructionRow[]> {
  const at = now.toISOString();
  return (
    await sql<InstructionRow>`select * from instructions i where i.status = 'open' and i.deadline >= ${at}::timestamptz
      and (i.deadline - ${at}::timestamptz < interval '24 hours' or (i.deadline - ${at}::timestamptz) * 4 < i.deadline - i.created_at)
      and not exists (select 1 from instruction_timeline t where t.instruction_id = i.id
        and t.dedupe_key = 'reminded:' || (extract(epoch from i.deadline) * 1000)::bigint)
      order by i.deadline, i.id limit ${limit}`.execute(db)
  ).rows;
}
