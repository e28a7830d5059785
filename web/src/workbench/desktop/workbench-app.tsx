import { lazy, Suspense, type ReactNode } from 'react';
import {
  AppstoreOutlined,
  BellOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  EditOutlined,
  FlagOutlined,
  MessageOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth, useMe } from '../../shared/auth';
import { DesktopProvider } from '../../shared/desktop/desktop-provider';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { LoadingBlock } from '../../shared/desktop/states';
import { SideMenuShell, type ShellNavItem } from '../../shared/desktop/side-menu-shell';
import { mayMessage, useMessageStream, useMessageUnread } from '../messages';
import { TaskListPage } from './inbox';
import { NoticeBell } from './notice-bell';
import { WorkbenchHome } from './workbench-home';

// The profile (antd Descriptions and the change-password Form) is not on the first route: load it when opened.
const ProfileCard = lazy(() => import('../../shared/desktop/profile-card').then((m) => ({ default: m.ProfileCard })));
// Nor is a task's page (its form and the instance's timeline).
const TaskPage = lazy(() => import('./task-page').then((m) => ({ default: m.TaskPage })));
// Nor are the 批示, notices, address-book and notice-settings pages.
const InstructionsPage = lazy(() => import('./instructions-page').then((m) => ({ default: m.InstructionsPage })));
const InstructionPage = lazy(() => import('./instruction-page').then((m) => ({ default: m.InstructionPage })));
const IssueInstructionPage = lazy(() => import('./issue-instruction-page').then((m) => ({ default: m.IssueInstructionPage })));
const NoticesPage = lazy(() => import('./notices-page').then((m) => ({ default: m.NoticesPage })));
const AddressBookPage = lazy(() => import('./address-book-page').then((m) => ({ default: m.AddressBookPage })));
const SignaturesPage = lazy(() => import('./signatures-page').then((m) => ({ default: m.SignaturesPage })));
const SignaturePage = lazy(() => import('./signature-page').then((m) => ({ default: m.SignaturePage })));
const NoticeSettings = lazy(() => import('./notice-settings').then((m) => ({ default: m.NoticeSettings })));
// Nor is 消息 (its list, conversation and composer); only the live stream and the unread count are.
const MessagesPage = lazy(() => import('./messages-page').then((m) => ({ default: m.MessagesPage })));
const ConversationRedirect = lazy(() => import('./messages-page').then((m) => ({ default: m.ConversationRedirect })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingBlock />}>{children}</Suspense>;
}

/** The live message stream, open while the Workbench is: threads, lists, the badge and the 紧急 banner stay current. */
function MessageStream({ accountId }: { accountId: string }) {
  useMessageStream(accountId);
  return null;
}

function MessagesNavLabel() {
  const { t } = useTranslation();
  const unread = useMessageUnread(true).data ?? 0;
  return (
    <span data-testid="nav-messages" data-unread={unread}>
      {t('workbench.nav.messages')} <Badge count={unread} size="small" overflowCount={99} />
    </span>
  );
}

function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="workbench-settings">
      <h2 className="zl-page-title">{t('profile.settingsTitle')}</h2>
      <Suspense fallback={<LoadingBlock />}>
        <ProfileCard />
        <NoticeSettings />
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
    { path: '/workbench/instructions', icon: <FlagOutlined />, label: t('workbench.instructions.nav') },
    { path: '/workbench/notices', icon: <BellOutlined />, label: t('workbench.notices.nav') },
    { path: '/workbench/signatures', icon: <EditOutlined />, label: t('workbench.signatures.nav') },
    { path: '/workbench/contacts', icon: <ContactsOutlined />, label: t('workbench.nav.contacts') },
    { path: '/workbench/messages', icon: <MessageOutlined />, label: mayMessage(me) ? <MessagesNavLabel /> : t('workbench.nav.messages') },
    { path: '/workbench/settings', icon: <SettingOutlined />, label: t('workbench.nav.settings') },
  ];
  return (
    <SideMenuShell
      title={t('workbench.name')}
      homePath="/workbench"
      profilePath="/workbench/settings"
      items={items}
      headerExtra={<NoticeBell />}
    >
      {mayMessage(me) ? <MessageStream accountId={me.id} /> : null}
      <Routes>
        <Route index element={<WorkbenchHome />} />
        <Route path="tasks" element={<TaskListPage />} />
        <Route
          path="tasks/:id"
          element={
            <Lazy>
              <TaskPage />
            </Lazy>
          }
        />
        <Route
          path="instructions"
          element={
            <Lazy>
              <InstructionsPage />
            </Lazy>
          }
        />
        <Route
          path="instructions/new"
          element={
            <Lazy>
              <IssueInstructionPage />
            </Lazy>
          }
        />
        <Route
          path="instructions/:id"
          element={
            <Lazy>
              <InstructionPage />
            </Lazy>
          }
        />
        <Route
          path="notices"
          element={
            <Lazy>
              <NoticesPage />
            </Lazy>
          }
        />
        <Route
          path="contacts"
          element={
            <Lazy>
              <AddressBookPage />
            </Lazy>
          }
        />
        <Route
          path="messages"
          element={
            <Lazy>
              <MessagesPage />
            </Lazy>
          }
        />
        <Route
          path="messages/:id"
          element={
            <Lazy>
              <ConversationRedirect />
            </Lazy>
          }
        />
        <Route
          path="signatures"
          element={
            <Lazy>
              <SignaturesPage />
            </Lazy>
          }
        />
        <Route
          path="signatures/:id"
          element={
            <Lazy>
              <SignaturePage />
            </Lazy>
          }
        />
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
