import { sql } from 'kysely';
import { afterTimeCursor, newestFirst, type Executor } from '../../kernel/index.ts';

// The only SQL over the msg_* tables. Display names are read from accounts, as the
// notification centre reads addresses there: ids cross modules, the name is for showing.

export type ConversationKind = 'direct' | 'group';
export type SubjectType = 'case' | 'task' | 'instruction';
export type MemberRole = 'owner' | 'member';

export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  title: string | null;
  subject_type: SubjectType | null;
  subject_id: string | null;
  created_by: string;
  created_at: string;
  last_seq: number;
  last_activity_at: string;
}

export interface MemberRow {
  account_id: string;
  display_name: string;
  role: MemberRole;
  joined_at: string;
  joined_seq: number;
  last_read_seq: number;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  sender_name: string;
  kind: 'text' | 'file';
  text: string | null;
  file_id: string | null;
  file_name: string | null;
  file_mime_type: string | null;
  file_size: number | null;
  file_sm3: string | null;
  urgent: boolean;
  created_at: string;
}

export interface UrgentReceiptRow {
  message_id: string;
  account_id: string;
  display_name: string;
  acknowledged_at: string | null;
  resends: number;
}

const messageColumns = sql`m.id, m.conversation_id, m.seq, m.sender_id, coalesce(s.display_name, m.sender_id) as sender_name, m.kind,
  m.text, m.file_id, f.name as file_name, f.mime_type as file_mime_type, f.size as file_size, f.sm3 as file_sm3, m.urgent, m.created_at`;
const messageJoins = sql`left join accounts s on s.id = m.sender_id left join msg_files f on f.id = m.file_id`;

/** A LIKE pattern for text containing `q` (its own %, _ and backslash taken literally). */
export function containing(q: string): string {
  return `%${q.replace(/[%_\\]/g, '\\$&')}%`;
}

export async function findConversation(db: Executor, id: string): Promise<ConversationRow | undefined> {
  return (await sql<ConversationRow>`select * from msg_conversations where id = ${id}`.execute(db)).rows[0];
}

export async function findDirect(db: Executor, directKey: string): Promise<ConversationRow | undefined> {
  return (await sql<ConversationRow>`select * from msg_conversations where direct_key = ${directKey}`.execute(db)).rows[0];
}

export async function findSubjectGroup(db: Executor, type: SubjectType, id: string): Promise<ConversationRow | undefined> {
  return (await sql<ConversationRow>`select * from msg_conversations where subject_type = ${type} and subject_id = ${id}`.execute(db))
    .rows[0];
}

