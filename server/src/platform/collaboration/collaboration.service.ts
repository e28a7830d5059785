import { sql } from 'kysely';
import { z } from 'zod';
import {
  AppError,
  can,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  permissionScope,
  requirePermission,
  serviceActor,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { maskValue, type CatalogService, type RecordStore } from '../catalog/index.ts';
import { open, seal, type KeyRing } from '../crypto/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import type { ModelService, PlatformItems } from '../items/index.ts';
import { approvalForm } from '../sharing/index.ts';
import type { PreparedStart, WorkflowEngine } from '../workflow/index.ts';

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), 'identity.invalid_id');
const fieldName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name');
const common = {
  orgId: id('org'),
  code: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'catalog.invalid_code'),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).default(''),
  shareType: z.enum(['unconditional', 'conditional']),
  rateLimit: z.number().int().min(1).max(100_000).default(600),
};
export const createServiceBody = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('query'),
    resourceId: id('res'),
    keyField: fieldName,
    /** exists: is there a record? equals: does a field hold a value? value: one field, masked by grade */
    answer: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('exists') }),
      z.strictObject({ type: z.literal('equals'), field: fieldName, value: z.string().min(1).max(200) }),
      z.strictObject({ type: z.literal('value'), field: fieldName }),
    ]),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('http'),
    url: z
      .string()
      .url()
      .max(1000)
      .refine((u) => /^https?:\/\//.test(u), 'collection.source_url_http'),
    authorization: z.string().min(1).max(2000).optional(),
    timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  }),
]);
export type CreateServiceInput = z.infer<typeof createServiceBody>;

export const createServiceRequestBody = z.strictObject({
  serviceId: id('svc'),
  itemId: id('node'),
  purpose: z.string().trim().min(4).max(500),
  legalBasis: z.string().trim().min(2).max(500),
});

type Answer = { type: 'exists' } | { type: 'equals'; field: string; value: string } | { type: 'value'; field: string };
interface ServiceRow {
  id: string;
  org_id: string;
  code: string;
  name: string;
  description: string;
  share_type: 'unconditional' | 'conditional';
  kind: 'query' | 'http';
  resource_id: string | null;
  key_field: string | null;
  answer: Answer | null;
  url: string | null;
  auth_sealed: Buffer | Uint8Array | null;
  auth_key_version: number | null;
  timeout_ms: number;
  rate_limit: number;
  status: string;
  created_at: string;
}
interface RequestRow {
  id: string;
  service_id: string;
  owner_org_id: string;
  consumer_org_id: string;
  item_id: string;
  purpose: string;
  legal_basis: string;
  status: string;
  automatic: boolean;
  instance_id: string | null;
  reason: string | null;
  requested_at: string;
  decided_at: string | null;
}

/** The largest answer a department's endpoint may give. */
const maxAnswerBytes = 1024 * 1024;

const platformActor = serviceActor('zhili-collaboration', '业务协同平台', [
  'model.manage',
  'model.read',
  'workflow.start',
  'workflow.monitor',
]);

const approvalProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="collab_approval_defs" targetNamespace="http://zhili.gov.cn/collaboration">
  <bpmn:process id="collab_approval" name="业务协同申请审批" isExecutable="true">
    <bpmn:startEvent id="requested" name="收到协同申请" />
    <bpmn:userTask id="review" name="服务提供方审核" camunda:candidateUsers="\${reviewers}" camunda:formKey="review" />
    <bpmn:serviceTask id="decide" name="登记审批结果与授权" camunda:type="external" camunda:topic="collab.decide" />
    <bpmn:endEvent id="done" name="办结" />
    <bpmn:sequenceFlow id="f1" sourceRef="requested" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decide" />
    <bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * P3.4 业务协同: services a department offers instead of raw data — a question over one of its
 * resources, or its own HTTP endpoint — requested for a V-model item like data (unconditional:
 * granted at once; conditional: the owner's stewards approve in the workflow), and called by
 * apps through the data gateway, which applies the grant, the rate limit and the log.
 */
export class CollaborationService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly catalog: CatalogService;
  private readonly records: RecordStore;
  private readonly model: ModelService;
  private readonly platformItems: PlatformItems;
  private readonly workflow: WorkflowEngine;
  private readonly keys: KeyRing;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    identity: IdentityStore;
    catalog: CatalogService;
    records: RecordStore;
    model: ModelService;
    platformItems: PlatformItems;
    workflow: WorkflowEngine;
    keys: KeyRing;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.catalog = deps.catalog;
    this.records = deps.records;
    this.model = deps.model;
    this.platformItems = deps.platformItems;
    this.workflow = deps.workflow;
    this.keys = deps.keys;
    this.workflow.registerHandler('collab.decide', async ({ tx, variables }) => {
      await this.decide(tx, String(variables.requestId), variables.approved === true, String(variables.opinion ?? ''));
    });
  }

  async register(actor: Actor, input: CreateServiceInput) {
    const org = await this.identity.findOrg(input.orgId);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId: input.orgId });
    requirePermission(actor, 'data.manage', { orgId: org.id, regionCode: org.regionCode });
    let sealed: Buffer | null = null;
    let version: number | null = null;
    if (input.kind === 'query') {
      const resource = await this.catalog.sharingView(input.resourceId);
      if (!resource) throw new NotFoundError('catalog.resource_not_found', { id: input.resourceId });
      if (resource.orgId !== org.id) throw new ValidationError('collab.not_own_resource');
      if (!resource.fields.some((f) => f.key && f.name === input.keyField))
        throw new ValidationError('catalog.not_a_key', { field: input.keyField });
      if (input.answer.type !== 'exists' && !resource.fields.some((f) => f.name === (input.answer as { field: string }).field))
        throw new ValidationError('gateway.unknown_field', { field: (input.answer as { field: string }).field });
    } else if (input.authorization) {
      const key = await this.keys.current();
      sealed = seal(key, Buffer.from(input.authorization));
      version = key.version;
    }
    const serviceId = newId('svc');
    await this.db.kysely.transaction().execute(async (tx) => {
      if ((await sql`select 1 from collab_services where code = ${input.code}`.execute(tx)).rows.length)
        throw new ConflictError('catalog.code_taken', { code: input.code });
      await sql`insert into collab_services (id, org_id, code, name, description, share_type, kind, resource_id, key_field, answer, url,
          auth_sealed, auth_key_version, timeout_ms, rate_limit, created_by)
        values (${serviceId}, ${org.id}, ${input.code}, ${input.name}, ${input.description}, ${input.shareType}, ${input.kind},
          ${input.kind === 'query' ? input.resourceId : null}, ${input.kind === 'query' ? input.keyField : null},
          ${input.kind === 'query' ? JSON.stringify(input.answer) : null}::jsonb, ${input.kind === 'http' ? input.url : null},
          ${sealed}, ${version}, ${input.kind === 'http' ? input.timeoutMs : 5000}, ${input.rateLimit}, ${actor.accountId})`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'collab.service.register',
          targetType: 'collab_service',
          targetId: serviceId,
          orgId: org.id,
          regionCode: org.regionCode,
          details: { code: input.code, kind: input.kind },
        },
        tx,
      );
    });
    return this.get(actor, serviceId);
  }

  private async row(idOrCode: string): Promise<ServiceRow | undefined> {
    return (
      await sql<ServiceRow>`select * from collab_services where (id = ${idOrCode} or code = ${idOrCode}) and status = 'active'`.execute(
        this.db.kysely,
      )
    ).rows[0];
  }

  /** The service catalog: every civil servant may browse what departments offer. */
  async list(actor: Actor) {
    requirePermission(actor, 'catalog.read');
    const rows = (await sql<ServiceRow>`select * from collab_services where status = 'active' order by code`.execute(this.db.kysely)).rows;
    const names = new Map((await this.identity.orgsByIds([...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o.name]));
    return { items: rows.map((r) => toServiceView(r, names.get(r.org_id) ?? r.org_id)) };
  }

  async get(actor: Actor, serviceId: string) {
    requirePermission(actor, 'catalog.read');
    const row = await this.row(serviceId);
    if (!row) throw new NotFoundError('collab.service_not_found', { id: serviceId });
    const org = await this.identity.findOrg(row.org_id);
    return toServiceView(row, org?.name ?? row.org_id);
  }

  async request(actor: Actor, input: z.infer<typeof createServiceRequestBody>) {
    const item = await this.model.findItem(input.itemId);
    if (!item) throw new NotFoundError('items.node_not_found', { nodeId: input.itemId });
    const consumer = await this.identity.findOrg(item.orgId);
    requirePermission(actor, 'data.manage', { orgId: item.orgId, regionCode: consumer?.regionCode ?? null });
    const service = await this.row(input.serviceId);
    if (!service) throw new NotFoundError('collab.service_not_found', { id: input.serviceId });
    if (service.org_id === item.orgId) throw new ValidationError('sharing.own_resource');
    const automatic = service.share_type === 'unconditional';
    const requestId = newId('csr');
    let approval: PreparedStart | null = null;
    if (!automatic) {
      const reviewers = (await this.identity.dataStewardsOf(service.org_id)).map((a) => a.id);
      if (!reviewers.length) throw new ValidationError('sharing.no_reviewer');
      const itemId = await this.platformItems.ensure(platformActor, service.org_id, {
        purpose: 'collaboration.approval',
        path: ['数据共享', '业务协同', '协同申请', '业务协同申请审批'],
        itemType: 'governance',
        process: approvalProcess,
        form: approvalForm,
        timeLimitDays: 5,
      });
      approval = await this.workflow.prepareStart(platformActor, 'zh-CN', {
        itemId,
        businessKey: requestId,
        variables: {
          requestId,
          service: service.name,
          consumer: consumer?.name ?? item.orgId,
          consumerItem: item.name,
          purpose: input.purpose,
          legalBasis: input.legalBasis,
          reviewers,
        },
      });
    }
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into collab_requests (id, service_id, owner_org_id, consumer_org_id, item_id, purpose, legal_basis, status, automatic,
          instance_id, requested_by)
        values (${requestId}, ${service.id}, ${service.org_id}, ${item.orgId}, ${item.id}, ${input.purpose}, ${input.legalBasis}, 'pending',
          ${automatic}, ${approval?.id ?? null}, ${actor.accountId})`.execute(tx);
      if (approval) await this.workflow.startPrepared(tx, approval);
      else await this.decide(tx, requestId, true, '无条件协同，系统自动授权');
      await this.audit.record(
        {
          actor,
          action: 'collab.request.create',
          targetType: 'collab_service',
          targetId: service.id,
          orgId: item.orgId,
          regionCode: consumer?.regionCode ?? null,
          details: { requestId, automatic },
        },
        tx,
      );
    });
    return this.getRequest(actor, requestId);
  }

  private async decide(tx: Executor, requestId: string, approved: boolean, reason: string) {
    await sql`update collab_requests set status = ${approved ? 'approved' : 'rejected'}, reason = ${reason || null}, decided_at = now()
      where id = ${requestId} and status = 'pending'`.execute(tx);
  }

  async getRequest(actor: Actor, requestId: string) {
    const row = (await sql<RequestRow>`select * from collab_requests where id = ${requestId}`.execute(this.db.kysely)).rows[0];
    if (!row) throw new NotFoundError('collab.request_not_found', { id: requestId });
    if (!(await this.mayRead(actor, row))) throw new ForbiddenError('access.forbidden', { permission: 'data.manage' });
    return toRequestView(row);
  }

  private async mayRead(actor: Actor, row: RequestRow) {
    for (const orgId of [row.owner_org_id, row.consumer_org_id]) {
      const org = await this.identity.findOrg(orgId);
      if (can(actor, 'data.manage', { orgId, regionCode: org?.regionCode ?? null })) return true;
    }
    return false;
  }

  async requests(actor: Actor) {
    const scope = permissionScope(actor, 'data.manage');
    requirePermission(actor, 'data.manage');
    const orgs = scope.orgIds.length ? scope.orgIds : [''];
    const rows = (
      await sql<RequestRow>`select * from collab_requests where ${scope.all || scope.regionCodes.length > 0}
          or owner_org_id in (${sql.join(orgs)}) or consumer_org_id in (${sql.join(orgs)})
        order by requested_at desc limit 500`.execute(this.db.kysely)
    ).rows;
    const items = [];
    for (const row of rows) if (await this.mayRead(actor, row)) items.push(toRequestView(row));
    return { items };
  }

  /**
   * For the gateway: the service, if the organisation holds a grant for it (an approved request);
   * `call` runs it. The gateway checks the app, admits the call and logs it.
   */
  async grantedService(consumerOrgId: string, code: string) {
    const service = await this.row(code);
    if (!service) return { service: undefined, granted: false };
    const granted = (
      await sql`select 1 from collab_requests where service_id = ${service.id} and consumer_org_id = ${consumerOrgId}
        and status = 'approved' limit 1`.execute(this.db.kysely)
    ).rows.length;
    return {
      service: { id: service.id, code: service.code, orgId: service.org_id, rateLimit: service.rate_limit, kind: service.kind },
      granted: granted > 0,
    };
  }

  async call(serviceId: string, input: { key?: string | undefined; input?: Record<string, unknown> | undefined }, consumerOrgId: string) {
    const service = (await sql<ServiceRow>`select * from collab_services where id = ${serviceId}`.execute(this.db.kysely)).rows[0]!;
    if (service.kind === 'query') {
      if (!input.key) throw new ValidationError('collab.key_required', { field: service.key_field });
      const resource = (await this.catalog.sharingView(service.resource_id!))!;
      const [found] = await this.records.lookup(resource.id, service.key_field!, [input.key]);
      const record = found?.record ?? null;
      const answer = service.answer!;
      if (answer.type === 'exists') return { answer: record !== null };
      if (answer.type === 'equals') return { answer: record !== null && String(record[answer.field] ?? '') === answer.value };
      const field = resource.fields.find((f) => f.name === answer.field)!;
      return { answer: record ? (maskValue(field, record[field.name]) ?? null) : null, found: record !== null };
    }
    const authorization =
      service.auth_sealed && service.auth_key_version !== null
        ? open(await this.keys.get(service.auth_key_version), Buffer.from(service.auth_sealed)).toString('utf8')
        : null;
    let response: Response;
    try {
      response = await fetch(service.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ key: input.key ?? null, input: input.input ?? {}, consumerOrgId }),
        signal: AbortSignal.timeout(service.timeout_ms),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new AppError(timedOut ? 504 : 502, timedOut ? 'collab.upstream_timeout' : 'collab.upstream_failed', { service: service.code });
    }
    const text = await response.text();
    if (!response.ok) throw new AppError(502, 'collab.upstream_failed', { service: service.code, status: response.status });
    if (text.length > maxAnswerBytes) throw new AppError(502, 'collab.upstream_too_large', { service: service.code });
    try {
      return { answer: JSON.parse(text) as unknown };
    } catch {
      throw new AppError(502, 'collab.upstream_failed', { service: service.code, status: response.status });
    }
  }
}

function toServiceView(r: ServiceRow, orgName: string) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    orgId: r.org_id,
    orgName,
    shareType: r.share_type,
    kind: r.kind,
    resourceId: r.resource_id,
    keyField: r.key_field,
    answer: r.answer,
    url: r.kind === 'http' ? r.url : null,
    hasAuthorization: r.auth_sealed !== null,
    rateLimit: r.rate_limit,
    callPath: `/gateway/v1/services/${r.code}/call`,
    createdAt: r.created_at,
  };
}

function toRequestView(r: RequestRow) {
  return {
    id: r.id,
    serviceId: r.service_id,
    ownerOrgId: r.owner_org_id,
    consumerOrgId: r.consumer_org_id,
    itemId: r.item_id,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    status: r.status,
    automatic: r.automatic,
    instanceId: r.instance_id,
    reason: r.reason,
    requestedAt: r.requested_at,
    decidedAt: r.decided_at,
  };
}
