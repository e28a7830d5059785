import { sql } from 'kysely';
import { z } from 'zod';
import {
  can,
  ConflictError,
  ForbiddenError,
  gradeRank,
  newId,
  NotFoundError,
  permissionScope,
  regionCovers,
  regionPrefix,
  requirePermission,
  serviceActor,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import type { ModelService, PlatformItems } from '../items/index.ts';
import type { PreparedStart, WorkflowEngine } from '../workflow/index.ts';
import { approvalForm, approvalProcess } from './approval-process.ts';

export const createRequestBody = z.strictObject({
  resourceId: z.string().regex(/^res_[0-9a-z]{26}$/, 'identity.invalid_id'),
  itemId: z.string().regex(/^node_[0-9a-z]{26}$/, 'identity.invalid_id'),
  fields: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/))
    .min(1)
    .max(300),
  purpose: z.string().trim().min(4).max(500),
  legalBasis: z.string().trim().min(2).max(500),
  /** 明文: the fields unmasked — never automatic, always reviewed */
  clearText: z.boolean().default(false),
  /** 数据回流: a province (or city) resource's records of the asker's own region, granted at once */
  flowBack: z.boolean().default(false),
  validUntil: z.iso.date().optional(),
});
export type CreateRequestInput = z.infer<typeof createRequestBody>;

interface RequestRow {
  id: string;
  resource_id: string;
  owner_org_id: string;
  consumer_org_id: string;
  item_id: string;
  fields: string[];
  purpose: string;
  legal_basis: string;
  status: string;
  automatic: boolean;
  instance_id: string | null;
  reason: string | null;
  requested_at: string;
  decided_at: string | null;
  clear_text: boolean;
  flow_back: boolean;
  valid_until: string | null;
}

/** What an organisation may read of a resource: the union of its active, unexpired grants. */
export interface GrantTerms {
  fields: string[];
  /** fields some grant allows unmasked */
  clearFields: string[];
  /** calls a minute: the most generous grant's; null = the gateway's default */
  rateLimit: number | null;
  /** flow-back grants only: the region prefixes (of the resource's `regionField`) whose records may be read; null = every record */
  regionPrefixes: string[] | null;
}

/** The platform itself, for what it does on an organisation's behalf (its approval item). */
const platformActor = serviceActor('zhili-sharing', '数据共享平台', ['model.manage', 'model.read', 'workflow.start', 'workflow.monitor']);

/**
 * P3.1 共享申请. Unconditionally shared fields of grade ≤ L2 are granted at once; everything
 * else goes through the owner's approval process in the workflow engine (its data officers
 * review; L4 fields add a security review by the owner's leaders), whose last step — the
 * `share.decide` service task — decides the request and writes the grant in the same
 * transaction as the step.
 */
