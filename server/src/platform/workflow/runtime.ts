import { sql } from 'kysely';
import { later, newId, type Actor, type Executor } from '../../kernel/index.ts';
import type { AuditInput, AuditLog } from '../audit/index.ts';
import type { ProcessModel, ProcessNode, Timer } from './bpmn-model.ts';
import { addDuration, parseCycle, parseDuration } from './durations.ts';
import { compileExpression, type Variables } from './expressions.ts';

/** Where the engine gets deployed processes and forms: wired by the composition root to the items module. */
export interface DefinitionSource {
  latestProcess(itemId: string, db?: Executor): Promise<ProcessVersion | undefined>;
  latestVersionIds(itemId: string, db?: Executor): Promise<{ processId: string | null; formId: string | null }>;
  latestProcessByKey(processKey: string, db?: Executor): Promise<ProcessVersion | undefined>;
  processById(definitionId: string, db?: Executor): Promise<ProcessVersion | undefined>;
  formById(formVersionId: string, db?: Executor): Promise<FormVersion | undefined>;
}
export interface ProcessVersion {
  definitionId: string;
  itemId: string;
  itemName: string;
  version: number;
  bpmnXml: string;
  orgId: string;
  regionCode: string;
  /** 承诺时限 in working days, from the item's profile */
  timeLimitDays: number | null;
}
export interface FormVersion {
  formVersionId: string;
  version: number;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** A service task's code: runs inside the step's transaction; `key` is the same on a retry. */
export type ServiceHandler = (context: {
  tx: Executor;
  key: string;
  instanceId: string;
  variables: Variables;
}) => Promise<Variables | void>;

export interface InstanceRow {
  id: string;
  definition_id: string;
  item_id: string;
  org_id: string;
  region_code: string;
  business_key: string | null;
  status: string;
  variables: Variables;
  parent_instance_id: string | null;
  parent_token_id: string | null;
}

export interface MultiState {
  total: number;
  completed: number;
  active: number;
  approved: number;
  rejected: number;
  items: unknown[] | null;
  next: number;
}

/** A loaded model with what the engine asks of it often, worked out once. */
export interface RunnableModel extends ProcessModel {
  /** boundary event ids by the activity they are attached to */
  boundaries: Record<string, string[]>;
  /** for inclusive joins: the nodes from which each node can be reached */
  reachableFrom: Record<string, Set<string>>;
}

export function indexModel(model: ProcessModel): RunnableModel {
  const boundaries: Record<string, string[]> = {};
  for (const node of Object.values(model.nodes)) if (node.boundary) (boundaries[node.boundary.attachedTo] ??= []).push(node.id);
  const reachableFrom: Record<string, Set<string>> = {};
  for (const node of Object.values(model.nodes)) {
    if (node.kind !== 'inclusiveGateway' || node.incoming.length < 2) continue;
    const seen = new Set<string>();
    const stack = node.incoming.map((f) => model.flows[f]!.source);
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || id === node.id) continue;
      seen.add(id);
      const current = model.nodes[id]!;
      stack.push(...current.incoming.map((f) => model.flows[f]!.source));
      if (current.boundary) stack.push(current.boundary.attachedTo);
      for (const b of boundaries[id] ?? []) if (!seen.has(b)) stack.push(...model.nodes[b]!.incoming);
    }
    reachableFrom[node.id] = seen;
  }
  return { ...model, boundaries, reachableFrom };
}

export class WorkflowFailure extends Error {
  readonly reason: string;
  readonly nodeId: string;
  constructor(nodeId: string, reason: string) {
    super(reason);
    this.reason = reason;
    this.nodeId = nodeId;
  }
}

/** What one transaction of the engine needs. */
export interface StepContext {
  tx: Executor;
  actor: Actor;
  now: Date;
  /** tasks opened during this step, for the answer */
  opened: { id: string; instanceId: string; nodeId: string; name: string }[];
  /** tasks cancelled during this step (besides the one a `complete` closes), for the answer */
  closed: Set<string>;
  depth: number;
  /** instances that got something to wait on in this step (a task, a timer …): they cannot have ended */
  waiting: Set<string>;
  /** history entries of this step, written together when it ends */
  history: { instanceId: string; action: string; nodeId: string | null; details: Record<string, unknown> }[];
  /** audit entries of this step, written with its history */
  audit: AuditInput[];
}

