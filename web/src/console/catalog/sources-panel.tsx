import { useState, type HTMLAttributes } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ClockCircleOutlined, PlayCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { CollectionError, failureLabel } from './collection-problems';
import { collectionKeys, sourcePath, useSources, type CollectionLoad, type CollectionSource } from './collection-queries';
import { SourceModal } from './source-modal';

const MAX_INTERVAL = 60 * 24 * 31;

/** 定时归集: the resource's scheduled pulls — pause or resume, re-time, 立即归集, and add one. */
export function SourcesPanel({ resourceId }: { resourceId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sources = useSources(resourceId);
  const [adding, setAdding] = useState(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: collectionKeys.sources(resourceId) });
    void queryClient.invalidateQueries({ queryKey: collectionKeys.loads(resourceId) });
    void queryClient.invalidateQueries({ queryKey: collectionKeys.quality(resourceId) });
  };

  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: { enabled?: boolean; intervalMinutes?: number } }) =>
      api.patch<CollectionSource>(sourcePath(id), change),
    onSuccess: () => void message.success(t('collection.sources.updated')),
    onError: (error) => void message.error(errorMessage(error, t)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: collectionKeys.sources(resourceId) }),
  });

  const run = useMutation({
    mutationFn: (id: string) => api.post<CollectionLoad>(`${sourcePath(id)}/run`),
    onSuccess: (load) =>
      void message.success(
        t('collection.sources.ran', { read: load.rowsRead, inserted: load.inserted, updated: load.updated, bad: load.rowsBad }),
      ),
    onError: (error) => void message.error(errorMessage(error, t)),
    onSettled: refresh,
  });

  const retime = (source: CollectionSource, text: string) => {
    const minutes = Number(text.trim());
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_INTERVAL) {
      void message.error(t('collection.sources.intervalRange', { max: MAX_INTERVAL }));
      return;
    }
    if (minutes !== source.intervalMinutes) update.mutate({ id: source.id, change: { intervalMinutes: minutes } });
  };

  const columns: TableColumnsType<CollectionSource> = [
    {
      title: t('collection.sources.name'),
      key: 'name',
      render: (_, source) => (
        <Space direction="vertical" size={0}>
          <Space size={4}>
            <span>{source.name}</span>
            {source.hasAuthorization ? <Tag>{t('collection.sources.hasAuthorization')}</Tag> : null}
            {source.running ? <Tag color="processing">{t('collection.sources.running')}</Tag> : null}
          </Space>
          <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: 12 }} ellipsis={{ tooltip: source.url }}>
            {source.url}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('collection.sources.enabled'),
      key: 'enabled',
      width: 70,
      render: (_, source) => (
        <Switch
          size="small"
          checked={source.enabled}
          loading={update.isPending && update.variables?.id === source.id && update.variables.change.enabled !== undefined}
          onChange={(enabled) => update.mutate({ id: source.id, change: { enabled } })}
          data-testid={`source-enabled-${source.id}`}
        />
      ),
    },
    {
      title: t('collection.sources.interval'),
      key: 'interval',
      width: 140,
      render: (_, source) => (
        <Typography.Text
          editable={{
            text: String(source.intervalMinutes),
            onChange: (text) => retime(source, text),
            triggerType: ['icon'],
          }}
          data-testid={`source-interval-${source.id}`}
        >
          {t('collection.sources.intervalValue', { n: source.intervalMinutes })}
        </Typography.Text>
      ),
    },
    {
      title: t('collection.sources.cursor'),
      key: 'cursor',
      width: 180,
      render: (_, source) => (
        <Space direction="vertical" size={0}>
          <span className="zl-mono">{source.cursorField}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {source.cursor ? formatDateTime(source.cursor) : t('collection.sources.never')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('collection.sources.lastRun'),
      key: 'lastRun',
      width: 200,
      render: (_, source) => (
        <Space direction="vertical" size={0}>
          <span>{source.lastRunAt ? formatDateTime(source.lastRunAt) : t('collection.sources.never')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {source.enabled ? t('collection.sources.nextRun', { at: formatDateTime(source.nextRunAt) }) : t('collection.sources.paused')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('collection.sources.lastError'),
      key: 'lastError',
      render: (_, source) =>
        source.lastError ? (
          <Typography.Text type="danger" data-testid={`source-error-${source.id}`}>
            {failureLabel(t, source.lastError)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, source) => (
        <Button
          size="small"
          icon={<PlayCircleOutlined />}
          disabled={source.running}
          loading={run.isPending && run.variables === source.id}
          onClick={() => run.mutate(source.id)}
          data-testid={`source-run-${source.id}`}
        >
          {t('collection.sources.run')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space>
          <ClockCircleOutlined />
          {t('collection.sources.title')}
        </Space>
      }
      extra={
        <Space>
          <Button size="small" icon={<ReloadOutlined />} loading={sources.isFetching} onClick={() => void sources.refetch()}>
            {t('common.refresh')}
          </Button>
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="source-add">
            {t('collection.sources.add')}
          </Button>
        </Space>
      }
      data-testid="collection-sources"
    >
      {sources.isError ? (
        <CollectionError error={sources.error} onRetry={() => void sources.refetch()} />
      ) : (
        <Table<CollectionSource>
          dataSource={sources.data ?? []}
          columns={columns}
          rowKey="id"
          size="small"
          loading={sources.isPending}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('collection.sources.empty') }}
          onRow={(source) => ({ 'data-testid': `source-row-${source.id}` }) as HTMLAttributes<HTMLElement>}
          data-testid="sources-table"
        />
      )}
      {adding ? <SourceModal resourceId={resourceId} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}
