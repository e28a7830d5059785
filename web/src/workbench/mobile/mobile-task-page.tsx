import { LeftOutlined } from '@ant-design/icons';
import { Button, List, NoticeBar, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { WorkflowTaskDetail } from '../../shared/api-types';
import { useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { MobileSchemaForm } from '../../shared/forms/mobile-schema-form';
import { formIssues } from '../../shared/forms/schema';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import {
  claimState,
  completedMessage,
  formatDue,
  formatWaiting,
  isTaskGone,
  multiInstanceLabel,
  taskSubject,
  timeStateClass,
  useCompletionForm,
  useInstance,
  useNow,
  useTask,
  useTaskActions,
} from '../tasks';
import { MobileTimeStateTag } from './mobile-inbox';
import { MobileTaskActions } from './mobile-task-actions';
import { MobileCaseCard } from './mobile-case-card';
import { MobileTaskForm } from './mobile-task-form';
import { MobileTaskHistory } from './mobile-task-history';
import '../tasks.css';
import { MobileDiscussionButton } from './mobile-discussion-button';

const INBOX = '/m/workbench';

/** The phone twin of the desktop CompletionForm: the task's schema form (prefilled) or the decision form. */
function MobileCompletionForm({
  task,
  submitting,
  issues,
  onSubmit,
}: {
  task: WorkflowTaskDetail;
  submitting: boolean;
  issues: ReturnType<typeof formIssues>;
  onSubmit: (variables: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const { schema, uiSchema, initialValues, loading } = useCompletionForm(task);
  if (!schema) return <MobileTaskForm key={task.id} formKey={task.formKey} submitting={submitting} onSubmit={onSubmit} />;
  if (loading) return <MobileLoading />;
  return (
    <div data-testid="task-form" data-form="schema">
      <MobileSchemaForm
        key={task.id}
        schema={schema}
        uiSchema={uiSchema}
        initialValues={initialValues}
        submitting={submitting}
        serverIssues={issues}
        onSubmit={onSubmit}
        submitText={t('workbench.tasks.complete')}
        submitTestId="task-complete"
      />
    </div>
  );
}

function MobileTask({ task }: { task: WorkflowTaskDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const now = useNow();
  const instance = useInstance(task.instanceId);
  const { claim, complete } = useTaskActions(task.id);
  const open = task.status === 'open';
  const acting = open && task.mayAct;
  const claimed = claimState(task, me.id);
  const mi = multiInstanceLabel(task, t);
  const subject = taskSubject(task);

  const fail = (error: unknown) => {
    if (formIssues(error) && task.form) {
      Toast.show({ icon: 'fail', content: t('workbench.tasks.formInvalid') });
      return;
    }
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
          description={subject || t('workbench.tasks.step', { step: task.nodeId })}
        >
          <span data-testid="task-name">{task.name || task.nodeId}</span>
          {mi ? (
            <Tag color="primary" fill="outline" style={{ marginLeft: 8 }} data-testid="task-multi-instance">
              {mi}
            </Tag>
          ) : null}
        </List.Item>
        <List.Item
          extra={
            <span>
              <span className={`zl-due ${timeStateClass(task.timeState, 'zl-due')}`} data-testid="task-due" data-due={task.dueAt ?? ''}>
                {task.dueAt ? formatDue(task.dueAt) : t('workbench.tasks.noDue')}
              </span>{' '}
              <MobileTimeStateTag task={task} />
            </span>
          }
        >
          {t('workbench.tasks.due')}
        </List.Item>
        <List.Item extra={formatDateTime(task.createdAt)}>{t('workbench.tasks.arrivedAt')}</List.Item>
        <MobileCaseCard businessKey={task.businessKey} />
        {open ? (
          <List.Item extra={<span className="zl-wait">{formatWaiting(task.createdAt, now, t)}</span>}>
            {t('workbench.tasks.columns.waiting')}
          </List.Item>
        ) : null}
        <List.Item extra={task.assignee ? t('workbench.tasks.claimed') : t('workbench.tasks.unclaimed')}>
          {t('workbench.tasks.columns.claim')}
        </List.Item>
      </List>
      {open && !acting ? (
        <>
          <NoticeBar color="info" wrap content={t('workbench.tasks.monitorOnly')} data-testid="task-monitor-only" />
          <MobileDiscussionButton task={task} />
        </>
      ) : acting ? (
        <>
          {instance.data?.clockPaused ? (
            <NoticeBar color="alert" wrap content={t('workbench.tasks.pausedHint')} data-testid="task-paused" />
          ) : null}
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
          <MobileDiscussionButton task={task} />
          <MobileTaskActions
            task={task}
            instance={instance.data}
            disabled={claim.isPending || complete.isPending}
            onLeave={(message) => {
              Toast.show({ icon: 'success', content: message });
              navigate(INBOX);
            }}
            onDone={(message) => Toast.show({ icon: 'success', content: message })}
            onFail={fail}
          />
          <section className="zl-m-section">
            <h2 className="zl-m-section-title">{t('workbench.tasks.formTitle')}</h2>
            <MobileCompletionForm
              task={task}
              submitting={complete.isPending}
              issues={formIssues(complete.error)}
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
      {instance.data ? <MobileTaskHistory instance={instance.data} /> : null}
    </>
  );
}

/** A task on a phone (`/m/workbench/tasks/:id`): what it is and its deadline, 签收, 退回/转办/评论/补正, the completion form and the history. */
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