export function newStepContext(tx: Executor, actor: Actor): StepContext {
  return { tx, actor, now: new Date(), opened: [], closed: new Set(), depth: 0, waiting: new Set(), history: [], audit: [] };
}

interface Arrival {
  tokenId: string;
  nodeId: string;
  fresh?: boolean;
}

/**
 * Moves tokens through a process inside the caller's transaction: each call either changes
 * rows consistently or throws and changes nothing. Waits are rows: tasks, timers, message
 * subscriptions, child instances.
 */
export class Runtime {
  private readonly definitions: DefinitionSource;
  private readonly handlers: Map<string, ServiceHandler>;
  private readonly models: (version: ProcessVersion) => Promise<RunnableModel>;
  private readonly audit: AuditLog;

  constructor(
    definitions: DefinitionSource,
    handlers: Map<string, ServiceHandler>,
    models: (version: ProcessVersion) => Promise<RunnableModel>,
    audit: AuditLog,
  ) {
    this.definitions = definitions;
    this.handlers = handlers;
    this.models = models;
    this.audit = audit;
  }

  async history(ctx: StepContext, instanceId: string, action: string, nodeId: string | null, details: Record<string, unknown> = {}) {
    ctx.history.push({ instanceId, action, nodeId, details });
  }

  /**
   * Ends a step's writing: its history and audit entries go in as one statement (the history
   * insert with the audit insert as its CTE), held for the COMMIT's write (kernel `later`).
   */
  async finish(ctx: StepContext): Promise<void> {
    const { history, audit } = ctx;
    ctx.history = [];
    ctx.audit = [];
    const who = ctx.actor.accountId ?? ctx.actor.clientId;
    const historyInsert = history.length
      ? sql`insert into wf_history (instance_id, actor_id, actor_name, action, node_id, details) values ${sql.join(
          history.map(
            (h) => sql`(${h.instanceId}, ${who}, ${ctx.actor.displayName}, ${h.action}, ${h.nodeId}, ${JSON.stringify(h.details)}::jsonb)`,
          ),
        )}`
      : undefined;
    const auditInsert = audit.length ? this.audit.insertStatement(audit) : undefined;
    const statement = historyInsert && auditInsert ? sql`with w0 as (${historyInsert}) ${auditInsert}` : (historyInsert ?? auditInsert);
    if (statement) await later(statement).execute(ctx.tx);
  }

  async saveVariables(ctx: StepContext, instance: InstanceRow): Promise<void> {
    await later(sql`update wf_instances set variables = ${JSON.stringify(instance.variables)}::jsonb where id = ${instance.id}`).execute(
      ctx.tx,
    );
  }

  /** Tokens leave `node` along its outgoing flows (the first keeps the token's id). */
  departures(model: RunnableModel, node: ProcessNode, tokenId: string): Arrival[] {
    return node.outgoing.map((flowId, i) => ({
      tokenId: i === 0 ? tokenId : newId('tok'),
      nodeId: model.flows[flowId]!.target,
      fresh: i !== 0,
    }));
  }

  /** A token leaves an activity: the boundary timers waiting on it go. */
  async leave(ctx: StepContext, model: RunnableModel, nodeId: string, tokenId: string): Promise<void> {
    if (model.boundaries[nodeId]?.length)
      await later(sql`update wf_timers set status = 'cancelled' where token_id = ${tokenId} and status = 'pending'`).execute(ctx.tx);
  }

  /**
   * Moves tokens forward until each waits or ends, then completes the instance when no token
   * is left. A failure (no branch, a bad collection) marks the instance failed.
   */
  async advance(ctx: StepContext, instance: InstanceRow, model: RunnableModel, arrivals: Arrival[]): Promise<void> {
    try {
      await this.run(ctx, instance, model, arrivals);
    } catch (error) {
      if (!(error instanceof WorkflowFailure)) throw error;
      await later(sql`update wf_instances set status = 'failed', ended_at = now() where id = ${instance.id}`).execute(ctx.tx);
      await this.history(ctx, instance.id, 'instance.fail', error.nodeId, { reason: error.reason });
      instance.status = 'failed';
      return;
    }
    await this.settle(ctx, instance, model);
  }

