import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, isApiError } from '../shared/api';
import { parseInstant } from '../shared/format';
import type { CompletedTask, CompleteTaskInput, Page, WorkflowInstance, WorkflowTask } from '../shared/api-types';

// 我的待办 (my tasks): the queries and helpers the desktop and phone pages share.

export const taskKeys = {
  all: ['workflow'] as const,
  list: ['workflow', 'tasks'] as const,
  task: (id: string) => ['workflow', 'task', id] as const,
  instance: (id: string) => ['workflow', 'instance', id] as const,
};

/** GET /workflow/tasks: open tasks the viewer may work on, oldest first; asked again every minute. */
export function useMyTasks() {
  return useQuery({
    queryKey: taskKeys.list,
    queryFn: ({ signal }) => api.get<Page<WorkflowTask>>('/workflow/tasks', undefined, signal),
    select: (page) => page.items,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

/** GET /workflow/tasks/:id */
export function useTask(taskId: string) {
  return useQuery({
    queryKey: taskKeys.task(taskId),
    queryFn: ({ signal }) => api.get<WorkflowTask>(`/workflow/tasks/${encodeURIComponent(taskId)}`, undefined, signal),
    staleTime: 0,
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
 * 签收 / 退回签收 / 办理 of one task. Each answers the task as it now is; the lists and the
 * instance are read again after any of them, whether it worked or not.
 */
export function useTaskActions(taskId: string) {
  const queryClient = useQueryClient();
  const settled = (task: WorkflowTask | undefined) => {
    if (task) queryClient.setQueryData(taskKeys.task(taskId), task);
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
  return { claim, complete };
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

/** normal; `late` after 1 day (amber); `overdue` after 3 days (red). Calendar days for now: deadlines with working days come later. */
export type WaitLevel = 'normal' | 'late' | 'overdue';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function waitLevel(createdAt: string, now: number): WaitLevel {
  const waited = now - parseInstant(createdAt).getTime();
  if (waited > 3 * DAY) return 'overdue';
  if (waited > DAY) return 'late';
  return 'normal';
}

/** 等待 3 小时 / Waiting 3 h */
export function formatWaiting(createdAt: string, now: number, t: TFunction): string {
  const waited = Math.max(0, now - parseInstant(createdAt).getTime());
  if (Number.isNaN(waited)) return '';
  if (waited < MINUTE) return t('workbench.tasks.waiting.justNow');
  if (waited < HOUR) return t('workbench.tasks.waiting.minutes', { n: Math.floor(waited / MINUTE) });
  if (waited < DAY) return t('workbench.tasks.waiting.hours', { n: Math.floor(waited / HOUR) });
  return t('workbench.tasks.waiting.days', { n: Math.floor(waited / DAY) });
}

/** The CSS class of a waiting time's colour (workbench/tasks.css). */
export function waitClass(level: WaitLevel): string {
  return `zl-wait zl-wait-${level}`;
}
