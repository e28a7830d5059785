import { Card, Input, Select, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ProcessInstanceStatus, ProcessInstanceSummary } from '../../shared/api-types';
import { PagedTable } from '../../shared/desktop/paged-table';
import { formatDateTime } from '../../shared/format';
import { INSTANCE_STATUSES, useInstances } from './instance-queries';
import { InstanceStatusTag, TimeStateTag } from './instance-tags';

const ITEM_ID = /^node_[0-9a-z]{26}$/;

const isStatus = (value: string | null): value is ProcessInstanceStatus =>
  value !== null && (INSTANCE_STATUSES as readonly string[]).includes(value);

/** 流程监控: process instances the viewer may see, newest first, by item and status. */
export function InstancesPage() {
  const { t } = useTranslation();
  // The filters live in the address (`?itemId=&status=`), so the designer can link here.
  const [params, setParams] = useSearchParams();
  const itemParam = params.get('itemId') ?? '';
  // The server takes only a whole item id (node_ + 26 characters); anything else filters nothing.
  const itemId = ITEM_ID.test(itemParam) ? itemParam : '';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const instances = useInstances({ itemId, status });

  const setFilter = (name: 'itemId' | 'status', value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<ProcessInstanceSummary> = [
    {
      title: t('consoleWorkflow.instances.id'),
      dataIndex: 'id',
      key: 'id',
      render: (id: string) => (
        <Link to={`/console/processes/${encodeURIComponent(id)}`} className="zl-mono" data-testid={`instance-link-${id}`}>
          {id}
        </Link>
      ),
    },
    {
      title: t('consoleWorkflow.instances.item'),
      key: 'item',
      render: (_, row) => (
        <div>
          <div>{row.itemName}</div>
          <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em' }}>
            {row.itemId}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('consoleWorkflow.instances.businessKey'),
      dataIndex: 'businessKey',
      key: 'businessKey',
      render: (key: string | null) => (key ? <span className="zl-mono">{key}</span> : '—'),
    },
    {
      title: t('consoleWorkflow.instances.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (value: ProcessInstanceStatus) => <InstanceStatusTag status={value} />,
    },
    {
      title: t('consoleWorkflow.instances.timeState'),
      key: 'time',
      render: (_, row) => <TimeStateTag state={row.timeState} dueAt={row.dueAt} />,
    },
    {
      title: t('consoleWorkflow.instances.startedAt'),
      dataIndex: 'startedAt',
      key: 'startedAt',
      width: 180,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('consoleWorkflow.instances.endedAt'),
      dataIndex: 'endedAt',
      key: 'endedAt',
      width: 180,
      render: (at: string | null) => (at ? formatDateTime(at) : '—'),
    },
  ];

  return (
    <Card title={t('consoleWorkflow.nav.processes')} data-testid="console-processes">
      <div className="zl-toolbar">
        <Input.Search
          key={itemParam}
          allowClear
          defaultValue={itemParam}
          status={itemParam && !itemId ? 'error' : undefined}
          placeholder={t('consoleWorkflow.instances.itemId')}
          onSearch={(value) => setFilter('itemId', value.trim() || undefined)}
          style={{ width: 300 }}
          data-testid="processes-item-filter"
        />
        <Select<ProcessInstanceStatus>
          allowClear
          placeholder={t('consoleWorkflow.instances.status')}
          value={status}
          onChange={(value) => setFilter('status', value)}
          options={INSTANCE_STATUSES.map((value) => ({ value, label: t(`consoleWorkflow.instances.statuses.${value}`) }))}
          style={{ width: 140 }}
          data-testid="processes-status-filter"
        />
      </div>
      <PagedTable
        query={instances}
        columns={columns}
        rowKey="id"
        size="middle"
        scroll={{ x: 1100 }}
        emptyText={t('consoleWorkflow.instances.empty')}
        testId="processes-table"
        loadMoreTestId="processes-load-more"
      />
    </Card>
  );
}
