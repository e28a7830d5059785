import { lazy, Suspense, type ReactNode } from 'react';
import {
  AppstoreOutlined,
  BellOutlined,
  ContactsOutlined,
  EditOutlined,
  FlagOutlined,
  MessageOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Grid, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { RequireAuth, useMe } from '../../shared/auth';
import { MobileForbidden, MobileLoading } from '../../shared/mobile/mobile-results';
import { MobileProfile } from '../../shared/mobile/profile-list';
import { MobileProvider } from '../../shared/mobile/mobile-provider';
import { MobileTabShell, type MobileTab } from '../../shared/mobile/tab-shell';
import { useInstructions } from '../instructions';
import { mayMessage, useMessageStream, useMessageUnread } from '../messages';
import { useUnreadCount } from '../notices';
import { MobileInbox } from './mobile-inbox';
import { MobileInstructionItem } from './mobile-instruction-parts';
import { MobileUrgentBanner } from './mobile-urgent-banner';
import { Greeting } from '../../shared/greeting';

// A task's page (its form, sheets and history) is not on the first route: load it when opened.
const MobileTaskPage = lazy(() => import('./mobile-task-page').then((m) => ({ default: m.MobileTaskPage })));
// Nor are the 批示 detail, notices, address book, notice settings and the app launcher.
const MobileInstructionsPage = lazy(() => import('./mobile-instructions-page').then((m) => ({ default: m.MobileInstructionsPage })));
const MobileInstructionPage = lazy(() => import('./mobile-instruction-page').then((m) => ({ default: m.MobileInstructionPage })));
const MobileNoticesPage = lazy(() => import('./mobile-notices-page').then((m) => ({ default: m.MobileNoticesPage })));
const MobileAddressBook = lazy(() => import('./mobile-address-book').then((m) => ({ default: m.MobileAddressBook })));
const MobileNoticeSettings = lazy(() => import('./mobile-notice-settings').then((m) => ({ default: m.MobileNoticeSettings })));
const MobileIssueInstructionPage = lazy(() =>
  import('./mobile-issue-instruction-page').then((m) => ({ default: m.MobileIssueInstructionPage })),
);
const MobileSignaturesPage = lazy(() => import('./mobile-signatures-page').then((m) => ({ default: m.MobileSignaturesPage })));
const MobileSignaturePage = lazy(() => import('./mobile-signatures-page').then((m) => ({ default: m.MobileSignaturePage })));
const MobileAppLauncher = lazy(() => import('./mobile-app-launcher').then((m) => ({ default: m.MobileAppLauncher })));
// Nor are 消息's list and conversation pages; only the live stream and the unread count are.
const MobileMessagesPage = lazy(() => import('./mobile-messages-page').then((m) => ({ default: m.MobileMessagesPage })));
const MobileConversationPage = lazy(() => import('./mobile-conversation-page').then((m) => ({ default: m.MobileConversationPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<MobileLoading />}>{children}</Suspense>;
}

/** How many home rows of 待我办理的批示 show; 全部批示 opens the rest. */
const HOME_INSTRUCTIONS = 3;

/** The bell on the phone home: unread notices (asked every minute); a tap opens them. */
function MobileNoticeBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount().data ?? 0;
  return (
    <button
      type="button"
      className="zl-m-bell"
      onClick={() => navigate('/m/workbench/notices')}
      aria-label={
        unread ? `${t('workbench.notices.bell')} · ${t('workbench.notices.unread', { count: unread })}` : t('workbench.notices.bell')
      }
      data-testid="notice-bell"
      data-unread={unread}
    >
      <Badge content={unread ? (unread > 99 ? '99+' : unread) : null} data-testid="notice-unread">
        <BellOutlined />
      </Badge>
    </button>
  );
}

/** 待我办理的批示 on the phone home: the open ones, worst light first as the server sorts; nothing when there are none. */
function MobileHomeInstructions() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useInstructions('mine');
  const open = (list.data ?? []).filter((item) => item.status === 'open');
  if (!open.length) return null;
  return (
    <section className="zl-m-section" data-testid="home-instructions">
      <h2 className="zl-m-section-title">
        {t('workbench.instructions.home.title')} <Badge content={open.length} style={{ verticalAlign: 'middle' }} />
      </h2>
      <List>
        {open.slice(0, HOME_INSTRUCTIONS).map((item) => (
          <MobileInstructionItem key={item.id} item={item} />
        ))}
        {open.length > HOME_INSTRUCTIONS ? (
          <List.Item clickable onClick={() => navigate('/m/workbench/instructions')}>
            {t('workbench.instructions.home.viewAll')}
          </List.Item>
        ) : null}
      </List>
    </section>
  );
}

function MobileWorkbenchHome() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const unread = useUnreadCount().data ?? 0;
  const tiles = [
    { key: 'instructions', path: '/m/workbench/instructions', icon: <FlagOutlined />, label: t('workbench.instructions.nav'), badge: null },
    { key: 'notices', path: '/m/workbench/notices', icon: <BellOutlined />, label: t('workbench.notices.nav'), badge: unread || null },
    { key: 'contacts', path: '/m/workbench/contacts', icon: <ContactsOutlined />, label: t('workbench.nav.contacts'), badge: null },
    { key: 'signatures', path: '/m/workbench/signatures', icon: <EditOutlined />, label: t('workbench.signatures.nav'), badge: null },
  ];
  return (
    <div data-testid="workbench-home-mobile">
      <section className="zl-m-hero zl-m-hero-with-bell">
        <div>
          <h1>
            <Greeting i18nKey="workbench.home.greeting" name={me.displayName} />
          </h1>
          <p data-testid="org-name">{[me.orgName, me.regionName].filter(Boolean).join(' · ')}</p>
        </div>
        <MobileNoticeBell />
      </section>
      <MobileUrgentBanner />
      <section className="zl-m-section">
        <Grid columns={3} gap={8}>
          {tiles.map((tile) => (
            <Grid.Item key={tile.key} onClick={() => navigate(tile.path)} data-testid={`home-tile-${tile.key}`}>
              <div className="zl-m-grid-tile">
                <Badge content={tile.badge}>
                  <span className="zl-m-tile-icon">{tile.icon}</span>
                </Badge>
                <span>{tile.label}</span>
              </div>
            </Grid.Item>
          ))}
        </Grid>
      </section>
      <MobileHomeInstructions />
      <MobileInbox />
      <Suspense fallback={null}>
        <MobileAppLauncher />
      </Suspense>
    </div>
  );
}

