import { sql } from 'kysely';
import {
  AppError,
  can,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  requirePermission,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { readBpmn, type ProcessModel, type ProcessNode } from './bpmn-model.ts';
import type { Variables } from './expressions.ts';

/** Where the engine gets deployed processes: wired by the composition root to the items module. */
export interface DefinitionSource {
  latestProcess(itemId: string): Promise<ProcessVersion | undefined>;
  processById(definitionId: string): Promise<ProcessVersion | undefined>;
}
export interface ProcessVersion {
  definitionId: string;
  itemId: string;
  itemName: string;
  version: number;
  bpmnXml: string;
  orgId: string;
  regionCode: string;
}

/** A service task's code: runs inside the step's transaction; `key` is the same on a retry. */
export type ServiceHandler = (context: {
  tx: Executor;
  key: string;
  instanceId: string;
  variables: Variables;
}) => Promise<Variables | void>;

/** What this step of the engine runs; the rest deploys but cannot be started yet. */
const runnable = new Set(['startEvent', 'endEvent', 'userTask', 'serviceTask', 'exclusiveGateway', 'parallelGateway']);

interface InstanceRow {
  id: string;
  definition_id: string;
  org_id: string;
  region_code: string;
  status: string;
  variables: Variables;
}
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
}

export class WorkflowEngine {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly definitions: DefinitionSource;
  private readonly handlers = new Map<string, ServiceHandler>();
  private readonly models = new Map<string, ProcessModel>();

  constructor(db: Database, audit: AuditLog, definitions: DefinitionSource) {
    this.db = db;
    this.audit = audit;
    this.definitions = definitions;
  }

  /** Modules register the service tasks they offer (notification, signature, gateway call …). */
  registerHandler(name: string, handler: ServiceHandler): void {
    this.handlers.set(name, handler);
  }

  private async model(version: ProcessVersion): Promise<ProcessModel> {
    let model = this.models.get(version.definitionId);
    if (!model) {
      const read = await readBpmn(version.bpmnXml);
      if (!read.model) throw new AppError(409, 'workflow.definition_unreadable', { definitionId: version.definitionId });
      model = read.model;
      this.models.set(version.definitionId, model);
    }
    return model;
  }

