import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../shared/auth';
import type { SharingGrant, SharingRequest, SharingRequestStatus } from '../../shared/api-types';
import { ErrorBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { RequestModal } from './request-modal';
import { ConsumerName, FieldList, ItemName, OwnerName, ResourceName } from './sharing-cells';
import { requestPagePath, useSharingGrants, useSharingRequests } from './sharing-queries';
import { SharingStatusTag } from './sharing-tags';
import './sharing.css';

type SharingTab = 'mine' | 'asked' | 'grants';
const TABS: readonly SharingTab[] = ['mine', 'asked', 'grants'];
const STATUSES: readonly SharingRequestStatus[] = ['pending', 'approved', 'rejected'];
/** fields listed in a row before "and n more" */
const ROW_FIELDS = 4;

function secondary(text: string | null | undefined): ReactNode {
  return text ? text : <Typography.Text type="secondary">—</Typography.Text>;
}

/** 我发起的 / 向我申请的: one row a request, opening it on a click. */
function RequestsTable({
  side,
  rows,
  loading,
  onOpen,
}: {
  side: 'mine' | 'asked';
  rows: SharingRequest[];
  loading: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<SharingRequest> = [
    {
      title: t('sharing.column.resource'),
      key: 'resource',
      width: 190,
      fixed: 'left',
      render: (_, request) => <ResourceName resourceId={request.resourceId} />,
    },
    {
      title: t('sharing.column.status'),
      key: 'status',
      width: 120,
      filters: STATUSES.map((status) => ({ text: t(`sharing.statuses.${status}`), value: status })),
      onFilter: (value, request) => request.status === value,
      render: (_, request) => <SharingStatusTag status={request.status} automatic={request.automatic} />,
    },
    side === 'mine'
      ? {
          title: t('sharing.column.owner'),
          key: 'owner',
          width: 170,
          render: (_, request) => <OwnerName resourceId={request.resourceId} orgId={request.ownerOrgId} />,
        }
      : {
          title: t('sharing.column.consumer'),
          key: 'consumer',
          width: 170,
          render: (_, request) => <ConsumerName orgId={request.consumerOrgId} instanceId={request.instanceId} />,
        },
    {
      title: t('sharing.column.fields'),
      key: 'fields',
      width: 220,
      render: (_, request) => <FieldList resourceId={request.resourceId} fields={request.fields} max={ROW_FIELDS} />,
    },
    {
      title: t('sharing.column.item'),
      key: 'item',
      width: 150,
      render: (_, request) => <ItemName orgId={request.consumerOrgId} itemId={request.itemId} instanceId={request.instanceId} />,
    },
    {
      title: t('sharing.column.purpose'),
      dataIndex: 'purpose',
      key: 'purpose',
      width: 200,
      render: (purpose: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: purpose }} style={{ margin: 0 }}>
          {purpose}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('sharing.column.requestedAt'),
      dataIndex: 'requestedAt',
      key: 'requestedAt',
      width: 165,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('sharing.column.decidedAt'),
      dataIndex: 'decidedAt',
      key: 'decidedAt',
      width: 165,
      render: (at: string | null) => secondary(formatDateTime(at)),
    },
    {
      title: t('sharing.column.reason'),
      dataIndex: 'reason',
      key: 'reason',
      width: 200,
      render: (reason: string | null) =>
        reason ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: reason }} style={{ margin: 0 }}>
            {reason}
          </Typography.Paragraph>
        ) : (
          secondary(reason)
        ),
    },
  ];
  return (
    <Table<SharingRequest>
      dataSource={rows}
      columns={columns}
      rowKey="id"
      size="middle"
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1580 }}
      rowClassName="zl-sharing-row"
      locale={{ emptyText: t(`sharing.list.empty.${side}`) }}
      onRow={(request) =>
        ({
          onClick: () => onOpen(request.id),
          'data-testid': `sharing-row-${request.id}`,
          'data-status': request.status,
          'data-automatic': String(request.automatic),
        }) as HTMLAttributes<HTMLElement>
      }
      data-testid={`sharing-table-${side}`}
    />
  );
}

