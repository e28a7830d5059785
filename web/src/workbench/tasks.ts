import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, isApiError } from '../shared/api';
import { parseInstant } from '../shared/format';
import { mergeValues, selectFormSchema } from '../shared/forms/schema';
import { currentLanguage } from '../shared/i18n';
import type {
  CompletedTask,
  CompleteTaskInput,
  DelegateTaskInput,
  FormPrefill,
  Page,
  ReturnTaskInput,
  SupplementInput,
  SupplementRequestInput,
  TaskComment,
  TaskCommentInput,
  TimeState,
  WorkflowInstance,
  WorkflowTask,
  WorkflowTaskDetail,
} from '../shared/api-types';

// 我的待办 (my tasks): the queries and helpers the desktop and phone pages share.

export const taskKeys = {
  all: ['workflow'] as const,
  list: ['workflow', 'tasks'] as const,
  task: (id: string) => ['workflow', 'task', id] as const,
  prefill: (id: string) => ['workflow', 'task', id, 'prefill'] as const,
  instance: (id: string) => ['workflow', 'instance', id] as const,
};

/** GET /workflow/tasks: open tasks the viewer may work on, by deadline (as the server sorts them); asked again every minute. */
export function useMyTasks() {
  return useQuery({
    queryKey: taskKeys.list,
    queryFn: ({ signal }) => api.get<Page<WorkflowTask>>('/workflow/tasks', undefined, signal),
    select: (page) => page.items,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

/** GET /workflow/tasks/:id: the task with its form and the steps 退回 may send it back to. */
export function useTask(taskId: string) {
  return useQuery({
    queryKey: taskKeys.task(taskId),
    queryFn: ({ signal }) => api.get<WorkflowTaskDetail>(`/workflow/tasks/${encodeURIComponent(taskId)}`, undefined, signal),
    staleTime: 0,
  });
}

/** GET /workflow/tasks/:id/prefill: values other modules know for the form. Asked once; a failure only means no prefill. */
export function useTaskPrefill(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.prefill(taskId),
    queryFn: ({ signal }) => api.get<FormPrefill>(`/workflow/tasks/${encodeURIComponent(taskId)}/prefill`, undefined, signal),
    enabled,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** GET /workflow/instances/:id: status, where it waits, its history. */
export function useInstance(instanceId: string | undefined) {
  return useQuery({
    queryKey: taskKeys.instance(instanceId ?? ''),
    queryFn: ({ signal }) => api.get<WorkflowInstance>(`/workflow/instances/${encodeURIComponent(instanceId ?? '')}`, undefined, signal),
    enabled: Boolean(instanceId),
    staleTime: 0,
  });
}

/**
 * What a task's completion form needs: its schema (`$defs[formKey]` when there is one) and
 * UI hints, and its initial values — the prefill under the values the server says the
 * instance already holds for this form (never another step's opinion), once the prefill has
 * answered (a failed prefill counts as none). `schema` null: the task has no form.
 */
export function useCompletionForm(task: WorkflowTaskDetail) {
  const form = task.form;
  const prefill = useTaskPrefill(task.id, Boolean(form));
  const schema = useMemo(() => (form ? selectFormSchema(form.schema, task.formKey) : null), [form, task.formKey]);
  const initialValues = useMemo(() => mergeValues(prefill.data?.values, form?.values), [prefill.data, form]);
  return { schema, uiSchema: form?.uiSchema ?? null, initialValues, loading: Boolean(form) && prefill.isPending };
}

/**
 * 签收 / 退回签收 / 办理 / 退回 / 转办 / 评论 of one task. Each answers the task as it now is
 * (laid over the task's form and return targets, which the answers may leave out); the
 * lists and the instance are read again after any of them, whether it worked or not.
 */
export function useTaskActions(taskId: string) {
  const queryClient = useQueryClient();
  const settled = (task: WorkflowTask | undefined) => {
    if (task)
      queryClient.setQueryData<WorkflowTaskDetail>(taskKeys.task(taskId), (previous) => (previous ? { ...previous, ...task } : undefined));
    void queryClient.invalidateQueries({ queryKey: taskKeys.list });
    void queryClient.invalidateQueries({ queryKey: ['workflow', 'instance'] });
  };
  const path = `/workflow/tasks/${encodeURIComponent(taskId)}`;
  const claim = useMutation({
    mutationFn: (take: boolean) => api.post<WorkflowTask>(`${path}/${take ? 'claim' : 'unclaim'}`),
    onSettled: settled,
  });
  const complete = useMutation({
    mutationFn: (variables: Record<string, unknown>) =>
      api.post<CompletedTask>(`${path}/complete`, { variables } satisfies CompleteTaskInput),
    onSettled: settled,
  });
  const sendBack = useMutation({
    mutationFn: (input: ReturnTaskInput) => api.post<CompletedTask>(`${path}/return`, input),
    onSettled: settled,
  });
  const delegate = useMutation({
    mutationFn: (input: DelegateTaskInput) => api.post<WorkflowTask>(`${path}/delegate`, input),
    onSettled: settled,
  });
  const comment = useMutation({
    mutationFn: (input: TaskCommentInput) => api.post<TaskComment>(`${path}/comments`, input),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['workflow', 'instance'] }),
  });
  return { claim, complete, sendBack, delegate, comment };
}

/** 要求补正 (the clock stops) and 补正已到 (it runs again) on an instance; the task, lists and instance are read again after. */
export function useSupplementActions(instanceId: string) {
  const queryClient = useQueryClient();
  const settled = () => void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  const path = `/workflow/instances/${encodeURIComponent(instanceId)}`;
  const request = useMutation({
    mutationFn: (input: SupplementRequestInput) => api.post<unknown>(`${path}/supplement-request`, input),
    onSettled: settled,
  });
  const receive = useMutation({
    mutationFn: (input: SupplementInput) => api.post<unknown>(`${path}/supplement`, input),
    onSettled: settled,
  });
  return { request, receive };
}

const GONE = ['workflow.task_closed', 'workflow.task_claimed', 'workflow.not_a_candidate', 'workflow.task_not_found'];

/**
 * An answer after which the task is no longer the viewer's to work on: already done
 * (`workflow.task_closed`), claimed by someone else (`workflow.task_claimed`, or
 * `workflow.not_a_candidate` once their claim makes it theirs alone), or gone. The page
 * shows the message and goes back to the inbox.
 */
export function isTaskGone(error: unknown): boolean {
  return isApiError(error) && GONE.includes(error.code);
}

/** How a task's claim looks to the viewer. */
export type ClaimState = 'unclaimed' | 'mine' | 'assigned';

export function claimState(task: WorkflowTask, accountId: string): ClaimState {
  if (!task.assignee) return 'unclaimed';
  return task.assignee === accountId ? 'mine' : 'assigned';
}

/** The message after 退回: where the instance went. */
export function returnedMessage(done: CompletedTask, t: TFunction): string {
  const next = (done.nextTasks ?? []).map((task) => task.name || task.nodeId);
  return next.length ? t('workbench.tasks.act.returnDoneTo', { next: next.join('、') }) : t('workbench.tasks.act.returnDone');
}

/** The message after 办理: where the instance went next, when the server says. */
export function completedMessage(done: CompletedTask, t: TFunction): string {
  const name = done.name || done.nodeId;
  if (done.instanceStatus === 'completed') return t('workbench.tasks.completedEnd', { name });
  const next = (done.nextTasks ?? []).map((task) => task.name || task.nodeId);
  if (done.instanceStatus === 'running' && next.length) return t('workbench.tasks.completedNext', { name, next: next.join('、') });
  return t('workbench.tasks.completed', { name });
}

/** The current time, ticking every `everyMs` (for waiting times). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 等待 3 小时 / Waiting 3 h */
export function formatWaiting(createdAt: string, now: number, t: TFunction): string {
  const waited = Math.max(0, now - parseInstant(createdAt).getTime());
  if (Number.isNaN(waited)) return '';
  if (waited < MINUTE) return t('workbench.tasks.waiting.justNow');
  if (waited < HOUR) return t('workbench.tasks.waiting.minutes', { n: Math.floor(waited / MINUTE) });
  if (waited < DAY) return t('workbench.tasks.waiting.hours', { n: Math.floor(waited / HOUR) });
  return t('workbench.tasks.waiting.days', { n: Math.floor(waited / DAY) });
}

/**
 * The class of a time state's colour (workbench/tasks.css): normal, warning (amber),
 * overdue (red), paused (grey); '' without a time limit. The server decides the state:
 * working days are not computable here.
 */
export function timeStateClass(state: TimeState | null | undefined, prefix: string): string {
  return state ? `${prefix}-${state}` : '';
}

/** antd Tag colours of the time states. */
export const TIME_STATE_TAG_COLORS: Record<TimeState, string> = {
  normal: 'success',
  warning: 'warning',
  overdue: 'error',
  paused: 'default',
};

/** A due date and time, without seconds: 2026/11/22 17:30 */
export function formatDue(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = parseInstant(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(currentLanguage(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** 会签 2/3: this task's place among the instances of a multi-instance task (counted from 1, as the server does); null for a plain task. */
export function multiInstanceLabel(task: Pick<WorkflowTask, 'multiInstance'>, t: TFunction): string | null {
  const mi = task.multiInstance;
  if (!mi || !(mi.total > 0)) return null;
  return t('workbench.tasks.multiInstance', { index: Math.min(Math.max(mi.index, 1), mi.total), total: mi.total });
}

/** 食品经营许可 · SQ2026001: the item and business key of a task, as far as they are known. */
export function taskSubject(task: Pick<WorkflowTask, 'itemName' | 'businessKey'>): string {
  return [task.itemName, task.businessKey].filter(Boolean).join(' · ');
}
