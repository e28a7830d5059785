import type { ReactNode } from 'react';
import {
  AppstoreOutlined,
  CommentOutlined,
  EyeOutlined,
  FileProtectOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Layout, Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import { HeaderControls } from '../../shared/desktop/header-controls';
import { MustChangePasswordAlert } from '../../shared/desktop/must-change-password';
import { searchPath } from '../service-format';

const NAV = [
  { path: '/portal', label: 'portal.nav.home', icon: <HomeOutlined /> },
  { path: '/portal/services', label: 'portal.nav.services', icon: <AppstoreOutlined /> },
  { path: '/portal/cases', label: 'portal.nav.cases', icon: <ProfileOutlined /> },
  { path: '/portal/certificates', label: 'portal.nav.certificates', icon: <IdcardOutlined /> },
  { path: '/portal/consents', label: 'portal.nav.consents', icon: <SafetyCertificateOutlined /> },
  // 谁用了我的数据 and 投诉与建议: for applicants (citizens, enterprises)
  { path: '/portal/data-uses', label: 'portal.dataUses.title', icon: <EyeOutlined />, applicantOnly: true },
  { path: '/portal/complaints', label: 'portal.complaints.nav', icon: <CommentOutlined />, applicantOnly: true },
  { path: '/portal/me', label: 'portal.nav.me', icon: <UserOutlined /> },
] as const;

/**
 * The Portal's search box: a plain form (antd's Input.Search would bring the whole input
 * family — text areas, passwords, OTP — onto the first route, B7), styled like antd's.
 */
export function PortalSearch({ size = 'middle' }: { size?: 'middle' | 'large' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <form
      role="search"
      className={`zl-search${size === 'large' ? ' is-large' : ''}`}
      data-testid="portal-search"
      onSubmit={(event) => {
        event.preventDefault();
        const value = new FormData(event.currentTarget).get('q');
        navigate(searchPath('/portal/search', typeof value === 'string' ? value : '', params.get('audience')));
      }}
    >
      <input
        key={params.get('q') ?? ''}
        name="q"
        type="search"
        defaultValue={params.get('q') ?? ''}
        placeholder={t('portal.searchPlaceholder')}
        aria-label={t('portal.searchPlaceholder')}
        autoComplete="off"
      />
      <button type="submit" aria-label={t('common.search')} title={t('common.search')}>
        <SearchOutlined />
      </button>
    </form>
  );
}

export function PortalShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  // 首页 only on the home itself: the search page belongs to no item.
  const selected = [...NAV]
    .reverse()
    .find((item) => location.pathname === item.path || (item.path !== '/portal' && location.pathname.startsWith(`${item.path}/`)))?.path;
  const applicant = hasPermission(useMe(), 'portal.use');
  const items: MenuProps['items'] = NAV.filter((item) => applicant || !('applicantOnly' in item)).map((item) => ({
    key: item.path,
    icon: item.icon,
    label: t(item.label),
  }));
  return (
    <Layout style={{ minHeight: '100vh', background: 'var(--zl-bg)' }}>
      <Layout.Header className="zl-header">
        <Link to="/portal" className="zl-brand">
          <span className="zl-brand-mark">治</span>
          <span>{t('portal.name')}</span>
        </Link>
        <div className="zl-portal-search">
          <PortalSearch />
        </div>
        <span className="zl-header-spacer" />
        <HeaderControls profilePath="/portal/me" />
      </Layout.Header>
      <nav className="zl-portal-nav">
        <Menu mode="horizontal" selectedKeys={selected ? [selected] : []} items={items} onClick={({ key }) => navigate(key)} />
      </nav>
      <Layout.Content className="zl-portal-content">
        <MustChangePasswordAlert profilePath="/portal/me" />
        {children}
      </Layout.Content>
      <Layout.Footer className="zl-portal-footer">
        <FileProtectOutlined /> {t('login.footer')}
      </Layout.Footer>
    </Layout>
  );
}
