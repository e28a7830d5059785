import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import {
  afterTimeCursor,
  AppError,
  can,
  ConflictError,
  emit,
  ForbiddenError,
  later,
  newestFirst,
  newId,
  NotFoundError,
  regionPrefix,
  requirePermission,
  requireScope,
  serviceActor,
  timeCursorOf,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
  type Locale,
} from '../../kernel/index.ts';
import type { AuditInput, AuditLog } from '../audit/index.ts';
import { readBpmn } from './bpmn-model.ts';
import type { CalendarStore } from './calendar.ts';
import type { Variables } from './expressions.ts';
import { attachmentIds, checkFormData, formPart } from './form-data.ts';
import {
  indexModel,
  newStepContext,
  Runtime,
  type DefinitionSource,
  type FormVersion,
  type InstanceRow,
  type ProcessVersion,
  type RunnableModel,
  type ServiceHandler,
  type StepContext,
} from './runtime.ts';

/** Who the engine asks about people: wired to identity by the composition root. */
export interface PeopleSource {
  actorFor(accountId: string): Promise<Actor | undefined>;
  /** the leaders of an organisation, for escalation */
  leadersOf(orgId: string): Promise<{ id: string; displayName: string }[]>;
}

/** Fills form fields from data the platform already has (the data platform registers one). */
export type PrefillHook = (context: { actor: Actor; itemId: string; schema: Record<string, unknown> | null }) => Promise<{
  source: string;
  values: Variables;
}>;

interface TaskRow {
  id: string;
  instance_id: string;
  token_id: string;
  node_id: string;
  name: string;
  org_id: string;
  region_code: string;
  candidate_groups: string[];
  candidate_orgs: string[];
  candidate_users: string[];
  assignee: string | null;
  status: string;
  created_at: string;
  form_key: string | null;
  completed_by: string | null;
  mi_index: number | null;
  mi_total: number | null;
  local_variables: Variables;
}
interface TaskListRow extends TaskRow {
  item_id: string;
  item_name: string | null;
  business_key: string | null;
  due_at: string | null;
  time_state: string | null;
  clock_paused_at: string | null;
}
/** An open task named in a step's answer. */
interface NextTask {
  id: string;
  nodeId: string;
  name: string;
}
interface InstanceColumns {
  definition_id: string;
  form_version_id: string | null;
  instance_status: string;
  variables: Variables;
  parent_instance_id: string | null;
  parent_token_id: string | null;
}
interface FullInstanceRow extends InstanceRow {
  item_name: string | null;
  started_by: string | null;
  started_at: string;
  ended_at: string | null;
  form_version_id: string | null;
  due_at: string | null;
  time_state: string | null;
  clock_paused_at: string | null;
  supplement_reason: string | null;
}

export interface StartInput {
  itemId: string;
  businessKey?: string | undefined;
  variables: Variables;
}

/** A start checked and read ahead of its transaction (WorkflowEngine.prepareStart). */
export interface PreparedStart {
  id: string;
  actor: Actor;
  input: StartInput;
  version: ProcessVersion;
  model: RunnableModel;
  formVersionId: string | null;
  schema: Record<string, unknown> | null;
  due: Date | null;
  warn: Date | null;
}

/** Timers and deadlines act as the platform itself. */
const systemActor = serviceActor('zhili-engine', '系统');

const taskColumns = sql`t.*, i.item_id, i.item_name, i.business_key, i.due_at, i.time_state, i.clock_paused_at`;

export class WorkflowEngine {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly definitions: DefinitionSource;
  private readonly calendar: CalendarStore;
  private readonly people: PeopleSource;
  private readonly handlers = new Map<string, ServiceHandler>();
  private readonly prefills: PrefillHook[] = [];
  private readonly models = new Map<string, RunnableModel>();
  /** Deployed versions never change: kept once read. */
  private readonly versions = new Map<string, ProcessVersion>();
  private readonly forms = new Map<string, FormVersion>();
  private readonly runtime: Runtime;

  constructor(db: Database, audit: AuditLog, definitions: DefinitionSource, calendar: CalendarStore, people: PeopleSource) {
    this.db = db;
    this.audit = audit;
    this.definitions = definitions;
    this.calendar = calendar;
    this.people = people;
    this.runtime = new Runtime(definitions, this.handlers, (version) => this.model(version), this.audit);
  }

  /** Modules register the service tasks they offer (notification, signature, gateway call …). */
  registerHandler(name: string, handler: ServiceHandler): void {
    this.handlers.set(name, handler);
  }

  registerPrefill(hook: PrefillHook): void {
    this.prefills.push(hook);
  }

  private async model(version: ProcessVersion): Promise<RunnableModel> {
    let model = this.models.get(version.definitionId);
    if (!model) {
      const read = await readBpmn(version.bpmnXml);
      if (!read.model) throw new AppError(409, 'workflow.definition_unreadable', { definitionId: version.definitionId });
      model = indexModel(read.model);
      this.models.set(version.definitionId, model);
    }
    return model;
  }

  private async version(definitionId: string, db?: Executor): Promise<ProcessVersion> {
    let version = this.versions.get(definitionId);
    if (!version) {
      version = await this.definitions.processById(definitionId, db);
      if (!version) throw new NotFoundError('workflow.no_process', { definitionId });
      this.versions.set(definitionId, version);
    }
    return version;
  }

  /** An item's latest process and form versions: their ids read, the versions themselves kept once read. */
  private async latestDeployed(itemId: string) {
    const latest = await this.definitions.latestVersionIds(itemId);
    if (!latest.processId) throw new NotFoundError('workflow.no_process', { itemId });
    return { version: await this.version(latest.processId), form: latest.formId ? await this.form(latest.formId) : undefined };
  }

  /** One step of the engine: one transaction; the history it wrote goes in with it, in one statement. */
  private async step<T>(actor: Actor, work: (tx: Executor, ctx: StepContext) => Promise<T>): Promise<T> {
    return this.db.kysely.transaction().execute(async (tx) => {
      const ctx = newStepContext(tx, actor);
      const result = await work(tx, ctx);
      await this.runtime.finish(ctx);
      return result;
    });
  }

