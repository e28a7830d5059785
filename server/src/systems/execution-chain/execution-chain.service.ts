import {
  unlessRefused,
  can,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  regionPrefix,
  requirePermission,
  requireScope,
  serviceActor,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';
import type { NotifyInput } from '../../platform/notifications/index.ts';
import * as repo from './execution-chain.repository.ts';
import type { FileRef, InstructionRow, ListRow, RecipientRow, TimelineKind } from './execution-chain.repository.ts';
import type { IssueInput, SubjectType } from './execution-chain.schemas.ts';
import { chinaDay, chinaTime, lightOf } from './lights.ts';

/**
 * Whether the issuer may see the object a 批示 is attached to, and its title (and a front-end
 * path) as they see it; null when they may not (or it does not exist). `givenTitle` is the
 * title the issuer typed, for objects the platform does not hold itself.
 */
export type SubjectAccess = (
  actor: Actor,
  type: SubjectType,
  id: string,
  givenTitle?: string,
) => Promise<{ title: string; link?: string | undefined } | null>;

/** Uploaded files (the workflow's attachment store): read as the caller, or as whom `vouch` admits. */
export interface ChainFiles {
  read(
    actor: Actor,
    id: string,
    vouch?: () => Promise<boolean>,
  ): Promise<{ id: string; name: string; mimeType: string; size: number; sm3: string; uploadedBy: string; content: Buffer }>;
}

export interface ExecutionChainDeps {
  db: Database;
  audit: AuditLog;
  identity: Pick<IdentityStore, 'findOrg' | 'leadersOf' | 'accountsWithRole' | 'actorFor'>;
  /** the address-book reach rule: the ids the actor may not reach */
  reach: { unreachable(actor: Actor, accountIds: readonly string[]): Promise<string[]> };
  notifications: { notify(tx: Executor, input: NotifyInput): Promise<number> };
  subjectAccess: SubjectAccess;
  files: ChainFiles;
}

/** Who runs the scheduled 督办 (escalations, reminders), as named in the timeline and the audit log. */
const watcher = serviceActor('zhili-execution-chain', '执行链督办');

interface Access {
  issuer: boolean;
  /** the recipient rows the actor acts for: addressed to them, or to their organisation */
  actFor: RecipientRow[];
  supervise: boolean;
  read: boolean;
}

interface Loaded {
  ins: InstructionRow;
  recipients: RecipientRow[];
  access: Access;
}

/**
 * S1.2 执行链: 批示 → 签收 → 进展反馈 → 督办 → 修正 → 办结, every step timed in one timeline
 * ("一贯到底"). Each verb checks who may do it against the instruction itself first.
 */
export class ExecutionChain {
  private readonly deps: ExecutionChainDeps;
  private readonly db: Database;

  constructor(deps: ExecutionChainDeps) {
    this.deps = deps;
    this.db = deps.db;
  }

  /** 批示: a leader attaches an instruction to an object and addresses organisations in scope and people they may reach. */
  async issue(actor: Actor, input: IssueInput, now = new Date()) {
    requirePermission(actor, 'instruction.issue');
    if (!actor.accountId) throw new ForbiddenError('access.forbidden', { permission: 'instruction.issue' });
    const orgIds = [...new Set(input.recipients.orgIds)];
    const accountIds = [...new Set(input.recipients.accountIds)];
    if (!orgIds.length && !accountIds.length) throw new ValidationError('chain.no_recipients');
    if (Date.parse(input.deadline) <= now.getTime()) throw new ValidationError('chain.deadline_past', { deadline: input.deadline });
    const subject = await this.deps.subjectAccess(actor, input.subjectType, input.subjectId, input.subjectTitle);
    if (!subject) throw new ForbiddenError('chain.subject_forbidden', { subjectType: input.subjectType, subjectId: input.subjectId });
    if (!subject.title.trim()) throw new ValidationError('chain.subject_title_required', { subjectType: input.subjectType });

    const orgs = [];
    const unknown: string[] = [];
    const outOfScope: string[] = [];
    for (const orgId of orgIds) {
      const org = await this.deps.identity.findOrg(orgId);
      if (!org) unknown.push(orgId);
      else if (!can(actor, 'instruction.issue', { orgId: org.id, regionCode: org.regionCode })) outOfScope.push(orgId);
      else orgs.push(org);
    }
    if (unknown.length) throw new ValidationError('chain.unknown_org', { orgIds: unknown });
    if (outOfScope.length) throw new ForbiddenError('chain.org_out_of_scope', { orgIds: outOfScope });
    const unreachable = await this.deps.reach.unreachable(actor, accountIds);
    if (unreachable.length) throw new ForbiddenError('chain.unreachable', { accountIds: unreachable });
    const people = [];
    for (const accountId of accountIds) {
      const person = await this.deps.identity.actorFor(accountId, actor.ip);
      if (!person) throw new ForbiddenError('chain.unreachable', { accountIds: [accountId] });
      people.push(person);
    }

    const id = newId('ins');
    const recipients = [
      ...orgs.map((o) => ({ id: newId('inr'), instruction_id: id, org_id: o.id, account_id: null, name: o.name, person_org_id: null })),
      ...people.map((p) => ({
        id: newId('inr'),
        instruction_id: id,
        org_id: null,
        account_id: p.accountId,
        name: p.displayName,
        person_org_id: p.orgId,
      })),
    ];
    const told = await this.contactsOf(recipients, false);
    const row = {
      id,
      issuer_id: actor.accountId,
      issuer_name: actor.displayName,
      issuer_org_id: actor.orgId,
      region_code: actor.regionCode ?? '',
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      subject_title: subject.title.trim(),
      subject_link: subject.link ?? null,
      text: input.text,
      deadline: new Date(input.deadline).toISOString(),
      priority: input.priority,
      created_at: now.toISOString(),
    };
    await this.db.kysely.transaction().execute(async (tx) => {
      await repo.insertInstruction(tx, row);
      await repo.insertRecipients(tx, recipients);
      await this.step(tx, actor, id, 'issued', now, {
        details: { deadline: row.deadline, priority: row.priority, recipients: recipients.map((r) => r.name) },
      });
      await this.tell(tx, actor, told, {
        topic: 'instruction.assigned',
        title: `批示：${row.subject_title}`,
        body: `${actor.displayName}：${input.text}（办理期限 ${chinaTime(row.deadline)}）`,
        instructionId: id,
        urgent: row.priority === 'urgent',
        dedupeKey: `instruction:${id}:assigned`,
      });
      await this.record(tx, actor, row, 'issue', {
        recipients: recipients.length,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
      });
    });
    return this.get(actor, id, now);
  }

  /** 我的批示 (addressed to me or my organisation), 我下达的 (issued by me), 督办 (everything in my supervision scope). */
  async list(actor: Actor, query: { view: 'mine' | 'issued' | 'supervised'; status?: string | undefined }, now = new Date()) {
    requirePermission(actor, 'workbench.use');
    let filter: repo.ListFilter;
    if (query.view === 'supervised') {
      const scope = requireScope(actor, 'instruction.supervise');
      filter = { view: 'supervised', all: scope.all, regionPrefixes: scope.regionCodes.map(regionPrefix), orgIds: scope.orgIds };
    } else if (query.view === 'issued') filter = { view: 'issued', accountId: actor.accountId ?? '' };
    else filter = { view: 'mine', accountId: actor.accountId ?? '', orgId: actor.kind === 'staff' ? actor.orgId : null };
    const rows = await repo.list(this.db.kysely, filter, query.status);
    return { items: rows.map((r) => summaryOf(r, now)) };
  }

  /** One instruction with every recipient's state and the whole chain, in order. */
  async get(actor: Actor, id: string, now = new Date()) {
    const { ins, recipients, access } = await this.load(this.db.kysely, actor, id);
    if (!access.read) throw new ForbiddenError('chain.not_yours', { id });
    const timeline = await repo.timelineOf(this.db.kysely, id);
    const done = recipients.filter((r) => r.status === 'done').length;
    const percent = recipients.length ? Math.round(recipients.reduce((sum, r) => sum + r.percent, 0) / recipients.length) : 0;
    return {
      ...summaryOf({ ...ins, recipients: String(recipients.length), done: String(done), percent }, now),
      recipients: recipients.map((r) => ({
        id: r.id,
        kind: r.org_id ? ('org' as const) : ('person' as const),
        orgId: r.org_id,
        accountId: r.account_id,
        name: r.name,
        status: r.status,
        percent: r.percent,
        acknowledgedAt: r.acknowledged_at,
        acknowledgedBy: r.acknowledged_by,
        completedAt: r.completed_at,
        result: r.result,
        ...lightOf(
          {
            status: r.status === 'done' ? 'completed' : ins.status === 'cancelled' ? 'cancelled' : 'open',
            createdAt: ins.created_at,
            deadline: ins.deadline,
            completedAt: r.completed_at,
          },
          now,
        ),
      })),
      timeline: timeline.map((s) => ({
        seq: Number(s.seq),
        at: s.at,
        kind: s.kind,
        actor: { id: s.actor_id, name: s.actor_name },
        recipientId: s.recipient_id,
        details: s.details,
      })),
      /** what the caller may do here (the Workbench shows the buttons) */
      mayActFor: ins.status === 'open' ? access.actFor.filter((r) => r.status !== 'done').map((r) => r.id) : [],
      maySupervise: access.issuer || access.supervise,
      mayCancel: access.issuer && ins.status === 'open',
    };
  }

  /** 签收: the addressed person, or staff of the addressed organisation, takes the instruction on. */
  async acknowledge(actor: Actor, id: string, input: { recipientId?: string | undefined }, now = new Date()) {
    await this.act(actor, id, input.recipientId, async (tx, { ins }, r) => {
      if (r.status !== 'assigned') throw new ConflictError('chain.already_acknowledged', { recipientId: r.id, status: r.status });
      await repo.acknowledge(tx, r.id, actor.accountId!, now);
      await this.step(tx, actor, id, 'acknowledged', now, { recipient: r });
      await this.record(tx, actor, ins, 'acknowledge', { recipientId: r.id });
    });
    return this.get(actor, id, now);
  }

  /** 进展反馈: text, a percentage and the reporter's own files. The first report also counts as 签收. */
  async reportProgress(
    actor: Actor,
    id: string,
    input: { recipientId?: string | undefined; text: string; percent: number; attachmentIds: string[] },
    now = new Date(),
  ) {
    const files = await this.ownFiles(actor, input.attachmentIds);
    await this.act(actor, id, input.recipientId, async (tx, { ins }, r) => {
      await this.impliedAcknowledge(tx, actor, r, now);
      await repo.setProgress(tx, r.id, input.percent);
      const reportId = newId('inp');
      await repo.insertReport(tx, {
        id: reportId,
        instructionId: id,
        recipientId: r.id,
        kind: 'progress',
        authorId: actor.accountId!,
        authorName: actor.displayName,
        text: input.text,
        percent: input.percent,
        attachments: files,
        at: now,
      });
      await this.step(tx, actor, id, 'progress', now, {
        recipient: r,
        details: { reportId, percent: input.percent, text: input.text, attachments: files },
      });
      await this.tell(tx, actor, [ins.issuer_id], {
        topic: 'instruction.feedback',
        title: `进展反馈：${ins.subject_title}`,
        body: `${r.name}（${actor.displayName}）：${input.text}（${input.percent}%）`,
        instructionId: id,
      });
      await this.record(tx, actor, ins, 'progress', { recipientId: r.id, percent: input.percent, attachments: files.length });
    });
    return this.get(actor, id, now);
  }

  /** 办结: the recipient's result; when every recipient is done the instruction is completed and its issuer told. */
  async reportResult(
    actor: Actor,
    id: string,
    input: { recipientId?: string | undefined; text: string; attachmentIds: string[] },
    now = new Date(),
  ) {
    const files = await this.ownFiles(actor, input.attachmentIds);
    await this.act(actor, id, input.recipientId, async (tx, { ins, recipients }, r) => {
      await this.impliedAcknowledge(tx, actor, r, now);
      await repo.setDone(tx, r.id, input.text, now);
      const reportId = newId('inp');
      await repo.insertReport(tx, {
        id: reportId,
        instructionId: id,
        recipientId: r.id,
        kind: 'result',
        authorId: actor.accountId!,
        authorName: actor.displayName,
        text: input.text,
        percent: 100,
        attachments: files,
        at: now,
      });
      await this.step(tx, actor, id, 'result', now, { recipient: r, details: { reportId, text: input.text, attachments: files } });
      await this.record(tx, actor, ins, 'result', { recipientId: r.id, attachments: files.length });
      const allDone = recipients.every((x) => x.id === r.id || x.status === 'done');
      if (!allDone) {
        await this.tell(tx, actor, [ins.issuer_id], {
          topic: 'instruction.feedback',
          title: `办结反馈：${ins.subject_title}`,
          body: `${r.name}（${actor.displayName}）已办结：${input.text}`,
          instructionId: id,
        });
        return;
      }
      await repo.setStatus(tx, id, 'completed', now);
      const onTime = now.getTime() <= Date.parse(ins.deadline);
      await this.step(tx, actor, id, 'completed', now, { details: { onTime } });
      await this.tell(tx, actor, [ins.issuer_id], {
        topic: 'instruction.feedback',
        title: `批示已办结：${ins.subject_title}`,
        body: `全部承办对象已办结${onTime ? '，按期完成' : '，超期完成'}。最后办结：${r.name}（${actor.displayName}）：${input.text}`,
        instructionId: id,
      });
    });
    return this.get(actor, id, now);
  }

  /** 督办: the issuer, or a supervisor over the issuer's region, presses the recipients not done — optionally with a new deadline. */
  async supervise(actor: Actor, id: string, input: { note: string; deadline?: string | undefined }, now = new Date()) {
    if (input.deadline && Date.parse(input.deadline) <= now.getTime())
      throw new ValidationError('chain.deadline_past', { deadline: input.deadline });
    const before = await this.loadSupervised(actor, id);
    const told = await this.contactsOf(
      before.recipients.filter((r) => r.status !== 'done'),
      false,
    );
    await this.db.kysely.transaction().execute(async (tx) => {
      const { ins } = await this.loadSupervised(actor, id, tx);
      if (ins.status !== 'open') throw new ConflictError('chain.closed', { id, status: ins.status });
      const deadline = input.deadline ? new Date(input.deadline).toISOString() : null;
      if (deadline) await repo.setDeadline(tx, id, deadline);
      await this.step(tx, actor, id, 'supervised', now, {
        details: { note: input.note, ...(deadline ? { deadline: { from: ins.deadline, to: deadline } } : {}) },
      });
      await this.tell(tx, actor, told, {
        topic: 'instruction.supervised',
        title: `督办：${ins.subject_title}`,
        body: `${actor.displayName}：${input.note}（办理期限 ${chinaTime(deadline ?? ins.deadline)}）`,
        instructionId: id,
        urgent: true,
      });
      await this.record(tx, actor, ins, 'supervise', { ...(deadline ? { deadline } : {}) });
    });
    return this.get(actor, id, now);
  }

  /** 修正: the issuer or a supervisor sends a completed instruction back, with a note and a new deadline. */
  async reopen(actor: Actor, id: string, input: { note: string; deadline: string }, now = new Date()) {
    if (Date.parse(input.deadline) <= now.getTime()) throw new ValidationError('chain.deadline_past', { deadline: input.deadline });
    const before = await this.loadSupervised(actor, id);
    const told = await this.contactsOf(before.recipients, false);
    await this.db.kysely.transaction().execute(async (tx) => {
      const { ins, recipients } = await this.loadSupervised(actor, id, tx);
      if (ins.status !== 'completed') throw new ConflictError('chain.not_completed', { id, status: ins.status });
      const deadline = new Date(input.deadline).toISOString();
      await repo.setDeadline(tx, id, deadline);
      await repo.setStatus(tx, id, 'open', null);
      await repo.reopenRecipients(
        tx,
        recipients.map((r) => r.id),
      );
      await this.step(tx, actor, id, 'reopened', now, { details: { note: input.note, deadline: { from: ins.deadline, to: deadline } } });
      await this.tell(tx, actor, told, {
        topic: 'instruction.assigned',
        title: `批示退回重办：${ins.subject_title}`,
        body: `${actor.displayName}：${input.note}（办理期限 ${chinaTime(deadline)}）`,
        instructionId: id,
        urgent: true,
      });
      await this.record(tx, actor, ins, 'reopen', { deadline });
    });
    return this.get(actor, id, now);
  }

  /** The issuer withdraws an open instruction; the recipients not done are told. */
  async cancel(actor: Actor, id: string, input: { reason: string }, now = new Date()) {
    const before = await this.load(this.db.kysely, actor, id);
    if (!before.access.issuer) throw new ForbiddenError(before.access.read ? 'chain.not_issuer' : 'chain.not_yours', { id });
    const told = await this.contactsOf(
      before.recipients.filter((r) => r.status !== 'done'),
      false,
    );
    await this.db.kysely.transaction().execute(async (tx) => {
      const { ins } = await this.load(tx, actor, id, true);
      if (ins.status !== 'open') throw new ConflictError('chain.closed', { id, status: ins.status });
      await repo.setStatus(tx, id, 'cancelled', null);
      await this.step(tx, actor, id, 'cancelled', now, { details: { reason: input.reason } });
      await this.tell(tx, actor, told, {
        topic: 'instruction.assigned',
        title: `批示已撤销：${ins.subject_title}`,
        body: `${actor.displayName}：${input.reason}`,
        instructionId: id,
      });
      await this.record(tx, actor, ins, 'cancel', { reason: input.reason });
    });
    return this.get(actor, id, now);
  }

  /** A file of a 进展反馈 or 办结 report, to whoever may read the instruction. */
  async file(actor: Actor, id: string, attachmentId: string) {
    const { access } = await this.load(this.db.kysely, actor, id);
    if (!access.read) throw new ForbiddenError('chain.not_yours', { id });
    if (!(await repo.isReferencedFile(this.db.kysely, id, attachmentId)))
      throw new NotFoundError('chain.attachment_not_found', { id, attachmentId });
    return this.deps.files.read(actor, attachmentId, async () => true);
  }

  /**
   * 督办 escalation: every open instruction past its deadline is escalated once per day (China
   * time) — an `escalated` step, and an urgent notice to the recipients not done, their
   * organisations' leaders, and the issuer. Returns how many were escalated now.
   */
  async escalateOverdue(now = new Date()): Promise<number> {
    const key = `escalated:${chinaDay(now)}`;
    let escalated = 0;
    for (const due of await repo.overdue(this.db.kysely, now, key)) {
      const pending = (await repo.recipientsOf(this.db.kysely, [due.id])).filter((r) => r.status !== 'done');
      const told = [...(await this.contactsOf(pending, true)), due.issuer_id];
      const done = await this.db.kysely.transaction().execute(async (tx) => {
        const ins = await repo.findInstruction(tx, due.id, true);
        if (!ins || ins.status !== 'open' || Date.parse(ins.deadline) >= now.getTime()) return false;
        const hours = Math.floor((now.getTime() - Date.parse(ins.deadline)) / 3600_000);
        const added = await this.step(tx, watcher, ins.id, 'escalated', now, {
          details: { day: chinaDay(now), overdueHours: hours, pending: pending.map((r) => r.name) },
          dedupeKey: key,
        });
        if (!added) return false;
        await this.tell(tx, watcher, told, {
          topic: 'instruction.supervised',
          title: `批示超期督办：${ins.subject_title}`,
          body: `办理期限 ${chinaTime(ins.deadline)} 已过 ${hours} 小时，尚未办结：${pending.map((r) => r.name).join('、')}。`,
          instructionId: ins.id,
          urgent: true,
          dedupeKey: `instruction:${ins.id}:${key}`,
        });
        await this.record(tx, watcher, ins, 'escalate', { day: chinaDay(now), pending: pending.length });
        return true;
      });
      if (done) escalated++;
    }
    return escalated;
  }

  /** 临期提醒: once per deadline, when an open instruction turns yellow, its recipients not done are reminded. */
  async remindDueSoon(now = new Date()): Promise<number> {
    let reminded = 0;
    for (const due of await repo.dueSoon(this.db.kysely, now)) {
      const pending = (await repo.recipientsOf(this.db.kysely, [due.id])).filter((r) => r.status !== 'done');
      const told = await this.contactsOf(pending, false);
      const key = repo.reminderKey(due.deadline);
      const done = await this.db.kysely.transaction().execute(async (tx) => {
        const ins = await repo.findInstruction(tx, due.id, true);
        if (!ins || ins.status !== 'open' || repo.reminderKey(ins.deadline) !== key) return false;
        const added = await this.step(tx, watcher, ins.id, 'reminded', now, {
          details: { deadline: ins.deadline, pending: pending.map((r) => r.name) },
          dedupeKey: key,
        });
        if (!added) return false;
        await this.tell(tx, watcher, told, {
          topic: 'instruction.supervised',
          title: `批示即将到期：${ins.subject_title}`,
          body: `办理期限 ${chinaTime(ins.deadline)}，请抓紧办理并反馈。`,
          instructionId: ins.id,
          dedupeKey: `instruction:${ins.id}:${key}`,
        });
        return true;
      });
      if (done) reminded++;
    }
    return reminded;
  }

  // ---- internals ------------------------------------------------------------------------

  private async load(db: Executor, actor: Actor, id: string, lock = false): Promise<Loaded> {
    const ins = await repo.findInstruction(db, id, lock);
    if (!ins) throw new NotFoundError('chain.not_found', { id });
    const recipients = await repo.recipientsOf(db, [id]);
    const issuer = actor.accountId !== null && actor.accountId === ins.issuer_id;
    const actFor = recipients.filter(
      (r) =>
        (r.account_id !== null && r.account_id === actor.accountId) ||
        (r.org_id !== null && actor.kind === 'staff' && r.org_id === actor.orgId),
    );
    const supervise = can(actor, 'instruction.supervise', { orgId: ins.issuer_org_id, regionCode: ins.region_code });
    return { ins, recipients, access: { issuer, actFor, supervise, read: issuer || actFor.length > 0 || supervise } };
  }

  private async loadSupervised(actor: Actor, id: string, tx?: Executor): Promise<Loaded> {
    const loaded = await this.load(tx ?? this.db.kysely, actor, id, Boolean(tx));
    const { access } = loaded;
    if (!access.issuer && !access.supervise) throw new ForbiddenError(access.read ? 'chain.not_supervisor' : 'chain.not_yours', { id });
    return loaded;
  }

  /** A recipient's step: checks who acts, for which recipient row, on an open instruction, in one transaction holding it. */
  private async act(
    actor: Actor,
    id: string,
    recipientId: string | undefined,
    work: (tx: Executor, loaded: Loaded, recipient: RecipientRow) => Promise<void>,
  ): Promise<void> {
    const check = (loaded: Loaded): RecipientRow => {
      const { access, ins } = loaded;
      if (!access.read) throw new ForbiddenError('chain.not_yours', { id });
      if (!actor.accountId || !access.actFor.length) throw new ForbiddenError('chain.not_a_recipient', { id });
      // addressed both in person and through the organisation: the personal row unless one is named
      const r = recipientId
        ? access.actFor.find((x) => x.id === recipientId)
        : (access.actFor.find((x) => x.account_id) ?? access.actFor[0]);
      if (!r) throw new ForbiddenError('chain.not_a_recipient', { id, recipientId });
      if (ins.status !== 'open') throw new ConflictError('chain.closed', { id, status: ins.status });
      if (r.status === 'done') throw new ConflictError('chain.recipient_done', { recipientId: r.id });
      return r;
    };
    check(await this.load(this.db.kysely, actor, id));
    await this.db.kysely.transaction().execute(async (tx) => {
      const loaded = await this.load(tx, actor, id, true);
      await work(tx, loaded, check(loaded));
    });
  }

  private async impliedAcknowledge(tx: Executor, actor: Actor, r: RecipientRow, now: Date): Promise<void> {
    if (r.status !== 'assigned') return;
    await repo.acknowledge(tx, r.id, actor.accountId!, now);
    await this.step(tx, actor, r.instruction_id, 'acknowledged', now, { recipient: r, details: { implied: true } });
  }

  /** Files named in a report must exist and be the reporter's own uploads. */
  private async ownFiles(actor: Actor, ids: readonly string[]): Promise<FileRef[]> {
    const found: FileRef[] = [];
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const file = await unlessRefused(this.deps.files.read(actor, id));
      if (file && file.uploadedBy === actor.accountId) found.push({ id, name: file.name, mimeType: file.mimeType, size: file.size });
      else missing.push(id);
    }
    if (missing.length) throw new ValidationError('chain.attachment_unknown', { attachments: missing });
    return found;
  }

  /**
   * Whom to tell about a recipient row: the addressed person; for an organisation its leaders and
   * administrators (单位管理员), or all its staff when it has neither. An escalation adds the
   * leaders of an addressed person's own organisation.
   */
  private async contactsOf(recipients: readonly Pick<RecipientRow, 'org_id' | 'account_id' | 'person_org_id'>[], escalation: boolean) {
    const ids = new Set<string>();
    for (const r of recipients) {
      if (r.account_id) {
        ids.add(r.account_id);
        if (escalation && r.person_org_id) for (const l of await this.deps.identity.leadersOf(r.person_org_id)) ids.add(l.id);
      } else if (r.org_id) {
        const heads = [
          ...(await this.deps.identity.leadersOf(r.org_id)),
          ...(await this.deps.identity.accountsWithRole(r.org_id, 'org_admin')),
        ];
        const people = heads.length ? heads : await this.deps.identity.accountsWithRole(r.org_id, 'staff');
        for (const p of people) ids.add(p.id);
      }
    }
    return [...ids];
  }

  private async tell(
    tx: Executor,
    actor: Actor,
    accountIds: readonly string[],
    notice: { topic: string; title: string; body: string; instructionId: string; urgent?: boolean; dedupeKey?: string },
  ): Promise<void> {
    const recipients = accountIds.filter((id) => id !== actor.accountId);
    if (!recipients.length) return;
    await this.deps.notifications.notify(tx, {
      recipients,
      topic: notice.topic,
      title: notice.title,
      body: notice.body,
      link: `/workbench/instructions/${notice.instructionId}`,
      urgent: notice.urgent ?? false,
      sourceType: 'instruction',
      sourceId: notice.instructionId,
      ...(notice.dedupeKey ? { dedupeKey: notice.dedupeKey } : {}),
    });
  }

  private step(
    tx: Executor,
    actor: Actor,
    instructionId: string,
    kind: TimelineKind,
    at: Date,
    extra: { recipient?: RecipientRow; details?: Record<string, unknown>; dedupeKey?: string } = {},
  ): Promise<boolean> {
    return repo.addStep(tx, {
      instructionId,
      at,
      actorId: actor.accountId ?? actor.clientId,
      actorName: actor.displayName,
      kind,
      recipientId: extra.recipient?.id ?? null,
      details: { ...(extra.recipient ? { recipient: extra.recipient.name } : {}), ...extra.details },
      ...(extra.dedupeKey ? { dedupeKey: extra.dedupeKey } : {}),
    });
  }

  private record(
    tx: Executor,
    actor: Actor,
    ins: Pick<InstructionRow, 'id' | 'issuer_org_id' | 'region_code'>,
    verb: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.deps.audit.record(
      {
        actor,
        action: `chain.instruction.${verb}`,
        targetType: 'instruction',
        targetId: ins.id,
        orgId: ins.issuer_org_id,
        regionCode: ins.region_code,
        details,
      },
      tx,
    );
  }
}

function summaryOf(r: ListRow | (InstructionRow & { recipients: string; done: string; percent: number | null }), now: Date) {
  return {
    id: r.id,
    subject: { type: r.subject_type, id: r.subject_id, title: r.subject_title, link: r.subject_link },
    text: r.text,
    priority: r.priority,
    status: r.status,
    ...lightOf({ status: r.status, createdAt: r.created_at, deadline: r.deadline, completedAt: r.completed_at }, now),
    issuer: { id: r.issuer_id, name: r.issuer_name, orgId: r.issuer_org_id },
    regionCode: r.region_code,
    createdAt: r.created_at,
    deadline: r.deadline,
    completedAt: r.completed_at,
    recipientCount: Number(r.recipients),
    doneCount: Number(r.done),
    percent: r.percent ?? 0,
  };
}
