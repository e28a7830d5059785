import type { ReactNode } from 'react';
import { ClockCircleOutlined } from '@ant-design/icons';
import { Badge, Card, List, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkflowTask } from '../../shared/api-types';
import { EmptyBlock, ErrorBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import {
  formatDue,
  formatWaiting,
  multiInstanceLabel,
  taskSubject,
  TIME_STATE_TAG_COLORS,
  timeStateClass,
  useMyTasks,
  useNow,
} from '../tasks';
import '../tasks.css';

/** How many tasks the home card shows; 查看全部 opens the rest. */
const HOME_LIMIT = 8;

export const taskPath = (task: Pick<WorkflowTask, 'id'>) => `/workbench/tasks/${encodeURIComponent(task.id)}`;

function ClaimTag({ task }: { task: WorkflowTask }) {
  const { t } = useTranslation();
  return task.assignee ? <Tag color="blue">{t('workbench.tasks.claimed')}</Tag> : <Tag>{t('workbench.tasks.unclaimed')}</Tag>;
}

function Waiting({ task, now }: { task: WorkflowTask; now: number }) {
  const { t } = useTranslation();
  return (
    <span className="zl-wait" title={formatDateTime(task.createdAt)}>
      <ClockCircleOutlined /> {formatWaiting(task.createdAt, now, t)}
    </span>
  );
}

/** 办结时限: the due date and time (the server counts working days), and the state tag. */
function Due({ task, withDate = true }: { task: WorkflowTask; withDate?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {withDate ? (
        <span className={`zl-due ${timeStateClass(task.timeState, 'zl-due')}`} data-testid="task-due" data-due={task.dueAt ?? ''}>
          {task.dueAt ? formatDue(task.dueAt) : t('workbench.tasks.noDue')}
        </span>
      ) : null}
      {task.timeState ? (
        <Tag
          color={TIME_STATE_TAG_COLORS[task.timeState]}
          data-testid="task-time-state"
          data-state={task.timeState}
          style={{ marginInlineEnd: 0 }}
        >
          {t(`workbench.tasks.timeState.${task.timeState}`)}
        </Tag>
      ) : null}
    </Space>
  );
}

function MultiInstanceTag({ task }: { task: WorkflowTask }) {
  const { t } = useTranslation();
  const label = multiInstanceLabel(task, t);
  return label ? <Tag color="purple">{label}</Tag> : null;
}

/** Workbench home: the 待办 card, by deadline (as the server sorts), each task linking to its page. */
export function InboxCard() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const now = useNow();
  const items = tasks.data ?? [];
  let body: ReactNode;
  if (tasks.isError) body = <ErrorBlock error={tasks.error} onRetry={() => void tasks.refetch()} />;
  else if (tasks.isSuccess && !items.length) body = <EmptyBlock title={t('workbench.home.inboxEmpty')} />;
  else
    body = (
      <List<WorkflowTask>
        loading={tasks.isPending}
        dataSource={items.slice(0, HOME_LIMIT)}
        split={false}
        renderItem={(task) => (
          <Link
            to={taskPath(task)}
            state={{ from: '/workbench' }}
            className={`zl-inbox-item ${timeStateClass(task.timeState, 'is')}`}
            data-testid={`inbox-item-${task.id}`}
            data-time-state={task.timeState ?? ''}
          >
            <div className="zl-inbox-main">
              <div className="zl-inbox-name">{task.name || task.nodeId}</div>
              <div className="zl-inbox-meta">{taskSubject(task) || t('workbench.tasks.step', { step: task.nodeId })}</div>
              <div className="zl-inbox-meta">
                {task.dueAt ? (
                  <span className={`zl-due ${timeStateClass(task.timeState, 'zl-due')}`} data-testid="task-due" data-due={task.dueAt}>
                    {t('workbench.tasks.due')} {formatDue(task.dueAt)}
                  </span>
                ) : null}
                <Waiting task={task} now={now} />
              </div>
            </div>
            <div className="zl-inbox-tags">
              <Due task={task} withDate={false} />
              <MultiInstanceTag task={task} />
              <ClaimTag task={task} />
            </div>
          </Link>
        )}
      />
    );
  return (
    <Card
      title={
        <span>
          {t('workbench.home.inbox')} <Badge count={items.length} showZero={false} overflowCount={99} data-testid="inbox-count" />
        </span>
      }
      extra={items.length ? <Link to="/workbench/tasks">{t('workbench.tasks.viewAll')}</Link> : null}
      styles={{ body: { paddingTop: 8 } }}
      data-testid="workbench-inbox"
    >
      {body}
    </Card>
  );
}

function columns(t: TFunction, now: number): TableColumnsType<WorkflowTask> {
  return [
    {
      title: t('workbench.tasks.columns.name'),
      dataIndex: 'name',
      render: (_, task) => (
        <Space size={4} wrap>
          <Link to={taskPath(task)} state={{ from: '/workbench/tasks' }} data-testid={`inbox-item-${task.id}`}>
            {task.name || task.nodeId}
          </Link>
          <MultiInstanceTag task={task} />
        </Space>
      ),
    },
    {
      title: t('workbench.tasks.columns.item'),
      key: 'item',
      render: (_, task) => (
        <div>
          <div>{task.itemName}</div>
          {task.businessKey ? <div className="zl-inbox-meta">{task.businessKey}</div> : null}
        </div>
      ),
    },
    { title: t('workbench.tasks.columns.step'), dataIndex: 'nodeId' },
    { title: t('workbench.tasks.columns.claim'), key: 'claim', render: (_, task) => <ClaimTag task={task} /> },
    { title: t('workbench.tasks.columns.due'), key: 'due', render: (_, task) => <Due task={task} /> },
    { title: t('workbench.tasks.columns.arrived'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) },
    { title: t('workbench.tasks.columns.waiting'), key: 'waiting', render: (_, task) => <Waiting task={task} now={now} /> },
  ];
}

/** 待办 (`/workbench/tasks`): every open task the viewer may work on, as a table, by deadline (as the server sorts). */
export function TaskListPage() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const now = useNow();
  return (
    <Card title={t('workbench.tasks.title')}>
      {tasks.isError ? (
        <ErrorBlock error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : (
        <Table<WorkflowTask>
          rowKey="id"
          columns={columns(t, now)}
          dataSource={tasks.data ?? []}
          loading={tasks.isPending}
          pagination={false}
          rowClassName={(task) => timeStateClass(task.timeState, 'zl-task-row')}
          locale={{ emptyText: t('workbench.tasks.empty') }}
          data-testid="task-list"
        />
      )}
    </Card>
  );
}
