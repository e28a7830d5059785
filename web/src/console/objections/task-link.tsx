import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { Page, WorkflowTask } from '../../shared/api-types';
import { hasPermission, useMe } from '../../shared/auth';

/**
 * GET /workflow/tasks: the viewer's open tasks (我的待办). The same key and data as the
 * Workbench's list, so the two share one cache.
 */
function useOpenTasks(enabled: boolean) {
  return useQuery({
    queryKey: ['workflow', 'tasks'],
    queryFn: ({ signal }) => api.get<Page<WorkflowTask>>('/workflow/tasks', undefined, signal),
    select: (page) => page.items,
    enabled,
    staleTime: 10_000,
  });
}

/**
 * 去办理: where the owner's stewards answer (a Workbench task). The task itself when it is among
 * the viewer's open tasks, else 我的待办; nothing for an account without the Workbench.
 */
export function TaskLink({ instanceId, testId }: { instanceId: string | null; testId?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const workbench = hasPermission(me, 'workbench.use');
  const tasks = useOpenTasks(workbench && Boolean(instanceId));
  if (!workbench || !instanceId) return null;
  const task = tasks.data?.find((candidate) => candidate.instanceId === instanceId);
  const href = task ? `/workbench/tasks/${encodeURIComponent(task.id)}` : '/workbench/tasks';
  return (
    <a href={href} onClick={(event) => event.stopPropagation()} data-testid={testId} data-task-id={task?.id}>
      {task ? t('objections.handle') : t('objections.myTasks')}
    </a>
  );
}
