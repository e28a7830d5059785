import type { ReactNode } from 'react';
import { Button, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth';
import { MobileChangePasswordForm } from './change-password-form';
import { useMobileLogoutActions } from './mobile-controls';

/**
 * The signed-in account from /auth/me, with change-password, logout and logout-everywhere
 * (phones). `children` (e.g. links of the front end) go between the profile and the form.
 */
export function MobileProfile({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout, logoutEverywhere } = useMobileLogoutActions();
  return (
    <div>
      <List header={t('profile.title')} data-testid="profile">
        <List.Item extra={me.displayName}>{t('profile.name')}</List.Item>
        {me.kind === 'staff' ? <List.Item extra={me.username}>{t('profile.username')}</List.Item> : null}
        <List.Item extra={t(`kinds.${me.kind}`)}>{t('profile.kind')}</List.Item>
        {me.maskedIdNumber ? (
          <List.Item extra={<span data-testid="masked-id">{me.maskedIdNumber}</span>}>{t(`profile.idNumber.${me.kind}`)}</List.Item>
        ) : null}
        <List.Item extra={t(`profile.realNameLevels.${me.realNameLevel}`)}>{t('profile.realNameLevel')}</List.Item>
        {me.orgName ? <List.Item extra={me.orgName}>{t('profile.org')}</List.Item> : null}
        {me.regionName ? <List.Item extra={me.regionName}>{t('profile.region')}</List.Item> : null}
        {me.kind === 'staff' ? <List.Item extra={t(`clearance.${me.clearance}`)}>{t('profile.clearance')}</List.Item> : null}
      </List>
      {children}
      <MobileChangePasswordForm />
      <div style={{ padding: 16, display: 'grid', gap: 12 }}>
        <Button block size="large" onClick={() => void logout()} data-testid="logout">
          {t('auth.logout')}
        </Button>
        <Button block size="large" color="danger" fill="outline" onClick={() => void logoutEverywhere()} data-testid="logout-all">
          {t('auth.logoutAll')}
        </Button>
      </div>
    </div>
  );
}
