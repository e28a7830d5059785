import type { HTMLAttributes } from 'react';
import { SendOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ShareTypeTag } from '../catalog/catalog-tags';
import { SharingStatusTag } from '../sharing/sharing-tags';
import { KindTag, ServiceContent } from './collaboration-cells';
import type { CollabRequest, CollabService } from './collaboration-queries';

/** 服务目录: the services departments offer; 申请调用 on other organisations' ones. */
export function ServicesTable({
  rows,
  loading,
  orgId,
  canManage,
  requests,
  onRequest,
}: {
  rows: CollabService[];
  loading: boolean;
  /** the viewer's organisation */
  orgId: string | null;
  /** the viewer holds data.manage: may ask to call a service */
  canManage: boolean;
  /** the organisation's requests, to show where it already asked */
  requests: readonly CollabRequest[];
  onRequest: (service: CollabService) => void;
}) {
  const { t } = useTranslation();
  // The latest request of the viewer's organisation for each service (the list is newest first).
  const latest = new Map<string, CollabRequest>();
  for (const request of requests)
    if (request.consumerOrgId === orgId && !latest.has(request.serviceId)) latest.set(request.serviceId, request);

  const action = (service: CollabService) => {
    if (service.orgId === orgId) return <Tag data-testid={`collab-own-${service.code}`}>{t('collaboration.service.own')}</Tag>;
    const asked = latest.get(service.id);
    const button =
      canManage && orgId && asked?.status !== 'approved' && asked?.status !== 'pending' ? (
        <Button size="small" icon={<SendOutlined />} onClick={() => onRequest(service)} data-testid={`collab-request-${service.code}`}>
          {t('collaboration.service.request')}
        </Button>
      ) : null;
    return (
      <Space size={4} wrap>
        {asked ? <SharingStatusTag status={asked.status} automatic={asked.automatic} testId={`collab-asked-${service.code}`} /> : null}
        {button}
      </Space>
    );
  };

  const columns: TableColumnsType<CollabService> = [
    {
      title: t('collaboration.column.service'),
      key: 'service',
      width: 200,
      fixed: 'left',
      render: (_, service) => (
        <div>
          <div>{service.name}</div>
          <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em', whiteSpace: 'nowrap' }}>
            {service.code}
          </Typography.Text>
          {service.description ? (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: service.description }} style={{ margin: 0 }}>
              {service.description}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    },
    {
      title: t('collaboration.column.kind'),
      key: 'kind',
      width: 120,
      filters: (['query', 'http'] as const).map((kind) => ({ text: t(`collaboration.kinds.${kind}`), value: kind })),
      onFilter: (value, service) => service.kind === value,
      render: (_, service) => <KindTag kind={service.kind} />,
    },
    {
      title: t('collaboration.column.shareType'),
      key: 'shareType',
      width: 120,
      render: (_, service) => <ShareTypeTag value={service.shareType} />,
    },
    { title: t('collaboration.column.owner'), dataIndex: 'orgName', key: 'owner', width: 170 },
    {
      title: t('collaboration.column.content'),
      key: 'content',
      width: 260,
      render: (_, service) => <ServiceContent service={service} />,
    },
    {
      title: t('collaboration.column.callPath'),
      key: 'callPath',
      width: 290,
      render: (_, service) => (
        <Space direction="vertical" size={2}>
          <Typography.Text className="zl-mono" style={{ fontSize: '0.85em' }} copyable={{ text: service.callPath }}>
            {`POST ${service.callPath}`}
          </Typography.Text>
          <Typography.Text type="secondary">{t('collaboration.service.perMinute', { n: service.rateLimit })}</Typography.Text>
        </Space>
      ),
    },
    { title: t('common.actions'), key: 'action', width: 170, fixed: 'right', render: (_, service) => action(service) },
  ];

  return (
    <Table<CollabService>
      dataSource={rows}
      columns={columns}
      rowKey="id"
      size="middle"
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1330 }}
      locale={{ emptyText: t('collaboration.list.emptyServices') }}
      onRow={(service) =>
        ({
          'data-testid': `collab-service-row-${service.code}`,
          'data-service-id': service.id,
          'data-kind': service.kind,
        }) as HTMLAttributes<HTMLElement>
      }
      data-testid="collab-services-table"
    />
  );
}
