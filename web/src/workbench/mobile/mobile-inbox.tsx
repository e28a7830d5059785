import { Badge, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { formatWaiting, useMyTasks, useNow, waitClass, waitLevel } from '../tasks';
import '../tasks.css';

/** The 待办 section of the phone Workbench: open tasks, oldest first; a tap opens the task. */
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
            const level = waitLevel(task.createdAt, now);
            return (
              <List.Item
                key={task.id}
                clickable
                className={level === 'normal' ? undefined : `zl-m-inbox-${level}`}
                onClick={() => navigate(`/m/workbench/tasks/${encodeURIComponent(task.id)}`)}
                description={
                  <span>
                    {t('workbench.tasks.step', { step: task.nodeId })} ·{' '}
                    <span className={waitClass(level)}>{formatWaiting(task.createdAt, now, t)}</span>
                  </span>
                }
                extra={
                  task.assignee ? (
                    <Tag color="primary" fill="outline">
                      {t('workbench.tasks.claimed')}
                    </Tag>
                  ) : (
                    <Tag color="default" fill="outline">
                      {t('workbench.tasks.unclaimed')}
                    </Tag>
                  )
                }
                data-testid={`inbox-item-${task.id}`}
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
