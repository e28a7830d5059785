import type { ReactNode } from 'react';
import { NavBar, TabBar } from 'antd-mobile';
import { useLocation, useNavigate } from 'react-router';
import { MobileHeaderControls } from './mobile-controls';
import { MobileMustChangePassword } from './must-change-password';

export interface MobileTab {
  path: string;
  icon: ReactNode;
  label: string;
  /** further path prefixes that belong to this tab */
  alsoActiveOn?: string[];
  /** a count or dot on the icon (the Workbench's unread messages) */
  badge?: ReactNode;
}

function activeTab(tabs: MobileTab[], pathname: string): string | null {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  const candidates = tabs.flatMap((tab) =>
    [tab.path, ...(tab.alsoActiveOn ?? [])].filter(under).map((prefix) => ({ tab: tab.path, prefix })),
  );
  return candidates.sort((a, b) => b.prefix.length - a.prefix.length)[0]?.tab ?? null;
}

/**
 * A phone front end: nav bar with title and shell controls, the page, and a tab bar.
 * `profilePath` is the tab with the profile (and its change-password form).
 */
export function MobileTabShell({
  title,
  tabs,
  profilePath,
  children,
}: {
  title: string;
  tabs: MobileTab[];
  profilePath: string;
  children: ReactNode;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <div className="zl-m-shell">
      <NavBar
        className="zl-m-navbar"
        backIcon={false}
        back={null}
        left={<span className="zl-m-title">{title}</span>}
        right={<MobileHeaderControls />}
      />
      <MobileMustChangePassword profilePath={profilePath} />
      <main className="zl-m-body">{children}</main>
      <TabBar className="zl-m-tabbar" activeKey={activeTab(tabs, location.pathname)} onChange={(key) => navigate(key)} safeArea>
        {tabs.map((tab) => (
          <TabBar.Item key={tab.path} icon={tab.icon} title={tab.label} badge={tab.badge} />
        ))}
      </TabBar>
    </div>
  );
}
