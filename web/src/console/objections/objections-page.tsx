import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Radio, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { ErrorBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { useResource } from '../catalog/catalog-queries';
import { ConsumerName, OwnerName, ResourceName } from '../sharing/sharing-cells';
import { OBJECTION_STATUSES, useObjections, type Objection, type ObjectionStatus } from './objections-queries';
import { RaiseObjectionModal } from './raise-modal';
import { TaskLink } from './task-link';
import './objections.css';

const STATUS_COLORS: Record<ObjectionStatus, string> = { open: 'blue', accepted: 'green', rejected: 'default' };

/** 待答复 (blue), 异议成立 (green), 异议不成立; with 已更正 when the provider corrected the data. */
function ObjectionStatusTag({ objection }: { objection: Objection }) {
  const { t } = useTranslation();
  const known = objection.status in STATUS_COLORS;
  return (
    <Space size={0} wrap>
      <Tag color={known ? STATUS_COLORS[objection.status] : 'default'} data-status={objection.status}>
        {known ? t(`objections.statuses.${objection.status}`) : objection.status}
      </Tag>
      {objection.corrected ? <Tag color="cyan">{t('objections.corrected')}</Tag> : null}
    </Space>
  );
}

/** A field of the resource by its Chinese label (its name until the catalog answers). */
function FieldLabel({ resourceId, name }: { resourceId: string; name: string }) {
  const resource = useResource(resourceId);
  const label = resource.data?.fields.find((field) => field.name === name)?.label;
  return label ? <span title={name}>{label}</span> : <span className="zl-mono">{name}</span>;
}

function clamp(text: string | null): ReactNode {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Paragraph ellipsis={{ rows: 3, tooltip: text }} style={{ margin: 0 }}>
      {text}
    </Typography.Paragraph>
  );
}

function ObjectionsTable({ rows, loading }: { rows: Objection[]; loading: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Objection> = [
    {
      title: t('objections.column.resource'),
      key: 'resource',
      width: 190,
      fixed: 'left',
      render: (_, objection) => <ResourceName resourceId={objection.resourceId} />,
    },
    {
      title: t('objections.column.status'),
      key: 'status',
      width: 150,
      render: (_, objection) => (
        <Space size={4} wrap>
          <ObjectionStatusTag objection={objection} />
          {objection.status === 'open' && objection.side === 'owner' ? (
            <TaskLink instanceId={objection.instanceId} testId={`objection-handle-${objection.id}`} />
          ) : null}
        </Space>
      ),
    },
    {
      title: t('objections.column.side'),
      key: 'side',
      width: 120,
      filters: (['consumer', 'owner'] as const).map((side) => ({ text: t(`objections.sides.${side}`), value: side })),
      onFilter: (value, objection) => objection.side === value,
      render: (_, objection) => (
        <Tag color={objection.side === 'consumer' ? 'blue' : 'gold'} data-side={objection.side}>
          {t(`objections.sides.${objection.side}`)}
        </Tag>
      ),
    },
    {
      title: t('objections.column.counterpart'),
      key: 'counterpart',
      width: 170,
      render: (_, objection) =>
        objection.side === 'consumer' ? (
          <OwnerName resourceId={objection.resourceId} orgId={objection.ownerOrgId} />
        ) : (
          <ConsumerName orgId={objection.consumerOrgId} instanceId={objection.instanceId} />
        ),
    },
    {
      title: t('objections.column.record'),
      key: 'record',
      width: 230,
      render: (_, objection) => (
        <div>
          <Typography.Text type="secondary">
            <FieldLabel resourceId={objection.resourceId} name={objection.keyField} />
          </Typography.Text>
          <div className="zl-mono" data-testid="objection-key">
            {objection.keyValue}
          </div>
        </div>
      ),
    },
    {
      title: t('objections.column.field'),
      key: 'field',
      width: 120,
      render: (_, objection) =>
        objection.field ? (
          <FieldLabel resourceId={objection.resourceId} name={objection.field} />
        ) : (
          <Typography.Text type="secondary">{t('objections.wholeRecord')}</Typography.Text>
        ),
    },
    { title: t('objections.column.description'), dataIndex: 'description', key: 'description', width: 220, render: clamp },
    {
      title: t('objections.column.answer'),
      key: 'answer',
      width: 240,
      render: (_, objection) =>
        objection.answer ? (
          <div>
            {clamp(objection.answer)}
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {formatDateTime(objection.answeredAt)}
            </Typography.Text>
          </div>
        ) : (
          clamp(null)
        ),
    },
    {
      title: t('objections.column.raisedAt'),
      dataIndex: 'raisedAt',
      key: 'raisedAt',
      width: 165,
      render: (at: string) => formatDateTime(at),
    },
  ];
  return (
    <Table<Objection>
      dataSource={rows}
      columns={columns}
      rowKey="id"
      size="middle"
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1580 }}
      locale={{ emptyText: t('objections.list.empty') }}
      onRow={(objection) =>
        ({
          'data-testid': `objection-row-${objection.id}`,
          'data-resource-id': objection.resourceId,
          'data-status': objection.status,
          'data-side': objection.side,
        }) as HTMLAttributes<HTMLElement>
      }
      data-testid="objections-table"
    />
  );
}

/**
 * 数据异议 (P2.5): records the organisation flagged as wrong in data it was granted (提出方), and
 * those flagged in its own data (数据提供方), answered in the Workbench task 核实并答复数据异议.
 */
export function ObjectionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = OBJECTION_STATUSES.find((candidate) => candidate === params.get('status'));
  const [raising, setRaising] = useState(false);
  const objections = useObjections(status);

  const setStatus = (next: ObjectionStatus | undefined) => setParams(next ? { status: next } : {}, { replace: true });

  return (
    <Card
      title={t('objections.nav')}
      extra={
        <Space wrap>
          <Button
            icon={<ReloadOutlined />}
            loading={objections.isFetching}
            onClick={() => void objections.refetch()}
            data-testid="objections-refresh"
          >
            {t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!me.orgId}
            onClick={() => setRaising(true)}
            data-testid="objection-raise"
          >
            {t('objections.list.raise')}
          </Button>
        </Space>
      }
      data-testid="console-objections"
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('objections.list.intro')}
        </Typography.Paragraph>
        {me.orgId ? null : <Alert type="warning" showIcon message={t('objections.list.noOrg')} />}
        <Radio.Group
          optionType="button"
          value={status ?? 'all'}
          onChange={(event) => setStatus(event.target.value === 'all' ? undefined : (event.target.value as ObjectionStatus))}
          data-testid="objections-status-filter"
        >
          {(['all', ...OBJECTION_STATUSES] as const).map((value) => (
            <Radio.Button key={value} value={value}>
              <span data-testid={`objections-status-${value}`}>
                {value === 'all' ? t('common.all') : t(`objections.statuses.${value}`)}
              </span>
            </Radio.Button>
          ))}
        </Radio.Group>
        {objections.isError ? (
          <ErrorBlock error={objections.error} onRetry={() => void objections.refetch()} />
        ) : (
          <ObjectionsTable rows={objections.data ?? []} loading={objections.isPending} />
        )}
      </Space>
      {raising ? (
        <RaiseObjectionModal
          onClose={() => setRaising(false)}
          onDone={() => {
            setRaising(false);
            setStatus(undefined);
          }}
        />
      ) : null}
    </Card>
  );
}