export class SharingService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly catalog: CatalogService;
  private readonly model: ModelService;
  private readonly platformItems: PlatformItems;
  private readonly workflow: WorkflowEngine;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    identity: IdentityStore;
    catalog: CatalogService;
    model: ModelService;
    platformItems: PlatformItems;
    workflow: WorkflowEngine;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.catalog = deps.catalog;
    this.model = deps.model;
    this.platformItems = deps.platformItems;
    this.workflow = deps.workflow;
    this.workflow.registerHandler('share.decide', async ({ tx, variables }) => {
      await this.decide(tx, String(variables.requestId), {
        approved: variables.approved === true,
        reason: String(variables.opinion ?? ''),
        rateLimit: typeof variables.rateLimit === 'number' ? variables.rateLimit : null,
        validUntil: typeof variables.grantUntil === 'string' ? variables.grantUntil : null,
      });
    });
  }

  async request(actor: Actor, input: CreateRequestInput) {
    const item = await this.model.findItem(input.itemId);
    if (!item) throw new NotFoundError('items.node_not_found', { nodeId: input.itemId });
    const consumer = await this.identity.findOrg(item.orgId);
    requirePermission(actor, 'data.manage', { orgId: item.orgId, regionCode: consumer?.regionCode ?? null });
    const resource = await this.catalog.sharingView(input.resourceId);
    if (!resource) throw new NotFoundError('catalog.resource_not_found', { id: input.resourceId });
    if (resource.orgId === item.orgId) throw new ValidationError('sharing.own_resource');
    if (resource.shareType === 'none') throw new ValidationError('sharing.not_shareable', { resource: resource.name });
    const byName = new Map(resource.fields.map((f) => [f.name, f]));
    const unknown = input.fields.filter((f) => !byName.has(f));
    if (unknown.length) throw new ValidationError('sharing.unknown_fields', { fields: unknown });
    const fields = [...new Set(input.fields)];
    const grades = fields.map((f) => byName.get(f)!.grade);
    if (input.validUntil && input.validUntil <= new Date().toISOString().slice(0, 10))
      throw new ValidationError('sharing.valid_until_past', { validUntil: input.validUntil });
    let regionPrefixForFlowBack: string | null = null;
    if (input.flowBack) {
      const ownerRegion = (await this.identity.findOrg(resource.orgId))?.regionCode ?? '';
      const consumerRegion = consumer?.regionCode ?? '';
      if (!resource.regionField) throw new ValidationError('sharing.no_flow_back', { resource: resource.name });
      if (consumerRegion === ownerRegion || !regionCovers(ownerRegion, consumerRegion))
        throw new ValidationError('sharing.flow_back_not_below', { resource: resource.name });
      regionPrefixForFlowBack = regionPrefix(consumerRegion);
    }
    const automatic =
      !input.clearText &&
      (regionPrefixForFlowBack !== null || (resource.shareType === 'unconditional' && grades.every((g) => gradeRank(g) <= 2)));
    const needsSecurity = grades.includes('L4');
    const owner = await this.identity.findOrg(resource.orgId);
    const reviewers = automatic ? [] : await this.reviewersOf(resource.orgId);
    const id = newId('shr');
    // The owner's approval runs in the workflow engine (its last step decides: share.decide); it
    // is prepared first and started in the request's own transaction, so the two commit together.
    let approval: PreparedStart | null = null;
    if (!automatic) {
      // 安全审查 by the owner's leaders, or those of the government it belongs to (数据局 → 市政府).
      let securityReviewers = (await this.identity.leadersOf(resource.orgId)).map((a) => a.id);
      if (!securityReviewers.length && owner?.parentOrgId)
        securityReviewers = (await this.identity.leadersOf(owner.parentOrgId)).map((a) => a.id);
      approval = await this.workflow.prepareStart(platformActor, 'zh-CN', {
        itemId: await this.approvalItem(resource.orgId),
        businessKey: id,
        variables: {
          requestId: id,
          resource: resource.name,
          consumer: consumer?.name ?? item.orgId,
          consumerItem: item.name,
          fields,
          purpose: input.purpose,
          legalBasis: input.legalBasis,
          needsSecurity,
          reviewers,
          securityReviewers: securityReviewers.length ? securityReviewers : reviewers,
          owner: owner?.name ?? resource.orgId,
          clearText: input.clearText,
          validUntil: input.validUntil ?? null,
        },
      });
    }
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into share_requests (id, resource_id, owner_org_id, consumer_org_id, item_id, fields, purpose, legal_basis, status,
          automatic, instance_id, requested_by, clear_text, flow_back, valid_until)
        values (${id}, ${resource.id}, ${resource.orgId}, ${item.orgId}, ${item.id}, ${JSON.stringify(fields)}::jsonb, ${input.purpose},
          ${input.legalBasis}, 'pending', ${automatic}, ${approval?.id ?? null}, ${actor.accountId}, ${input.clearText}, ${input.flowBack},
          ${input.validUntil ?? null})`.execute(tx);
      if (approval) await this.workflow.startPrepared(tx, approval);
      else
        await this.decide(tx, id, {
          approved: true,
          reason: regionPrefixForFlowBack ? '数据回流，系统自动授权本地区记录' : '无条件共享，系统自动授权',
          regionPrefix: regionPrefixForFlowBack,
        });
      await this.audit.record(
        {
          actor,
          action: 'sharing.request.create',
          targetType: 'share_request',
          targetId: id,
          orgId: item.orgId,
          regionCode: consumer?.regionCode ?? null,
          details: { resourceId: resource.id, fields, automatic },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  /** Who reviews for an owner: its data stewards (data officers, else administrators, leaders, the province data bureau). */
  private async reviewersOf(orgId: string): Promise<string[]> {
    const stewards = await this.identity.dataStewardsOf(orgId);
    if (!stewards.length) throw new ValidationError('sharing.no_reviewer');
    return stewards.map((a) => a.id);
  }

  /** Decides a request inside the caller's transaction: the grant exists iff the step that approved it committed. */
  private async decide(
    tx: Executor,
    requestId: string,
    decision: { approved: boolean; reason: string; rateLimit?: number | null; validUntil?: string | null; regionPrefix?: string | null },
  ): Promise<void> {
    const row = (await sql<RequestRow>`select * from share_requests where id = ${requestId} for update`.execute(tx)).rows[0];
    if (!row || row.status !== 'pending') return;
    await sql`update share_requests set status = ${decision.approved ? 'approved' : 'rejected'}, reason = ${decision.reason || null},
      decided_at = now() where id = ${requestId}`.execute(tx);
    // valid until the end of the day it names (Beijing time)
    const until = decision.validUntil ?? (row.valid_until ? String(row.valid_until).slice(0, 10) : null);
    if (decision.approved)
      await sql`insert into share_grants (id, request_id, resource_id, consumer_org_id, item_id, fields, status, clear_text, rate_limit,
          expires_at, region_prefix)
        values (${newId('grt')}, ${requestId}, ${row.resource_id}, ${row.consumer_org_id}, ${row.item_id}, ${JSON.stringify(row.fields)}::jsonb,
          'active', ${row.clear_text}, ${decision.rateLimit ?? null}, ${until ? `${until}T23:59:59.999+08:00` : null},
          ${decision.regionPrefix ?? null})`.execute(tx);
  }

  /** The owner's 数据共享申请审批 item: made on first use in its V-model, process and form deployed, 5 working days. */
  private approvalItem(orgId: string): Promise<string> {
    return this.platformItems.ensure(platformActor, orgId, {
      purpose: 'sharing.approval',
      path: ['数据共享', '共享审批', '共享申请', '数据共享申请审批'],
      itemType: 'governance',
      process: approvalProcess,
      form: approvalForm,
      timeLimitDays: 5,
    });
  }

  /** The data officers (or a platform admin over the region) of either side. */
  private async mayRead(actor: Actor, row: RequestRow): Promise<boolean> {
    for (const orgId of [row.owner_org_id, row.consumer_org_id]) {
      const org = await this.identity.findOrg(orgId);
      if (can(actor, 'data.manage', { orgId, regionCode: org?.regionCode ?? null })) return true;
    }
    return false;
  }

  async get(actor: Actor, id: string) {
    const row = (await sql<RequestRow>`select * from share_requests where id = ${id}`.execute(this.db.kysely)).rows[0];
    if (!row) throw new NotFoundError('sharing.request_not_found', { id });
    if (!(await this.mayRead(actor, row))) throw new ForbiddenError('access.forbidden', { permission: 'data.manage' });
    return toView(row);
  }

  /** Requests of the organisations the actor manages data for: asked by them, or asked of them. */
  async list(actor: Actor) {
    const scope = permissionScope(actor, 'data.manage');
    requirePermission(actor, 'data.manage');
    const orgs = scope.orgIds;
    const rows = scope.all
      ? (await sql<RequestRow>`select * from share_requests order by requested_at desc limit 500`.execute(this.db.kysely)).rows
      : (
          await sql<RequestRow>`select * from share_requests where owner_org_id in (${sql.join(orgs.length ? orgs : [''])})
            or consumer_org_id in (${sql.join(orgs.length ? orgs : [''])}) order by requested_at desc limit 500`.execute(this.db.kysely)
        ).rows;
    return { items: rows.map(toView), nextCursor: null };
  }

  /**
   * Whether an item's data needs are met: a need `{ resource, field }` names a resource by its
   * name or code and a field by its name or Chinese label; an active grant for the item covering
   * that field matches it.
   */
  async matchNeeds(itemId: string, needs: { resource: string; field: string }[]): Promise<boolean[]> {
    const grants = (
      await sql<{ resource_id: string; fields: string[] }>`select resource_id, fields from share_grants
        where item_id = ${itemId} and status = 'active'`.execute(this.db.kysely)
    ).rows;
    const covered: { names: string[]; fields: Set<string> }[] = [];
    for (const grant of grants) {
      const resource = await this.catalog.sharingView(grant.resource_id);
      if (!resource) continue;
      const fields = new Set<string>();
      for (const f of resource.fields) if (grant.fields.includes(f.name)) fields.add(f.name).add(f.label);
      covered.push({ names: [resource.name, resource.code], fields });
    }
    return needs.map((need) => covered.some((c) => c.names.includes(need.resource) && c.fields.has(need.field)));
  }

  /** The fields an organisation may read of a resource: the union of its active grants (the gateway asks). */
  async grantedFields(consumerOrgId: string, resourceId: string): Promise<string[]> {
    return (await this.grantTerms(consumerOrgId, resourceId)).fields;
  }

  /** Everything the gateway needs to honour an organisation's grants on a resource. */
  async grantTerms(consumerOrgId: string, resourceId: string): Promise<GrantTerms> {
    const rows = (
      await sql<{
        fields: string[];
        clear_text: boolean;
        rate_limit: number | null;
        region_prefix: string | null;
      }>`select fields, clear_text, rate_limit, region_prefix from share_grants where consumer_org_id = ${consumerOrgId}
        and resource_id = ${resourceId} and status = 'active' and (expires_at is null or expires_at > now())`.execute(this.db.kysely)
    ).rows;
    const limits = rows.map((r) => r.rate_limit);
    return {
      fields: [...new Set(rows.flatMap((r) => r.fields))],
      clearFields: [...new Set(rows.filter((r) => r.clear_text).flatMap((r) => r.fields))],
      rateLimit: limits.length && limits.every((l) => l !== null) ? Math.max(...(limits as number[])) : null,
      regionPrefixes: rows.length && rows.every((r) => r.region_prefix) ? rows.map((r) => r.region_prefix!) : null,
    };
  }

  /**
   * 撤销授权: the owner's data officer withdraws a grant, with a reason; the gateway refuses its
   * next call (grants are read afresh on every call).
   */
  async revokeGrant(actor: Actor, grantId: string, reason: string) {
    const grant = (
      await sql<{
        id: string;
        resource_id: string;
        consumer_org_id: string;
        status: string;
      }>`select id, resource_id, consumer_org_id, status
        from share_grants where id = ${grantId}`.execute(this.db.kysely)
    ).rows[0];
    if (!grant) throw new NotFoundError('sharing.grant_not_found', { id: grantId });
    const resource = await this.catalog.sharingView(grant.resource_id);
    const owner = resource ? await this.identity.findOrg(resource.orgId) : undefined;
    requirePermission(actor, 'data.manage', { orgId: resource?.orgId ?? '', regionCode: owner?.regionCode ?? null });
    await this.db.kysely.transaction().execute(async (tx) => {
      const changed = await sql`update share_grants set status = 'revoked' where id = ${grantId} and status = 'active'`.execute(tx);
      if (!Number(changed.numAffectedRows ?? 0)) throw new ConflictError('sharing.grant_not_active', { id: grantId });
      await this.audit.record(
        {
          actor,
          action: 'sharing.grant.revoke',
          targetType: 'share_grant',
          targetId: grantId,
          orgId: resource?.orgId ?? null,
          regionCode: owner?.regionCode ?? null,
          details: { resourceId: grant.resource_id, consumerOrgId: grant.consumer_org_id, reason },
        },
        tx,
      );
    });
    return { id: grantId, status: 'revoked' };
  }

  /** Active grants of a consumer organisation (what the gateway will honour). */
  async grants(actor: Actor, orgId: string) {
    const org = await this.identity.findOrg(orgId);
    requirePermission(actor, 'data.manage', { orgId, regionCode: org?.regionCode ?? null });
    const rows = (
      await sql<{
        id: string;
        request_id: string;
        resource_id: string;
        item_id: string;
        fields: string[];
        granted_at: string;
        clear_text: boolean;
        rate_limit: number | null;
        expires_at: string | null;
        region_prefix: string | null;
      }>`select id, request_id, resource_id, item_id, fields, granted_at, clear_text, rate_limit, expires_at, region_prefix
        from share_grants where consumer_org_id = ${orgId} and status = 'active' and (expires_at is null or expires_at > now())
        order by granted_at desc`.execute(this.db.kysely)
    ).rows;
    return {
      items: rows.map((r) => ({
        id: r.id,
        requestId: r.request_id,
        resourceId: r.resource_id,
        itemId: r.item_id,
        fields: r.fields,
        grantedAt: r.granted_at,
        clearText: r.clear_text,
        rateLimit: r.rate_limit,
        expiresAt: r.expires_at,
        regionPrefix: r.region_prefix,
      })),
    };
  }
}

function toView(row: RequestRow) {
  return {
    id: row.id,
    resourceId: row.resource_id,
    ownerOrgId: row.owner_org_id,
    consumerOrgId: row.consumer_org_id,
    itemId: row.item_id,
    fields: row.fields,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    status: row.status,
    automatic: row.automatic,
    instanceId: row.instance_id,
    reason: row.reason,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    clearText: row.clear_text,
    flowBack: row.flow_back,
    validUntil: row.valid_until ? String(row.valid_until).slice(0, 10) : null,
  };
}
