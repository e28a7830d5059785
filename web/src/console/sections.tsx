import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  BlockOutlined,
  DashboardOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  DeploymentUnitOutlined,
  ExceptionOutlined,
  FundOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  ShareAltOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { Me } from '../shared/api-types';

export type ConsoleSection =
  | 'orgs'
  | 'accounts'
  | 'roles'
  | 'clients'
  | 'model'
  | 'catalog'
  | 'sharing'
  | 'sharingMetrics'
  | 'oneStopKpis'
  | 'certificates'
  | 'apps'
  | 'appEfficacy'
  | 'components'
  | 'collaboration'
  | 'objections'
  | 'processes'
  | 'calendar'
  | 'audit';

interface SectionDef {
  key: ConsoleSection;
  path: string;
  icon: ReactNode;
  /** any one of these opens the section */
  permissions: readonly string[];
}

export const SECTIONS: readonly SectionDef[] = [
  { key: 'orgs', path: '/console/orgs', icon: <ApartmentOutlined />, permissions: ['org.read', 'org.manage'] },
  { key: 'accounts', path: '/console/accounts', icon: <TeamOutlined />, permissions: ['account.read', 'account.manage'] },
  { key: 'roles', path: '/console/roles', icon: <SafetyCertificateOutlined />, permissions: ['role.read'] },
  { key: 'clients', path: '/console/clients', icon: <ApiOutlined />, permissions: ['oidc_client.manage'] },
  { key: 'model', path: '/console/model', icon: <PartitionOutlined />, permissions: ['model.read'] },
  { key: 'catalog', path: '/console/catalog', icon: <DatabaseOutlined />, permissions: ['catalog.read', 'data.manage'] },
  { key: 'sharing', path: '/console/sharing', icon: <ShareAltOutlined />, permissions: ['data.manage'] },
  { key: 'sharingMetrics', path: '/console/sharing-metrics', icon: <FundOutlined />, permissions: ['data.manage'] },
  { key: 'collaboration', path: '/console/collaboration', icon: <DeploymentUnitOutlined />, permissions: ['catalog.read'] },
  { key: 'objections', path: '/console/objections', icon: <ExceptionOutlined />, permissions: ['data.manage'] },
  { key: 'oneStopKpis', path: '/console/one-stop-kpis', icon: <BarChartOutlined />, permissions: ['workflow.monitor'] },
  { key: 'certificates', path: '/console/certificates', icon: <IdcardOutlined />, permissions: ['certificate.revoke'] },
  { key: 'apps', path: '/console/apps', icon: <AppstoreOutlined />, permissions: ['app.read'] },
  { key: 'appEfficacy', path: '/console/app-efficacy', icon: <DashboardOutlined />, permissions: ['app.read'] },
  { key: 'components', path: '/console/components', icon: <BlockOutlined />, permissions: ['app.read', 'component.manage'] },
  { key: 'processes', path: '/console/processes', icon: <NodeIndexOutlined />, permissions: ['workflow.monitor'] },
  { key: 'calendar', path: '/console/calendar', icon: <CalendarOutlined />, permissions: ['calendar.manage'] },
  { key: 'audit', path: '/console/audit', icon: <AuditOutlined />, permissions: ['audit.read'] },
];

/**
 * The workflow sections keep their texts under `consoleWorkflow`, the catalog, sharing, sharing metrics, collaboration and
 * objections under their own keys; the others under `console`.
 */
export function sectionLabel(t: TFunction, section: ConsoleSection): string {
  if (section === 'catalog') return t('catalog.nav');
  if (section === 'sharing') return t('sharing.nav');
  if (section === 'sharingMetrics') return t('sharingMetrics.nav');
  if (section === 'oneStopKpis') return t('oneStopKpis.nav');
  if (section === 'certificates') return t('certificatesConsole.nav');
  if (section === 'apps') return t('appsConsole.nav');
  if (section === 'appEfficacy') return t('appsConsole.efficacyNav');
  if (section === 'components') return t('appsConsole.componentsNav');
  if (section === 'collaboration' || section === 'objections') return t(`${section}.nav`);
  if (section === 'processes' || section === 'calendar') return t(`consoleWorkflow.nav.${section}`);
  return t(`console.nav.${section}`);
}

export function sectionDescription(t: TFunction, section: ConsoleSection): string {
  if (section === 'catalog') return t('catalog.card');
  if (section === 'sharing') return t('sharing.card');
  if (section === 'sharingMetrics') return t('sharingMetrics.card');
  if (section === 'oneStopKpis') return t('oneStopKpis.card');
  if (section === 'certificates') return t('certificatesConsole.card');
  if (section === 'apps') return t('appsConsole.card');
  if (section === 'appEfficacy') return t('appsConsole.efficacyCard');
  if (section === 'components') return t('appsConsole.componentsCard');
  if (section === 'collaboration' || section === 'objections') return t(`${section}.card`);
  if (section === 'processes' || section === 'calendar') return t(`consoleWorkflow.cards.${section}`);
  return t(`console.home.cards.${section}`);
}

export function canOpen(me: Me, section: ConsoleSection): boolean {
  const def = SECTIONS.find((s) => s.key === section);
  return Boolean(def && def.permissions.some((permission) => me.permissions.includes(permission)));
}

/** The Console itself: staff holding `console.use` (and at least one section). */
export function canUseConsole(me: Me): boolean {
  return me.kind === 'staff' && me.permissions.includes('console.use') && visibleSections(me).length > 0;
}

export function visibleSections(me: Me): SectionDef[] {
  return SECTIONS.filter((section) => canOpen(me, section.key));
}
