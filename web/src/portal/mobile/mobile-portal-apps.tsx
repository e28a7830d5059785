import { Grid, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLaunchApp, useLauncherApps } from '../../shared/app-launcher';
import { errorMessage } from '../../shared/errors';

/** 特色应用 on the phone Portal: the apps registered for the Portal in the person's region, a tap opens one. */
export function MobilePortalApps() {
  const { t } = useTranslation();
  const apps = useLauncherApps('portal');
  const launch = useLaunchApp('portal');
  if (!apps.data?.length) return null;
  return (
    <section className="zl-m-section" data-testid="portal-apps">
      <h2 className="zl-m-section-title">{t('portal.apps.title')}</h2>
      <Grid columns={3} gap={8}>
        {apps.data.map((app) => (
          <Grid.Item
            key={app.id}
            onClick={() => launch.mutate(app.id, { onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }) })}
            data-testid={`portal-app-${app.code}`}
          >
            <div className="zl-m-grid-tile">
              <span>{app.name}</span>
            </div>
          </Grid.Item>
        ))}
      </Grid>
    </section>
  );
}
