import type { HTMLAttributes, ReactNode } from 'react';
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { useOrgDetail } from '../console-queries';
import { TaskLink } from '../objections/task-link';
import { ConsumerName, ItemName } from '../sharing/sharing-cells';
import { SharingStatusTag } from '../sharing/sharing-tags';
import type { CollabRequest, CollabService } from './collaboration-queries';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

function secondary(text: string | null | undefined): ReactNode {
  return text ? text : <Typography.Text type="secondary">—</Typography.Text>;
}

function clamp(text: string | null): ReactNode {
  if (!text) return secondary(text);
  return (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>
      {text}
    </Typography.Paragraph>
  );
}

/** 服务提供方: as the service catalog names it, else the organisation as the viewer may read it. */
function OwnerName({ orgId, service }: { orgId: string; service: CollabService | undefined }) {
  const org = useOrgDetail(service ? null : orgId);
  const name = service?.orgName ?? org.data?.name;
  return name ? <>{name}</> : <span className="zl-mono">{orgId}</span>;
}

/** 协同申请: asked by the viewer's organisation (本单位申请) or of it (向本单位申请). */
export function RequestsTable({
  rows,
  services,
  orgId,
  loading,
}: {
  rows: CollabRequest[];
  services: readonly CollabService[];
  orgId: string | null;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const byId = new Map(services.map((service) => [service.id, service]));
  const sideOf = (request: CollabRequest) => (request.ownerOrgId === orgId ? 'asked' : request.consumerOrgId === orgId ? 'mine' : null);

  const columns: TableColumnsType<CollabRequest> = [
    {
      title: t('collaboration.column.service'),
      key: 'service',
      width: 190,
      fixed: 'left',
      render: (_, request) => {
        const service = byId.get(request.serviceId);
        return service ? (
          <div>
            <div>{service.name}</div>
            <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em', whiteSpace: 'nowrap' }}>
              {service.code}
            </Typography.Text>
          </div>
        ) : (
          <span className="zl-mono">{request.serviceId}</span>
        );
      },
    },
    {
      title: t('collaboration.column.status'),
      key: 'status',
      width: 130,
      filters: STATUSES.map((status) => ({ text: t(`sharing.statuses.${status}`), value: status })),
      onFilter: (value, request) => request.status === value,
      render: (_, request) => (
        <Space size={4} wrap>
          <SharingStatusTag status={request.status} automatic={request.automatic} />
          {request.status === 'pending' && request.ownerOrgId === orgId ? (
            <TaskLink instanceId={request.instanceId} testId={`collab-handle-${request.id}`} />
          ) : null}
        </Space>
      ),
    },
    {
      title: t('collaboration.column.side'),
      key: 'side',
      width: 110,
      filters: (['mine', 'asked'] as const).map((side) => ({ text: t(`collaboration.sides.${side}`), value: side })),
      onFilter: (value, request) => sideOf(request) === value,
      render: (_, request) => {
        const side = sideOf(request);
        return side ? <Tag color={side === 'mine' ? 'blue' : 'gold'}>{t(`collaboration.sides.${side}`)}</Tag> : secondary(null);
      },
    },
    {
      title: t('collaboration.column.owner'),
      key: 'owner',
      width: 160,
      render: (_, request) => <OwnerName orgId={request.ownerOrgId} service={byId.get(request.serviceId)} />,
    },
    {
      title: t('collaboration.column.consumer'),
      key: 'consumer',
      width: 160,
      render: (_, request) => <ConsumerName orgId={request.consumerOrgId} instanceId={request.instanceId} />,
    },
    {
      title: t('collaboration.column.item'),
      key: 'item',
      width: 150,
      render: (_, request) => <ItemName orgId={request.consumerOrgId} itemId={request.itemId} instanceId={request.instanceId} />,
    },
    { title: t('collaboration.column.purpose'), dataIndex: 'purpose', key: 'purpose', width: 180, render: clamp },
    { title: t('collaboration.column.legalBasis'), dataIndex: 'legalBasis', key: 'legalBasis', width: 180, render: clamp },
    {
      title: t('collaboration.column.requestedAt'),
      dataIndex: 'requestedAt',
      key: 'requestedAt',
      width: 165,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('collaboration.column.decidedAt'),
      dataIndex: 'decidedAt',
      key: 'decidedAt',
      width: 165,
      render: (at: string | null) => secondary(formatDateTime(at)),
    },
    { title: t('collaboration.column.reason'), dataIndex: 'reason', key: 'reason', width: 180, render: clamp },
  ];

  return (
    <Table<CollabRequest>
      dataSource={rows}
      columns={columns}
      rowKey="id"
      size="middle"
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1770 }}
      locale={{ emptyText: t('collaboration.list.emptyRequests') }}
      onRow={(request) =>
        ({
          'data-testid': `collab-request-row-${request.id}`,
          'data-service-id': request.serviceId,
          'data-status': request.status,
          'data-automatic': String(request.automatic),
        }) as HTMLAttributes<HTMLElement>
      }
      data-testid="collab-requests-table"
    />
  );
}
