import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SafetyCertificateOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Progress, Row, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import type { CatalogField } from '../../shared/api-types';
import { useMe } from '../../shared/auth';
import { EmptyBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { canOpen } from '../sections';
import { CollectionError, ProblemsTable, ReasonCounts } from './collection-problems';
import { collectionKeys, qualityPath, useQuality, type DataQuality } from './collection-queries';

/** Green from 90, orange from 60, red below. */
export function scoreColor(score: number): string {
  if (score >= 90) return '#52c41a';
  if (score >= 60) return '#fa8c16';
  return '#f5222d';
}

/** What an assessment checked: an upload's load, a scheduled pull's, or a full check. */
function basisText(t: TFunction, basis: string | null): string {
  if (!basis) return '—';
  const [kind, id] = basis.split(':');
  if (kind === 'load' || kind === 'pull' || kind === 'check') return `${t(`collection.quality.bases.${kind}`)}${id ? ` · ${id}` : ''}`;
  return basis;
}

function freshness(t: TFunction, quality: DataQuality) {
  if (quality.freshnessDays === null) return <Tag data-testid="quality-fresh">{t('collection.quality.noFreshness')}</Tag>;
  return (
    <Space size={4} wrap>
      <Tag color={quality.fresh ? 'success' : 'error'} data-testid="quality-fresh" data-fresh={quality.fresh ? 'true' : 'false'}>
        {quality.fresh ? t('collection.quality.fresh') : t('collection.quality.stale')}
      </Tag>
      <Typography.Text type="secondary">{t('collection.quality.freshWithin', { days: quality.freshnessDays })}</Typography.Text>
    </Space>
  );
}

function qualityItems(t: TFunction, quality: DataQuality): DescriptionsProps['items'] {
  return [
    {
      key: 'validity',
      label: t('collection.quality.validity'),
      children: (
        <span data-testid="quality-validity">
          {quality.validity === null ? '—' : `${(quality.validity * 100).toFixed(1).replace(/\.0$/, '')}%`}
        </span>
      ),
    },
    { key: 'freshness', label: t('collection.quality.freshness'), children: freshness(t, quality) },
    {
      key: 'recordsUpdatedAt',
      label: t('collection.quality.recordsUpdatedAt'),
      children: quality.recordsUpdatedAt ? formatDateTime(quality.recordsUpdatedAt) : t('collection.quality.noRecords'),
    },
    {
      key: 'rows',
      label: t('collection.quality.rows'),
      children: (
        <span data-testid="quality-rows">
          {quality.checkedRows} / {quality.badRows ? <Typography.Text type="danger">{quality.badRows}</Typography.Text> : quality.badRows}
        </span>
      ),
    },
    { key: 'basis', label: t('collection.quality.basis'), children: <span className="zl-mono">{basisText(t, quality.basis)}</span> },
    { key: 'checkedAt', label: t('collection.quality.checkedAt'), children: formatDateTime(quality.checkedAt) || '—' },
  ];
}

/** The open 数据质量整改: to its instance (for those who monitor processes) or to the Workbench, where stewards do it. */
function Rectification({ instanceId }: { instanceId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Alert
      type="warning"
      showIcon
      message={t('collection.quality.rectification')}
      description={t('collection.quality.rectificationBody')}
      action={
        <Space direction="vertical">
          {canOpen(me, 'processes') ? (
            <Link to={`/console/processes/${encodeURIComponent(instanceId)}`} data-testid="quality-rectification-link">
              {t('collection.quality.openInstance')}
            </Link>
          ) : null}
          {me.permissions.includes('workbench.use') ? (
            <a href="/workbench/tasks" data-testid="quality-rectification-tasks">
              {t('collection.quality.openWorkbench')}
            </a>
          ) : null}
        </Space>
      }
      data-testid="quality-rectification"
      data-instance-id={instanceId}
    />
  );
}

/** 数据质量: the score (validity, less points when stale), the problems found and the open rectification; 全量检查 on demand. */
export function QualityPanel({ resourceId, fields }: { resourceId: string; fields: CatalogField[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const quality = useQuality(resourceId);

  const check = useMutation({
    mutationFn: () => api.post<DataQuality>(`${qualityPath(resourceId)}/check`),
    onSuccess: (result) => {
      queryClient.setQueryData(collectionKeys.quality(resourceId), result);
      void message.success(t('collection.quality.checked', { score: result.score ?? '—' }));
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  let body;
  if (quality.isPending) body = <LoadingBlock />;
  else if (quality.isError) body = <CollectionError error={quality.error} onRetry={() => void quality.refetch()} />;
  else if (quality.data.score === null)
    body = <EmptyBlock title={t('collection.quality.notAssessed')} description={t('collection.quality.notAssessedHint')} />;
  else {
    const data = quality.data;
    const score = data.score ?? 0;
    body = (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {data.rectificationInstanceId ? <Rectification instanceId={data.rectificationInstanceId} /> : null}
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={7} xl={5} style={{ textAlign: 'center' }}>
            <Progress
              type="circle"
              percent={score}
              strokeColor={scoreColor(score)}
              format={(value) => <span style={{ color: scoreColor(score) }}>{value}</span>}
              data-testid="quality-score"
              data-score={score}
            />
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('collection.quality.score')}</Typography.Text>
            </div>
            {!data.fresh ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('collection.quality.stalePenalty')}
              </Typography.Text>
            ) : null}
          </Col>
          <Col xs={24} md={17} xl={19}>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
              items={qualityItems(t, data)}
              data-testid="quality-details"
            />
          </Col>
        </Row>
        <div>
          <Typography.Title level={5}>{t('collection.quality.reasons')}</Typography.Title>
          <ReasonCounts reasons={data.reasons} testId="quality-reasons" />
        </div>
        {data.sample.length ? (
          <div>
            <Typography.Title level={5}>{t('collection.quality.sample')}</Typography.Title>
            <ProblemsTable problems={data.sample} fields={fields} testId="quality-sample" />
          </div>
        ) : null}
      </Space>
    );
  }

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('collection.quality.title')}
        </Space>
      }
      extra={
        <Button
          size="small"
          icon={<SyncOutlined />}
          loading={check.isPending}
          disabled={quality.isError}
          onClick={() => check.mutate()}
          data-testid="quality-check"
        >
          {t('collection.quality.check')}
        </Button>
      }
      data-testid="collection-quality"
    >
      {body}
    </Card>
  );
}
