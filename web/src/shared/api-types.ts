// The shapes of the /api/v1 contract the web front ends use.
// Written by hand against the contract; when the server publishes its Zod schemas
// (`@zhili/server/schemas`), these can become `z.infer<…>` of those.

export type AccountKind = 'staff' | 'citizen' | 'enterprise';
export type Clearance = 'L1' | 'L2' | 'L3' | 'L4';
export type Home = 'portal' | 'workbench' | 'console';

/** A role held by an account, scoped to an organisation or a region (or the platform). */
export interface RoleGrant {
  role: string;
  orgId: string | null;
  regionCode: string | null;
}

export interface Me {
  id: string;
  kind: AccountKind;
  username: string;
  displayName: string;
  /** citizen 身份证号 or enterprise 统一社会信用代码, masked */
  maskedIdNumber: string | null;
  realNameLevel: 1 | 2 | 3;
  orgId: string | null;
  orgName: string | null;
  regionCode: string | null;
  regionName: string | null;
  roles: RoleGrant[];
  permissions: string[];
  clearance: Clearance;
  home: Home;
  /** true while the password is a temporary one set by an administrator's reset */
  mustChangePassword: boolean;
}

/** POST /auth/password: 204; ends the account's other sessions. */
export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export interface Session {
  me: Me;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hasChildren: boolean;
}

export interface Org {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  regionCode: string;
  regionName: string;
  parentOrgId: string | null;
}

export interface Unit {
  id: string;
  name: string;
  parentUnitId: string | null;
}

export interface OrgDetail extends Org {
  units: Unit[];
}

export interface OrgKind {
  kind: string;
  label: string;
}

export interface AddressBookEntry {
  accountId: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  position: string | null;
  /** masked unless the viewer may see it */
  phone: string | null;
  phoneMasked: boolean;
}

export type AccountStatus = 'active' | 'disabled';

export interface Account {
  id: string;
  kind: AccountKind;
  username: string;
  displayName: string;
  maskedIdNumber: string | null;
  orgId: string | null;
  orgName: string | null;
  unitId: string | null;
  position: string | null;
  phone: string | null;
  status: AccountStatus;
  roles: RoleGrant[];
  clearance: Clearance;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface RoleGrantInput {
  role: string;
  orgId?: string;
  regionCode?: string;
}

export type CreateAccountInput =
  | {
      kind: 'staff';
      username: string;
      displayName: string;
      orgId: string;
      unitId?: string;
      position?: string;
      phone?: string;
      password: string;
      roles: RoleGrantInput[];
      clearance: Clearance;
    }
  | { kind: 'citizen'; idNumber: string; displayName: string; phone?: string; password: string }
  | { kind: 'enterprise'; uscc: string; displayName: string; password: string };

export type RoleScope = 'org' | 'region' | 'platform';

export interface RoleDefinition {
  role: string;
  /** localised by the server */
  name: string;
  description: string;
  permissions: string[];
  scope: RoleScope;
}

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface OidcClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  grantTypes: string[];
  public: boolean;
  createdAt: string;
}

export interface CreatedOidcClient {
  client: OidcClient;
  /** shown once; null for public clients */
  clientSecret: string | null;
}

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorKind: string | null;
  action: string;
  outcome: AuditOutcome;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBad: { seq: number; reason: string } | null;
  lastCheckpointSeq: number | null;
}

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

// P5 业务协同模型 (V字模型): core business 核心业务 → module 业务模块 → unit 业务单元 → item 业务事项.

export type ModelLevel = 'core' | 'module' | 'unit' | 'item';
/** 治理 / 服务: the two dimensions an item is marked on */
export type ModelItemType = 'governance' | 'service';

export interface ModelRollup {
  items: number;
  governance: number;
  service: number;
}

export interface ModelNode {
  id: string;
  level: ModelLevel;
  name: string;
  parentId: string | null;
  /** items only */
  itemType: ModelItemType | null;
  /** items only: the departments that collaborate on it */
  collaboratorOrgs: { id: string; name: string }[];
  sortOrder: number;
  children: ModelNode[];
  rollup: ModelRollup;
}

/** GET /model/tree?orgId= : the roots are the organisation's core businesses. */
export interface ModelTree {
  orgId: string;
  orgName: string;
  nodes: ModelNode[];
}

/** POST /model/nodes */
export interface CreateModelNodeInput {
  orgId: string;
  parentId: string | null;
  level: ModelLevel;
  name: string;
  itemType?: ModelItemType;
  collaboratorOrgIds?: string[];
}

/** PATCH /model/nodes/:id */
export interface UpdateModelNodeInput {
  name?: string;
  itemType?: ModelItemType;
  collaboratorOrgIds?: string[];
}

export type ModelImportStatus = 'validating' | 'invalid' | 'importing' | 'done' | 'failed';

export interface ModelImportError {
  /** the spreadsheet row number */
  row: number;
  column: string | null;
  reason: string;
}

/** GET /model/import-jobs/:id (POST /model/import answers 202 `{ jobId }`). */
export interface ModelImportJob {
  id: string;
  status: ModelImportStatus;
  processedRows: number;
  totalRows: number;
  errors: ModelImportError[];
  summary: { core: number; modules: number; units: number; items: number } | null;
}

// P5.4 workflow: 我的待办 (my tasks) and the process instances behind them.

export type WorkflowTaskStatus = 'open' | 'completed' | 'cancelled';

/** GET /workflow/tasks (open tasks the viewer may work on, oldest first), GET /workflow/tasks/:id */
export interface WorkflowTask {
  id: string;
  instanceId: string;
  /** the BPMN element the task waits at */
  nodeId: string;
  name: string;
  orgId: string;
  /** the account that claimed it (签收), or null while any candidate may */
  assignee: string | null;
  candidateGroups: string[];
  status: WorkflowTaskStatus;
  formKey: string | null;
  createdAt: string;
}

export type WorkflowInstanceStatus = 'running' | 'completed' | 'failed';

/** An open task of an instance, as the instance lists it. */
export interface WorkflowTaskRef {
  id: string;
  nodeId: string;
  name: string;
}

/** What the engine records of an instance, in order. */
export type WorkflowHistoryAction =
  | 'instance.start'
  | 'task.create'
  | 'task.claim'
  | 'task.unclaim'
  | 'task.complete'
  | 'service.run'
  | 'node.join'
  | 'node.end'
  | 'instance.complete'
  | 'instance.fail';

export interface WorkflowHistoryEntry {
  at: string;
  /** the actor's display name */
  actor: string | null;
  /** a WorkflowHistoryAction; a newer server may record others */
  action: string;
  nodeId: string | null;
  details: unknown;
}

/** GET /workflow/instances/:id */
export interface WorkflowInstance {
  id: string;
  itemId: string;
  status: WorkflowInstanceStatus;
  variables: Record<string, unknown>;
  activeNodeIds: string[];
  openTasks: WorkflowTaskRef[];
  startedAt: string;
  endedAt: string | null;
  history: WorkflowHistoryEntry[];
}

/** POST /workflow/tasks/:id/complete */
export interface CompleteTaskInput {
  variables: Record<string, unknown>;
}

/** What POST /workflow/tasks/:id/complete answers: the task, and what is next in its instance. */
export interface CompletedTask extends WorkflowTask {
  instanceStatus: WorkflowInstanceStatus;
  /** the instance's open tasks now (anyone's) */
  nextTasks: WorkflowTaskRef[];
}
