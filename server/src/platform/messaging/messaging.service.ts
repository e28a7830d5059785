import {
  unlessRefused,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  requirePermission,
  timeCursorOf,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { NotifyInput } from '../notifications/index.ts';
import { LiveHub, type LiveEvent } from './live.ts';
import { checkMessageFile } from './message-files.ts';
import * as repo from './messaging.repository.ts';
import { maxTextLength, type GroupInput } from './messaging.schemas.ts';

export type SubjectType = repo.SubjectType;

/**
 * Who may see a subject — a case, a task, an instruction — and what it is called; null when
 * the actor may not see it (or the kind is not wired yet). Groups about a subject need it.
 */
export type SubjectAccess = (actor: Actor, type: SubjectType, id: string) => Promise<{ title: string } | null>;

export interface MessagingOptions {
  /** Seconds between re-sends of an unacknowledged 紧急消息 */
  urgentResendSeconds: number;
  /** Re-sends after the first notice; then it stops */
  urgentMaxResends: number;
}

export interface MessagingDeps {
  db: Database;
  audit: AuditLog;
  /** The address-book reach rule: the ids the actor may NOT message */
  directory: { unreachable(actor: Actor, accountIds: readonly string[]): Promise<string[]> };
  notifications: { notify(tx: Executor, input: NotifyInput): Promise<unknown> };
  subjectAccess: SubjectAccess;
  options: MessagingOptions;
}

export interface FileView {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  sm3: string;
}

export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  sender: { id: string; displayName: string };
  kind: 'text' | 'file';
  text: string | null;
  file: FileView | null;
  urgent: boolean;
  createdAt: string;
}

/**
 * Builds a SubjectAccess from one resolver per subject type: a resolver that refuses (403) or
 * does not find (404) the subject means "may not see it"; a type without a resolver, too.
 */
export function subjectAccessFrom(
  resolvers: Partial<Record<SubjectType, (actor: Actor, id: string) => Promise<{ title: string }>>>,
): SubjectAccess {
  return async (actor, type, id) => {
    const resolve = resolvers[type];
    return resolve ? unlessRefused(resolve(actor, id)) : null;
  };
}

const preview = (m: { kind: string; text: string | null; file_name?: string | null }, zhFile = '[文件]') =>
  m.kind === 'file' ? `${zhFile} ${m.file_name ?? ''}`.trim() : (m.text ?? '').slice(0, 100);

function toMessageView(r: repo.MessageRow): MessageView {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    seq: r.seq,
    sender: { id: r.sender_id, displayName: r.sender_name },
    kind: r.kind,
    text: r.text,
    file:
      r.file_id && r.file_name
        ? { id: r.file_id, name: r.file_name, mimeType: r.file_mime_type!, size: r.file_size!, sm3: r.file_sm3! }
        : null,
    urgent: r.urgent,
    createdAt: r.created_at,
  };
}

/**
 * 消息 (P6.2, P11.2): 单聊 and 群聊 among civil servants, with 已读/未读 receipts, files and
 * 紧急消息 (DING). Who may be messaged follows the address book's reach rule; everything in a
 * conversation is for its members only. Writes happen in one transaction with their audit entry
 * and notifications; the live events go out after the commit.
 */
export class MessagingService {
  /** The open event streams of this node (GET /api/v1/messages/stream) */
  readonly live = new LiveHub();
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly directory: MessagingDeps['directory'];
  private readonly notifications: MessagingDeps['notifications'];
  private readonly subjectAccess: SubjectAccess;
  private readonly options: MessagingOptions;