  async start(actor: Actor, input: { itemId: string; businessKey?: string | undefined; variables: Variables }) {
    const version = await this.definitions.latestProcess(input.itemId);
    if (!version) throw new NotFoundError('workflow.no_process', { itemId: input.itemId });
    requirePermission(actor, 'workflow.start', { orgId: version.orgId, regionCode: version.regionCode });
    const model = await this.model(version);
    const notYet = Object.values(model.nodes).filter((n) => !runnable.has(n.kind) || n.userTask?.multiInstance);
    if (notYet.length)
      throw new ValidationError('workflow.not_yet_runnable', { elements: notYet.map((n) => ({ elementId: n.id, kind: n.kind })) });
    for (const node of Object.values(model.nodes)) {
      if (node.serviceTask && !this.handlers.has(node.serviceTask.handler))
        throw new ValidationError('workflow.unknown_handler', { elementId: node.id, handler: node.serviceTask.handler });
    }
    const id = newId('wfi');
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into wf_instances (id, definition_id, item_id, org_id, region_code, business_key, status, variables, started_by)
        values (${id}, ${version.definitionId}, ${version.itemId}, ${version.orgId}, ${version.regionCode}, ${input.businessKey ?? null}, 'running', ${JSON.stringify(input.variables)}::jsonb, ${actor.accountId})`.execute(
        tx,
      );
      await this.history(tx, id, actor, 'instance.start', null, { version: version.version, item: version.itemName });
      const instance: InstanceRow = {
        id,
        definition_id: version.definitionId,
        org_id: version.orgId,
        region_code: version.regionCode,
        status: 'running',
        variables: input.variables,
      };
      await this.advance(
        tx,
        instance,
        model,
        model.startNodeIds.map((nodeId) => ({ tokenId: newId('tok'), nodeId, fresh: true })),
        actor,
      );
      await this.audit.record(
        {
          actor,
          action: 'workflow.instance.start',
          targetType: 'wf_instance',
          targetId: id,
          orgId: version.orgId,
          regionCode: version.regionCode,
          details: { itemId: version.itemId, version: version.version },
        },
        tx,
      );
    });
    return this.instance(actor, id);
  }

  /**
   * Moves tokens forward until each waits (a user task) or ends. Runs inside the caller's
   * transaction, so a step is all or nothing.
   */
  private async advance(
    tx: Executor,
    instance: InstanceRow,
    model: ProcessModel,
    arrivals: { tokenId: string; nodeId: string; fresh?: boolean }[],
    actor: Actor,
  ): Promise<void> {
    const queue = [...arrivals];
    while (queue.length) {
      const { tokenId, nodeId, fresh } = queue.shift()!;
      const node = model.nodes[nodeId]!;
      if (fresh)
        await sql`insert into wf_tokens (id, instance_id, node_id, status) values (${tokenId}, ${instance.id}, ${nodeId}, 'waiting')`.execute(
          tx,
        );
      else await sql`update wf_tokens set node_id = ${nodeId}, status = 'waiting' where id = ${tokenId}`.execute(tx);
      const moveOn = (flowIds: string[]) => {
        flowIds.forEach((flowId, i) =>
          queue.push({ tokenId: i === 0 ? tokenId : newId('tok'), nodeId: model.flows[flowId]!.target, fresh: i !== 0 }),
        );
      };
      switch (node.kind) {
        case 'startEvent':
          moveOn(node.outgoing);
          break;
        case 'endEvent':
          await sql`update wf_tokens set status = 'done' where id = ${tokenId}`.execute(tx);
          await this.history(tx, instance.id, actor, 'node.end', node.id);
          break;
        case 'userTask':
          await this.createTask(tx, instance, node, tokenId);
          await this.history(tx, instance.id, actor, 'task.create', node.id, { name: node.name });
          break;
        case 'serviceTask': {
          const key = `${instance.id}:${tokenId}:${node.id}`;
          const claimed =
            await sql`insert into wf_effects (key, handler) values (${key}, ${node.serviceTask!.handler}) on conflict do nothing`.execute(
              tx,
            );
          if (Number(claimed.numAffectedRows ?? 0) === 1) {
            const output = await this.handlers.get(node.serviceTask!.handler)!({
              tx,
              key,
              instanceId: instance.id,
              variables: instance.variables,
            });
            if (output) {
              instance.variables = { ...instance.variables, ...output };
              await sql`update wf_instances set variables = ${JSON.stringify(instance.variables)}::jsonb where id = ${instance.id}`.execute(
                tx,
              );
            }
          }
          await this.history(tx, instance.id, actor, 'service.run', node.id, { handler: node.serviceTask!.handler });
          moveOn(node.outgoing);
          break;
        }
        case 'exclusiveGateway': {
          if (node.outgoing.length === 1) {
            moveOn(node.outgoing);
            break;
          }
          const chosen =
            node.outgoing.find((f) => f !== node.defaultFlow && model.flows[f]!.condition?.evaluate(instance.variables) === true) ??
            node.defaultFlow;
          if (!chosen) {
            await this.fail(tx, instance, actor, node, 'no_branch');
            return;
          }
          moveOn([chosen]);
          break;
        }
        case 'parallelGateway': {
          if (node.incoming.length > 1) {
            await sql`update wf_tokens set status = 'arrived' where id = ${tokenId}`.execute(tx);
            const arrived = (
              await sql<{
                id: string;
              }>`select id from wf_tokens where instance_id = ${instance.id} and node_id = ${node.id} and status = 'arrived' order by created_at, id`.execute(
                tx,
              )
            ).rows;
            if (arrived.length < node.incoming.length) break; // wait for the other branches
            const [keep, ...merged] = arrived.slice(0, node.incoming.length);
            if (merged.length)
              await sql`update wf_tokens set status = 'done' where id in (${sql.join(merged.map((t) => t.id))})`.execute(tx);
            await this.history(tx, instance.id, actor, 'node.join', node.id);
            node.outgoing.forEach((flowId, i) =>
              queue.push({ tokenId: i === 0 ? keep!.id : newId('tok'), nodeId: model.flows[flowId]!.target, fresh: i !== 0 }),
            );
            break;
          }
          moveOn(node.outgoing);
          break;
        }
        default:
          await this.fail(tx, instance, actor, node, 'not_runnable');
          return;
      }
    }
    const live = await sql<{
      n: string;
    }>`select count(*) as n from wf_tokens where instance_id = ${instance.id} and status <> 'done'`.execute(tx);
    if (Number(live.rows[0]!.n) === 0) {
      await sql`update wf_instances set status = 'completed', ended_at = now() where id = ${instance.id}`.execute(tx);
      await this.history(tx, instance.id, actor, 'instance.complete', null);
    }
  }

  private async fail(tx: Executor, instance: InstanceRow, actor: Actor, node: ProcessNode, reason: string): Promise<void> {
    await sql`update wf_instances set status = 'failed', ended_at = now() where id = ${instance.id}`.execute(tx);
    await this.history(tx, instance.id, actor, 'instance.fail', node.id, { reason });
  }

  private async createTask(tx: Executor, instance: InstanceRow, node: ProcessNode, tokenId: string): Promise<void> {
    const task = node.userTask!;
    const resolve = (value: string | null) => {
      const match = value ? /^\$\{\s*([A-Za-z_]\w*)\s*\}$/.exec(value) : null;
      return match ? String(instance.variables[match[1]!] ?? '') || null : value;
    };
    await sql`insert into wf_tasks (id, instance_id, token_id, node_id, name, org_id, region_code, candidate_groups, candidate_orgs, candidate_users, assignee, form_key, status)
      values (${newId('task')}, ${instance.id}, ${tokenId}, ${node.id}, ${node.name}, ${instance.org_id}, ${instance.region_code},
        ${JSON.stringify(task.candidateGroups)}::jsonb, ${JSON.stringify(task.candidateOrgs)}::jsonb, ${JSON.stringify(task.candidateUsers.map((u) => resolve(u)).filter(Boolean))}::jsonb,
        ${resolve(task.assignee)}, ${task.formKey}, 'open')`.execute(tx);
  }

  private async history(
    tx: Executor,
    instanceId: string,
    actor: Actor,
    action: string,
    nodeId: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await sql`insert into wf_history (instance_id, actor_id, actor_name, action, node_id, details)
      values (${instanceId}, ${actor.accountId ?? actor.clientId}, ${actor.displayName}, ${action}, ${nodeId}, ${JSON.stringify(details)}::jsonb)`.execute(
      tx,
    );
  }

  /** A candidate: the assignee; or, unassigned, a named user, a holder of a candidate role, or staff of a candidate org — in the task's region. */
  private mayWork(actor: Actor, task: TaskRow): boolean {
    if (!can(actor, 'workbench.use', { regionCode: task.region_code, orgId: task.org_id })) return false;
    const who = actor.accountId ?? '';
    if (task.assignee) return task.assignee === who;
    return this.isCandidate(actor, task);
  }

  /** Named as a candidate user (account id), holds a candidate role, or works in a candidate organisation. */
  private isCandidate(actor: Actor, task: TaskRow): boolean {
    const who = actor.accountId ?? '';
    if (task.candidate_users.includes(who)) return true;
    if (actor.orgId && task.candidate_orgs.includes(actor.orgId)) return true;
    const roles = new Set(actor.grants.map((g) => g.role));
    return task.candidate_groups.some((g) => roles.has(g));
  }

  private async lockTask(tx: Executor, actor: Actor, taskId: string): Promise<TaskRow> {
    const task = (await sql<TaskRow>`select * from wf_tasks where id = ${taskId} for update`.execute(tx)).rows[0];
    if (!task) throw new NotFoundError('workflow.task_not_found', { taskId });
    const inRegion = can(actor, 'workbench.use', { regionCode: task.region_code, orgId: task.org_id });
    const mine = task.assignee === actor.accountId;
    if (!inRegion || (!mine && !this.isCandidate(actor, task))) throw new ForbiddenError('workflow.not_a_candidate', { taskId });
    if (task.assignee && !mine) throw new ConflictError('workflow.task_claimed', { taskId });
    if (task.status !== 'open') throw new ConflictError('workflow.task_closed', { taskId, status: task.status });
    return task;
  }

  async claim(actor: Actor, taskId: string, claim: boolean) {
    await this.db.kysely.transaction().execute(async (tx) => {
      const task = await this.lockTask(tx, actor, taskId);
      if (claim && task.assignee && task.assignee !== actor.accountId) throw new ConflictError('workflow.task_claimed', { taskId });
      await sql`update wf_tasks set assignee = ${claim ? actor.accountId : null} where id = ${taskId}`.execute(tx);
      await this.history(tx, task.instance_id, actor, claim ? 'task.claim' : 'task.unclaim', task.node_id);
      await this.audit.record(
        {
          actor,
          action: claim ? 'workflow.task.claim' : 'workflow.task.unclaim',
          targetType: 'wf_task',
          targetId: taskId,
          orgId: task.org_id,
          regionCode: task.region_code,
        },
        tx,
      );
    });
    return this.task(actor, taskId);
  }

  /** Completes a task with its form data; the instance moves on in the same transaction. */
  async complete(actor: Actor, taskId: string, variables: Variables) {
    // The definition is read before the transaction: on PGlite a read beside it would wait forever.
    const found = (
      await sql<{
        definition_id: string;
      }>`select i.definition_id from wf_tasks t join wf_instances i on i.id = t.instance_id where t.id = ${taskId}`.execute(this.db.kysely)
    ).rows[0];
    if (!found) throw new NotFoundError('workflow.task_not_found', { taskId });
    const version = await this.definitions.processById(found.definition_id);
    if (!version) throw new NotFoundError('workflow.no_process', { definitionId: found.definition_id });
    const model = await this.model(version);
    await this.db.kysely.transaction().execute(async (tx) => {
      const task = await this.lockTask(tx, actor, taskId);
      const instance = (
        await sql<InstanceRow>`select id, definition_id, org_id, region_code, status, variables from wf_instances where id = ${task.instance_id} for update`.execute(
          tx,
        )
      ).rows[0]!;
      instance.variables = { ...instance.variables, ...variables };
      await sql`update wf_instances set variables = ${JSON.stringify(instance.variables)}::jsonb where id = ${instance.id}`.execute(tx);
      await sql`update wf_tasks set status = 'completed', completed_by = ${actor.accountId}, completed_at = now(), data = ${JSON.stringify(variables)}::jsonb where id = ${taskId}`.execute(
        tx,
      );
      await this.history(tx, instance.id, actor, 'task.complete', task.node_id, { variables: Object.keys(variables) });
      const node = model.nodes[task.node_id]!;
      const next = node.outgoing.map((flowId, i) => ({
        tokenId: i === 0 ? task.token_id : newId('tok'),
        nodeId: model.flows[flowId]!.target,
        fresh: i !== 0,
      }));
      await this.advance(tx, instance, model, next, actor);
      await this.audit.record(
        {
          actor,
          action: 'workflow.task.complete',
          targetType: 'wf_task',
          targetId: taskId,
          orgId: task.org_id,
          regionCode: task.region_code,
        },
        tx,
      );
    });
    const view = await this.task(actor, taskId);
    const next = await this.instance(actor, view.instanceId);
    return { ...view, instanceStatus: next.status, nextTasks: next.openTasks };
  }

  async task(actor: Actor, taskId: string) {
    const task = (await sql<TaskRow>`select * from wf_tasks where id = ${taskId}`.execute(this.db.kysely)).rows[0];
    if (!task) throw new NotFoundError('workflow.task_not_found', { taskId });
    if (!this.mayWork(actor, task) && task.completed_by !== actor.accountId)
      throw new ForbiddenError('workflow.not_a_candidate', { taskId });
    return toTaskView(task);
  }

  /** 我的待办: open tasks the actor may work on, oldest first. */
  async myTasks(actor: Actor) {
    requirePermission(actor, 'workbench.use');
    const rows = (
      await sql<TaskRow & { item_id: string }>`select t.*, i.item_id from wf_tasks t join wf_instances i on i.id = t.instance_id
      where t.status = 'open' order by t.created_at, t.id limit 500`.execute(this.db.kysely)
    ).rows;
    return { items: rows.filter((t) => this.mayWork(actor, t)).map(toTaskView), nextCursor: null };
  }

  async instance(actor: Actor, instanceId: string) {
    const row = (
      await sql<
        InstanceRow & { item_id: string; started_at: string; ended_at: string | null }
      >`select * from wf_instances where id = ${instanceId}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('workflow.instance_not_found', { instanceId });
    requirePermission(actor, 'workbench.use', { orgId: row.org_id, regionCode: row.region_code });
    const tokens = (
      await sql<{
        node_id: string;
      }>`select node_id from wf_tokens where instance_id = ${instanceId} and status <> 'done' order by created_at`.execute(this.db.kysely)
    ).rows;
    const open = (
      await sql<{ id: string; node_id: string; name: string }>`select id, node_id, name from wf_tasks
        where instance_id = ${instanceId} and status = 'open' order by created_at, id`.execute(this.db.kysely)
    ).rows;
    const history = (
      await sql<{
        at: string;
        actor_name: string;
        action: string;
        node_id: string | null;
        details: unknown;
      }>`select at, actor_name, action, node_id, details
      from wf_history where instance_id = ${instanceId} order by seq`.execute(this.db.kysely)
    ).rows;
    return {
      id: row.id,
      itemId: row.item_id,
      status: row.status,
      variables: row.variables,
      activeNodeIds: tokens.map((t) => t.node_id),
      openTasks: open.map((t) => ({ id: t.id, nodeId: t.node_id, name: t.name })),
      startedAt: row.started_at,
      endedAt: row.ended_at,
      history: history.map((h) => ({ at: h.at, actor: h.actor_name, action: h.action, nodeId: h.node_id, details: h.details })),
    };
  }
}

function toTaskView(task: TaskRow) {
  return {
    id: task.id,
    instanceId: task.instance_id,
    nodeId: task.node_id,
    name: task.name,
    orgId: task.org_id,
    assignee: task.assignee,
    candidateGroups: task.candidate_groups,
    status: task.status,
    formKey: task.form_key,
    createdAt: task.created_at,
  };
}
