/**
 * Built-in roles. A grant of a role is scoped to an organisation or a region (and all below);
 * what a role allows is fixed here, so a permission check never reads the database.
 */
export interface RoleDefinition {
  role: Role;
  name: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
  /** How a grant of this role is scoped by default. */
  scope: 'org' | 'region' | 'platform';
  permissions: readonly string[];
}

export const roles = ['platform_admin', 'org_admin', 'staff', 'leader', 'data_officer', 'auditor'] as const;
export type Role = (typeof roles)[number];

const workbench = [
  'workbench.use',
  'org.read',
  'address_book.read',
  'region.read',
  'model.read',
  'workflow.start',
  'attachment.upload',
  'catalog.read',
] as const;

export const roleDefinitions: Record<Role, RoleDefinition> = {
  platform_admin: {
    role: 'platform_admin',
    name: { 'zh-CN': '平台管理员', en: 'Platform administrator' },
    description: {
      'zh-CN': '大数据局：管理本级及下级的组织、账号、角色与应用接入',
      en: 'Data bureau: organisations, accounts, roles and app integration in its region and below',
    },
    scope: 'region',
    permissions: [
      'console.use',
      'org.read',
      'org.manage',
      'account.read',
      'account.manage',
      'role.read',
      'role.assign',
      'oidc_client.manage',
      'app.manage',
      'app.read',
      'component.manage',
      'audit.read',
      'address_book.read',
      'region.read',
      'model.read',
      'model.manage',
      'workflow.monitor',
      'calendar.manage',
      'catalog.read',
      'data.manage',
    ],
  },
  org_admin: {
    role: 'org_admin',
    name: { 'zh-CN': '单位管理员', en: 'Organisation administrator' },
    description: {
      'zh-CN': '管理本单位的内设机构、通讯录与工作人员账号',
      en: 'Manages its own organisation: units, address book, staff accounts',
    },
    scope: 'org',
    permissions: [
      'console.use',
      'org.read',
      'org.manage',
      'account.read',
      'account.manage',
      'role.read',
      'address_book.read',
      'workbench.use',
      'model.read',
      'model.manage',
      'workflow.monitor',
      'workflow.start',
      'attachment.upload',
      'catalog.read',
      'certificate.revoke',
      'app.read',
    ],
  },
  staff: {
    role: 'staff',
    name: { 'zh-CN': '工作人员', en: 'Staff' },
    description: { 'zh-CN': '窗口及业务人员：工作台、待办、通讯录', en: 'Service-desk and case staff: Workbench, tasks, address book' },
    scope: 'region',
    permissions: workbench,
  },
  leader: {
    role: 'leader',
    name: { 'zh-CN': '领导', en: 'Leader' },
    description: { 'zh-CN': '查看驾驶舱与指标，下达批示', en: 'Reads the cockpit and indicators, issues instructions' },
    scope: 'region',
    permissions: [...workbench, 'cockpit.view', 'instruction.issue', 'instruction.supervise', 'workflow.monitor', 'certificate.revoke'],
  },
  data_officer: {
    role: 'data_officer',
    name: { 'zh-CN': '数据管理员', en: 'Data officer' },
    description: {
      'zh-CN': '登记数据资源、分级分类、审批共享申请',
      en: 'Registers data resources, grades fields, approves sharing requests',
    },
    scope: 'org',
    permissions: [...workbench, 'data.manage', 'console.use'],
  },
  auditor: {
    role: 'auditor',
    name: { 'zh-CN': '审计员', en: 'Auditor' },
    description: { 'zh-CN': '查阅并校验审计日志', en: 'Reads and verifies the audit log' },
    scope: 'region',
    permissions: [
      'console.use',
      'audit.read',
      'org.read',
      'account.read',
      'role.read',
      'region.read',
      'model.read',
      'workflow.monitor',
      'catalog.read',
    ],
  },
};

/** Roles an org admin may hand out inside its own organisation. */
export const orgAssignableRoles: readonly Role[] = ['staff', 'leader', 'data_officer', 'org_admin'];

/** Citizens and enterprises hold no roles; they act on their own records only. */
export const selfServicePermissions = ['portal.use', 'attachment.upload'] as const;