  /** Checks form data against a deployed form: the whole schema, or `$defs[formKey]` for a task's part. */
  private checkForm(locale: Locale, form: FormVersion | undefined, formKey: string | null, data: Variables, whole: boolean) {
    if (!form || (!formKey && !whole)) return;
    const { schema, part } = formPart(form.schema, formKey);
    const issues = checkFormData(`${form.formVersionId}#${part ? formKey : ''}`, schema, data, locale);
    if (issues.length) throw new ValidationError('workflow.form_invalid', { issues });
    return schema;
  }

  /** Checks data against a form not deployed as such (a system's merged application), in the caller's language. */
  checkApplication(locale: Locale, schema: Record<string, unknown>, data: Variables): { path: string[]; message: string }[] {
    return checkFormData(`application#${createHash('sha256').update(JSON.stringify(schema)).digest('hex')}`, schema, data, locale);
  }

  /** Attachments named in form data must exist and be the caller's (or already this instance's); they join the instance. */
  private async bindAttachments(tx: Executor, actor: Actor, instanceId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    const found = (
      await sql<{
        id: string;
      }>`update wf_attachments set instance_id = ${instanceId} where id in (${sql.join(unique)})
        and (instance_id = ${instanceId} or (instance_id is null and uploaded_by = ${actor.accountId ?? ''})) returning id`.execute(tx)
    ).rows.map((r) => r.id);
    const missing = unique.filter((id) => !found.includes(id));
    if (missing.length) throw new ValidationError('workflow.attachment_unknown', { attachments: missing });
  }

  async start(actor: Actor, locale: Locale, input: StartInput) {
    const prepared = await this.prepareStart(actor, locale, input);
    const id = await this.db.kysely.transaction().execute((tx) => this.startPrepared(tx, prepared));
    return this.instance(actor, id);
  }

  /**
   * Everything a start reads and checks before its transaction (on PGlite a read beside a
   * transaction waits forever): the version, its model, handlers and called processes, the
   * form and the deadline. Another module can then start the instance inside its own
   * transaction with `startPrepared`, so its row and the instance commit together.
   */
  async prepareStart(actor: Actor, locale: Locale, input: StartInput): Promise<PreparedStart> {
    const { version, form } = await this.latestDeployed(input.itemId);
    requirePermission(actor, 'workflow.start', { orgId: version.orgId, regionCode: version.regionCode });
    const model = await this.model(version);
    for (const node of Object.values(model.nodes)) {
      if (node.serviceTask && !this.handlers.has(node.serviceTask.handler))
        throw new ValidationError('workflow.unknown_handler', { elementId: node.id, handler: node.serviceTask.handler });
      if (node.callActivity) {
        const called = node.callActivity.calledElement;
        const found = called.startsWith('node_')
          ? await this.definitions.latestProcess(called)
          : await this.definitions.latestProcessByKey(called);
        if (!found) throw new ValidationError('workflow.called_process_missing', { elementId: node.id, calledElement: called });
      }
    }
    const schema = this.checkForm(locale, form, null, input.variables, true) ?? null;
    const calendar = await this.calendar.calendar();
    const now = new Date();
    const due = version.timeLimitDays ? calendar.dueAfter(now, version.timeLimitDays) : null;
    const warn = due ? calendar.addWorkingMs(now, Math.round(0.8 * calendar.workingMs(now, due))) : null;
    return { id: newId('wfi'), actor, input, version, model, formVersionId: form?.formVersionId ?? null, schema, due, warn };
  }

  /**
   * Starts a prepared instance inside the caller's transaction; returns its id. `audit`: the
   * caller's own entries about it, written in the start's last statement.
   */
  async startPrepared(tx: Executor, prepared: PreparedStart, audit: AuditInput[] = []): Promise<string> {
    const { id, actor, input, version, model, schema, due, warn } = prepared;
    const ctx = newStepContext(tx, actor);
    await later(sql`insert into wf_instances (id, definition_id, item_id, item_name, org_id, region_code, business_key, status, variables, started_by,
        form_version_id, time_limit_days, due_at, warn_at, time_state)
      values (${id}, ${version.definitionId}, ${version.itemId}, ${version.itemName}, ${version.orgId}, ${version.regionCode}, ${input.businessKey ?? null},
        'running', ${JSON.stringify(input.variables)}::jsonb, ${actor.accountId}, ${prepared.formVersionId}, ${version.timeLimitDays},
        ${due?.toISOString() ?? null}, ${warn?.toISOString() ?? null}, ${due ? 'normal' : null})`).execute(tx);
    if (schema) await this.bindAttachments(tx, actor, id, attachmentIds(schema, input.variables));
    await this.runtime.history(ctx, id, 'instance.start', null, {
      version: version.version,
      item: version.itemName,
      ...(due ? { dueAt: due.toISOString() } : {}),
    });
    const instance: InstanceRow = {
      id,
      definition_id: version.definitionId,
      item_id: version.itemId,
      org_id: version.orgId,
      region_code: version.regionCode,
      business_key: input.businessKey ?? null,
      status: 'running',
      variables: input.variables,
      parent_instance_id: null,
      parent_token_id: null,
    };
    await this.runtime.advance(
      ctx,
      instance,
      model,
      model.startNodeIds.map((nodeId) => ({ tokenId: newId('tok'), nodeId, fresh: true })),
    );
    ctx.audit.push({
      actor,
      action: 'workflow.instance.start',
      targetType: 'wf_instance',
      targetId: id,
      orgId: version.orgId,
      regionCode: version.regionCode,
      details: { itemId: version.itemId, version: version.version },
    });
    ctx.audit.push(...audit);
    await this.runtime.finish(ctx);
    return id;
  }

  /** A candidate: the assignee; or, unassigned, a named user, a holder of a candidate role, or staff of a candidate org — in the task's region. */
  private mayWork(actor: Actor, task: TaskRow): boolean {
    if (!can(actor, 'workbench.use', { regionCode: task.region_code, orgId: task.org_id })) return false;
    if (task.assignee) return task.assignee === actor.accountId;
    return this.isCandidate(actor, task);
  }

