import { Grid, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { isSystemCode, useLaunchApp, useLauncherApps } from '../launcher';

/** 应用 on the phone home: the apps opened to the Workbench; a tap opens one (single sign-on at the app). */
export function MobileAppLauncher() {
  const { t } = useTranslation();
  const apps = useLauncherApps();
  const launch = useLaunchApp();
  return (
    <section className="zl-m-section" data-testid="app-launcher">
      <h2 className="zl-m-section-title">{t('workbench.launcher.title')}</h2>
      {apps.isPending ? <MobileLoading /> : null}
      {apps.isError ? <MobileError error={apps.error} onRetry={() => void apps.refetch()} /> : null}
      {apps.isSuccess && !apps.data.length ? (
        <div data-testid="app-launcher-empty">
          <MobileEmpty title={t('workbench.launcher.empty')} description={t('workbench.launcher.emptyHint')} />
        </div>
      ) : null}
      {apps.data?.length ? (
        <Grid columns={3} gap={8}>
          {apps.data.map((app) => (
            <Grid.Item
              key={app.id}
              onClick={() => {
                if (launch.isPending) return;
                Toast.show({ icon: 'loading', content: t('workbench.launcher.opening'), duration: 0 });
                launch.mutate(app.id, { onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }) });
              }}
              data-testid={`app-${app.code}`}
            >
              <div className="zl-m-grid-tile">
                <span className="zl-m-tile-icon">{app.name.slice(0, 1)}</span>
                <span>{app.name}</span>
                <Tag fill="outline" color="primary">
                  {isSystemCode(app.system) ? t(`workbench.systems.${app.system}`) : t('workbench.launcher.platform')}
                </Tag>
                <span style={{ color: 'var(--adm-color-weak)', fontSize: 'var(--adm-font-size-4)' }}>{app.ownerOrgName}</span>
              </div>
            </Grid.Item>
          ))}
        </Grid>
      ) : null}
    </section>
  );
}