  private async run(ctx: StepContext, instance: InstanceRow, model: RunnableModel, arrivals: Arrival[]): Promise<void> {
    const queue = [...arrivals];
    // A token's row is written where it stops (a wait, a join, an end), not at every node it passes.
    const unwritten = new Set(arrivals.filter((a) => a.fresh).map((a) => a.tokenId));
    const place = (tokenId: string, nodeId: string, status: 'waiting' | 'arrived' | 'done') =>
      later(
        unwritten.delete(tokenId)
          ? sql`insert into wf_tokens (id, instance_id, node_id, status) values (${tokenId}, ${instance.id}, ${nodeId}, ${status})`
          : sql`update wf_tokens set node_id = ${nodeId}, status = ${status} where id = ${tokenId}`,
      ).execute(ctx.tx);
    const onward = (next: Arrival[]) => {
      for (const arrival of next) if (arrival.fresh) unwritten.add(arrival.tokenId);
      queue.push(...next);
    };
    while (queue.length) {
      const { tokenId, nodeId } = queue.shift()!;
      const node = model.nodes[nodeId]!;
      switch (node.kind) {
        case 'startEvent':
          onward(this.departures(model, node, tokenId));
          break;
        case 'endEvent':
          await place(tokenId, node.id, 'done');
          await this.history(ctx, instance.id, 'node.end', node.id);
          break;
        case 'userTask':
          await place(tokenId, node.id, 'waiting');
          if (node.userTask!.multiInstance) {
            if (await this.startMulti(ctx, instance, model, node, tokenId)) onward(this.departures(model, node, tokenId));
          } else {
            await this.createTask(ctx, instance, node, tokenId, {});
            await this.scheduleBoundaries(ctx, instance, model, node, tokenId);
          }
          break;
        case 'serviceTask':
          await this.runService(ctx, instance, node, tokenId);
          onward(this.departures(model, node, tokenId));
          break;
        case 'exclusiveGateway': {
          const chosen =
            node.outgoing.length === 1
              ? node.outgoing[0]
              : (node.outgoing.find((f) => f !== node.defaultFlow && model.flows[f]!.condition?.evaluate(instance.variables) === true) ??
                node.defaultFlow);
          if (!chosen) throw new WorkflowFailure(node.id, 'no_branch');
          queue.push({ tokenId, nodeId: model.flows[chosen]!.target });
          break;
        }
        case 'parallelGateway':
        case 'inclusiveGateway': {
          if (node.incoming.length > 1) {
            await place(tokenId, node.id, 'arrived');
            const joined = await this.tryJoin(ctx, instance, model, node);
            if (!joined) break;
            onward(this.split(model, node, instance, joined));
            break;
          }
          onward(this.split(model, node, instance, tokenId));
          break;
        }
        case 'timerCatch':
          await place(tokenId, node.id, 'waiting');
          await this.scheduleTimer(ctx, instance, node, tokenId, node.timer!);
          break;
        case 'messageCatch':
          await place(tokenId, node.id, 'waiting');
          await this.subscribe(ctx, instance, node, tokenId);
          break;
        case 'callActivity':
          await place(tokenId, node.id, 'waiting');
          await this.scheduleBoundaries(ctx, instance, model, node, tokenId);
          if (await this.callChild(ctx, instance, node, tokenId)) {
            await this.leave(ctx, model, node.id, tokenId);
            onward(this.departures(model, node, tokenId));
          }
          break;
        case 'boundaryTimer':
          // Reached only through a timer firing (engine.fireTimer), which moves the token on.
          throw new WorkflowFailure(node.id, 'boundary_entered');
      }
    }
  }