  private isCandidate(actor: Actor, task: TaskRow): boolean {
    const who = actor.accountId ?? '';
    if (task.candidate_users.includes(who)) return true;
    if (actor.orgId && task.candidate_orgs.includes(actor.orgId)) return true;
    const roles = new Set(actor.grants.map((g) => g.role));
    return task.candidate_groups.some((g) => roles.has(g));
  }

  private async lockTask(tx: Executor, actor: Actor, taskId: string): Promise<TaskRow> {
    const task = (await sql<TaskRow>`select * from wf_tasks where id = ${taskId} for update`.execute(tx)).rows[0];
    return this.checkTaskLock(actor, taskId, task);
  }

  /** A locked task the actor may work on now: theirs or theirs to take, and still open. */
  private checkTaskLock<T extends TaskRow>(actor: Actor, taskId: string, task: T | undefined): T {
    if (!task) throw new NotFoundError('workflow.task_not_found', { taskId });
    const inRegion = can(actor, 'workbench.use', { regionCode: task.region_code, orgId: task.org_id });
    const mine = task.assignee === actor.accountId;
    if (!inRegion || (!mine && !this.isCandidate(actor, task))) throw new ForbiddenError('workflow.not_a_candidate', { taskId });
    if (task.assignee && !mine) throw new ConflictError('workflow.task_claimed', { taskId });
    if (task.status !== 'open') throw new ConflictError('workflow.task_closed', { taskId, status: task.status });
    return task;
  }

  private async lockInstance(tx: Executor, instanceId: string): Promise<FullInstanceRow> {
    const row = (await sql<FullInstanceRow>`select * from wf_instances where id = ${instanceId} for update`.execute(tx)).rows[0];
    if (!row) throw new NotFoundError('workflow.instance_not_found', { instanceId });
    return row;
  }

  /** The step's audit entry about a task (written with its history when the step ends). */
  private recordTask(ctx: StepContext, action: string, task: TaskRow, details?: Record<string, unknown>) {
    ctx.audit.push({
      actor: ctx.actor,
      action,
      targetType: 'wf_task',
      targetId: task.id,
      orgId: task.org_id,
      regionCode: task.region_code,
      ...(details ? { details } : {}),
    });
  }

  /** The definition behind a task, read before any transaction (on PGlite a read beside one waits forever). */
  private async taskDefinition(taskId: string) {
    const found = (
      await sql<{
        definition_id: string;
        form_version_id: string | null;
      }>`select i.definition_id, i.form_version_id from wf_tasks t join wf_instances i on i.id = t.instance_id where t.id = ${taskId}`.execute(
        this.db.kysely,
      )
    ).rows[0];
    if (!found) throw new NotFoundError('workflow.task_not_found', { taskId });
    const version = await this.version(found.definition_id);
    const form = found.form_version_id ? await this.form(found.form_version_id) : undefined;
    return { version, model: await this.model(version), form };
  }

  async claim(actor: Actor, taskId: string, claim: boolean) {
    await this.step(actor, async (tx, ctx) => {
      const task = await this.lockTask(tx, actor, taskId);
      await later(sql`update wf_tasks set assignee = ${claim ? actor.accountId : null} where id = ${taskId}`).execute(tx);
      await this.runtime.history(ctx, task.instance_id, claim ? 'task.claim' : 'task.unclaim', task.node_id);
      this.recordTask(ctx, claim ? 'workflow.task.claim' : 'workflow.task.unclaim', task);
    });
    return this.task(actor, taskId);
  }

  /** 办理: completes a task with its form data; the instance moves on in the same transaction. */
  async complete(actor: Actor, locale: Locale, taskId: string, variables: Variables) {
    const answer = await this.step(actor, async (tx, ctx) => {
      // The task and its instance, locked in one round trip, with the instance's other open tasks
      // (the answer's "what is next" is worked out from them, so no read follows the step's
      // writes and they travel with the COMMIT); definitions and forms come from memory once read.
      const row = (
        await sql<TaskListRow & InstanceColumns & { others: NextTask[] }>`select ${taskColumns}, i.definition_id, i.form_version_id,
            i.status as instance_status, i.variables, i.parent_instance_id, i.parent_token_id,
            coalesce((select json_agg(json_build_object('id', o.id, 'nodeId', o.node_id, 'name', o.name) order by o.created_at, o.id)
              from wf_tasks o where o.instance_id = i.id and o.status = 'open' and o.id <> t.id), '[]'::json) as others
          from wf_tasks t join wf_instances i on i.id = t.instance_id where t.id = ${taskId} for update`.execute(tx)
      ).rows[0];
      const task = this.checkTaskLock(actor, taskId, row);
      if (row!.instance_status !== 'running') throw new ConflictError('workflow.instance_not_running', { status: row!.instance_status });
      const version = await this.version(row!.definition_id, tx);
      const model = await this.model(version);
      const form = row!.form_version_id ? await this.form(row!.form_version_id, tx) : undefined;
      const schema = this.checkForm(locale, form, task.form_key, variables, false);
      const instance: InstanceRow = {
        id: row!.instance_id,
        definition_id: row!.definition_id,
        item_id: row!.item_id,
        org_id: row!.org_id,
        region_code: row!.region_code,
        business_key: row!.business_key,
        status: 'running',
        variables: row!.variables,
        parent_instance_id: row!.parent_instance_id,
        parent_token_id: row!.parent_token_id,
      };
      if (schema) await this.bindAttachments(tx, actor, instance.id, attachmentIds(schema, variables));
      const node = model.nodes[task.node_id]!;
      const multi = Boolean(node.userTask?.multiInstance);
      if (!multi) instance.variables = { ...instance.variables, ...variables };
      await later(sql`with done as (
          update wf_tasks set status = 'completed', completed_by = ${actor.accountId}, completed_at = now(), data = ${JSON.stringify(variables)}::jsonb
          where id = ${taskId})
        update wf_instances set variables = ${JSON.stringify(instance.variables)}::jsonb where id = ${instance.id}`).execute(tx);
      await this.runtime.history(ctx, instance.id, 'task.complete', task.node_id, {
        taskId,
        variables: Object.keys(variables),
        ...(task.mi_total ? { index: task.mi_index, total: task.mi_total } : {}),
        ...(typeof variables.approved === 'boolean' ? { approved: variables.approved } : {}),
        ...(typeof variables.opinion === 'string' && variables.opinion ? { opinion: variables.opinion.slice(0, 500) } : {}),
      });
      if (multi) {
        await this.runtime.completeMulti(ctx, instance, model, node, task.token_id, variables);
      } else {
        await this.runtime.leave(ctx, model, node.id, task.token_id);
        await this.runtime.advance(ctx, instance, model, this.runtime.departures(model, node, task.token_id));
      }
      this.recordTask(ctx, 'workflow.task.complete', task);
      // what is next: the instance's tasks open before the step and not closed by it, then those it opened
      const open = [
        ...row!.others,
        ...ctx.opened.filter((opened) => opened.instanceId === instance.id).map(({ id, nodeId, name }) => ({ id, nodeId, name })),
      ].filter((next) => !ctx.closed.has(next.id));
      return { view: toTaskView({ ...row!, status: 'completed', completed_by: actor.accountId }), next: { status: instance.status, open } };
    });
    return { ...answer.view, instanceStatus: answer.next.status, nextTasks: answer.next.open };
  }

