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
  /** items with a deployed process, a form and every data need matched */
  complete: number;
}

/** What an item has of what it needs to run (items only). */
export interface ModelItemStatus {
  process: boolean;
  form: boolean;
  dataNeedsMatched: boolean;
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
  /** items only (absent or null on the levels above) */
  itemStatus?: ModelItemStatus | null;
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

/** Where a task of a 会签 (multi-instance user task) stands among its siblings. */
export interface WorkflowMultiInstance {
  /** this task's position, counted from 1 (loopCounter + 1) */
  index: number;
  total: number;
}

/** GET /workflow/tasks (open tasks the viewer may work on, by deadline, no deadline last, then oldest first) */
export interface WorkflowTask {
  id: string;
  instanceId: string;
  /** the BPMN element the task waits at */
  nodeId: string;
  name: string;
  /** the 事项 (item) the instance runs */
  itemId: string;
  itemName: string;
  /** 申请编号 and the like, or null */
  businessKey: string | null;
  orgId: string;
  /** the account that claimed it (签收), or null while any candidate may */
  assignee: string | null;
  candidateGroups: string[];
  status: WorkflowTaskStatus;
  formKey: string | null;
  createdAt: string;
  /** 承诺时限: the instance's deadline, or null when the item has none */
  dueAt: string | null;
  timeState: TimeState | null;
  multiInstance: WorkflowMultiInstance | null;
}

/**
 * The subset of JSON Schema (draft 2020-12, as Ajv checks it on the server) a form uses.
 * Attachment fields are `{ type: 'string', format: 'attachment' }` holding attachment ids.
 */
export interface FormJsonSchema {
  type?:
    | 'object'
    | 'string'
    | 'number'
    | 'integer'
    | 'boolean'
    | 'array'
    | 'null'
    | ('object' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'null')[];
  title?: string;
  description?: string;
  properties?: Record<string, FormJsonSchema>;
  required?: string[];
  additionalProperties?: boolean | FormJsonSchema;
  items?: FormJsonSchema;
  enum?: unknown[];
  const?: unknown;
  /** labelled choices: `[{ const: 'a', title: '甲' }]` */
  oneOf?: FormJsonSchema[];
  anyOf?: FormJsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  default?: unknown;
  /** `#/$defs/name` */
  $ref?: string;
  $defs?: Record<string, FormJsonSchema>;
}

export type FormWidget = 'textarea' | 'radio' | 'select' | 'date' | 'attachment' | 'switch' | 'checkbox';

/** UI hints beside a form's schema: field order and per-field widgets and texts. */
export interface FormUiSchema {
  /** property names (or dotted paths of nested ones) in the order they are shown; the rest follow */
  order?: string[];
  /** by property name, or dotted path (`applicant.idNumber`) */
  fields?: Record<string, { widget?: FormWidget; placeholder?: string; help?: string }>;
}

/** What a task's data must satisfy. */
export interface WorkflowTaskForm {
  schema: FormJsonSchema;
  uiSchema: FormUiSchema | null;
  /** what the instance already holds for this form (the application's fields); a step's own part starts empty */
  values?: Record<string, unknown>;
}

/** An earlier step 退回 can send a task back to. */
export interface WorkflowReturnTarget {
  nodeId: string;
  name: string;
}

/** GET /workflow/tasks/:id */
export interface WorkflowTaskDetail extends WorkflowTask {
  /** false for a leader who reads it as its process's monitor (to 批示 or discuss), and once it is closed */
  mayAct: boolean;
  /** null: the task takes any variables */
  form: WorkflowTaskForm | null;
  /** empty when there are none, or while parallel branches are open */
  returnTargets: WorkflowReturnTarget[];
}

/** GET /workflow/tasks/:id/prefill, GET /model/items/:id/prefill */
export interface FormPrefill {
  values: Record<string, unknown>;
  sources: unknown[];
}

/** POST /workflow/tasks/:id/delegate 转办 */
export interface DelegateTaskInput {
  accountId: string;
  comment?: string;
}

/** POST /workflow/tasks/:id/return 退回 (without toNodeId: the step before) */
export interface ReturnTaskInput {
  toNodeId?: string;
  comment: string;
}

/** POST /workflow/tasks/:id/comments */
export interface TaskCommentInput {
  text: string;
}

/** 201 of POST /workflow/tasks/:id/comments */
export interface TaskComment {
  at: string;
  actor: string | null;
  text: string;
}

/** POST /workflow/instances/:id/supplement-request 要求补正 (the clock stops) */
export interface SupplementRequestInput {
  reason: string;
}

/** POST /workflow/instances/:id/supplement 补正已到 (the deadline moves by the working time that passed) */
export interface SupplementInput {
  variables?: Record<string, unknown>;
  comment?: string;
}

/** 201 of POST /workflow/attachments */
export interface WorkflowAttachment {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  /** hex */
  sm3: string;
  uploadedAt: string;
}

export type WorkflowInstanceStatus = 'running' | 'completed' | 'failed' | 'cancelled';

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
  | 'task.delegate'
  | 'task.return'
  | 'task.cancel'
  | 'comment'
  | 'service.run'
  | 'timer.schedule'
  | 'timer.fire'
  | 'message.wait'
  | 'message.receive'
  | 'call.start'
  | 'call.end'
  | 'node.join'
  | 'node.end'
  | 'time.warning'
  | 'time.overdue'
  | 'time.escalate'
  | 'supplement.request'
  | 'supplement.receive'
  | 'instance.complete'
  | 'instance.fail';

export interface WorkflowHistoryEntry {
  at: string;
  /** the actor's display name */
  actor: string | null;
  /** a WorkflowHistoryAction; a newer server may record others */
  action: string;
  nodeId: string | null;
  /** the element's name in the process, when it has one */
  nodeName?: string | null;
  details: unknown;
}

/** GET /workflow/instances/:id */
export interface WorkflowInstance {
  id: string;
  itemId: string;
  itemName: string;
  processVersion: number;
  businessKey: string | null;
  status: WorkflowInstanceStatus;
  variables: Record<string, unknown>;
  activeNodeIds: string[];
  completedNodeIds: string[];
  openTasks: WorkflowTaskRef[];
  dueAt: string | null;
  timeState: TimeState | null;
  /** true while a supplement 补正 is asked for */
  clockPaused: boolean;
  startedAt: string;
  endedAt: string | null;
  history: WorkflowHistoryEntry[];
}

/** POST /workflow/tasks/:id/complete */
export interface CompleteTaskInput {
  variables: Record<string, unknown>;
}

/** What POST /workflow/tasks/:id/complete and /return answer: the task, and what is next in its instance. */
export interface CompletedTask extends WorkflowTask {
  instanceStatus: WorkflowInstanceStatus;
  /** the instance's open tasks now (anyone's) */
  nextTasks: WorkflowTaskRef[];
}

// Console: process design and monitoring

/** A deployed process or form version of an item. */
export interface ItemVersion {
  version: number;
  sha256: string;
  deployedAt: string;
  /** the account that deployed it */
  deployedBy: string | null;
}

/** GET /model/items/:id : 事项定义 — what an item carries (P5.2). */
export interface ItemDefinition {
  id: string;
  name: string;
  itemType: ModelItemType | null;
  /** the latest deployed process version, or null before the first deployment */
  process: (ItemVersion & { processKey: string }) | null;
  /** newest first */
  processVersions: ItemVersion[];
  form: ItemVersion | null;
  formVersions: ItemVersion[];
  complete: boolean;
}

/** One thing wrong with a BPMN model, on the element it concerns (null: the whole document). */
export interface ProcessProblem {
  elementId: string | null;
  elementType: string | null;
  code: string;
  detail?: string | null;
  /** in the request's language */
  message: string;
}

/** POST /model/items/:id/process-check */
export interface ProcessCheckResult {
  problems: ProcessProblem[];
}

/** POST /model/items/:id/process-versions : 201 with created, 200 when the XML is the latest version's. */
export interface ProcessDeployResult {
  version: number;
  processKey: string;
  created: boolean;
}

/** 承诺时限: where an instance or task stands against its deadline. */
export type TimeState = 'normal' | 'warning' | 'overdue' | 'paused';

export type ProcessInstanceStatus = 'running' | 'completed' | 'failed' | 'cancelled';

/** An item of GET /workflow/instances (newest first) — what the list shows. */
export interface ProcessInstanceSummary {
  id: string;
  itemId: string;
  itemName: string;
  businessKey: string | null;
  status: ProcessInstanceStatus;
  dueAt: string | null;
  timeState: TimeState | null;
  startedAt: string;
  endedAt: string | null;
}

export interface ProcessHistoryEntry {
  at: string;
  /** the actor's display name; null for the engine itself (timers, messages) */
  actor: string | null;
  /** `task.complete`, `timer.fire` … ; a newer server may record others */
  action: string;
  nodeId: string | null;
  details: unknown;
}

/** GET /workflow/instances/:id, as the Console's 流程监控 reads it. */
export interface ProcessInstanceDetail extends ProcessInstanceSummary {
  /** the item's process version this instance runs */
  processVersion: number;
  variables: Record<string, unknown>;
  activeNodeIds: string[];
  completedNodeIds: string[];
  openTasks: { id: string; nodeId: string; name: string }[];
  clockPaused: boolean;
  /** why a supplement 补正 was asked for, while it is (not in docs/WORKFLOW.md; the server sends it) */
  supplementReason?: string | null;
  history: ProcessHistoryEntry[];
}

export type CalendarDayKind = 'holiday' | 'workday';

/** A day that differs from the weekly rule: a weekday off (holiday) or a weekend day worked (调休 workday). */
export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** GET /workflow/calendar?year= */
export interface HolidayCalendar {
  year: number;
  days: CalendarDay[];
}

// P2 数据目录 (data catalog)

/** 数据域: 基础域 | 共享域 | 开放域 */
export type CatalogDomain = 'basic' | 'shared' | 'open';
/** 共享属性: 无条件共享 | 有条件共享 | 不予共享 */
export type CatalogShareType = 'unconditional' | 'conditional' | 'none';
/** 开放属性: 无条件开放 | 有条件开放 | 不予开放 */
export type CatalogOpenType = 'open' | 'conditional' | 'none';
export type CatalogUpdateFrequency = 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'irregular';
export type CatalogFieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'id_number' | 'credit_code' | 'phone';
/** 数据分级: L1 公开, L2 内部, L3 敏感, L4 重要敏感 (the scale of an account's clearance). */
export type DataGrade = Clearance;

/** A field (数据项) of a data resource. */
export interface CatalogField {
  /** identifier, ^[a-z][a-z0-9_]{0,62}$ */
  name: string;
  /** 中文名 */
  label: string;
  type: CatalogFieldType;
  description: string;
  grade: DataGrade;
  /** a lookup key (身份证号, 统一社会信用代码 …); a resource needs at least one */
  key: boolean;
  required: boolean;
}

/** An item of GET /catalog/resources. */
export interface CatalogResourceSummary {
  id: string;
  /** like 330106-SCJG-0001 */
  code: string;
  name: string;
  description: string;
  orgId: string;
  orgName: string;
  domain: CatalogDomain;
  shareType: CatalogShareType;
  openType: CatalogOpenType;
  updateFrequency: CatalogUpdateFrequency;
  sourceSystem: string;
  version: number;
  fieldCount: number;
  /** the highest grade among the fields */
  maxGrade: DataGrade;
  updatedAt: string;
}

/** One schema version of a resource, as the detail lists them (newest first). */
export interface CatalogResourceVersion {
  version: number;
  changedAt: string;
  /** display name of who changed it; null when the platform did */
  changedBy: string | null;
  note: string;
  fieldCount: number;
}

/** GET /catalog/resources/:id (also the answer of POST, PATCH and PUT …/fields). */
export interface CatalogResourceDetail extends CatalogResourceSummary {
  fields: CatalogField[];
  versions: CatalogResourceVersion[];
}

/** GET /catalog/resources/:id/versions/:version */
export interface CatalogVersionDetail {
  version: number;
  fields: CatalogField[];
  note: string;
  changedAt: string;
  changedBy: string | null;
}

/** POST /catalog/resources (with an Idempotency-Key). */
export interface CreateCatalogResourceInput {
  orgId: string;
  code: string;
  name: string;
  description: string;
  domain: CatalogDomain;
  shareType: CatalogShareType;
  openType: CatalogOpenType;
  updateFrequency: CatalogUpdateFrequency;
  sourceSystem: string;
  fields: CatalogField[];
}

/** PATCH /catalog/resources/:id : the metadata (the fields change through PUT …/fields). */
export type UpdateCatalogResourceInput = Partial<
  Pick<CreateCatalogResourceInput, 'name' | 'description' | 'domain' | 'shareType' | 'openType' | 'updateFrequency' | 'sourceSystem'>
>;

/** PUT /catalog/resources/:id/fields : a new version when the fields changed. */
export interface ReplaceCatalogFieldsInput {
  fields: CatalogField[];
  /** why the schema changed (required) */
  note: string;
}

// P3.1 共享申请 (sharing requests)

/** 审核中 | 已授权 | 已拒绝 */
export type SharingRequestStatus = 'pending' | 'approved' | 'rejected';

/** POST /sharing/requests (with an Idempotency-Key): fields of a resource, for one of the consumer's items. */
export interface CreateSharingRequestInput {
  resourceId: string;
  /** an item (业务事项) of the consuming organisation's V-model; its organisation is the consumer */
  itemId: string;
  /** field names of the resource's current version */
  fields: string[];
  /** 4–500 characters */
  purpose: string;
  /** 2–500 characters */
  legalBasis: string;
}

/** 201 of POST /sharing/requests, an item of GET /sharing/requests, GET /sharing/requests/:id. */
export interface SharingRequest {
  id: string;
  resourceId: string;
  /** the resource's organisation (数据提供方) */
  ownerOrgId: string;
  /** the organisation of the item (申请单位) */
  consumerOrgId: string;
  itemId: string;
  fields: string[];
  purpose: string;
  legalBasis: string;
  status: SharingRequestStatus;
  /** granted at once: unconditionally shared and every field ≤ L2 */
  automatic: boolean;
  /** the owner's approval (数据共享申请审批) in the workflow engine; null when automatic */
  instanceId: string | null;
  /** the decision's opinion (a refusal always has one) */
  reason: string | null;
  requestedAt: string;
  decidedAt: string | null;
}

/** An item of GET /sharing/grants?orgId= : an active grant of a consuming organisation. */
export interface SharingGrant {
  id: string;
  requestId: string;
  resourceId: string;
  itemId: string;
  fields: string[];
  grantedAt: string;
}
