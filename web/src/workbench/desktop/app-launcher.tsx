import { StarOutlined } from '@ant-design/icons';
import { App, Button, Card, Popover, Rate, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { isSystemCode, useLaunchApp, useLauncherApps, useRateApp, type LauncherApp } from '../launcher';
import '../workbench.css';

function RateButton({ app }: { app: LauncherApp }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rate = useRateApp();
  return (
    <Popover
      trigger="click"
      title={`${t('workbench.launcher.rate')} · ${app.name}`}
      content={
        // The pop-over is rendered in a portal, but React events still bubble to the tile: keep a star from opening the app.
        <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()} role="presentation">
          <Rate
            disabled={rate.isPending}
            onChange={(score) =>
              rate.mutate(
                { appId: app.id, score },
                {
                  onSuccess: () => void message.success(t('workbench.launcher.rated')),
                  onError: (error) => void message.error(errorMessage(error, t)),
                },
              )
            }
          />
        </div>
      }
    >
      <Button
        type="text"
        size="small"
        icon={<StarOutlined />}
        aria-label={`${t('workbench.launcher.rate')} · ${app.name}`}
        onClick={(event) => event.stopPropagation()}
        className="zl-launcher-rate"
      />
    </Popover>
  );
}

/** 应用: the apps of the reader's region opened to the Workbench; a click opens one (single sign-on at the app). */
export function AppLauncher() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apps = useLauncherApps();
  const launch = useLaunchApp();
  const open = (app: LauncherApp) => {
    if (launch.isPending) return;
    void message.loading({ content: t('workbench.launcher.opening'), key: 'launch' });
    launch.mutate(app.id, { onError: (error) => void message.error({ content: errorMessage(error, t), key: 'launch' }) });
  };

  let body;
  if (apps.isPending) body = <LoadingBlock />;
  else if (apps.isError) body = <ErrorBlock error={apps.error} onRetry={() => void apps.refetch()} />;
  else if (!apps.data.length)
    body = (
      <div data-testid="app-launcher-empty">
        <EmptyBlock title={t('workbench.launcher.empty')} description={t('workbench.launcher.emptyHint')} />
      </div>
    );
  else
    body = (
      <div className="zl-launcher">
        {apps.data.map((app) => (
          <div
            key={app.id}
            className="zl-launcher-tile"
            role="button"
            tabIndex={0}
            onClick={() => open(app)}
            onKeyDown={(event) => (event.key === 'Enter' ? open(app) : undefined)}
            data-testid={`app-${app.code}`}
          >
            <RateButton app={app} />
            <Tooltip title={app.description || undefined}>
              <span className="zl-launcher-icon" aria-hidden>
                {app.name.slice(0, 1)}
              </span>
            </Tooltip>
            <span className="zl-launcher-name">{app.name}</span>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {isSystemCode(app.system) ? t(`workbench.systems.${app.system}`) : t('workbench.launcher.platform')}
            </Tag>
            <span className="zl-launcher-owner">{t('workbench.launcher.owner', { name: app.ownerOrgName })}</span>
          </div>
        ))}
      </div>
    );

  return (
    <Card title={t('workbench.launcher.title')} data-testid="app-launcher">
      {body}
    </Card>
  );
}