  /** Forms, like process versions, never change once deployed: kept once read. */
  private async form(formVersionId: string, db?: Executor): Promise<FormVersion | undefined> {
    let form = this.forms.get(formVersionId);
    if (!form) {
      form = await this.definitions.formById(formVersionId, db);
      if (form) this.forms.set(formVersionId, form);
    }
    return form;
  }

  /** The task as it now is, with what is next in its instance (anyone's open tasks). */
  private async stepAnswer(actor: Actor, taskId: string, instanceId: string) {
    const view = await this.taskAfterStep(taskId);
    const status = (await sql<{ status: string }>`select status from wf_instances where id = ${instanceId}`.execute(this.db.kysely))
      .rows[0];
    const open = (
      await sql<{ id: string; node_id: string; name: string }>`select id, node_id, name from wf_tasks
        where instance_id = ${instanceId} and status = 'open' order by created_at, id`.execute(this.db.kysely)
    ).rows;
    return {
      ...view,
      instanceStatus: status?.status ?? 'running',
      nextTasks: open.map((t) => ({ id: t.id, nodeId: t.node_id, name: t.name })),
    };
  }

  /** 转办: hands an open task to a colleague who may work in its organisation. */
  async delegate(actor: Actor, taskId: string, input: { accountId: string; comment?: string | undefined }) {
    const target = await this.people.actorFor(input.accountId);
    await this.step(actor, async (tx, ctx) => {
      const task = await this.lockTask(tx, actor, taskId);
      if (!target || target.kind !== 'staff' || !can(target, 'workbench.use', { regionCode: task.region_code, orgId: task.org_id }))
        throw new ValidationError('workflow.delegate_not_allowed', { accountId: input.accountId });
      if (target.accountId === actor.accountId) throw new ValidationError('workflow.delegate_to_self');
      await later(sql`update wf_tasks set assignee = ${target.accountId} where id = ${taskId}`).execute(tx);
      await this.runtime.history(ctx, task.instance_id, 'task.delegate', task.node_id, {
        taskId,
        to: target.displayName,
        toAccountId: target.accountId,
        ...(input.comment ? { comment: input.comment } : {}),
      });
      this.recordTask(ctx, 'workflow.task.delegate', task, { to: target.accountId });
    });
    return this.taskAfterStep(taskId);
  }

  /** The earlier user tasks a task can be sent back to (退回): none while parallel branches are open. */
  private async returnTargets(db: Executor, task: TaskRow): Promise<{ nodeId: string; name: string; completedBy: string | null }[]> {
    if (task.mi_total) return [];
    const live = await sql<{
      n: string;
    }>`select count(*) as n from wf_tokens where instance_id = ${task.instance_id} and status <> 'done'`.execute(db);
    if (Number(live.rows[0]!.n) !== 1) return [];
    const done = (
      await sql<{ node_id: string; name: string; completed_by: string | null }>`select node_id, name, completed_by from wf_tasks
        where instance_id = ${task.instance_id} and status = 'completed' and mi_total is null and node_id <> ${task.node_id}
        order by completed_at desc`.execute(db)
    ).rows;
    const seen = new Set<string>();
    return done
      .filter((t) => !seen.has(t.node_id) && seen.add(t.node_id))
      .map((t) => ({ nodeId: t.node_id, name: t.name, completedBy: t.completed_by }));
  }

  /** 退回: the task goes back to an earlier step, to the person who did it. */
  async returnTask(actor: Actor, taskId: string, input: { toNodeId?: string | undefined; comment: string }) {
    const { model } = await this.taskDefinition(taskId);
    let instanceId = '';
    await this.step(actor, async (tx, ctx) => {
      const task = await this.lockTask(tx, actor, taskId);
      const instance = await this.lockInstance(tx, task.instance_id);
      instanceId = instance.id;
      const targets = await this.returnTargets(tx, task);
      const target = input.toNodeId ? targets.find((t) => t.nodeId === input.toNodeId) : targets[0];
      if (!target) throw new ConflictError('workflow.return_not_possible', { toNodeId: input.toNodeId ?? null });
      await later(
        sql`update wf_tasks set status = 'cancelled', completed_by = ${actor.accountId}, completed_at = now() where id = ${taskId}`,
      ).execute(tx);
      await this.runtime.history(ctx, instance.id, 'task.return', task.node_id, {
        taskId,
        to: target.nodeId,
        toName: target.name,
        comment: input.comment,
      });
      await this.runtime.leave(ctx, model, task.node_id, task.token_id);
      await later(sql`update wf_tokens set node_id = ${target.nodeId}, status = 'waiting' where id = ${task.token_id}`).execute(tx);
      await this.runtime.createTask(ctx, instance, model.nodes[target.nodeId]!, task.token_id, {}, { assignee: target.completedBy });
      this.recordTask(ctx, 'workflow.task.return', task, { to: target.nodeId });
    });
    return this.stepAnswer(actor, taskId, instanceId);
  }

