import { lazy, Suspense } from 'react';
import { AppstoreOutlined, ContactsOutlined, UserOutlined } from '@ant-design/icons';
import { Grid, Tag } from 'antd-mobile';
import { Trans, useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth, useMe } from '../../shared/auth';
import { MobileForbidden, MobileLoading } from '../../shared/mobile/mobile-results';
import { MobileProfile } from '../../shared/mobile/profile-list';
import { MobileProvider } from '../../shared/mobile/mobile-provider';
import { MobileTabShell, type MobileTab } from '../../shared/mobile/tab-shell';
import { SYSTEMS } from '../systems';
import { MobileAddressBook } from './mobile-address-book';
import { MobileInbox } from './mobile-inbox';

// A task's page (its form, sheets and history) is not on the first route: load it when opened.
const MobileTaskPage = lazy(() => import('./mobile-task-page').then((m) => ({ default: m.MobileTaskPage })));

function MobileWorkbenchHome() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div data-testid="workbench-home-mobile">
      <section className="zl-m-hero">
        <h1>
          <Trans
            i18nKey="workbench.home.greeting"
            values={{ name: me.displayName }}
            components={{ name: <span data-testid="user-name" /> }}
          />
        </h1>
        <p data-testid="org-name">{[me.orgName, me.regionName].filter(Boolean).join(' · ')}</p>
      </section>
      <MobileInbox />
      <section className="zl-m-section">
        <h2 className="zl-m-section-title">{t('workbench.home.apps')}</h2>
        <Grid columns={4} gap={8}>
          {SYSTEMS.map((system) => {
            const Icon = system.icon;
            return (
              <Grid.Item key={system.id} aria-disabled="true" data-testid={`app-${system.id}`}>
                <div className="zl-m-grid-tile" style={{ opacity: 0.75 }}>
                  <span className="zl-m-tile-icon">
                    <Icon />
                  </span>
                  <span>{t(`workbench.systems.${system.id}`)}</span>
                  <Tag fill="outline" color="default">
                    {t('workbench.home.appComingSoon')}
                  </Tag>
                </div>
              </Grid.Item>
            );
          })}
        </Grid>
      </section>
    </div>
  );
}

function MobileWorkbenchShell() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.kind !== 'staff') return <MobileForbidden />;
  const tabs: MobileTab[] = [
    { path: '/m/workbench', icon: <AppstoreOutlined />, label: t('workbench.mobileTabs.home') },
    { path: '/m/workbench/contacts', icon: <ContactsOutlined />, label: t('workbench.mobileTabs.contacts') },
    { path: '/m/workbench/me', icon: <UserOutlined />, label: t('workbench.mobileTabs.me') },
  ];
  return (
    <MobileTabShell title={t('workbench.name')} tabs={tabs} profilePath="/m/workbench/me">
      <Routes>
        <Route index element={<MobileWorkbenchHome />} />
        <Route
          path="tasks/:id"
          element={
            <Suspense fallback={<MobileLoading />}>
              <MobileTaskPage />
            </Suspense>
          }
        />
        <Route path="contacts" element={<MobileAddressBook />} />
        <Route path="me" element={<MobileProfile />} />
        <Route path="*" element={<Navigate to="/m/workbench" replace />} />
      </Routes>
    </MobileTabShell>
  );
}

/** Workbench (浙政钉-like), phones: `/m/workbench/*`, staff only. */
export function MobileWorkbenchApp() {
  return (
    <MobileProvider>
      <RequireAuth>
        <MobileWorkbenchShell />
      </RequireAuth>
    </MobileProvider>
  );
}
