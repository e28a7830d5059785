import { lazy, Suspense } from 'react';
import { AppstoreOutlined, CheckSquareOutlined, ContactsOutlined, MessageOutlined, SettingOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth, useMe } from '../../shared/auth';
import { DesktopProvider } from '../../shared/desktop/desktop-provider';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { EmptyBlock, LoadingBlock } from '../../shared/desktop/states';
import { SideMenuShell, type ShellNavItem } from '../../shared/desktop/side-menu-shell';
import { AddressBookPage } from './address-book-page';
import { TaskListPage } from './inbox';
import { WorkbenchHome } from './workbench-home';

// The profile (antd Descriptions and the change-password Form) is not on the first route: load it when opened.
const ProfileCard = lazy(() => import('../../shared/desktop/profile-card').then((m) => ({ default: m.ProfileCard })));
// Nor is a task's page (its form and the instance's timeline).
const TaskPage = lazy(() => import('./task-page').then((m) => ({ default: m.TaskPage })));

function MessagesPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('workbench.nav.messages')} data-testid="workbench-messages">
      <EmptyBlock title={t('workbench.messages.empty')} />
    </Card>
  );
}

function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="workbench-settings">
      <h2 className="zl-page-title">{t('profile.settingsTitle')}</h2>
      <Suspense fallback={<LoadingBlock />}>
        <ProfileCard />
      </Suspense>
    </div>
  );
}

function WorkbenchShell() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.kind !== 'staff') return <ForbiddenResult />;
  const items: ShellNavItem[] = [
    { path: '/workbench', icon: <AppstoreOutlined />, label: t('workbench.nav.home') },
    { path: '/workbench/tasks', icon: <CheckSquareOutlined />, label: t('workbench.nav.tasks') },
    { path: '/workbench/contacts', icon: <ContactsOutlined />, label: t('workbench.nav.contacts') },
    { path: '/workbench/messages', icon: <MessageOutlined />, label: t('workbench.nav.messages') },
    { path: '/workbench/settings', icon: <SettingOutlined />, label: t('workbench.nav.settings') },
  ];
  return (
    <SideMenuShell title={t('workbench.name')} homePath="/workbench" profilePath="/workbench/settings" items={items}>
      <Routes>
        <Route index element={<WorkbenchHome />} />
        <Route path="tasks" element={<TaskListPage />} />
        <Route
          path="tasks/:id"
          element={
            <Suspense fallback={<LoadingBlock />}>
              <TaskPage />
            </Suspense>
          }
        />
        <Route path="contacts" element={<AddressBookPage />} />
        <Route path="messages" element={<MessagesPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<Navigate to="/workbench" replace />} />
      </Routes>
    </SideMenuShell>
  );
}

/** Workbench (浙政钉-like), desktop: `/workbench/*`, staff only. */
export function WorkbenchApp() {
  return (
    <DesktopProvider>
      <RequireAuth>
        <WorkbenchShell />
      </RequireAuth>
    </DesktopProvider>
  );
}
