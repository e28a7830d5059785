import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { ArrowLeftOutlined, EditOutlined, HistoryOutlined, ShareAltOutlined, UnorderedListOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type DescriptionsProps,
  type TableColumnsType,
} from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import type { CatalogResourceDetail, CatalogResourceVersion } from '../../shared/api-types';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { canOpen } from '../sections';
import { RequestModal } from '../sharing/request-modal';
import { useResource, useResourceVersion } from './catalog-queries';
import { GradeTag, OpenTypeTag, ShareTypeTag } from './catalog-tags';
import { CollectionPanel } from './collection-panel';
import { FieldsModal } from './fields-modal';
import { FieldsTable } from './fields-table';
import { InfoModal } from './info-modal';
import { QualityPanel } from './quality-panel';
import { SourcesPanel } from './sources-panel';
import './catalog.css';

/** The tabs of a resource: its fields, and for those who manage its data 数据归集, 定时归集 and 数据质量. */
const TABS = ['fields', 'collection', 'sources', 'quality'] as const;
type ResourceTab = (typeof TABS)[number];

function overviewItems(resource: CatalogResourceDetail, t: TFunction): DescriptionsProps['items'] {
  return [
    { key: 'code', label: t('catalog.resource.code'), children: <span className="zl-mono">{resource.code}</span> },
    { key: 'org', label: t('catalog.resource.org'), children: resource.orgName },
    { key: 'domain', label: t('catalog.resource.domain'), children: t(`catalog.domains.${resource.domain}`) },
    { key: 'shareType', label: t('catalog.resource.shareType'), children: <ShareTypeTag value={resource.shareType} /> },
    { key: 'openType', label: t('catalog.resource.openType'), children: <OpenTypeTag value={resource.openType} /> },
    {
      key: 'updateFrequency',
      label: t('catalog.resource.updateFrequency'),
      children: t(`catalog.frequencies.${resource.updateFrequency}`),
    },
    { key: 'sourceSystem', label: t('catalog.resource.sourceSystem'), children: resource.sourceSystem || '—' },
    { key: 'fieldCount', label: t('catalog.resource.fieldCount'), children: resource.fieldCount },
    { key: 'maxGrade', label: t('catalog.resource.maxGrade'), children: <GradeTag grade={resource.maxGrade} /> },
    { key: 'version', label: t('catalog.resource.version'), children: t('catalog.resource.versionNo', { version: resource.version }) },
    { key: 'updatedAt', label: t('catalog.resource.updatedAt'), children: formatDateTime(resource.updatedAt) },
    {
      key: 'description',
      label: t('catalog.resource.description'),
      span: 'filled',
      children: resource.description ? (
        <span style={{ whiteSpace: 'pre-wrap' }}>{resource.description}</span>
      ) : (
        <Typography.Text type="secondary">{t('catalog.detail.noDescription')}</Typography.Text>
      ),
    },
  ];
}

