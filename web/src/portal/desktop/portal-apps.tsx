import { App, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLaunchApp, useLauncherApps } from '../../shared/app-launcher';
import { Panel } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';

/**
 * 特色应用 on the desktop Portal: the apps registered for the Portal in the person's region;
 * nothing when there are none. Tiles like the service domains' (antd's Card would bring its
 * tabs onto the home, B7).
 */
export function PortalApps() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apps = useLauncherApps('portal');
  const launch = useLaunchApp('portal');
  if (!apps.data?.length) return null;
  return (
    <Panel title={t('portal.apps.title')} className="zl-portal-apps" testId="portal-apps">
      <div className="zl-tile-grid is-apps">
        {apps.data.map((app) => (
          <button
            key={app.id}
            type="button"
            className="zl-tile zl-app-tile"
            onClick={() => launch.mutate(app.id, { onError: (error) => void message.error(errorMessage(error, t)) })}
            data-testid={`portal-app-${app.code}`}
          >
            <span className="zl-tile-name">{app.name}</span>
            <span className="zl-app-tile-description">{app.description || app.ownerOrgName}</span>
            <Tag>{app.ownerOrgName}</Tag>
          </button>
        ))}
      </div>
    </Panel>
  );
}
