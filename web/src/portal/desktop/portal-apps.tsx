import { App, Card, Col, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLaunchApp, useLauncherApps } from '../../shared/app-launcher';
import { errorMessage } from '../../shared/errors';

/** 特色应用 on the desktop Portal: the apps registered for the Portal in the person's region; nothing when there are none. */
export function PortalApps() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apps = useLauncherApps('portal');
  const launch = useLaunchApp('portal');
  if (!apps.data?.length) return null;
  return (
    <Card title={t('portal.apps.title')} style={{ marginTop: 24 }} data-testid="portal-apps">
      <Row gutter={[16, 16]}>
        {apps.data.map((app) => (
          <Col key={app.id} xs={12} md={6}>
            <Card
              size="small"
              hoverable
              onClick={() => launch.mutate(app.id, { onError: (error) => void message.error(errorMessage(error, t)) })}
              data-testid={`portal-app-${app.code}`}
            >
              <Card.Meta title={app.name} description={app.description || app.ownerOrgName} />
              <Tag style={{ marginTop: 8 }}>{app.ownerOrgName}</Tag>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
