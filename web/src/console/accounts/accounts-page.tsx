import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { hasPermission, useMe } from '../../shared/auth';
import type { Account, AccountKind, AccountStatus, Page } from '../../shared/api-types';
import { errorMessage } from '../../shared/errors';
import { PagedTable } from '../../shared/desktop/paged-table';
import { formatDateTime } from '../../shared/format';
import { cursorPaging, PAGE_SIZE } from '../../shared/query';
import { useRoleDefinitions } from '../console-queries';
import { OrgSelect } from '../org-select';
import { AccountCreateModal } from './account-create-modal';
import { AccountRolesModal } from './account-roles-modal';

interface AccountFilter {
  kind?: AccountKind;
  orgId?: string;
  status?: AccountStatus;
  q: string;
}

const KIND_COLORS: Record<AccountKind, string> = { staff: 'geekblue', citizen: 'green', enterprise: 'purple' };

function useAccounts(filter: AccountFilter) {
  return useInfiniteQuery({
    queryKey: ['accounts', filter],
    queryFn: ({ pageParam, signal }) => api.get<Page<Account>>('/accounts', { ...filter, cursor: pageParam, limit: PAGE_SIZE }, signal),
    ...cursorPaging,
  });
}

/** 账号管理. */
export function AccountsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  // account.read shows the list; account.manage adds creating, disabling, resetting and roles.
  const canManage = hasPermission(useMe(), 'account.manage');
  const [filter, setFilter] = useState<AccountFilter>({ q: '' });
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<Account | null>(null);
  const accounts = useAccounts(filter);
  const roleDefs = useRoleDefinitions();
  const roleName = (code: string) => roleDefs.data?.find((role) => role.role === code)?.name ?? code;

  const setStatus = useMutation({
    mutationFn: ({ account, enable }: { account: Account; enable: boolean }) =>
      api.post<Account>(`/accounts/${encodeURIComponent(account.id)}/${enable ? 'enable' : 'disable'}`),
    onSuccess: (_, { enable }) => {
      void message.success(enable ? t('console.accounts.enabled') : t('console.accounts.disabled'));
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const resetPassword = useMutation({
    mutationFn: (account: Account) =>
      api.post<{ temporaryPassword: string }>(`/accounts/${encodeURIComponent(account.id)}/reset-password`, {}),
    onSuccess: ({ temporaryPassword }, account) => {
      modal.success({
        title: `${t('console.accounts.tempPasswordTitle')} · ${account.displayName}`,
        width: 520,
        okText: t('common.close'),
        content: (
          <div>
            <Typography.Paragraph type="secondary">{t('console.accounts.tempPasswordHint')}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: temporaryPassword }} className="zl-secret" data-testid="temp-password" strong>
              {temporaryPassword}
            </Typography.Paragraph>
          </div>
        ),
      });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const columns: TableColumnsType<Account> = [
    {
      title: t('console.accounts.displayName'),
      key: 'name',
      render: (_, account) => (
        <div>
          <div>{account.displayName}</div>
          <Typography.Text type="secondary" className="zl-mono">
            {account.kind === 'staff' ? account.username : (account.maskedIdNumber ?? account.username)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('console.accounts.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 100,
      render: (kind: AccountKind) => <Tag color={KIND_COLORS[kind]}>{t(`kinds.${kind}`)}</Tag>,
    },
    {
      title: t('console.accounts.org'),
      key: 'org',
      render: (_, account) =>
        account.orgName ? (
          <div>
            <div>{account.orgName}</div>
            {account.position ? <Typography.Text type="secondary">{account.position}</Typography.Text> : null}
          </div>
        ) : (
          '—'
        ),
    },
    { title: t('console.accounts.phone'), dataIndex: 'phone', key: 'phone', render: (phone: string | null) => phone ?? '—' },
    {
      title: t('console.accounts.roles'),
      key: 'roles',
      render: (_, account) =>
        account.kind === 'staff' ? (
          <Space size={[4, 4]} wrap>
            {account.roles.map((grant) => (
              <Tag key={`${grant.role}:${grant.orgId ?? ''}:${grant.regionCode ?? ''}`}>{roleName(grant.role)}</Tag>
            ))}
            <Tag color="gold">{account.clearance}</Tag>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('console.accounts.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (status: AccountStatus) => (
        <Tag color={status === 'active' ? 'success' : 'default'}>{t(`console.accounts.statuses.${status}`)}</Tag>
      ),
    },
    {
      title: t('console.accounts.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLogin',
      width: 170,
      render: (at: string | null) =>
        at ? formatDateTime(at) : <Typography.Text type="secondary">{t('console.accounts.never')}</Typography.Text>,
    },
  ];
  if (canManage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, account) => (
        <Space size={0} wrap>
          {account.status === 'active' ? (
            <Popconfirm
              title={t('console.accounts.disable')}
              description={t('console.accounts.disableConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => setStatus.mutateAsync({ account, enable: false }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger data-testid={`disable-${account.id}`}>
                {t('console.accounts.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() => setStatus.mutate({ account, enable: true })}
              data-testid={`enable-${account.id}`}
            >
              {t('console.accounts.enable')}
            </Button>
          )}
          <Popconfirm
            title={t('console.accounts.resetPassword')}
            description={t('console.accounts.resetConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => resetPassword.mutateAsync(account).catch(() => undefined)}
          >
            <Button type="link" size="small" data-testid={`reset-${account.id}`}>
              {t('console.accounts.resetPassword')}
            </Button>
          </Popconfirm>
          {account.kind === 'staff' ? (
            <Button type="link" size="small" onClick={() => setEditingRoles(account)} data-testid={`roles-${account.id}`}>
              {t('console.accounts.editRoles')}
            </Button>
          ) : null}
        </Space>
      ),
    });

  return (
    <Card
      title={t('console.nav.accounts')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-account">
            {t('console.accounts.create')}
          </Button>
        ) : null
      }
      data-testid="console-accounts"
    >
      <div className="zl-toolbar">
        <Input.Search
          allowClear
          placeholder={t('console.accounts.keyword')}
          onSearch={(value) => setFilter((current) => ({ ...current, q: value.trim() }))}
          style={{ width: 240 }}
          data-testid="account-search"
        />
        <Select<AccountKind>
          allowClear
          placeholder={t('console.accounts.kind')}
          value={filter.kind}
          onChange={(kind) => setFilter((current) => ({ ...current, kind }))}
          options={(['staff', 'citizen', 'enterprise'] as const).map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
          style={{ width: 140 }}
        />
        <OrgSelect
          value={filter.orgId}
          onChange={(orgId) => setFilter((current) => ({ ...current, orgId }))}
          placeholder={t('console.accounts.org')}
          style={{ width: 260 }}
        />
        <Select<AccountStatus>
          allowClear
          placeholder={t('console.accounts.status')}
          value={filter.status}
          onChange={(status) => setFilter((current) => ({ ...current, status }))}
          options={(['active', 'disabled'] as const).map((status) => ({ value: status, label: t(`console.accounts.statuses.${status}`) }))}
          style={{ width: 120 }}
        />
      </div>
      <PagedTable query={accounts} columns={columns} rowKey="id" scroll={{ x: 1100 }} testId="accounts-table" loadMoreTestId="load-more" />
      <AccountCreateModal open={creating} onClose={() => setCreating(false)} />
      <AccountRolesModal account={editingRoles} onClose={() => setEditingRoles(null)} />
    </Card>
  );
}
