import type { HTMLAttributes } from 'react';
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api';
import type { CatalogField } from '../../shared/api-types';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock } from '../../shared/desktop/states';
import { FAILURES, PROBLEM_REASONS, type Failure, type LoadStatus, type ProblemReason, type RowProblem } from './collection-queries';

/** Why a row broke a rule, in the reader's language (an unknown reason as the server named it). */
export function reasonLabel(t: TFunction, reason: string): string {
  return PROBLEM_REASONS.includes(reason as ProblemReason) ? t(`collection.reasons.${reason as ProblemReason}`) : reason;
}

/** What a load ended with (`collection.rows_invalid` …), in the reader's language. */
export function failureLabel(t: TFunction, code: string): string {
  const short = code.replace(/^collection\./, '');
  return FAILURES.includes(short as Failure) ? t(`collection.failures.${short as Failure}`) : code;
}

const STATUS_COLORS: Record<LoadStatus, string> = {
  created: 'default',
  receiving: 'processing',
  published: 'success',
  rejected: 'error',
  failed: 'warning',
};

export function LoadStatusTag({ status }: { status: LoadStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={`load-status-${status}`}>
      {t(`collection.statuses.${status}`)}
    </Tag>
  );
}

/** Counts by reason, most frequent first. */
export function ReasonCounts({ reasons, testId }: { reasons: Record<string, number>; testId?: string }) {
  const { t } = useTranslation();
  const entries = Object.entries(reasons).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return <Typography.Text type="secondary">{t('collection.problems.none')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap data-testid={testId}>
      {entries.map(([reason, count]) => (
        <Tag key={reason} color="red" data-testid={`reason-${reason}`}>
          {reasonLabel(t, reason)} × {count}
        </Tag>
      ))}
    </Space>
  );
}

/** A field by its Chinese label, with its name; a column the catalog does not know, by its name. */
function fieldCell(byName: Map<string, CatalogField>, name: string | null) {
  if (!name) return <Typography.Text type="secondary">—</Typography.Text>;
  const field = byName.get(name);
  return field ? (
    <span>
      {field.label}{' '}
      <Typography.Text type="secondary" className="zl-mono">
        {field.name}
      </Typography.Text>
    </span>
  ) : (
    <span className="zl-mono">{name}</span>
  );
}

/** The problems of a load or an assessment: 行号, 字段 (its Chinese label), 原因. */
export function ProblemsTable({
  problems,
  fields,
  testId = 'collection-problems',
  pageSize = 20,
}: {
  problems: RowProblem[];
  fields: CatalogField[];
  testId?: string;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  const byName = new Map(fields.map((field) => [field.name, field]));
  const columns: TableColumnsType<RowProblem> = [
    { title: t('collection.problems.row'), dataIndex: 'row', key: 'row', width: 100, align: 'right' },
    {
      title: t('collection.problems.field'),
      dataIndex: 'field',
      key: 'field',
      render: (name: string | null) => fieldCell(byName, name),
    },
    {
      title: t('collection.problems.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (reason: string) => reasonLabel(t, reason),
    },
  ];
  return (
    <Table<RowProblem>
      dataSource={problems}
      columns={columns}
      rowKey={(problem) => `${problem.row}:${problem.field ?? ''}:${problem.reason}`}
      size="small"
      pagination={problems.length > pageSize ? { pageSize, showSizeChanger: false, size: 'small' } : false}
      onRow={(problem) => ({ 'data-testid': `problem-row-${problem.row}` }) as HTMLAttributes<HTMLElement>}
      data-testid={testId}
    />
  );
}

/** A failed collection call: the shared 403 state when the viewer may not manage this resource's data, else the error. */
export function CollectionError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isApiError(error) && error.status === 403) return <ForbiddenResult />;
  return <ErrorBlock error={error} onRetry={onRetry} />;
}