  /** The flows a gateway sends tokens along: all (parallel) or those whose condition holds (inclusive). */
  private split(model: RunnableModel, node: ProcessNode, instance: InstanceRow, tokenId: string): Arrival[] {
    let flows = node.outgoing;
    if (node.kind === 'inclusiveGateway' && node.outgoing.length > 1) {
      flows = node.outgoing.filter((f) => {
        if (f === node.defaultFlow) return false;
        const condition = model.flows[f]!.condition;
        return !condition || condition.evaluate(instance.variables) === true;
      });
      if (flows.length === 0 && node.defaultFlow) flows = [node.defaultFlow];
      if (flows.length === 0) throw new WorkflowFailure(node.id, 'no_branch');
    }
    return flows.map((flowId, i) => ({ tokenId: i === 0 ? tokenId : newId('tok'), nodeId: model.flows[flowId]!.target, fresh: i !== 0 }));
  }

  /**
   * A join fires when every incoming flow has a token (parallel), or when no other live token
   * of the instance can still reach it (inclusive). Returns the token that goes on.
   */
  private async tryJoin(ctx: StepContext, instance: InstanceRow, model: RunnableModel, node: ProcessNode): Promise<string | null> {
    const tokens = (
      await sql<{
        id: string;
        node_id: string;
        status: string;
      }>`select id, node_id, status from wf_tokens where instance_id = ${instance.id} and status <> 'done' order by created_at, id`.execute(
        ctx.tx,
      )
    ).rows;
    const arrived = tokens.filter((t) => t.node_id === node.id && t.status === 'arrived');
    let take: typeof arrived;
    if (node.kind === 'parallelGateway') {
      if (arrived.length < node.incoming.length) return null;
      take = arrived.slice(0, node.incoming.length);
    } else {
      const upstream = model.reachableFrom[node.id]!;
      if (tokens.some((t) => t.status !== 'arrived' && upstream.has(t.node_id))) return null;
      take = arrived;
    }
    if (take.length === 0) return null;
    const [keep, ...merged] = take;
    if (merged.length)
      await later(sql`update wf_tokens set status = 'done' where id in (${sql.join(merged.map((t) => t.id))})`).execute(ctx.tx);
    await later(sql`update wf_tokens set status = 'waiting' where id = ${keep!.id}`).execute(ctx.tx);
    await this.history(ctx, instance.id, 'node.join', node.id, { tokens: take.length });
    return keep!.id;
  }

  /** After tokens moved: inclusive joins a token no longer heads for may fire; no live token ends the instance. */
  async settle(ctx: StepContext, instance: InstanceRow, model: RunnableModel): Promise<void> {
    if (instance.status !== 'running') return;
    for (const [joinId] of Object.entries(model.reachableFrom)) {
      const joined = await this.tryJoin(ctx, instance, model, model.nodes[joinId]!);
      if (joined) {
        await this.advance(ctx, instance, model, this.split(model, model.nodes[joinId]!, instance, joined));
        return;
      }
    }
    if (ctx.waiting.has(instance.id)) return;
    const live = await sql<{
      n: string;
    }>`select count(*) as n from wf_tokens where instance_id = ${instance.id} and status <> 'done'`.execute(ctx.tx);
    if (Number(live.rows[0]!.n) > 0) return;
    await later(sql`update wf_instances set status = 'completed', ended_at = now() where id = ${instance.id}`).execute(ctx.tx);
    instance.status = 'completed';
    await this.history(ctx, instance.id, 'instance.complete', null);
    if (instance.parent_instance_id) await this.returnToParent(ctx, instance);
  }

  private async runService(ctx: StepContext, instance: InstanceRow, node: ProcessNode, tokenId: string): Promise<void> {
    const handler = node.serviceTask!.handler;
    const key = `${instance.id}:${tokenId}:${node.id}`;
    const claimed = await sql`insert into wf_effects (key, handler) values (${key}, ${handler}) on conflict do nothing`.execute(ctx.tx);
    if (Number(claimed.numAffectedRows ?? 0) === 1) {
      const run = this.handlers.get(handler);
      if (!run) throw new WorkflowFailure(node.id, 'unknown_handler');
      const output = await run({ tx: ctx.tx, key, instanceId: instance.id, variables: instance.variables });
      if (output) {
        instance.variables = { ...instance.variables, ...output };
        await this.saveVariables(ctx, instance);
      }
    }
    await this.history(ctx, instance.id, 'service.run', node.id, { handler });
  }

