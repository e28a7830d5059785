import { Button, Dialog, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import { errorMessage } from '../errors';
import { usePreferences } from '../preferences';

export function MobileLanguageSwitch() {
  const { t } = useTranslation();
  const { toggleLanguage } = usePreferences();
  return (
    <Button size="mini" fill="none" onClick={toggleLanguage} aria-label={t('prefs.switchLanguageTitle')} data-testid="lang-switch">
      {t('prefs.switchLanguage')}
    </Button>
  );
}

export function MobileElderToggle() {
  const { t } = useTranslation();
  const { elder, toggleElder } = usePreferences();
  return (
    <Button
      size="mini"
      color="primary"
      fill={elder ? 'solid' : 'outline'}
      onClick={toggleElder}
      aria-pressed={elder}
      aria-label={t('prefs.elderTitle')}
      data-testid="elder-toggle"
    >
      {elder ? t('prefs.elderExit') : t('prefs.elder')}
    </Button>
  );
}

export function MobileHeaderControls() {
  return (
    <div className="zl-m-controls">
      <MobileLanguageSwitch />
      <MobileElderToggle />
    </div>
  );
}

/** Logout and logout-everywhere on phones; the route guard then shows the login page. */
export function useMobileLogoutActions() {
  const { t } = useTranslation();
  const auth = useAuth();

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error, t) });
    }
  };

  return {
    logout: () => run(auth.logout),
    logoutEverywhere: async () => {
      const confirmed = await Dialog.confirm({
        title: t('auth.logoutAll'),
        content: t('auth.logoutAllConfirm'),
        confirmText: t('common.ok'),
        cancelText: t('common.cancel'),
      });
      if (confirmed) await run(auth.logoutEverywhere);
    },
  };
}