/** Inserts a conversation unless its pair or subject already has one; true when inserted. */
export async function insertConversation(
  tx: Executor,
  row: {
    id: string;
    kind: ConversationKind;
    title: string | null;
    directKey: string | null;
    subject: { type: SubjectType; id: string } | null;
    createdBy: string;
  },
): Promise<boolean> {
  const values = sql`${row.id}, ${row.kind}, ${row.title}, ${row.directKey}, ${row.subject?.type ?? null}, ${row.subject?.id ?? null}, ${row.createdBy}`;
  const conflict = row.directKey
    ? sql`on conflict (direct_key) do nothing`
    : sql`on conflict (subject_type, subject_id) where subject_type is not null do nothing`;
  const result = await sql`insert into msg_conversations (id, kind, title, direct_key, subject_type, subject_id, created_by)
    values (${values}) ${conflict}`.execute(tx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Adds members (those already in stay as they are); they start with everything so far read. */
export async function insertMembers(
  tx: Executor,
  conversationId: string,
  members: { accountId: string; role: MemberRole }[],
  fromSeq: number,
): Promise<string[]> {
  if (!members.length) return [];
  const rows = members.map((m) => sql`(${conversationId}, ${m.accountId}, ${m.role}, ${fromSeq}, ${fromSeq})`);
  const inserted = await sql<{ account_id: string }>`insert into msg_members (conversation_id, account_id, role, joined_seq, last_read_seq)
    values ${sql.join(rows)} on conflict do nothing returning account_id`.execute(tx);
  return inserted.rows.map((r) => r.account_id);
}

export async function findMember(db: Executor, conversationId: string, accountId: string): Promise<MemberRow | undefined> {
  return (
    await sql<MemberRow>`select mm.account_id, coalesce(a.display_name, mm.account_id) as display_name, mm.role, mm.joined_at,
      mm.joined_seq, mm.last_read_seq from msg_members mm left join accounts a on a.id = mm.account_id
      where mm.conversation_id = ${conversationId} and mm.account_id = ${accountId}`.execute(db)
  ).rows[0];
}

export async function listMembers(db: Executor, conversationId: string): Promise<MemberRow[]> {
  return (
    await sql<MemberRow>`select mm.account_id, coalesce(a.display_name, mm.account_id) as display_name, mm.role, mm.joined_at,
      mm.joined_seq, mm.last_read_seq from msg_members mm left join accounts a on a.id = mm.account_id
      where mm.conversation_id = ${conversationId} order by mm.role desc, mm.joined_at, mm.account_id`.execute(db)
  ).rows;
}

/** Takes the conversation's next seq; the row lock orders concurrent senders. */
export async function nextSeq(tx: Executor, conversationId: string): Promise<number> {
  const row = (
    await sql<{ last_seq: number }>`update msg_conversations set last_seq = last_seq + 1, last_activity_at = now()
      where id = ${conversationId} returning last_seq`.execute(tx)
  ).rows[0]!;
  return row.last_seq;
}

/** The conversation's newest seq, locked against a concurrent send while members are added. */
export async function lockedLastSeq(tx: Executor, conversationId: string): Promise<number> {
  return (await sql<{ last_seq: number }>`select last_seq from msg_conversations where id = ${conversationId} for update`.execute(tx))
    .rows[0]!.last_seq;
}

export async function insertFile(
  tx: Executor,
  file: { id: string; conversationId: string; name: string; mimeType: string; content: Buffer; sm3: string; uploadedBy: string },
): Promise<void> {
  await sql`insert into msg_files (id, conversation_id, name, mime_type, size, sm3, content, uploaded_by)
    values (${file.id}, ${file.conversationId}, ${file.name}, ${file.mimeType}, ${file.content.length}, ${file.sm3}, ${file.content},
      ${file.uploadedBy})`.execute(tx);
}

export async function insertMessage(
  tx: Executor,
  message: {
    id: string;
    conversationId: string;
    seq: number;
    senderId: string;
    text: string | null;
    fileId: string | null;
    urgent: boolean;
  },
): Promise<void> {
  await sql`insert into msg_messages (id, conversation_id, seq, sender_id, kind, text, file_id, urgent)
    values (${message.id}, ${message.conversationId}, ${message.seq}, ${message.senderId}, ${message.fileId ? 'file' : 'text'},
      ${message.text}, ${message.fileId}, ${message.urgent})`.execute(tx);
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  return (await sql<MessageRow>`select ${messageColumns} from msg_messages m ${messageJoins} where m.id = ${id}`.execute(db)).rows[0];
}

/** A conversation's messages, newest first, before a seq. */
export async function listMessages(
  db: Executor,
  conversationId: string,
  beforeSeq: number | undefined,
  limit: number,
): Promise<MessageRow[]> {
  return (
    await sql<MessageRow>`select ${messageColumns} from msg_messages m ${messageJoins}
      where m.conversation_id = ${conversationId} ${beforeSeq !== undefined ? sql`and m.seq < ${beforeSeq}` : sql``}
      order by m.seq desc limit ${limit}`.execute(db)
  ).rows;
}

/** Raises a member's read mark (never lowers it); the mark after the update. */
export async function raiseReadMark(tx: Executor, conversationId: string, accountId: string, seq: number): Promise<number> {
  const row = (
    await sql<{ last_read_seq: number }>`update msg_members set last_read_seq = greatest(last_read_seq, ${seq})
      where conversation_id = ${conversationId} and account_id = ${accountId} returning last_read_seq`.execute(tx)
  ).rows[0];
  return row?.last_read_seq ?? 0;
}

export async function unreadCount(db: Executor, conversationId: string, accountId: string, afterSeq: number): Promise<number> {
  const row = (
    await sql<{ n: string | number }>`select count(*) as n from msg_messages
      where conversation_id = ${conversationId} and seq > ${afterSeq} and sender_id <> ${accountId}`.execute(db)
  ).rows[0];
  return Number(row?.n ?? 0);
}

export interface ConversationListRow extends ConversationRow {
  role: MemberRole;
  last_read_seq: number;
  member_count: string | number;
  unread: string | number;
  peer_id: string | null;
  peer_name: string | null;
  lm_id: string | null;
}

/** My conversations, latest activity first, with unread counts and the direct peer. */
export async function listConversations(
  db: Executor,
  accountId: string,
  cursor: string | undefined,
  limit: number,
): Promise<ConversationListRow[]> {
  return (
    await sql<ConversationListRow>`select c.*, me.role, me.last_read_seq,
        (select count(*) from msg_members x where x.conversation_id = c.id) as member_count,
        (select count(*) from msg_messages u where u.conversation_id = c.id and u.seq > me.last_read_seq and u.sender_id <> me.account_id) as unread,
        peer.account_id as peer_id, peer.display_name as peer_name,
        (select l.id from msg_messages l where l.conversation_id = c.id and l.seq = c.last_seq) as lm_id
      from msg_members me
      join msg_conversations c on c.id = me.conversation_id
      left join lateral (select o.account_id, coalesce(a.display_name, o.account_id) as display_name from msg_members o
        left join accounts a on a.id = o.account_id
        where c.kind = 'direct' and o.conversation_id = c.id and o.account_id <> me.account_id limit 1) peer on true
      where me.account_id = ${accountId}
        ${cursor ? sql`and ${afterTimeCursor(cursor, sql.ref('c.last_activity_at'), sql.ref('c.id'))}` : sql``}
      order by ${newestFirst(sql.ref('c.last_activity_at'), sql.ref('c.id'))}
      limit ${limit}`.execute(db)
  ).rows;
}

export async function messagesByIds(db: Executor, ids: string[]): Promise<MessageRow[]> {
  if (!ids.length) return [];
  return (await sql<MessageRow>`select ${messageColumns} from msg_messages m ${messageJoins} where m.id in (${sql.join(ids)})`.execute(db))
    .rows;
}

/** Unread messages from others over all my conversations (the Workbench's badge). */
export async function unreadTotal(db: Executor, accountId: string): Promise<number> {
  const row = (
    await sql<{ n: string | number }>`select count(*) as n from msg_members me
      join msg_messages u on u.conversation_id = me.conversation_id and u.seq > me.last_read_seq and u.sender_id <> me.account_id
      where me.account_id = ${accountId}`.execute(db)
  ).rows[0];
  return Number(row?.n ?? 0);
}

export interface SearchRow extends MessageRow {
  conversation_kind: ConversationKind;
  conversation_title: string | null;
}

/** A conversation's title as `accountId` sees it: the group's, or the other person's name in a 单聊. */
const titleFor = (accountId: string) => sql`coalesce(c.title, (select coalesce(a.display_name, o.account_id) from msg_members o
  left join accounts a on a.id = o.account_id where o.conversation_id = c.id and o.account_id <> ${accountId} limit 1))`;

/** Text messages matching a LIKE pattern, in the conversations the account belongs to only. */
export async function searchMessages(
  db: Executor,
  accountId: string,
  like: string,
  cursor: string | undefined,
  limit: number,
): Promise<SearchRow[]> {
  return (
    await sql<SearchRow>`select ${messageColumns}, c.kind as conversation_kind, ${titleFor(accountId)} as conversation_title
      from msg_messages m
      join msg_members me on me.conversation_id = m.conversation_id and me.account_id = ${accountId}
      join msg_conversations c on c.id = m.conversation_id
      ${messageJoins}
      where m.text ilike ${like}
        ${cursor ? sql`and ${afterTimeCursor(cursor, sql.ref('m.created_at'), sql.ref('m.id'))}` : sql``}
      order by ${newestFirst(sql.ref('m.created_at'), sql.ref('m.id'))}
      limit ${limit}`.execute(db)
  ).rows;
}

export async function readFile(
  db: Executor,
  fileId: string,
): Promise<{ id: string; name: string; mime_type: string; size: number; sm3: string; content: Buffer | Uint8Array } | undefined> {
  return (
    await sql<{
      id: string;
      name: string;
      mime_type: string;
      size: number;
      sm3: string;
      content: Buffer | Uint8Array;
    }>`select id, name, mime_type, size, sm3, content from msg_files where id = ${fileId}`.execute(db)
  ).rows[0];
}

// ---- 紧急消息 (DING) ----------------------------------------------------------------------

export async function insertUrgentReceipts(
  tx: Executor,
  messageId: string,
  accountIds: string[],
  firstResendAt: Date | null,
): Promise<void> {
  if (!accountIds.length) return;
  const at = firstResendAt ? firstResendAt.toISOString() : null;
  await sql`insert into msg_urgent_receipts (message_id, account_id, next_resend_at)
    values ${sql.join(accountIds.map((id) => sql`(${messageId}, ${id}, ${at}::timestamptz)`))}`.execute(tx);
}

export async function urgentReceipts(db: Executor, messageIds: string[]): Promise<UrgentReceiptRow[]> {
  if (!messageIds.length) return [];
  return (
    await sql<UrgentReceiptRow>`select r.message_id, r.account_id, coalesce(a.display_name, r.account_id) as display_name, r.acknowledged_at,
      r.resends from msg_urgent_receipts r left join accounts a on a.id = r.account_id
      where r.message_id in (${sql.join(messageIds)}) order by r.account_id`.execute(db)
  ).rows;
}

/** Marks my receipt acknowledged (once) and stops its re-sends; undefined when I have none. */
export async function acknowledge(tx: Executor, messageId: string, accountId: string): Promise<{ acknowledged_at: string } | undefined> {
  return (
    await sql<{ acknowledged_at: string }>`update msg_urgent_receipts
      set acknowledged_at = coalesce(acknowledged_at, now()), next_resend_at = null
      where message_id = ${messageId} and account_id = ${accountId} returning acknowledged_at`.execute(tx)
  ).rows[0];
}

/** The 紧急消息 addressed to the account that it has not acknowledged yet, newest first, with their conversation. */
export async function pendingUrgent(db: Executor, accountId: string, limit: number): Promise<SearchRow[]> {
  return (
    await sql<SearchRow>`select ${messageColumns}, c.kind as conversation_kind, ${titleFor(accountId)} as conversation_title
      from msg_urgent_receipts r
      join msg_messages m on m.id = r.message_id
      join msg_members me on me.conversation_id = m.conversation_id and me.account_id = ${accountId}
      join msg_conversations c on c.id = m.conversation_id
      ${messageJoins}
      where r.account_id = ${accountId} and r.acknowledged_at is null
      order by ${newestFirst(sql.ref('m.created_at'), sql.ref('m.id'))}
      limit ${limit}`.execute(db)
  ).rows;
}

export interface DueResendRow {
  message_id: string;
  account_id: string;
  resends: number;
}

/** Unacknowledged receipts whose re-send is due, locked so two runs never send one twice. */
export async function lockDueResends(tx: Executor, now: Date, limit: number): Promise<DueResendRow[]> {
  return (
    await sql<DueResendRow>`select message_id, account_id, resends from msg_urgent_receipts
      where acknowledged_at is null and next_resend_at is not null and next_resend_at <= ${now.toISOString()}::timestamptz
      order by next_resend_at limit ${limit} for update skip locked`.execute(tx)
  ).rows;
}

export async function recordResend(tx: Executor, row: DueResendRow, nextResendAt: Date | null): Promise<void> {
  await sql`update msg_urgent_receipts set resends = ${row.resends + 1}, next_resend_at = ${nextResendAt?.toISOString() ?? null}::timestamptz
    where message_id = ${row.message_id} and account_id = ${row.account_id}`.execute(tx);
}
