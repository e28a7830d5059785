import { useState, type ReactNode } from 'react';
import { Layout, Menu, type MenuProps } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { HeaderControls } from './header-controls';
import { MustChangePasswordAlert } from './must-change-password';

export interface ShellNavItem {
  /** the route this item opens; also its menu key */
  path: string;
  icon: ReactNode;
  /** text, or text with a badge (the Workbench's unread messages) */
  label: ReactNode;
}

/** The selected item is the longest nav path the current path starts with. */
function selectedPath(items: ShellNavItem[], pathname: string): string | undefined {
  return items
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

/**
 * Workbench and Console: a side menu, a header with the shell controls, and the page.
 * `headerExtra` goes before the controls (the Workbench's notice bell).
 */
export function SideMenuShell(props: {
  title: string;
  homePath: string;
  profilePath: string;
  items: ShellNavItem[];
  headerExtra?: ReactNode;
  children: ReactNode;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const selected = selectedPath(props.items, location.pathname);
  const menuItems: MenuProps['items'] = props.items.map((item) => ({ key: item.path, icon: item.icon, label: item.label }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220}>
        <Link to={props.homePath} className="zl-brand zl-sider-brand">
          <span className="zl-brand-mark">治</span>
          {collapsed ? null : <span>{props.title}</span>}
        </Link>
        <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} onClick={({ key }) => navigate(key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="zl-header">
          <span className="zl-header-spacer" />
          {props.headerExtra}
          <HeaderControls profilePath={props.profilePath} />
        </Layout.Header>
        <Layout.Content className="zl-page">
          <MustChangePasswordAlert profilePath={props.profilePath} />
          {props.children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
