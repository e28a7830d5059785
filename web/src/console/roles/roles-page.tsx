import { Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleDefinition, RoleScope } from '../../shared/api-types';
import { ErrorBlock } from '../../shared/desktop/states';
import { useRoleDefinitions } from '../console-queries';

const SCOPE_COLORS: Record<RoleScope, string> = { org: 'blue', region: 'cyan', platform: 'magenta' };

/** 角色权限: the role definitions, read-only. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoleDefinitions();
  const columns: TableColumnsType<RoleDefinition> = [
    {
      title: t('console.roles.name'),
      key: 'name',
      width: 220,
      render: (_, role) => (
        <div>
          <div style={{ fontWeight: 600 }}>{role.name}</div>
          <Typography.Text type="secondary" className="zl-mono">
            {role.role}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('console.roles.scope'),
      dataIndex: 'scope',
      key: 'scope',
      width: 100,
      render: (scope: RoleScope) => <Tag color={SCOPE_COLORS[scope]}>{t(`console.roles.scopes.${scope}`)}</Tag>,
    },
    { title: t('console.roles.description'), dataIndex: 'description', key: 'description' },
    {
      title: t('console.roles.permissions'),
      dataIndex: 'permissions',
      key: 'permissions',
      render: (permissions: string[]) => (
        <Space size={[4, 4]} wrap>
          {permissions.map((permission) => (
            <Tag key={permission} className="zl-mono">
              {permission}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('console.nav.roles')} data-testid="console-roles">
      {roles.isError ? (
        <ErrorBlock error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <Table<RoleDefinition> rowKey="role" columns={columns} dataSource={roles.data ?? []} loading={roles.isPending} pagination={false} />
      )}
    </Card>
  );
}
