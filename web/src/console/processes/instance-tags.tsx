import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProcessInstanceStatus, TimeState } from '../../shared/api-types';
import { formatDateTime } from '../../shared/format';

const STATUS_COLORS: Record<ProcessInstanceStatus, string> = {
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** normal green, warning amber, overdue red, paused grey */
const TIME_COLORS: Record<TimeState, string> = { normal: 'green', warning: 'gold', overdue: 'red', paused: 'default' };

export function InstanceStatusTag({ status, testId }: { status: ProcessInstanceStatus; testId?: string }) {
  const { t } = useTranslation();
  const known = status in STATUS_COLORS;
  return (
    <Tag color={known ? STATUS_COLORS[status] : 'default'} data-testid={testId} data-status={status}>
      {known ? t(`consoleWorkflow.instances.statuses.${status}`) : status}
    </Tag>
  );
}

/** 承诺时限: the time state's colour, with the due date and time when there is one. */
export function TimeStateTag({ state, dueAt, testId }: { state: TimeState | null; dueAt: string | null; testId?: string }) {
  const { t } = useTranslation();
  if (!state && !dueAt) return <span className="zl-history-meta">{t('consoleWorkflow.instance.noDeadline')}</span>;
  const known = state !== null && state in TIME_COLORS;
  return (
    <Tag color={known ? TIME_COLORS[state] : 'default'} data-testid={testId} data-time-state={state ?? ''}>
      {known ? t(`consoleWorkflow.instances.timeStates.${state}`) : (state ?? '')}
      {dueAt ? ` · ${formatDateTime(dueAt)}` : null}
    </Tag>
  );
}