/** 版本记录: every schema version, newest first; choosing one shows its fields. */
function VersionsCard({
  resource,
  selected,
  onSelect,
}: {
  resource: CatalogResourceDetail;
  selected: number;
  onSelect: (version: number) => void;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CatalogResourceVersion> = [
    {
      title: t('catalog.resource.version'),
      dataIndex: 'version',
      key: 'version',
      width: 90,
      render: (version: number) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(version);
            }}
            data-testid={`catalog-version-view-${version}`}
          >
            {t('catalog.resource.versionNo', { version })}
          </Button>
          {version === resource.version ? <Tag color="blue">{t('catalog.detail.current')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('catalog.detail.changedAt'),
      key: 'changed',
      render: (_, entry) => (
        <div>
          <div>{formatDateTime(entry.changedAt)}</div>
          <Typography.Text type="secondary">{entry.changedBy ?? t('catalog.detail.system')}</Typography.Text>
        </div>
      ),
    },
    { title: t('catalog.resource.fieldCount'), dataIndex: 'fieldCount', key: 'fieldCount', width: 70, align: 'right' },
    {
      title: t('catalog.detail.note'),
      dataIndex: 'note',
      key: 'note',
      render: (note: string) => note || <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];
  return (
    <Card
      title={
        <Space>
          <HistoryOutlined />
          {t('catalog.detail.versions')}
        </Space>
      }
    >
      <Table<CatalogResourceVersion>
        dataSource={resource.versions}
        columns={columns}
        rowKey="version"
        size="small"
        pagination={false}
        rowClassName={(entry) => `zl-catalog-row${entry.version === selected ? ' zl-catalog-version-selected' : ''}`}
        onRow={(entry) =>
          ({
            onClick: () => onSelect(entry.version),
            'data-testid': `catalog-version-${entry.version}`,
            'data-selected': entry.version === selected ? 'true' : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="catalog-versions"
      />
    </Card>
  );
}

/**
 * 数据资源: a resource's metadata, its fields (of any version) and its versions; with `data.manage`,
 * editing, and its data: 上传归集 with the record of loads, 定时归集 and 数据质量 (P2.3).
 */
export function ResourcePage() {
  const { resourceId = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, 'data.manage');
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const tab: ResourceTab = (canManage && TABS.find((candidate) => candidate === params.get('tab'))) || 'fields';
  const setTab = (next: ResourceTab) =>
    setParams(next === 'fields' ? {} : { tab: next }, { replace: true, state: location.state as unknown });
  const resource = useResource(resourceId);
  // null: the current version
  const [chosen, setChosen] = useState<number | null>(null);
  const [editing, setEditing] = useState<'info' | 'fields' | 'sharing' | null>(null);
  const current = resource.data?.version;
  const historical = chosen !== null && chosen !== current ? chosen : null;
  const old = useResourceVersion(resourceId, historical);

  const backTo = (location.state as { back?: unknown } | null)?.back;
  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate(typeof backTo === 'string' && backTo.startsWith('/console/catalog') ? backTo : '/console/catalog')}
      data-testid="catalog-back"
    >
      {t('catalog.detail.back')}
    </Button>
  );
  if (resource.isPending) return <LoadingBlock />;
  if (resource.isError)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {back}
        <ErrorBlock error={resource.error} onRetry={() => void resource.refetch()} />
      </Space>
    );
  const data = resource.data;
  const shownVersion = historical ?? data.version;

  let fields;
  if (historical === null) fields = <FieldsTable fields={data.fields} version={data.version} />;
  else if (old.isError) fields = <ErrorBlock error={old.error} onRetry={() => void old.refetch()} />;
  else fields = <FieldsTable fields={old.data?.fields ?? []} version={historical} loading={old.isPending} />;

  const fieldsAndVersions = (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={15}>
        <Card title={historical === null ? t('catalog.detail.fields') : t('catalog.detail.fieldsOfVersion', { version: shownVersion })}>
          {historical !== null ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('catalog.detail.viewingHistory', { version: historical, current: data.version })}
              description={old.data?.note || undefined}
              action={
                <Button size="small" onClick={() => setChosen(null)} data-testid="catalog-version-current">
                  {t('catalog.detail.backToCurrent')}
                </Button>
              }
              data-testid="catalog-version-banner"
            />
          ) : null}
          {fields}
        </Card>
      </Col>
      <Col xs={24} xxl={9}>
        <VersionsCard resource={data} selected={shownVersion} onSelect={(version) => setChosen(version)} />
      </Col>
    </Row>
  );

  const panes: Record<ResourceTab, ReactNode> = {
    fields: fieldsAndVersions,
    collection: <CollectionPanel resourceId={data.id} fields={data.fields} />,
    sources: <SourcesPanel resourceId={data.id} />,
    quality: <QualityPanel resourceId={data.id} fields={data.fields} />,
  };

  return (
    <div data-testid="catalog-detail" data-resource-id={data.id}>
      <Card
        title={
          <Space wrap>
            <span>{data.name}</span>
            <Typography.Text type="secondary" className="zl-mono" style={{ fontWeight: 400 }}>
              {data.code}
            </Typography.Text>
            <GradeTag grade={data.maxGrade} testId="catalog-max-grade" />
          </Space>
        }
        extra={
          <Space wrap>
            {canOpen(me, 'sharing') && data.orgId !== me.orgId && data.shareType !== 'none' ? (
              <Button icon={<ShareAltOutlined />} onClick={() => setEditing('sharing')} data-testid="catalog-request-sharing">
                {t('sharing.list.new')}
              </Button>
            ) : null}
            {canManage ? (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing('info')} data-testid="catalog-edit-info">
                  {t('catalog.detail.editInfo')}
                </Button>
                <Button icon={<UnorderedListOutlined />} onClick={() => setEditing('fields')} data-testid="catalog-edit-fields">
                  {t('catalog.detail.editFields')}
                </Button>
              </>
            ) : null}
            {back}
          </Space>
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          items={overviewItems(data, t)}
          data-testid="catalog-overview"
        />
      </Card>
      {canManage ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as ResourceTab)}
          style={{ marginTop: 8 }}
          items={TABS.map((key) => ({
            key,
            label: <span data-testid={`resource-tab-${key}`}>{t(`collection.tabs.${key}`)}</span>,
            children: panes[key],
          }))}
          data-testid="resource-tabs"
        />
      ) : (
        <div style={{ marginTop: 16 }}>{fieldsAndVersions}</div>
      )}
      {editing === 'sharing' ? (
        <RequestModal resourceId={data.id} onClose={() => setEditing(null)} onDone={() => navigate('/console/sharing?tab=mine')} />
      ) : null}
      {editing === 'info' ? <InfoModal resource={data} onClose={() => setEditing(null)} /> : null}
      {editing === 'fields' ? (
        <FieldsModal
          resource={data}
          onClose={() => {
            setEditing(null);
            setChosen(null);
          }}
        />
      ) : null}
    </div>
  );
}