  /** `${var}` in an attribute takes the variable's value; anything else is literal. */
  private resolve(value: string | null, variables: Variables): string | null {
    if (!value) return value;
    const match = /^\$\{\s*([A-Za-z_]\w*)\s*\}$/.exec(value);
    if (match) {
      const found = variables[match[1]!];
      return found === undefined || found === null || found === '' ? null : String(found);
    }
    if (value.includes('${')) {
      const result = compileExpression(value).evaluate(variables);
      return result === undefined || result === null ? null : String(result);
    }
    return value;
  }

  async createTask(
    ctx: StepContext,
    instance: InstanceRow,
    node: ProcessNode,
    tokenId: string,
    local: Variables,
    extra: { index?: number; total?: number; assignee?: string | null } = {},
  ): Promise<string> {
    const task = node.userTask!;
    const variables = { ...instance.variables, ...local };
    // `${approvers}` may name a list of account ids (or organisation ids): each is a candidate.
    const resolveAll = (entries: string[]) =>
      entries.flatMap((entry) => {
        const list = /^\$\{\s*([A-Za-z_]\w*)\s*\}$/.exec(entry);
        const value = list ? variables[list[1]!] : undefined;
        if (Array.isArray(value)) return value.map(String).filter(Boolean);
        const one = this.resolve(entry, variables);
        return one ? [one] : [];
      });
    const users = resolveAll(task.candidateUsers);
    const orgs = resolveAll(task.candidateOrgs);
    const assignee = extra.assignee !== undefined ? extra.assignee : this.resolve(task.assignee, variables);
    const id = newId('task');
    await later(sql`insert into wf_tasks (id, instance_id, token_id, node_id, name, org_id, region_code, candidate_groups, candidate_orgs, candidate_users, assignee, form_key, status, local_variables, mi_index, mi_total)
      values (${id}, ${instance.id}, ${tokenId}, ${node.id}, ${node.name}, ${instance.org_id}, ${instance.region_code},
        ${JSON.stringify(task.candidateGroups)}::jsonb, ${JSON.stringify(orgs)}::jsonb, ${JSON.stringify(users)}::jsonb,
        ${assignee}, ${task.formKey}, 'open', ${JSON.stringify(local)}::jsonb, ${extra.index ?? null}, ${extra.total ?? null})`).execute(
      ctx.tx,
    );
    ctx.opened.push({ id, instanceId: instance.id, nodeId: node.id, name: node.name });
    ctx.waiting.add(instance.id);
    await this.history(ctx, instance.id, 'task.create', node.id, {
      name: node.name,
      ...(extra.total ? { index: extra.index, total: extra.total } : {}),
    });
    return id;
  }

