import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Me } from '../shared/api-types';

export type ConsoleSection = 'orgs' | 'accounts' | 'roles' | 'clients' | 'model' | 'audit';

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
  { key: 'audit', path: '/console/audit', icon: <AuditOutlined />, permissions: ['audit.read'] },
];

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
