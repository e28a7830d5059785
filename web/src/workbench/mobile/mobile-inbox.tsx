import { Badge, List, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TimeState, WorkflowTask } from '../../shared/api-types';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { formatDue, formatWaiting, multiInstanceLabel, taskSubject, timeStateClass, useMyTasks, useNow } from '../tasks';
import '../tasks.css';

/** antd-mobile Tag colours of the time states. */
export const MOBILE_TIME_STATE_COLORS: Record<TimeState, string> = {
  normal: 'success',
  warning: 'warning',
  overdue: 'danger',
  paused: 'default',
};

/** The time state of a task as a tag (nothing without a time limit). */
export function MobileTimeStateTag({ task }: { task: Pick<WorkflowTask, 'timeState'> }) {
  const { t } = useTranslation();
  if (!task.timeState) return null;
  return (
    <Tag color={MOBILE_TIME_STATE_COLORS[task.timeState]} fill="outline" data-testid="task-time-state" data-state={task.timeState}>
      {t(`workbench.tasks.timeState.${task.timeState}`)}
    </Tag>
  );
}

/** The 待办 section of the phone Workbench: open tasks by deadline (as the server sorts); a tap opens the task. */
export function MobileInbox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tasks = useMyTasks();
  const now = useNow();
  const items = tasks.data ?? [];
  return (
    <section className="zl-m-section" data-testid="workbench-inbox">
      <h2 className="zl-m-section-title">
        {t('workbench.home.inbox')} {items.length ? <Badge content={items.length} style={{ verticalAlign: 'middle' }} /> : null}
      </h2>
      {tasks.isPending ? <MobileLoading /> : null}
      {tasks.isError ? <MobileError error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {tasks.isSuccess && !items.length ? <MobileEmpty title={t('workbench.home.inboxEmpty')} /> : null}
      {items.length ? (
        <List>
          {items.map((task) => {
            const subject = taskSubject(task);
            const mi = multiInstanceLabel(task, t);
            return (
              <List.Item
                key={task.id}
                clickable
                className={timeStateClass(task.timeState, 'zl-m-inbox') || undefined}
                onClick={() => navigate(`/m/workbench/tasks/${encodeURIComponent(task.id)}`)}
                description={
                  <div>
                    {subject ? <div>{subject}</div> : null}
                    <div>
                      {task.dueAt ? (
                        <>
                          <span
                            className={`zl-due ${timeStateClass(task.timeState, 'zl-due')}`}
                            data-testid="task-due"
                            data-due={task.dueAt}
                          >
                            {t('workbench.tasks.due')} {formatDue(task.dueAt)}
                          </span>{' '}
                          ·{' '}
                        </>
                      ) : null}
                      <span className="zl-wait">{formatWaiting(task.createdAt, now, t)}</span>
                    </div>
                  </div>
                }
                extra={
                  <Space direction="vertical" align="end" style={{ '--gap': '4px' }}>
                    <MobileTimeStateTag task={task} />
                    {mi ? (
                      <Tag color="primary" fill="outline">
                        {mi}
                      </Tag>
                    ) : null}
                    {task.assignee ? (
                      <Tag color="primary" fill="outline">
                        {t('workbench.tasks.claimed')}
                      </Tag>
                    ) : (
                      <Tag color="default" fill="outline">
                        {t('workbench.tasks.unclaimed')}
                      </Tag>
                    )}
                  </Space>
                }
                data-testid={`inbox-item-${task.id}`}
                data-time-state={task.timeState ?? ''}
              >
                {task.name || task.nodeId}
              </List.Item>
            );
          })}
        </List>
      ) : null}
    </section>
  );
}
