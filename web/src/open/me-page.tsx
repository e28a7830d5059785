import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorBlock } from '../shared/desktop/states';
import { errorMessage } from '../shared/errors';
import { formatDateTime } from '../shared/format';
import type { ApiKey, OpenApplication } from './open-api';
import { useApiKeys, useApplications, useCreateKey, useRevokeKey } from './open-queries';
import { StatusTag } from './open-tags';

/** 创建 API Key: a name in, the secret out — shown this once, with a copy button. */
function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateKey();
  const [secret, setSecret] = useState<string | null>(null);

  const submit = async ({ name }: { name: string }) => {
    try {
      setSecret((await create.mutateAsync(name.trim())).secret);
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  if (secret)
    return (
      <Modal
        open
        title={t('openData.keys.secretTitle')}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose} data-testid="open-key-secret-close">
            {t('common.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon message={t('openData.keys.secretNote')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret }} code data-testid="open-key-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    );
  return (
    <Modal
      open
      title={t('openData.keys.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="name"
          label={t('openData.keys.name')}
          rules={[{ required: true, max: 50, whitespace: true, message: t('openData.keys.nameRule') }]}
        >
          <Input placeholder={t('openData.keys.namePlaceholder')} data-testid="open-key-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function KeysCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keys = useApiKeys();
  const revoke = useRevokeKey();
  const [creating, setCreating] = useState(false);
  const max = keys.data?.max ?? 5;
  const active = (keys.data?.items ?? []).filter((k) => !k.revokedAt).length;

  const columns: TableColumnsType<ApiKey> = [
    { title: t('openData.keys.name'), dataIndex: 'name', key: 'name' },
    { title: t('openData.keys.prefix'), dataIndex: 'prefix', key: 'prefix', render: (prefix: string) => <code>{prefix}…</code> },
    { title: t('openData.keys.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at) },
    {
      title: t('openData.keys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (at: string | null) => (at ? formatDateTime(at) : t('openData.keys.never')),
    },
    { title: t('openData.keys.calls'), dataIndex: 'calls', key: 'calls', align: 'right' },
    {
      title: t('openData.keys.state'),
      key: 'state',
      render: (_, key) => (key.revokedAt ? <Tag>{t('openData.keys.revoked')}</Tag> : <Tag color="green">{t('openData.keys.active')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, key) =>
        key.revokedAt ? null : (
          <Popconfirm
            title={t('openData.keys.revokeConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke.mutateAsync(key.id).then(
                () => void message.success(t('openData.keys.revokedDone')),
                (error: unknown) => void message.error(errorMessage(error, t)),
              )
            }
          >
            <Button size="small" danger data-testid={`open-key-revoke-${key.id}`}>
              {t('openData.keys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('openData.keys.title')}
      className="zl-open-section"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          disabled={active >= max}
          data-testid="open-key-create"
        >
          {t('openData.keys.create')}
        </Button>
      }
      data-testid="open-keys"
    >
      <Typography.Paragraph type="secondary">{t('openData.keys.hint', { max })}</Typography.Paragraph>
      {keys.isError ? (
        <ErrorBlock error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={keys.isPending}
          columns={columns}
          dataSource={keys.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('openData.keys.empty') }}
          data-testid="open-keys-table"
        />
      )}
      {creating ? <CreateKeyModal onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

function ApplicationsCard() {
  const { t } = useTranslation();
  const applications = useApplications('mine');
  const columns: TableColumnsType<OpenApplication> = [
    {
      title: t('openData.mine.dataset'),
      key: 'dataset',
      render: (_, a) => <Link to={`/open/datasets/${encodeURIComponent(a.dataset.name)}`}>{a.dataset.title}</Link>,
    },
    { title: t('openData.mine.org'), key: 'org', render: (_, a) => a.ownerOrg.name },
    {
      title: t('openData.mine.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: OpenApplication['status']) => <StatusTag value={status} />,
    },
    { title: t('openData.mine.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('openData.mine.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => formatDateTime(at) },
    { title: t('openData.mine.decidedAt'), dataIndex: 'decidedAt', key: 'decidedAt', render: (at: string | null) => formatDateTime(at) },
  ];
  return (
    <Card title={t('openData.mine.applications')} className="zl-open-section" data-testid="open-my-applications">
      {applications.isError ? (
        <ErrorBlock error={applications.error} onRetry={() => void applications.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={applications.isPending}
          columns={columns}
          dataSource={applications.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('openData.mine.empty') }}
          onRow={(a) => ({ 'data-testid': `open-my-application-${a.dataset.name}` }) as object}
        />
      )}
    </Card>
  );
}

/** 我的开放数据: my API keys and my applications for conditionally open datasets. */
export function MePage() {
  const { t } = useTranslation();
  return (
    <div data-testid="open-me-page">
      <Typography.Title level={3}>{t('openData.nav.me')}</Typography.Title>
      <KeysCard />
      <ApplicationsCard />
    </div>
  );
}
