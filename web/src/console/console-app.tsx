import { lazy, Suspense, type ReactElement } from 'react';
import { DashboardOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router';
import { RequireAuth, useMe } from '../shared/auth';
import { DesktopProvider } from '../shared/desktop/desktop-provider';
import { ForbiddenResult } from '../shared/desktop/forbidden';
import { ProfileCard } from '../shared/desktop/profile-card';
import { LoadingBlock } from '../shared/desktop/states';
import { SideMenuShell, type ShellNavItem } from '../shared/desktop/side-menu-shell';
import { AccountsPage } from './accounts/accounts-page';
import { AuditPage } from './audit/audit-page';
import { CatalogPage } from './catalog/catalog-page';
import { ClientsPage } from './clients/clients-page';
import { OrgsPage } from './orgs/orgs-page';
import { RolesPage } from './roles/roles-page';
import { SharingPage } from './sharing/sharing-page';
import { InstancesPage } from './processes/instances-page';
import { canOpen, canUseConsole, sectionDescription, sectionLabel, visibleSections, type ConsoleSection } from './sections';
import './console.css';

// The business model (Tree, Upload, Progress) loads when it is opened, not with the Console.
const ModelPage = lazy(() => import('./model/model-page').then((module) => ({ default: module.ModelPage })));
// bpmn-js (the modeler, the viewer) and the calendar grid load only on their own pages.
const ProcessDesignerPage = lazy(() =>
  import('./process-design/process-designer-page').then((module) => ({ default: module.ProcessDesignerPage })),
);
const InstancePage = lazy(() => import('./processes/instance-page').then((module) => ({ default: module.InstancePage })));
const ResourcePage = lazy(() => import('./catalog/resource-page').then((module) => ({ default: module.ResourcePage })));
const SharingRequestPage = lazy(() => import('./sharing/request-page').then((module) => ({ default: module.SharingRequestPage })));
// The metrics page (and, behind it, echarts) loads only when it is opened.
const AppsPage = lazy(() => import('./apps/apps-page').then((module) => ({ default: module.AppsPage })));
const EfficacyPage = lazy(() => import('./apps/efficacy-page').then((module) => ({ default: module.EfficacyPage })));
const ComponentsPage = lazy(() => import('./apps/components-page').then((module) => ({ default: module.ComponentsPage })));
const CertificatesPage = lazy(() => import('./certificates/certificates-page').then((module) => ({ default: module.CertificatesPage })));
const OneStopKpisPage = lazy(() => import('./one-stop-kpis/kpis-page').then((module) => ({ default: module.OneStopKpisPage })));
const SharingMetricsPage = lazy(() => import('./sharing-metrics/metrics-page').then((module) => ({ default: module.SharingMetricsPage })));
// 业务协同 and 数据异议 load when they are opened.
const CollaborationPage = lazy(() =>
  import('./collaboration/collaboration-page').then((module) => ({ default: module.CollaborationPage })),
);
const ObjectionsPage = lazy(() => import('./objections/objections-page').then((module) => ({ default: module.ObjectionsPage })));
const CalendarPage = lazy(() => import('./calendar/calendar-page').then((module) => ({ default: module.CalendarPage })));

function ConsoleHome() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div data-testid="console-home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('console.home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('console.home.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {visibleSections(me).map((section) => (
          <Col key={section.key} xs={24} md={12} xl={8}>
            <Link to={section.path} data-testid={`console-card-${section.key}`}>
              <Card hoverable>
                <Card.Meta
                  avatar={<span className="zl-console-card-icon">{section.icon}</span>}
                  title={sectionLabel(t, section.key)}
                  description={sectionDescription(t, section.key)}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}

function ConsoleProfile() {
  const { t } = useTranslation();
  return (
    <div data-testid="console-profile">
      <h2 className="zl-page-title">{t('profile.settingsTitle')}</h2>
      <ProfileCard />
    </div>
  );
}

function Guarded({ section, children }: { section: ConsoleSection; children: ReactElement }) {
  const me = useMe();
  return canOpen(me, section) ? children : <ForbiddenResult />;
}

