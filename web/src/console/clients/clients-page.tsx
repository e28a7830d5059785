import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { DeleteOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Modal, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { CreatedOidcClient, OidcClient, Page } from '../../shared/api-types';
import { PagedTable } from '../../shared/desktop/paged-table';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { cursorPaging, PAGE_SIZE } from '../../shared/query';
import { ClientCreateModal } from './client-create-modal';

/** Shows a newly registered client's id and (once) its secret. */
function CreatedClientModal({ created, onClose }: { created: CreatedOidcClient | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={Boolean(created)}
      title={t('console.clients.createdTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
      width={600}
    >
      {created ? (
        <div data-testid="client-created">
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'name', label: t('console.clients.name'), children: created.client.name },
              {
                key: 'id',
                label: t('console.clients.clientId'),
                children: (
                  <Typography.Text copyable className="zl-secret" data-testid="client-id">
                    {created.client.clientId}
                  </Typography.Text>
                ),
              },
              ...(created.clientSecret
                ? [
                    {
                      key: 'secret',
                      label: t('console.clients.secret'),
                      children: (
                        <Typography.Text copyable className="zl-secret" data-testid="client-secret">
                          {created.clientSecret}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Alert
            style={{ marginTop: 16 }}
            type={created.clientSecret ? 'warning' : 'info'}
            showIcon
            icon={created.clientSecret ? <WarningOutlined /> : undefined}
            message={created.clientSecret ? t('console.clients.secretOnce') : t('console.clients.noSecret')}
          />
        </div>
      ) : null}
    </Modal>
  );
}

/** 应用接入: the OIDC clients of the platform's single sign-on. */
export function ClientsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [created, setCreated] = useState<CreatedOidcClient | null>(null);
  const clients = useInfiniteQuery({
    queryKey: ['oidc-clients'],
    queryFn: ({ pageParam, signal }) => api.get<Page<OidcClient>>('/oidc-clients', { cursor: pageParam, limit: PAGE_SIZE }, signal),
    ...cursorPaging,
  });

  const remove = useMutation({
    mutationFn: (client: OidcClient) => api.delete(`/oidc-clients/${encodeURIComponent(client.clientId)}`),
    onSuccess: () => {
      void message.success(t('console.clients.deleted'));
      void queryClient.invalidateQueries({ queryKey: ['oidc-clients'] });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const columns: TableColumnsType<OidcClient> = [
    { title: t('console.clients.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('console.clients.clientId'),
      dataIndex: 'clientId',
      key: 'clientId',
      render: (id: string) => (
        <Typography.Text copyable className="zl-mono">
          {id}
        </Typography.Text>
      ),
    },
    {
      title: t('console.clients.redirectUris'),
      dataIndex: 'redirectUris',
      key: 'redirectUris',
      render: (uris: string[]) =>
        uris.length ? (
          <div>
            {uris.map((uri) => (
              <div key={uri} className="zl-mono" style={{ wordBreak: 'break-all' }}>
                {uri}
              </div>
            ))}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('console.clients.grantTypes'),
      dataIndex: 'grantTypes',
      key: 'grantTypes',
      render: (grants: string[]) => (
        <Space size={[4, 4]} wrap>
          {grants.map((grant) => (
            <Tag key={grant} className="zl-mono">
              {grant}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('console.clients.public'),
      dataIndex: 'public',
      key: 'public',
      width: 130,
      render: (isPublic: boolean) =>
        isPublic ? <Tag color="cyan">{t('console.clients.public')}</Tag> : <Tag>{t('console.clients.confidential')}</Tag>,
    },
    {
      title: t('console.clients.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, client) => (
        <Popconfirm
          title={t('common.delete')}
          description={t('console.clients.deleteConfirm')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => remove.mutateAsync(client).catch(() => undefined)}
        >
          <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid={`delete-client-${client.clientId}`}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t('console.nav.clients')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-client">
          {t('console.clients.register')}
        </Button>
      }
      data-testid="console-clients"
    >
      <PagedTable query={clients} columns={columns} rowKey="clientId" scroll={{ x: 1000 }} testId="clients-table" />
      <ClientCreateModal open={registering} onClose={() => setRegistering(false)} onCreated={setCreated} />
      <CreatedClientModal created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
