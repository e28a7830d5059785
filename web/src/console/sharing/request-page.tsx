import type { HTMLAttributes } from 'react';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  type DescriptionsProps,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../shared/api';
import { hasPermission, useMe } from '../../shared/auth';
import type { CatalogField, SharingRequest, WorkflowHistoryEntry } from '../../shared/api-types';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { useResource } from '../catalog/catalog-queries';
import { GradeTag } from '../catalog/catalog-tags';
import { HistoryTimeline } from '../processes/history-timeline';
import { useInstance } from '../processes/instance-queries';
import { InstanceStatusTag } from '../processes/instance-tags';
import { canOpen } from '../sections';
// the history timeline's layout (.zl-history-*)
import '../bpmn.css';
import { ConsumerName, ItemName, OwnerName, ResourceName } from './sharing-cells';
import { useSharingRequest } from './sharing-queries';
import { SharingStatusTag } from './sharing-tags';
import './sharing.css';

interface RequestedField {
  name: string;
  /** null: the resource's current version no longer has it */
  field: CatalogField | null;
}

/** 申请字段: each requested field with its label, type and grade in the catalog. */
function RequestedFields({ request }: { request: SharingRequest }) {
  const { t } = useTranslation();
  const resource = useResource(request.resourceId);
  const byName = new Map((resource.data?.fields ?? []).map((field) => [field.name, field]));
  const rows: RequestedField[] = request.fields.map((name) => ({ name, field: byName.get(name) ?? null }));
  const missing = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: TableColumnsType<RequestedField> = [
    {
      title: t('catalog.field.label'),
      key: 'label',
      render: (_, row) =>
        row.field?.label ??
        (resource.data ? <Typography.Text type="secondary">{t('sharing.detail.notInCatalog')}</Typography.Text> : missing),
    },
    { title: t('catalog.field.name'), dataIndex: 'name', key: 'name', render: (name: string) => <span className="zl-mono">{name}</span> },
    {
      title: t('catalog.field.type'),
      key: 'type',
      render: (_, row) => (row.field ? t(`catalog.fieldTypes.${row.field.type}`) : missing),
    },
    {
      title: t('catalog.field.grade'),
      key: 'grade',
      render: (_, row) => (row.field ? <GradeTag grade={row.field.grade} /> : missing),
    },
  ];
  return (
    <Table<RequestedField>
      dataSource={rows}
      columns={columns}
      rowKey="name"
      size="small"
      pagination={false}
      loading={resource.isPending}
      onRow={(row) => ({ 'data-testid': `sharing-detail-field-${row.name}` }) as HTMLAttributes<HTMLElement>}
      data-testid="sharing-detail-fields"
    />
  );
}

/** The step names the engine recorded with the history. */
function stepNames(history: readonly Pick<WorkflowHistoryEntry, 'nodeId' | 'nodeName'>[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of history) if (entry.nodeId && entry.nodeName) names.set(entry.nodeId, entry.nodeName);
  return names;
}

/** 审批记录: the owner's approval as the workflow engine recorded it, where the viewer may read it. */
function ApprovalCard({ request }: { request: SharingRequest }) {
  const { t } = useTranslation();
  const me = useMe();
  const instance = useInstance(request.instanceId ?? '');
  const status = t(`sharing.statuses.${request.status}`);
  // The owner's data officers review in the Workbench (我的待办).
  const handles = request.ownerOrgId === me.orgId && hasPermission(me, 'workbench.use');

  let body;
  if (!request.instanceId)
    body = (
      <Alert
        type={request.automatic ? 'success' : 'info'}
        showIcon
        message={request.automatic ? t('sharing.detail.automaticNote') : status}
        data-testid="sharing-approval-none"
      />
    );
  else if (instance.isPending) body = <LoadingBlock />;
  else if (instance.isError)
    body =
      isApiError(instance.error) && (instance.error.status === 403 || instance.error.status === 404) ? (
        <Alert type="info" showIcon message={t('sharing.detail.historyHidden', { status })} data-testid="sharing-approval-hidden" />
      ) : (
        <ErrorBlock error={instance.error} onRetry={() => void instance.refetch()} />
      );
  else {
    const data = instance.data;
    const history = data.history ?? [];
    body = (
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'instance',
              label: t('sharing.detail.instance'),
              children: (
                <Space wrap>
                  <InstanceStatusTag status={data.status} />
                  {canOpen(me, 'processes') ? (
                    <Link to={`/console/processes/${encodeURIComponent(data.id)}`} data-testid="sharing-open-instance">
                      {t('sharing.detail.openInstance')}
                    </Link>
                  ) : (
                    <span className="zl-mono zl-history-meta">{data.id}</span>
                  )}
                </Space>
              ),
            },
            {
              key: 'step',
              label: t('sharing.detail.currentStep'),
              children: data.openTasks?.length ? (
                <Space size={[4, 4]} wrap>
                  {data.openTasks.map((task) => (
                    <Space key={task.id} size={4}>
                      <Tag color="blue">{task.name || task.nodeId}</Tag>
                      {handles ? (
                        <a href={`/workbench/tasks/${encodeURIComponent(task.id)}`} data-testid={`sharing-handle-${task.id}`}>
                          {t('sharing.detail.handle')}
                        </a>
                      ) : null}
                    </Space>
                  ))}
                </Space>
              ) : (
                '—'
              ),
            },
          ]}
        />
        <HistoryTimeline history={history} nodeNames={stepNames(history as WorkflowHistoryEntry[])} />
      </Space>
    );
  }
  return (
    <Card title={t('sharing.detail.approval')} data-testid="sharing-approval">
      {body}
    </Card>
  );
}

