import { Card, Col, Row, Tag, Typography } from 'antd';
import { Trans, useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import { SYSTEMS } from '../systems';
import { InboxCard } from './inbox';
import '../workbench.css';

export function WorkbenchHome() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div data-testid="workbench-home">
      <Card style={{ marginBottom: 24 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <Trans
            i18nKey="workbench.home.greeting"
            values={{ name: me.displayName }}
            components={{ name: <span data-testid="user-name" /> }}
          />
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="org-name">
          {[me.orgName, me.regionName].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Card>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={10}>
          <InboxCard />
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('workbench.home.apps')}>
            <div className="zl-launcher" data-testid="app-launcher">
              {SYSTEMS.map((system) => {
                const Icon = system.icon;
                return (
                  <div key={system.id} className="zl-launcher-tile" aria-disabled="true" data-testid={`app-${system.id}`}>
                    <Icon className="zl-launcher-icon" />
                    <span className="zl-launcher-name">{t(`workbench.systems.${system.id}`)}</span>
                    <Tag>{t('workbench.home.appComingSoon')}</Tag>
                  </div>
                );
              })}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
