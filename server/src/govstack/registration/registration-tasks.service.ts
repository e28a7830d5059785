import { NotFoundError, type Actor, type Database, type Locale } from '../../kernel/index.ts';
import type { WorkflowEngine } from '../../platform/workflow/index.ts';
import type { CaseService } from '../../systems/one-stop/index.ts';
import { caseStatus, openTaskStatus } from './application-status.ts';
import { caseFacts } from './govstack-registration.repository.ts';
import type { TaskListQuery } from './govstack-registration.schemas.ts';
import { page } from './paging.ts';
import { requirePerson } from './registration-applications.service.ts';

type TaskView = Awaited<ReturnType<WorkflowEngine['myTasks']>>['items'][number];

const isCase = (businessKey: string | null): businessKey is string => businessKey?.startsWith('case_') === true;

/**
 * Tasks are the workflow engine's tasks of 办件 (受理, 审核, 会签), for the civil servants who may
 * work on them; `mainTaskId` is the case's process instance, `fileId` the case. Applicants hold
 * no tasks in Zhili (a 补正 is answered with PUT /applications/{fileId}): their list is empty.
 */
export class RegistrationTasks {
  private readonly db: Database;
  private readonly workflow: WorkflowEngine;
  private readonly cases: CaseService;

  constructor(deps: { db: Database; workflow: WorkflowEngine; cases: CaseService }) {
    this.db = deps.db;
    this.workflow = deps.workflow;
    this.cases = deps.cases;
  }

  async list(actor: Actor, locale: Locale, query: TaskListQuery) {
    requirePerson(actor);
    if (actor.kind === 'citizen' || actor.kind === 'enterprise') return [];
    const tasks = (await this.workflow.myTasks(actor)).items.filter((t) => isCase(t.businessKey));
    const facts = await caseFacts(
      this.db,
      tasks.map((t) => t.businessKey!),
    );
    const views = tasks.flatMap((t) => {
      const c = facts.get(t.businessKey!);
      if (!c) return [];
      return [
        {
          ...taskFields(t),
          name: t.name,
          description: `${c.serviceName} ${c.caseNo}`,
          serviceId: c.serviceCode,
          serviceName: c.serviceName,
          fileId: c.id,
          eFormId: c.serviceCode,
          status: openTaskStatus(locale),
        },
      ];
    });
    const chosen = views.filter(
      (v) =>
        (!query.fileId || v.fileId === query.fileId) &&
        (!query.mainTaskId || v.mainTaskId === query.mainTaskId) &&
        (!query.assigneeId || v.assigneeId === query.assigneeId),
    );
    return page(chosen, query, {
      created: (v) => v.created,
      id: (v) => v.taskId,
      name: (v) => v.name,
      nameCaseInsensitive: (v) => v.name.toLowerCase(),
      description: (v) => v.description,
      dueDate: (v) => v.dueDate ?? '9999',
      assignee: (v) => v.assigneeId ?? '',
      instanceId: (v) => v.mainTaskId,
    });
  }

  /** A case task the caller may work on (or did), with its case; any other task is not the Registration BB's. */
  private async caseTask(actor: Actor, taskId: string) {
    requirePerson(actor);
    const task = await this.workflow.task(actor, taskId);
    if (!isCase(task.businessKey)) throw new NotFoundError('govstack.registration.task_not_found', { taskId });
    return { task, file: await this.cases.get(actor, task.businessKey) };
  }

  async get(actor: Actor, locale: Locale, taskId: string) {
    const { task, file } = await this.caseTask(actor, taskId);
    return {
      ...taskFields(task),
      taskName: task.name,
      description: `${file.serviceName} ${file.caseNo}`,
      fileId: file.id,
      serviceId: file.serviceCode,
      serviceName: file.serviceName,
      eFormId: file.serviceCode,
      /** the application, as the step reads it */
      formVariables: { application: { data: file.form } },
      status: task.status === 'open' ? openTaskStatus(locale) : caseStatus(file, locale),
      /** what completing the step takes: its form (JSON Schema) and the values it starts from */
      data: { form: task.form?.schema ?? {}, values: task.form?.values ?? {} },
    };
  }

  /** 办理: the step's decision as `data` (e.g. 受理 `{accepted, opinion}`), checked against its form by the engine. */
  async complete(actor: Actor, locale: Locale, taskId: string, data: Record<string, unknown>) {
    const { task } = await this.caseTask(actor, taskId);
    const done = await this.workflow.complete(actor, locale, taskId, data);
    const file = await this.cases.get(actor, task.businessKey!);
    return {
      taskId,
      fileId: file.id,
      serviceId: file.serviceCode,
      status: caseStatus(file, locale),
      variables: { [task.nodeId]: { data } },
      nextTasks: done.nextTasks,
    };
  }
}

/** The fields a task view shares; nulls left out (the contract's fields are strings). */
function taskFields(t: TaskView) {
  return {
    taskId: t.id,
    mainTaskId: t.instanceId,
    ...(t.assignee ? { assigneeId: t.assignee } : {}),
    created: t.createdAt,
    ...(t.dueAt ? { dueDate: t.dueAt } : {}),
    ...(t.orgId ? { orgId: t.orgId } : {}),
  };
}