/** 共享申请: what was asked, by whom, for what, and how the owner decided. */
export function SharingRequestPage() {
  const { requestId = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const request = useSharingRequest(requestId);

  const backTo = (location.state as { back?: unknown } | null)?.back;
  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate(typeof backTo === 'string' && backTo.startsWith('/console/sharing') ? backTo : '/console/sharing')}
      data-testid="sharing-back"
    >
      {t('sharing.detail.back')}
    </Button>
  );
  if (request.isPending) return <LoadingBlock />;
  if (request.isError)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {back}
        <ErrorBlock error={request.error} onRetry={() => void request.refetch()} />
      </Space>
    );
  const data = request.data;
  const resourceLink = canOpen(me, 'catalog') ? (
    <Link to={`/console/catalog/${encodeURIComponent(data.resourceId)}`} data-testid="sharing-detail-resource">
      <ResourceName resourceId={data.resourceId} />
    </Link>
  ) : (
    <ResourceName resourceId={data.resourceId} />
  );
  const overview: DescriptionsProps['items'] = [
    { key: 'resource', label: t('sharing.column.resource'), children: resourceLink },
    { key: 'owner', label: t('sharing.column.owner'), children: <OwnerName resourceId={data.resourceId} orgId={data.ownerOrgId} /> },
    {
      key: 'consumer',
      label: t('sharing.column.consumer'),
      children: <ConsumerName orgId={data.consumerOrgId} instanceId={data.instanceId} />,
    },
    {
      key: 'item',
      label: t('sharing.column.item'),
      children: <ItemName orgId={data.consumerOrgId} itemId={data.itemId} instanceId={data.instanceId} />,
    },
    {
      key: 'status',
      label: t('sharing.column.status'),
      children: <SharingStatusTag status={data.status} automatic={data.automatic} testId="sharing-detail-status" />,
    },
    { key: 'requestedAt', label: t('sharing.column.requestedAt'), children: formatDateTime(data.requestedAt) },
    { key: 'decidedAt', label: t('sharing.column.decidedAt'), children: data.decidedAt ? formatDateTime(data.decidedAt) : '—' },
    {
      key: 'reason',
      label: t('sharing.column.reason'),
      span: 'filled',
      children: data.reason ? <span data-testid="sharing-detail-reason">{data.reason}</span> : '—',
    },
    {
      key: 'purpose',
      label: t('sharing.column.purpose'),
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.purpose}</span>,
    },
    {
      key: 'legalBasis',
      label: t('sharing.column.legalBasis'),
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.legalBasis}</span>,
    },
  ];

  return (
    <div data-testid="sharing-detail" data-request-id={data.id} data-status={data.status}>
      <Card
        title={
          <Space wrap>
            <span>{t('sharing.detail.title')}</span>
            <Typography.Text type="secondary" className="zl-mono" style={{ fontWeight: 400 }}>
              {data.id}
            </Typography.Text>
            <SharingStatusTag status={data.status} automatic={data.automatic} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              icon={<ReloadOutlined />}
              loading={request.isFetching}
              onClick={() => void request.refetch()}
              data-testid="sharing-detail-refresh"
            >
              {t('common.refresh')}
            </Button>
            {back}
          </Space>
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} items={overview} data-testid="sharing-detail-overview" />
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t('sharing.column.fields')}>
            <RequestedFields request={data} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <ApprovalCard request={data} />
        </Col>
      </Row>
    </div>
  );
}
