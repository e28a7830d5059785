import { LeftOutlined } from '@ant-design/icons';
import { Button, List, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { WorkflowTask } from '../../shared/api-types';
import { useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { claimState, completedMessage, formatWaiting, isTaskGone, useNow, useTask, useTaskActions, waitClass, waitLevel } from '../tasks';
import { MobileTaskForm } from './mobile-task-form';
import '../tasks.css';

const INBOX = '/m/workbench';

function MobileTask({ task }: { task: WorkflowTask }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const now = useNow();
  const { claim, complete } = useTaskActions(task.id);
  const open = task.status === 'open';
  const claimed = claimState(task, me.id);

  const fail = (error: unknown) => {
    Toast.show({ icon: 'fail', content: errorMessage(error, t) });
    if (isTaskGone(error)) navigate(INBOX);
  };

  return (
    <>
      <List header={t('workbench.tasks.title')}>
        <List.Item
          extra={
            <Tag color={open ? 'primary' : 'success'} data-testid="task-status" data-status={task.status}>
              {t(`workbench.tasks.status.${task.status}`)}
            </Tag>
          }
          description={t('workbench.tasks.step', { step: task.nodeId })}
        >
          <span data-testid="task-name">{task.name || task.nodeId}</span>
        </List.Item>
        <List.Item extra={formatDateTime(task.createdAt)}>{t('workbench.tasks.arrivedAt')}</List.Item>
        {open ? (
          <List.Item extra={<span className={waitClass(waitLevel(task.createdAt, now))}>{formatWaiting(task.createdAt, now, t)}</span>}>
            {t('workbench.tasks.columns.waiting')}
          </List.Item>
        ) : null}
        <List.Item extra={task.assignee ? t('workbench.tasks.claimed') : t('workbench.tasks.unclaimed')}>
          {t('workbench.tasks.columns.claim')}
        </List.Item>
      </List>
      {open ? (
        <>
          {claimed !== 'assigned' ? (
            <div style={{ padding: '12px 12px 0' }}>
              <Button
                block
                color={claimed === 'unclaimed' ? 'primary' : 'default'}
                fill="outline"
                loading={claim.isPending}
                disabled={complete.isPending}
                onClick={() =>
                  claim.mutate(claimed === 'unclaimed', {
                    onSuccess: () =>
                      Toast.show({
                        icon: 'success',
                        content: t(claimed === 'unclaimed' ? 'workbench.tasks.claimDone' : 'workbench.tasks.unclaimDone'),
                      }),
                    onError: fail,
                  })
                }
                data-testid={claimed === 'unclaimed' ? 'task-claim' : 'task-unclaim'}
              >
                {claimed === 'unclaimed' ? t('workbench.tasks.claim') : t('workbench.tasks.unclaim')}
              </Button>
            </div>
          ) : null}
          <section className="zl-m-section">
            <h2 className="zl-m-section-title">{t('workbench.tasks.formTitle')}</h2>
            <MobileTaskForm
              key={task.id}
              formKey={task.formKey}
              submitting={complete.isPending}
              onSubmit={(variables) =>
                complete.mutate(variables, {
                  onSuccess: (done) => {
                    Toast.show({ icon: 'success', content: completedMessage(done, t) });
                    navigate(INBOX);
                  },
                  onError: fail,
                })
              }
            />
          </section>
        </>
      ) : (
        <div className="zl-m-center">
          <p>{t('workbench.tasks.closed')}</p>
          <Button onClick={() => navigate(INBOX)}>{t('workbench.tasks.back')}</Button>
        </div>
      )}
    </>
  );
}

/** A task on a phone (`/m/workbench/tasks/:id`): what it is, 签收, and the completion form. */
export function MobileTaskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const task = useTask(id);
  return (
    <div data-testid="task-page">
      <Button fill="none" size="small" className="zl-m-back" onClick={() => navigate(INBOX)}>
        <LeftOutlined /> {t('workbench.tasks.back')}
      </Button>
      {task.isPending ? <MobileLoading /> : null}
      {task.isError ? <MobileError error={task.error} onRetry={() => void task.refetch()} /> : null}
      {task.isSuccess ? <MobileTask task={task.data} /> : null}
    </div>
  );
}
