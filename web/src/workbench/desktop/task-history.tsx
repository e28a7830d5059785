import type { ReactNode } from 'react';
import { Card, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkflowInstanceStatus } from '../../shared/api-types';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { actionLabel, actionTone, entryDetail, entryText, stepNames } from '../task-history';
import { useInstance } from '../tasks';

const STATUS_COLORS: Record<WorkflowInstanceStatus, string> = {
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** 流转记录: the instance's status and its history as a timeline, oldest first. */
export function TaskHistory({ instanceId }: { instanceId: string }) {
  const { t } = useTranslation();
  const instance = useInstance(instanceId);
  const data = instance.data;

  let body: ReactNode;
  if (instance.isPending) body = <LoadingBlock />;
  else if (instance.isError) body = <ErrorBlock error={instance.error} onRetry={() => void instance.refetch()} />;
  else if (!data?.history.length) body = <Typography.Text type="secondary">{t('workbench.tasks.noHistory')}</Typography.Text>;
  else {
    const names = stepNames(data);
    const stepOf = (nodeId: string | null) => (nodeId ? (names.get(nodeId) ?? nodeId) : null);
    // Where it waits for people: its open tasks (a token waiting at a join is no step to a reader).
    const current = data.status === 'running' ? [...new Set(data.openTasks.map((task) => task.name || task.nodeId))] : [];
    body = (
      <Timeline
        pending={current.length ? t('workbench.tasks.current', { steps: current.join('、') }) : undefined}
        items={data.history.map((entry, index) => {
          const step = stepOf(entry.nodeId);
          const detail = entryDetail(entry, t, (nodeId) => names.get(nodeId) ?? nodeId);
          const words = entryText(entry);
          return {
            key: index,
            color: actionTone(entry.action),
            children: (
              <div className="zl-history-entry" data-testid="history-entry" data-action={entry.action}>
                <div>
                  <strong>{actionLabel(entry.action, t)}</strong>
                  {step ? <span> · {step}</span> : null}
                </div>
                {detail ? <div>{detail}</div> : null}
                {words ? (
                  <blockquote className="zl-history-text" data-testid="history-text">
                    {words}
                  </blockquote>
                ) : null}
                <div className="zl-history-meta">
                  {entry.actor ?? t('workbench.tasks.system')} · {formatDateTime(entry.at)}
                </div>
              </div>
            ),
          };
        })}
      />
    );
  }

  return (
    <Card
      title={t('workbench.tasks.history')}
      extra={
        data ? (
          <Tag color={STATUS_COLORS[data.status]} data-testid="instance-status" data-status={data.status}>
            {t(`workbench.tasks.instanceStatus.${data.status}`)}
          </Tag>
        ) : null
      }
      data-testid="task-history"
    >
      {data ? (
        <div className="zl-history-meta" style={{ marginBottom: 16 }}>
          <div>{t('workbench.tasks.startedAt', { at: formatDateTime(data.startedAt) })}</div>
          {data.endedAt ? <div>{t('workbench.tasks.endedAt', { at: formatDateTime(data.endedAt) })}</div> : null}
        </div>
      ) : null}
      {body}
    </Card>
  );
}
