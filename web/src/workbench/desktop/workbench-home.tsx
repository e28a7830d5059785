import { lazy, Suspense } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useMe } from '../../shared/auth';
import { LoadingBlock } from '../../shared/desktop/states';
import { InboxCard } from './inbox';
import { UrgentBanner } from './urgent-banner';
import '../workbench.css';
import { Greeting } from '../../shared/greeting';

// The app launcher (its rating pop-over included) loads after the first paint of the home page.
const AppLauncher = lazy(() => import('./app-launcher').then((m) => ({ default: m.AppLauncher })));

export function WorkbenchHome() {
  const me = useMe();
  return (
    <div data-testid="workbench-home">
      <Card style={{ marginBottom: 24 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <Greeting i18nKey="workbench.home.greeting" name={me.displayName} />
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="org-name">
          {[me.orgName, me.regionName].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Card>
      <UrgentBanner />
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={10}>
          <InboxCard />
        </Col>
        <Col xs={24} xl={14}>
          <Suspense fallback={<LoadingBlock />}>
            <AppLauncher />
          </Suspense>
        </Col>
      </Row>
    </div>
  );
}