/** The live message stream, open while the Workbench is: threads, lists, the badge and the 紧急 banner stay current. */
function MessageStream({ accountId }: { accountId: string }) {
  useMessageStream(accountId);
  return null;
}

function MobileWorkbenchShell() {
  const { t } = useTranslation();
  const me = useMe();
  const unreadMessages = useMessageUnread(mayMessage(me)).data ?? 0;
  if (me.kind !== 'staff') return <MobileForbidden />;
  const tabs: MobileTab[] = [
    { path: '/m/workbench', icon: <AppstoreOutlined />, label: t('workbench.mobileTabs.home') },
    {
      path: '/m/workbench/messages',
      icon: <MessageOutlined />,
      label: t('workbench.nav.messages'),
      badge: unreadMessages ? (unreadMessages > 99 ? '99+' : unreadMessages) : null,
    },
    { path: '/m/workbench/instructions', icon: <FlagOutlined />, label: t('workbench.instructions.mobileTab') },
    { path: '/m/workbench/contacts', icon: <ContactsOutlined />, label: t('workbench.mobileTabs.contacts') },
    { path: '/m/workbench/me', icon: <UserOutlined />, label: t('workbench.mobileTabs.me') },
  ];
  return (
    <MobileTabShell title={t('workbench.name')} tabs={tabs} profilePath="/m/workbench/me">
      {mayMessage(me) ? <MessageStream accountId={me.id} /> : null}
      <Routes>
        <Route index element={<MobileWorkbenchHome />} />
        <Route
          path="tasks/:id"
          element={
            <Lazy>
              <MobileTaskPage />
            </Lazy>
          }
        />
        <Route
          path="instructions"
          element={
            <Lazy>
              <MobileInstructionsPage />
            </Lazy>
          }
        />
        <Route
          path="instructions/new"
          element={
            <Lazy>
              <MobileIssueInstructionPage />
            </Lazy>
          }
        />
        <Route
          path="instructions/:id"
          element={
            <Lazy>
              <MobileInstructionPage />
            </Lazy>
          }
        />
        <Route
          path="notices"
          element={
            <Lazy>
              <MobileNoticesPage />
            </Lazy>
          }
        />
        <Route
          path="messages"
          element={
            <Lazy>
              <MobileMessagesPage />
            </Lazy>
          }
        />
        <Route
          path="messages/:id"
          element={
            <Lazy>
              <MobileConversationPage />
            </Lazy>
          }
        />
        <Route
          path="contacts"
          element={
            <Lazy>
              <MobileAddressBook />
            </Lazy>
          }
        />
        <Route
          path="signatures"
          element={
            <Lazy>
              <MobileSignaturesPage />
            </Lazy>
          }
        />
        <Route
          path="signatures/:id"
          element={
            <Lazy>
              <MobileSignaturePage />
            </Lazy>
          }
        />
        <Route
          path="me"
          element={
            <MobileProfile>
              <Lazy>
                <MobileNoticeSettings />
              </Lazy>
            </MobileProfile>
          }
        />
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