  constructor(deps: MessagingDeps) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.directory = deps.directory;
    this.notifications = deps.notifications;
    this.subjectAccess = deps.subjectAccess;
    this.options = deps.options;
  }

  // ---- conversations --------------------------------------------------------------------

  /** 单聊: the one conversation with that person, opened the first time. */
  async openDirect(actor: Actor, input: { accountId: string }) {
    const me = this.staff(actor);
    if (input.accountId === me) throw new ValidationError('messaging.self_only');
    const directKey = [me, input.accountId].sort().join(' ');
    // Already talking (whoever opened it): the conversation is mine, reach or not.
    const existing = await repo.findDirect(this.db.kysely, directKey);
    if (existing) return { created: false, conversation: await this.describe(existing, me) };
    await this.requireReach(actor, [input.accountId]);
    const id = newId('cnv');
    const created = await this.db.kysely.transaction().execute(async (tx) => {
      if (!(await repo.insertConversation(tx, { id, kind: 'direct', title: null, directKey, subject: null, createdBy: me }))) return false;
      await repo.insertMembers(
        tx,
        id,
        [me, input.accountId].map((accountId) => ({ accountId, role: 'member' as const })),
        0,
      );
      await this.audit.record(
        { actor, action: 'messaging.direct.open', targetType: 'conversation', targetId: id, details: { with: input.accountId } },
        tx,
      );
      return true;
    });
    // Two first messages at once: the other request made it; both get the same conversation.
    const row = created ? await repo.findConversation(this.db.kysely, id) : await repo.findDirect(this.db.kysely, directKey);
    return { created, conversation: await this.describe(row!, me) };
  }

  /** 群聊: the creator owns it; with a subject, one group per subject, for those who may see it. */
  async createGroup(actor: Actor, input: GroupInput) {
    const me = this.staff(actor);
    const others = [...new Set(input.memberIds)].filter((id) => id !== me);
    if (!others.length) throw new ValidationError('messaging.self_only');
    let title = input.title;
    if (input.subject) {
      const subject = await this.subjectAccess(actor, input.subject.type, input.subject.id);
      if (!subject) throw new ForbiddenError('messaging.subject_forbidden', { subject: input.subject });
      title ??= subject.title.slice(0, 100);
      const existing = await repo.findSubjectGroup(this.db.kysely, input.subject.type, input.subject.id);
      if (existing) throw new ConflictError('messaging.subject_has_group', { conversationId: existing.id });
    }
    if (!title) throw new ValidationError('messaging.title_required');
    await this.requireReach(actor, others);
    const id = newId('cnv');
    await this.db.kysely.transaction().execute(async (tx) => {
      const inserted = await repo.insertConversation(tx, {
        id,
        kind: 'group',
        title: title,
        directKey: null,
        subject: input.subject ?? null,
        createdBy: me,
      });
      if (!inserted) throw new ConflictError('messaging.subject_has_group', { subject: input.subject });
      await repo.insertMembers(
        tx,
        id,
        [{ accountId: me, role: 'owner' }, ...others.map((accountId) => ({ accountId, role: 'member' as const }))],
        0,
      );
      await this.audit.record(
        {
          actor,
          action: 'messaging.group.create',
          targetType: 'conversation',
          targetId: id,
          details: { members: others.length + 1, ...(input.subject ? { subject: input.subject } : {}) },
        },
        tx,
      );
    });
    return this.describe((await repo.findConversation(this.db.kysely, id))!, me);
  }

  /** The owner adds people (within reach) to a group; they see its history, owing no 已读 for it. */
  async addMembers(actor: Actor, conversationId: string, input: { accountIds: string[] }) {
    const { me, conversation, member } = await this.membership(actor, conversationId);
    if (conversation.kind !== 'group') throw new ValidationError('messaging.direct_members_fixed');
    if (member.role !== 'owner') throw new ForbiddenError('messaging.owner_only', { conversationId });
    const ids = [...new Set(input.accountIds)].filter((id) => id !== me);
    if (!ids.length) throw new ValidationError('messaging.self_only');
    await this.requireReach(actor, ids);
    await this.db.kysely.transaction().execute(async (tx) => {
      const fromSeq = await repo.lockedLastSeq(tx, conversationId);
      const added = await repo.insertMembers(
        tx,
        conversationId,
        ids.map((accountId) => ({ accountId, role: 'member' as const })),
        fromSeq,
      );
      if (added.length)
        await this.audit.record(
          { actor, action: 'messaging.members.add', targetType: 'conversation', targetId: conversationId, details: { added } },
          tx,
        );
    });
    return this.describe((await repo.findConversation(this.db.kysely, conversationId))!, me);
  }

  /** One conversation with its members and how far each has read. */
  async conversation(actor: Actor, conversationId: string) {
    const { me, conversation } = await this.membership(actor, conversationId);
    return this.describe(conversation, me);
  }

  /** 我的消息: my conversations, latest first, each with its unread count and last message. */
  async conversations(actor: Actor, query: { cursor?: string | undefined; limit: number }) {
    const me = this.staff(actor);
    const rows = await repo.listConversations(this.db.kysely, me, query.cursor, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = new Map(
      (
        await repo.messagesByIds(
          this.db.kysely,
          page.flatMap((r) => (r.lm_id ? [r.lm_id] : [])),
        )
      ).map((m) => [m.id, toMessageView(m)]),
    );
    const items = page.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.kind === 'direct' ? (r.peer_name ?? '') : r.title!,
      peer: r.kind === 'direct' && r.peer_id ? { id: r.peer_id, displayName: r.peer_name! } : null,
      subject: r.subject_type ? { type: r.subject_type, id: r.subject_id! } : null,
      role: r.role,
      memberCount: Number(r.member_count),
      unreadCount: Number(r.unread),
      lastReadSeq: r.last_read_seq,
      lastMessage: r.lm_id ? (last.get(r.lm_id) ?? null) : null,
      lastActivityAt: r.last_activity_at,
    }));
    const tail = items.at(-1);
    return {
      items,
      unreadTotal: await repo.unreadTotal(this.db.kysely, me),
      nextCursor: rows.length > query.limit && tail ? timeCursorOf(tail.lastActivityAt, tail.id) : null,
    };
  }

  // ---- messages -------------------------------------------------------------------------

  /** A page of messages, newest first; my own carry their 已读/未读 counts, urgent ones their acknowledgements. */
  async messages(actor: Actor, conversationId: string, query: { before?: number | undefined; limit: number }) {
    const { me, member } = await this.membership(actor, conversationId);
    const rows = await repo.listMessages(this.db.kysely, conversationId, query.before, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const members = await repo.listMembers(this.db.kysely, conversationId);
    const receipts = await repo.urgentReceipts(
      this.db.kysely,
      page.filter((m) => m.urgent).map((m) => m.id),
    );
    const items = page.map((m) => {
      const view = toMessageView(m);
      const mine = m.sender_id === me;
      const urgent = receipts.filter((r) => r.message_id === m.id);
      return {
        ...view,
        mine,
        receipt: mine ? countReads(m, members) : null,
        urgentState: !m.urgent
          ? null
          : mine
            ? { acknowledged: urgent.filter((r) => r.acknowledged_at).length, pending: urgent.filter((r) => !r.acknowledged_at).length }
            : { acknowledged: Boolean(urgent.find((r) => r.account_id === me)?.acknowledged_at) },
      };
    });
    return { items, lastReadSeq: member.last_read_seq, nextCursor: rows.length > query.limit ? (items.at(-1)?.seq ?? null) : null };
  }

  /** Sends a text message (≤ 4000 characters). */
  async sendText(actor: Actor, conversationId: string, input: { text: string; urgent?: boolean | undefined }) {
    const text = input.text.trim();
    if (!text || [...text].length > maxTextLength) throw new ValidationError('messaging.text_invalid', { max: maxTextLength });
    return this.post(actor, await this.membership(actor, conversationId), { text, file: null, urgent: input.urgent ?? false });
  }

  /** Sends a file (≤ 20 MB, an allowed type whose content matches it), kept with its SM3. */
  async sendFile(
    actor: Actor,
    conversationId: string,
    input: { name: string; mimeType: string; content: Buffer; checksum?: string | undefined; urgent?: boolean | undefined },
  ) {
    const membership = await this.membership(actor, conversationId); // a non-member learns nothing from the checks
    const sm3 = checkMessageFile(input);
    return this.post(actor, membership, {
      text: null,
      file: { id: newId('mfl'), name: input.name, mimeType: input.mimeType, content: input.content, sm3 },
      urgent: input.urgent ?? false,
    });
  }

  private async post(
    actor: Actor,
    { me, conversation }: { me: string; conversation: repo.ConversationRow },
    content: {
      text: string | null;
      file: { id: string; name: string; mimeType: string; content: Buffer; sm3: string } | null;
      urgent: boolean;
    },
  ): Promise<MessageView> {
    const conversationId = conversation.id;
    const id = newId('msg');
    const { recipients, members } = await this.db.kysely.transaction().execute(async (tx) => {
      const seq = await repo.nextSeq(tx, conversationId);
      if (content.file) await repo.insertFile(tx, { ...content.file, conversationId, uploadedBy: me });
      await repo.insertMessage(tx, {
        id,
        conversationId,
        seq,
        senderId: me,
        text: content.text,
        fileId: content.file?.id ?? null,
        urgent: content.urgent,
      });
      await repo.raiseReadMark(tx, conversationId, me, seq);
      const members = (await repo.listMembers(tx, conversationId)).map((m) => m.account_id);
      const recipients = members.filter((m) => m !== me);
      const where = conversation.kind === 'group' ? conversation.title! : actor.displayName;
      const body = preview({ kind: content.file ? 'file' : 'text', text: content.text, file_name: content.file?.name ?? null });
      const link = `/workbench/messages/${conversationId}`;
      if (content.urgent) {
        const firstResend = this.options.urgentMaxResends > 0 ? new Date(Date.now() + this.options.urgentResendSeconds * 1000) : null;
        await repo.insertUrgentReceipts(tx, id, recipients, firstResend);
        await this.notifications.notify(tx, {
          recipients,
          topic: 'message.urgent',
          title: `【紧急】${where}`,
          body: conversation.kind === 'group' ? `${actor.displayName}：${body}` : body,
          link,
          urgent: true,
          sourceType: 'message',
          sourceId: id,
          dedupeKey: `ding:${id}:0`,
        });
      } else {
        await this.notifications.notify(tx, {
          recipients,
          topic: 'message',
          title: where,
          body: conversation.kind === 'group' ? `${actor.displayName}：${body}` : body,
          link,
          sourceType: 'message',
          sourceId: id,
          dedupeKey: `msg:${id}`,
        });
      }
      await this.audit.record(
        {
          actor,
          action: 'messaging.message.send',
          targetType: 'message',
          targetId: id,
          details: {
            conversationId,
            kind: content.file ? 'file' : 'text',
            urgent: content.urgent,
            ...(content.file ? { size: content.file.content.length, sm3: content.file.sm3 } : {}),
          },
        },
        tx,
      );
      return { recipients, members };
    });
    const view = toMessageView((await repo.findMessage(this.db.kysely, id))!);
    this.live.publish(members, { type: 'message', data: view });
    if (content.urgent) this.live.publish(recipients, { type: 'urgent', data: { action: 'ding', message: view } });
    return view;
  }

  /** 已读: raises my read mark up to `seq` (never lowers it); the members' streams hear of it. */
  async markRead(actor: Actor, conversationId: string, input: { seq: number }) {
    const { me, conversation, member } = await this.membership(actor, conversationId);
    const upTo = Math.min(input.seq, conversation.last_seq);
    let lastReadSeq = member.last_read_seq;
    if (upTo > lastReadSeq) {
      lastReadSeq = await repo.raiseReadMark(this.db.kysely, conversationId, me, upTo);
      const members = (await repo.listMembers(this.db.kysely, conversationId)).map((m) => m.account_id);
      this.live.publish(members, { type: 'read', data: { conversationId, accountId: me, seq: lastReadSeq } });
    }
    return { conversationId, lastReadSeq, unreadCount: await repo.unreadCount(this.db.kysely, conversationId, me, lastReadSeq) };
  }

  /** 已读/未读 of one of my messages: who has read it, who not yet (and, if urgent, who acknowledged). */
  async receipts(actor: Actor, messageId: string) {
    const { me, message } = await this.messageOf(actor, messageId);
    if (message.sender_id !== me) throw new ForbiddenError('messaging.receipts_sender_only', { messageId });
    const members = await repo.listMembers(this.db.kysely, message.conversation_id);
    const audience = members.filter((m) => m.account_id !== me && m.joined_seq < message.seq);
    const person = (m: { account_id: string; display_name: string }) => ({ accountId: m.account_id, displayName: m.display_name });
    const urgent = message.urgent ? await repo.urgentReceipts(this.db.kysely, [message.id]) : [];
    return {
      messageId,
      read: audience.filter((m) => m.last_read_seq >= message.seq).map(person),
      unread: audience.filter((m) => m.last_read_seq < message.seq).map(person),
      urgent: message.urgent
        ? {
            acknowledged: urgent.filter((r) => r.acknowledged_at).map((r) => ({ ...person(r), at: r.acknowledged_at })),
            pending: urgent.filter((r) => !r.acknowledged_at).map((r) => ({ ...person(r), resends: r.resends })),
          }
        : null,
    };
  }

  /** 确认收到 an urgent message: its re-sends stop; it counts as read. */
  async acknowledge(actor: Actor, messageId: string) {
    const { me, message } = await this.messageOf(actor, messageId);
    const result = await this.db.kysely.transaction().execute(async (tx) => {
      const receipt = await repo.acknowledge(tx, messageId, me);
      if (!receipt) throw new ValidationError('messaging.not_urgent_for_you', { messageId });
      const lastReadSeq = await repo.raiseReadMark(tx, message.conversation_id, me, message.seq);
      await this.audit.record(
        {
          actor,
          action: 'messaging.urgent.acknowledge',
          targetType: 'message',
          targetId: messageId,
          details: { conversationId: message.conversation_id },
        },
        tx,
      );
      return { acknowledgedAt: receipt.acknowledged_at, lastReadSeq };
    });
    const members = (await repo.listMembers(this.db.kysely, message.conversation_id)).map((m) => m.account_id);
    this.live.publish(members, { type: 'read', data: { conversationId: message.conversation_id, accountId: me, seq: result.lastReadSeq } });
    this.live.publish([message.sender_id], {
      type: 'urgent',
      data: { action: 'acknowledged', messageId, conversationId: message.conversation_id, accountId: me, at: result.acknowledgedAt },
    });
    return { messageId, acknowledgedAt: result.acknowledgedAt };
  }

  /** 待确认: the 紧急消息 sent to me that I have not acknowledged, newest first (the Workbench home's banner). */
  async pendingUrgent(actor: Actor, query: { limit: number }) {
    const me = this.staff(actor);
    const rows = await repo.pendingUrgent(this.db.kysely, me, query.limit);
    return {
      items: rows.map((r) => ({
        ...toMessageView(r),
        conversation: { id: r.conversation_id, kind: r.conversation_kind, title: r.conversation_title },
      })),
    };
  }

  /** A message's file, to the members of its conversation. */
  async file(actor: Actor, messageId: string) {
    const { message } = await this.messageOf(actor, messageId);
    const file = message.file_id ? await repo.readFile(this.db.kysely, message.file_id) : undefined;
    if (!file) throw new NotFoundError('messaging.file_not_found', { messageId });
    await this.audit.record({
      actor,
      action: 'messaging.file.read',
      targetType: 'message_file',
      targetId: file.id,
      details: { messageId, conversationId: message.conversation_id },
    });
    return { id: file.id, name: file.name, mimeType: file.mime_type, size: file.size, sm3: file.sm3, content: Buffer.from(file.content) };
  }

  /** 搜索: text messages containing `q`, in my conversations only, newest first. */
  async search(actor: Actor, query: { q: string; cursor?: string | undefined; limit: number }) {
    const me = this.staff(actor);
    const q = query.q.trim();
    if ([...q].length < 2) throw new ValidationError('messaging.search_too_short');
    const rows = await repo.searchMessages(this.db.kysely, me, repo.containing(q), query.cursor, query.limit + 1);
    const items = rows.slice(0, query.limit).map((r) => ({
      ...toMessageView(r),
      conversation: { id: r.conversation_id, kind: r.conversation_kind, title: r.conversation_title },
    }));
    const tail = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && tail ? timeCursorOf(tail.createdAt, tail.id) : null };
  }

  // ---- 紧急消息 re-sends ------------------------------------------------------------------

  /**
   * Re-notifies every recipient who has not acknowledged an urgent message whose next re-send
   * is due (`now`), up to urgentMaxResends times; each re-send has its own dedupe key, so a
   * run repeated after a crash sends nothing twice. Returns how many were re-sent.
   */
  async resendDue(now = new Date(), batch = 200): Promise<number> {
    const pushes: { accountId: string; message: MessageView; resend: number }[] = [];
    await this.db.kysely.transaction().execute(async (tx) => {
      const due = await repo.lockDueResends(tx, now, batch);
      if (!due.length) return;
      const messages = new Map((await repo.messagesByIds(tx, [...new Set(due.map((d) => d.message_id))])).map((m) => [m.id, m]));
      for (const receipt of due) {
        const message = messages.get(receipt.message_id)!;
        const n = receipt.resends + 1;
        const next = n < this.options.urgentMaxResends ? new Date(now.getTime() + this.options.urgentResendSeconds * 1000) : null;
        await repo.recordResend(tx, receipt, next);
        await this.notifications.notify(tx, {
          recipients: [receipt.account_id],
          topic: 'message.urgent',
          title: `【紧急·第${n + 1}次提醒】${message.sender_name}`,
          body: preview(message),
          link: `/workbench/messages/${message.conversation_id}`,
          urgent: true,
          sourceType: 'message',
          sourceId: message.id,
          dedupeKey: `ding:${message.id}:${n}`,
        });
        pushes.push({ accountId: receipt.account_id, message: toMessageView(message), resend: n });
      }
    });
    for (const p of pushes)
      this.live.publish([p.accountId], { type: 'urgent', data: { action: 'ding', resend: p.resend, message: p.message } });
    return pushes.length;
  }

  /** Ends an account's open streams (account disabled, signed out everywhere). */
  disconnect(accountId: string): void {
    this.live.disconnect(accountId);
  }

  subscribe(accountId: string, listener: { send(event: LiveEvent): void; close(): void }): () => void {
    return this.live.subscribe(accountId, listener);
  }

  // ---- access ---------------------------------------------------------------------------

  /** Messages are the Workbench's: civil servants with an account. */
  private staff(actor: Actor): string {
    requirePermission(actor, 'workbench.use');
    if (!actor.accountId) throw new ForbiddenError('access.forbidden', { permission: 'workbench.use' });
    return actor.accountId;
  }

  /** The conversation and my membership of it: a non-member is refused (403). */
  private async membership(actor: Actor, conversationId: string) {
    const me = this.staff(actor);
    const conversation = await repo.findConversation(this.db.kysely, conversationId);
    if (!conversation) throw new NotFoundError('messaging.conversation_not_found', { conversationId });
    const member = await repo.findMember(this.db.kysely, conversationId, me);
    if (!member) throw new ForbiddenError('messaging.not_a_member', { conversationId });
    return { me, conversation, member };
  }

  private async messageOf(actor: Actor, messageId: string) {
    this.staff(actor);
    const message = await repo.findMessage(this.db.kysely, messageId);
    if (!message) throw new NotFoundError('messaging.message_not_found', { messageId });
    const { me } = await this.membership(actor, message.conversation_id);
    return { me, message };
  }

  private async requireReach(actor: Actor, accountIds: string[]): Promise<void> {
    const refused = await this.directory.unreachable(actor, accountIds);
    if (refused.length) throw new ForbiddenError('messaging.unreachable', { accountIds: refused });
  }

  private async describe(conversation: repo.ConversationRow, me: string) {
    const members = await repo.listMembers(this.db.kysely, conversation.id);
    const mine = members.find((m) => m.account_id === me);
    const peer = conversation.kind === 'direct' ? members.find((m) => m.account_id !== me) : undefined;
    return {
      id: conversation.id,
      kind: conversation.kind,
      title: conversation.kind === 'direct' ? (peer?.display_name ?? '') : conversation.title!,
      peer: peer ? { id: peer.account_id, displayName: peer.display_name } : null,
      subject: conversation.subject_type ? { type: conversation.subject_type, id: conversation.subject_id! } : null,
      createdBy: conversation.created_by,
      createdAt: conversation.created_at,
      lastSeq: conversation.last_seq,
      lastActivityAt: conversation.last_activity_at,
      role: mine?.role ?? null,
      lastReadSeq: mine?.last_read_seq ?? 0,
      unreadCount: mine ? await repo.unreadCount(this.db.kysely, conversation.id, me, mine.last_read_seq) : 0,
      members: members.map((m) => ({
        accountId: m.account_id,
        displayName: m.display_name,
        role: m.role,
        joinedAt: m.joined_at,
        lastReadSeq: m.last_read_seq,
      })),
    };
  }
}

/** 已读/未读 counts of a message among the members who were there when it was sent. */
function countReads(message: { seq: number; sender_id: string }, members: repo.MemberRow[]) {
  const audience = members.filter((m) => m.account_id !== message.sender_id && m.joined_seq < message.seq);
  const read = audience.filter((m) => m.last_read_seq >= message.seq).length;
  return { read, unread: audience.length - read };
}