/** 已获授权: the organisation's active grants; a row opens the request behind it. */
function GrantsTable({
  orgId,
  rows,
  loading,
  onOpen,
}: {
  orgId: string;
  rows: SharingGrant[];
  loading: boolean;
  onOpen: (requestId: string) => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const columns: TableColumnsType<SharingGrant> = [
    {
      title: t('sharing.column.resource'),
      key: 'resource',
      width: 200,
      render: (_, grant) => <ResourceName resourceId={grant.resourceId} />,
    },
    { title: t('sharing.column.owner'), key: 'owner', width: 180, render: (_, grant) => <OwnerName resourceId={grant.resourceId} /> },
    {
      title: t('sharing.column.fields'),
      key: 'fields',
      width: 220,
      render: (_, grant) => <FieldList resourceId={grant.resourceId} fields={grant.fields} max={ROW_FIELDS} />,
    },
    { title: t('sharing.column.item'), key: 'item', width: 180, render: (_, grant) => <ItemName orgId={orgId} itemId={grant.itemId} /> },
    {
      title: t('sharing.column.grantedAt'),
      dataIndex: 'grantedAt',
      key: 'grantedAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('sharing.column.request'),
      key: 'request',
      width: 120,
      render: (_, grant) => (
        <Link
          to={requestPagePath(grant.requestId)}
          state={{ back: location.pathname + location.search }}
          onClick={(event) => event.stopPropagation()}
        >
          {t('sharing.list.viewRequest')}
        </Link>
      ),
    },
  ];
  return (
    <Table<SharingGrant>
      dataSource={rows}
      columns={columns}
      rowKey="id"
      size="middle"
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1000 }}
      rowClassName="zl-sharing-row"
      locale={{ emptyText: t('sharing.list.empty.grants') }}
      onRow={(grant) =>
        ({
          onClick: () => onOpen(grant.requestId),
          'data-testid': `sharing-row-${grant.id}`,
          'data-status': 'active',
          'data-request-id': grant.requestId,
        }) as HTMLAttributes<HTMLElement>
      }
      data-testid="sharing-table-grants"
    />
  );
}

/** 共享申请: what the viewer's organisation asked for, what was asked of it, and what it was granted. */
export function SharingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((candidate) => candidate === params.get('tab')) ?? 'mine';
  const [requesting, setRequesting] = useState(false);
  const requests = useSharingRequests();
  const grants = useSharingGrants(me.orgId);

  const all = requests.data ?? [];
  const mine = all.filter((request) => request.consumerOrgId === me.orgId);
  const asked = all.filter((request) => request.ownerOrgId === me.orgId);
  const toReview = asked.filter((request) => request.status === 'pending').length;

  const setTab = (next: SharingTab) => setParams({ tab: next }, { replace: true });
  const open = (id: string) => navigate(requestPagePath(id), { state: { back: location.pathname + location.search } });

  const requestsPane = (side: 'mine' | 'asked', rows: SharingRequest[]) =>
    requests.isError ? (
      <ErrorBlock error={requests.error} onRetry={() => void requests.refetch()} />
    ) : (
      <RequestsTable side={side} rows={rows} loading={requests.isPending} onOpen={open} />
    );

  let grantsPane: ReactNode = null;
  if (me.orgId)
    grantsPane = grants.isError ? (
      <ErrorBlock error={grants.error} onRetry={() => void grants.refetch()} />
    ) : (
      <GrantsTable orgId={me.orgId} rows={grants.data ?? []} loading={grants.isPending} onOpen={open} />
    );

  return (
    <Card
      title={t('sharing.nav')}
      extra={
        <Space wrap>
          <Button
            icon={<ReloadOutlined />}
            loading={requests.isFetching || grants.isFetching}
            onClick={() => {
              void requests.refetch();
              if (me.orgId) void grants.refetch();
            }}
            data-testid="sharing-refresh"
          >
            {t('common.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} disabled={!me.orgId} onClick={() => setRequesting(true)} data-testid="sharing-new">
            {t('sharing.list.new')}
          </Button>
        </Space>
      }
      data-testid="console-sharing"
    >
      {me.orgId ? null : <Alert type="warning" showIcon message={t('sharing.list.noOrg')} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as SharingTab)}
        items={[
          {
            key: 'mine',
            label: <span data-testid="sharing-tab-mine">{t('sharing.tabs.mine')}</span>,
            children: requestsPane('mine', mine),
          },
          {
            key: 'asked',
            label: (
              <span data-testid="sharing-tab-asked">
                {t('sharing.tabs.asked')} <Badge count={toReview} size="small" title={t('sharing.list.pendingCount', { n: toReview })} />
              </span>
            ),
            children: requestsPane('asked', asked),
          },
          {
            key: 'grants',
            label: <span data-testid="sharing-tab-grants">{t('sharing.tabs.grants')}</span>,
            children: grantsPane,
          },
        ]}
      />
      {requesting ? (
        <RequestModal
          onClose={() => setRequesting(false)}
          onDone={() => {
            setRequesting(false);
            setTab('mine');
          }}
        />
      ) : null}
    </Card>
  );
}
