import { ArrowLeftOutlined, FlagOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { WorkflowTaskDetail, WorkflowTaskStatus } from '../../shared/api-types';
import { hasPermission, useMe } from '../../shared/auth';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { formIssues } from '../../shared/forms/schema';
import { SchemaForm } from '../../shared/forms/schema-form';
import {
  claimState,
  completedMessage,
  formatDue,
  formatWaiting,
  isTaskGone,
  multiInstanceLabel,
  TIME_STATE_TAG_COLORS,
  timeStateClass,
  useCompletionForm,
  useInstance,
  useNow,
  useTask,
  useTaskActions,
} from '../tasks';
import { useCaseForTask } from '../case-queries';
import { CaseCard } from './case-card';
import { TaskActions } from './task-actions';
import { TaskForm } from './task-form';
import { DiscussionGroupButton } from './discussion-group-button';
import { TaskHistory } from './task-history';
import '../tasks.css';

const STATUS_COLORS: Record<WorkflowTaskStatus, string> = { open: 'processing', completed: 'success', cancelled: 'default' };
const INBOXES = ['/workbench', '/workbench/tasks'];

/** Where 返回 and a finished task go: the inbox the task was opened from. */
function useBackPath(): string {
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && INBOXES.includes(from) ? from : '/workbench/tasks';
}

/** 办结时限 and its state: the date and time the server computed (working days), coloured by state. */
function TaskDue({ task }: { task: Pick<WorkflowTaskDetail, 'dueAt' | 'timeState'> }) {
  const { t } = useTranslation();
  return (
    <Space size={8} wrap>
      <span className={`zl-due ${timeStateClass(task.timeState, 'zl-due')}`} data-testid="task-due" data-due={task.dueAt ?? ''}>
        {task.dueAt ? formatDue(task.dueAt) : t('workbench.tasks.noDue')}
      </span>
      {task.timeState ? (
        <Tag color={TIME_STATE_TAG_COLORS[task.timeState]} data-testid="task-time-state" data-state={task.timeState}>
          {t(`workbench.tasks.timeState.${task.timeState}`)}
        </Tag>
      ) : null}
    </Space>
  );
}

/**
 * The form to complete the task with: the task's JSON Schema form, its initial values the
 * prefill under what the instance already holds for it (a failed prefill counting as none),
 * or the 同意/不同意 decision form for a task without a form.
 */
function CompletionForm({
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
  if (!schema) return <TaskForm key={task.id} formKey={task.formKey} submitting={submitting} onSubmit={onSubmit} />;
  if (loading) return <LoadingBlock />;
  return (
    <div data-testid="task-form" data-form="schema">
      <SchemaForm
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

function TaskPanel({ task, back }: { task: WorkflowTaskDetail; back: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const now = useNow();
  const instance = useInstance(task.instanceId);
  const { claim, complete } = useTaskActions(task.id);
  const open = task.status === 'open';
  const acting = open && task.mayAct;
  const claimed = claimState(task, me.id);
  const busy = claim.isPending || complete.isPending;
  const issues = formIssues(complete.error);
  const mi = multiInstanceLabel(task, t);

  const fail = (error: unknown) => {
    if (formIssues(error) && task.form) {
      void message.error(t('workbench.tasks.formInvalid'));
      return;
    }
    void message.error(errorMessage(error, t));
    if (isTaskGone(error)) navigate(back);
  };
  const onClaim = (take: boolean) =>
    claim.mutate(take, {
      onSuccess: () => void message.success(t(take ? 'workbench.tasks.claimDone' : 'workbench.tasks.unclaimDone')),
      onError: fail,
    });
  const onComplete = (variables: Record<string, unknown>) =>
    complete.mutate(variables, {
      onSuccess: (done) => {
        void message.success(completedMessage(done, t));
        navigate(back);
      },
      onError: fail,
    });

  return (
    <Card
      title={
        <Space wrap>
          <span data-testid="task-name">{task.name || task.nodeId}</span>
          <Tag color={STATUS_COLORS[task.status]} data-testid="task-status" data-status={task.status}>
            {t(`workbench.tasks.status.${task.status}`)}
          </Tag>
          {mi ? (
            <Tag color="purple" data-testid="task-multi-instance">
              {mi}
            </Tag>
          ) : null}
        </Space>
      }
      extra={
        acting && claimed === 'unclaimed' ? (
          <Button type="primary" ghost loading={claim.isPending} disabled={busy} onClick={() => onClaim(true)} data-testid="task-claim">
            {t('workbench.tasks.claim')}
          </Button>
        ) : acting && claimed === 'mine' ? (
          <Button loading={claim.isPending} disabled={busy} onClick={() => onClaim(false)} data-testid="task-unclaim">
            {t('workbench.tasks.unclaim')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
        size="small"
        items={[
          { key: 'item', label: t('workbench.tasks.item'), children: <span data-testid="task-item">{task.itemName}</span> },
          ...(task.businessKey
            ? [
                {
                  key: 'businessKey',
                  label: t('workbench.tasks.businessKey'),
                  children: <span data-testid="task-business-key">{task.businessKey}</span>,
                },
              ]
            : []),
          { key: 'step', label: t('workbench.tasks.columns.step'), children: task.nodeId },
          {
            key: 'claim',
            label: t('workbench.tasks.columns.claim'),
            children: task.assignee ? <Tag color="blue">{t('workbench.tasks.claimed')}</Tag> : <Tag>{t('workbench.tasks.unclaimed')}</Tag>,
          },
          { key: 'due', label: t('workbench.tasks.due'), children: <TaskDue task={task} /> },
          { key: 'arrived', label: t('workbench.tasks.arrivedAt'), children: formatDateTime(task.createdAt) },
          ...(open
            ? [
                {
                  key: 'waiting',
                  label: t('workbench.tasks.columns.waiting'),
                  children: <span className="zl-wait">{formatWaiting(task.createdAt, now, t)}</span>,
                },
              ]
            : []),
        ]}
      />
      <CaseCard businessKey={task.businessKey} />
      {open && !acting ? (
        <Alert style={{ marginTop: 16 }} type="info" showIcon message={t('workbench.tasks.monitorOnly')} data-testid="task-monitor-only" />
      ) : null}
      {acting ? (
        <>
          {claimed === 'unclaimed' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('workbench.tasks.claimHint')}
            </Typography.Paragraph>
          ) : claimed === 'assigned' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('workbench.tasks.assignedHint')}
            </Typography.Paragraph>
          ) : null}
          {instance.data?.clockPaused ? (
            <Alert style={{ marginTop: 16 }} type="warning" showIcon message={t('workbench.tasks.pausedHint')} data-testid="task-paused" />
          ) : null}
          <div style={{ marginTop: 16 }}>
            <TaskActions
              task={task}
              instance={instance.data}
              disabled={busy}
              onLeave={(text) => {
                void message.success(text);
                navigate(back);
              }}
              onDone={(text) => void message.success(text)}
              onFail={fail}
            />
          </div>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('workbench.tasks.formTitle')}
          </Typography.Title>
          <CompletionForm task={task} submitting={complete.isPending} issues={issues} onSubmit={onComplete} />
        </>
      ) : open ? null : (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          message={t('workbench.tasks.closed')}
          action={<Button onClick={() => navigate(back)}>{t('workbench.tasks.back')}</Button>}
        />
      )}
    </Card>
  );
}

/**
 * 对此下达批示: for a leader (`instruction.issue`), the 下达批示 form with this task as its subject —
 * or its one-stop case, when the leader may read the case.
 */
function IssueOnTaskButton({ task }: { task: WorkflowTaskDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const found = useCaseForTask(task.businessKey);
  if (!hasPermission(me, 'instruction.issue')) return null;
  const subject = found.data
    ? { subjectType: 'case', subjectId: found.data.id, subjectTitle: `${found.data.caseNo} ${found.data.serviceName}` }
    : { subjectType: 'task', subjectId: task.id, subjectTitle: [task.itemName, task.name].filter(Boolean).join('：') };
  return (
    <Button
      icon={<FlagOutlined />}
      onClick={() => navigate(`/workbench/instructions/new?${new URLSearchParams(subject)}`)}
      data-testid="task-issue-instruction"
    >
      {t('workbench.instructions.issueOnThis')}
    </Button>
  );
}

/** 办理 a task (`/workbench/tasks/:id`): the task and its form on the left, the instance's history on the right. */
export function TaskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const back = useBackPath();
  const navigate = useNavigate();
  const task = useTask(id);
  return (
    <div data-testid="task-page">
      <div className="zl-page-actions">
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} style={{ paddingInline: 0 }}>
          {t('workbench.tasks.back')}
        </Button>
        {task.data ? (
          <Space wrap>
            <DiscussionGroupButton task={task.data} />
            <IssueOnTaskButton task={task.data} />
          </Space>
        ) : null}
      </div>
      {task.isPending ? (
        <LoadingBlock />
      ) : task.isError ? (
        <ErrorBlock error={task.error} onRetry={() => void task.refetch()} />
      ) : (
        <Row gutter={[24, 24]}>
          <Col xs={24} xl={14}>
            <TaskPanel task={task.data} back={back} />
          </Col>
          <Col xs={24} xl={10}>
            <TaskHistory instanceId={task.data.instanceId} />
          </Col>
        </Row>
      )}
    </div>
  );
}