  /** 会签: opens the tasks of a multi-instance activity. Returns true when there is nothing to do (an empty list). */
  private async startMulti(ctx: StepContext, instance: InstanceRow, model: RunnableModel, node: ProcessNode, tokenId: string) {
    const multi = node.userTask!.multiInstance!;
    let items: unknown[] | null = null;
    let total: number;
    if (multi.collection) {
      const name = /^\$\{\s*(.+?)\s*\}$/.exec(multi.collection)?.[1] ?? multi.collection;
      const value = compileExpression(`\${${name}}`).evaluate(instance.variables);
      if (!Array.isArray(value)) throw new WorkflowFailure(node.id, 'collection_not_a_list');
      items = value;
      total = value.length;
    } else {
      const value = Number(
        /^\$\{/.test(multi.cardinality!) ? compileExpression(multi.cardinality!).evaluate(instance.variables) : multi.cardinality,
      );
      if (!Number.isInteger(value) || value < 0 || value > 1000) throw new WorkflowFailure(node.id, 'bad_cardinality');
      total = value;
    }
    if (total === 0) return true;
    const state: MultiState = { total, completed: 0, active: 0, approved: 0, rejected: 0, items, next: 0 };
    const open = multi.sequential ? 1 : total;
    for (let i = 0; i < open; i++) await this.openMultiTask(ctx, instance, node, tokenId, state);
    await later(sql`update wf_tokens set multi = ${JSON.stringify(state)}::jsonb where id = ${tokenId}`).execute(ctx.tx);
    await this.scheduleBoundaries(ctx, instance, model, node, tokenId);
    return false;
  }

  private async openMultiTask(ctx: StepContext, instance: InstanceRow, node: ProcessNode, tokenId: string, state: MultiState) {
    const multi = node.userTask!.multiInstance!;
    const index = state.next;
    const local: Variables = { loopCounter: index };
    if (multi.elementVariable && state.items) local[multi.elementVariable] = state.items[index];
    await this.createTask(ctx, instance, node, tokenId, local, { index: index + 1, total: state.total });
    state.next += 1;
    state.active += 1;
  }

  /**
   * One 会签 task is done: counts move, the completion condition is asked (none = all done),
   * and when it holds the rest are cancelled and the token goes on. Returns whether it went on.
   */
  async completeMulti(
    ctx: StepContext,
    instance: InstanceRow,
    model: RunnableModel,
    node: ProcessNode,
    tokenId: string,
    data: Variables,
  ): Promise<boolean> {
    const row = (await sql<{ multi: MultiState }>`select multi from wf_tokens where id = ${tokenId} for update`.execute(ctx.tx)).rows[0]!;
    const state = row.multi;
    state.completed += 1;
    state.active -= 1;
    if (data.approved === true) state.approved += 1;
    if (data.approved === false) state.rejected += 1;
    const counts = {
      nrOfInstances: state.total,
      nrOfCompletedInstances: state.completed,
      nrOfActiveInstances: state.active,
      nrOfApproved: state.approved,
      nrOfRejected: state.rejected,
    };
    const condition = node.userTask!.multiInstance!.completion;
    const done = state.completed >= state.total || condition?.evaluate({ ...instance.variables, ...counts }) === true;
    if (!done) {
      if (node.userTask!.multiInstance!.sequential) await this.openMultiTask(ctx, instance, node, tokenId, state);
      await later(sql`update wf_tokens set multi = ${JSON.stringify(state)}::jsonb where id = ${tokenId}`).execute(ctx.tx);
      return false;
    }
    await this.cancelTasks(ctx, instance.id, tokenId, 'multi_instance_done');
    await later(sql`update wf_tokens set multi = null where id = ${tokenId}`).execute(ctx.tx);
    instance.variables = { ...instance.variables, ...counts };
    await this.saveVariables(ctx, instance);
    await this.leave(ctx, model, node.id, tokenId);
    await this.advance(ctx, instance, model, this.departures(model, node, tokenId));
    return true;
  }

  async cancelTasks(ctx: StepContext, instanceId: string, tokenId: string, reason: string): Promise<void> {
    const cancelled = (
      await sql<{
        node_id: string;
        id: string;
      }>`update wf_tasks set status = 'cancelled', completed_at = now() where token_id = ${tokenId} and status = 'open' returning id, node_id`.execute(
        ctx.tx,
      )
    ).rows;
    for (const task of cancelled) {
      ctx.closed.add(task.id);
      await this.history(ctx, instanceId, 'task.cancel', task.node_id, { taskId: task.id, reason });
    }
  }

  // ---- timers --------------------------------------------------------------------------

  private fireAt(timer: Timer, variables: Variables, now: Date): { at: Date; repeats: number; intervalMs: number | null } {
    const value = timer.value.startsWith('${') ? String(compileExpression(timer.value).evaluate(variables) ?? '') : timer.value;
    if (timer.kind === 'date') {
      const at = new Date(value);
      if (Number.isNaN(at.getTime())) throw new WorkflowFailure('', 'bad_timer');
      return { at, repeats: 0, intervalMs: null };
    }
    if (timer.kind === 'cycle') {
      const cycle = parseCycle(value);
      if (!cycle) throw new WorkflowFailure('', 'bad_timer');
      const start = cycle.start ?? now;
      const first = addDuration(start, cycle.period);
      const intervalMs = first.getTime() - start.getTime();
      return { at: first, repeats: Math.max(0, (cycle.repetitions ?? 1) - 1), intervalMs };
    }
    const duration = parseDuration(value);
    if (!duration) throw new WorkflowFailure('', 'bad_timer');
    return { at: addDuration(now, duration), repeats: 0, intervalMs: null };
  }

  async scheduleTimer(ctx: StepContext, instance: InstanceRow, node: ProcessNode, tokenId: string, timer: Timer): Promise<void> {
    let when: ReturnType<Runtime['fireAt']>;
    try {
      when = this.fireAt(timer, instance.variables, ctx.now);
    } catch (error) {
      if (error instanceof WorkflowFailure) throw new WorkflowFailure(node.id, error.reason);
      throw error;
    }
    await later(sql`insert into wf_timers (id, instance_id, token_id, node_id, fire_at, repeats_left, interval_ms, status)
      values (${newId('tmr')}, ${instance.id}, ${tokenId}, ${node.id}, ${when.at.toISOString()}, ${when.repeats}, ${when.intervalMs}, 'pending')`).execute(
      ctx.tx,
    );
    await this.history(ctx, instance.id, 'timer.schedule', node.id, { fireAt: when.at.toISOString() });
  }

  private async scheduleBoundaries(ctx: StepContext, instance: InstanceRow, model: RunnableModel, node: ProcessNode, tokenId: string) {
    for (const boundaryId of model.boundaries[node.id] ?? []) {
      const boundary = model.nodes[boundaryId]!;
      await this.scheduleTimer(ctx, instance, boundary, tokenId, boundary.timer!);
    }
  }

  // ---- messages ------------------------------------------------------------------------

  private async subscribe(ctx: StepContext, instance: InstanceRow, node: ProcessNode, tokenId: string): Promise<void> {
    const message = node.message!;
    const key = message.correlationKey ? this.resolve(message.correlationKey, instance.variables) : instance.business_key;
    await later(sql`insert into wf_subscriptions (id, instance_id, token_id, node_id, message_name, correlation_key, status)
      values (${newId('sub')}, ${instance.id}, ${tokenId}, ${node.id}, ${message.name}, ${key}, 'waiting')`).execute(ctx.tx);
    await this.history(ctx, instance.id, 'message.wait', node.id, { message: message.name, correlationKey: key });
  }

  // ---- call activities -----------------------------------------------------------------

  /** Starts the called item's latest process as a child; true when the child already ended. */
  private async callChild(ctx: StepContext, parent: InstanceRow, node: ProcessNode, tokenId: string): Promise<boolean> {
    if (ctx.depth >= 8) throw new WorkflowFailure(node.id, 'call_depth');
    const called = node.callActivity!.calledElement;
    const version = called.startsWith('node_')
      ? await this.definitions.latestProcess(called, ctx.tx)
      : await this.definitions.latestProcessByKey(called, ctx.tx);
    if (!version) throw new WorkflowFailure(node.id, 'called_process_missing');
    const model = await this.models(version);
    const child: InstanceRow = {
      id: newId('wfi'),
      definition_id: version.definitionId,
      item_id: version.itemId,
      org_id: version.orgId,
      region_code: version.regionCode,
      business_key: parent.business_key,
      status: 'running',
      variables: { ...parent.variables },
      parent_instance_id: parent.id,
      parent_token_id: tokenId,
    };
    await later(sql`insert into wf_instances (id, definition_id, item_id, item_name, org_id, region_code, business_key, status, variables, started_by, parent_instance_id, parent_token_id)
      values (${child.id}, ${child.definition_id}, ${child.item_id}, ${version.itemName}, ${child.org_id}, ${child.region_code}, ${child.business_key}, 'running',
        ${JSON.stringify(child.variables)}::jsonb, ${ctx.actor.accountId}, ${parent.id}, ${tokenId})`).execute(ctx.tx);
    await this.history(ctx, parent.id, 'call.start', node.id, { childInstanceId: child.id, item: version.itemName });
    await this.history(ctx, child.id, 'instance.start', null, {
      version: version.version,
      item: version.itemName,
      parentInstanceId: parent.id,
    });
    ctx.depth += 1;
    // The child's end hands back to the parent only once it is waiting; a child that ends at once is taken here.
    const childCtx: StepContext = { ...ctx, depth: ctx.depth };
    await this.run(
      childCtx,
      child,
      model,
      model.startNodeIds.map((nodeId) => ({ tokenId: newId('tok'), nodeId, fresh: true })),
    ).catch(async (error: unknown) => {
      if (!(error instanceof WorkflowFailure)) throw error;
      throw new WorkflowFailure(node.id, `child_failed:${error.reason}`);
    });
    ctx.depth -= 1;
    const live = await sql<{ n: string }>`select count(*) as n from wf_tokens where instance_id = ${child.id} and status <> 'done'`.execute(
      ctx.tx,
    );
    if (Number(live.rows[0]!.n) > 0) return false;
    await later(sql`update wf_instances set status = 'completed', ended_at = now() where id = ${child.id}`).execute(ctx.tx);
    await this.history(ctx, child.id, 'instance.complete', null);
    parent.variables = { ...parent.variables, ...child.variables };
    await this.saveVariables(ctx, parent);
    await this.history(ctx, parent.id, 'call.end', node.id, { childInstanceId: child.id });
    return true;
  }

  /** A child instance ended later: its variables come back and the parent's token moves on. */
  private async returnToParent(ctx: StepContext, child: InstanceRow): Promise<void> {
    const parent = (await sql<InstanceRow>`select * from wf_instances where id = ${child.parent_instance_id} for update`.execute(ctx.tx))
      .rows[0];
    if (!parent || parent.status !== 'running') return;
    const version = await this.definitions.processById(parent.definition_id, ctx.tx);
    const model = await this.models(version!);
    const token = (await sql<{ node_id: string }>`select node_id from wf_tokens where id = ${child.parent_token_id}`.execute(ctx.tx))
      .rows[0];
    if (!token) return;
    const node = model.nodes[token.node_id]!;
    parent.variables = { ...parent.variables, ...child.variables };
    await this.saveVariables(ctx, parent);
    await this.history(ctx, parent.id, 'call.end', node.id, { childInstanceId: child.id });
    await this.leave(ctx, model, node.id, child.parent_token_id!);
    await this.advance(ctx, parent, model, this.departures(model, node, child.parent_token_id!));
  }

  /** Whatever waits on a token stops: its tasks, timers, subscriptions and child instances. */
  async cancelTokenWork(ctx: StepContext, instanceId: string, tokenId: string, reason: string): Promise<void> {
    await this.cancelTasks(ctx, instanceId, tokenId, reason);
    await later(sql`update wf_timers set status = 'cancelled' where token_id = ${tokenId} and status = 'pending'`).execute(ctx.tx);
    await later(sql`update wf_subscriptions set status = 'cancelled' where token_id = ${tokenId} and status = 'waiting'`).execute(ctx.tx);
    await later(sql`update wf_tokens set multi = null where id = ${tokenId}`).execute(ctx.tx);
    const children = (
      await sql<{
        id: string;
      }>`select id from wf_instances where parent_token_id = ${tokenId} and status = 'running'`.execute(ctx.tx)
    ).rows;
    for (const child of children) await this.cancelInstance(ctx, child.id, reason);
  }

  async cancelInstance(ctx: StepContext, instanceId: string, reason: string): Promise<void> {
    const tokens = (
      await sql<{ id: string }>`select id from wf_tokens where instance_id = ${instanceId} and status <> 'done'`.execute(ctx.tx)
    ).rows;
    for (const token of tokens) await this.cancelTokenWork(ctx, instanceId, token.id, reason);
    await later(sql`update wf_tokens set status = 'done' where instance_id = ${instanceId}`).execute(ctx.tx);
    await later(sql`update wf_instances set status = 'cancelled', ended_at = now() where id = ${instanceId}`).execute(ctx.tx);
    await this.history(ctx, instanceId, 'instance.cancel', null, { reason });
  }
}
