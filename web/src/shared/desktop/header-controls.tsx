import { GlobalOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Space, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { errorMessage } from '../errors';
import { usePreferences } from '../preferences';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { toggleLanguage } = usePreferences();
  return (
    <Button type="text" icon={<GlobalOutlined />} onClick={toggleLanguage} title={t('prefs.switchLanguageTitle')} data-testid="lang-switch">
      {t('prefs.switchLanguage')}
    </Button>
  );
}

export function ElderToggle() {
  const { t } = useTranslation();
  const { elder, toggleElder } = usePreferences();
  return (
    <Button
      type={elder ? 'primary' : 'default'}
      aria-pressed={elder}
      onClick={toggleElder}
      title={t('prefs.elderTitle')}
      data-testid="elder-toggle"
    >
      {elder ? t('prefs.elderExit') : t('prefs.elder')}
    </Button>
  );
}

/** Logout and logout-everywhere; the route guard then shows the login page. */
export function useLogoutActions() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const auth = useAuth();

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  return {
    logout: () => run(auth.logout),
    logoutEverywhere: () =>
      modal.confirm({
        title: t('auth.logoutAll'),
        content: t('auth.logoutAllConfirm'),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        onOk: () => run(auth.logoutEverywhere),
      }),
  };
}

export function UserMenu({ profilePath }: { profilePath: string }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { logout, logoutEverywhere } = useLogoutActions();
  if (!me) return null;
  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('auth.account') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout') },
    { key: 'logout-all', icon: <PoweroffOutlined />, label: t('auth.logoutAll'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') navigate(profilePath);
    else if (key === 'logout') void logout();
    else if (key === 'logout-all') logoutEverywhere();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="zl-user-button" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} />
        <span>{me.displayName}</span>
      </Button>
    </Dropdown>
  );
}

/** Language switch, elder-mode toggle and the account menu, for every desktop shell header. */
export function HeaderControls({ profilePath }: { profilePath: string }) {
  return (
    <Space className="zl-header-controls" size={8}>
      <LanguageSwitch />
      <ElderToggle />
      <UserMenu profilePath={profilePath} />
    </Space>
  );
}
