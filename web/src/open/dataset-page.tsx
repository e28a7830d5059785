import { lazy, Suspense, useState } from 'react';
import { ApiOutlined, ArrowLeftOutlined, DownloadOutlined, FormOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../shared/api';
import { useAuth } from '../shared/auth';
import { ErrorBlock, LoadingBlock } from '../shared/desktop/states';
import { formatDateTime } from '../shared/format';
import { loginPath } from '../shared/paths';
import { ApplyModal } from './apply-modal';
import { ckanShowUrl, dcatUrl, downloadUrl, extra, packageFields, type CkanPackage, type DatasetField, type RecordsPage } from './open-api';
import { PREVIEW_ROWS, useApplications, useDataset, useRecords } from './open-queries';
import { OpenTypeTag, StatusTag } from './open-tags';

const FORMATS = ['csv', 'json', 'xlsx'] as const;

// echarts comes in its own chunk, after the metadata and the preview.
const DatasetChart = lazy(() => import('./dataset-chart').then((m) => ({ default: m.DatasetChart })));

function FieldsTable({ fields }: { fields: DatasetField[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<DatasetField> = [
    { title: t('openData.dataset.fieldLabel'), dataIndex: 'label', key: 'label' },
    { title: t('openData.dataset.fieldName'), dataIndex: 'name', key: 'name', render: (name: string) => <code>{name}</code> },
    {
      title: t('openData.dataset.fieldType'),
      dataIndex: 'type',
      key: 'type',
      render: (type: string) => t(`catalog.fieldTypes.${type}` as 'catalog.fieldTypes.string', { defaultValue: type }),
    },
    {
      title: t('openData.dataset.keyField'),
      dataIndex: 'key',
      key: 'key',
      render: (key?: boolean) => (key ? <Tag color="blue">✓</Tag> : null),
    },
  ];
  return <Table rowKey="name" size="small" columns={columns} dataSource={fields} pagination={false} data-testid="open-fields" />;
}

function PreviewTable({ page }: { page: RecordsPage }) {
  const { t } = useTranslation();
  const rows = page.items.slice(0, PREVIEW_ROWS).map((row, index) => ({ ...row, __row: index }));
  const columns: TableColumnsType<Record<string, unknown>> = page.fields.map((f) => ({
    title: f.label,
    dataIndex: f.name,
    key: f.name,
    ellipsis: true,
    render: (value: unknown) => (value === null || value === undefined ? '' : String(value)),
  }));
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="open-preview-note">
        {t('openData.dataset.previewNote', { shown: rows.length, total: page.total })}
      </Typography.Paragraph>
      <Table
        rowKey="__row"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="open-preview"
      />
    </>
  );
}

/** For a conditionally open dataset: what it takes, the reader's application, or the button to apply. */
function ConditionalAccess({ pkg }: { pkg: CkanPackage }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [applying, setApplying] = useState(false);
  const mine = useApplications('mine', undefined, Boolean(me));
  const application = mine.data?.items.find((a) => a.dataset.name === pkg.name);
  const canApply = !application || application.status === 'rejected';
  return (
    <Alert
      className="zl-open-section"
      type="warning"
      showIcon
      message={t('openData.dataset.conditionalNote')}
      description={
        application ? (
          <Space data-testid="open-my-application">
            {t('openData.dataset.myApplication', { status: t(`openData.statuses.${application.status}`) })}
            <StatusTag value={application.status} />
            {application.reason ? <Typography.Text type="secondary">{application.reason}</Typography.Text> : null}
          </Space>
        ) : undefined
      }
      action={
        !me ? (
          <Button
            icon={<LoginOutlined />}
            onClick={() => navigate(loginPath(false, `/open/datasets/${pkg.name}`))}
            data-testid="open-apply-login"
          >
            {t('openData.dataset.applyLogin')}
          </Button>
        ) : canApply ? (
          <>
            <Button type="primary" icon={<FormOutlined />} onClick={() => setApplying(true)} data-testid="open-apply">
              {t('openData.dataset.apply')}
            </Button>
            <ApplyModal pkg={pkg} open={applying} onClose={() => setApplying(false)} />
          </>
        ) : undefined
      }
    />
  );
}

/** A dataset: its metadata and fields, a preview, a chart, downloads, and its API and DCAT links. */
export function DatasetPage() {
  const { t } = useTranslation();
  const { name = '' } = useParams();
  const { me, status } = useAuth();
  const dataset = useDataset(name);
  const records = useRecords(name, Boolean(me), status !== 'loading' && Boolean(dataset.data));

  if (dataset.isError) return <ErrorBlock error={dataset.error} onRetry={() => void dataset.refetch()} />;
  if (!dataset.data) return <LoadingBlock />;
  const pkg = dataset.data;
  const fields = packageFields(pkg);
  const frequency = extra(pkg, 'update_frequency') ?? 'irregular';
  const locked = records.isError && isApiError(records.error) && records.error.status === 403;
  const origin = window.location.origin;

  return (
    <div data-testid="open-dataset-page">
      <Link to="/open" data-testid="open-back">
        <ArrowLeftOutlined /> {t('openData.dataset.back')}
      </Link>
      <Typography.Title level={2} style={{ marginTop: 12 }} data-testid="open-dataset-title">
        {pkg.title} <OpenTypeTag value={pkg.open_type} />
      </Typography.Title>
      <Typography.Paragraph type="secondary">{pkg.notes}</Typography.Paragraph>
      {pkg.open_type === 'conditional' ? <ConditionalAccess pkg={pkg} /> : null}

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={pkg.organization.title} className="zl-open-section" data-testid="open-metadata">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('openData.dataset.org')}>{pkg.organization.title}</Descriptions.Item>
              <Descriptions.Item label={t('openData.dataset.frequency')}>
                {t(`catalog.frequencies.${frequency}` as 'catalog.frequencies.daily', { defaultValue: frequency })}
              </Descriptions.Item>
              <Descriptions.Item label={t('openData.dataset.license')}>
                <a href={pkg.license_url} target="_blank" rel="noreferrer">
                  {pkg.license_title}
                </a>
              </Descriptions.Item>
              <Descriptions.Item label={t('openData.dataset.created')}>{formatDateTime(pkg.metadata_created)}</Descriptions.Item>
              <Descriptions.Item label={t('openData.dataset.updated')}>{formatDateTime(pkg.metadata_modified)}</Descriptions.Item>
              <Descriptions.Item label={t('openData.dataset.version')}>v{pkg.version}</Descriptions.Item>
              <Descriptions.Item label={t('openData.dataset.tags')}>
                {pkg.tags.map((tag) => (
                  <Link key={tag.name} to={`/open?tag=${encodeURIComponent(tag.name)}`}>
                    <Tag>{tag.name}</Tag>
                  </Link>
                ))}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('openData.dataset.download')} className="zl-open-section" data-testid="open-downloads">
            <Space wrap>
              {FORMATS.map((format) => (
                <Button
                  key={format}
                  icon={<DownloadOutlined />}
                  href={downloadUrl(pkg.name, format)}
                  disabled={locked}
                  data-testid={`open-download-${format}`}
                >
                  {format.toUpperCase()}
                </Button>
              ))}
            </Space>
          </Card>
          <Card
            title={
              <span>
                <ApiOutlined /> {t('openData.dataset.api')}
              </span>
            }
            className="zl-open-section zl-open-links"
            data-testid="open-api-links"
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('openData.dataset.ckanApi')}>
                <Typography.Text copyable={{ text: origin + ckanShowUrl(pkg.name) }}>
                  <a href={ckanShowUrl(pkg.name)} target="_blank" rel="noreferrer" data-testid="open-ckan-link">
                    <code>{ckanShowUrl(pkg.name)}</code>
                  </a>
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('openData.dataset.dcat')}>
                <Space>
                  <a href={dcatUrl(pkg.name, 'ttl')} target="_blank" rel="noreferrer" data-testid="open-dcat-ttl">
                    Turtle
                  </a>
                  <a href={dcatUrl(pkg.name, 'jsonld')} target="_blank" rel="noreferrer" data-testid="open-dcat-jsonld">
                    JSON-LD
                  </a>
                </Space>
              </Descriptions.Item>
            </Descriptions>
            {pkg.open_type === 'conditional' ? (
              <Typography.Text type="secondary">{t('openData.dataset.apiKeyHint')}</Typography.Text>
            ) : null}
          </Card>
        </Col>
      </Row>

      <Card title={t('openData.dataset.fields')} className="zl-open-section">
        <FieldsTable fields={fields} />
      </Card>

      <Card title={t('openData.dataset.preview')} className="zl-open-section">
        {locked ? (
          <Alert type="info" showIcon message={t('openData.dataset.locked')} data-testid="open-preview-locked" />
        ) : records.isError ? (
          <ErrorBlock error={records.error} onRetry={() => void records.refetch()} />
        ) : !records.data ? (
          <LoadingBlock />
        ) : (
          <PreviewTable page={records.data} />
        )}
      </Card>

      {records.data ? (
        <Card title={t('openData.dataset.chart')} className="zl-open-section">
          <Suspense fallback={<LoadingBlock />}>
            <DatasetChart fields={records.data.fields} rows={records.data.items} />
          </Suspense>
        </Card>
      ) : null}
    </div>
  );
}
