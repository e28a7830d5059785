import type { HTMLAttributes } from 'react';
import { HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogField } from '../../shared/api-types';
import { LoadingBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { CollectionError, failureLabel, LoadStatusTag, ProblemsTable, ReasonCounts } from './collection-problems';
import { useLoad, useLoads, type CollectionLoad } from './collection-queries';

/** A load's problems, fetched when its row is expanded (a list carries none). */
function LoadProblems({ id, fields }: { id: string; fields: CatalogField[] }) {
  const { t } = useTranslation();
  const load = useLoad(id);
  if (load.isPending) return <LoadingBlock />;
  if (load.isError) return <CollectionError error={load.error} onRetry={() => void load.refetch()} />;
  const data = load.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`load-detail-${id}`}>
      {data.failure ? <Alert type="error" showIcon message={failureLabel(t, data.failure)} /> : null}
      {Object.keys(data.reasons).length ? <ReasonCounts reasons={data.reasons} /> : null}
      {data.problems.length ? (
        <ProblemsTable problems={data.problems} fields={fields} testId={`load-problems-${id}`} />
      ) : data.failure ? null : (
        <Typography.Text type="secondary">{t('collection.problems.none')}</Typography.Text>
      )}
    </Space>
  );
}

/** 归集记录: the resource's latest 50 loads, uploads and scheduled pulls; a row opens its problems. */
export function LoadsHistory({ resourceId, fields }: { resourceId: string; fields: CatalogField[] }) {
  const { t } = useTranslation();
  const loads = useLoads(resourceId);
  const columns: TableColumnsType<CollectionLoad> = [
    {
      title: t('collection.history.time'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (createdAt: string) => formatDateTime(createdAt),
    },
    {
      title: t('collection.history.source'),
      dataIndex: 'source',
      key: 'source',
      width: 80,
      render: (source: CollectionLoad['source']) => (
        <Tag color={source === 'pull' ? 'purple' : 'blue'}>{t(`collection.history.sources.${source}`)}</Tag>
      ),
    },
    {
      title: t('collection.history.file'),
      key: 'file',
      ellipsis: true,
      render: (_, load) => (
        <Space size={4} direction="vertical">
          <span title={load.fileName}>{load.fileName || '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`collection.formats.${load.format}`)} · {t(`collection.modes.${load.mode}`)} · {t(`collection.onErrors.${load.onError}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('collection.history.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (status: CollectionLoad['status']) => <LoadStatusTag status={status} />,
    },
    {
      title: t('collection.history.rows'),
      key: 'rows',
      width: 110,
      align: 'right',
      render: (_, load) => (
        <span>
          {load.rowsRead} / {load.rowsBad ? <Typography.Text type="danger">{load.rowsBad}</Typography.Text> : <span>{load.rowsBad}</span>}
        </span>
      ),
    },
    {
      title: t('collection.history.changes'),
      key: 'changes',
      width: 130,
      align: 'right',
      render: (_, load) => (load.status === 'published' ? `${load.inserted} / ${load.updated} / ${load.deleted}` : '—'),
    },
  ];
  return (
    <Card
      title={
        <Space>
          <HistoryOutlined />
          {t('collection.history.title')}
        </Space>
      }
      extra={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={loads.isFetching}
          onClick={() => void loads.refetch()}
          data-testid="loads-refresh"
        >
          {t('common.refresh')}
        </Button>
      }
    >
      {loads.isError ? (
        <CollectionError error={loads.error} onRetry={() => void loads.refetch()} />
      ) : (
        <Table<CollectionLoad>
          dataSource={loads.data ?? []}
          columns={columns}
          rowKey="id"
          size="small"
          loading={loads.isPending}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: t('collection.history.empty') }}
          expandable={{
            expandedRowRender: (load) => <LoadProblems id={load.id} fields={fields} />,
            rowExpandable: (load) => load.rowsBad > 0 || Boolean(load.failure),
          }}
          onRow={(load) => ({ 'data-testid': `load-row-${load.id}`, 'data-status': load.status }) as HTMLAttributes<HTMLElement>}
          data-testid="collection-history"
        />
      )}
    </Card>
  );
}