  async comment(actor: Actor, taskId: string, text: string) {
    const task = (await sql<TaskRow>`select * from wf_tasks where id = ${taskId}`.execute(this.db.kysely)).rows[0];
    if (!task) throw new NotFoundError('workflow.task_not_found', { taskId });
    const monitor = can(actor, 'workflow.monitor', { orgId: task.org_id, regionCode: task.region_code });
    if (!this.mayWork(actor, task) && task.completed_by !== actor.accountId && !monitor)
      throw new ForbiddenError('workflow.not_a_candidate', { taskId });
    await this.step(actor, async (tx, ctx) => {
      await this.runtime.history(ctx, task.instance_id, 'comment', task.node_id, { taskId, text });
      this.recordTask(ctx, 'workflow.task.comment', task);
    });
    return { at: new Date().toISOString(), actor: actor.displayName, text };
  }

  /** Someone working on the instance now: a candidate or assignee of one of its open tasks, or a monitor of its org. */
  private async mayHandleInstance(actor: Actor, instance: FullInstanceRow): Promise<boolean> {
    if (can(actor, 'workflow.monitor', { orgId: instance.org_id, regionCode: instance.region_code })) return true;
    const open = (await sql<TaskRow>`select * from wf_tasks where instance_id = ${instance.id} and status = 'open'`.execute(this.db.kysely))
      .rows;
    return open.some((t) => this.mayWork(actor, t));
  }

  /** 补正: a supplement is asked for and the deadline clock stops. */
  async requestSupplement(actor: Actor, instanceId: string, reason: string) {
    const current = await this.instanceRow(instanceId);
    if (!(await this.mayHandleInstance(actor, current))) throw new ForbiddenError('workflow.not_a_candidate', { instanceId });
    await this.step(actor, async (tx, ctx) => {
      const instance = await this.lockInstance(tx, instanceId);
      if (instance.status !== 'running') throw new ConflictError('workflow.instance_not_running', { status: instance.status });
      if (instance.clock_paused_at) throw new ConflictError('workflow.supplement_pending', { instanceId });
      await later(sql`update wf_instances set clock_paused_at = now(), supplement_reason = ${reason} where id = ${instanceId}`).execute(tx);
      await this.runtime.history(ctx, instanceId, 'supplement.request', null, { reason });
      this.recordInstance(ctx, 'workflow.supplement.request', instance);
    });
    return this.instance(actor, instanceId);
  }

