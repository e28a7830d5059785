import type { ReactNode } from 'react';
import { AuditOutlined, DatabaseOutlined, KeyOutlined, LoginOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { hasPermission, useAuth } from '../shared/auth';
import { ElderToggle, LanguageSwitch, UserMenu } from '../shared/desktop/header-controls';
import { loginPath } from '../shared/paths';

/** The open-data Portal's frame: brand, 数据目录 / 我的开放数据 / 审核 (data officers), language and account. */
export function OpenShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const nav = [
    { path: '/open', label: t('openData.nav.catalog'), icon: <DatabaseOutlined /> },
    ...(me ? [{ path: '/open/me', label: t('openData.nav.me'), icon: <KeyOutlined /> }] : []),
    ...(me && hasPermission(me, 'data.manage') ? [{ path: '/open/review', label: t('openData.nav.review'), icon: <AuditOutlined /> }] : []),
  ];
  const selected = [...nav].reverse().find((item) => location.pathname.startsWith(item.path))?.path ?? '/open';
  const items: MenuProps['items'] = nav.map((item) => ({ key: item.path, icon: item.icon, label: item.label }));
  return (
    <Layout style={{ minHeight: '100vh', background: 'var(--zl-bg)' }}>
      <Layout.Header className="zl-header">
        <Link to="/open" className="zl-brand" data-testid="open-home">
          <span className="zl-brand-mark">开</span>
          <span>{t('openData.name')}</span>
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          items={items}
          onClick={({ key }) => navigate(key)}
          className="zl-open-nav"
          data-testid="open-nav"
        />
        <span className="zl-header-spacer" />
        <Space size={8}>
          <LanguageSwitch />
          <ElderToggle />
          {me ? (
            <UserMenu profilePath="/open/me" />
          ) : (
            <Button
              type="primary"
              icon={<LoginOutlined />}
              onClick={() => navigate(loginPath(false, location.pathname + location.search))}
              data-testid="open-login"
            >
              {t('openData.login')}
            </Button>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="zl-open-content">{children}</Layout.Content>
      <Layout.Footer className="zl-open-footer">{t('login.footer')}</Layout.Footer>
    </Layout>
  );
}
