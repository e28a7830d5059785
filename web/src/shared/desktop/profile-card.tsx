import { LogoutOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth';
import { ChangePasswordForm } from './change-password-form';
import { useLogoutActions } from './header-controls';
import { Panel } from './states';

/** The signed-in account from /auth/me, with change-password, logout and logout-everywhere. */
export function ProfileCard() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout, logoutEverywhere } = useLogoutActions();
  const items = [
    { key: 'name', label: t('profile.name'), children: me.displayName },
    // A citizen's or enterprise's username is their ID number: show only the masked one.
    ...(me.kind === 'staff' ? [{ key: 'username', label: t('profile.username'), children: me.username }] : []),
    { key: 'kind', label: t('profile.kind'), children: t(`kinds.${me.kind}`) },
    ...(me.maskedIdNumber
      ? [{ key: 'id', label: t(`profile.idNumber.${me.kind}`), children: <span data-testid="masked-id">{me.maskedIdNumber}</span> }]
      : []),
    { key: 'level', label: t('profile.realNameLevel'), children: t(`profile.realNameLevels.${me.realNameLevel}`) },
    ...(me.orgName ? [{ key: 'org', label: t('profile.org'), children: me.orgName }] : []),
    ...(me.regionName ? [{ key: 'region', label: t('profile.region'), children: me.regionName }] : []),
    ...(me.kind === 'staff'
      ? [
          {
            key: 'roles',
            label: t('profile.roles'),
            children: me.roles.length ? (
              <Space size={[4, 4]} wrap>
                {me.roles.map((grant) => (
                  <Tag key={`${grant.role}:${grant.orgId ?? ''}:${grant.regionCode ?? ''}`}>{grant.role}</Tag>
                ))}
              </Space>
            ) : (
              t('common.none')
            ),
          },
          { key: 'clearance', label: t('profile.clearance'), children: t(`clearance.${me.clearance}`) },
        ]
      : []),
  ];
  return (
    <div>
      <Panel testId="profile">
        <Descriptions column={1} items={items} />
      </Panel>
      <Panel title={t('profile.security')}>
        <ChangePasswordForm />
        <Space wrap className="zl-security-actions">
          <Button icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
            {t('auth.logout')}
          </Button>
          <Button danger icon={<PoweroffOutlined />} onClick={logoutEverywhere} data-testid="logout-all">
            {t('auth.logoutAll')}
          </Button>
        </Space>
      </Panel>
    </div>
  );
}