  /** 补正 received: the clock runs again and the deadline moves by the working time it stood still. */
  async receiveSupplement(actor: Actor, instanceId: string, input: { variables: Variables; comment?: string | undefined }) {
    const current = await this.instanceRow(instanceId);
    const applicant = current.started_by !== null && current.started_by === actor.accountId;
    if (!applicant && !(await this.mayHandleInstance(actor, current))) throw new ForbiddenError('workflow.not_a_candidate', { instanceId });
    const calendar = await this.calendar.calendar();
    await this.step(actor, async (tx, ctx) => {
      const instance = await this.lockInstance(tx, instanceId);
      if (!instance.clock_paused_at) throw new ConflictError('workflow.no_supplement_pending', { instanceId });
      const now = new Date();
      const stood = calendar.workingMs(new Date(instance.clock_paused_at), now);
      const due = instance.due_at ? calendar.addWorkingMs(new Date(instance.due_at), stood) : null;
      const warnRow = (await sql<{ warn_at: string | null }>`select warn_at from wf_instances where id = ${instanceId}`.execute(tx))
        .rows[0];
      const warn = warnRow?.warn_at ? calendar.addWorkingMs(new Date(warnRow.warn_at), stood) : null;
      const variables = { ...instance.variables, ...input.variables };
      await later(sql`update wf_instances set clock_paused_at = null, supplement_reason = null, variables = ${JSON.stringify(variables)}::jsonb,
          due_at = ${due?.toISOString() ?? null}, warn_at = ${warn?.toISOString() ?? null} where id = ${instanceId}`).execute(tx);
      await this.runtime.history(ctx, instanceId, 'supplement.receive', null, {
        pausedWorkingHours: Math.round(stood / 360_000) / 10,
        ...(due ? { dueAt: due.toISOString() } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
        variables: Object.keys(input.variables),
      });
      this.recordInstance(ctx, 'workflow.supplement.receive', instance);
    });
    return this.instance(actor, instanceId);
  }

  /**
   * 撤回: the applicant takes back their own running application while `guard` — run in the
   * same transaction, after the instance is locked — allows it (a system: "not yet accepted").
   */
  async withdraw(actor: Actor, instanceId: string, reason: string, guard: (tx: Executor) => Promise<void>) {
    const current = await this.instanceRow(instanceId);
    if (current.started_by === null || current.started_by !== actor.accountId)
      throw new ForbiddenError('workflow.not_applicant', { instanceId });
    await this.step(actor, async (tx, ctx) => {
      const instance = await this.lockInstance(tx, instanceId);
      if (instance.status !== 'running') throw new ConflictError('workflow.instance_not_running', { status: instance.status });
      await guard(tx);
      await this.runtime.cancelInstance(ctx, instanceId, reason);
      this.recordInstance(ctx, 'workflow.instance.withdraw', instance);
    });
  }

  /** The step's audit entry about an instance (written with its history when the step ends). */
  private recordInstance(ctx: StepContext, action: string, instance: FullInstanceRow) {
    ctx.audit.push({
      actor: ctx.actor,
      action,
      targetType: 'wf_instance',
      targetId: instance.id,
      orgId: instance.org_id,
      regionCode: instance.region_code,
    });
  }

  /** Delivers a message to the oldest instance waiting for it with that correlation key. */
  async correlate(actor: Actor, input: { name: string; correlationKey?: string | undefined; variables: Variables }) {
    const key = input.correlationKey ?? null;
    const found = (
      await sql<{
        id: string;
        instance_id: string;
        definition_id: string;
        org_id: string;
        region_code: string;
      }>`select s.id, s.instance_id, i.definition_id, i.org_id, i.region_code from wf_subscriptions s join wf_instances i on i.id = s.instance_id
        where s.message_name = ${input.name} and s.correlation_key is not distinct from ${key} and s.status = 'waiting'
        order by s.created_at, s.id limit 1`.execute(this.db.kysely)
    ).rows[0];
    if (!found) throw new NotFoundError('workflow.no_subscription', { name: input.name, correlationKey: key });
    requirePermission(actor, 'workflow.start', { orgId: found.org_id, regionCode: found.region_code });
    const model = await this.model(await this.version(found.definition_id));
    await this.step(actor, async (tx, ctx) => {
      const subscription = (
        await sql<{
          status: string;
          token_id: string;
          node_id: string;
        }>`select status, token_id, node_id from wf_subscriptions where id = ${found.id} for update`.execute(tx)
      ).rows[0]!;
      if (subscription.status !== 'waiting') throw new ConflictError('workflow.message_taken', { name: input.name });
      const instance = await this.lockInstance(tx, found.instance_id);
      await later(sql`update wf_subscriptions set status = 'received' where id = ${found.id}`).execute(tx);
      instance.variables = { ...instance.variables, ...input.variables };
      await this.runtime.saveVariables(ctx, instance);
      await this.runtime.history(ctx, instance.id, 'message.receive', subscription.node_id, { message: input.name, correlationKey: key });
      const node = model.nodes[subscription.node_id]!;
      await this.runtime.advance(ctx, instance, model, this.runtime.departures(model, node, subscription.token_id));
      this.recordInstance(ctx, 'workflow.message.receive', instance);
    });
    return { instanceId: found.instance_id, delivered: true };
  }

  /**
   * Fires the timers that are due (after a restart too: they are rows). Each timer is its own
   * transaction; a timer another node took is skipped.
   */
  async fireDueTimers(now = new Date(), limit = 100): Promise<number> {
    const due = (
      await sql<{
        id: string;
        definition_id: string;
      }>`select t.id, i.definition_id from wf_timers t join wf_instances i on i.id = t.instance_id
        where t.status = 'pending' and t.fire_at <= ${now.toISOString()} order by t.fire_at, t.id limit ${limit}`.execute(this.db.kysely)
    ).rows;
    let fired = 0;
    for (const timer of due) {
      const model = await this.model(await this.version(timer.definition_id));
      const done = await this.step(systemActor, async (tx, ctx) => this.fireTimer(tx, ctx, model, timer.id, now));
      if (done) fired += 1;
    }
    return fired;
  }

  private async fireTimer(tx: Executor, ctx: StepContext, model: RunnableModel, timerId: string, now: Date): Promise<boolean> {
    const timer = (
      await sql<{
        instance_id: string;
        token_id: string;
        node_id: string;
        status: string;
        fire_at: string;
        repeats_left: number;
        interval_ms: string | null;
      }>`select * from wf_timers where id = ${timerId} for update skip locked`.execute(tx)
    ).rows[0];
    if (!timer || timer.status !== 'pending') return false;
    ctx.now = now;
    const instance = await this.lockInstance(tx, timer.instance_id);
    await later(sql`update wf_timers set status = 'fired' where id = ${timerId}`).execute(tx);
    if (instance.status !== 'running') return true;
    const node = model.nodes[timer.node_id]!;
    await this.runtime.history(ctx, instance.id, 'timer.fire', node.id, { scheduledFor: timer.fire_at });
    if (node.kind === 'timerCatch') {
      await this.runtime.advance(ctx, instance, model, this.runtime.departures(model, node, timer.token_id));
    } else if (node.boundary?.cancelActivity) {
      await this.runtime.cancelTokenWork(ctx, instance.id, timer.token_id, `boundary:${node.id}`);
      await this.runtime.advance(ctx, instance, model, this.runtime.departures(model, node, timer.token_id));
    } else {
      if (timer.repeats_left > 0 && timer.interval_ms) {
        const next = new Date(new Date(timer.fire_at).getTime() + Number(timer.interval_ms));
        await later(sql`insert into wf_timers (id, instance_id, token_id, node_id, fire_at, repeats_left, interval_ms, status)
          values (${newId('tmr')}, ${instance.id}, ${timer.token_id}, ${node.id}, ${next.toISOString()}, ${timer.repeats_left - 1}, ${timer.interval_ms}, 'pending')`).execute(
          tx,
        );
      }
      await this.runtime.advance(
        ctx,
        instance,
        model,
        node.outgoing.map((flowId) => ({ tokenId: newId('tok'), nodeId: model.flows[flowId]!.target, fresh: true })),
      );
    }
    return true;
  }

  /** 承诺时限: instances past 80% of their working time turn `warning`; past 100% `overdue`, and the org's leaders are told. */
  async checkDeadlines(now = new Date()): Promise<{ warned: number; overdue: number }> {
    const at = now.toISOString();
    const warned = (
      await sql<{ id: string }>`update wf_instances set time_state = 'warning'
        where status = 'running' and clock_paused_at is null and time_state = 'normal' and warn_at <= ${at} and due_at > ${at} returning id`.execute(
        this.db.kysely,
      )
    ).rows;
    for (const row of warned)
      await this.step(systemActor, async (_tx, ctx) => this.runtime.history(ctx, row.id, 'time.warning', null, { at }));
    const late = (
      await sql<{ id: string; org_id: string }>`select id, org_id from wf_instances
        where status = 'running' and clock_paused_at is null and time_state in ('normal', 'warning') and due_at <= ${at}`.execute(
        this.db.kysely,
      )
    ).rows;
    let overdue = 0;
    for (const row of late) {
      const leaders = await this.people.leadersOf(row.org_id);
      await this.step(systemActor, async (tx, ctx) => {
        const changed = await sql`update wf_instances set time_state = 'overdue' where id = ${row.id} and time_state <> 'overdue'`.execute(
          tx,
        );
        if (Number(changed.numAffectedRows ?? 0) === 0) return;
        overdue += 1;
        await this.runtime.history(ctx, row.id, 'time.overdue', null, { at });
        await this.runtime.history(ctx, row.id, 'time.escalate', null, { leaders: leaders.map((l) => l.displayName) });
        await emit(tx, 'workflow.instance.overdue', { instanceId: row.id, orgId: row.org_id, leaderIds: leaders.map((l) => l.id) });
      });
    }
    return { warned: warned.length, overdue };
  }

  private async instanceRow(instanceId: string): Promise<FullInstanceRow> {
    const row = (await sql<FullInstanceRow>`select * from wf_instances where id = ${instanceId}`.execute(this.db.kysely)).rows[0];
    if (!row) throw new NotFoundError('workflow.instance_not_found', { instanceId });
    return row;
  }

  /** A task as the one who just acted on it sees it (after 转办 or 退回 it may no longer be theirs). */
  private async taskAfterStep(taskId: string) {
    return toTaskView((await this.taskRow(taskId))!);
  }

  private async taskRow(taskId: string): Promise<TaskListRow | undefined> {
    return (
      await sql<TaskListRow>`select ${taskColumns} from wf_tasks t join wf_instances i on i.id = t.instance_id where t.id = ${taskId}`.execute(
        this.db.kysely,
      )
    ).rows[0];
  }

  /**
   * A task with its form, for those who may work it, did, or (read only, `mayAct: false`) monitor
   * its process — a leader reads it to attach a 批示 or open its 讨论群. `monitors: false` keeps
   * monitors out (prefills read other departments' data for whoever fills the form).
   */
  async task(actor: Actor, taskId: string, { monitors = true }: { monitors?: boolean } = {}) {
    const task = await this.taskRow(taskId);
    if (!task) throw new NotFoundError('workflow.task_not_found', { taskId });
    const mayWork = this.mayWork(actor, task);
    const monitoring = monitors && can(actor, 'workflow.monitor', { orgId: task.org_id, regionCode: task.region_code });
    if (!mayWork && task.completed_by !== actor.accountId && !monitoring) throw new ForbiddenError('workflow.not_a_candidate', { taskId });
    const view = toTaskView(task);
    const { form } = await this.taskDefinition(taskId);
    let taskForm: { schema: Record<string, unknown>; uiSchema: Record<string, unknown>; values: Variables } | null = null;
    if (form && task.form_key) {
      const { schema, part } = formPart(form.schema, task.form_key);
      const uiTasks = (form.uiSchema.tasks ?? {}) as Record<string, Record<string, unknown>>;
      // The whole application form starts from what the instance holds; a step's own part starts empty.
      const values = part ? {} : await this.formValues(task.instance_id, Object.keys((schema.properties as object | undefined) ?? {}));
      taskForm = { schema, uiSchema: uiTasks[task.form_key] ?? form.uiSchema, values };
    }
    const targets = task.status === 'open' ? await this.returnTargets(this.db.kysely, task) : [];
    return {
      ...view,
      mayAct: mayWork && task.status === 'open',
      form: taskForm,
      returnTargets: targets.map((t) => ({ nodeId: t.nodeId, name: t.name })),
    };
  }

  private async formValues(instanceId: string, fields: string[]): Promise<Variables> {
    const row = (await sql<{ variables: Variables }>`select variables from wf_instances where id = ${instanceId}`.execute(this.db.kysely))
      .rows[0];
    return Object.fromEntries(fields.filter((f) => row?.variables[f] !== undefined).map((f) => [f, row!.variables[f]]));
  }

  async prefill(actor: Actor, taskId: string) {
    const view = await this.task(actor, taskId, { monitors: false });
    return this.runPrefills(actor, view.itemId, view.form?.schema ?? null);
  }

  /** For an application about to start: the item's whole form, filled from what the platform knows of the applicant. */
  async prefillForItem(actor: Actor, itemId: string) {
    const { version, form } = await this.latestDeployed(itemId);
    requirePermission(actor, 'workflow.start', { orgId: version.orgId, regionCode: version.regionCode });
    return this.runPrefills(actor, itemId, form?.schema ?? null);
  }

  private async runPrefills(actor: Actor, itemId: string, schema: Record<string, unknown> | null) {
    const values: Variables = {};
    const sources: string[] = [];
    for (const hook of this.prefills) {
      const result = await hook({ actor, itemId, schema });
      Object.assign(values, result.values);
      sources.push(result.source);
    }
    return { values, sources };
  }

  /** 我的待办: open tasks the actor may work on, by deadline, then oldest first. */
  async myTasks(actor: Actor) {
    requirePermission(actor, 'workbench.use');
    const rows = (
      await sql<TaskListRow>`select ${taskColumns} from wf_tasks t join wf_instances i on i.id = t.instance_id
      where t.status = 'open' order by i.due_at nulls last, t.created_at, t.id limit 2000`.execute(this.db.kysely)
    ).rows;
    return {
      items: rows
        .filter((t) => this.mayWork(actor, t))
        .slice(0, 500)
        .map(toTaskView),
      nextCursor: null,
    };
  }

  /** For the Console viewer: instances in the viewer's scope, newest first. */
  async instances(
    actor: Actor,
    query: {
      itemId?: string | undefined;
      definitionId?: string | undefined;
      status?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    const scope = requireScope(actor, 'workflow.monitor');
    const conditions = [sql`true`];
    if (!scope.all) {
      const byRegion = scope.regionCodes.map((code) => sql`i.region_code like ${`${regionPrefix(code)}%`}`);
      const byOrg = scope.orgIds.length ? [sql`i.org_id in (${sql.join(scope.orgIds)})`] : [];
      conditions.push(sql`(${sql.join([...byRegion, ...byOrg], sql` or `)})`);
    }
    if (query.itemId) conditions.push(sql`i.item_id = ${query.itemId}`);
    if (query.definitionId) conditions.push(sql`i.definition_id = ${query.definitionId}`);
    if (query.status) conditions.push(sql`i.status = ${query.status}`);
    if (query.cursor) conditions.push(afterTimeCursor(query.cursor, sql.ref('i.started_at'), sql.ref('i.id')));
    const rows = (
      await sql<FullInstanceRow & { last_change_at: string; definition_key: string }>`select i.*,
          (select max(h.at) from wf_history h where h.instance_id = i.id) as last_change_at
        from wf_instances i where ${sql.join(conditions, sql` and `)}
        order by ${newestFirst(sql.ref('i.started_at'), sql.ref('i.id'))} limit ${query.limit + 1}`.execute(this.db.kysely)
    ).rows;
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        itemId: row.item_id,
        itemName: row.item_name,
        businessKey: row.business_key,
        status: row.status,
        definitionId: row.definition_id,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        lastChangeAt: row.last_change_at,
        dueAt: row.due_at,
        timeState: row.clock_paused_at ? 'paused' : row.time_state,
      })),
      nextCursor: rows.length > query.limit ? timeCursorOf(page.at(-1)!.started_at, page.at(-1)!.id) : null,
    };
  }

  /**
   * Who may read an instance: its applicant; a monitor over its organisation; staff of its own
   * organisation; and staff of another one only while they work or worked on one of its tasks
   * (会签) — region-wide roles do not open other departments' applications.
   */
  private async mayView(actor: Actor, row: FullInstanceRow): Promise<boolean> {
    if (row.started_by !== null && row.started_by === actor.accountId) return true;
    const where = { orgId: row.org_id, regionCode: row.region_code };
    if (can(actor, 'workflow.monitor', where)) return true;
    if (!can(actor, 'workbench.use', where)) return false;
    if (actor.orgId === row.org_id || actor.kind === 'app') return true;
    const me = actor.accountId ?? '';
    const involved = await sql`select 1 from wf_tasks where instance_id = ${row.id} and (assignee = ${me} or completed_by = ${me}
      or candidate_users ? ${me} or candidate_orgs ? ${actor.orgId ?? ''}) limit 1`.execute(this.db.kysely);
    return involved.rows.length > 0;
  }

  async instance(actor: Actor, instanceId: string) {
    // The instance with where it waits, its open tasks and its history: one round trip.
    const row = (
      await sql<
        FullInstanceRow & {
          tokens: { node_id: string }[];
          open: { id: string; node_id: string; name: string }[];
          history: { at: string; actor_name: string; action: string; node_id: string | null; details: unknown }[];
        }
      >`select i.*,
          coalesce((select json_agg(json_build_object('node_id', k.node_id) order by k.created_at, k.id)
            from wf_tokens k where k.instance_id = i.id and k.status <> 'done'), '[]'::json) as tokens,
          coalesce((select json_agg(json_build_object('id', t.id, 'node_id', t.node_id, 'name', t.name) order by t.created_at, t.id)
            from wf_tasks t where t.instance_id = i.id and t.status = 'open'), '[]'::json) as open,
          coalesce((select json_agg(json_build_object('at', to_char(h.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'actor_name', h.actor_name, 'action', h.action, 'node_id', h.node_id, 'details', h.details) order by h.seq)
            from wf_history h where h.instance_id = i.id), '[]'::json) as history
        from wf_instances i where i.id = ${instanceId}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('workflow.instance_not_found', { instanceId });
    if (!(await this.mayView(actor, row))) throw new ForbiddenError('access.forbidden', { permission: 'workbench.use' });
    const version = await this.version(row.definition_id);
    const { tokens, open, history } = row;
    const active = tokens.map((t) => t.node_id);
    const passed = ['task.complete', 'service.run', 'node.end', 'node.join', 'timer.fire', 'message.receive', 'call.end'];
    const model = await this.model(version);
    const completed = new Set(history.filter((h) => h.node_id && passed.includes(h.action)).map((h) => h.node_id!));
    for (const id of model.startNodeIds) completed.add(id);
    return {
      id: row.id,
      itemId: row.item_id,
      itemName: row.item_name ?? version.itemName,
      processVersion: version.version,
      businessKey: row.business_key,
      parentInstanceId: row.parent_instance_id,
      status: row.status,
      variables: row.variables,
      activeNodeIds: active,
      completedNodeIds: [...completed].filter((id) => !active.includes(id)),
      openTasks: open.map((t) => ({ id: t.id, nodeId: t.node_id, name: t.name })),
      dueAt: row.due_at,
      timeState: row.clock_paused_at ? 'paused' : row.time_state,
      clockPaused: Boolean(row.clock_paused_at),
      supplementReason: row.supplement_reason,
      definitionId: row.definition_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      lastChangeAt: history.at(-1)?.at ?? row.started_at,
      history: history.map((h) => ({
        at: h.at,
        actor: h.actor_name,
        action: h.action,
        nodeId: h.node_id,
        nodeName: h.node_id ? (model.nodes[h.node_id]?.name ?? null) : null,
        details: h.details,
      })),
    };
  }

  /** Stops a running instance: its tasks, timers, subscriptions and child instances end with it. */
  async stop(actor: Actor, instanceId: string, reason: string) {
    const current = await this.instanceRow(instanceId);
    requirePermission(actor, 'model.manage', { orgId: current.org_id, regionCode: current.region_code });
    await this.step(actor, async (tx, ctx) => {
      const instance = await this.lockInstance(tx, instanceId);
      if (instance.status !== 'running') throw new ConflictError('workflow.instance_not_running', { status: instance.status });
      await this.runtime.cancelInstance(ctx, instanceId, reason);
      this.recordInstance(ctx, 'workflow.instance.stop', instance);
    });
    return this.instance(actor, instanceId);
  }

  /** The BPMN XML this instance runs, for the viewer. */
  async diagram(actor: Actor, instanceId: string): Promise<string> {
    const row = await this.instanceRow(instanceId);
    if (!(await this.mayView(actor, row))) throw new ForbiddenError('access.forbidden', { permission: 'workbench.use' });
    return (await this.version(row.definition_id)).bpmnXml;
  }

  /** Whether the actor may read an attachment bound to this instance. */
  async mayReadInstance(actor: Actor, instanceId: string): Promise<boolean> {
    const row = (await sql<FullInstanceRow>`select * from wf_instances where id = ${instanceId}`.execute(this.db.kysely)).rows[0];
    return Boolean(row && (await this.mayView(actor, row)));
  }
}

function toTaskView(task: TaskListRow) {
  return {
    id: task.id,
    instanceId: task.instance_id,
    nodeId: task.node_id,
    name: task.name,
    itemId: task.item_id,
    itemName: task.item_name,
    businessKey: task.business_key,
    orgId: task.org_id,
    assignee: task.assignee,
    candidateGroups: task.candidate_groups,
    status: task.status,
    formKey: task.form_key,
    createdAt: task.created_at,
    dueAt: task.due_at,
    timeState: task.clock_paused_at ? 'paused' : task.time_state,
    multiInstance: task.mi_total ? { index: task.mi_index, total: task.mi_total } : null,
  };
}