function ConsoleShell() {
  const { t } = useTranslation();
  const me = useMe();
  const sections = visibleSections(me);
  if (!canUseConsole(me)) return <ForbiddenResult />;
  const items: ShellNavItem[] = [
    { path: '/console', icon: <DashboardOutlined />, label: t('console.nav.home') },
    ...sections.map((section) => ({ path: section.path, icon: section.icon, label: sectionLabel(t, section.key) })),
  ];
  return (
    <SideMenuShell title={t('console.name')} homePath="/console" profilePath="/console/me" items={items}>
      <Routes>
        <Route index element={<ConsoleHome />} />
        <Route
          path="orgs"
          element={
            <Guarded section="orgs">
              <OrgsPage />
            </Guarded>
          }
        />
        <Route
          path="accounts"
          element={
            <Guarded section="accounts">
              <AccountsPage />
            </Guarded>
          }
        />
        <Route
          path="roles"
          element={
            <Guarded section="roles">
              <RolesPage />
            </Guarded>
          }
        />
        <Route
          path="clients"
          element={
            <Guarded section="clients">
              <ClientsPage />
            </Guarded>
          }
        />
        <Route
          path="model"
          element={
            <Guarded section="model">
              <Suspense fallback={<LoadingBlock />}>
                <ModelPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="model/items/:itemId/process"
          element={
            <Guarded section="model">
              <Suspense fallback={<LoadingBlock />}>
                <ProcessDesignerPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="catalog"
          element={
            <Guarded section="catalog">
              <CatalogPage />
            </Guarded>
          }
        />
        <Route
          path="catalog/:resourceId"
          element={
            <Guarded section="catalog">
              <Suspense fallback={<LoadingBlock />}>
                <ResourcePage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="sharing"
          element={
            <Guarded section="sharing">
              <SharingPage />
            </Guarded>
          }
        />
        <Route
          path="sharing/:requestId"
          element={
            <Guarded section="sharing">
              <Suspense fallback={<LoadingBlock />}>
                <SharingRequestPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="apps"
          element={
            <Guarded section="apps">
              <Suspense fallback={<LoadingBlock />}>
                <AppsPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="app-efficacy"
          element={
            <Guarded section="appEfficacy">
              <Suspense fallback={<LoadingBlock />}>
                <EfficacyPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="components"
          element={
            <Guarded section="components">
              <Suspense fallback={<LoadingBlock />}>
                <ComponentsPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="certificates"
          element={
            <Guarded section="certificates">
              <Suspense fallback={<LoadingBlock />}>
                <CertificatesPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="one-stop-kpis"
          element={
            <Guarded section="oneStopKpis">
              <Suspense fallback={<LoadingBlock />}>
                <OneStopKpisPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="sharing-metrics"
          element={
            <Guarded section="sharingMetrics">
              <Suspense fallback={<LoadingBlock />}>
                <SharingMetricsPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="collaboration"
          element={
            <Guarded section="collaboration">
              <Suspense fallback={<LoadingBlock />}>
                <CollaborationPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="objections"
          element={
            <Guarded section="objections">
              <Suspense fallback={<LoadingBlock />}>
                <ObjectionsPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="processes"
          element={
            <Guarded section="processes">
              <InstancesPage />
            </Guarded>
          }
        />
        <Route
          path="processes/:instanceId"
          element={
            <Guarded section="processes">
              <Suspense fallback={<LoadingBlock />}>
                <InstancePage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="calendar"
          element={
            <Guarded section="calendar">
              <Suspense fallback={<LoadingBlock />}>
                <CalendarPage />
              </Suspense>
            </Guarded>
          }
        />
        <Route
          path="audit"
          element={
            <Guarded section="audit">
              <AuditPage />
            </Guarded>
          }
        />
        <Route path="me" element={<ConsoleProfile />} />
        <Route path="*" element={<Navigate to="/console" replace />} />
      </Routes>
    </SideMenuShell>
  );
}

/** Console (platform administration): `/console/*`, staff with a console permission. */
export function ConsoleApp() {
  return (
    <DesktopProvider>
      <RequireAuth>
        <ConsoleShell />
      </RequireAuth>
    </DesktopProvider>
  );
}
